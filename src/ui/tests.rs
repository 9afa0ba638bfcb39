//! Rendering tests on a small in-code briefing: every view at every size, and
//! no unsafe character ever reaches a cell.

use super::*;
use crate::app::tests::{app_with, sample};
use crate::app::{Action, App};
use crate::model::sanitize::is_unsafe;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod drawn;

/// Renders the app at a size and returns the screen as text.
pub(crate) fn screen_text(app: &mut App, w: u16, h: u16, theme: &Theme) -> String {
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(|f| render(app, theme, f)).expect("draw");
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Action paths that reach every view.
pub(crate) fn every_view() -> Vec<Vec<Action>> {
    use Action::*;
    vec![
        vec![],
        vec![Open],
        vec![Down, Open],
        vec![Down, Open, Open],
        vec![Down, Open, Open, Open],
        vec![ActorIndex],
        vec![JumpSection(2), ToggleMatrix],
        vec![ToggleHelp],
        vec![Down, Open, Open, NextLink, NextLink, Open],
        vec![ActorIndex, Dossier],
        vec![ActorIndex, Dossier, Down, Down, Open],
    ]
}

#[test]
fn no_panic_at_any_size_in_any_view() {
    let theme = Theme::colour(false);
    let sizes = (0..=12)
        .flat_map(|w| (0..=8).map(move |h| (w * 25, h * 25)))
        .chain([
            (500, 300),
            (1, 1),
            (20, 6),
            (19, 6),
            (20, 5),
            (40, 12),
            (79, 19),
            (80, 20),
            (140, 20),
            (139, 60),
        ]);
    for path in every_view() {
        let mut app = app_with(sample());
        for &a in &path {
            app.update(a);
        }
        for (w, h) in sizes.clone() {
            let _ = screen_text(&mut app, w, h, &theme);
        }
    }
}

#[test]
fn hostile_strings_never_reach_a_cell() {
    let mut b = sample();
    let evil = "x\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{200b}\u{e0041}\r\u{7f}y";
    b.title = evil.into();
    b.summary = Some(evil.into());
    b.sections[0].title = evil.into();
    b.sections[0].items[0].title = evil.into();
    b.sections[0].items[0].body = Some(evil.into());
    b.sections[0].items[0].quotes[0].text = evil.into();
    b.actors[0].name = evil.into();
    b.sections[1].items[0].stances[0].text = evil.into();
    b.sections[1].items[0].stances[0].issue = evil.into();
    let theme = Theme::colour(false);
    for path in every_view() {
        let mut app = app_with(b.clone());
        for &a in &path {
            app.update(a);
        }
        for (w, h) in [(80, 24), (160, 48), (40, 12)] {
            let text = screen_text(&mut app, w, h, &theme);
            assert!(!text.chars().any(is_unsafe), "{path:?} at {w}x{h}:\n{text}");
        }
    }
}

#[test]
fn the_errors_overlay_cuts_long_lines_with_an_ellipsis() {
    use crate::model::{Diagnostic, Report};
    let mut app = app_with(sample());
    let long = "a message far too long for a forty column overlay to hold";
    let report = Report::single("sample.toml", Diagnostic::error("bad", long, None));
    app.apply_reload(0, Err(report));
    app.update(Action::ShowErrors);
    let text = screen_text(&mut app, 40, 12, &Theme::mono(false));
    assert!(text.lines().any(|l| l.ends_with("…│")), "{text}");
}

#[test]
fn an_overlay_is_as_wide_as_its_title() {
    use crate::model::{Diagnostic, Report};
    let mut app = app_with(sample());
    let report = Report::single("s", Diagnostic::error("bad", "short", None));
    app.apply_reload(0, Err(report));
    app.update(Action::ShowErrors);
    let text = screen_text(&mut app, 80, 24, &Theme::mono(false));
    assert!(text.contains("Reload errors (Esc closes)"), "{text}");
}

#[test]
fn the_too_small_note_wraps_to_show_the_size_it_needs() {
    let mut app = app_with(sample());
    let text = screen_text(&mut app, 19, 30, &Theme::mono(false));
    let words: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(
        words,
        ["terminal", "too", "small:", "need", "20x6"],
        "{text}"
    );
}

#[test]
fn one_hit_in_the_prompt_is_singular() {
    let mut app = app_with(sample());
    app.update(Action::Search);
    for c in "meeting".chars() {
        app.update(Action::Input(c));
    }
    let text = screen_text(&mut app, 80, 24, &Theme::mono(false));
    let status = text.lines().last().unwrap_or_default();
    assert!(status.trim_end().ends_with(" 1 hit"), "{status}");
}

#[test]
fn the_actor_index_counts_in_singular_and_plural() {
    let mut app = app_with(sample());
    app.update(Action::ActorIndex);
    let text = screen_text(&mut app, 80, 24, &Theme::mono(false));
    // Putin: quoted once, named in two items; Trump: quoted once, in one item.
    assert!(text.contains("1 quote · 2 items"), "{text}");
    assert!(text.contains("1 quote · 1 item "), "{text}");
}

#[test]
fn a_party_named_as_its_item_is_not_repeated() {
    let mut b = sample();
    b.actors[0].name = "Russia".into();
    let mut app = app_with(b);
    app.update(Action::JumpSection(2));
    let text = screen_text(&mut app, 80, 24, &Theme::mono(false));
    assert!(text.contains("Russia"), "{text}");
    assert!(!text.contains("Russia Russia"), "{text}");
}

#[test]
#[ignore = "prints screens for eyeballing"]
fn print_screens() {
    let theme = Theme::colour(false);
    for path in every_view() {
        let mut app = app_with(sample());
        for &a in &path {
            app.update(a);
        }
        for (w, h) in [(80, 24), (160, 30)] {
            println!("{path:?} {w}x{h}\n{}", screen_text(&mut app, w, h, &theme));
        }
    }
}

/// A config's remaps show in the help (the keys come from the keymap).
#[test]
fn remapped_keys_show_in_the_help() {
    let config = crate::config::parse(
        "c.toml",
        "[keys]\nquit = [\"x\", \"ctrl-q\"]\ndown = \"J\"\n",
    )
    .expect("loads");
    let help: String = help::lines(&Theme::mono(false), &config.keymap, 80)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    // Ctrl-c stays: it always quits.
    assert!(help.contains("x, Ctrl-q, Ctrl-c  quit"), "{help}");
}

/// Where Ctrl-z cannot suspend (`brief serve`, `--restricted`), help does
/// not offer it; the key stays bound, so pressing it says why.
#[test]
fn help_leaves_out_what_the_session_cannot_do() {
    let text = |keymap: &crate::app::keymap::Keymap| -> String {
        help::lines(&Theme::mono(false), keymap, 80)
            .iter()
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let mut keymap = crate::app::keymap::Keymap::default();
    assert!(text(&keymap).contains("Ctrl-z  suspend to the shell"));
    keymap.set_unavailable(crate::app::Action::Suspend);
    assert!(!text(&keymap).contains("suspend"), "{}", text(&keymap));
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action_for(ctrl_z), Some(crate::app::Action::Suspend));
}

/// The library-wide views at every width from 40 to 300 columns: nothing
/// panics, the dossier's rows stay inside the screen, and every quote line
/// of the selection shows.
#[test]
fn the_dossier_and_the_actors_across_the_library_fit_40_to_300_columns() {
    use crate::app::dossier::tests::library;
    let theme = Theme::colour(false);
    let paths: [&[Action]; 3] = [
        &[Action::ActorIndex],
        &[Action::ActorIndex, Action::Down, Action::Down, Action::Open],
        &[
            Action::ActorIndex,
            Action::Down,
            Action::Down,
            Action::Open,
            Action::Bottom,
        ],
    ];
    for path in paths {
        for w in (40..=300).step_by(13) {
            let mut app = library();
            crate::app::tests::run(&mut app, path);
            let text = screen_text(&mut app, w, 24, &theme);
            assert!(
                text.contains("Vladimir Putin") || text.contains("Macron"),
                "{w}:\n{text}"
            );
            assert!(text.contains("q quit") || w < 60, "{w}:\n{text}");
        }
    }
}

/// Enter on a quote in a dossier opens its item scrolled to that quote
/// (the item's start is above it, off the screen), not at the item's top.
#[test]
fn a_dossier_quote_opens_its_item_at_the_quote() {
    let body = (1..=40)
        .map(|n| format!("Paragraph {n} of the long body."))
        .collect::<Vec<_>>()
        .join("\\n\\n");
    let text = format!(
        "[briefing]\ntitle = \"Long\"\ndate = 2025-12-01\nsummary = \"S\"\n\n\
         [actor.putin]\nname = \"Vladimir Putin\"\n\n[[section]]\ntitle = \"S\"\n\n\
         [[section.item]]\ntitle = \"The long item\"\nactors = [\"putin\"]\nbody = \"{body}\"\n\n\
         [[section.item.quote]]\nby = \"putin\"\ntext = \"The quote at the end.\"\n"
    );
    let other = "[briefing]\ntitle = \"Other\"\ndate = 2025-11-01\nsummary = \"S\"\n";
    let entries = vec![
        crate::app::Entry::new("long.toml", crate::model::load_str("long.toml", &text)),
        crate::app::Entry::new("other.toml", crate::model::load_str("other.toml", other)),
    ];
    let mut app = App::new(entries, true);
    app.update(Action::Resize(80, 24));
    app.update(Action::ActorIndex);
    app.update(Action::Open);
    let View::Dossier { id, .. } = app.top() else {
        panic!("not a dossier: {:?}", app.top())
    };
    let rows = app.dossier(id).expect("Putin").1.rows.clone();
    let quote = (rows.iter())
        .position(|r| matches!(r, crate::doc::dossier::Row::Quote { .. }))
        .expect("a quote row");
    for _ in 0..quote {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let screen = screen_text(&mut app, 80, 24, &Theme::mono(false));
    assert!(screen.contains("The quote at the end."), "{screen}");
    assert!(!screen.contains("Paragraph 1 of"), "{screen}");
    let View::Item { scroll, .. } = app.top() else {
        panic!("not an item: {:?}", app.top())
    };
    assert!(scroll.get() > 40, "scrolled to {}", scroll.get());
}
