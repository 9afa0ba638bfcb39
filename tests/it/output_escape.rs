//! What the command-line tools print, on the raw bytes: every JSON writer
//! (`render`, `check`, `diff`) escapes the same hostile fixture the same way,
//! and file names (C1, bidi, newline, backslash, not UTF-8) are named by the
//! one scheme in every output, JSON included, and by `brief new`.

use brief::model::name::{shown, shown_bytes};
use brief::model::sanitize::is_unsafe;
use serde_json::Value;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HOSTILE: &str = "tests/fixtures/hostile/controls.toml";
const BASE: &str = "tests/fixtures/diff/base.toml";

/// A file name with an OSC title payload in C1, a bidi override and a
/// backslash; and one that is not UTF-8.
const C1_NAME: &str = "osc \u{9d}0;PWNED\u{9c} \u{202e}lmth.\\x41.toml";
const LATIN1_NAME: &[u8] = b"caf\xe9 \xff.toml";

fn brief(cwd: &Path, args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("XDG_CONFIG_HOME", cwd.join("config"))
        .env("XDG_STATE_HOME", cwd.join("state"))
        .env_remove("NO_COLOR")
        .output()
        .expect("brief runs")
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// The raw bytes as text, failing on anything a terminal would act on or
/// that hides text: not UTF-8, ESC, C1, DEL, bidi and invisible characters,
/// or U+FFFD standing for a lost byte.
fn assert_printable(what: &str, bytes: &[u8]) -> String {
    for (i, pair) in bytes.windows(2).enumerate() {
        assert!(
            !(pair[0] == 0xc2 && (0x80..=0x9f).contains(&pair[1])),
            "{what}: raw C1 bytes {pair:02x?} at {i}"
        );
    }
    assert!(!bytes.contains(&0x7f), "{what}: raw DEL");
    assert!(!bytes.contains(&0x1b), "{what}: raw ESC");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let bad = text.chars().find(|&c| c != '\n' && is_unsafe(c));
    assert_eq!(bad, None, "{what}: holds {bad:?}:\n{text}");
    assert!(
        !text.contains('\u{fffd}'),
        "{what}: a byte was lost:\n{text}"
    );
    text.to_string()
}

/// The hostile fixture copied under the hostile name into `dir`.
fn hostile_copy(dir: &Path) -> PathBuf {
    let path = dir.join(C1_NAME);
    std::fs::copy(HOSTILE, &path).unwrap();
    path
}

#[test]
fn render_check_and_diff_json_escape_the_same_hostile_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_copy(dir.path());
    let base = std::fs::canonicalize(BASE).unwrap();
    let f = file.as_os_str();

    let out = brief(dir.path(), &[os("render"), os("-f"), os("json"), f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = assert_printable("render -f json", &out.stdout);
    assert!(json.contains(r"\u009d0;PWNED\u009c"), "{json}");
    let doc: Value = serde_json::from_str(&json).unwrap();
    let original = brief::model::load_path(&file).unwrap().briefing;
    assert_eq!(
        doc["title"],
        original.title.as_str(),
        "escaped, not altered"
    );

    let out = brief(dir.path(), &[os("check"), os("--format"), os("json"), f]);
    let lines = assert_printable("check --format json", &out.stdout);
    assert!(lines.lines().count() > 0, "the fixture has warnings");
    for line in lines.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        assert_eq!(d["path"], shown(&file).as_str(), "{line}");
    }

    let out = brief(
        dir.path(),
        &[os("diff"), os("--format"), os("json"), base.as_os_str(), f],
    );
    assert_eq!(out.status.code(), Some(1));
    let json = assert_printable("diff --format json", &out.stdout);
    assert!(json.contains(r"\u009d0;PWNED\u009c"), "{json}");
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["old"], shown(&base).as_str());
    assert_eq!(doc["new"], shown(&file).as_str());
    // The header's new title, escaped in the text, is the title as written.
    let header = &doc["changes"][0];
    assert_eq!(header["target"], "header", "{json}");
    let fields = header["fields"].as_array().unwrap();
    let title = fields.iter().find(|f| f["field"] == "title").unwrap();
    assert_eq!(title["new"], original.title.as_str());
}

#[test]
fn file_names_are_named_by_one_scheme_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsumary = \"typo\"\n";
    let names: [&[u8]; 3] = [C1_NAME.as_bytes(), LATIN1_NAME, b"new\nline\ttab.toml"];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.path().join(OsStr::from_bytes(n)))
        .collect();
    for p in &paths {
        std::fs::write(p, broken).unwrap();
    }
    let expected: Vec<String> = names.iter().map(|n| shown_bytes(n)).collect();
    assert_eq!(
        expected[0],
        "osc \\u{9d}0;PWNED\\u{9c} \\u{202e}lmth.\\\\x41.toml"
    );
    assert_eq!(expected[1], "caf\\xe9 \\xff.toml");
    assert_eq!(expected[2], "new\\u{a}line\\u{9}tab.toml");

    // A directory walk and explicit arguments; human and JSON.
    let d = os(".");
    let mut runs = vec![
        ("check DIR", brief(dir.path(), &[os("check"), d]).stderr),
        (
            "check --format json DIR",
            brief(dir.path(), &[os("check"), os("--format"), os("json"), d]).stdout,
        ),
    ];
    for (p, name) in paths.iter().zip(&names) {
        let arg = OsStr::from_bytes(name);
        runs.push(("check FILE", brief(dir.path(), &[os("check"), arg]).stderr));
        let render = brief(dir.path(), &[os("render"), arg]);
        assert_eq!(render.status.code(), Some(2));
        runs.push(("render FILE", render.stderr));
        let diff = brief(dir.path(), &[os("diff"), p.as_os_str(), arg]);
        assert_eq!(diff.status.code(), Some(2));
        runs.push(("diff FILE FILE", diff.stderr));
    }
    for (what, bytes) in runs {
        let mut text = assert_printable(what, &bytes);
        if what.contains("json") {
            // The names as the JSON strings hold them (`\` is JSON's `\\`).
            let path = |l: &str| serde_json::from_str::<Value>(l).unwrap()["path"].clone();
            text = text
                .lines()
                .map(|l| format!("{}\n", path(l).as_str().unwrap()))
                .collect();
        }
        let named = expected
            .iter()
            .filter(|e| text.contains(e.as_str()))
            .count();
        let all = what.contains("DIR");
        assert!(named == if all { 3 } else { 1 }, "{what}:\n{text}");
    }
}

#[test]
fn new_echoes_the_path_it_wrote_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for name in [C1_NAME.as_bytes(), LATIN1_NAME] {
        let arg = OsStr::from_bytes(name);
        let out = brief(dir.path(), &[os("new"), arg]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dir.path().join(arg).is_file(), "written where asked");
        let text = assert_printable("new PATH", &out.stdout);
        assert_eq!(text, format!("{}\n", shown_bytes(name)));
        // Refused the second time: the error names it the same way.
        let again = brief(dir.path(), &[os("new"), arg]);
        assert_eq!(again.status.code(), Some(2));
        let err = assert_printable("new PATH (exists)", &again.stderr);
        assert!(err.contains(&shown_bytes(name)), "{err}");
    }
}
