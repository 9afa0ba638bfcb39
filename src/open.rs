//! Finding what to read: a file, a directory of briefings, or the bundled ones.

use crate::app::Entry;
pub use crate::files::{STDIN_LABEL, is_briefing_file};
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
    open_with(path, false)
}

/// As [`open`]; with `listed`, a directory is listed, not read: its entries
/// are pending, for the reader's background loader to fill in (the first
/// frame then costs the same at 10 files or 10,000).
pub fn open_with(path: Option<&Path>, listed: bool) -> Result<Opened, Box<Report>> {
    let path = match path {
        Some(p) if p.as_os_str() == "-" => return stdin().map_err(Box::new),
        Some(p) => p,
        None if Path::new("briefings").is_dir() => Path::new("briefings"),
        None => return Ok(bundled()),
    };
    if path.is_dir() {
        let entries = if listed {
            (crate::library::list(path).into_iter())
                .map(Entry::listed)
                .collect()
        } else {
            directory(path)
        };
        return Ok(Opened {
            entries,
            is_library: true,
            dir: Some(path.to_path_buf()),
        });
    }
    let stamp = crate::files::stamp(path);
    let loaded = load_path(path).map_err(Box::new)?;
    let label = path.display().to_string();
    let mut entry = Entry::new(label, Ok(loaded));
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
            let stamp = crate::files::stamp(&p);
            let mut entry = Entry::new(p.display().to_string(), load_path(&p));
            entry.stamp = stamp;
            entry
        })
        .collect()
}

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
