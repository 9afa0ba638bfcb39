//! The reader over a real OpenSSH session on 127.0.0.1: `ssh -tt ... brief
//! FILE` in a pty on this side, sshd (started by the test, stopped by its
//! PID) on the other. First frame, navigation, resize, OSC 52 reaching the
//! client, and the reader gone within 1 s of the client's death.
//!
//! Also the byte counts for the notes (ignored: run on demand, see
//! [`bytes_over_ssh_for_30_presses`]).

use crate::common::pty::{Pty, clipboard_writes};
use crate::common::screen::bundled_briefing;
use crate::common::sshd::{Sshd, alive};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TITLE: &str = "US-Russia talks on Ukraine end without a breakthrough";

/// The last row of the screen.
fn last_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_string()
}

#[test]
fn over_ssh_the_reader_draws_moves_resizes_copies_and_dies_with_the_client() {
    let Some(sshd) = Sshd::start() else { return };
    let brief = Path::new(env!("CARGO_BIN_EXE_brief"));
    let mut pty = sshd.spawn_reader(brief, &bundled_briefing(), 80, 24);
    let screen = pty.wait_text("Contents (4 sections)");
    assert!(screen.contains("US-Russia talks"), "{screen}");
    let remote = sshd.remote_pid();
    assert!(alive(remote), "the remote reader is running");

    pty.send("j");
    pty.wait_for("the selection on section 1", |s| {
        last_line(s).trim_start().starts_with("2/5")
    });
    // The pty's new size travels to the remote reader, which redraws for it.
    pty.resize(100, 30);
    let screen = pty.wait_for("a 100x30 frame", |s| {
        s.lines().count() == 30 && last_line(s).trim_start().starts_with("2/5")
    });
    assert!(
        screen.lines().any(|l| l.trim_end().chars().count() > 80),
        "{screen}"
    );

    pty.send("Y");
    pty.wait_text("copied briefing");
    pty.wait_quiet(Duration::from_millis(200));
    let copies = clipboard_writes(&pty.raw());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].contains(TITLE), "{:?}", copies[0]);

    // The client dies (as when its laptop sleeps, or its terminal is
    // killed); sshd hangs up the remote pty and the reader must go.
    let client = pty.child.process_id().expect("ssh's PID") as i32;
    // SAFETY: killing the ssh client this test started, by its PID.
    unsafe { libc::kill(client, libc::SIGKILL) };
    let died = Instant::now();
    while alive(remote) && died.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = died.elapsed();
    eprintln!("the remote reader exited {took:?} after its client was killed");
    assert!(
        !alive(remote),
        "the remote reader outlived its client by 5 s"
    );
    assert!(
        took <= Duration::from_secs(1),
        "the remote reader exited {took:?} after its client died"
    );
    let _ = pty.child.wait();
}

/// One measured run: set-up keys, then 30 presses of `key`.
struct Run {
    name: &'static str,
    setup: &'static [&'static str],
    key: &'static str,
}

const RUNS: &[Run] = &[
    Run {
        name: "j in a section",
        setup: &["3"],
        key: "j",
    },
    Run {
        name: "Ctrl-n in search hits",
        setup: &["/", "russia"],
        key: "\x0e",
    },
    Run {
        name: "] in an item",
        setup: &["1", "l"],
        key: "]",
    },
    Run {
        name: "k at the top (changes nothing)",
        setup: &[],
        key: "k",
    },
];

/// Bytes the SSH client writes to its terminal (what crossed the session)
/// for 30 presses of each key, at 120x40 on the bundled briefing.
///
/// Run it on any build (a release build measures what users get):
///
/// ```sh
/// cargo build --release
/// BRIEF_BIN=$PWD/target/release/brief cargo test --test it ssh::bytes_over_ssh -- --ignored --nocapture
/// ```
///
/// `BRIEF_BIN` defaults to the test build; `PRESS_MS` (default 30, key
/// repeat) spaces the presses; `BYTES_BRIEFING` reads another file.
#[test]
#[ignore = "a measurement: run on demand (see the doc comment)"]
fn bytes_over_ssh_for_30_presses() {
    let Some(sshd) = Sshd::start() else { return };
    let brief = std::env::var_os("BRIEF_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_brief").into());
    let file = std::env::var_os("BYTES_BRIEFING")
        .map(PathBuf::from)
        .unwrap_or_else(bundled_briefing);
    let every = Duration::from_millis(
        std::env::var("PRESS_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(30),
    );
    println!(
        "{} over ssh, 120x40, a press every {every:?}",
        brief.display()
    );
    for run in RUNS {
        let mut pty = sshd.spawn_reader(&brief, &file, 120, 40);
        pty.wait_text("Contents (");
        for keys in run.setup {
            pty.send(keys);
            pty.wait_quiet(Duration::from_millis(300));
        }
        let before = pty.wait_quiet(Duration::from_millis(500));
        for _ in 0..30 {
            pty.send(run.key);
            std::thread::sleep(every);
        }
        let sent = pty.wait_quiet(Duration::from_millis(500)) - before;
        println!("{:32} {sent:7} B  ({} B a press)", run.name, sent / 30);
        quit(&mut pty);
    }
}

/// Ends a session by killing its client (whatever view the reader is in).
fn quit(pty: &mut Pty) {
    let _ = pty.child.kill();
    let _ = pty.child.wait();
}
