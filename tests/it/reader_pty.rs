//! The real binary in a real pseudo-terminal: open, drill down, resize, quit,
//! and check the terminal came back as it was.

use crate::common::pty::Pty;
use std::time::Duration;

/// A directory with no `briefings/` in it, so `brief` opens the bundled ones.
fn empty_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

const TITLE: &str = "US-Russia talks";

#[test]
fn drill_down_resize_and_quit_restore_the_terminal() {
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[], dir.path(), 120, 40, &[]);
    // A library of one (the bundled briefing) opens on the briefing.
    pty.wait_text("Contents (4 sections)");
    // Section 2 is the positions; Russia is its first item.
    pty.send("2");
    pty.wait_for("the positions section", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("› Where the parties stand"))
    });
    pty.send("l");
    let screen = pty.wait_for("the Russia position", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with("› Russia"))
    });
    assert!(screen.contains("Stances"), "{screen}");
    // Tab through the item's links to Putin, then open his actor view.
    for _ in 0..12 {
        if pty.screen().contains("▸ Vladimir Putin") {
            break;
        }
        pty.send("\t");
        std::thread::sleep(Duration::from_millis(60));
    }
    pty.wait_text("▸ Vladimir Putin");
    pty.send("\r");
    let screen = pty.wait_text("Side: Russia");
    assert!(
        screen.lines().next().unwrap().contains("Vladimir Putin"),
        "{screen}"
    );
    assert!(screen.contains("“"), "Putin's quotes are listed:\n{screen}");
    // Back to the overview.
    pty.send("\x1b");
    pty.wait_for("item view", |s| s.contains("Stances"));
    pty.send("hh");
    // The breadcrumb is back to "Library › <title>" and the sections list shows.
    pty.wait_for("overview", |s| {
        s.contains("Contents (4 sections)")
            && s.lines()
                .next()
                .is_some_and(|l| l.matches('›').count() == 1)
    });

    pty.resize(160, 48);
    pty.wait_for("three columns at 160x48", |s| {
        s.lines()
            .nth(3)
            .is_some_and(|l| l.matches('│').count() == 2)
    });
    pty.resize(80, 24);
    pty.wait_for("two columns at 80x24", |s| {
        s.lines()
            .nth(3)
            .is_some_and(|l| l.matches('│').count() == 1)
    });
    pty.resize(30, 8);
    pty.wait_for("one pane at 30x8", |s| {
        s.lines().nth(3).is_some_and(|l| !l.contains('│')) && s.contains("Library")
    });
    pty.resize(120, 40);
    pty.wait_for("two columns at 120x40", |s| {
        s.lines()
            .nth(3)
            .is_some_and(|l| l.matches('│').count() == 1)
    });

    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        text[left..].contains("\x1b[?25h"),
        "cursor shown after leaving"
    );
}

#[test]
fn start_up_sends_no_terminal_queries() {
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text(TITLE);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    for query in [
        "\x1b[6n",
        "\x1b[c",
        "\x1b[>c",
        "\x1b]11;?",
        "\x1b]10;?",
        "\x1b_G",
        "\x1b[?u",
        "\x1b[>q",
        "\x1b[14t",
        "\x1b[18t",
    ] {
        assert!(!raw.contains(query), "sent the query {query:?}");
    }
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    // Exit status 128 + the signal, as a shell reports a killed program.
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let dir = empty_dir();
        let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
        pty.wait_text(TITLE);
        let pid = pty.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status();
        assert!(status.expect("kill runs").success());
        assert_eq!(pty.wait_exit(Duration::from_secs(2)), code, "SIG{signal}");
        pty.assert_restored();
    }
}

/// Sequences from the fixture's strings that must never reach the pty.
const PAYLOADS: &[&[u8]] = &[
    b"\x1b]0;pwned",
    b"\x1b]52;",
    b"\x1bP",
    b"\x1b[6n",
    b"\x1b[c",
    b"\x1b[>q",
    b"\x1b[21t",
    b"\x1b]8;;http://evil",
    b"\x1b[31m",
    b"\x07",
    "\u{9b}".as_bytes(),
    "\u{9d}".as_bytes(),
    "\u{90}".as_bytes(),
    "\u{9c}".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200b}".as_bytes(),
    "\u{e0041}".as_bytes(),
];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn escape_sequences_in_a_briefing_never_reach_the_terminal() {
    let fixture = std::fs::canonicalize("tests/fixtures/hostile/escapes.toml").expect("fixture");
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[fixture.to_str().unwrap()], dir.path(), 160, 48, &[]);
    pty.wait_text("Hostile ␛]0;pwned␇ title");
    // Visit every view that shows the strings: item, actor, source, actors.
    pty.send("jll");
    pty.wait_text("cursor query");
    pty.send("l");
    pty.wait_text("Mallory");
    pty.send("h\t");
    pty.send("l");
    pty.wait_text("Source ␛]8;;http://evil.example");
    pty.send("a");
    pty.wait_text("Actors (1)");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let raw = pty.raw();
    for payload in PAYLOADS {
        assert!(
            !contains(&raw, payload),
            "{:?} reached the terminal",
            String::from_utf8_lossy(payload)
        );
    }
}

#[test]
fn safe_source_urls_become_hyperlinks_and_others_do_not() {
    let fixture = std::fs::canonicalize("tests/fixtures/reader/links.toml").expect("fixture");
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[fixture.to_str().unwrap()], dir.path(), 100, 30, &[]);
    pty.wait_text("Contents (1 section)");
    pty.send("jll");
    pty.wait_text("javascript:alert(1)");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let raw = pty.raw();
    assert!(contains(
        &raw,
        b"\x1b]8;;https://example.org/report\x1b\\https://example.org/report\x1b]8;;\x1b\\"
    ));
    assert!(!contains(&raw, b"\x1b]8;;javascript"));
    // Off where the terminal would print the sequence.
    let dir = empty_dir();
    let mut pty = Pty::spawn(
        &[fixture.to_str().unwrap()],
        dir.path(),
        100,
        30,
        &[("TERM", "linux")],
    );
    pty.wait_text("Contents (1 section)");
    pty.send("jll");
    pty.wait_text("javascript:alert(1)");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    assert!(!contains(&pty.raw(), b"\x1b]8;"));
}

#[test]
fn a_panic_on_any_thread_restores_the_terminal_then_prints_it() {
    for (thread, message) in [
        ("ui", "injected panic on the UI thread"),
        ("worker", "injected panic on a worker thread"),
    ] {
        let dir = empty_dir();
        let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[("BRIEF_TEST_PANIC", thread)]);
        assert_eq!(pty.wait_exit(Duration::from_secs(5)), 101, "{thread}");
        pty.assert_restored();
        let screen = pty.wait_text(message);
        assert!(
            !screen.contains("Contents ("),
            "the message is on the normal screen:\n{screen}"
        );
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_repaints() {
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text("Contents (4 sections)");
    pty.send("\x1a");
    // Under the test there is no job-control shell, so the stop is discarded
    // by the kernel (orphaned process group) and the reader comes straight back.
    pty.wait_for("re-entered", |_| {
        String::from_utf8_lossy(&pty.raw())
            .matches("\x1b[?1049h")
            .count()
            >= 2
    });
    let screen = pty.wait_text("Contents (4 sections)");
    assert!(screen.contains("US-Russia"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn the_preview_follows_the_selection_once_keys_pause() {
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[], dir.path(), 120, 40, &[]);
    // A library of one (the bundled briefing) opens on the briefing.
    pty.wait_text("Contents (4 sections)");
    // Section 3 is the pressure; the preview shows its first item's body.
    pty.send("3");
    pty.wait_text("hawkish");
    // Three quick moves (down, down, up) end on the second item: its body
    // replaces the first's once input pauses.
    pty.send("jjk");
    let screen = pty.wait_for("the second item's preview", |s| s.contains("stepped up"));
    assert!(!screen.contains("hawkish"), "{screen}");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

/// crossterm writes colours in the 256-colour form; the frames carry the 16
/// basic colours in their classic codes, which 8- and 16-colour terminals
/// read right (a VT100 takes the `5` of `38;5;8` for blink).
#[test]
fn frames_use_the_classic_codes_for_the_basic_colours() {
    let dir = empty_dir();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[("TERM", "vt100")]);
    pty.wait_text(TITLE);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let raw = pty.raw();
    assert!(!contains(&raw, b"38;5;") && !contains(&raw, b"48;5;"));
    assert!(contains(&raw, b"\x1b[90m") || contains(&raw, b";90m") || contains(&raw, b"[90;"));
}

/// `TERM=dumb` cannot place the cursor: the briefing is printed as text.
#[test]
fn a_dumb_terminal_gets_plain_text() {
    let dir = empty_dir();
    // An empty COLUMNS, as if not exported: the width comes from the pty.
    let env = [("TERM", "dumb"), ("COLUMNS", "")];
    let mut pty = Pty::spawn(&[], dir.path(), 44, 30, &env);
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let raw = pty.raw();
    assert!(contains(&raw, TITLE.as_bytes()));
    // Wrapped to the terminal's own width (COLUMNS is not exported).
    let text = String::from_utf8_lossy(&raw);
    let widest = text.lines().map(|l| l.trim_end().chars().count()).max();
    assert!(
        widest.is_some_and(|w| w <= 44 && w > 30),
        "{widest:?}\n{text}"
    );
    assert!(
        !contains(&raw, b"\x1b["),
        "{:?}",
        String::from_utf8_lossy(&raw)
    );
}

/// No lone regional-indicator letter (half a flag) is left on screen.
fn lone_flag_letter(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let mut run = 0;
        let chars: Vec<char> = line.chars().chain([' ']).collect();
        for c in chars {
            if ('\u{1f1e6}'..='\u{1f1ff}').contains(&c) {
                run += 1;
            } else if run % 2 == 1 {
                return Some(line.to_string());
            } else {
                run = 0;
            }
        }
        None
    })
}

/// Where the terminal gives each letter of a flag its own cell (tmux,
/// vt100), redrawing over a flag must not leave its second letter behind.
#[test]
fn redrawing_over_a_flag_leaves_no_half_of_it() {
    let fixture = std::fs::canonicalize("tests/fixtures/reader/flags.toml").expect("fixture");
    let dir = empty_dir();
    let mut pty = Pty::spawn(
        &["--no-state", fixture.to_str().unwrap()],
        dir.path(),
        80,
        24,
        &[],
    );
    pty.wait_text("Contents");
    for key in ["2", "\r", "\t", "\t", "\t", "j", "k", "\t"] {
        pty.send(key);
        std::thread::sleep(Duration::from_millis(150));
        let screen = pty.screen();
        assert_eq!(lone_flag_letter(&screen), None, "after {key:?}:\n{screen}");
    }
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
}
