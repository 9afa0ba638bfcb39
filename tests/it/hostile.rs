//! The adversarial corpus (tests/fixtures/hostile/): every hostile file either
//! loads and renders with no unsafe character in any cell, or fails with a
//! clear diagnostic. The huge inputs are generated here, not committed.

use crate::common::render::{app, assert_clean, draw, every_view, text};
use brief::app::Action;
use brief::model::sanitize::is_unsafe;
use brief::model::{Loaded, Report, load_bytes, load_path};
use std::path::Path;
use std::time::{Duration, Instant};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new("tests/fixtures/hostile").join(name)
}

fn load_fixture(name: &str) -> Result<Loaded, Report> {
    load_path(&fixture(name))
}

/// Runs `f` on a thread with a small stack: a recursion that the input drives
/// would overflow it and abort the test binary, so passing proves there is none.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

fn error_codes(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

const HEAD: &str = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n";

#[test]
fn deeply_nested_arrays_are_an_error_not_a_stack_overflow() {
    let doc = format!("{HEAD}x = {}", "[".repeat(20_000));
    let closed = format!("{HEAD}x = {}{}", "[".repeat(20_000), "]".repeat(20_000));
    let (open, closed) = on_small_stack(move || {
        (
            load_bytes("deep", doc.as_bytes()).map(|_| ()),
            load_bytes("deep", closed.as_bytes()).map(|_| ()),
        )
    });
    let open = open.expect_err("unterminated nesting is an error");
    let closed = closed.expect_err("nesting beyond the limit is an error");
    assert!(!open.diagnostics.is_empty() && !closed.diagnostics.is_empty());
}

#[test]
fn deeply_nested_inline_tables_are_an_error_not_a_stack_overflow() {
    let doc = format!("{HEAD}x = {}", "{a = ".repeat(20_000));
    let closed = format!(
        "{HEAD}x = {}1{}",
        "{a = ".repeat(20_000),
        "}".repeat(20_000)
    );
    let (open, closed) = on_small_stack(move || {
        (
            load_bytes("deep", doc.as_bytes()).map(|_| ()),
            load_bytes("deep", closed.as_bytes()).map(|_| ()),
        )
    });
    open.expect_err("unterminated nesting is an error");
    closed.expect_err("nesting beyond the limit is an error");
}

#[test]
fn nesting_in_a_known_field_is_an_error_too() {
    // The same depth where the walker expects a string: it must not recurse.
    let doc = format!(
        "{HEAD}\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\nbody = {}{}\n",
        "[".repeat(200),
        "]".repeat(200)
    );
    let result = on_small_stack(move || load_bytes("deep", doc.as_bytes()).map(|_| ()));
    result.expect_err("an array where text belongs is an error");
}

#[test]
fn a_ten_megabyte_line_loads_and_renders_in_bounded_time() {
    let big = "word ".repeat(2 * 1024 * 1024); // 10 MiB on one line
    let doc = format!(
        "{HEAD}\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"Big\"\nbody = \"{big}\"\n"
    );
    let started = Instant::now();
    let loaded = load_bytes("big", doc.as_bytes()).expect("loads");
    let load_time = started.elapsed();
    assert_eq!(
        loaded.briefing.sections[0].items[0]
            .body
            .as_deref()
            .map(str::len),
        Some(big.len())
    );
    let mut app = app(loaded);
    app.update(Action::JumpSection(1));
    app.update(Action::Open);
    let started = Instant::now();
    let buf = draw(&mut app, 80, 24);
    let first = started.elapsed();
    // Scrolling re-renders from the cache.
    let started = Instant::now();
    app.update(Action::PageDown);
    let _ = draw(&mut app, 80, 24);
    app.update(Action::Bottom);
    let bottom = draw(&mut app, 80, 24);
    let more = started.elapsed();
    eprintln!("10 MiB line: load {load_time:?}, first frame {first:?}, two more {more:?}");
    assert!(text(&buf).contains("Big"), "{}", text(&buf));
    assert!(text(&bottom).contains("word"), "{}", text(&bottom));
    assert!(
        load_time < Duration::from_secs(10),
        "load took {load_time:?}"
    );
    assert!(
        first < Duration::from_secs(15),
        "first frame took {first:?}"
    );
    assert!(more < Duration::from_secs(5), "scrolling took {more:?}");
}

#[test]
fn a_hundred_thousand_items_load_and_navigate() {
    let mut doc = format!("{HEAD}\n[[section]]\ntitle = \"Many\"\n");
    for i in 0..100_000 {
        doc.push_str(&format!("[[section.item]]\ntitle = \"i{i}\"\n"));
    }
    let started = Instant::now();
    let loaded = load_bytes("many", doc.as_bytes()).expect("loads");
    eprintln!("100,000 items: load {:?}", started.elapsed());
    assert_eq!(loaded.briefing.item_count(), 100_000);
    let mut app = app(loaded);
    let started = Instant::now();
    let _ = draw(&mut app, 80, 24);
    app.update(Action::JumpSection(1));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("i0"), "{screen}");
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Up);
    assert_eq!(app.top().list().unwrap().selected, 1);
    app.update(Action::Bottom);
    let screen = text(&draw(&mut app, 80, 24));
    assert_eq!(app.top().list().unwrap().selected, 99_999);
    assert!(screen.contains("i99999"), "{screen}");
    app.update(Action::Up);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("i99998"), "{screen}");
    app.update(Action::Top);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("i0"), "{screen}");
    eprintln!("100,000 items: five frames {:?}", started.elapsed());
}

#[test]
fn crlf_line_ends_load_and_show_no_carriage_returns() {
    let bytes = std::fs::read(fixture("crlf.toml")).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "fixture has CRLF");
    let loaded = load_fixture("crlf.toml").expect("CRLF loads");
    assert_eq!(loaded.briefing.title, "CRLF briefing");
    for path in [
        vec![],
        vec![Action::Open],
        vec![Action::JumpSection(1)],
        vec![Action::JumpSection(1), Action::Open],
    ] {
        let mut app = app(loaded.clone());
        for a in &path {
            app.update(*a);
        }
        let buf = draw(&mut app, 80, 24);
        let screen = text(&buf);
        assert!(!screen.contains('␍') && !screen.contains('\r'), "{screen}");
        assert_clean(&buf, "crlf");
    }
    let plain = brief::doc::export::text(&loaded.briefing, 80, false);
    assert!(!plain.contains('\r') && !plain.contains('␍'), "{plain}");
    assert!(plain.contains("second line"), "{plain}");
}

/// Decision: a leading UTF-8 byte-order mark is skipped (many Windows editors
/// write one, and it carries no meaning in UTF-8). Anywhere else U+FEFF stays
/// an error in TOML syntax, or an escaped character inside a string.
#[test]
fn a_utf8_bom_is_skipped() {
    let loaded = load_fixture("bom.toml").expect("a leading BOM is accepted");
    assert_eq!(loaded.briefing.title, "BOM briefing");
    assert!(
        loaded.report.diagnostics.is_empty(),
        "{:?}",
        error_codes(&loaded.report)
    );
    // Only one, and only at the start.
    let twice = [
        b"\xef\xbb\xbf".as_slice(),
        &std::fs::read(fixture("bom.toml")).unwrap(),
    ]
    .concat();
    assert!(load_bytes("bom2", &twice).is_err());
}

#[test]
fn nul_and_latin1_bytes_are_a_clear_not_utf8_error_with_the_offset() {
    // A NUL is valid UTF-8 but never valid TOML, in a string or outside one.
    let nul = load_fixture("nul.toml").expect_err("NUL is refused");
    assert!(nul.errors() > 0);
    let at = std::fs::read(fixture("nul.toml"))
        .unwrap()
        .iter()
        .position(|&b| b == 0)
        .unwrap();
    let d = &nul.diagnostics[0];
    assert!(
        d.span
            .as_ref()
            .is_some_and(|s| s.start <= at && at <= s.end + 1),
        "points at the NUL ({at}): {:?} {:?}",
        d.span,
        error_codes(&nul)
    );
    let latin1 = load_fixture("latin1.toml").expect_err("Latin-1 is refused");
    let bytes = std::fs::read(fixture("latin1.toml")).unwrap();
    let at = bytes.iter().position(|&b| b >= 0x80).unwrap();
    let d = &latin1.diagnostics[0];
    assert_eq!(d.code, "not-utf8");
    assert!(d.message.contains(&format!("offset {at}")), "{}", d.message);
    // The report's own text (shown in diagnostics) holds nothing raw.
    let rendered = latin1.render(false);
    assert!(!rendered.chars().any(is_unsafe), "{rendered}");
}

fn every_view_is_clean(name: &str, sizes: &[(u16, u16)]) -> Loaded {
    let loaded = load_fixture(name).unwrap_or_else(|r| panic!("{name}: {:?}", error_codes(&r)));
    for path in every_view() {
        let mut app = app(loaded.clone());
        for a in &path {
            app.update(*a);
        }
        for &(w, h) in sizes {
            let buf = draw(&mut app, w, h);
            assert_clean(&buf, &format!("{name} {path:?} {w}x{h}"));
        }
    }
    let plain = brief::doc::export::text(&loaded.briefing, 100, false);
    assert!(
        !plain.chars().any(|c| is_unsafe(c) && c != '\n'),
        "{name}: plain-text output: {plain:?}"
    );
    loaded
}

#[test]
fn escape_payloads_with_esc_and_c1_never_reach_a_cell() {
    for name in ["escapes.toml", "c1.toml"] {
        every_view_is_clean(name, &[(80, 24), (160, 48), (30, 10)]);
    }
    // The C1 spelling really is there to be caught.
    let raw = std::fs::read_to_string(fixture("c1.toml")).unwrap();
    for c in [
        '\u{9b}', '\u{9d}', '\u{90}', '\u{9c}', '\u{98}', '\u{9e}', '\u{9f}', '\u{85}',
    ] {
        assert!(raw.contains(c), "{:x}", c as u32);
    }
}

#[test]
fn bidi_zero_width_and_tag_characters_are_shown_escaped() {
    let loaded = every_view_is_clean("invisible.toml", &[(80, 24), (160, 48)]);
    let plain = brief::doc::export::text(&loaded.briefing, 100, false);
    for word in [
        "fill\\u{3164}\\u{115f}\\u{1160}\\u{ffa0}",
        "fmt\\u{206a}\\u{fff9}\\u{34f}\\u{1d173}",
        "vs\\u{180b}\\u{e0100}",
    ] {
        assert!(plain.contains(word), "{word} in {plain}");
    }
    let mut app = app(loaded);
    let screen = text(&draw(&mut app, 160, 48));
    assert!(screen.contains("\\u{202e}evil"), "{screen}");
}

#[test]
fn cjk_and_emoji_titles_keep_the_columns_aligned() {
    let loaded = every_view_is_clean("wide.toml", &[(80, 24), (120, 40)]);
    for (w, h) in [(80u16, 24u16), (120, 40), (100, 30)] {
        let mut app = app(loaded.clone());
        let buf = draw(&mut app, w, h);
        let mut columns = Vec::new();
        for y in 1..h.saturating_sub(1) {
            let row: Vec<&str> = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            // The separator's x in cells, and where a terminal would put it:
            // the display width of everything printed before it (the cell
            // after a wide character is a placeholder the backend never sends).
            let mut terminal_x = 0;
            let mut skip = 0;
            for (x, sym) in row.iter().enumerate() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if *sym == "│" {
                    assert_eq!(terminal_x, x, "row {y} drifts at {w}x{h}:\n{}", text(&buf));
                    columns.push(x);
                }
                let width = unicode_width::UnicodeWidthStr::width(*sym);
                terminal_x += width;
                skip = width.saturating_sub(1);
            }
            assert_eq!(
                terminal_x,
                w as usize,
                "row {y} is not {w} columns wide:\n{}",
                text(&buf)
            );
        }
        assert!(
            columns.len() > 10,
            "a two-pane layout at {w}x{h}:\n{}",
            text(&buf)
        );
        assert!(
            columns.iter().all(|&x| x == columns[0]),
            "separator moves at {w}x{h}: {columns:?}\n{}",
            text(&buf)
        );
        let screen = text(&buf);
        assert!(screen.contains("中文标题"), "{screen}");
    }
}

/// Crashing inputs the fuzzers found, kept as regressions: each loads or fails
/// cleanly and, if it loads, renders in every view with no unsafe cell.
#[test]
fn fuzz_regressions_load_and_render() {
    let Ok(dir) = std::fs::read_dir(fixture("fuzz")) else {
        return;
    };
    for entry in dir {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // Render inputs carry a 4-byte header (size and actions) before the TOML.
        for body in [&bytes[..], bytes.get(4..).unwrap_or(&[])] {
            let Ok(loaded) = load_bytes("fuzz", body) else {
                continue;
            };
            for view in every_view() {
                let mut app = app(loaded.clone());
                for a in &view {
                    app.update(*a);
                }
                for (w, h) in [(80, 24), (7, 3), (199, 79), (0, 0)] {
                    let buf = draw(&mut app, w, h);
                    assert_clean(&buf, &format!("{} {view:?}", path.display()));
                }
            }
        }
    }
}

/// Hostile keys and values reach the diagnostics (unknown key, bad type, bad
/// reference) escaped, like every other output.
#[test]
fn hostile_keys_and_values_reach_diagnostics_escaped() {
    let doc = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n\
        \"\\u001b]0;pwned\\u0007\" = 1\n\"\u{9b}2J\u{202e}\" = 2\n\
        [actor.\"\\u001b[31m\"]\nname = \"x\"\n\
        [[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\n\
        actors = [\"\\u001b]52;c;eA==\\u0007\"]\nseverity = \"\\u009b6n\"\n";
    let report = match load_bytes("hostile", doc.as_bytes()) {
        Ok(l) => l.report,
        Err(r) => r,
    };
    assert!(report.diagnostics.len() >= 3, "{:?}", error_codes(&report));
    let shown = report.render(false);
    assert!(
        !shown.chars().any(|c| is_unsafe(c) && c != '\n'),
        "{shown:?}"
    );
    assert!(!report.headline().chars().any(is_unsafe));
    let json = report.to_json_lines();
    assert!(!json.chars().any(|c| is_unsafe(c) && c != '\n'), "{json:?}");
}

/// The fast loader splits big files at `[[section]]` lines: one inside a
/// multi-line string (basic or literal) or an array must stay text, never
/// become a section of its own.
#[test]
fn a_section_header_inside_a_string_stays_text() {
    for quote in ["\"\"\"", "'''"] {
        let doc = format!(
            "{HEAD}\n[[section]]\ntitle = \"Real\"\n[[section.item]]\ntitle = \"I\"\n\
             body = {quote}\nbefore\n[[section]]\ntitle = \"Injected\"\n[[section.item]]\ntitle = \"J\"\n{quote}\n\
             \n[[section]]\ntitle = \"Second\"\n[[section.item]]\ntitle = \"K\"\n"
        );
        let b = load_bytes("split", doc.as_bytes()).expect("loads").briefing;
        let titles: Vec<&str> = b.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Real", "Second"], "{quote}");
        assert!(
            b.sections[0].items[0]
                .body
                .as_deref()
                .unwrap()
                .contains("Injected")
        );
    }
}
