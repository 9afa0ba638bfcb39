//! OSC 8 hyperlinks on a real pty are tied to the source whose URL was drawn:
//! with source URLs that contain, prefix, end or equal each other, every link
//! target is exactly the URL shown in its cells.

use crate::common::pty::Pty;
use std::time::Duration;

const URLS: [&str; 5] = [
    "https://bank.example",
    "https://bank.ex",
    "https://bank.example/login",
    "https://go.example/?to=https://bank.example",
    "https://bank.example.evil.net/phish",
];

/// Every hyperlink written: (target, the text inside it), in order. Output
/// read while the reader runs may end inside a frame: with `whole` false, a
/// link still being written at the very end is left out; after the reader
/// exited (`whole`), every link must be terminated and closed.
fn hyperlinks(raw: &[u8], whole: bool) -> Vec<(String, String)> {
    const OPEN: &str = "\x1b]8;;";
    const CLOSE: &str = "\x1b]8;;\x1b\\";
    let text = String::from_utf8_lossy(raw);
    let mut rest = text.as_ref();
    let mut out = Vec::new();
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let Some(end) = after.find("\x1b\\") else {
            assert!(!whole, "OSC 8 not terminated: {after:?}");
            break;
        };
        let (url, body) = (&after[..end], &after[end + 2..]);
        let Some(close) = body.find(CLOSE) else {
            assert!(!whole, "a link never closed: {body:?}");
            break;
        };
        assert!(!url.is_empty(), "a close without an open: {body:?}");
        out.push((url.to_string(), body[..close].to_string()));
        rest = &body[close + CLOSE.len()..];
    }
    out
}

/// Waits until the item's link to `title` is the selected one.
fn selected(pty: &Pty, title: &str) {
    let pointed = format!("▸ {title}");
    pty.wait_for(&pointed, |s| {
        s.lines().any(|l| l.trim_end().ends_with(&pointed))
    });
}

#[test]
fn every_hyperlink_targets_the_url_shown_in_its_cells() {
    let fixture = std::fs::canonicalize("tests/fixtures/reader/spoof_links.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Wide enough that no URL wraps: each run shows a whole URL.
    let mut pty = Pty::spawn(&[fixture.to_str().unwrap()], dir.path(), 180, 50, &[]);
    pty.wait_text("Contents (1 section)");
    pty.send("jll");
    pty.wait_text(URLS[4]);
    // Each link in turn (the first is selected on arrival): every frame
    // re-sends the links that changed.
    selected(&pty, "The bank");
    for title in [
        "A part of the others",
        "The same URL again",
        "The bank's URL plus a path",
        "Ends with the bank's URL",
        "Contains the bank's URL as a prefix",
    ] {
        pty.send("\t");
        selected(&pty, title);
    }
    // The source's own view: its card above what cites it.
    let before = pty.raw().len();
    pty.send("\r");
    pty.wait_for("the source view", |s| {
        s.lines().next().is_some_and(|l| {
            l.trim_end()
                .ends_with("Contains the bank's URL as a prefix")
        })
    });
    // The screen can show the card before the last bytes of its frame are read.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut card = hyperlinks(&pty.raw()[before..], false);
    while !card.iter().any(|(t, _)| t == URLS[4]) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        card = hyperlinks(&pty.raw()[before..], false);
    }
    assert!(
        card.iter().any(|(target, _)| target == URLS[4]),
        "the source's card links its URL: {card:?}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);

    let links = hyperlinks(&pty.raw(), true);
    for (target, shown) in &links {
        assert_eq!(target, shown, "a link whose target is not what it shows");
    }
    for url in URLS {
        assert!(
            links.iter().any(|(target, _)| target == url),
            "{url} was never linked: {links:?}"
        );
    }
}
