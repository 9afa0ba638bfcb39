//! `brief render PATH --timeline`: every item of a briefing, or of every
//! briefing in a directory, by date, newest first, under a heading per day,
//! as text, Markdown or JSON; `--tag` and `--severity` narrow it as `f` and
//! `!` do in the reader. Each file is read, reduced to its digest, and let
//! go, so a directory of 10,000 briefings holds only their digests.
//!
//! Exit 0 on success; 2 when a FILE does not load (or a directory holds no
//! briefing, or the output cannot be written); 1 when some files of a
//! directory do not load: the timeline of the others is printed and their
//! diagnostics go to stderr, as `brief DIR | cat` does.

use crate::cli::{RenderArgs, RenderFormat};
use crate::doc::timeline::{Facet, Filter, Row, Timeline, day_text};
use crate::doc::timeline_text::{self, Document, Source};
use crate::model::digest::Digest;
use crate::model::{Report, Severity};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Runs the command; returns the process exit code.
pub fn run(args: &RenderArgs) -> i32 {
    let colour = crate::cli::ColorChoice::Auto.resolve(std::io::stderr().is_terminal());
    let library = args.file.is_dir();
    let (digests, failed) = read(&args.file);
    for report in &failed {
        eprint!("{}", report.render(colour));
    }
    if digests.is_empty() && !failed.is_empty() {
        return 2;
    }
    let filter = Filter {
        facet: args.tag.as_deref().map(|t| Facet::Tag(t.into())),
        severity: args.severity.as_deref().and_then(Severity::parse),
    };
    let env = |k: &str| std::env::var(k).ok();
    let (width, warning) = match args.format {
        RenderFormat::Text => {
            crate::doc::export::width(args.width, env, crate::tui::terminal_width)
        }
        _ => (80, None),
    };
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    let ascii = super::render::ascii(args.ascii, env);
    let out = render(&digests, library, &filter, args.format, width, ascii);
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => i32::from(!failed.is_empty()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => i32::from(!failed.is_empty()),
        Err(e) => {
            eprintln!("brief: cannot write the output: {e}");
            2
        }
    }
}

/// A briefing's digest and the file it came from.
pub type Read = (Option<PathBuf>, Arc<Digest>);

/// The digests at `path` (a file, `-`, or every `*.toml` directly in a
/// directory), newest briefing first, then by file name; and the reports
/// of those that do not load.
pub fn read(path: &Path) -> (Vec<Read>, Vec<Report>) {
    let (mut digests, mut failed) = (Vec::new(), Vec::new());
    if !path.is_dir() {
        match crate::open::load_arg(path) {
            Ok(loaded) => digests.push((None, loaded.digest().clone())),
            Err(report) => failed.push(report),
        }
        return (digests, failed);
    }
    let listed = crate::library::list(path);
    if listed.is_empty() {
        failed.push(crate::model::load::no_files(path));
    }
    for file in listed {
        match crate::model::load_path(&file.path) {
            Ok(loaded) => digests.push((Some(file.path), loaded.digest().clone())),
            Err(report) => failed.push(report),
        }
    }
    digests.sort_by(|(pa, a), (pb, b)| b.date.cmp(&a.date).then_with(|| pa.cmp(pb)));
    (digests, failed)
}

/// The timeline of `digests` in `format`; `width` and `ascii` for text.
pub fn render(
    digests: &[Read],
    library: bool,
    filter: &Filter,
    format: RenderFormat,
    width: usize,
    ascii: bool,
) -> String {
    let indexed: Vec<(u32, &Digest)> = (digests.iter().enumerate())
        .filter_map(|(i, (_, d))| Some((u32::try_from(i).ok()?, &**d)))
        .collect();
    let timeline = Timeline::build(&indexed, filter);
    let sources: Vec<Source<'_>> = (digests.iter())
        .map(|(path, d)| Source {
            digest: d,
            file: path.as_deref().map(crate::model::name::shown),
        })
        .collect();
    let doc = Document {
        timeline: &timeline,
        filter,
        sources: &sources,
        library,
    };
    match format {
        RenderFormat::Text => timeline_text::text(&doc, width, ascii),
        RenderFormat::Markdown => timeline_text::markdown(&doc),
        RenderFormat::Json => json(&doc),
    }
}

/// The version of the JSON layout (docs/timeline.md); it changes only when
/// a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonTimeline<'a> {
    format_version: u32,
    tag: Option<&'a str>,
    severity: Option<&'static str>,
    items: usize,
    briefings: usize,
    days: Vec<JsonDay<'a>>,
}

#[derive(Serialize)]
struct JsonDay<'a> {
    date: String,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    /// As written: the item's own date, or its briefing's (`dated_by`).
    date: &'a str,
    dated_by: &'static str,
    severity: Option<&'static str>,
    id: &'a str,
    title: &'a str,
    section: &'a str,
    tags: &'a [Box<str>],
    actors: Vec<JsonActor<'a>>,
    briefing: JsonBriefing<'a>,
}

#[derive(Serialize)]
struct JsonActor<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonBriefing<'a> {
    title: &'a str,
    date: &'a str,
    file: Option<&'a str>,
}

/// The timeline as JSON, written by the one JSON writer.
fn json(doc: &Document<'_>) -> String {
    let mut days: Vec<JsonDay<'_>> = Vec::new();
    for row in &doc.timeline.rows {
        match *row {
            Row::Day { day, .. } => days.push(JsonDay {
                date: day_text(day),
                items: Vec::new(),
            }),
            Row::Item(stub) => {
                let (Some(item), Some(day)) = (json_item(doc, stub), days.last_mut()) else {
                    continue;
                };
                day.items.push(item);
            }
        }
    }
    let (tag, severity) = match (&doc.filter.facet, doc.filter.severity) {
        (Some(Facet::Tag(t)), s) => (Some(&**t), s),
        (_, s) => (None, s),
    };
    let value = JsonTimeline {
        format_version: FORMAT_VERSION,
        tag,
        severity: severity.map(Severity::as_str),
        items: doc.timeline.items,
        briefings: doc.timeline.briefings,
        days,
    };
    crate::model::json::pretty(&value).unwrap_or_default()
}

fn json_item<'a>(doc: &'a Document<'a>, stub: crate::doc::timeline::Stub) -> Option<JsonItem<'a>> {
    let (d, item) = timeline_text::item_of(doc.sources, stub)?;
    let source = doc.sources.get(stub.entry as usize)?;
    Some(JsonItem {
        date: &d.item_date(item).text,
        dated_by: if item.date.is_some() {
            "item"
        } else {
            "briefing"
        },
        severity: item.severity.map(Severity::as_str),
        id: &item.id,
        title: &item.title,
        section: d.sections.get(item.at.section).map_or("", |s| &**s),
        tags: &item.tags,
        actors: (item.actors.iter())
            .filter_map(|&a| d.actors.get(a as usize))
            .map(|a| JsonActor {
                id: &a.id,
                name: &a.name,
            })
            .collect(),
        briefing: JsonBriefing {
            title: &d.title,
            date: &d.date.text,
            file: source.file.as_deref(),
        },
    })
}
