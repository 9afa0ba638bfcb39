//! Command-line tools that sit beside the reader, each a thin front end over `model`.

pub mod check;
pub mod diff;
pub mod diff_text;
