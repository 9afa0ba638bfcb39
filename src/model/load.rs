//! Bytes -> validated `Briefing`, with the file guards (size, UTF-8, file type).
//!
//! Loading never panics and never blocks on a FIFO: files are read through
//! [`super::file::read_bounded`], which checks the file type and bounds the read.

use super::Briefing;
use super::diagnostic::{Diagnostic, Diags, Report};
use super::file::{ReadError, read_bounded};
use std::path::Path;

/// Files larger than this are refused (64 MiB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A briefing that loaded, with any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub report: Report,
    /// What the library-wide views read (see [`super::digest`]), made the
    /// first time it is asked for (`check` never does) and then shared by
    /// every reader of this version.
    digest: std::sync::OnceLock<std::sync::Arc<super::digest::Digest>>,
    /// Its front page and counts (see [`super::front`]), made on first use
    /// and shared like the digest.
    outline: std::sync::OnceLock<std::sync::Arc<super::front::Outline>>,
    /// Its items' keys and hashes, made on first use (see [`Loaded::ids`]).
    pub(super) ids: std::sync::OnceLock<std::sync::Arc<super::item_ids::ItemIds>>,
}

impl Loaded {
    pub fn new(briefing: Briefing, report: Report) -> Self {
        Self {
            briefing,
            report,
            digest: std::sync::OnceLock::new(),
            outline: std::sync::OnceLock::new(),
            ids: Default::default(),
        }
    }

    /// The briefing's front page and counts, made on first use.
    pub fn outline(&self) -> &std::sync::Arc<super::front::Outline> {
        (self.outline)
            .get_or_init(|| std::sync::Arc::new(super::front::Outline::of(&self.briefing)))
    }

    /// The briefing's digest, made on first use (linear in its size).
    pub fn digest(&self) -> &std::sync::Arc<super::digest::Digest> {
        (self.digest).get_or_init(|| std::sync::Arc::new(super::digest::Digest::of(&self.briefing)))
    }
}

/// Why a file did not load: its diagnostics.
pub type LoadError = Report;

fn too_large(label: &str) -> Report {
    let d = ReadError::TooLarge(MAX_BYTES).diagnostic("the file");
    Report::single(label, d)
}

/// Reads and loads one briefing file (through the guarded read in [`super::file`]).
pub fn load_path(path: &Path) -> Result<Loaded, Report> {
    // Its diagnostics name the file as every output does: escaped, exactly.
    let label = super::name::shown(path);
    let bytes = read_bounded(path, MAX_BYTES).map_err(|e| {
        let d = match e {
            ReadError::Directory => {
                Diagnostic::error("not-a-file", "a directory, not a briefing file", None)
                    .with_help("use `brief check DIR` to check every *.toml in it")
            }
            e => e.diagnostic("the file"),
        };
        Report::single(&label, d)
    })?;
    // The bytes become the text, and the text the report's: one copy in all.
    match String::from_utf8(bytes) {
        Ok(text) => load_string(&label, text),
        Err(e) => Err(not_utf8(&label, e.as_bytes(), e.utf8_error().valid_up_to())),
    }
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
pub fn not_utf8(label: &str, bytes: &[u8], at: usize) -> Report {
    let text = String::from_utf8_lossy(bytes).into_owned();
    // The valid prefix decodes to itself, so `at` is also the offset in `text`.
    let span = at..(at + char::REPLACEMENT_CHARACTER.len_utf8()).min(text.len());
    let msg = format!("the file is not valid UTF-8 (invalid byte at offset {at})");
    let d = Diagnostic::error("not-utf8", msg, Some(span)).with_help("save the file as UTF-8");
    let mut diags = Diags::new();
    diags.push(d);
    Report::new(label, text, diags)
}

/// Loads a briefing from text: plan, parse, walk, validate.
pub fn load_str(label: &str, text: &str) -> Result<Loaded, Report> {
    let (briefing, diags) = parse(text);
    finish(label, briefing, diags, || text.to_string())
}

/// [`load_str`] for a text that is ours: a report keeps it without a copy.
fn load_string(label: &str, text: String) -> Result<Loaded, Report> {
    let (briefing, diags) = parse(&text);
    finish(label, briefing, diags, || text)
}

/// The briefing, if the text is one, and what is wrong with it. The scan
/// refuses a text beyond the limits before any of it is parsed.
fn parse(text: &str) -> (Option<Briefing>, Diags) {
    let mut diags = Diags::new();
    let plan = match super::scan::plan(text) {
        Ok(plan) => plan,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    if let Some(briefing) = super::fast::load(text, &plan, &mut diags) {
        return (briefing, diags);
    }
    // serde rejected a piece: start over with the walker, which says why.
    let mut diags = Diags::new();
    let briefing = super::walk::load(text, &plan, &mut diags);
    (briefing, diags)
}

fn finish(
    label: &str,
    briefing: Option<Briefing>,
    diags: Diags,
    text: impl FnOnce() -> String,
) -> Result<Loaded, Report> {
    // The text is kept only for diagnostics to point into.
    let text = if diags.is_empty() {
        String::new()
    } else {
        text()
    };
    let report = Report::new(label, text, diags);
    match briefing {
        Some(briefing) if report.errors() == 0 => Ok(Loaded::new(briefing, report)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn related(text: &str, code: &str) -> (usize, usize) {
        let report = load_str("t.toml", text).expect_err("has an error");
        let d = (report.diagnostics.iter())
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code} in {:#?}", report.diagnostics));
        let r = d.related.as_ref().expect("a related place");
        assert_eq!(r.message, "first defined here");
        (d.span.as_ref().unwrap().start, r.span.start)
    }

    #[test]
    fn duplicates_point_at_the_first_definition() {
        let head = "[briefing]\ntitle = \"T\"\ndate = 2025-01-01\nsummary = \"S\"\n";
        // A table defined twice (toml's "duplicate key").
        let text = format!("{head}[actor.putin]\nname = \"A\"\n[actor.putin]\nname = \"B\"\n");
        let (second, first) = related(&text, "toml-syntax");
        assert_eq!(first, text.find("putin").unwrap());
        assert_eq!(second, text.rfind("putin").unwrap());
        // A section id used twice (the validator's duplicate-id).
        let sections = "[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.item]]\ntitle = \"I\"\n";
        let text = format!("{head}{sections}{sections}");
        let (second, first) = related(&text, "duplicate-id");
        assert_eq!(first, text.find("\"a\"").unwrap());
        assert_eq!(second, text.rfind("\"a\"").unwrap());
    }

    #[test]
    fn a_duplicate_in_a_later_piece_points_into_the_whole_file() {
        // Read in pieces: the related place is shifted with the span.
        let mut text = crate::sample::generate(3, 3);
        let at = text.rfind("[[section.item]]\n").unwrap() + "[[section.item]]\n".len();
        text.insert_str(at, "tags = []\ntags = []\n");
        let (second, first) = related(&text, "toml-syntax");
        assert_eq!(first, at);
        assert_eq!(second, at + "tags = []\n".len());
    }
}
