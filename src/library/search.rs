//! Searching a whole library off the UI thread, without holding every
//! briefing (or its index) in memory: one thread reads the files in the
//! order asked (newest first), skips those whose text cannot match, parses
//! only the others, and sends the hits back a batch at a time with what
//! their rows show. A newer search, or a cancelled one, stops the one
//! under way at the next file.

use crate::doc::refs::target_crumbs;
use crate::model::sanitize::sanitize_inline as clean;
use crate::search::fold::fold;
use crate::search::{Index, Query, Target};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// A search asked for: the query, and the files (entry, path) in the order
/// their hits should come.
#[derive(Debug, Clone)]
pub struct Request {
    /// Which search this is: hits of any other are dropped, and the search
    /// stops when the shared generation moves past it.
    pub generation: u64,
    pub query: Query,
    /// Shared: the same list serves every keystroke until the library
    /// changes.
    pub jobs: Arc<[(usize, PathBuf)]>,
}

/// One hit in a library file, with everything its row shows (the briefing
/// need not be held).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entry: usize,
    /// What the hit opens in its briefing.
    pub target: Target,
    /// The briefing's date and title, then where the hit is in it (sanitised).
    pub crumbs: Vec<String>,
    /// Which field matched: `body`, `quote`, `stance: territory`...
    pub label: String,
    /// The field's text (at most [`TEXT_KEPT`] bytes of it), for the snippet.
    pub text: String,
}

/// What a search sends back, a batch at a time.
#[derive(Debug, Default)]
pub struct Progress {
    pub generation: u64,
    pub found: Vec<Found>,
    /// Files searched so far.
    pub searched: usize,
    /// The search is over (every file searched, or [`MAX_HITS`] found).
    pub done: bool,
}

/// A search stops after this many hits: enough to read, and a bound on
/// what a query matching everything holds.
pub const MAX_HITS: usize = 5_000;
/// Of a hit's field, this many bytes are kept for its snippet (a snippet
/// shows the start of the first match with some text before it).
pub const TEXT_KEPT: usize = 2_048;
/// Hits are sent when this many have gathered...
const BATCH: usize = 64;
/// ...or when the first of them has waited this long, or this long passed
/// since the last progress was sent.
const BATCH_WAIT: Duration = Duration::from_millis(25);

/// The search thread: where requests go, and the generation that tells a
/// search under way whether it is still wanted.
#[derive(Debug)]
pub struct Searcher {
    requests: Sender<Request>,
}

impl Searcher {
    /// Starts the thread. `current` is the newest generation asked for (a
    /// search older than it stops); `out` gets the progress, and returns
    /// false when nobody listens (the thread then ends).
    pub fn spawn(current: Arc<AtomicU64>, out: impl Fn(Progress) -> bool + Send + 'static) -> Self {
        let (requests, rx) = mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || serve(&rx, &current, &out));
        Self { requests }
    }

    /// Asks for a search (the one under way stops if `current` moved on).
    pub fn ask(&self, request: Request) -> bool {
        self.requests.send(request).is_ok()
    }
}

fn serve(rx: &Receiver<Request>, current: &AtomicU64, out: &dyn Fn(Progress) -> bool) {
    while let Ok(first) = rx.recv() {
        // Only the newest request counts.
        let request = rx.try_iter().last().unwrap_or(first);
        let listening = run(&request, current, out);
        super::give_back_memory();
        if !listening {
            return;
        }
    }
}

/// Runs one search; false when nobody listens any more.
pub fn run(request: &Request, current: &AtomicU64, out: &dyn Fn(Progress) -> bool) -> bool {
    let wanted = || current.load(Ordering::Relaxed) == request.generation;
    let mut progress = Progress {
        generation: request.generation,
        ..Progress::default()
    };
    let mut total = 0;
    let mut sent = Instant::now();
    for (entry, path) in request.jobs.iter() {
        if !wanted() {
            return true;
        }
        let mut hits = search_file(*entry, path, &request.query);
        hits.truncate(MAX_HITS - total);
        total += hits.len();
        progress.found.extend(hits);
        progress.searched += 1;
        if total >= MAX_HITS {
            break;
        }
        if progress.found.len() >= BATCH || sent.elapsed() >= BATCH_WAIT {
            let searched = progress.searched;
            let batch = std::mem::replace(
                &mut progress,
                Progress {
                    generation: request.generation,
                    searched,
                    ..Progress::default()
                },
            );
            if !out(batch) {
                return false;
            }
            sent = Instant::now();
        }
    }
    progress.done = true;
    !wanted() || out(progress)
}

/// The hits in one file, in the order its index ranks them; none when the
/// file does not load or its text cannot match.
pub fn search_file(entry: usize, path: &Path, query: &Query) -> Vec<Found> {
    let Ok(bytes) = crate::model::file::read_bounded(path, crate::model::load::MAX_BYTES) else {
        return Vec::new();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Vec::new();
    };
    if !may_match(&text, query) {
        return Vec::new();
    }
    let Ok(loaded) = crate::model::load_str(&crate::model::name::shown(path), &text) else {
        return Vec::new();
    };
    let b = &loaded.briefing;
    let index = Index::build(b);
    (index.search(query).into_iter())
        .filter_map(|hit| {
            let target = index.records.get(hit.record)?.target;
            // Dated: a library's briefings often share a title.
            let mut crumbs = vec![format!("{} {}", b.date, clean(&b.title))];
            crumbs.extend(target_crumbs(b, target));
            let text = index.text(b, hit.field).unwrap_or_default();
            Some(Found {
                entry,
                target,
                crumbs,
                label: clean(&index.label(b, hit)).into_owned(),
                text: kept(text, query).to_string(),
            })
        })
        .collect()
}

/// Whether a file's text can hold a hit: every term occurs in its folded
/// text (a hit needs every term in one target, all of them in the file).
/// Strings read differently once parsed when they hold escapes (`\u00e9`,
/// `\"`, a line-ending backslash): each term may also occur in the text
/// with every escape read as a basic string reads it. A literal string's
/// text is in the first, a basic string's in the second, so the check may
/// let a file through, never turn a hit away.
pub fn may_match(text: &str, query: &Query) -> bool {
    if query.terms.iter().any(|t| t.contains('\\')) {
        return true;
    }
    let folded = fold(text);
    let unescaped = text.contains('\\').then(|| fold(&unescape(text)));
    query.terms.iter().all(|t| {
        folded.contains(t.as_str()) || unescaped.as_ref().is_some_and(|u| u.contains(t.as_str()))
    })
}

/// The text with every escape a TOML basic string knows read as it reads
/// it (`\n`, `\"`, `\u00e9`, `\U0001F600`, a backslash ending a line
/// and the blanks after it); anything else is left as it is.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (read, used) = escape(after);
        out.push_str(&read);
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

/// The escape at the start of `after` (what follows a backslash): what it
/// reads as, and how many bytes of `after` it used.
fn escape(after: &str) -> (String, usize) {
    let hex = |len: usize| {
        (after.get(1..=len))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .map(|c| (c.to_string(), len + 1))
    };
    let simple = |c: &str| (c.to_string(), 1);
    match after.chars().next() {
        Some('n') => simple("\n"),
        Some('t') => simple("\t"),
        Some('r') => simple("\r"),
        Some('b') => simple("\u{8}"),
        Some('f') => simple("\u{c}"),
        Some('e') => simple("\u{1b}"),
        Some('"') => simple("\""),
        Some('\\') => simple("\\"),
        Some('u') => hex(4).unwrap_or_else(|| ("\\".into(), 0)),
        Some('U') => hex(8).unwrap_or_else(|| ("\\".into(), 0)),
        Some('x') => hex(2).unwrap_or_else(|| ("\\".into(), 0)),
        Some(c) if c.is_whitespace() => {
            let blanks = after.len() - after.trim_start().len();
            let ends_line = after[..blanks].contains('\n');
            if ends_line {
                (String::new(), blanks)
            } else {
                ("\\".into(), 0)
            }
        }
        _ => ("\\".into(), 0),
    }
}

/// At most [`TEXT_KEPT`] bytes of a field, from a little before its first
/// match (cut at characters).
fn kept<'t>(text: &'t str, query: &Query) -> &'t str {
    if text.len() <= TEXT_KEPT {
        return text;
    }
    let at = crate::search::first_match(text, query).map_or(0, |m| m.start);
    let from = char_floor(text, at.saturating_sub(TEXT_KEPT / 8));
    let to = char_floor(text, (from + TEXT_KEPT).min(text.len()));
    &text[from..to]
}

/// The nearest character boundary at or before `at`.
fn char_floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests;
