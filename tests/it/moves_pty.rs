//! Bytes per move in a real terminal: the real binary and its run loop (key
//! batching, the settle after input pauses), keys sent as a key repeat
//! sends them. The numbers issue 16 measured over SSH, here on a pty.

use crate::common::pty::Pty;
use std::time::{Duration, Instant};

/// Waits until nothing has arrived for 300 ms (at most 10 s); returns how
/// many bytes the terminal has received in all.
fn quiet(pty: &Pty) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = (pty.raw().len(), Instant::now());
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        let len = pty.raw().len();
        if len != last.0 {
            last = (len, Instant::now());
        } else if last.1.elapsed() >= Duration::from_millis(300) {
            break;
        }
    }
    last.0
}

/// Sends `key` `n` times, 15 ms apart (a fast key repeat), and returns the
/// bytes the terminal received for them, up to when it went quiet.
fn press(pty: &mut Pty, key: &str, n: usize) -> usize {
    let before = quiet(pty);
    for _ in 0..n {
        pty.send(key);
        std::thread::sleep(Duration::from_millis(15));
    }
    quiet(pty) - before
}

fn ukraine(cols: u16, rows: u16) -> (tempfile::TempDir, Pty) {
    let dir = tempfile::tempdir().expect("tempdir");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let pty = Pty::spawn(&[briefing.to_str().unwrap()], dir.path(), cols, rows, &[]);
    pty.wait_text("Contents (4 sections)");
    (dir, pty)
}

/// Bytes for 30 `j` in a section, 15 and then 15 more Ctrl-n through search
/// hits (the first 15 stay on the list's first screen; after that each move
/// scrolls the list) and 12 `]` in an item, at 120x40.
fn measure_moves() -> [usize; 4] {
    let (_dir, mut pty) = ukraine(120, 40);
    pty.send("1");
    pty.wait_text("1/5");
    let j = press(&mut pty, "j", 30);
    pty.send("\x1b");
    pty.wait_text("Contents (4 sections)");
    pty.send("/the");
    pty.wait_for("hits", |s| s.contains("/the") && s.contains(" hits"));
    let hits = press(&mut pty, "\x0e", 15);
    let more = press(&mut pty, "\x0e", 15);
    pty.send("\x1b");
    pty.wait_text("Contents (4 sections)");
    pty.send("1");
    pty.wait_text("1/5");
    pty.send("l");
    pty.wait_text("%");
    let items = press(&mut pty, "]", 12);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    println!(
        "120x40: 30 j {j} B; Ctrl-n in hits: 15 {hits} B, 30 {} B; 12 ] in an item {items} B",
        hits + more
    );
    [j, hits, hits + more, items]
}

#[test]
fn moving_through_hits_and_items_costs_about_what_a_list_move_costs() {
    let [j, hits, _, items] = measure_moves();
    // A move repaints a few list rows, the crumb and the status line; the
    // preview goes out once, when the keys stop. Main sent a whole preview
    // per move: 44 KB for the 15 hits, 36 KB for the 12 items.
    assert!(hits < 15_000, "15 Ctrl-n sent {hits} bytes (30 j: {j})");
    assert!(items < 12_000, "12 ] sent {items} bytes (30 j: {j})");
}
