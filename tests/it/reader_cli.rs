//! The reader's non-terminal paths: piped output, and refusing bad input
//! before touching the terminal.

use std::process::Command;

fn brief(args: &[&str]) -> std::process::Output {
    brief_at(args, 72)
}

fn brief_at(args: &[&str], columns: usize) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("COLUMNS", columns.to_string())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("brief runs")
}

#[test]
fn piped_output_is_wrapped_plain_text() {
    let out = brief(&["briefings/ukraine-talks-2025-12-02.toml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("Some proposed formulations do not fit us, and work will continue."));
    assert!(!text.contains('\u{1b}'), "escape sequences in piped output");
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 72,
            "line wider than COLUMNS: {line:?}"
        );
    }
}

#[test]
fn piped_hostile_file_is_sanitised() {
    let out = brief(&["tests/fixtures/hostile/escapes.toml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("Hostile ␛]0;pwned␇ title"), "{text}");
    assert!(
        !text.chars().any(brief::model::sanitize::is_unsafe),
        "{text}"
    );
}

#[test]
fn a_missing_path_prints_diagnostics_and_exits_1() {
    let out = brief(&["no/such/briefing.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/briefing.toml"), "{err}");
    assert!(!err.contains("\x1b[?1049h"), "touched the terminal");
}

#[test]
fn a_file_with_errors_prints_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "[briefing]\ntitle = \"x\"\ndate = 2025-12-02\nsummray = \"typo\"\n",
    )
    .expect("write");
    let out = brief(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:4:1"), "{err}");
    assert!(err.contains("summary"), "{err}");
}

#[test]
fn a_directory_lists_failures_beside_briefings() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        "briefings/ukraine-talks-2025-12-02.toml",
        dir.path().join("good.toml"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("broken.toml"), "not = [toml").expect("write");
    let out = brief(&[dir.path().to_str().unwrap()]);
    // Piped: every briefing printed, the broken one named with its error.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("US-Russia"), "{text}");
    assert!(text.contains("broken.toml: 1:"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_broken_config_warns_and_the_reader_uses_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[theme]\npreest = \"light\"\n").expect("write");
    let out = brief(&[
        "--config",
        config.to_str().unwrap(),
        "briefings/ukraine-talks-2025-12-02.toml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:1") && err.contains("did you mean `preset`?"),
        "{err}"
    );
    assert!(err.contains("ignoring the config file"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("US-Russia talks"));
}

#[test]
fn config_default_prints_a_config_that_loads() {
    let out = brief(&["config", "--default"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("reading_width = 100"));
    assert_eq!(
        brief::config::parse("default", &text).expect("loads"),
        brief::config::Config::default()
    );
}

/// The "Contents" heading of piped text is followed by the sections it counts,
/// before the bottom line (it used to be followed by nothing but the summary).
#[test]
fn piped_text_lists_the_sections_under_contents() {
    let path = "briefings/ukraine-talks-2025-12-02.toml";
    let out = brief_at(&[path], 100);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let b = brief::model::load_path(std::path::Path::new(path))
        .expect("loads")
        .briefing;
    let contents = text.find("Contents (").expect("a Contents heading");
    let bottom = text.find("Bottom line").expect("the bottom line");
    assert!(contents < bottom);
    let listed = &text[contents..bottom];
    for (i, s) in b.sections.iter().enumerate() {
        let row = format!("{}. {}", i + 1, s.title);
        assert!(
            listed.contains(&row),
            "{row:?} not under Contents:\n{listed}"
        );
    }
}
