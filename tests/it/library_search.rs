//! `/` from a library in a real pty: hits stream in while the files are
//! still being searched, Esc closes the search at once and no hit comes
//! after it, a newer query replaces the older one, and Enter opens a hit
//! in a briefing that is not held (it is read first).

use crate::common::library::{reader, write};
use std::time::Duration;

/// A bound on a hang in a debug build on a busy machine, not a timing check.
const WITHIN: Duration = Duration::from_secs(120);

#[test]
fn hits_stream_in_esc_stops_the_search_and_a_hit_opens_its_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    write(&lib, 400);
    // One briefing, an old one, names a word no other does.
    let odd = lib.join("brief-2001-01-05-00004.toml");
    let text = std::fs::read_to_string(&odd).unwrap();
    std::fs::write(&odd, text.replacen("Item 0.2", "Item Zanzibar", 1)).unwrap();
    let mut pty = reader(dir.path(), &lib, &["--no-state"]);
    pty.wait_for_within("listed", WITHIN, |s| {
        s.contains("Library: 400 briefings") && !s.contains("(listing")
    });
    // Every file matches: hits show while the search goes on.
    pty.send("/sanctions");
    let streaming = pty.wait_for_within("hits while searching", WITHIN, |s| {
        s.contains("Generated 00399") && s.contains("searching")
    });
    assert!(streaming.contains("hits, searching"), "{streaming}");
    // Esc: the library at once, and nothing from the search after it.
    pty.send("\x1b");
    pty.wait_for("the library again", |s| {
        !s.contains("/sanctions") && s.contains("Library: 400")
    });
    pty.wait_quiet(Duration::from_millis(500));
    let after = pty.screen();
    assert!(
        !after.contains("searching") && !after.contains(" hits"),
        "{after}"
    );
    // A newer query replaces the older one before it is done.
    pty.send("/sanction");
    pty.wait_for_within("the first query's hits", WITHIN, |s| s.contains("hits"));
    pty.send("\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7fzanzibar");
    let one = pty.wait_for_within("the one hit", WITHIN, |s| {
        s.contains("1 hit") && !s.contains("hits") && !s.contains("searching")
    });
    assert!(one.contains("Generated 00004"), "{one}");
    assert!(!one.contains("Generated 00399"), "{one}");
    // Enter opens it, once its briefing (let go after loading, or not
    // loaded yet) has been read.
    pty.send("\r");
    let opened = pty.wait_for_within("the item", WITHIN, |s| {
        s.contains("Item Zanzibar") && s.contains("Section 0 ›")
    });
    assert!(opened.contains("Generated 00004"), "{opened}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), 0);
    pty.assert_restored();
}
