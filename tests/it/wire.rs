//! What reaches the terminal: hyperlinks only for terminals known to
//! render them.

use crate::common::pty::{Pty, contains};
use std::time::Duration;

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
