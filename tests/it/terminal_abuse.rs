//! Abuse from the terminal side: a storm of resizes, a huge terminal, and
//! the terminal going away (the pty master closed) while the reader sits idle.

use crate::common::pty::Pty;
use std::time::{Duration, Instant};

const TITLE: &str = "US-Russia talks";

#[test]
fn a_thousand_resizes_in_a_second_leave_a_correct_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text(TITLE);
    pty.send("\r");
    pty.wait_text("Contents (4 sections)");
    let started = Instant::now();
    for i in 0..1000u32 {
        let cols = 1 + (i * 37 % 220) as u16;
        let rows = 1 + (i * 13 % 70) as u16;
        pty.resize(cols, rows);
        if i % 4 == 0 {
            std::thread::sleep(Duration::from_micros(3500));
        }
    }
    let storm = started.elapsed();
    eprintln!("1,000 resizes in {storm:?}");
    pty.resize(90, 28);
    assert_same_as_a_fresh_reader(&pty, 90, 28, "after the storm");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn closing_the_master_makes_an_idle_reader_exit_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text(TITLE);
    // Idle: no keys, no resizes; the loop is waiting for an event.
    std::thread::sleep(Duration::from_millis(700));
    let closed = Instant::now();
    pty.close_master();
    pty.wait_exit(Duration::from_secs(2));
    eprintln!("exited {:?} after the master closed", closed.elapsed());
}

#[test]
fn closing_the_master_with_sighup_ignored_still_exits() {
    // As under `nohup`: the hang-up signal is ignored, so only the reader's own
    // check of the terminal notices. `sh` sets SIG_IGN, which exec keeps.
    let dir = tempfile::tempdir().unwrap();
    let brief = env!("CARGO_BIN_EXE_brief");
    let mut pty = Pty::spawn_command(
        "sh",
        &["-c", &format!("trap '' HUP; exec '{brief}'")],
        dir.path(),
        100,
        30,
    );
    pty.wait_text(TITLE);
    std::thread::sleep(Duration::from_millis(700));
    pty.close_master();
    pty.wait_exit(Duration::from_secs(2));
}

/// The contents view of the bundled library as a fresh reader draws it at
/// `cols`x`rows`, as seen (a blank cell and a written space look the same).
fn fresh_screen(cols: u16, rows: u16) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Pty::spawn(&[], dir.path(), cols, rows, &[]);
    fresh.wait_text(TITLE);
    fresh.send("\r");
    fresh.wait_text("Contents (4 sections)");
    std::thread::sleep(Duration::from_millis(300));
    let screen = fresh.screen();
    fresh.send("q");
    fresh.wait_exit(Duration::from_secs(5));
    seen(&screen)
}

fn seen(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Waits until `pty` shows what a fresh reader shows at that size.
fn assert_same_as_a_fresh_reader(pty: &Pty, cols: u16, rows: u16, when: &str) {
    let reference = fresh_screen(cols, rows);
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen(&pty.screen()) != reference && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let screen = seen(&pty.screen());
    let diff: Vec<String> = screen
        .lines()
        .zip(reference.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("row {i}:\n  got  {a:?}\n  want {b:?}"))
        .collect();
    assert!(screen == reference, "{when}:\n{}", diff.join("\n"));
}

/// The peak resident memory of process `pid`, in kB.
fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .expect("VmHWM");
    line.split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

/// A huge terminal: the reader draws at most 500x200 of it. At 65535x65535
/// it used to abort in ratatui's `Buffer::resize` (206 GB), leaving the
/// alternate screen and mouse reporting on; 3000x3000 took 850 MB.
#[test]
fn a_huge_terminal_neither_aborts_nor_breaks_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text(TITLE);
    pty.send("\r");
    pty.wait_text("Contents (4 sections)");
    let pid = pty.child.process_id().expect("pid");
    for (cols, rows) in [(65535, 65535), (3000, 3000), (65535, 1), (1, 65535)] {
        pty.resize_terminal_only(cols, rows);
        // The resize is drawn at once; give it time to be.
        std::thread::sleep(Duration::from_millis(500));
        let status = pty.child.try_wait().expect("try_wait");
        assert!(status.is_none(), "ended at {cols}x{rows}: {status:?}");
    }
    let peak = peak_rss_kb(pid);
    eprintln!("peak RSS {peak} kB");
    assert!(peak < 200 * 1024, "peak RSS {peak} kB");
    pty.resize(90, 28);
    assert_same_as_a_fresh_reader(&pty, 90, 28, "back at 90x28");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
