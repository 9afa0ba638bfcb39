//! Abuse from the terminal side: a storm of resizes, and the terminal going
//! away (the pty master closed) while the reader sits idle.

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
    // The same view drawn by a fresh process at that size is the reference.
    let reference = {
        let dir = tempfile::tempdir().unwrap();
        let mut fresh = Pty::spawn(&[], dir.path(), 90, 28, &[]);
        fresh.wait_text(TITLE);
        fresh.send("\r");
        fresh.wait_text("Contents (4 sections)");
        std::thread::sleep(Duration::from_millis(300));
        let screen = fresh.screen();
        fresh.send("q");
        fresh.wait_exit(Duration::from_secs(5));
        screen
    };
    // Compared as seen: a blank cell and a written space look the same.
    let seen = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    let reference = seen(&reference);
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
    assert!(screen == reference, "after the storm:\n{}", diff.join("\n"));
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
