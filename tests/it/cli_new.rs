//! `brief new`: where it writes, what it refuses, and that what it writes
//! passes `brief check --deny-warnings`.

use assert_cmd::Command;
use std::path::Path;

fn brief(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").expect("binary");
    cmd.current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_CONFIG_HOME", cwd.join("config"));
    cmd
}

#[test]
fn writes_a_briefing_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief(dir.path())
        .args(["new", "--title", "Talks in Geneva", "--date", "2026-01-15"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("talks-in-geneva-2026-01-15.toml");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "talks-in-geneva-2026-01-15.toml"
    );
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("title = \"Talks in Geneva\""));
    assert!(text.contains("date = 2026-01-15"));
    let check = brief(dir.path())
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("0 errors, 0 warnings"));
}

#[test]
fn the_default_place_is_briefings_when_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("briefings")).unwrap();
    brief(dir.path())
        .args(["new", "--title", "Weekly", "--date", "2026-02-01"])
        .assert()
        .success();
    assert!(
        dir.path()
            .join("briefings/weekly-2026-02-01.toml")
            .is_file()
    );
    // A directory given as PATH gets the default name too.
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    brief(dir.path())
        .args(["new", "drafts", "--title", "Weekly", "--date", "2026-02-01"])
        .assert()
        .success();
    assert!(dir.path().join("drafts/weekly-2026-02-01.toml").is_file());
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "my work").unwrap();
    let out = brief(dir.path())
        .args(["new", "mine.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists (use --force"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "my work",
        "left alone"
    );
    brief(dir.path())
        .args(["new", "mine.toml", "--force", "--title", "Forced"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("title = \"Forced\"")
    );
}

#[test]
fn a_title_with_quotes_and_backslashes_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let title = r#"The "deal" \ no deal"#;
    brief(dir.path())
        .args(["new", "t.toml", "--title", title])
        .assert()
        .success();
    let loaded = brief::model::load_path(&dir.path().join("t.toml")).expect("loads");
    assert_eq!(loaded.briefing.title, title);
}

#[test]
fn a_bad_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for date in ["2026-02-30", "next week"] {
        let out = brief(dir.path())
            .args(["new", "x.toml", "--date", date])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{date}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    }
    assert!(!dir.path().join("x.toml").exists());
}
