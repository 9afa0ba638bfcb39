//! The command-line interface definition (clap), shared by `main` and generated docs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Read intelligence-style briefings in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check briefing files (or directories of them) and report problems.
    Check(CheckArgs),
    /// Write a starter briefing that shows every key of the format.
    New(NewArgs),
    /// Export a briefing as text, Markdown or JSON.
    Render(RenderArgs),
    /// Print a JSON Schema of the briefing format, for editors (taplo).
    Schema,
    /// Show what changed between two versions of a briefing (exit 0 same, 1 different, 2 error).
    Diff(DiffArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the config in force: the config file, or the defaults when
    /// there is none (or it does not load), saying which and where.
    Config(ConfigArgs),
    /// Share a library over SSH: each key in an authorized_keys file is a reader (docs/serve.md).
    Serve(ServeArgs),
    /// Run a language server for editors, on stdin and stdout (docs/lsp.md).
    ///
    /// An editor starts it for briefing files: `brief check`'s diagnostics
    /// as you type, completion of keys, kinds, severities and ids, hover, go
    /// to definition, references and rename of ids, an outline, quick fixes.
    /// Exits 0 after `shutdown` and `exit`, 1 on `exit` without `shutdown`.
    Lsp,
    /// Print the man page (roff) to standard output.
    #[command(hide = true)]
    Manpage,
    /// Print this message or the help of the given subcommand.
    // Ours, not clap's: clap's own `help` takes `--help` for a subcommand's
    // name and fails.
    Help {
        /// The subcommand whose help to print.
        #[arg(value_parser = help_topics())]
        command: Option<String>,
    },
}

/// Options of `brief config`.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Print the default config, every setting commented.
    #[arg(long, conflicts_with = "path")]
    pub default: bool,
    /// Print only where the config file is read from.
    #[arg(long)]
    pub path: bool,
    /// The config file to show instead of $XDG_CONFIG_HOME/brief/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Words that name a subcommand (with clap's own `help`): an argument
/// spelled like one is never a path. A test keeps this equal to clap's list.
const SUBCOMMANDS: &[&str] = &[
    "check",
    "new",
    "render",
    "schema",
    "diff",
    "completions",
    "config",
    "serve",
    "lsp",
    "manpage",
    "help",
];

impl Cli {
    /// The command line, with `brief` and `brief PATH` (how the reader is
    /// nearly always started) read without building clap's parser: that takes
    /// about 0.12 ms and 35 page faults, a tenth of the reader's own work
    /// before its first frame. Anything else goes to clap, as before.
    pub fn parse_fast() -> Self {
        use clap::Parser;
        read_only(std::env::args_os().skip(1)).unwrap_or_else(Cli::parse)
    }
}

/// `Some` for no argument or one plain path (not a flag, not `-`, not a
/// subcommand's name): the reader with default options.
fn read_only(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<Cli> {
    let path = match (args.next(), args.next()) {
        (None, _) => None,
        (Some(arg), None) if is_plain_path(&arg) => Some(PathBuf::from(arg)),
        _ => return None,
    };
    let read = ReadArgs {
        path,
        ..ReadArgs::default()
    };
    Some(Cli {
        command: None,
        read,
    })
}

/// Not empty, not a flag or `-`, and not a subcommand's name.
fn is_plain_path(arg: &std::ffi::OsStr) -> bool {
    let bytes = arg.as_encoded_bytes();
    !bytes.is_empty() && bytes[0] != b'-' && !SUBCOMMANDS.iter().any(|s| s.as_bytes() == bytes)
}

/// What `brief help` takes: the subcommands (the hidden one stays hidden).
fn help_topics() -> clap::builder::PossibleValuesParser {
    use clap::builder::PossibleValue;
    let topic = |&name: &&'static str| PossibleValue::new(name).hide(name == "manpage");
    clap::builder::PossibleValuesParser::new(SUBCOMMANDS.iter().map(topic))
}

/// `brief help [COMMAND]`: the long help of the program or of one subcommand.
pub fn help(command: Option<&str>) -> String {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    // Built, so a subcommand's usage line starts with `brief`.
    cli.build();
    let cmd = match command.and_then(|name| cli.find_subcommand_mut(name)) {
        Some(sub) => sub,
        None => &mut cli,
    };
    cmd.render_long_help().to_string()
}

/// Shell completions, generated from this definition.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut out);
    out
}

/// Options of the reader (`brief [PATH]`).
#[derive(Debug, Args, Default, Clone)]
pub struct ReadArgs {
    /// A briefing file or a directory of them. Default: ./briefings, else the
    /// bundled briefings.
    pub path: Option<PathBuf>,
    /// When to use colour [default: auto, or the config's].
    #[arg(long, value_enum)]
    pub color: Option<ColorChoice>,
    /// Read this config file instead of $XDG_CONFIG_HOME/brief/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Draw borders and badges with ASCII only.
    #[arg(long)]
    pub ascii: bool,
    /// Leave the mouse to the terminal (native text selection).
    #[arg(long)]
    pub no_mouse: bool,
    /// Neither read nor write read state (last view, read marks).
    #[arg(long)]
    pub no_state: bool,
    /// The reader confined to DIR, for an sshd `command=`: no config file,
    /// no environment, nothing outside DIR, `o` copies (docs/serve.md).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["path", "config", "no_state"])]
    pub restricted: Option<PathBuf>,
    /// With --restricted: keep read state in FILE (none without it).
    #[arg(long, value_name = "FILE", requires = "restricted")]
    pub state_file: Option<PathBuf>,
    /// Open on this actor's dossier (piped: print it, as `render --actor`).
    #[arg(long, value_name = "ID", conflicts_with = "restricted")]
    pub actor: Option<String>,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Files (`-` reads standard input), or directories searched for `*.toml`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Options of `brief new`.
#[derive(Debug, Args, Clone)]
pub struct NewArgs {
    /// Where to write it: a file, or a directory for the default name
    /// [default: <title-slug>-<date>.toml in ./briefings if it exists, else here].
    pub path: Option<PathBuf>,
    /// The briefing's title.
    #[arg(long)]
    pub title: Option<String>,
    /// The briefing's date, YYYY-MM-DD [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Options of `brief render`.
#[derive(Debug, Args, Clone)]
pub struct RenderArgs {
    /// The briefing file (`-` reads standard input); with --actor, also a
    /// directory of them.
    pub file: PathBuf,
    /// Print this actor's dossier instead: every briefing, item and quote
    /// that names them (ids linked by `same_as` count as one), newest first.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RenderFormat::Text)]
    pub format: RenderFormat,
    /// Wrap text output to this many columns, at most 1000 [default:
    /// $COLUMNS, else the terminal's width, else 80]. Markdown and JSON are
    /// not wrapped.
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Text output with ASCII glyphs only (also when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// Print the timeline instead: every item by date, newest first, a
    /// heading per day; FILE may be a directory (docs/timeline.md).
    #[arg(long)]
    pub timeline: bool,
    /// With --timeline: only items tagged TAG (or in a briefing tagged TAG).
    #[arg(long, value_name = "TAG", requires = "timeline")]
    pub tag: Option<String>,
    /// With --timeline: only items of this severity or above.
    #[arg(long, value_name = "LEVEL", requires = "timeline",
          value_parser = ["low", "medium", "high", "critical"])]
    pub severity: Option<String>,
}

/// Options of `brief serve`; the limits are in SECURITY.md.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// The library to serve [default: ./briefings].
    pub dir: Option<PathBuf>,
    /// Where to listen; anything but loopback is an explicit choice.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: std::net::SocketAddr,
    /// The public keys allowed in, one reader each (the key's comment names
    /// it) [default: $XDG_CONFIG_HOME/brief/authorized_keys].
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// The server's Ed25519 key, made on first start
    /// [default: $XDG_STATE_HOME/brief/host_ed25519_key].
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// Where each reader's read state is kept
    /// [default: $XDG_STATE_HOME/brief/readers].
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Readers served at once.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = at_least_one)]
    pub max_sessions: usize,
    /// New connections accepted from one address per minute.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = at_least_one)]
    pub per_minute: usize,
    /// Time to authenticate before the connection is closed (`30s`, `2m`).
    #[arg(long, value_name = "TIME", default_value = "30s", value_parser = parse_duration)]
    pub auth_timeout: std::time::Duration,
    /// A session with no key pressed for this long is closed, with a notice
    /// a minute before (`30m`, `1h`).
    #[arg(long, value_name = "TIME", default_value = "30m", value_parser = parse_duration)]
    pub idle_timeout: std::time::Duration,
}

/// A count of 1 or more (0 would start a server that lets no one in).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (0 would let no one in)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// `90`, `90s`, `30m`, `1h`: a whole number of seconds, minutes or hours.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "s"),
    };
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        _ => return Err(format!("{text:?}: a number then s, m or h (`30s`, `30m`)")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?}: a number then s, m or h (`30s`, `30m`)"))?;
    n.checked_mul(scale)
        .filter(|&secs| secs > 0 && secs <= 7 * 24 * 3600)
        .map(std::time::Duration::from_secs)
        .ok_or_else(|| format!("{text:?}: between 1 second and 7 days"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// What piping the reader prints: wrapped plain text.
    Text,
    /// Headings, block quotes, tables and links.
    Markdown,
    /// The validated model (docs/json.md).
    Json,
}

/// Options of `brief diff`.
#[derive(Debug, Args, Clone)]
pub struct DiffArgs {
    /// The older version of the briefing (`-` reads standard input).
    pub old: PathBuf,
    /// The newer version of the briefing (`-` reads standard input).
    pub new: PathBuf,
    /// Output format (json is documented in docs/diff.md).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to a stream: `auto` colours a
    /// terminal unless `NO_COLOR` is set to something (no-color.org).
    pub fn resolve(self, terminal: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[cfg(test)]
mod tests {
    use super::{Cli, ColorChoice, SUBCOMMANDS, read_only};
    use clap::{CommandFactory, Parser};
    use std::ffi::OsString;

    #[test]
    fn the_subcommand_list_is_clap_s() {
        let cmd = Cli::command();
        let mut names: Vec<String> = cmd
            .get_subcommands()
            .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
            .map(str::to_string)
            .collect();
        names.sort();
        let mut ours: Vec<String> = SUBCOMMANDS.iter().map(|s| s.to_string()).collect();
        ours.sort();
        assert_eq!(ours, names);
    }

    /// Where the fast path answers it agrees with clap; where it does not, it
    /// leaves the arguments to clap.
    #[test]
    fn the_fast_path_agrees_with_clap() {
        let cases: &[&[&str]] = &[
            &[],
            &["briefings/x.toml"],
            &["briefings"],
            &["dir with space/"],
            &["-"],
            &["--no-state"],
            &["--no-state", "x.toml"],
            &["x.toml", "--ascii"],
            &["check"],
            &["check", "x.toml"],
            &["help"],
            &["schema"],
            &["-h"],
            &[""],
            &["a", "b"],
        ];
        let mut fast = 0;
        for args in cases {
            let argv = || args.iter().map(OsString::from);
            let clap = Cli::try_parse_from(std::iter::once("brief".into()).chain(argv()));
            if let Some(ours) = read_only(argv()) {
                fast += 1;
                let clap = clap.unwrap_or_else(|e| panic!("{args:?}: clap refused: {e}"));
                assert_eq!(format!("{ours:?}"), format!("{clap:?}"), "{args:?}");
            }
        }
        assert_eq!(
            fast, 4,
            "no argument and the three plain paths take the fast path"
        );
    }

    #[test]
    fn colour_choices_resolve() {
        assert!(ColorChoice::Always.resolve(false));
        assert!(!ColorChoice::Never.resolve(true));
        assert!(
            !ColorChoice::Auto.resolve(false),
            "never colour a pipe on auto"
        );
    }

    /// A server that would let no one in is refused at the command line.
    #[test]
    fn serve_counts_must_be_at_least_one() {
        let parse = |args: &[&str]| Cli::try_parse_from(["brief", "serve"].iter().chain(args));
        assert!(parse(&["--max-sessions", "0"]).is_err());
        assert!(parse(&["--per-minute", "0"]).is_err());
        assert!(parse(&["--max-sessions", "1", "--per-minute", "1"]).is_ok());
    }
}
