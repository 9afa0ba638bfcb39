//! A library of generated briefings in a real pty: the first frame comes
//! before the files are read, rows fill in, a file that does not load is
//! flagged when it is reached, keys work meanwhile, and quitting does not
//! wait for the loader.

use crate::common::pty::Pty;
use std::path::Path;
use std::time::Duration;

/// `n` generated briefings (see `common::library`) and one broken file
/// dated after all of them.
fn library(dir: &Path, n: usize) {
    crate::common::library::write(dir, n);
    std::fs::write(
        dir.join("broken-2099-01-01.toml"),
        "[briefing]\ntitle = 1\n",
    )
    .unwrap();
}

/// The reader (no read state) at 100x30 on a generated library of `n`
/// briefings and one broken file; the directory lives as long as the guard.
fn reader_on_library(n: usize) -> (tempfile::TempDir, Pty) {
    crate::common::library::reader_on_new(|lib| library(lib, n), 100, 30)
}

#[test]
fn a_generated_library_opens_at_once_fills_in_and_flags_a_broken_file() {
    let (_dir, mut pty) = reader_on_library(2_000);
    // Listed, not read: every row is there before its file is.
    let first = pty.wait_text("Library: 2001 briefings");
    // The header says "(loading N)", cut to "(lo…" beside "1 with errors"
    // (the rows on screen, the newest, may be read already).
    assert!(first.contains("(lo"), "{first}");
    // Keys work while the files load.
    pty.send("?");
    pty.wait_text("Keys (Esc closes)");
    pty.send("?");
    pty.wait_for("the help closed", |s| !s.contains("Keys (Esc closes)"));
    // Every row fills in, newest first; the broken file (newest by its
    // name) is flagged once the loader reaches it, and lists last.
    let loaded = |s: &str| !s.contains("loading") && !s.contains("(lo");
    let screen = pty.wait_for_within("everything loaded", Duration::from_secs(120), loaded);
    assert!(
        screen.contains("Library: 2001 briefings, 1 with errors"),
        "{screen}"
    );
    let newest = screen
        .find("Generated 01999")
        .unwrap_or_else(|| panic!("{screen}"));
    let next = screen
        .find("Generated 01998")
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(newest < next, "{screen}");
    pty.send("G");
    let screen = pty.wait_for("the last row", |s| s.contains("ERROR") && loaded(s));
    assert!(screen.contains("broken-2099"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn quitting_while_the_library_loads_is_prompt() {
    let (_dir, mut pty) = reader_on_library(4_000);
    pty.wait_for("rows before their files", |s| {
        // "(loading N)" in the header, cut to "(lo…" once "1 with errors" is
        // in it too.
        s.contains("Library: 4001 briefings") && s.contains("(lo")
    });
    pty.send("q");
    // Loading 4,000 files takes several seconds in a debug build: the
    // loader threads must not hold the exit.
    assert_eq!(pty.wait_exit(Duration::from_secs(2)), 0);
    pty.assert_restored();
}
