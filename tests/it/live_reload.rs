//! Live preview in a real terminal: saves by rename and by truncate-and-write
//! reload the open briefing, a broken save keeps the last good version under a
//! banner, and a deleted file says so and recovers.

use crate::common::pty::Pty;
use std::time::Duration;

fn briefing(title: &str, item: &str) -> String {
    format!(
        "[briefing]\ntitle = \"{title}\"\ndate = 2025-12-02\nsummary = \"s\"\n\n[[section]]\ntitle = \"Talks\"\n\n[[section.item]]\ntitle = \"{item}\"\n"
    )
}

#[test]
fn saves_reload_and_broken_saves_keep_the_last_good_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("live.toml");
    std::fs::write(&path, briefing("First title", "Opening item")).unwrap();
    let mut pty = Pty::spawn(
        &["--no-state", path.to_str().unwrap()],
        dir.path(),
        100,
        30,
        &[],
    );
    pty.wait_text("First title");
    // Idle means idle: nothing is redrawn while nothing changes (reading the
    // file must not count as a change and trigger another reload).
    std::thread::sleep(Duration::from_millis(300));
    let before = pty.raw().len();
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(pty.raw().len(), before, "the reader redrew while idle");
    pty.send("jl");
    pty.wait_text("Opening item");

    // Save by rename (vim, helix, VS Code).
    let tmp = dir.path().join(".live.toml.swp");
    std::fs::write(&tmp, briefing("Second title", "Opening item")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    pty.wait_text("Second title");
    assert!(
        pty.screen().contains("CONTEXT  1 item"),
        "the section view is kept:\n{}",
        pty.screen()
    );

    // Save by truncate and write (nano, `>`).
    std::fs::write(&path, briefing("Third title", "Opening item")).unwrap();
    pty.wait_text("Third title");

    // A broken save: the last good version stays, with the error over it.
    let broken = briefing("Broken", "Opening item").replace("summary", "summray");
    std::fs::write(&path, broken).unwrap();
    let screen = pty.wait_text("not reloaded");
    assert!(screen.contains("Third title"), "{screen}");
    assert!(
        screen.contains("4:1"),
        "the banner gives line:col:\n{screen}"
    );
    pty.send("e");
    pty.wait_text("Reload errors");
    pty.send("\x1b");

    // Fixed again: the banner goes.
    std::fs::write(&path, briefing("Fourth title", "Opening item")).unwrap();
    pty.wait_for("banner gone", |s| {
        s.contains("Fourth title") && !s.contains("not reloaded")
    });

    // Deleted, then back.
    std::fs::remove_file(&path).unwrap();
    pty.wait_text("file missing");
    std::fs::write(&path, briefing("Fifth title", "Opening item")).unwrap();
    pty.wait_for("recovered", |s| {
        s.contains("Fifth title") && !s.contains("file missing")
    });

    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn a_library_directory_picks_up_new_briefings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("lib");
    std::fs::create_dir(&library).unwrap();
    std::fs::write(library.join("a.toml"), briefing("Alpha brief", "One")).unwrap();
    let mut pty = Pty::spawn(
        &["--no-state", library.to_str().unwrap()],
        dir.path(),
        100,
        30,
        &[],
    );
    // A library of one opens on its briefing.
    pty.wait_text("Contents (1 section");
    // Editors' hidden temporary files are not briefings.
    std::fs::write(library.join(".b.toml"), briefing("Hidden brief", "One")).unwrap();
    // Written by rename, as an editor saves a new file.
    let tmp = library.join("b.toml.tmp");
    std::fs::write(&tmp, briefing("Bravo brief", "Two")).unwrap();
    std::fs::rename(&tmp, library.join("b.toml")).unwrap();
    pty.send("h");
    let screen = pty.wait_text("Bravo brief");
    assert!(screen.contains("Library: 2 briefings"), "{screen}");
    assert!(!screen.contains("Hidden brief"), "{screen}");
    // The new entry opens like any other.
    pty.send("j\r");
    pty.wait_text("Contents (1 section");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn an_empty_library_directory_fills_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let library = dir.path().join("lib");
    std::fs::create_dir(&library).unwrap();
    let mut pty = Pty::spawn(
        &["--no-state", library.to_str().unwrap()],
        dir.path(),
        100,
        30,
        &[],
    );
    pty.wait_text("Library: 0 briefings");
    std::fs::write(library.join("c.toml"), briefing("Charlie brief", "Three")).unwrap();
    pty.wait_text("Charlie brief");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
