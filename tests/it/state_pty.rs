//! Read state with real processes in real terminals (issue 15, items 9, 14
//! and 15): quitting is prompt with thousands of briefings; with the state
//! lock held by another process, or a FIFO at its path, it is bounded and
//! says on stderr why the marks were not saved; a signal ends the reader
//! within a second, also during the last save; a state file corrupted while
//! a reader is open is kept aside with a warning; and readers open at once
//! never undo each other's marks.

use crate::common::pty::Pty;
use brief::state::{BriefingState, LOCK_WAIT, StateFile, Store};
use std::fs::{self, File};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The bundled briefing's title: what an empty directory opens.
const TITLE: &str = "US-Russia talks";

/// Where `Pty::spawn` puts the reader's state (`XDG_STATE_HOME=CWD/.state`).
fn store(dir: &Path) -> Store {
    Store {
        path: dir.join(".state").join("brief").join("state.json"),
    }
}

fn lock_path(dir: &Path) -> PathBuf {
    store(dir).path.with_extension("json.lock")
}

/// A briefing of one section (`s`) with `items` items `i1`, `i2`, ...
fn briefing(title: &str, items: usize) -> String {
    let mut text = format!(
        "[briefing]\ntitle = \"{title}\"\ndate = 2025-12-02\nsummary = \"S.\"\n\n\
         [[section]]\nid = \"s\"\ntitle = \"Items\"\n"
    );
    for i in 1..=items {
        text.push_str(&format!(
            "\n[[section.item]]\nid = \"i{i}\"\ntitle = \"Item number {i}\"\nbody = \"Body {i}.\"\n"
        ));
    }
    text
}

/// Holds the state lock from this test process, as another `brief` in the
/// middle of a save would, until the file is dropped.
fn hold_lock(dir: &Path) -> File {
    let lock = lock_path(dir);
    fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let file = File::create(&lock).unwrap();
    // SAFETY: a valid open descriptor.
    assert_eq!(unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) }, 0);
    file
}

/// Polls until `pred` holds for the state file, for at most 10 s.
fn wait_state(dir: &Path, what: &str, pred: impl Fn(&StateFile) -> bool) -> StateFile {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (file, _) = store(dir).load();
        if pred(&file) {
            return file;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {file:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(pty: &Pty, signal: &str) {
    let pid = pty.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status();
    assert!(status.expect("kill runs").success());
}

/// 26 s before the fix (2,000 read-merge-writes with two fsyncs each), one
/// write now: the bound is generous.
#[test]
fn quit_with_2000_briefings_is_prompt_and_saves_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir(&library).unwrap();
    for n in 0..2000 {
        let text = briefing(&format!("Briefing {n}"), 3);
        fs::write(library.join(format!("b{n:04}.toml")), text).unwrap();
    }
    let mut pty = Pty::spawn(&[library.to_str().unwrap()], dir.path(), 100, 30, &[]);
    // Briefings load in the background: quit once all are in, so each has
    // been seen (and so has marks to save).
    pty.wait_for("all 2000 loaded", |s| {
        s.contains("Library: 2000 briefings") && !s.contains("loading")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(3)), 0);
    pty.assert_restored();
    let (file, warning) = store(dir.path()).load();
    assert_eq!(warning, None);
    assert_eq!(file.briefings.len(), 2000);
    assert!(file.briefings.values().all(|b| b.known.len() == 3));
}

#[test]
fn quit_with_the_lock_held_elsewhere_waits_a_bounded_time_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let _held = hold_lock(dir.path());
    let mut pty = Pty::spawn(&[], dir.path(), 220, 30, &[]);
    pty.wait_text(TITLE);
    let started = Instant::now();
    pty.send("q");
    assert_eq!(
        pty.wait_exit(brief::tui::FINAL_SAVE_WAIT + Duration::from_secs(2)),
        0
    );
    assert!(started.elapsed() >= LOCK_WAIT, "it waited for the lock");
    pty.assert_restored();
    let screen = pty.screen();
    assert!(
        screen.contains("brief: read marks not saved:")
            && screen.contains("state.json.lock is held by another process"),
        "{screen}"
    );
    assert!(!store(dir.path()).path.exists(), "nothing was written");
}

#[test]
fn a_fifo_at_the_lock_path_never_holds_up_quit() {
    let dir = tempfile::tempdir().unwrap();
    let lock = lock_path(dir.path());
    fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo").arg(&lock).status();
    assert!(status.expect("mkfifo runs").success());
    let mut pty = Pty::spawn(&[], dir.path(), 220, 30, &[]);
    pty.wait_text(TITLE);
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(2)), 0);
    pty.assert_restored();
    let screen = pty.screen();
    assert!(
        screen.contains("brief: read marks not saved:") && screen.contains("not a regular file"),
        "{screen}"
    );
}

/// The last save is held up by a lock another process holds: SIGTERM, SIGINT
/// or SIGHUP still ends the reader within a second, the terminal restored.
#[test]
fn a_signal_during_the_last_save_ends_the_reader_within_a_second() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let _held = hold_lock(dir.path());
        let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
        pty.wait_text(TITLE);
        pty.send("q");
        // The terminal is given back before the last save: it is under way.
        pty.wait_for("the terminal restored", |_| {
            pty.with_screen(|s| !s.alternate_screen())
        });
        std::thread::sleep(Duration::from_millis(100));
        kill(&pty, signal);
        assert_eq!(pty.wait_exit(Duration::from_secs(1)), code, "SIG{signal}");
        pty.assert_restored();
    }
}

/// A save is waiting for the lock when the signal comes: the reader still
/// ends within a second.
#[test]
fn a_signal_while_a_save_waits_for_the_lock_ends_the_reader_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let _held = hold_lock(dir.path());
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    pty.wait_text(TITLE);
    // A key: the frame after it hands the first visit's marks to the writer.
    pty.send("\r");
    pty.wait_text("Contents (4 sections)");
    std::thread::sleep(Duration::from_millis(200));
    kill(&pty, "TERM");
    assert_eq!(pty.wait_exit(Duration::from_secs(1)), 143);
    pty.assert_restored();
}

#[test]
fn a_state_file_corrupted_while_a_reader_is_open_is_kept_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = store(dir.path()).path;
    // Fifty other briefings' marks, as earlier runs left them.
    let mut earlier = StateFile::default();
    for n in 0..50 {
        let state = BriefingState {
            read: [("s/i1".to_string(), 1)].into(),
            ..Default::default()
        };
        earlier
            .briefings
            .insert(format!("/elsewhere/b{n}.toml\nB{n}"), state);
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, serde_json::to_vec(&earlier).unwrap()).unwrap();
    let mut pty = Pty::spawn(&[], dir.path(), 250, 30, &[]);
    pty.wait_text(TITLE);
    // A key: the frame after it saves the first visit of the bundled briefing.
    pty.send("j");
    wait_state(dir.path(), "51 briefings", |f| f.briefings.len() == 51);
    let bad = b"{\"version\": 1, \"briefings\": {\"half";
    fs::write(&path, bad).unwrap();
    // Opening the briefing moves the view: a save, which finds the file bad.
    pty.send("\r");
    let screen = pty.wait_text("read state was corrupt");
    assert!(screen.contains("moved to"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let (file, warning) = store(dir.path()).load();
    assert_eq!(warning, None);
    assert_eq!(file.briefings.len(), 51, "no briefing's marks were lost");
    let kept: Vec<Vec<u8>> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(kept, [bad.to_vec()], "the bad file is kept as it was");
}

/// Waits until the breadcrumb (the top line) ends with `title`.
fn wait_top(pty: &Pty, title: &str) {
    pty.wait_for(title, |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with(title))
    });
}

/// A marks five items read; B opens and idles; C marks one unread; B opens
/// another item and quits. Before the fix the file showed five read again.
#[test]
fn readers_open_at_once_never_undo_each_others_marks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seven.toml");
    fs::write(&file, briefing("Seven", 7)).unwrap();
    let open = || Pty::spawn(&[file.to_str().unwrap()], dir.path(), 120, 30, &[]);

    let mut a = open();
    a.wait_text("Seven");
    a.send("1");
    wait_top(&a, "› Items");
    a.send("l");
    wait_top(&a, "Item number 1");
    for i in 2..=5 {
        a.send("]");
        wait_top(&a, &format!("Item number {i}"));
    }
    a.send("q");
    assert_eq!(a.wait_exit(Duration::from_secs(5)), 0);

    // B reopens where A left, on item 5, and idles.
    let mut b = open();
    wait_top(&b, "Item number 5");
    // C does too, and marks item 5 unread.
    let mut c = open();
    wait_top(&c, "Item number 5");
    c.send("u");
    c.wait_text("marked unread");
    c.send("q");
    assert_eq!(c.wait_exit(Duration::from_secs(5)), 0);

    b.send("]");
    wait_top(&b, "Item number 6");
    b.send("q");
    assert_eq!(b.wait_exit(Duration::from_secs(5)), 0);

    let (state, _) = store(dir.path()).load();
    let read: Vec<&String> = state
        .briefings
        .values()
        .flat_map(|b| b.read.keys())
        .collect();
    assert_eq!(read, ["s/i1", "s/i2", "s/i3", "s/i4", "s/i6"]);
}
