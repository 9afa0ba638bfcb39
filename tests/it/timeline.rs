//! The timeline and the tag list: snapshots at 80x24 and 160x48 reached
//! through the Actions keys produce (the library's, a filtered one, the
//! tags, one briefing's), hostile text at every size, and `brief render
//! --timeline` in its three formats.

use crate::common::render::{assert_clean, draw, text};
use crate::common::timeline::{NEWEST_FIRST, briefing, library};
use assert_cmd::Command;
use brief::app::{Action, App, Entry};
use std::path::Path;

use Action::*;

/// A reader on the generated library (loaded at once).
fn reader(dir: &Path) -> App {
    App::new(brief::open::directory(dir), true)
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let shown = text(&draw(app, w, h));
    let lines: Vec<&str> = shown.lines().map(str::trim_end).collect();
    lines.join("\n")
}

fn snap(name: &str, make: impl Fn() -> App, actions: &[Action]) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = make();
        for &a in actions {
            app.update(a);
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut app, w, h));
    }
}

#[test]
fn snapshots_of_the_library_s_timeline_its_filter_and_its_tags() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let make = || reader(dir.path());
    snap("timeline_library", make, &[Timeline]);
    // Critical, then high or above; the second item selected.
    snap(
        "timeline_filtered",
        make,
        &[Timeline, FilterSeverity, FilterSeverity, Down],
    );
    snap("tags_library", make, &[Tags, Down]);
}

#[test]
fn snapshot_of_one_briefing_s_timeline() {
    let make = || {
        let path = Path::new("briefings/ukraine-talks-2025-12-02.toml");
        let loaded = brief::model::load_path(path).expect("loads");
        App::new(
            vec![Entry::new(path.display().to_string(), Ok(loaded))],
            false,
        )
    };
    // From the overview; the pressure items carry severity badges.
    snap("timeline_briefing", make, &[Timeline, Bottom]);
}

#[test]
fn the_library_s_timeline_lists_items_newest_first_across_files() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let mut app = reader(dir.path());
    app.update(Timeline);
    // One pane at a time: only the list is on screen.
    let shown = screen(&mut app, 70, 30);
    let at: Vec<usize> = (NEWEST_FIRST.iter())
        .map(|t| shown.find(t).unwrap_or_else(|| panic!("{t}:\n{shown}")))
        .collect();
    assert!(at.is_sorted(), "{shown}");
}

#[test]
fn every_timeline_view_draws_at_every_size_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let click = |x, y| ClickAt { x, y };
    let paths = [
        vec![Timeline, Bottom, Open, NextItem, Back],
        vec![Tags, Down, Open, Down, Open],
        // Every severity filter, down to an empty timeline and back.
        vec![
            Timeline,
            Down,
            FilterSeverity,
            FilterSeverity,
            FilterSeverity,
            FilterBy,
            FilterBy,
        ],
        vec![
            Timeline,
            FilterBy,
            FilterBy,
            FilterBy,
            FilterBy,
            FilterBy,
            ClearFilter,
            ClearFilter,
        ],
        // A click on the preview makes it the view on top; Enter opens it.
        vec![
            Resize(120, 30),
            Timeline,
            click(100, 10),
            Down,
            Open,
            Back,
            Back,
            Timeline,
        ],
        vec![
            Timeline,
            Top,
            PageDown,
            PageUp,
            HalfPageDown,
            Timeline,
            Tags,
            Tags,
        ],
    ];
    let mut sizes: Vec<(u16, u16)> = (0..=7)
        .flat_map(|w| [0, 6, 12, 24, 48].map(move |h| (w * 43, h)))
        .collect();
    sizes.extend([
        (40, 12),
        (79, 19),
        (80, 24),
        (139, 40),
        (140, 20),
        (160, 48),
        (300, 80),
    ]);
    for path in paths {
        let mut app = reader(dir.path());
        for &a in &path {
            app.update(a);
            for &(w, h) in &sizes {
                let _ = draw(&mut app, w, h);
            }
        }
    }
}

/// A briefing whose every string a timeline shows is hostile.
const EVIL: &str = "Evil \\u001b]0;pwned\\u0007 \\u009b2J \\u202e *bold* <b> # [x](y)";

fn hostile(dir: &Path) {
    // Its item is the oldest of the library.
    let text = briefing(
        "2025-12-02",
        EVIL,
        &[(EVIL, "2025-01-01", "high", EVIL, "putin")],
    )
    .replace("title = \"Events\"", &format!("title = \"{EVIL}\""));
    std::fs::write(dir.join("evil.toml"), text).unwrap();
}

#[test]
fn hostile_strings_never_reach_a_cell_in_the_timeline_or_tags() {
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    hostile(dir.path());
    let paths = [
        vec![Timeline, Bottom],
        vec![Tags],
        // Its actor, then its tag, as the filter (in the title and crumb).
        vec![Timeline, Bottom, FilterBy, FilterBy],
        vec![Timeline, Bottom, Open],
    ];
    for path in paths {
        for (w, h) in [(40, 12), (80, 24), (160, 48), (300, 60)] {
            let mut app = reader(dir.path());
            for &a in &path {
                app.update(a);
            }
            assert_clean(&draw(&mut app, w, h), &format!("{path:?} at {w}x{h}"));
        }
    }
}

/// `brief` with a clean environment.
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

fn render(home: &Path, args: &[&str]) -> (String, String, i32) {
    let out = brief(home).arg("render").args(args).output().expect("runs");
    let s = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
    (
        s(out.stdout),
        s(out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn render_prints_the_timeline_as_text_markdown_and_json_in_the_same_order() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    library(&lib);
    let dir = lib.to_str().unwrap();
    let (text, _, code) = render(home.path(), &[dir, "--timeline", "--width", "60"]);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("Timeline: 6 items in 3 briefings\n"),
        "{text}"
    );
    assert!(text.contains("2025-12-09 Tuesday · 1 item"), "{text}");
    assert!(
        text.contains("  CRIT  Alpha late\n        Alpha desk › Events"),
        "{text}"
    );
    let (md, _, _) = render(home.path(), &[dir, "--timeline", "-f", "markdown"]);
    assert!(
        md.contains("## 2025-12-05 Friday\n\n- **CRITICAL** Alpha late — *Alpha desk* › Events"),
        "{md}"
    );
    let (json, _, _) = render(home.path(), &[dir, "--timeline", "-f", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let titles: Vec<&str> = (value["days"].as_array().unwrap().iter())
        .flat_map(|d| d["items"].as_array().unwrap())
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, NEWEST_FIRST);
    let first = &value["days"][0]["items"][0];
    let file = first["briefing"]["file"].as_str().unwrap();
    assert!(file.ends_with("/charlie-2025-11-25.toml"), "{file}");
    for (doc, name) in [(&text, "text"), (&md, "markdown")] {
        let at: Vec<usize> = NEWEST_FIRST.iter().map(|t| doc.find(t).unwrap()).collect();
        assert!(at.is_sorted(), "{name}: {doc}");
    }
}

#[test]
fn render_filters_by_tag_and_severity_and_one_file_is_a_timeline_too() {
    let home = tempfile::tempdir().unwrap();
    library(home.path());
    let file = home.path().join("bravo-2025-12-03.toml");
    let (json, _, code) = render(
        home.path(),
        &[file.to_str().unwrap(), "--timeline", "-f", "json"],
    );
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        (value["items"].as_u64(), value["briefings"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(value["days"][0]["items"][0]["dated_by"], "briefing");
    let dir = home.path().to_str().unwrap();
    let (text, _, _) = render(
        home.path(),
        &[dir, "--timeline", "--tag", "energy", "--severity", "high"],
    );
    assert!(text.contains("Filter: #energy, high or above"), "{text}");
    assert!(
        text.contains("Bravo middle")
            && !text.contains("Alpha late")
            && !text.contains("Charlie newest"),
        "{text}"
    );
    // The filters need --timeline; a broken file in a directory is reported
    // and the rest printed (exit 1); a broken FILE prints nothing (exit 2).
    assert_eq!(render(home.path(), &[dir, "--tag", "energy"]).2, 2);
    std::fs::write(home.path().join("broken.toml"), "[briefing]\ntitle = 1\n").unwrap();
    let (text, errors, code) = render(home.path(), &[dir, "--timeline"]);
    assert_eq!(code, 1, "{errors}");
    assert!(
        text.contains("Timeline: 6 items in 3 briefings") && errors.contains("broken.toml"),
        "{errors}"
    );
    let broken = home.path().join("broken.toml");
    let (text, errors, code) = render(home.path(), &[broken.to_str().unwrap(), "--timeline"]);
    assert_eq!((text.as_str(), code), ("", 2), "{errors}");
}

#[test]
fn render_escapes_a_hostile_briefing_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    hostile(home.path());
    let dir = home.path().to_str().unwrap();
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c) || c == '\u{202e}'
    };
    for format in ["text", "markdown", "json"] {
        let (out, errors, code) = render(home.path(), &[dir, "--timeline", "-f", format]);
        assert_eq!(code, 0, "{errors}");
        assert!(!out.chars().any(unsafe_char), "{format}: {out:?}");
    }
    let (md, _, _) = render(home.path(), &[dir, "--timeline", "-f", "markdown"]);
    assert!(md.contains("\\*bold\\* \\<b\\> # \\[x\\](y)"), "{md}");
    // JSON escapes what it must and keeps the text: it parses back whole.
    let (json, _, _) = render(home.path(), &[dir, "--timeline", "-f", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let title = value["days"][0]["items"][0]["title"].as_str().unwrap();
    assert_eq!(
        title,
        "Evil \u{1b}]0;pwned\u{7} \u{9b}2J \u{202e} *bold* <b> # [x](y)"
    );
}
