//! What the reader knows of a file without reading it: whether a library
//! lists it, its stamp (modified, length), and the label standard input
//! goes by. Shared by opening (`open`), watching (`watch`) and the app's
//! entries, below all three.

use std::path::Path;
use std::time::SystemTime;

/// (modified, length): what tells a saved file from an unchanged one.
pub type Stamp = (SystemTime, u64);

/// The file's stamp now, if it exists.
pub fn stamp(p: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(p).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// What a library lists: `*.toml` files, not hidden ones (editors' temporary
/// and backup files often start with a dot).
pub fn is_briefing_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
        && !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// A regular file itself, not a symbolic link to one: what a served library
/// reads (a link could lead out of it).
pub fn is_plain_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file())
}

/// The label of a briefing read from standard input.
pub const STDIN_LABEL: &str = "<stdin>";
