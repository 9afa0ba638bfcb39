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
    let briefing = match load(&args.file) {
        Ok(b) => b,
        Err(report) => {
            let colour = crate::cli::ColorChoice::Auto.resolve(std::io::stderr().is_terminal());
            eprint!("{}", report.render(colour));
            return 2;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let width = match args.format {
        RenderFormat::Text => {
            let (width, warning) =
                crate::doc::export::width(args.width, env, crate::tui::terminal_width);
            if let Some(warning) = warning {
                eprintln!("{warning}");
            }
            width
        }
        // Markdown and JSON are not wrapped.
        _ => 80,
    };
    let out = render(&briefing, args.format, width, ascii(args.ascii, env));
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
        Some(entry) if !opened.is_library => entry
            .loaded
            .map(|l| std::sync::Arc::unwrap_or_clone(l).briefing)
            .map_err(Box::new),
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
