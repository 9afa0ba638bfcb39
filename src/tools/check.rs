//! `brief check`: validate briefing files and print diagnostics. STUB.

use crate::cli::CheckArgs;

/// Runs the check; returns the process exit code.
pub fn run(_args: &CheckArgs) -> i32 {
    eprintln!("brief check: not yet");
    2
}
