//! Entry point: parse the command line, dispatch, and set up the reader.

use brief::app::App;
use brief::cli::{Cli, ColorChoice, Command, ReadArgs};
use brief::model::sanitize::sanitize_inline as clean;
use brief::ui::Theme;
use brief::ui::theme::locale_is_utf8;
use clap::Parser;
use std::io::IsTerminal;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check(args)) => brief::tools::check::run(args),
        Some(Command::Completions { shell }) => write_out(&brief::cli::completions(*shell)),
        Some(Command::Manpage) => match brief::cli::manpage() {
            Ok(page) => write_out(&page),
            Err(e) => {
                eprintln!("brief: {e}");
                1
            }
        },
        None => read(&cli.read),
    };
    std::process::exit(code);
}

fn write_out(bytes: &[u8]) -> i32 {
    use std::io::Write;
    match std::io::stdout().write_all(bytes) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// `brief [PATH]`: the reader on a terminal, plain text into a pipe.
fn read(args: &ReadArgs) -> i32 {
    // Everything is loaded before the terminal is touched: a bad file prints
    // its diagnostics to a normal screen.
    let opened = match brief::open::open(args.path.as_deref()) {
        Ok(opened) => opened,
        Err(report) => {
            eprint!(
                "{}",
                report.render(
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                )
            );
            return 1;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let ascii = args.ascii || !locale_is_utf8(env);
    if !std::io::stdout().is_terminal() {
        return print_plain(&opened, ascii);
    }
    let colour = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let theme = if colour {
        Theme::colour(ascii)
    } else {
        Theme::mono(ascii)
    };
    let mut app = App::new(opened.entries, opened.is_library);
    let store = if args.no_state {
        None
    } else {
        brief::state::default_path().map(|path| brief::state::Store { path })
    };
    if let Some(store) = &store {
        let (file, warning) = store.load();
        app.attach_state(&file);
        app.message = warning;
    }
    match brief::tui::run(app, &theme, !args.no_mouse, store) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("brief: terminal error: {e}");
            1
        }
    }
}

/// Piped output: every briefing as wrapped plain text (width from COLUMNS).
fn print_plain(opened: &brief::open::Opened, ascii: bool) -> i32 {
    use std::io::Write;
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80);
    let mut out = std::io::stdout().lock();
    let mut code = 0;
    for entry in &opened.entries {
        let text = match &entry.loaded {
            Ok(l) => brief::export::text(&l.briefing, width, ascii),
            Err(report) => {
                code = 1;
                format!("{}: {}\n", clean(&entry.label), clean(&report.headline()))
            }
        };
        // A closed pipe (`| head`) is a normal way to stop reading.
        if out.write_all(text.as_bytes()).is_err() {
            return code;
        }
    }
    code
}
