//! Finding what to read: a file, a directory of briefings, or the bundled ones.

use crate::app::Entry;
pub use crate::files::{STDIN_LABEL, is_briefing_file};
use crate::model::load::load_reader;
use crate::model::{Loaded, Report, load_path, load_str};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// What the reader opens.
#[derive(Debug)]
pub struct Opened {
    pub entries: Vec<Entry>,
    pub is_library: bool,
    /// The directory opened as a library (watched for new briefings).
    pub dir: Option<std::path::PathBuf>,
    /// The directory is yet to be listed (in the background, by the reader).
    pub listing: bool,
}

/// Opens `path`, or `./briefings`, or the bundled briefings. A single file
/// that fails to load is an error (its diagnostics); in a directory, failures
/// are listed beside the briefings that loaded.
pub fn open(path: Option<&Path>) -> Result<Opened, Box<Report>> {
    open_with(path, false)
}

/// As [`open`]; with `listed`, a directory is neither listed nor read here:
/// the reader lists it in the background and its loader fills the entries
/// in (the first frame then costs the same at 10 files or 10,000).
pub fn open_with(path: Option<&Path>, listed: bool) -> Result<Opened, Box<Report>> {
    let path = match path {
        Some(p) if is_stdin(p) => return stdin().map_err(Box::new),
        Some(p) => p,
        None if Path::new("briefings").is_dir() => Path::new("briefings"),
        None => return Ok(bundled()),
    };
    if path.is_dir() {
        let entries = if listed { Vec::new() } else { directory(path) };
        return Ok(Opened {
            entries,
            is_library: true,
            dir: Some(path.to_path_buf()),
            listing: listed,
        });
    }
    let stamp = crate::files::stamp(path);
    let loaded = load_path(path).map_err(Box::new)?;
    let mut entry = Entry::at(path, Ok(loaded));
    entry.stamp = stamp;
    Ok(Opened {
        entries: vec![entry],
        is_library: false,
        dir: None,
        listing: false,
    })
}

/// Whether a command-line path means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// One briefing named on the command line (`check`, `diff`, `render`, the
/// reader): `-` is standard input, labelled [`STDIN_LABEL`] and read within
/// the file size limit; anything else is a file.
pub fn load_arg(path: &Path) -> Result<Loaded, Report> {
    if is_stdin(path) {
        load_reader(STDIN_LABEL, std::io::stdin().lock())
    } else {
        load_path(path)
    }
}

/// The briefings compiled into the binary.
pub fn bundled() -> Opened {
    let entries = BUNDLED
        .iter()
        .map(|(name, text)| {
            let label = format!("bundled:{name}");
            let loaded = load_str(&label, text);
            Entry::new(label, loaded)
        })
        .collect();
    Opened {
        entries,
        is_library: true,
        dir: None,
        listing: false,
    }
}

/// Every `*.toml` directly in `dir`, loaded (or not) in name order.
pub fn directory(dir: &Path) -> Vec<Entry> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| is_briefing_file(p));
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let stamp = crate::files::stamp(&p);
            let mut entry = Entry::at(&p, load_path(&p));
            entry.stamp = stamp;
            entry
        })
        .collect()
}

/// `brief -`: the briefing on standard input (keys then come from /dev/tty).
fn stdin() -> Result<Opened, Report> {
    let loaded = load_arg(Path::new("-"))?;
    Ok(Opened {
        entries: vec![Entry::new(STDIN_LABEL, Ok(loaded))],
        is_library: false,
        dir: None,
        listing: false,
    })
}
