//! App state tests: search and the palette, read marks, live reload.

use super::*;
use crate::model::Date;

#[test]
fn search_types_opens_and_steps_through_hits() {
    let mut b = sample();
    b.sections[0].items[1].body = Some("Fighting near Pokrovsk.".into());
    b.sections[1].items[0].body = Some("Pokrovsk again.".into());
    let mut app = app_with(b);
    run(&mut app, &[Action::Search]);
    assert!(app.search.typing);
    // 'q' types while the prompt is open; it does not quit.
    type_text(&mut app, "q");
    assert!(!app.should_quit);
    run(&mut app, &[Action::InputBackspace]);
    type_text(&mut app, "POKROVSK");
    assert_eq!(app.search.hits.len(), 2);
    run(&mut app, &[Action::Down, Action::InputSubmit]);
    assert!(!app.search.typing);
    assert_top_item(&app, 1, 0);
    run(&mut app, &[Action::SearchNext]);
    assert_top_item(&app, 0, 1);
    run(&mut app, &[Action::SearchPrev]);
    assert!(matches!(
        app.top(),
        View::Item {
            at: ItemRef {
                section: 1,
                item: 0
            },
            ..
        }
    ));
    // n/N replace the hit view rather than piling up: Back leads out.
    run(&mut app, &[Action::Back, Action::Back]);
    assert!(matches!(app.top(), View::Overview(_)), "{:?}", app.stack);
}

#[test]
fn search_cancel_restores_the_view() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Down, Action::Open, Action::Search]);
    type_text(&mut app, "meeting");
    assert_eq!(app.search.hits.len(), 1);
    run(&mut app, &[Action::InputCancel]);
    assert!(matches!(app.top(), View::Section { section: 0, .. }));
    assert!(app.search.query.is_empty());
    run(&mut app, &[Action::SearchNext]);
    assert_eq!(app.message.as_deref(), Some("no search: press / first"));
}

#[test]
fn enter_with_no_hits_keeps_the_prompt_open() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "meetingx");
    assert!(app.search.hits.is_empty());
    run(&mut app, &[Action::InputSubmit]);
    assert!(app.search.typing, "Enter on no hits left the prompt");
    assert_eq!(app.search.note, Some("no hits"));
    // Typing goes on: mend the query, and Enter opens the hit.
    run(&mut app, &[Action::InputBackspace]);
    assert_eq!(app.search.note, None, "a key clears the note");
    run(&mut app, &[Action::InputSubmit]);
    assert!(!app.search.typing);
    assert_top_item(&app, 0, 0);
}

#[test]
fn palette_fuzzy_jumps_to_a_title() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Palette]);
    // Empty input lists everything: briefing, 3 sections, 3 items, 2 actors.
    assert_eq!(app.search.hits.len(), 9);
    type_text(&mut app, "outcm");
    assert!(!app.search.hits.is_empty());
    run(&mut app, &[Action::InputSubmit]);
    assert_top_item(&app, 0, 1);
    run(&mut app, &[Action::Palette]);
    type_text(&mut app, "trump");
    run(&mut app, &[Action::InputSubmit]);
    assert!(
        matches!(app.top(), View::Actor { actor: 1, .. }),
        "{:?}",
        app.top()
    );
}

pub(super) fn app_with_state(b: Briefing, file: &crate::state::StateFile) -> App {
    let mut app = app_with(b);
    app.attach_state(file);
    app
}

#[test]
fn items_start_unread_and_opening_marks_them_read() {
    use super::read::Mark;
    let mut app = app_with_state(sample(), &Default::default());
    let first = ItemRef {
        section: 0,
        item: 0,
    };
    assert_eq!(app.marks().unwrap().mark(first), Mark::Unread);
    assert_eq!(app.marks().unwrap().unread_total(), 3);
    run(&mut app, &[Action::Down, Action::Open, Action::Open]);
    assert_eq!(app.marks().unwrap().mark(first), Mark::Read);
    run(&mut app, &[Action::ToggleRead]);
    assert_eq!(app.marks().unwrap().mark(first), Mark::Unread);
    assert_eq!(app.message.as_deref(), Some("marked unread"));
}

#[test]
fn changed_and_new_items_are_marked_on_the_next_visit() {
    use super::read::Mark;
    let mut app = app_with_state(sample(), &Default::default());
    run(
        &mut app,
        &[Action::Down, Action::Open, Action::Open, Action::NextItem],
    );
    let changes = app.take_changes();
    let mut file = crate::state::StateFile::default();
    file.briefings
        .entry(changes[0].0.clone())
        .or_default()
        .apply(&changes[0].1);
    // The file changes: the first item is edited, an item is added.
    let mut b = sample();
    b.sections[0].items[0].body = Some("Edited.".into());
    let mut added = b.sections[0].items[1].clone();
    added.id = "added".into();
    b.sections[0].items.push(added);
    let app = app_with_state(b.clone(), &file);
    let marks = app.marks().unwrap();
    assert_eq!(
        marks.mark(ItemRef {
            section: 0,
            item: 0
        }),
        Mark::Updated
    );
    assert_eq!(
        marks.mark(ItemRef {
            section: 0,
            item: 1
        }),
        Mark::Read
    );
    assert_eq!(
        marks.mark(ItemRef {
            section: 0,
            item: 2
        }),
        Mark::New
    );
    assert_eq!(
        marks.mark(ItemRef {
            section: 1,
            item: 0
        }),
        Mark::Unread
    );
    // And it reopens where the reader left: the second talks item.
    assert_top_item(&app, 0, 1);
}

/// The view a reader reopens at is no new arrival: `u` there marks the item
/// unread and the next key does not mark it read again (before, it did, and
/// the unread mark was lost), nor does reopening at an item left unread.
#[test]
fn u_on_the_item_a_reader_reopens_at_sticks() {
    use super::read::Mark;
    let mut app = app_with_state(sample(), &Default::default());
    run(&mut app, &[Action::Down, Action::Open, Action::Open]);
    let mut file = crate::state::StateFile::default();
    for (key, changes) in app.take_changes() {
        file.briefings.entry(key).or_default().apply(&changes);
    }
    let at = ItemRef {
        section: 0,
        item: 0,
    };
    let mut app = app_with_state(sample(), &file);
    assert_top_item(&app, 0, 0);
    assert_eq!(app.marks().unwrap().mark(at), Mark::Read);
    run(&mut app, &[Action::ToggleRead, Action::Down]);
    assert_eq!(app.marks().unwrap().mark(at), Mark::Unread);
    for (key, changes) in app.take_changes() {
        file.briefings.entry(key).or_default().apply(&changes);
    }
    let mut app = app_with_state(sample(), &file);
    run(&mut app, &[Action::Down]);
    assert_eq!(app.marks().unwrap().mark(at), Mark::Unread);
}

pub(super) fn loaded(b: Briefing) -> Result<Loaded, Report> {
    Ok(Loaded::new(b, Report::default()))
}

#[test]
fn reload_keeps_the_view_by_id_when_items_move() {
    let mut app = app_with(sample());
    run(
        &mut app,
        &[Action::Down, Action::Open, Action::Down, Action::Open],
    );
    let mut b = sample();
    b.sections[0].items.swap(0, 1);
    app.apply_reload(0, loaded(b));
    assert_top_item(&app, 0, 0);
    assert!(matches!(&app.stack[1], View::Section { list, .. } if list.selected == 0));
}

#[test]
fn reload_picks_the_nearest_neighbour_of_a_removed_item() {
    let mut app = app_with(sample());
    run(
        &mut app,
        &[Action::Down, Action::Open, Action::Down, Action::Open],
    );
    let mut b = sample();
    b.sections[0].items.remove(1);
    app.apply_reload(0, loaded(b));
    assert_top_item(&app, 0, 0);
}

#[test]
fn a_failed_reload_keeps_the_last_good_version_under_a_banner() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Down, Action::Open]);
    let report = Report {
        path: "sample.toml".into(),
        ..Default::default()
    };
    app.apply_reload(0, Err(report));
    assert!(app.banner().is_some());
    assert_eq!(app.briefing().unwrap().title, "Sample");
    assert!(matches!(app.top(), View::Section { section: 0, .. }));
    run(&mut app, &[Action::ShowErrors]);
    assert_eq!(app.overlays.errors, Some(0));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.overlays.errors, None);
    let mut b = sample();
    b.title = "Sample, revised".into();
    app.apply_reload(0, loaded(b));
    assert!(app.banner().is_none());
    assert_eq!(app.briefing().unwrap().title, "Sample, revised");
}

#[test]
fn library_search_covers_every_briefing_and_opens_the_right_one() {
    let mut other = sample();
    other.title = "Other".into();
    other.date = Date {
        year: 2026,
        month: 1,
        day: 1,
        text: "2026-01-01".into(),
    };
    other.sections[0].items[0].title = "Unique needle".into();
    let entries = vec![
        Entry::new("a.toml", Ok(Loaded::new(sample(), Report::default()))),
        Entry::new("b.toml", Ok(Loaded::new(other, Report::default()))),
    ];
    let mut app = App::new(entries, true);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "meeting");
    // "Meeting" is an item in the sample only; "Other" renamed it.
    assert_eq!(app.search.hits.iter().filter(|h| h.entry == 1).count(), 1);
    app.update(Action::InputCancel);
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "needle");
    assert_eq!(app.search.hits.len(), 1);
    run(&mut app, &[Action::InputSubmit]);
    assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("Other"));
    assert!(matches!(
        app.top(),
        View::Item {
            at: ItemRef {
                section: 0,
                item: 0
            },
            ..
        }
    ));
    // Back leads to the library through the briefing's views.
    run(&mut app, &[Action::Back, Action::Back, Action::Back]);
    assert!(matches!(app.top(), View::Library(_)), "{:?}", app.stack);
}

#[test]
fn a_live_reload_marks_a_read_item_as_updated() {
    use super::read::Mark;
    let mut app = app_with_state(sample(), &Default::default());
    run(
        &mut app,
        &[Action::Down, Action::Open, Action::Open, Action::Back],
    );
    let at = ItemRef {
        section: 0,
        item: 0,
    };
    let mut b = sample();
    b.sections[0].items[0].body = Some("Changed while open.".into());
    app.apply_reload(0, loaded(b.clone()));
    assert_eq!(app.marks().unwrap().mark(at), Mark::Updated);
}

/// Item 15 of issue 15 with the app's own marks and the real store: A marks
/// two items read and saves; B opens and idles; C marks one unread; B marks
/// the third read and saves. B saved only the key it changed, so C's change
/// stands.
#[test]
fn readers_save_only_what_they_changed_and_undo_nothing() {
    use crate::state::{LastGood, Pending, Store};
    use std::collections::BTreeSet;
    let dir = tempfile::tempdir().unwrap();
    let store = Store {
        path: dir.path().join("state.json"),
    };
    let open = || {
        let (file, _) = store.load();
        (app_with_state(sample(), &file), LastGood::from(&file))
    };
    let save = |app: &mut App, last_good: &mut LastGood| {
        let mut pending = Pending::default();
        for (key, changes) in app.take_changes() {
            pending.add(key, changes);
        }
        store.save(&pending, last_good).unwrap();
    };
    let b = sample();
    let mark = |app: &mut App, section, item, read| {
        let marks = app.read.marks[0].as_mut().unwrap();
        marks.set_read(ItemRef { section, item }, read);
    };
    let (mut a, mut a_file) = open();
    mark(&mut a, 0, 0, true);
    mark(&mut a, 0, 1, true);
    save(&mut a, &mut a_file);
    let (mut idle, mut idle_file) = open();
    save(&mut idle, &mut idle_file);
    let (mut c, mut c_file) = open();
    mark(&mut c, 0, 0, false);
    save(&mut c, &mut c_file);
    mark(&mut idle, 1, 0, true);
    save(&mut idle, &mut idle_file);
    let key = |section, item| super::read::item_key(&b, ItemRef { section, item }).unwrap();
    let file = store.load().0;
    let read: BTreeSet<&String> = file
        .briefings
        .values()
        .flat_map(|s| s.read.keys())
        .collect();
    assert_eq!(read, [&key(0, 1), &key(1, 0)].into());
}

#[test]
fn the_digest_follows_the_last_good_version() {
    let mut app = app_with(sample());
    let mut b = sample();
    b.title = "Renamed".into();
    app.apply_reload(0, loaded(b));
    assert_eq!(&*app.entries[0].digest().unwrap().title, "Renamed");
    // A version that does not load leaves the last good one, digest too.
    let broken = crate::model::load_str("x", "[briefing]\ntitle = 1\n");
    app.apply_reload(0, broken);
    assert!(app.entries[0].banner.is_some());
    assert_eq!(&*app.entries[0].digest().unwrap().title, "Renamed");
}
