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

/// Piped, a library's broken file goes to stderr with its diagnostics (as
/// `brief check` prints them), not into the text between briefings; the exit
/// status is still 1.
#[test]
fn a_piped_library_sends_load_errors_to_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        "briefings/ukraine-talks-2025-12-02.toml",
        dir.path().join("good.toml"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("broken.toml"), "not = [toml").expect("write");
    let out = brief(&[dir.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("US-Russia"), "{text}");
    assert!(!text.contains("broken.toml"), "an error on stdout:\n{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    let at = format!("--> {}:1:", dir.path().join("broken.toml").display());
    assert!(err.contains("error:") && err.contains(&at), "{err}");
    assert_eq!(out.status.code(), Some(1));
}

/// A briefing dated `date` titled `title`, the bundled one otherwise.
fn dated(title: &str, date: &str) -> String {
    std::fs::read_to_string("briefings/ukraine-talks-2025-12-02.toml")
        .expect("read")
        .replacen("date = 2025-12-02", &format!("date = {date}"), 1)
        .replacen(
            "title = \"US-Russia talks on Ukraine end without a breakthrough\"",
            &format!("title = \"{title}\""),
            1,
        )
}

/// Piped, a library comes out in the reader's order (newest first, as
/// `app::library::order` lists it), each briefing under a line naming its
/// file; the file names sort the other way.
#[test]
fn a_piped_library_is_newest_first_under_file_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = [
        ("a.toml", "Alpha oldest", "2025-01-01"),
        ("b.toml", "Bravo middle", "2025-06-01"),
        ("c.toml", "Charlie newest", "2025-12-01"),
    ];
    for (name, title, date) in files {
        std::fs::write(dir.path().join(name), dated(title, date)).expect("write");
    }
    let out = brief(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // The reader's own order for the same directory.
    let app = brief::app::App::new(brief::open::directory(dir.path()), true);
    let order: Vec<_> = (app.library_order().iter())
        .map(|&i| app.entries[i].label.clone())
        .collect();
    assert!(order[0].ends_with("c.toml"), "{order:?}");
    let mut last = None;
    for (label, (_, title, _)) in order.iter().zip(files.iter().rev()) {
        let line = format!("==> {label} <==\n");
        let at = text
            .find(&line)
            .unwrap_or_else(|| panic!("no {line:?} in:\n{text}"));
        let body = &text[at + line.len()..];
        let next = body.find("==> ").unwrap_or(body.len());
        assert!(body[..next].contains(title), "{title} not under {line:?}");
        assert!(last < Some(at), "{label} out of order:\n{text}");
        last = Some(at);
    }
}

/// The separator names a file as every output does (`model::name::shown`):
/// a control character and a byte that is not UTF-8 are escaped, exactly.
#[test]
fn a_piped_library_names_files_through_the_escaper() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let name = std::ffi::OsStr::from_bytes(b"x\x1b[2J\xff.toml");
    let path = dir.path().join(name);
    std::fs::write(&path, dated("Escaped name", "2025-12-31")).expect("write");
    let other = dir.path().join("other.toml");
    std::fs::write(other, dated("Other", "2025-01-01")).expect("write");
    let out = brief(&[dir.path().to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let line = format!("==> {} <==\n", brief::model::name::shown(&path));
    assert!(line.contains("x\\u{1b}[2J\\xff.toml"), "{line}");
    assert!(text.starts_with(&line), "{line:?} not first in:\n{text}");
    assert_eq!(out.status.code(), Some(0));
}

/// An empty directory piped says what `brief check` says of it, on stderr,
/// and exits as `check` does; nothing goes to stdout.
#[test]
fn a_piped_empty_directory_says_so_as_check_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_str().unwrap();
    let out = brief(&[path]);
    let check = brief(&["check", path]);
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let said = String::from_utf8_lossy(&check.stderr);
    let message = "error: no *.toml files in this directory";
    assert!(err.contains(message), "{err}");
    assert!(said.contains(message), "{said}");
    assert!(err.contains(&format!("--> {path}")), "{err}");
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(out.status.code(), check.status.code());
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
