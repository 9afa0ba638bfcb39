//! Entry point: parse the command line, dispatch, and set up the reader.

use brief::app::App;
use brief::cli::{Cli, ColorChoice, Command, ReadArgs};
use brief::doc::theme::locale_is_utf8;
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
        Some(Command::Config(args)) => config_command(args),
        Some(Command::Help { command }) => {
            write_out(brief::cli::help(command.as_deref()).as_bytes())
        }
        Some(Command::Serve(args)) => brief::serve::run(args),
        Some(Command::Lsp) => brief::lsp::run(),
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

/// `brief config`: the config in force, as TOML: the file's content, or
/// (no file, or one that does not load) the defaults, under a comment
/// saying which and where the file is. `--default` prints the commented
/// defaults alone; `--path` only where the file is read from.
fn config_command(args: &brief::cli::ConfigArgs) -> i32 {
    use brief::config::DEFAULT_TOML;
    if args.default {
        return write_out(DEFAULT_TOML.as_bytes());
    }
    let required = args.config.is_some();
    let Some(path) = args.config.clone().or_else(brief::config::default_path) else {
        eprintln!("brief: no config directory (neither XDG_CONFIG_HOME nor HOME is set)");
        return 1;
    };
    let shown = brief::model::name::shown(&path);
    if args.path {
        return write_out(format!("{shown}\n").as_bytes());
    }
    let loaded = brief::config::read(&path, required).and_then(|text| match text {
        Some(text) => brief::config::parse(&shown, &text)
            .map(|_| Some(text))
            .map_err(Box::new),
        None => Ok(None),
    });
    let (head, body, code) = match loaded {
        Ok(Some(text)) => (format!("# The config in force: {shown}"), text, 0),
        Ok(None) => (
            format!("# No config file at {shown}: the defaults are in force."),
            DEFAULT_TOML.to_string(),
            0,
        ),
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            let head = format!("# {shown} does not load (see above): the defaults are in force.");
            (head, DEFAULT_TOML.to_string(), 1)
        }
    };
    let text = format!("{head}\n{}", brief::model::sanitize::sanitize(&body));
    match write_out(text.as_bytes()) {
        0 => code,
        failed => failed,
    }
}

/// The config, or the defaults and the reason the config was not used (also
/// on stderr, seen after the reader ends): a broken config never stops the
/// reader, which shows the reason too.
fn load_config(args: &ReadArgs) -> (brief::config::Config, Option<brief::model::Report>) {
    let (path, required) = match &args.config {
        Some(path) => (Some(path.clone()), true),
        None => (brief::config::default_path(), false),
    };
    let Some(path) = path else {
        return Default::default();
    };
    match brief::config::load(&path, required) {
        Ok(config) => (config, None),
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            eprintln!("brief: ignoring the config file; using the defaults");
            (Default::default(), Some(*report))
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
    let (config, config_report) = load_config(args);
    // Everything is loaded before the terminal is touched: a bad file prints
    // its diagnostics to a normal screen.
    let path = args
        .path
        .clone()
        .or_else(|| config.library.as_deref().map(expand_home));
    let env = |k: &str| std::env::var(k).ok();
    // A dumb terminal cannot move the cursor: it gets the text, as a pipe does.
    let plain = !std::io::stdout().is_terminal() || env("TERM").as_deref() == Some("dumb");
    // The reader lists a library and loads it in the background; text needs it all.
    let opened = match brief::open::open_with(path.as_deref(), !plain) {
        Ok(opened) => opened,
        Err(report) => {
            eprint!("{}", report.render(colour_stderr()));
            return 1;
        }
    };
    let ascii = args.ascii || config.ascii || !locale_is_utf8(env);
    if plain {
        return print_plain(&opened, args.actor.as_deref(), ascii);
    }
    // Only a terminal gets here.
    let colour = args.color.unwrap_or(config.color).resolve(true);
    let theme = config.theme(colour, ascii);
    let mut app = App::new(opened.entries, opened.is_library);
    app.library.dir = opened.dir;
    if opened.listing {
        app.library.list_in_background();
        app.library.cache = brief::library::cache::Cache::from_env(env);
    }
    app.keymap = config.keymap.clone();
    app.reading_width = config.reading_width;
    let store = if args.no_state || !config.state {
        None
    } else {
        brief::state::default_path().map(|path| brief::state::Store { path })
    };
    let state = store.map(|store| {
        if opened.listing {
            // The first frame is the library being listed: the state (of
            // every briefing ever read) is read after it.
            app.library.awaiting_state = true;
            return (store, brief::tui::Stored::Later);
        }
        let (file, warning) = store.load();
        app.attach_state(&file);
        app.message = warning;
        (store, brief::tui::Stored::Read(file))
    });
    if let Some(report) = config_report {
        app.set_config_report(report);
    }
    if let Some(id) = &args.actor {
        app.show_dossier(id);
    }
    let mouse = !args.no_mouse && config.mouse;
    match brief::tui::run(app, &theme, mouse, state) {
        Ok(None) => 0,
        // As a shell reports a program that a signal ended: 143 for SIGTERM.
        Ok(Some(signal)) => 128 + signal,
        Err(e) => {
            eprintln!("brief: terminal error: {e}");
            1
        }
    }
}

/// Piped output: every briefing as wrapped plain text, as wide as COLUMNS,
/// else the terminal the process runs in, else 80 (see `export::width`).
fn print_plain(opened: &brief::open::Opened, actor: Option<&str>, ascii: bool) -> i32 {
    use std::io::Write;
    let env = |k: &str| std::env::var(k).ok();
    let (width, warning) = brief::doc::export::width(None, env, brief::tui::terminal_width);
    if let Some(warning) = warning {
        eprintln!("{warning}");
    }
    let mut out = std::io::stdout().lock();
    // What is printed, in which order, and where errors go: `brief::piped`.
    let to = brief::piped::Out {
        text: &mut out,
        errors: &mut std::io::stderr(),
        colour: colour_stderr(),
        width,
        ascii,
    };
    let code = match actor {
        Some(id) => brief::piped::print_dossier(opened, id, to),
        None => brief::piped::print(opened, to),
    };
    // Everything is written before `exit`, which would not flush it.
    let _ = out.flush();
    code
}
