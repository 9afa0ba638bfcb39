//! Bytes -> validated `Briefing`, with the file guards (size, UTF-8, file type).
//!
//! Loading never panics and never blocks on a FIFO: the file type is checked
//! before the file is opened.

use super::Briefing;
use super::diagnostic::{Diagnostic, Report};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused (64 MiB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A briefing that loaded, with any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub report: Report,
}

/// Why a file did not load: its diagnostics.
pub type LoadError = Report;

fn too_large(label: &str) -> Report {
    let msg = format!(
        "file is larger than the limit of {} MiB",
        MAX_BYTES / 1024 / 1024
    );
    Report::single(label, Diagnostic::error("too-large", msg, None))
}

/// Reads and loads one briefing file.
pub fn load_path(path: &Path) -> Result<Loaded, Report> {
    // Its diagnostics name the file as every output does: escaped, exactly.
    let label = super::name::shown(path);
    let io = |e: std::io::Error| {
        let msg = format!("cannot read the file: {e}");
        Report::single(&label, Diagnostic::error("io", msg, None))
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let msg = "a directory, not a briefing file";
        let help = "use `brief check DIR` to check every *.toml in it";
        let d = Diagnostic::error("not-a-file", msg, None).with_help(help);
        return Err(Report::single(&label, d));
    }
    if !meta.is_file() {
        let msg = "not a regular file (a FIFO, socket or device?)";
        return Err(Report::single(
            &label,
            Diagnostic::error("not-a-file", msg, None),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(too_large(&label));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = std::fs::File::open(path).map_err(io)?;
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    load_bytes(&label, &bytes)
}

/// Loads a briefing from bytes (checked to be UTF-8 and within the size limit).
pub fn load_bytes(label: &str, bytes: &[u8]) -> Result<Loaded, Report> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(label));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(label, text),
        Err(e) => Err(not_utf8(label, bytes, e.valid_up_to())),
    }
}

/// A `not-utf8` report pointing at the first bad byte (the text is the lossy decoding).
fn not_utf8(label: &str, bytes: &[u8], at: usize) -> Report {
    let text = String::from_utf8_lossy(bytes).into_owned();
    // The valid prefix decodes to itself, so `at` is also the offset in `text`.
    let span = at..(at + char::REPLACEMENT_CHARACTER.len_utf8()).min(text.len());
    let msg = format!("the file is not valid UTF-8 (invalid byte at offset {at})");
    let d = Diagnostic::error("not-utf8", msg, Some(span)).with_help("save the file as UTF-8");
    Report {
        path: label.to_string(),
        text,
        diagnostics: vec![d],
    }
}

/// Loads a briefing from text: parse, walk, validate.
pub fn load_str(label: &str, text: &str) -> Result<Loaded, Report> {
    let mut diagnostics = Vec::new();
    let tree = super::fast::tree(text).or_else(|| super::walk::walk(text, &mut diagnostics));
    let briefing = tree.and_then(|tree| super::validate::validate(tree, text, &mut diagnostics));
    // The text is kept only for diagnostics to point into.
    let text = if diagnostics.is_empty() {
        String::new()
    } else {
        text.to_string()
    };
    let mut report = Report {
        path: label.to_string(),
        text,
        diagnostics,
    };
    report.sort();
    match briefing {
        Some(briefing) if report.errors() == 0 => Ok(Loaded { briefing, report }),
        _ => Err(report),
    }
}

/// Reads and loads a briefing from a stream (standard input), bounded as a
/// file is: at most [`MAX_BYTES`] are kept, and more is refused as too large.
pub fn load_reader(label: &str, reader: impl std::io::Read) -> Result<Loaded, Report> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_BYTES + 1).read_to_end(&mut bytes) {
        let msg = format!("cannot read standard input: {e}");
        return Err(Report::single(label, Diagnostic::error("io", msg, None)));
    }
    load_bytes(label, &bytes)
}

/// A directory with no briefing file in it: what `brief check DIR` and the
/// piped reader say (the reader's library shows its own empty list).
pub fn no_files(dir: &Path) -> Report {
    let d = Diagnostic::error("no-files", "no *.toml files in this directory", None);
    Report::single(&super::name::shown(dir), d)
}
