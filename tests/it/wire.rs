//! What reaches the terminal: nothing for a key that changes nothing, and
//! hyperlinks only for terminals known to render them.

use crate::common::pty::{Pty, contains};
use std::time::Duration;

#[test]
fn keys_that_change_nothing_send_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = crate::common::screen::bundled_briefing();
    let mut pty = Pty::spawn(&[file.to_str().unwrap()], dir.path(), 100, 30, &[]);
    pty.wait_text("Contents (4 sections)");
    let before = pty.wait_quiet(Duration::from_millis(300));
    // At the top of the list: up, top and half a page up move nothing.
    for key in ["k", "g", "\x15", "k"] {
        pty.send(key);
        std::thread::sleep(Duration::from_millis(100));
    }
    let after = pty.wait_quiet(Duration::from_millis(300));
    let raw = pty.raw();
    assert_eq!(
        after,
        before,
        "{} B sent: {:?}",
        after - before,
        String::from_utf8_lossy(&raw[before..])
    );
    // A key that moves still sends its frame.
    pty.send("j");
    assert!(pty.wait_quiet(Duration::from_millis(300)) > after);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
}

#[test]
fn hyperlinks_go_only_to_terminals_known_to_render_them() {
    let fixture = std::fs::canonicalize("tests/fixtures/reader/links.toml").expect("fixture");
    let sent_links = |term: &str| {
        let dir = tempfile::tempdir().expect("tempdir");
        let args = [fixture.to_str().unwrap()];
        let mut pty = Pty::spawn(&args, dir.path(), 100, 30, &[("TERM", term)]);
        pty.wait_text("Contents (1 section)");
        pty.send("jll");
        pty.wait_text("https://example.org/report");
        pty.send("q");
        pty.wait_exit(Duration::from_secs(5));
        contains(&pty.raw(), b"\x1b]8;")
    };
    assert!(
        sent_links("xterm-256color"),
        "the control: xterm renders them"
    );
    for term in ["vt100", "vt220", "ansi", "rxvt"] {
        assert!(!sent_links(term), "OSC 8 sent to TERM={term}");
    }
}
