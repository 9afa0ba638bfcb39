//! `brief manpage`: the man page. clap writes the synopsis, options and
//! subcommands from the command-line definition; this module adds what people
//! look for in a man page: the keys (from the key map), FILES, ENVIRONMENT
//! (every variable the program reads; a test compares the list with the
//! source), EXIT STATUS and EXAMPLES.

use crate::app::keymap::{BINDINGS, Binding, PROMPT_BINDINGS, key_name};
use std::fmt::Write as _;

/// Every environment variable `brief` reads, with what it does. A test keeps
/// this list equal to the variables the source reads (plus the XDG ones,
/// which the `etcetera` crate reads for `brief`).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BRIEF_HYPERLINKS",
        "0 turns off the OSC 8 hyperlinks on source URLs.",
    ),
    (
        "BRIEF_TEST_PANIC",
        "Debug builds only, for the test suite: ui or worker makes the reader \
         panic after its first frame, to show the terminal is restored; \
         reader:NAME does the same to NAME's session of brief serve.",
    ),
    (
        "BRIEF_WATCH",
        "poll watches files by polling their modification times every half \
         second, for file systems where inotify sets up but never fires \
         (NFS, sshfs, some container mounts).",
    ),
    (
        "COLUMNS",
        "The width of the text brief prints into a pipe or on TERM=dumb, \
         and of brief render's text without --width (else the width of the \
         terminal brief runs in, else 80; at most 1000, with a warning). \
         The reader itself asks the terminal, and draws at most 500x200.",
    ),
    (
        "HOME",
        "Expands ~/ in the config's library path, and is the base of the \
         default config, state and cache directories.",
    ),
    (
        "LANG",
        "LC_ALL, LC_CTYPE and LANG, the first set and not empty: unless it \
         names UTF-8 (UTF-8 or utf8), borders and glyphs are ASCII, as with \
         --ascii.",
    ),
    ("LC_ALL", "See LANG."),
    ("LC_CTYPE", "See LANG."),
    (
        "NO_COLOR",
        "Set and not empty: no colour, unless --color always or the config's \
         color = \"always\" asks for it (no-color.org).",
    ),
    (
        "SSH_CONNECTION",
        "Set and not empty (or SSH_TTY): the reader is on an SSH session, so \
         o copies a source's link instead of opening it on the remote machine.",
    ),
    ("SSH_TTY", "See SSH_CONNECTION."),
    (
        "TERM",
        "dumb prints the briefing as text, as into a pipe. Hyperlinks are not \
         sent when it is empty, dumb, linux, or screen* outside tmux.",
    ),
    (
        "STY",
        "Set: the reader runs inside GNU screen; copies go through screen's passthrough in pieces, and no hyperlinks are sent.",
    ),
    (
        "TMUX",
        "Set: a TERM of screen* is tmux, which passes hyperlinks on.",
    ),
    (
        "XDG_CACHE_HOME",
        "A library's cache is $XDG_CACHE_HOME/brief/library.cache (default \
         ~/.cache; only an absolute path counts).",
    ),
    (
        "XDG_CONFIG_HOME",
        "The config file is $XDG_CONFIG_HOME/brief/config.toml (default \
         ~/.config).",
    ),
    (
        "XDG_STATE_HOME",
        "The read state is $XDG_STATE_HOME/brief/state.json (default \
         ~/.local/state).",
    ),
];

/// The whole man page, as roff.
pub fn page() -> std::io::Result<Vec<u8>> {
    use clap::CommandFactory;
    let mut clap_page = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command()).render(&mut clap_page)?;
    let clap_page = String::from_utf8_lossy(&clap_page);
    let ours = sections();
    // Ours go before clap's VERSION section, the last one it writes.
    Ok(match clap_page.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{ours}{}", &clap_page[..at], &clap_page[at + 1..]),
        None => format!("{clap_page}{ours}"),
    }
    .into_bytes())
}

/// KEYS, FILES, ENVIRONMENT, EXIT STATUS and EXAMPLES.
fn sections() -> String {
    // No hyphenation: paths and key names must read as they are typed.
    let mut out = String::from(".nh\n");
    keys(&mut out);
    files(&mut out);
    environment(&mut out);
    exit_status(&mut out);
    examples(&mut out);
    out
}

fn keys(out: &mut String) {
    heading(out, "KEYS");
    para(
        out,
        "The reader's keys, as bound by default. The config file's [keys] \
         table rebinds any action (see FILES); the help overlay (?) and the \
         status line show the keys in force. Ctrl-c always quits, whatever \
         the config says.",
    );
    out.push_str(".SS Reader\n");
    key_list(out, BINDINGS);
    para(
        out,
        "Mouse: the wheel scrolls the pane under the pointer and a click \
         selects (unless --no-mouse).",
    );
    out.push_str(".SS \"Search prompt and jump palette\"\n");
    para(
        out,
        "While the search prompt (/) or the jump palette (:) is open, \
         printable keys are typed into it, and these keys do something else:",
    );
    key_list(out, PROMPT_BINDINGS);
}

fn key_list(out: &mut String, bindings: &[Binding]) {
    for b in bindings {
        let names: Vec<String> = match b.label {
            Some(label) => vec![label.to_string()],
            None => b.keys.iter().map(|k| key_name(*k)).collect(),
        };
        let keys: Vec<String> = names
            .iter()
            .map(|k| format!("\\fB{}\\fR", escape(k)))
            .collect();
        let _ = writeln!(out, ".TP\n{}", keys.join(", "));
        line(out, b.action.description());
    }
}

fn files(out: &mut String) {
    heading(out, "FILES");
    item(
        out,
        "$XDG_CONFIG_HOME/brief/config.toml",
        "The config file (theme, keys, defaults); ~/.config/brief/config.toml \
         when XDG_CONFIG_HOME is not set, ~/Library/Preferences/brief/config.toml \
         on macOS. --config FILE reads another; brief config prints the config \
         in force (the file, or the defaults when there is none or it does not \
         load), brief config --path where it is read from, and brief config \
         --default a commented default. Optional; at most 1 MiB.",
    );
    item(
        out,
        "$XDG_STATE_HOME/brief/state.json",
        "Read state: the items read and the last view of each briefing; \
         ~/.local/state/brief/state.json when XDG_STATE_HOME is not set, \
         ~/Library/Application Support/brief/state.json on macOS. Written \
         atomically and merged under the lock file state.json.lock beside it; \
         a file that does not parse is moved to state.json.corrupt-PID. \
         --no-state, or state = false in the config, neither reads nor \
         writes it.",
    );
    item(
        out,
        "$XDG_CACHE_HOME/brief/library.cache",
        "What the reader keeps of each briefing of a library (its front page, \
         counts, digest and read-mark keys), so a library opened again is not \
         parsed again; ~/.cache/brief/library.cache when XDG_CACHE_HOME is not \
         set. Keyed by each file's path, length, modification and change times \
         and inode: a file changed since is read again. Written atomically once \
         a library has loaded, at most 256 MiB. Deleting it, or a damaged one, \
         costs only speed.",
    );
    item(
        out,
        "$XDG_CONFIG_HOME/brief/authorized_keys",
        "brief serve: the public keys let in, one reader each (named by the \
         key's comment), read again when it changes. Its host key and the \
         readers' state are under $XDG_STATE_HOME/brief (host_ed25519_key, \
         readers/NAME.json). See docs/serve.md.",
    );
    item(
        out,
        "./briefings",
        "What brief opens with no PATH and no library in the config, when the \
         directory exists; else the briefings built into the program.",
    );
    para(
        out,
        "Besides the library cache above, brief keeps nothing on disk: search \
         indexes and wrapped text are built in memory.",
    );
}

fn environment(out: &mut String) {
    heading(out, "ENVIRONMENT");
    for (name, what) in ENVIRONMENT {
        item_bold(out, name, what);
    }
}

fn exit_status(out: &mut String) {
    heading(out, "EXIT STATUS");
    for (status, what) in [
        (
            "0",
            "Success: the reader quit (q, or the terminal went away), the \
             files checked clean, diff found the briefings equal, lsp was \
             told to shutdown and then to exit.",
        ),
        (
            "1",
            "The reader could not load its PATH (the diagnostics are printed \
             before the terminal is touched), a briefing printed into a pipe \
             did not load (its diagnostics go to stderr), a directory printed \
             into a pipe holds no briefing, or the terminal failed; render \
             --timeline of a directory printed what loaded but some files did \
             not (their diagnostics go to stderr); check found errors (or \
             warnings, with --deny-warnings); diff found a difference; \
             schema, completions, config or manpage could not write; lsp \
             was told to exit (or its input ended) without a shutdown first.",
        ),
        (
            "2",
            "A usage error; render or diff could not load a file; render \
             could not write; new could not write the file (it never \
             overwrites one without --force).",
        ),
        (
            "128+N",
            "The reader was ended by signal N: 143 for SIGTERM, 129 SIGHUP, \
             130 SIGINT, 131 SIGQUIT. The terminal is restored first.",
        ),
    ] {
        item_bold(out, status, what);
    }
}

fn examples(out: &mut String) {
    heading(out, "EXAMPLES");
    for (command, what) in [
        (
            "brief briefings/",
            "Read a directory of briefings, newest first.",
        ),
        (
            "brief briefings/ | less",
            "The same as plain text: newest first, each briefing under a \
             line ==> FILE <== (as head names several files); files that do \
             not load are reported on stderr.",
        ),
        (
            "brief check --deny-warnings briefings/",
            "Check every *.toml under a directory, as CI would.",
        ),
        (
            "brief new --title \"Geneva round\"",
            "Write a starter briefing, then keep brief open on it while you \
             edit: every save reloads it.",
        ),
        (
            "brief render briefing.toml -f markdown > briefing.md",
            "Export for reading elsewhere.",
        ),
        (
            "brief render briefings/ --timeline --severity high",
            "Every item of high or critical severity in a directory, newest \
             first, a heading per day (-f markdown or json too).",
        ),
        (
            "brief diff monday.toml tuesday.toml",
            "What changed between two versions, by section and item id.",
        ),
        (
            "git show HEAD:briefing.toml | brief diff - briefing.toml",
            "What changed since the last commit: - is standard input, for \
             check and diff as for the reader and render.",
        ),
        (
            "curl -s URL | brief -",
            "Read a briefing from standard input; keys come from the terminal.",
        ),
        (
            "brief lsp",
            "The language server an editor starts for briefing files: check \
             diagnostics as you type, completion, hover, go to definition, \
             references and rename of ids, an outline, quick fixes. Set-up \
             for Neovim, Helix, VS Code and Emacs: docs/lsp.md.",
        ),
        (
            "BRIEF_WATCH=poll brief /mnt/share/briefing.toml",
            "Live preview on a network file system.",
        ),
    ] {
        item_bold(out, command, what);
    }
}

fn heading(out: &mut String, name: &str) {
    let _ = writeln!(out, ".SH \"{name}\"");
}

fn para(out: &mut String, text: &str) {
    out.push_str(".PP\n");
    line(out, text);
}

fn item(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, ".TP\n\\fI{}\\fR", escape(tag));
    line(out, text);
}

fn item_bold(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, ".TP\n\\fB{}\\fR", escape(tag));
    line(out, text);
}

fn line(out: &mut String, text: &str) {
    out.push_str(&escape(text));
    out.push('\n');
}

/// Text for a roff text line: backslashes, hyphens and apostrophes escaped,
/// and a line that would read as a request (a leading `.` or `'`) guarded.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with(['.', '\'']) {
        out.push_str("\\&");
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '\'' => out.push_str("\\*(Aq"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_cannot_become_a_request_or_an_escape() {
        assert_eq!(escape(".SH x"), "\\&.SH x");
        assert_eq!(escape("'x"), "\\&\\*(Aqx");
        assert_eq!(escape("a\\fBb"), "a\\efBb");
        assert_eq!(escape("--no-mouse"), "\\-\\-no\\-mouse");
        assert_eq!(escape("a\n.b"), "a .b");
    }

    #[test]
    fn every_binding_is_in_the_keys_section() {
        let page = String::from_utf8(page().unwrap()).unwrap();
        let keys = &page[page.find(".SH \"KEYS\"").unwrap()..page.find(".SH \"FILES\"").unwrap()];
        for b in BINDINGS.iter().chain(PROMPT_BINDINGS) {
            assert!(keys.contains(&escape(b.action.description())), "{b:?}");
        }
    }

    #[test]
    fn the_extra_sections_come_before_clap_s_version() {
        let page = String::from_utf8(page().unwrap()).unwrap();
        let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} missing"));
        let order = [
            ".SH SYNOPSIS",
            ".SH \"KEYS\"",
            ".SH \"FILES\"",
            ".SH \"ENVIRONMENT\"",
            ".SH \"EXIT STATUS\"",
            ".SH \"EXAMPLES\"",
            ".SH VERSION",
        ];
        for pair in order.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{pair:?}");
        }
    }
}
