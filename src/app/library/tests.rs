//! The library's order under live changes, and its flag for failed reloads.

use super::*;
use crate::app::{Action, ListPos};
use crate::model::{Diagnostic, Loaded, Report, load_str};

fn briefing(title: &str, date: &str) -> Result<Loaded, Report> {
    let text = format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"s\"\n\n\
         [[section]]\ntitle = \"S\"\n\n[[section.item]]\ntitle = \"I\"\n"
    );
    load_str(title, &text)
}

pub(crate) fn library() -> App {
    let entries = vec![
        Entry::new("old.toml", briefing("Old", "2025-01-01")),
        Entry::new("mid.toml", briefing("Mid", "2025-06-01")),
    ];
    App::new(entries, true)
}

/// Adds a file that does not load (it lists last) and selects it.
fn select_a_new_broken_file(app: &mut App) {
    let index = app.entries.len();
    let broken = load_str("broken", "[briefing]\ntitle = 1\n");
    app.add_entry(index, "broken.toml".into(), broken);
    app.update(Action::Bottom);
}

fn titles(app: &App) -> Vec<String> {
    let order = app.library_order();
    let title = |i: usize| {
        app.entries[i]
            .briefing()
            .map_or("-".into(), |b| b.title.clone())
    };
    order.iter().copied().map(title).collect()
}

fn selected(app: &App) -> usize {
    match app.top() {
        View::Library(ListPos { selected, .. }) => *selected,
        other => panic!("not the library: {other:?}"),
    }
}

#[test]
fn a_new_briefing_takes_its_place_and_the_selection_stays_on_its_briefing() {
    let mut app = library();
    assert_eq!(titles(&app), ["Mid", "Old"]);
    app.update(Action::Down);
    assert_eq!(selected(&app), 1);
    // A newer file appears: it lists first, not last, and "Old" stays selected.
    app.add_entry(2, "new.toml".into(), briefing("New", "2026-01-15"));
    assert_eq!(titles(&app), ["New", "Mid", "Old"]);
    assert_eq!(selected(&app), 2);
    // A broken new file goes last.
    let mut report = Report::default();
    report
        .diagnostics
        .push(Diagnostic::error("toml-syntax", "bad", None));
    app.add_entry(3, "broken.toml".into(), Err(report));
    assert_eq!(titles(&app), ["New", "Mid", "Old", "-"]);
    // Opening the selected row opens the selected briefing.
    app.update(Action::Open);
    assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("Old"));
}

#[test]
fn a_reloaded_briefing_moves_to_its_new_place() {
    let mut app = library();
    app.update(Action::Down);
    // "Old" is edited to a newer date: it moves up, still selected.
    let old = app.entries.iter().position(|e| e.label == "old.toml");
    app.apply_reload(old.expect("old"), briefing("Old", "2026-02-01"));
    assert_eq!(titles(&app), ["Old", "Mid"]);
    assert_eq!(selected(&app), 0);
}

#[test]
fn a_failed_reload_is_flagged_in_the_list() {
    let mut app = library();
    assert!(!crate::app::library::has_reload_errors(&app.entries[0]));
    app.apply_reload(0, load_str("mid", "[briefing]\ntitle = 1\n"));
    // The last good version is kept, and flagged.
    assert!(app.entries[0].briefing().is_some());
    assert!(has_reload_errors(&app.entries[0]));
    assert_eq!(app.failed_count(), 1);
}

#[test]
fn a_file_that_does_not_load_opens_as_its_errors() {
    let mut app = library();
    select_a_new_broken_file(&mut app);
    let (report, title) = app.errors_report().expect("the selected file's errors");
    assert!(title.contains("Errors"));
    assert!(report.errors() > 0);
    app.update(Action::Open);
    assert_eq!(app.overlays.errors, Some(0), "Enter lists the errors");
    assert!(matches!(app.top(), View::Library(_)));
    app.update(Action::Back);
    assert_eq!(app.overlays.errors, None);
    app.update(Action::ShowErrors);
    assert_eq!(app.overlays.errors, Some(0), "so does e");
    // On a briefing that loads, there is nothing to show.
    app.update(Action::Back);
    app.update(Action::Top);
    assert!(app.errors_report().is_none());
}

#[test]
fn e_on_a_flagged_row_lists_its_failed_reload() {
    let mut app = library();
    app.apply_reload(0, load_str("mid", "[briefing]\ntitle = 1\n"));
    // Row 0 is entry 0 ("Mid", the newest): flagged.
    app.update(Action::ShowErrors);
    assert_eq!(app.overlays.errors, Some(0));
    let (report, title) = app.errors_report().expect("the failed reload");
    assert!(title.contains("Reload errors"), "{title}");
    assert!(report.errors() > 0);
}

#[test]
fn the_overlay_goes_with_its_errors_and_keys_work_again() {
    let mut app = library();
    select_a_new_broken_file(&mut app);
    app.update(Action::Open);
    assert_eq!(app.overlays.errors, Some(0));
    // The file is mended on disk while the overlay is open.
    app.apply_reload(2, briefing("Mended", "2024-01-01"));
    app.update(Action::Up);
    assert_eq!(app.overlays.errors, None);
    assert_eq!(selected(&app), 1, "the key moved the selection");
}
