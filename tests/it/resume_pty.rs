//! The first screen and where the reader left off, in a real terminal
//! (issue 16, items 7 and 8): a library of one briefing opens that briefing
//! with the library one `h` away; a second run reopens the briefing read last
//! (in a library too), its view and its scroll position; and the bundled copy
//! of a briefing and the same file on disk share one set of read marks.

use crate::common::pty::Pty;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the library's own screen says (its list's title).
const LIBRARY: &str = "Library: ";

/// The repository's one briefing: what `./briefings` holds and what is bundled.
fn shipped() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 1, "one bundled briefing: {files:?}");
    files.remove(0)
}

/// A briefing of one section `s` whose first item `i1` is long enough to
/// scroll (120 paragraphs) and whose second, `i2`, is short.
fn briefing(title: &str, date: &str) -> String {
    let body: Vec<String> = (1..=120).map(|n| format!("Paragraph {n}.")).collect();
    format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"S.\"\n\n\
         [[section]]\nid = \"s\"\ntitle = \"Items\"\n\n\
         [[section.item]]\nid = \"i1\"\ntitle = \"Long item\"\nbody = \"\"\"\n{}\"\"\"\n\n\
         [[section.item]]\nid = \"i2\"\ntitle = \"Short item\"\nbody = \"Short.\"\n",
        body.join("\n\n")
    )
}

/// The scroll percentage the status line shows for an item ("1/2  13%").
fn percent(screen: &str) -> Option<u32> {
    let at = screen.find("1/2  ")? + "1/2  ".len();
    let digits: String = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    screen[at + digits.len()..]
        .starts_with('%')
        .then(|| digits.parse().ok())?
}

fn quit(mut pty: Pty) {
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

/// From a briefing's overview: the section, its long item, then 12 rows
/// down. Returns the percentage shown, which is not 0.
fn read_long_item(pty: &mut Pty) -> u32 {
    pty.send("j\r");
    pty.wait_text("Long item");
    pty.send("\r");
    pty.wait_text("Paragraph 1.");
    pty.send(&"j".repeat(12));
    let screen = pty.wait_for("a scroll past 0%", |s| percent(s).is_some_and(|p| p > 0));
    // Let the last keys land before reading where it is.
    std::thread::sleep(Duration::from_millis(300));
    let again = pty.screen();
    assert_eq!(percent(&screen), percent(&again), "{again}");
    percent(&again).unwrap()
}

#[test]
fn a_library_of_one_opens_its_briefing_and_the_library_is_one_h_away() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("briefings")).unwrap();
    let file = shipped();
    fs::copy(
        &file,
        dir.path().join("briefings").join(file.file_name().unwrap()),
    )
    .unwrap();
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    // The briefing's overview, its contents ready to read; the breadcrumb
    // says the library is under it.
    let screen = pty.wait_for("the first screen", |s| {
        s.contains("Contents (4 sections)") && s.contains("The Kremlin talks")
    });
    assert!(!screen.contains(LIBRARY), "{screen}");
    assert!(screen.starts_with("Library › US-Russia talks"), "{screen}");
    pty.send("h");
    pty.wait_text(LIBRARY);
    pty.send("\r");
    pty.wait_for("the briefing again", |s| {
        s.contains("Contents (4 sections)") && !s.contains(LIBRARY)
    });
    quit(pty);
}

#[test]
fn a_single_file_reopens_at_its_item_and_scroll_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.toml");
    fs::write(&file, briefing("Alpha", "2025-12-02")).unwrap();
    let args = [file.to_str().unwrap()];
    let mut pty = Pty::spawn(&args, dir.path(), 80, 24, &[]);
    pty.wait_text("Alpha");
    let at = read_long_item(&mut pty);
    quit(pty);
    let pty = Pty::spawn(&args, dir.path(), 80, 24, &[]);
    pty.wait_for(&format!("the long item at {at}%"), |s| {
        s.contains("Long item") && percent(s) == Some(at)
    });
    quit(pty);
}

#[test]
fn a_library_reopens_the_briefing_read_last_at_its_item_and_scroll_position() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir(&library).unwrap();
    fs::write(library.join("a.toml"), briefing("Alpha", "2025-12-02")).unwrap();
    fs::write(library.join("b.toml"), briefing("Beta", "2025-12-01")).unwrap();
    let args = [library.to_str().unwrap()];
    let mut pty = Pty::spawn(&args, dir.path(), 80, 24, &[]);
    pty.wait_text(LIBRARY);
    // Newest first: Alpha, then Beta, the one read here.
    pty.send("j\r");
    pty.wait_for("Beta's overview", |s| {
        s.contains("Beta") && s.contains("Items")
    });
    let at = read_long_item(&mut pty);
    quit(pty);
    let mut pty = Pty::spawn(&args, dir.path(), 80, 24, &[]);
    pty.wait_for(&format!("Beta's long item at {at}%"), |s| {
        s.contains("Beta") && s.contains("Long item") && percent(s) == Some(at)
    });
    // The library is still there, under the briefing.
    pty.send("hhh");
    let screen = pty.wait_text(LIBRARY);
    assert!(
        screen.contains("Alpha") && screen.contains("Beta"),
        "{screen}"
    );
    quit(pty);
}

/// An item read in the bundled copy is read in the file on disk (before,
/// each kept its own marks, keyed by the path it was opened from).
#[test]
fn the_bundled_copy_and_the_file_on_disk_share_read_marks() {
    let dir = tempfile::tempdir().unwrap();
    // No argument, no ./briefings: the bundled copy.
    let mut pty = Pty::spawn(&[], dir.path(), 100, 30, &[]);
    let screen = pty.wait_text("US-Russia talks on Ukraine");
    if screen.contains(LIBRARY) {
        // Before item 7 the bundled library of one opened on its list (at
        // this width no list shows beside an open briefing).
        pty.send("\r");
    }
    pty.wait_text("Contents (4 sections)");
    pty.send("j\r");
    pty.wait_text("A revised, four-part US plan");
    pty.send("\r");
    pty.wait_text("1/5");
    quit(pty);
    let copy = dir.path().join("copy.toml");
    fs::copy(shipped(), &copy).unwrap();
    let mut pty = Pty::spawn(&[copy.to_str().unwrap()], dir.path(), 100, 30, &[]);
    pty.wait_text("US-Russia talks on Ukraine");
    // Back to the overview, from wherever it reopened: of the five items in
    // the Kremlin talks, four are left to read.
    pty.send("hh");
    let screen = pty.wait_text("The Kremlin talks  (5)  ●");
    let row = screen
        .lines()
        .find(|l| l.contains("The Kremlin talks  (5)"))
        .unwrap();
    assert!(row.contains("(5)  ● 4 "), "{screen}");
    quit(pty);
}
