//! `brief render`: text is what piping the reader prints, Markdown matches the
//! reviewed golden file, JSON parses back into the same model, and a file that
//! does not load exits 2 with its diagnostics.
//!
//! After a deliberate change to the Markdown, regenerate the golden file with
//! `BRIEF_BLESS=1 cargo test --test cli_render` and read the diff.

use assert_cmd::Command;
use brief::model::load_path;
use brief::tools::render_json::JsonBriefing;
use std::path::Path;

const UKRAINE: &str = "briefings/ukraine-talks-2025-12-02.toml";

/// `brief` with a clean, known environment (no user config, UTF-8 locale).
fn brief(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").expect("binary");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("LANG", "C.UTF-8");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn text_is_what_piping_the_reader_prints() {
    let dir = tempfile::tempdir().unwrap();
    for columns in ["80", "57"] {
        let piped = stdout(brief(dir.path()).env("COLUMNS", columns).arg(UKRAINE));
        let rendered = stdout(
            brief(dir.path())
                .env("COLUMNS", columns)
                .args(["render", UKRAINE]),
        );
        assert_eq!(rendered, piped, "COLUMNS={columns}");
        let flag = stdout(brief(dir.path()).args(["render", "--width", columns, UKRAINE]));
        assert_eq!(flag, piped, "--width {columns}");
    }
}

#[test]
fn width_wraps_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(brief(dir.path()).args(["render", "--width", "40", UKRAINE]));
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 40, "a line of {widest} columns");
    assert!(text.contains("good foothold"), "quotes are there");
}

#[test]
fn markdown_matches_the_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    let md = stdout(brief(dir.path()).args(["render", "--format", "markdown", UKRAINE]));
    let golden = Path::new("tests/golden/ukraine.md");
    if std::env::var_os("BRIEF_BLESS").is_some() {
        std::fs::write(golden, &md).unwrap();
    }
    let expected = std::fs::read_to_string(golden).expect("tests/golden/ukraine.md");
    assert_eq!(
        md, expected,
        "run with BRIEF_BLESS=1 to update, then review"
    );
    // Every quote of the briefing is there, verbatim.
    let b = load_path(Path::new(UKRAINE)).unwrap().briefing;
    let quotes: Vec<&str> = b
        .items()
        .flat_map(|(_, it)| it.quotes.iter().map(|q| q.text.as_str()))
        .collect();
    assert_eq!(quotes.len(), 8);
    for q in quotes {
        assert!(md.contains(&format!("> “{q}”")), "missing quote: {q}");
    }
}

#[test]
fn json_round_trips_to_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated.toml");
    std::fs::write(&generated, brief::sample::generate(3, 6)).unwrap();
    for file in [Path::new(UKRAINE), generated.as_path()] {
        let json = stdout(brief(dir.path()).args(["render", "-f", "json"]).arg(file));
        let parsed: JsonBriefing = serde_json::from_str(&json).expect("parses back");
        assert_eq!(parsed.format_version, 1);
        // Serialising what was parsed gives the same text: nothing is dropped.
        let again = brief::model::json::pretty(&parsed).unwrap();
        assert_eq!(again, json);
        // And it is the whole model: ids resolve back to the same briefing.
        let original = load_path(file).unwrap().briefing;
        assert_eq!(parsed.to_model().expect("resolves"), original);
    }
}

#[test]
fn json_uses_ids_and_iso_dates() {
    let dir = tempfile::tempdir().unwrap();
    let json = stdout(brief(dir.path()).args(["render", "--format=json", UKRAINE]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["date"], "2025-12-02");
    let item = &v["sections"][0]["items"][0];
    assert_eq!(item["actors"][0], "putin");
    assert_eq!(v["sections"][1]["items"][0]["party"], "russia");
    assert_eq!(
        v["sections"][1]["items"][0]["stances"][0]["issue"],
        "territory"
    );
}

#[test]
fn hostile_strings_never_reach_any_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = "tests/fixtures/hostile/escapes.toml";
    for format in ["text", "markdown", "json"] {
        let out = brief(dir.path())
            .args(["render", "--format", format, fixture])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        let bad = text
            .chars()
            .find(|&c| c != '\n' && c != '\t' && brief::model::sanitize::is_unsafe(c));
        assert_eq!(bad, None, "{format} output holds {bad:?}");
        if format == "json" {
            // Escaped, not altered: the strings parse back as written.
            let parsed: JsonBriefing = serde_json::from_str(&text).unwrap();
            let original = load_path(Path::new(fixture)).unwrap().briefing;
            assert_eq!(parsed.to_model().unwrap(), original);
        }
    }
}

#[test]
fn a_broken_file_exits_2_with_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[briefing]\ntitel = \"x\"\n").unwrap();
    let out = brief(dir.path())
        .arg("render")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:2:1"), "{err}");
    assert!(err.contains("title"), "did you mean: {err}");
    let missing = brief(dir.path())
        .args(["render", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let directory = brief(dir.path())
        .args(["render", "briefings"])
        .output()
        .unwrap();
    assert_eq!(
        directory.status.code(),
        Some(2),
        "a directory is not a briefing"
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief(dir.path())
        .args(["render", "--format", "pdf", UKRAINE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("markdown"));
}
