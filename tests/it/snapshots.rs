//! Every view of the Ukraine briefing, drawn into a TestBackend at 80x24 and
//! 160x48 (and the overview at 40x12), reached through the same Actions keys
//! produce. Reviewed by eye; `cargo insta review` after a deliberate change.

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

const UKRAINE: &str = "briefings/ukraine-talks-2025-12-02.toml";

fn app() -> App {
    let loaded = load_path(Path::new(UKRAINE)).expect("the bundled briefing loads");
    App::new(vec![Entry::new(UKRAINE, Ok(loaded))], false)
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    terminal
        .draw(|f| render(app, &Theme::colour(false), f))
        .expect("draw");
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn actor_index(app: &App, id: &str) -> usize {
    let b = app.entries[0].briefing().expect("loaded");
    b.actors
        .iter()
        .position(|a| a.id == id)
        .expect("actor declared")
}

fn snap(name: &str, actions: &[Action]) {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app();
        for &a in actions {
            app.update(a);
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut app, w, h));
    }
}

use Action::*;

#[test]
fn overview() {
    snap("overview", &[]);
    let mut app = app();
    insta::assert_snapshot!("overview_40x12", screen(&mut app, 40, 12));
}

#[test]
fn summary() {
    snap("summary", &[Open]);
}

#[test]
fn section() {
    snap("section_talks", &[Down, Open]);
}

#[test]
fn section_pressure_with_severity() {
    snap("section_pressure", &[JumpSection(3), Down]);
}

#[test]
fn item() {
    snap("item_first", &[Down, Open, Open]);
}

#[test]
fn item_scrolled() {
    snap("item_scrolled", &[JumpSection(2), Open, HalfPageDown]);
}

#[test]
fn actor() {
    let putin = actor_index(&app(), "putin");
    let mut actions = vec![ActorIndex];
    actions.extend(std::iter::repeat_n(Down, putin));
    actions.push(Open);
    snap("actor_putin", &actions);
}

#[test]
fn actor_index_view() {
    snap("actors", &[ActorIndex]);
}

#[test]
fn source() {
    // The last link of the first talks item is a source.
    snap("source", &[Down, Open, Open, PrevLink, Open]);
}

#[test]
fn matrix() {
    snap("matrix", &[JumpSection(2), ToggleMatrix]);
}

#[test]
fn help() {
    snap("help", &[ToggleHelp]);
    // Narrow: no line may be cut mid-word without a sign of it.
    for (name, actions) in [
        ("help_40x24", vec![ToggleHelp]),
        ("help_end_40x24", vec![ToggleHelp, Bottom]),
    ] {
        let mut app = app();
        for a in actions {
            app.update(a);
        }
        insta::assert_snapshot!(name, screen(&mut app, 40, 24));
    }
}

#[test]
fn library() {
    // Two briefings and one that does not load: listed last, its errors previewed.
    let dir = Path::new("tests/fixtures/library");
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = App::new(brief::open::directory(dir), true);
        insta::assert_snapshot!(format!("library_{w}x{h}"), screen(&mut app, w, h));
        app.update(Bottom);
        insta::assert_snapshot!(format!("library_broken_{w}x{h}"), screen(&mut app, w, h));
    }
}

#[test]
fn too_small() {
    let mut app = app();
    insta::assert_snapshot!("too_small_19x5", screen(&mut app, 19, 5));
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Search];
    actions.extend(text.chars().map(Input));
    actions
}

#[test]
fn search_prompt_with_results() {
    snap("search_prompt", &typed("putin"));
}

#[test]
fn search_prompt_before_typing_and_with_no_hits() {
    // The hint wraps at its words; nothing says "no hits" or "0 hits" yet.
    snap("search_prompt_empty", &[Search]);
    // No hits: the list stays where it was, in the left pane.
    snap("search_prompt_no_hits", &typed("qqqq"));
}

#[test]
fn search_hit_highlighted_in_an_item() {
    let mut actions = typed("pokrovsk");
    actions.push(InputSubmit);
    snap("search_hit", &actions);
    // The text snapshot has no styles: check the match cells carry the highlight.
    let theme = Theme::colour(false);
    let mut app = app();
    for &a in &actions {
        app.update(a);
    }
    app.update(Resize(80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    terminal.draw(|f| render(&app, &theme, f)).expect("draw");
    let buf = terminal.backend().buffer();
    let highlighted: String = (0..24u16)
        .flat_map(|y| (0..80u16).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == theme.highlight.bg.unwrap())
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert!(
        highlighted.to_lowercase().contains("pokrovsk"),
        "highlighted cells: {highlighted:?}"
    );
}

#[test]
fn search_hit_in_the_key_points() {
    // Searched from an item: the hit opens beside the overview, scrolled to it.
    let mut actions = vec![JumpSection(2), Open];
    actions.extend(typed("hardest issues"));
    actions.extend([Down, InputSubmit]);
    snap("search_hit_key_points", &actions);
}

#[test]
fn jump_palette() {
    let mut actions = vec![Palette];
    actions.extend("euro".chars().map(Input));
    snap("palette", &actions);
}

/// The three briefings of tests/fixtures/dossier as a library (Putin is
/// `putin` in two and `vladimir-putin`, `same_as` `putin`, in the third).
fn dossier_snap(name: &str, actions: &[Action]) {
    let dir = Path::new("tests/fixtures/dossier");
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = App::new(brief::open::directory(dir), true);
        for &a in actions {
            app.update(a);
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&mut app, w, h));
    }
}

#[test]
fn actors_across_the_library() {
    // `a` in the library: every actor once, with counts; the selected
    // one's dossier beside the list.
    dossier_snap("people", &[ActorIndex, Down, Down]);
}

#[test]
fn dossier() {
    // Putin (third by name), his quotes in full from all three files.
    dossier_snap("dossier_putin", &[ActorIndex, Down, Down, Open, Down, Down]);
    // Enter on his second quote: the item, in its briefing.
    dossier_snap(
        "dossier_jump",
        &[ActorIndex, Down, Down, Open, Down, Down, Open],
    );
}

#[test]
fn the_selected_dossier_row_is_highlighted_on_every_line_it_takes() {
    use ratatui::style::Modifier;
    let dir = Path::new("tests/fixtures/dossier");
    let mut app = App::new(brief::open::directory(dir), true);
    // Putin's dossier, his second quote (three lines at 80 columns) selected.
    for a in [ActorIndex, Down, Down, Open, Down, Down, Down, Down] {
        app.update(a);
    }
    app.update(Resize(80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    terminal
        .draw(|f| render(&app, &Theme::colour(false), f))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let reversed: Vec<String> = (0..23u16)
        .filter(|&y| buf[(79, y)].modifier.contains(Modifier::REVERSED))
        .map(|y| (0..80u16).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect();
    assert_eq!(reversed.len(), 4, "{reversed:#?}");
    assert!(
        reversed[0].contains("We are ready to keep talking"),
        "{reversed:#?}"
    );
    assert!(reversed[3].contains("After the meeting"), "{reversed:#?}");
}
