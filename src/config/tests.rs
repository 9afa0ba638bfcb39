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

/// Keys a terminal sends as other keys would never fire (and `quit =
/// ["ctrl-m"]` would leave no way out but Ctrl-c): an error at the key, naming
/// the key it cannot be told from.
#[test]
fn keys_a_terminal_cannot_tell_apart_are_errors_where_written() {
    for (written, sent) in [
        ("ctrl-m", "Enter"),
        ("ctrl-i", "Tab"),
        ("ctrl-[", "Esc"),
        ("ctrl-h", "Backspace"),
        ("ctrl-enter", "Enter"),
        ("C-\\\\", "Ctrl-4"),
    ] {
        let text = format!("[keys]\nhelp = \"?\"\nquit = [\"x\", \"{written}\"]\n");
        let report = parse("c.toml", &text).expect_err(written);
        assert_eq!(report.errors(), 1, "{written}: {report:?}");
        let (line, col, message, help) = located(&report, "indistinct-key");
        assert_eq!((line, col), (3, 14), "{written}");
        assert!(message.contains(sent), "{written}: {message}");
        assert!(
            help.is_some_and(|h| h.contains(&sent.to_lowercase())),
            "{written}"
        );
    }
    let report = parse("c.toml", "[keys]\nquit = \"ctrl-1\"\n").expect_err("no such key");
    assert_eq!(located(&report, "indistinct-key").0, 2);
    // Keys that do arrive as themselves still load.
    parse(
        "c.toml",
        "[keys]\nquit = [\"ctrl-q\", \"ctrl-space\", \"ctrl-4\"]\n",
    )
    .expect("loads");
}

/// Ctrl-c always quits: `quit` keeps it when remapped, and no other action
/// may take it.
#[test]
fn ctrl_c_cannot_be_taken_from_quit() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let config = parse("c.toml", "[keys]\nquit = \"x\"\n").expect("loads");
    assert_eq!(config.keymap.action_for(ctrl_c), Some(Action::Quit));
    let report = parse("c.toml", "[keys]\ndown = [\"j\", \"ctrl-c\"]\n").expect_err("reserved");
    assert_eq!(report.errors(), 1, "{report:?}");
    let (line, col, message, _) = located(&report, "reserved-key");
    assert_eq!((line, col), (2, 14));
    assert_eq!(
        message,
        "`ctrl-c` always quits; it cannot be bound to `down`"
    );
}

/// The config is read with the briefing's guards: nothing blocks, nothing
/// is read past the cap, and each refusal says why.
#[cfg(unix)]
#[test]
fn fifos_devices_and_oversized_configs_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let code = |path: &std::path::Path| {
        let report = load(path, false).expect_err("refused");
        (
            report.diagnostics[0].code,
            report.diagnostics[0].message.clone(),
        )
    };
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    assert_eq!(code(&fifo).0, "not-a-file");
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    assert_eq!(code(&zero).0, "not-a-file");
    assert_eq!(code(dir.path()).0, "not-a-file");
    let big = dir.path().join("big.toml");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(MAX_BYTES + 1).expect("grow");
    let (code_big, message) = code(&big);
    assert_eq!(code_big, "too-large");
    assert_eq!(message, "the config is larger than the limit of 1 MiB");
    std::fs::write(&big, b"[keys]\nquit = \"\xff\"\n").expect("write");
    let report = load(&big, false).expect_err("not UTF-8");
    assert_eq!(located(&report, "not-utf8").0, 2);
    // A missing file is the defaults, unless it was named.
    let missing = dir.path().join("missing.toml");
    assert_eq!(load(&missing, false).expect("defaults"), Config::default());
    assert_eq!(
        load(&missing, true).expect_err("named").diagnostics[0].code,
        "io"
    );
}

/// The reader lists a config that did not load in its errors overlay, after
/// the errors of the file selected, and says so on the status line.
#[test]
fn the_errors_overlay_lists_the_config_after_the_file() {
    use crate::app::{App, Entry};
    let config = parse("config.toml", "[keys]\nquit = \"ctrl-m\"\n").expect_err("errors");
    let broken = crate::model::load_str("bad.toml", "not = [toml").expect_err("broken");
    let mut app = App::new(vec![Entry::new("bad.toml", Err(broken))], true);
    app.message = Some("state moved aside".into());
    app.set_config_report(config);
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(
        message,
        "config ignored (e lists why): 2:8 `ctrl-m` cannot be told apart from Enter; state moved aside"
    );
    let (reports, _) = app.errors_shown().expect("errors to show");
    let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["bad.toml", "config.toml"]);
    app.update(Action::ShowErrors);
    assert_eq!(app.overlays.errors, Some(0));
    let mut app = App::new(Vec::new(), true);
    app.overlays.config_report = parse("c.toml", "x = 1").err();
    let (reports, title) = app.errors_shown().expect("the config's errors");
    assert_eq!((reports.len(), title), (1, " Config errors (Esc closes) "));
}
