//! Entry point: parse the command line, dispatch, and set up the reader.

use brief::app::App;
use brief::cli::{Cli, ColorChoice, Command, ReadArgs};
use brief::doc::theme::locale_is_utf8;
use brief::model::sanitize::sanitize_inline as clean;
use std::io::IsTerminal;

fn main() {
    let cli = Cli::parse_fast();
    let code = match &cli.command {
        Some(Command::Check(args)) => brief::tools::check::run(args),
        Some(Command::New(args)) => brief::tools::new::run(args),
        Some(Command::Render(args)) => brief::tools::render::run(args),
        Some(Command::Schema) => write_out(brief::tools::schema::to_string().as_bytes()),
        Some(Command::Diff(args)) => brief::tools::diff::run(args),
        Some(Command::Completions { shell }) => write_out(&brief::cli::completions(*shell)),
        Some(Command::Manpage) => match brief::tools::manpage::page() {
            Ok(page) => write_out(&page),
            Err(e) => {
                eprintln!("brief: {e}");
                1
            }
        },
        Some(Command::Config { default }) => config_command(*default, &cli.read),
        Some(Command::Serve(args)) => brief::serve::run(args),
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

/// `brief config`: the default config, or where the config is read from.
fn config_command(default: bool, args: &ReadArgs) -> i32 {
    if default {
        return write_out(brief::config::DEFAULT_TOML.as_bytes());
    }
    match args.config.clone().or_else(brief::config::default_path) {
        Some(path) => {
            println!("{}", brief::model::name::shown(&path));
            0
        }
        None => 1,
    }
}

/// The config, or the defaults with its diagnostics on stderr: a broken
/// config never stops the reader.
fn load_config(args: &ReadArgs) -> brief::config::Config {
    let (path, required) = match &args.config {
        Some(path) => (Some(path.clone()), true),
        None => (brief::config::default_path(), false),
    };
    let Some(path) = path else {
        return Default::default();
    };
    match brief::config::load(&path, required) {
        Ok(config) => config,
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            eprintln!("brief: ignoring the config file; using the defaults");
            Default::default()
        }
    }
}

fn colour_stderr() -> bool {
    ColorChoice::Auto.resolve(std::io::stderr().is_terminal())
}

/// `~/x` -> `$HOME/x`.
fn expand_home(path: &std::path::Path) -> std::path::PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// `brief [PATH]`: the reader on a terminal, plain text into a pipe.
fn read(args: &ReadArgs) -> i32 {
    if let Some(dir) = &args.restricted {
        return brief::serve::restricted::run(dir, args.state_file.as_deref());
    }
    let config = load_config(args);
    // Everything is loaded before the terminal is touched: a bad file prints
    // its diagnostics to a normal screen.
    let path = args
        .path
        .clone()
        .or_else(|| config.library.as_deref().map(expand_home));
    let opened = match brief::open::open(path.as_deref()) {
        Ok(opened) => opened,
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            return 1;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let ascii = args.ascii || config.ascii || !locale_is_utf8(env);
    // A dumb terminal cannot move the cursor: it gets the text, as a pipe does.
    if !std::io::stdout().is_terminal() || env("TERM").as_deref() == Some("dumb") {
        return print_plain(&opened, ascii);
    }
    // Only a terminal gets here.
    let colour = args.color.unwrap_or(config.color).resolve(true);
    let theme = config.theme(colour, ascii);
    let mut app = App::new(opened.entries, opened.is_library);
    app.library_dir = opened.dir;
    app.keymap = config.keymap.clone();
    app.reading_width = config.reading_width;
    let store = if args.no_state || !config.state {
        None
    } else {
        brief::state::default_path().map(|path| brief::state::Store { path })
    };
    if let Some(store) = &store {
        let (file, warning) = store.load();
        app.attach_state(&file);
        app.message = warning;
    }
    let mouse = !args.no_mouse && config.mouse;
    match brief::tui::run(app, &theme, mouse, store) {
        Ok(None) => 0,
        // As a shell reports a program that a signal ended: 143 for SIGTERM.
        Ok(Some(signal)) => 128 + signal,
        Err(e) => {
            eprintln!("brief: terminal error: {e}");
            1
        }
    }
}

/// Piped output: every briefing as wrapped plain text (width from COLUMNS).
fn print_plain(opened: &brief::open::Opened, ascii: bool) -> i32 {
    use std::io::Write;
    // COLUMNS first; then, on a terminal (TERM=dumb), its own width.
    let tty_width = || {
        let width = usize::from(brief::tui::tty_size().width);
        (std::io::stdout().is_terminal() && width > 0).then_some(width)
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(tty_width)
        .unwrap_or(80);
    let mut out = std::io::stdout().lock();
    let mut code = 0;
    for entry in &opened.entries {
        let text = match &entry.loaded {
            Ok(l) => brief::doc::export::text(&l.briefing, width, ascii),
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
