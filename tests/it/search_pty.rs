//! Search in a real terminal, and read state across runs: find `pokrovsk`,
//! open it highlighted, quit, reopen on the same item, marked read.

use crate::common::pty::Pty;
use std::time::Duration;

#[test]
fn search_opens_the_hit_and_the_next_run_reopens_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let args = [briefing.to_str().unwrap()];
    let env = [
        ("XDG_STATE_HOME", state.to_str().unwrap()),
        ("HOME", dir.path().to_str().unwrap()),
    ];

    let mut pty = Pty::spawn(&args, dir.path(), 120, 40, &env);
    pty.wait_text("Contents (4 sections)");
    pty.send("/pokrovsk");
    pty.wait_for("hits listed", |s| {
        s.contains("/pokrovsk") && s.contains(" hit")
    });
    pty.send("\r");
    let screen = pty.wait_for("the Pokrovsk item", |s| {
        s.lines().next().is_some_and(|l| l.contains("Pokrovsk"))
    });
    // The match is drawn highlighted (reverse video or a background colour).
    let highlighted = pty.with_screen(|s| {
        let (rows, cols) = s.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                s.cell(r, c).is_some_and(|cell| {
                    cell.contents().eq_ignore_ascii_case("p")
                        && (cell.bgcolor() != vt100::Color::Default || cell.inverse())
                        && s.cell(r, c + 1)
                            .is_some_and(|n| n.contents().eq_ignore_ascii_case("o"))
                })
            })
        })
    });
    assert!(highlighted, "no highlighted match on screen:\n{screen}");
    let title = screen.lines().next().unwrap().to_string();
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    assert!(
        state.join("brief").join("state.json").exists(),
        "state was written"
    );

    // Reopen: the same item, and it counts as read in its section's list.
    let mut pty = Pty::spawn(&args, dir.path(), 120, 40, &env);
    let item_title = title.rsplit('›').next().unwrap().trim().to_string();
    pty.wait_for("reopened on the item", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end() == title.trim_end())
    });
    pty.send("h");
    let screen = pty.wait_for("the section list", |s| {
        s.lines().next().is_some_and(|l| !l.contains(&item_title))
    });
    let row = screen
        .lines()
        .find(|l| l.contains(&item_title))
        .expect("item row in the list");
    assert!(
        !row.contains('●'),
        "the item is still marked unread: {row:?}\n{screen}"
    );
    assert!(screen.contains('●'), "other items are unread:\n{screen}");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}
