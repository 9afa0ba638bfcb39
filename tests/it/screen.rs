//! The reader inside a real GNU screen: copies reach the terminal outside
//! through screen's passthrough and nothing is printed, and Esc works
//! although screen holds it until the next key.

use crate::common::pty::clipboard_writes;
use crate::common::screen::{Screen, bundled_briefing};
use std::time::Duration;

const TITLE: &str = "US-Russia talks on Ukraine end without a breakthrough";

/// The longest run of base64 characters on the screen: a copy screen
/// printed instead of passing on shows as one (briefing text has spaces).
fn longest_base64_run(screen: &str) -> usize {
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    screen
        .lines()
        .flat_map(|l| l.split(|c: char| !is_b64(c)))
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn in_screen_copies_pass_through_to_the_terminal_and_print_nothing() {
    let file = bundled_briefing();
    let Some(mut s) = Screen::start(&[file.to_str().unwrap()], 100, 30) else {
        return;
    };
    s.pty.wait_text("Contents (4 sections)");
    // `y` copies the overview (short); `Y` the whole briefing, many times
    // more than screen keeps of one control string.
    s.pty.send("y");
    s.pty.wait_text("copied overview");
    s.pty.send("Y");
    s.pty.wait_text("copied briefing");
    s.pty.wait_quiet(Duration::from_millis(300));
    let copies = clipboard_writes(&s.pty.raw());
    assert_eq!(copies.len(), 2, "the terminal outside got {copies:?}");
    assert!(copies[0].contains(TITLE), "{:?}", copies[0]);
    assert!(copies[1].contains(TITLE) && copies[1].len() > 4000);
    assert!(copies[1].contains("Where the parties stand"));
    let screen = s.pty.screen();
    assert!(
        longest_base64_run(&screen) < 40,
        "screen printed a copy:\n{screen}"
    );
    s.pty.send("q");
    assert_eq!(s.pty.wait_exit(Duration::from_secs(5)), 0);
}

#[test]
fn in_screen_esc_then_a_key_is_esc_and_the_key() {
    let file = bundled_briefing();
    let Some(mut s) = Screen::start(&[file.to_str().unwrap()], 100, 30) else {
        return;
    };
    let first_line = |screen: &str| screen.lines().next().unwrap_or("").trim_end().to_string();
    s.pty.wait_text("Contents (4 sections)");
    s.pty.send("2");
    s.pty.wait_for("the positions section", |s| {
        first_line(s).ends_with("› Where the parties stand")
    });
    s.pty.send("l");
    s.pty
        .wait_for("the Russia item", |s| first_line(s).ends_with("› Russia"));
    // With mouse reporting on, screen holds this Esc until the next key and
    // sends both as one Alt-j.
    s.pty.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    s.pty.send("j");
    // Back in the section, and j moved its selection past Russia, the first
    // item (the status line counts from 1).
    s.pty.wait_for("the section, on its second item", |s| {
        let status = s.lines().last().unwrap_or("").trim_start();
        first_line(s).ends_with("› Where the parties stand") && status.starts_with("2/")
    });
    s.pty.send("q");
    assert_eq!(s.pty.wait_exit(Duration::from_secs(5)), 0);
}
