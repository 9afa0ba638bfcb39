//! A briefing saved 1,000 times in quick succession, alternating save-by-rename
//! and truncate-and-write, while the reader shows it: every sampled screen
//! shows one complete version (never parts of two, never a truncated file),
//! versions never go backwards, and the end state is the final version with
//! no error banner.

use crate::common::pty::Pty;
use std::io::Write;
use std::time::{Duration, Instant};

/// A briefing whose title and every section title carry `version`, with
/// padding between them so a half-written file would be missing the tail.
fn briefing(version: u32) -> String {
    let pad = "filler text ".repeat(400);
    let mut out = format!(
        "[briefing]\ntitle = \"Version {version:04}\"\ndate = 2025-12-02\nsummary = \"s\"\n"
    );
    for part in ["A", "B", "C"] {
        out.push_str(&format!(
            "\n[[section]]\ntitle = \"Sec{part} {version:04}\"\n\n[[section.item]]\ntitle = \"Item {part}\"\nbody = \"{pad}\"\n"
        ));
    }
    out
}

/// The versions a screen shows: from the title, and from each section title.
fn versions(screen: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for word in ["Version ", "SecA ", "SecB ", "SecC "] {
        let mut rest = screen;
        while let Some(at) = rest.find(word) {
            rest = &rest[at + word.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4 {
                out.push((word.trim().to_string(), digits.parse().unwrap()));
            }
        }
    }
    out
}

/// One screen is one complete version: the title and all three sections, all
/// with the same number. Returns it.
fn complete_version(screen: &str) -> Result<u32, String> {
    let seen = versions(screen);
    let v = seen
        .iter()
        .find(|(w, _)| w == "Version")
        .map(|(_, v)| *v)
        .ok_or("no title")?;
    for part in ["SecA", "SecB", "SecC"] {
        if !seen.iter().any(|(w, n)| w == part && *n == v) {
            return Err(format!("{part} missing for version {v}: {seen:?}"));
        }
    }
    if let Some((w, n)) = seen.iter().find(|(_, n)| *n != v) {
        return Err(format!("{w} {n} next to version {v}"));
    }
    Ok(v)
}

#[test]
fn a_thousand_rapid_saves_never_show_a_half_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("churn.toml");
    std::fs::write(&path, briefing(0)).unwrap();
    let mut pty = Pty::spawn(
        &["--no-state", path.to_str().unwrap()],
        dir.path(),
        100,
        30,
        &[],
    );
    pty.wait_text("Version 0000");
    let tmp = dir.path().join(".churn.toml.tmp");
    let started = Instant::now();
    let (mut last, mut samples, mut banners, mut distinct) = (0u32, 0u32, 0u32, 1u32);
    const SAVES: u32 = 1000;
    for v in 1..=SAVES {
        let text = briefing(v);
        if v % 2 == 0 {
            // Save by rename: the file is always whole.
            std::fs::write(&tmp, &text).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        } else {
            // Truncate and write in two chunks: a reader can see a half file.
            let mut f = std::fs::File::create(&path).unwrap();
            let (a, b) = text.as_bytes().split_at(text.len() / 2);
            f.write_all(a).unwrap();
            f.flush().unwrap();
            std::thread::yield_now();
            f.write_all(b).unwrap();
        }
        // Now and then a pause long enough for the watcher to settle and reload.
        if v % 97 == 0 {
            std::thread::sleep(Duration::from_millis(250));
        }
        let screen = pty.screen();
        samples += 1;
        if screen.contains("not reloaded") {
            banners += 1;
        }
        let shown =
            complete_version(&screen).unwrap_or_else(|e| panic!("after save {v}: {e}\n{screen}"));
        assert!(shown >= last, "went back from {last} to {shown}\n{screen}");
        if shown != last {
            distinct += 1;
        }
        last = shown;
    }
    let churn = started.elapsed();
    let screen = pty.wait_text(&format!("Version {SAVES:04}"));
    assert_eq!(complete_version(&screen), Ok(SAVES), "{screen}");
    // The final version settles with no banner over it.
    std::thread::sleep(Duration::from_millis(600));
    let screen = pty.screen();
    assert!(!screen.contains("not reloaded"), "{screen}");
    assert_eq!(complete_version(&screen), Ok(SAVES), "{screen}");
    eprintln!(
        "{SAVES} saves in {churn:?}; {samples} samples, {distinct} versions shown, {banners} with a banner"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
