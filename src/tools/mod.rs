//! Command-line tools that sit beside the reader, each a thin front end over `model`.

pub mod check;
pub mod diff;
pub mod diff_change;
mod diff_match;
pub mod diff_text;
pub mod manpage;
pub mod new;
pub mod render;
pub mod render_dossier;
pub mod render_json;
pub mod render_timeline;
pub mod schema;
