//! `brief render DIR --actor ID` in its three formats and `brief DIR --actor
//! ID | cat`, on tests/fixtures/dossier (Putin is `putin` in two files and
//! `vladimir-putin`, `same_as` `putin`, in the third), and a library whose
//! strings carry terminal escapes and Markdown: none reaches the output raw.

use assert_cmd::Command;
use brief::model::sanitize::is_unsafe;
use serde_json::Value as Json;
use std::path::Path;

const DIR: &str = "tests/fixtures/dossier";

fn brief(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("brief").expect("binary");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("LANG", "C.UTF-8");
    cmd
}

/// Runs `args`; (stdout, stderr, exit code).
fn run(args: &[&str], columns: &str) -> (String, String, i32) {
    let home = tempfile::tempdir().unwrap();
    let out = brief(home.path())
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("runs");
    let s = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
    (
        s(out.stdout),
        s(out.stderr),
        out.status.code().expect("a code"),
    )
}

/// Where each needle is in `text`, in order; panics on a missing one.
fn positions(text: &str, needles: &[&str]) -> Vec<usize> {
    let at = |n: &&str| {
        text.find(n)
            .unwrap_or_else(|| panic!("no {n:?} in:\n{text}"))
    };
    needles.iter().map(at).collect()
}

fn is_sorted(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

const NEWEST_FIRST: [&str; 3] = [
    "Either we take these lands by force",
    "Pokrovsk is a springboard",
    "Europe weighs its guarantees",
];

#[test]
fn text_lists_every_file_newest_first_and_is_what_a_pipe_prints() {
    let (text, err, code) = run(&["render", DIR, "--actor", "vladimir-putin"], "60");
    assert_eq!((err.as_str(), code), ("", 0));
    assert!(is_sorted(&positions(&text, &NEWEST_FIRST)), "{text}");
    assert!(text.starts_with("Vladimir Putin\n"), "{text}");
    assert!(text.contains("3 briefings · 4 items · 3 quotes"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    // Quotes in full, with their dates.
    let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "┃").collect();
    assert!(
        words.join(" ").contains("until it is understood.”"),
        "{text}"
    );
    assert!(text.contains("— 2025-12-01 · After the meeting"), "{text}");
    // Any of his ids finds the same dossier; a pipe prints the same.
    let (by_other_id, _, _) = run(&["render", DIR, "--actor", "putin", "--width", "60"], "99");
    assert_eq!(by_other_id, text);
    let (piped, err, code) = run(&[DIR, "--actor", "putin"], "60");
    assert_eq!((piped, err.as_str(), code), (text, "", 0));
}

#[test]
fn markdown_has_a_heading_per_briefing_and_item_and_block_quotes() {
    let (md, err, code) = run(&["render", DIR, "--actor", "putin", "-f", "markdown"], "80");
    assert_eq!((err.as_str(), code), ("", 0));
    assert!(md.starts_with("# Vladimir Putin\n"), "{md}");
    assert!(is_sorted(&positions(&md, &NEWEST_FIRST)), "{md}");
    let at = positions(
        &md,
        &[
            "## 2025-11-20 · Fighting around Pokrovsk",
            "*tests/fixtures/dossier/front-2025-11-20.toml*",
            "### The front › Pokrovsk called a springboard",
            "**CRIT",
            "> “Pokrovsk is a springboard for the offensive.”",
            "> — 2025-11-20 · Visiting a command post",
        ],
    );
    assert!(is_sorted(&at), "{md}");
    assert!(md.contains("**Ids:** `putin`, `vladimir-putin`"), "{md}");
}

#[test]
fn json_is_the_dossier_newest_first() {
    let (json, err, code) = run(&["render", DIR, "--actor", "putin", "-f", "json"], "80");
    assert_eq!((err.as_str(), code), ("", 0));
    let v: Json = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["format_version"], 1);
    assert_eq!(
        v["actor"]["ids"],
        serde_json::json!(["putin", "vladimir-putin"])
    );
    assert_eq!(
        v["counts"],
        serde_json::json!({"briefings": 3, "items": 4, "quotes": 3})
    );
    let dates: Vec<&str> = (v["briefings"].as_array().unwrap().iter())
        .map(|b| b["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-12-02", "2025-11-20", "2025-10-05"]);
    let front = &v["briefings"][1];
    assert_eq!(front["id"], "vladimir-putin", "as that file declares him");
    assert_eq!(front["items"][0]["severity"], "critical");
    assert_eq!(
        front["items"][0]["quotes"][0]["context"],
        "Visiting a command post"
    );
    assert_eq!(
        v["briefings"][2]["items"][0]["quotes"],
        serde_json::json!([])
    );
}

#[test]
fn an_unknown_actor_is_an_error_with_the_nearest_id() {
    let (out, err, code) = run(&["render", DIR, "--actor", "ptuin"], "80");
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(
        err.contains("no briefing here declares an actor `ptuin`; did you mean `putin`?"),
        "{err}"
    );
    let (_, err, code) = run(&[DIR, "--actor", "ptuin"], "80");
    assert_eq!(code, 1);
    assert!(err.contains("`ptuin`"), "{err}");
    // Without --actor a directory is still not something render takes.
    let (_, err, code) = run(&["render", DIR], "80");
    assert_eq!(code, 2);
    assert!(err.contains("not a directory"), "{err}");
}

/// Terminal escapes (OSC, CSI, C1, bidi, a tag character), a carriage
/// return and Markdown, written as TOML escapes.
const EVIL: &str = r#"x\u001b]0;pwned\u0007\u009b2J\u202e\U000E0041\r*y* [l](u) <b>"#;

fn hostile_library(dir: &Path) {
    let text = format!(
        "[briefing]\ntitle = \"T {EVIL}\"\ndate = 2025-12-02\nsummary = \"s\"\n\
         [actor.putin]\nname = \"N {EVIL}\"\nrole = \"R {EVIL}\"\n\
         [[section]]\ntitle = \"S {EVIL}\"\n\
         [[section.item]]\ntitle = \"I {EVIL}\"\nactors = [\"putin\"]\n\
         [[section.item.quote]]\nby = \"putin\"\ntext = \"Q {EVIL}\"\ncontext = \"C {EVIL}\"\n"
    );
    std::fs::write(dir.join("evil-\u{1b}[31mname.toml"), text).unwrap();
    // A file that does not load is reported, not printed, and the exit says so.
    std::fs::write(dir.join("broken.toml"), "[briefing]\ntitle = 1\n").unwrap();
}

#[test]
fn hostile_strings_are_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    hostile_library(dir.path());
    let lib = dir.path().to_str().unwrap();
    for format in ["text", "markdown", "json"] {
        let (out, err, code) = run(&["render", lib, "--actor", "putin", "-f", format], "80");
        assert_eq!(code, 1, "{format}: the broken file is reported\n{err}");
        assert!(err.contains("broken.toml"), "{err}");
        let raw = out.chars().find(|&c| c != '\n' && is_unsafe(c));
        assert_eq!(raw, None, "{format}:\n{out:?}");
        assert!(
            out.contains("pwned"),
            "{format}: the text stays, defanged\n{out}"
        );
        match format {
            "markdown" => {
                assert!(out.contains("\\*y\\*"), "{out}");
                assert!(out.contains("\\<b\\>"), "{out}");
                assert!(
                    out.contains("evil-\\\\u{1b}\\[31mname.toml"),
                    "the name: {out}"
                );
            }
            "json" => {
                let v: Json = serde_json::from_str(&out).expect("JSON");
                let quote = &v["briefings"][0]["items"][0]["quotes"][0]["text"];
                let text = quote.as_str().unwrap();
                assert!(
                    text.starts_with("Q x\u{1b}]0;pwned\u{7}\u{9b}2J"),
                    "{text:?}"
                );
            }
            _ => {}
        }
    }
    let (piped, _, code) = run(&[lib, "--actor", "putin"], "80");
    assert_eq!(code, 1);
    assert_eq!(
        piped.chars().find(|&c| c != '\n' && is_unsafe(c)),
        None,
        "{piped:?}"
    );
}
