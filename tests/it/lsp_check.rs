//! `brief lsp` publishes exactly what `brief check --format json` reports,
//! on every fixture of the check tests and of the hostile corpus: the same
//! codes, severities, messages, help and places (the check's line and
//! character columns, counted again in UTF-16 on the file's text).

use crate::common::lsp::Client;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn check_json(path: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("run brief check");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 JSON");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The check's 1-based line and character column as a protocol position.
fn utf16(text: &str, line: &Value, column: &Value) -> Value {
    let (Some(line), Some(column)) = (line.as_u64(), column.as_u64()) else {
        return json!({"line": 0, "character": 0});
    };
    let line = line as usize - 1;
    let this = text.split('\n').nth(line).unwrap_or_default();
    let units: usize = this
        .chars()
        .take(column as usize - 1)
        .map(char::len_utf16)
        .sum();
    json!({"line": line, "character": units})
}

#[test]
fn diagnostics_match_brief_check_on_every_fixture() {
    let mut files = Vec::new();
    toml_files(Path::new("tests/fixtures/check"), &mut files);
    toml_files(Path::new("tests/fixtures/hostile"), &mut files);
    let mut c = Client::start();
    c.initialize(json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}}));
    let (mut compared, mut duplicates, mut skipped) = (0, 0, Vec::new());
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            // An editor sends text, never bytes that are not UTF-8.
            skipped.push(path.file_name().unwrap().to_string_lossy().into_owned());
            continue;
        };
        let uri = format!("file:///fixtures/{}", path.display());
        c.open(&uri, &text);
        let ours = c.diagnostics(&uri, 1);
        let check = check_json(path);
        assert_eq!(
            ours.len(),
            check.len(),
            "{}: {ours:#?}\n{check:#?}",
            path.display()
        );
        for (d, want) in ours.iter().zip(&check) {
            let place = format!("{} {}", path.display(), want["code"]);
            let severity = if want["severity"] == "error" { 1 } else { 2 };
            assert_eq!(d["severity"], severity, "{place}");
            assert_eq!(d["code"], want["code"], "{place}");
            assert_eq!(d["source"], "brief", "{place}");
            // The message, then the help on a line of its own.
            let mut said = want["message"].as_str().unwrap().to_string();
            if let Some(help) = want["help"].as_str() {
                said = format!("{said}\nhelp: {help}");
            }
            assert_eq!(d["message"], said, "{place}");
            let help = d["relatedInformation"][0]["message"]
                .as_str()
                .and_then(|m| m.strip_prefix("help: "));
            assert_eq!(help, want["help"].as_str(), "{place}");
            assert_eq!(
                d["range"]["start"],
                utf16(&text, &want["line"], &want["column"]),
                "{place}"
            );
            assert_eq!(
                d["range"]["end"],
                utf16(&text, &want["end_line"], &want["end_column"]),
                "{place}"
            );
            if want["code"] == "duplicate-id" {
                // The help names the line of the first; the related place is there.
                let help = want["help"].as_str().unwrap();
                let line = help
                    .split("line ")
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap();
                let line: u64 = line.parse().unwrap();
                let first = (d["relatedInformation"].as_array().unwrap().iter())
                    .find(|r| r["message"] == "first defined here")
                    .unwrap_or_else(|| panic!("{place}: no first definition in {d}"));
                assert_eq!(
                    first["location"]["range"]["start"]["line"],
                    line - 1,
                    "{place}"
                );
                duplicates += 1;
            }
            compared += 1;
        }
    }
    skipped.sort();
    assert_eq!(skipped, ["latin1.toml", "not_utf8.toml"]);
    assert!(compared > 40, "{compared}");
    assert!(duplicates >= 3, "{duplicates}");
    assert_eq!(c.shutdown_and_exit(), 0);
}
