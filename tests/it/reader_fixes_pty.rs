//! The reader as a new user meets it, in a real terminal (issue 16): an item
//! opened from search counts as read, a hit is scrolled into view, help
//! stays off the status line, the search prompt, and the small ones.

use crate::common::pty::Pty;
use std::time::Duration;

fn ukraine(cols: u16, rows: u16) -> (tempfile::TempDir, Pty) {
    let dir = tempfile::tempdir().expect("tempdir");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let pty = Pty::spawn(&[briefing.to_str().unwrap()], dir.path(), cols, rows, &[]);
    pty.wait_text("Contents (4 sections)");
    // The preview settles after the first frame: what tests compare with is
    // the screen once it has (a busy machine drew the first one late).
    pty.wait_quiet(Duration::from_millis(300));
    (dir, pty)
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

/// The left pane's part of the screen line where `text` is in the left pane.
fn left_line_with(screen: &str, text: &str) -> String {
    screen
        .lines()
        .map(|l| l.split('│').next().unwrap_or_default())
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}"))
        .to_string()
}

#[test]
fn an_item_opened_from_search_is_marked_read() {
    let (_dir, mut pty) = ukraine(120, 40);
    pty.send("/Trump: ");
    pty.wait_for("hits", |s| s.contains("/Trump:") && s.contains(" hit"));
    pty.send("\r");
    pty.wait_for("the item", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("› Trump: \"What a mess\""))
    });
    // Back to its section's list: the item has lost its unread mark.
    pty.send("\x1b");
    let screen = pty.wait_for("the section list", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with("› The Kremlin talks"))
    });
    let row = left_line_with(&screen, "Trump: \"What a mess\"");
    assert!(!row.contains('●'), "still unread: {row}\n{screen}");
    quit(pty);
}

#[test]
fn a_hit_in_the_key_points_opens_scrolled_to_it_beside_the_overview() {
    let (_dir, mut pty) = ukraine(80, 24);
    // Search from inside an item: the columns must not keep showing it.
    pty.send("2l");
    pty.wait_text("Stances");
    pty.send("/hardest issues");
    pty.wait_for("hits", |s| {
        s.contains("/hardest issues") && s.contains("2 hits")
    });
    // The second hit is the briefing's key point.
    pty.send("\x0e\r");
    let screen = pty.wait_for("the bottom line", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with("› Bottom line"))
    });
    assert!(
        screen.contains("• Hardest issues, per Zelensky"),
        "the key point is not in view:\n{screen}"
    );
    let status = screen.lines().last().unwrap_or_default();
    assert!(!status.trim_start().starts_with("0%"), "{status}");
    // Beside it, the overview it belongs to, not the item searched from.
    let left: Vec<&str> = screen
        .lines()
        .skip(1)
        .map(|l| l.split('│').next().unwrap_or_default())
        .collect();
    assert!(
        left.iter().any(|l| l.contains("Contents (4 sections)")),
        "{screen}"
    );
    assert!(!left.iter().any(|l| l.contains("Stances")), "{screen}");
    quit(pty);
}

#[test]
fn help_keeps_off_the_status_line_and_shows_that_it_scrolls() {
    for (cols, rows) in [(120, 40), (80, 24)] {
        let (_dir, mut pty) = ukraine(cols, rows);
        let before = pty.screen();
        pty.send("?");
        let screen = pty.wait_text("Keys (Esc closes)");
        let (first, last) = (before.lines().next(), before.lines().last());
        assert_eq!(
            screen.lines().next(),
            first,
            "the breadcrumb at {cols}x{rows}"
        );
        assert_eq!(
            screen.lines().last(),
            last,
            "the status line at {cols}x{rows}"
        );
        // The box says it scrolls while there is more below, until its end.
        let fits = !screen.contains("more below");
        pty.send("G");
        let end = pty.wait_for("the end", |s| fits || s.contains(" end · 100% "));
        assert_eq!(end.lines().last(), last, "the status line at {cols}x{rows}");
        if cols == 80 {
            assert!(!fits, "help fits at 80x24?\n{screen}");
        }
        quit(pty);
    }
}

#[test]
fn o_on_a_source_without_a_url_says_so() {
    let (_dir, mut pty) = ukraine(120, 40);
    // The first talks item's last link is its source, which has no URL.
    pty.send("1l");
    pty.wait_text("Sources");
    pty.send("\x1b[Z");
    pty.wait_text("▸ Ukraine Talks");
    pty.send("o");
    pty.wait_text("this source has no URL");
    pty.send("l");
    pty.wait_for("the source page", |s| {
        s.lines().next().is_some_and(|l| l.contains("› Sources ›"))
    });
    pty.send("o");
    let screen = pty.wait_text("this source has no URL");
    assert!(!screen.contains("Tab in an item"), "{screen}");
    quit(pty);
}

/// The column of the first pane divider on each body row that has one.
fn divider_columns(screen: &str) -> Vec<usize> {
    let mut columns: Vec<usize> = screen
        .lines()
        .skip(1)
        .filter_map(|l| l.chars().position(|c| c == '│'))
        .collect();
    columns.dedup();
    columns
}

/// Item 6 in a real terminal: at 120 columns the divider stays in one
/// column while the selection crosses the bottom line and the sections, and
/// when typing starts a search.
#[test]
fn the_divider_stays_put_in_a_real_terminal() {
    let (_dir, mut pty) = ukraine(120, 30);
    pty.wait_quiet(Duration::from_millis(300));
    let first = divider_columns(&pty.screen());
    assert_eq!(first.len(), 1, "one divider column:\n{}", pty.screen());
    for key in ["j", "j", "j", "k", "k", "k", "/", "t", "r", "u"] {
        pty.send(key);
        pty.wait_quiet(Duration::from_millis(300));
        let now = divider_columns(&pty.screen());
        assert_eq!(now, first, "after {key:?}:\n{}", pty.screen());
    }
    pty.send("\x1b");
    quit(pty);
}

/// Item 12 in a real terminal: the prompt, before anything is typed, counts
/// no hits and its hint is not cut inside a word.
#[test]
fn the_search_prompt_before_typing_in_a_real_terminal() {
    let (_dir, mut pty) = ukraine(80, 24);
    pty.send("/");
    let screen = pty.wait_text("Type to search");
    assert!(!screen.contains("no hits"), "{screen}");
    assert!(!screen.contains("0 hits"), "{screen}");
    let hint = "Type to search titles, text, quotes, stances, actors and sources";
    let shown: String = screen
        .lines()
        .skip_while(|l| !l.contains("Type to search"))
        .take(3)
        .map(|l| l.split('│').next().unwrap_or_default().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = shown.split_whitespace().collect();
    for word in hint.split_whitespace() {
        assert!(
            words.contains(&word),
            "{word:?} cut or missing: {shown:?}\n{screen}"
        );
    }
    pty.send("\x1b");
    quit(pty);
}
