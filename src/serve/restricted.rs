//! `brief --restricted DIR`: the reader for an sshd `command=` line, for
//! those who would rather serve with OpenSSH than with `brief serve`:
//!
//! ```text
//! restrict,pty,command="brief --restricted /srv/briefings" ssh-ed25519 AAAA... alice
//! ```
//!
//! The same confinement as a served session: no config file, no variable
//! from the environment but `TERM` (what the terminal can show), nothing read outside
//! DIR (links in it are not followed), `o` copies the link instead of
//! starting a program. Read state is kept only where the line says, with
//! `--state-file FILE` (one file per key gives each reader their own).

use super::hub::Hub;
use crate::state::Store;
use crate::tui::{LocalTty, Watcher, Wiring, run_tty};
use std::io::IsTerminal;
use std::path::Path;

/// Runs the confined reader on this terminal; the exit code.
pub fn run(dir: &Path, state: Option<&Path>) -> i32 {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("brief --restricted: a terminal is needed (ssh -t)");
        return 1;
    }
    if !dir.is_dir() {
        let shown = crate::model::name::shown(dir);
        eprintln!("brief --restricted: {shown}: not a directory of briefings");
        return 1;
    }
    let (hub, _) = Hub::open(dir);
    let (tx, rx) = std::sync::mpsc::channel();
    let (_, mut app) = hub.join(tx.clone());
    let store = state.map(|path| Store {
        path: path.to_path_buf(),
    });
    let state = store.map(|store| {
        let (file, warning) = store.load();
        app.attach_state(&file);
        app.message = warning;
        (store, crate::tui::Stored::Read(file))
    });
    let wiring = Wiring {
        tx,
        rx,
        state,
        watcher: Watcher::Shared(
            hub.watcher()
                .unwrap_or_else(|| std::sync::mpsc::channel().0),
        ),
        // TERM (what the terminal can show) is the one variable read.
        hyperlinks: crate::doc::links::supported(|k| {
            (k == "TERM").then(|| std::env::var(k).ok()).flatten()
        }),
        mouse: true,
    };
    let host = LocalTty {
        mouse: true,
        open_links: false,
        suspends: false,
        // TERM alone, as for the hyperlinks above (a copy through GNU
        // screen's passthrough only when TERM names screen).
        whole_env: false,
    };
    let theme = crate::config::Config::default().theme(true, false);
    match run_tty(host, app, &theme, wiring) {
        Ok(None) => 0,
        Ok(Some(signal)) => 128 + signal,
        Err(e) => {
            eprintln!("brief: terminal error: {e}");
            1
        }
    }
}
