//! The integration tests, as one binary: one link instead of one per file.

mod cli_check;
mod cli_diff;
mod cli_new;
mod cli_render;
mod comforts_pty;
mod common;
mod diff_hash;
mod docs;
mod file_churn;
mod hostile;
mod keystroke_bytes;
mod live_reload;
mod load;
mod markdown_escape;
mod props;
mod reader_cli;
mod reader_pty;
mod schema;
mod screen;
mod search_pty;
mod shell;
mod sizes;
mod snapshots;
mod ssh;
mod state_kill;
mod terminal_abuse;
