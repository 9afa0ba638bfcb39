//! The timeline in a real terminal: a library of generated briefings opens,
//! `t` lists their items by date across the files, `!` narrows it, Enter
//! opens the selected item in its briefing, and Back returns.

use crate::common::library::reader_on_new;
use crate::common::timeline::{NEWEST_FIRST, library};
use std::time::Duration;

/// Where each of `titles` first shows on `screen` (panics if one does not).
fn places(screen: &str, titles: &[&str]) -> Vec<usize> {
    (titles.iter())
        .map(|t| {
            screen
                .find(t)
                .unwrap_or_else(|| panic!("{t} not on screen:\n{screen}"))
        })
        .collect()
}

#[test]
fn the_library_s_timeline_orders_items_across_files_filters_and_opens_the_right_one() {
    // 72 columns: one pane at a time, so every title on screen is a row.
    let (_dir, mut pty) = reader_on_new(library, 72, 30);
    pty.wait_for("the library, loaded", |s| {
        s.contains("Library: 3 briefings") && !s.contains("loading")
    });
    pty.send("t");
    let screen = pty.wait_text("Timeline: 6 items in 3 briefings");
    let at = places(&screen, &NEWEST_FIRST);
    assert!(at.is_sorted(), "not newest first across files:\n{screen}");
    // Critical, then high or above: two items, the critical one first.
    pty.send("!!");
    let screen = pty.wait_text("Filter: high or above");
    assert!(
        screen.contains("Timeline: 2 items in 2 briefings"),
        "{screen}"
    );
    assert!(
        !screen.contains("Charlie newest") && !screen.contains("Alpha early"),
        "{screen}"
    );
    let at = places(&screen, &["Alpha late", "Bravo middle"]);
    assert!(at.is_sorted(), "{screen}");
    // The second item, opened: its own briefing, its body.
    pty.send("j\r");
    let screen = pty.wait_text("The body of Bravo middle.");
    let crumb = screen.lines().next().unwrap_or_default();
    assert!(
        crumb.contains("Bravo desk") && crumb.contains("Bravo middle"),
        "{screen}"
    );
    // Back: the filtered timeline, the item still selected.
    pty.send("h");
    let screen = pty.wait_text("Filter: high or above");
    assert!(
        screen.lines().last().unwrap_or_default().contains("2/2"),
        "{screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
