//! `brief render FILE --format text|markdown|json`: a briefing exported for
//! reading elsewhere. Text is what piping the reader prints; Markdown and JSON
//! are described in `markdown` and `render_json` (and docs/json.md).
//!
//! Exit 0 on success; 2 when the file does not load (its diagnostics go to
//! stderr, as `brief check` prints them) or the output cannot be written.

use crate::cli::{RenderArgs, RenderFormat};
use crate::model::{Briefing, Report};
use std::io::{IsTerminal, Write};

/// Runs the command; returns the process exit code.
pub fn run(args: &RenderArgs) -> i32 {
    if args.timeline {
        return super::render_timeline::run(args);
    }
    if let Some(id) = &args.actor {
        return run_dossier(args, id);
    }
    let briefing = match load(&args.file) {
        Ok(b) => b,
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            return 2;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let out = render(&briefing, args.format, width(args), ascii(args.ascii, env));
    write(&out)
}

/// `--actor ID`: the actor's dossier across the file or directory. Files
/// that do not load are reported on stderr (exit 1) and left out; no actor
/// by that id is exit 2.
fn run_dossier(args: &RenderArgs, id: &str) -> i32 {
    let opened = match crate::open::open(Some(&args.file)) {
        Ok(opened) => opened,
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            return 2;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let ascii = ascii(args.ascii, env);
    let failed = report_failures(&opened.entries);
    let rendered =
        super::render_dossier::render(&opened.entries, id, args.format, width(args), ascii);
    match rendered {
        Ok(out) => match write(&out) {
            0 if failed => 1,
            code => code,
        },
        Err(msg) => {
            eprintln!("brief: {msg}");
            2
        }
    }
}

/// Prints the diagnostics of the entries that do not load; true if any.
pub fn report_failures(entries: &[crate::app::Entry]) -> bool {
    let mut failed = false;
    for e in entries {
        if let Some(report) = e.failure() {
            failed = true;
            eprint!("{}", report.render(colour_stderr()));
        }
    }
    failed
}

fn colour_stderr() -> bool {
    crate::cli::ColorChoice::Auto.resolve(std::io::stderr().is_terminal())
}

/// The text width (`--width`, `COLUMNS`, the terminal, 80), with its
/// warning on stderr when clamped; Markdown and JSON are not wrapped.
fn width(args: &RenderArgs) -> usize {
    if args.format != RenderFormat::Text {
        return 80;
    }
    let env = |k: &str| std::env::var(k).ok();
    let (width, warning) = crate::doc::export::width(args.width, env, crate::tui::terminal_width);
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    width
}

/// Writes `out` to stdout: 0, or 2 when it cannot be written.
fn write(out: &str) -> i32 {
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is a normal way to stop reading.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("brief: cannot write the output: {e}");
            2
        }
    }
}

/// The briefing in `format`; `width` and `ascii` apply to text only.
pub fn render(b: &Briefing, format: RenderFormat, width: usize, ascii: bool) -> String {
    match format {
        RenderFormat::Text => crate::doc::export::text(b, width, ascii),
        RenderFormat::Markdown => crate::doc::markdown::briefing(b),
        RenderFormat::Json => super::render_json::to_string(b),
    }
}

/// ASCII glyphs when asked for, or when the locale is not UTF-8.
pub fn ascii(flag: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    flag || !crate::doc::theme::locale_is_utf8(env)
}

fn load(path: &std::path::Path) -> Result<Briefing, Box<Report>> {
    let opened = crate::open::open(Some(path))?;
    match opened.entries.into_iter().next() {
        Some(entry) if !opened.is_library => match entry.into_version() {
            Some(version) => version
                .map(|l| std::sync::Arc::unwrap_or_clone(l).briefing)
                .map_err(Box::new),
            None => Err(Box::new(Report::default())),
        },
        _ => Err(Box::new(Report::single(
            &crate::model::name::shown(path),
            crate::model::Diagnostic::error(
                "not-a-file",
                "render takes one briefing file, not a directory",
                None,
            ),
        ))),
    }
}
