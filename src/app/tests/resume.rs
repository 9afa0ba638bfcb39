//! The first screen and where the reader left off, at the app's level: a
//! library of one opens its briefing; marks keyed by the briefing, carried
//! over from the old path keys; the last briefing, view and scroll restored.

use super::state::{app_with_state, loaded};
use super::*;
use crate::state::StateFile;

fn entry(label: &str, b: Briefing) -> Entry {
    Entry::new(label, loaded(b))
}

fn other() -> Briefing {
    let mut b = sample();
    b.title = "Another briefing".into();
    b
}

/// Applies what `app` would save to `file`.
fn save(app: &mut App, file: &mut StateFile, last: bool) {
    let changes = if last {
        app.take_final_changes()
    } else {
        app.take_changes()
    };
    for (key, changes) in changes {
        file.briefings.entry(key).or_default().apply(&changes);
    }
}

#[test]
fn a_library_of_one_opens_its_briefing_one_back_from_the_library() {
    let mut app = App::new(vec![entry("a.toml", sample())], true);
    assert!(matches!(
        app.stack[..],
        [View::Library(_), View::Overview(_)]
    ));
    assert!(app.briefing().is_some());
    run(&mut app, &[Action::Back]);
    assert!(matches!(app.stack[..], [View::Library(_)]));
    let two = vec![entry("a.toml", sample()), entry("b.toml", other())];
    assert!(matches!(App::new(two, true).stack[..], [View::Library(_)]));
}

#[test]
fn every_copy_of_a_briefing_has_one_key() {
    let bundled = entry("bundled:talks.toml", sample());
    let on_disk = entry("/somewhere/else/talks.toml", sample());
    assert_eq!(read::entry_key(&bundled), read::entry_key(&on_disk));
    assert_ne!(
        read::entry_key(&bundled),
        read::entry_key(&entry("x.toml", other()))
    );
}

/// Marks stored under the old key (path and title) show, and the next save
/// writes them under the new key, leaving the old one.
#[test]
fn marks_under_the_old_key_carry_over_to_the_new_one() {
    use super::read::Mark;
    let mut app = app_with_state(sample(), &Default::default());
    run(&mut app, &[Action::Down, Action::Open, Action::Open]);
    let mut saved = StateFile::default();
    save(&mut app, &mut saved, false);
    let (new_key, state) = saved.briefings.pop_first().unwrap();
    let old_key = read::entry_legacy_key(&app.entries[0]).unwrap();
    assert_ne!(old_key, new_key);
    let mut file = StateFile::default();
    file.briefings.insert(old_key.clone(), state.clone());
    let mut app = app_with_state(sample(), &file);
    let at = ItemRef {
        section: 0,
        item: 0,
    };
    assert_eq!(app.marks().unwrap().mark(at), Mark::Read);
    assert_top_item(&app, 0, 0);
    save(&mut app, &mut file, false);
    assert_eq!(file.briefings[&new_key].read, state.read);
    assert_eq!(file.briefings[&old_key], state);
}

#[test]
fn a_library_reopens_the_briefing_read_last() {
    let library = || vec![entry("a.toml", sample()), entry("b.toml", other())];
    let mut file = StateFile::default();
    let mut app = App::new(library(), true);
    app.attach_state(&file);
    let other_row = app.library_order().iter().position(|&e| e == 1).unwrap();
    run(&mut app, &[Action::Down; 1][..other_row]);
    run(&mut app, &[Action::Open, Action::Down, Action::Open]);
    save(&mut app, &mut file, false);
    let mut app = App::new(library(), true);
    app.attach_state(&file);
    assert_eq!(app.current, 1);
    assert!(matches!(app.top(), View::Section { section: 0, .. }));
    run(&mut app, &[Action::Back, Action::Back]);
    assert!(matches!(app.top(), View::Library(list) if list.selected == other_row));
}

/// The scroll position is saved at exit (not on every row scrolled) and
/// comes back; so does the summary's.
#[test]
fn the_scroll_position_comes_back() {
    let mut file = StateFile::default();
    let mut app = app_with_state(sample(), &file);
    run(&mut app, &[Action::Down, Action::Open, Action::Open]);
    save(&mut app, &mut file, false);
    run(&mut app, &[Action::Down; 3]);
    assert!(
        app.take_changes().is_empty(),
        "a scroll alone waits for exit"
    );
    save(&mut app, &mut file, true);
    let mut app = app_with_state(sample(), &file);
    assert_top_item(&app, 0, 0);
    assert_eq!(app.top().scroll().map(|s| s.get()), Some(3));
    run(
        &mut app,
        &[Action::Back, Action::Back, Action::Top, Action::Open],
    );
    run(&mut app, &[Action::Down; 2]);
    save(&mut app, &mut file, true);
    let app = app_with_state(sample(), &file);
    assert!(matches!(app.top(), View::Summary { scroll } if scroll.get() == 2));
}
