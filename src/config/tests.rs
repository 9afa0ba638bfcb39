//! Config tests: presets, remaps, located diagnostics.

use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn located(report: &Report, code: &str) -> (usize, usize, String, Option<String>) {
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code}: {report:?}"));
    let (line, col) = report.line_col(d.span.clone().expect("a span").start);
    (line, col, d.message.clone(), d.help.clone())
}

#[test]
fn the_commented_default_is_the_default() {
    assert_eq!(
        parse("default.toml", DEFAULT_TOML).expect("parses"),
        Config::default()
    );
}

#[test]
fn every_preset_loads_and_changes_the_theme() {
    let mut themes = Vec::new();
    for (name, preset) in PRESETS {
        let config =
            parse("c.toml", &format!("[theme]\npreset = \"{name}\"\n")).expect("preset loads");
        assert_eq!(config.preset, *preset);
        themes.push(config.theme(true, false));
    }
    for (i, a) in themes.iter().enumerate() {
        for b in &themes[i + 1..] {
            assert_ne!(a, b, "two presets give the same theme");
        }
    }
    // mono has no colour at all.
    assert!(themes[3].muted.fg.is_none() && !themes[3].colour);
}

#[test]
fn colour_overrides_apply_to_their_role() {
    let text = "[theme.colors]\naccent = \"magenta\"\nseverity_high = \"#ff8800\"\n[theme.sides]\nRussia = \"green\"\n";
    let theme = parse("c.toml", text).expect("loads").theme(true, false);
    assert_eq!(theme.accent.fg, Some(Color::Magenta));
    assert_eq!(theme.severity[2], Color::Rgb(0xff, 0x88, 0x00));
    assert_eq!(theme.side(Some("Russia")).fg, Some(Color::Green));
}

#[test]
fn remaps_change_behaviour() {
    let config = parse(
        "c.toml",
        "[keys]\nquit = [\"x\", \"ctrl-q\"]\ndown = \"J\"\n",
    )
    .expect("loads");
    let km = &config.keymap;
    assert_eq!(km.action_for(key('x')), Some(Action::Quit));
    assert_eq!(km.action_for(key('q')), None, "the default is replaced");
    assert_eq!(
        km.action_for(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT)),
        Some(Action::Down)
    );
    assert_eq!(km.action_for(key('j')), None);
    assert_eq!(km.first_key(Action::Down).as_deref(), Some("J"));
}

#[test]
fn a_conflict_names_both_actions_where_it_is_written() {
    let report = parse("c.toml", "[keys]\nquit = [\"j\"]\n").expect_err("a conflict");
    let (line, col, message, help) = located(&report, "key-conflict");
    assert_eq!((line, col), (2, 8));
    assert_eq!(message, "`j` is bound to both `down` and `quit`");
    assert!(help.is_some());
}

#[test]
fn misspelt_keys_get_a_suggestion_at_their_place() {
    let report = parse(
        "c.toml",
        "[theme]\npreest = \"light\"\n[defaults]\nmose = false\n[keys]\nqiut = \"x\"\n",
    )
    .expect_err("errors");
    assert_eq!(report.errors(), 3, "every mistake is reported: {report:?}");
    let find = |needle: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .expect(needle)
            .clone()
    };
    let preset = find("preest");
    assert_eq!(report.line_col(preset.span.clone().unwrap().start), (2, 1));
    assert_eq!(preset.help.as_deref(), Some("did you mean `preset`?"));
    assert_eq!(find("mose").help.as_deref(), Some("did you mean `mouse`?"));
    assert_eq!(find("qiut").help.as_deref(), Some("did you mean `quit`?"));
    assert!(
        report.render(false).contains("c.toml:2:1"),
        "{}",
        report.render(false)
    );
}

#[test]
fn bad_values_are_located() {
    let report = parse(
        "c.toml",
        "[theme]\npreset = \"lihgt\"\n[defaults]\nreading_width = 5\ncolor = 3\n",
    )
    .expect_err("errors");
    assert_eq!(
        located(&report, "unknown-preset").3.as_deref(),
        Some("did you mean `light`?")
    );
    assert_eq!(located(&report, "bad-value").0, 4);
    assert_eq!(located(&report, "wrong-type").0, 5);
    let report = parse("c.toml", "[theme.colors]\naccent = \"plaid\"\n").expect_err("a bad colour");
    assert_eq!(located(&report, "bad-colour").0, 2);
}
