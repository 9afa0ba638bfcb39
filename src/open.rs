//! Finding what to read: a file, a directory of briefings, or the bundled ones.

use crate::app::Entry;
use crate::model::{Report, load_bytes, load_path, load_str};
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// What the reader opens.
#[derive(Debug)]
pub struct Opened {
    pub entries: Vec<Entry>,
    pub is_library: bool,
    /// The directory opened as a library (watched for new briefings).
    pub dir: Option<std::path::PathBuf>,
}

/// Opens `path`, or `./briefings`, or the bundled briefings. A single file
/// that fails to load is an error (its diagnostics); in a directory, failures
/// are listed beside the briefings that loaded.
pub fn open(path: Option<&Path>) -> Result<Opened, Box<Report>> {
    let path = match path {
        Some(p) if p.as_os_str() == "-" => return stdin().map_err(Box::new),
        Some(p) => p,
        None if Path::new("briefings").is_dir() => Path::new("briefings"),
        None => return Ok(bundled()),
    };
    if path.is_dir() {
        return Ok(Opened {
            entries: directory(path),
            is_library: true,
            dir: Some(path.to_path_buf()),
        });
    }
    let stamp = crate::watch::stamp(path);
    let loaded = load_path(path).map_err(Box::new)?;
    let mut entry = Entry::at(path, Ok(loaded));
    entry.stamp = stamp;
    Ok(Opened {
        entries: vec![entry],
        is_library: false,
        dir: None,
    })
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
            let stamp = crate::watch::stamp(&p);
            let mut entry = Entry::at(&p, load_path(&p));
            entry.stamp = stamp;
            entry
        })
        .collect()
}

/// What a library lists: `*.toml` files, not hidden ones (editors' temporary
/// and backup files often start with a dot).
pub fn is_briefing_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
        && !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// The label of a briefing read from standard input.
pub const STDIN_LABEL: &str = "<stdin>";

/// `brief -`: the briefing on standard input (keys then come from /dev/tty).
fn stdin() -> Result<Opened, Report> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let limit = crate::model::load::MAX_BYTES;
    let read = std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes);
    if let Err(e) = read {
        let mut report = Report {
            path: STDIN_LABEL.into(),
            ..Default::default()
        };
        report.diagnostics.push(crate::model::Diagnostic::error(
            "io",
            format!("cannot read standard input: {e}"),
            None,
        ));
        return Err(report);
    }
    let loaded = load_bytes(STDIN_LABEL, &bytes)?;
    Ok(Opened {
        entries: vec![Entry::new(STDIN_LABEL, Ok(loaded))],
        is_library: false,
        dir: None,
    })
}
