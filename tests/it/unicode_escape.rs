//! The sanitiser against the Unicode data itself: every code point of
//! General_Category Cc, Cf, Zl, Zp, of Default_Ignorable_Code_Point and the
//! Hangul fillers is escaped in every output and warned about by `check`;
//! ZWJ, VS15 and VS16 next to emoji stay only where their width is the one
//! ratatui computes. The data comes from the `unicode-data` package
//! (`/usr/share/unicode`, or `UNICODE_DATA=DIR`); `.ci/run` installs it.
//!
//! The escape table in `src/model/sanitize/table.rs` is generated here:
//! `cargo test --test it unicode_escape::regenerate -- --ignored`.

use base64::Engine as _;
use brief::model::sanitize::{sanitize, sanitize_inline};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Blank-looking letters that are escaped whatever the data says (all four
/// are Default_Ignorable_Code_Point in Unicode 15.0).
const FILLERS: [u32; 4] = [0x115f, 0x1160, 0x3164, 0xffa0];

const TABLE: &str = "src/model/sanitize/table.rs";

fn data_dir() -> PathBuf {
    std::env::var_os("UNICODE_DATA").map_or_else(|| "/usr/share/unicode".into(), PathBuf::from)
}

fn read(file: &str) -> String {
    let path = data_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; install the unicode-data package or set UNICODE_DATA",
            path.display()
        )
    })
}

/// The code points `file` gives one of `values` (`XXXX..YYYY ; Value # ...`).
fn code_points(file: &str, values: &[&str]) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for line in read(file).lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut fields = line.split(';').map(str::trim);
        let (Some(range), Some(value)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !values.contains(&value) {
            continue;
        }
        let (lo, hi) = range.split_once("..").unwrap_or((range, range));
        let hex = |s: &str| u32::from_str_radix(s, 16).expect("hex code point");
        out.extend(hex(lo)..=hex(hi));
    }
    out
}

/// `15.0.0` from the first line, `# DerivedCoreProperties-15.0.0.txt`.
fn version(file: &str) -> String {
    let text = read(file);
    let first = text.lines().next().unwrap_or("");
    let name = first.trim_start_matches("# ").trim_end_matches(".txt");
    name.rsplit_once('-')
        .map(|(_, v)| v.to_string())
        .expect("a version")
}

/// What the sanitiser must escape (`\n` and `\t` aside, which it handles).
fn escaped_by_property() -> BTreeSet<u32> {
    let mut set = code_points(
        "DerivedCoreProperties.txt",
        &["Default_Ignorable_Code_Point"],
    );
    let categories = ["Cc", "Cf", "Zl", "Zp"];
    set.extend(code_points(
        "extracted/DerivedGeneralCategory.txt",
        &categories,
    ));
    set.extend(FILLERS);
    set
}

/// Emoji for the joiner rule: Extended_Pictographic and the skin tones.
fn emoji_by_property() -> BTreeSet<u32> {
    let values = ["Extended_Pictographic", "Emoji_Modifier"];
    code_points("emoji/emoji-data.txt", &values)
}

fn chars(set: &BTreeSet<u32>) -> Vec<char> {
    set.iter().filter_map(|&cp| char::from_u32(cp)).collect()
}

/// A set as `(first, last)` runs, written as Rust.
fn ranges_source(set: &BTreeSet<u32>) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &cp in set {
        match runs.last_mut() {
            Some((_, hi)) if *hi + 1 == cp => *hi = cp,
            _ => runs.push((cp, cp)),
        }
    }
    let lines: Vec<String> = runs
        .iter()
        .map(|(lo, hi)| format!("    ('\\u{{{lo:x}}}', '\\u{{{hi:x}}}'),\n"))
        .collect();
    lines.concat()
}

/// The table's source as the data makes it.
fn table_source() -> String {
    let version = version("DerivedCoreProperties.txt");
    format!(
        "//! Generated from the Unicode {version} data (DerivedCoreProperties.txt,\n\
         //! extracted/DerivedGeneralCategory.txt, emoji/emoji-data.txt) by\n\
         //! `cargo test --test it unicode_escape::regenerate -- --ignored`\n\
         //! (tests/it/unicode_escape.rs): do not edit by hand.\n\n\
         /// The Unicode version the tables come from.\n\
         pub const UNICODE_VERSION: &str = \"{version}\";\n\n\
         /// Escaped by the sanitiser: General_Category Cc, Cf, Zl and Zp,\n\
         /// Default_Ignorable_Code_Point, and the Hangul fillers.\n\
         #[rustfmt::skip]\n\
         pub const ESCAPED: &[(char, char)] = &[\n{}];\n\n\
         /// Emoji next to which ZWJ, VS15 and VS16 may stay:\n\
         /// Extended_Pictographic and Emoji_Modifier.\n\
         #[rustfmt::skip]\n\
         pub const EMOJI: &[(char, char)] = &[\n{}];\n",
        ranges_source(&escaped_by_property()),
        ranges_source(&emoji_by_property()),
    )
}

#[test]
#[ignore = "writes src/model/sanitize/table.rs from the Unicode data"]
fn regenerate() {
    std::fs::write(TABLE, table_source()).expect("write the table");
}

#[test]
fn the_table_is_what_the_unicode_data_generates() {
    let committed = std::fs::read_to_string(TABLE).expect("the table");
    let data = version("DerivedCoreProperties.txt");
    if !committed.contains(&format!("UNICODE_VERSION: &str = \"{data}\"")) {
        // Another Unicode version: the walks below still say whether the
        // table covers it; regenerate to follow it.
        eprintln!("the data is Unicode {data}; the table is from another version");
        return;
    }
    assert!(
        committed == table_source(),
        "{TABLE} is stale: regenerate it"
    );
}

/// True when every grapheme of `s` is as wide as ratatui computes it (the
/// grapheme's width) as a terminal drawing one code point at a time puts it.
fn widths_agree(s: &str) -> bool {
    s.graphemes(true)
        .all(|g| g.width() == g.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
}

#[test]
fn every_code_point_of_the_properties_is_escaped() {
    let joiners = ['\u{200d}', '\u{fe0e}', '\u{fe0f}'];
    for c in chars(&escaped_by_property()) {
        assert!(brief::model::sanitize::is_unsafe(c) || c == '\n' || c == '\t');
        if c == '\n' || c == '\t' {
            continue;
        }
        let cases = [
            (format!("{c}"), false),
            (format!("a{c}b"), false),
            (format!("😀{c}😀"), true),
            (format!("©{c}©"), true),
        ];
        for (s, by_emoji) in cases {
            for out in [sanitize(&s), sanitize_inline(&s)] {
                let kept = out.contains(c);
                assert!(
                    !kept || (joiners.contains(&c) && by_emoji && widths_agree(&out)),
                    "U+{:04X} reaches the output raw in {s:?}: {out:?}",
                    c as u32
                );
            }
        }
        let seq = brief::clipboard::osc52(&format!("a{c}b")).expect("small");
        let payload = seq
            .trim_start_matches("\x1b]52;c;")
            .trim_end_matches("\x1b\\");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        let decoded = String::from_utf8(decoded).unwrap();
        assert!(
            !decoded.contains(c),
            "U+{:04X} in an OSC 52 payload",
            c as u32
        );
    }
}

/// ZWJ between emoji and VS15/VS16 after one stay only where ratatui's
/// width is what a terminal draws; some do stay.
#[test]
fn joiners_by_emoji_stay_only_where_the_widths_agree() {
    let mut kept = HashSet::new();
    for e in chars(&emoji_by_property()) {
        let cases = [
            format!("{e}\u{fe0f}x"),
            format!("{e}\u{fe0e}x"),
            format!("{e}\u{200d}{e}"),
            format!("{e}\u{200d}😀"),
            format!("😀\u{200d}{e}"),
        ];
        for s in cases {
            let out = sanitize(&s);
            assert!(widths_agree(&out), "{s:?} -> {out:?}");
            if out == s {
                kept.insert(s.chars().nth(1).unwrap());
            }
        }
    }
    assert_eq!(kept.len(), 3, "each joiner stays somewhere: {kept:?}");
}

/// A briefing with every code point of the properties: one tag each, and
/// all of them in the summary.
fn briefing_with_all() -> String {
    let toml_escape = |cp: u32| {
        if cp <= 0xffff {
            format!("\\u{cp:04X}")
        } else {
            format!("\\U{cp:08X}")
        }
    };
    let all: Vec<u32> = escaped_by_property()
        .into_iter()
        .filter(|&cp| cp != 0x0a && cp != 0x09)
        .collect();
    let tags: Vec<String> = all
        .iter()
        .map(|&cp| format!("\"t{}\"", toml_escape(cp)))
        .collect();
    let summary: String = all
        .iter()
        .map(|&cp| format!("x{}", toml_escape(cp)))
        .collect();
    format!(
        "[briefing]\ntitle = \"All\"\ndate = 2025-12-02\nsummary = \"{summary}\"\n\
         tags = [{}]\n\n[[section]]\ntitle = \"S\"\n\n[[section.item]]\ntitle = \"I\"\n",
        tags.join(", ")
    )
}

#[test]
fn check_warns_about_every_code_point_of_the_properties() {
    let loaded = brief::model::load_str("all.toml", &briefing_with_all()).expect("loads");
    let mut named = BTreeSet::new();
    for d in &loaded.report.diagnostics {
        if d.code != "control-character" {
            continue;
        }
        let list = d.message.split(": ").nth(1).unwrap_or("");
        for name in list.split(", ") {
            named.insert(u32::from_str_radix(name.trim_start_matches("U+"), 16).unwrap());
        }
    }
    let missing: Vec<String> = (escaped_by_property().into_iter())
        .filter(|cp| *cp != 0x0a && *cp != 0x09 && !named.contains(cp))
        .map(|cp| format!("U+{cp:04X}"))
        .collect();
    let first: Vec<&String> = missing.iter().take(20).collect();
    assert!(
        missing.is_empty(),
        "no warning for {} code points: {first:?}…",
        missing.len()
    );
}

#[test]
fn every_export_escapes_every_code_point_of_the_properties() {
    let loaded = brief::model::load_str("all.toml", &briefing_with_all()).expect("loads");
    let b = &loaded.briefing;
    let outputs = [
        ("text", brief::doc::export::text(b, 100, false)),
        ("markdown", brief::doc::markdown::briefing(b)),
        ("json", brief::tools::render_json::to_string(b)),
    ];
    let all = escaped_by_property();
    for (format, out) in outputs {
        let raw = out
            .chars()
            .find(|&c| c != '\n' && c != '\t' && all.contains(&(c as u32)));
        assert_eq!(raw, None, "{format} output holds a raw character");
    }
}
