//! Carrying marks over from the key older versions stored a briefing under
//! (canonical path and title) to its own key (title and date).

use super::super::*;

/// Old state, as versions before stamps wrote it: `a` read, `a` and `b`
/// known, a view, no stamps.
fn old() -> BriefingState {
    let mut old = BriefingState {
        last_view: Some(Box::new(SavedView {
            kind: "section".into(),
            section: Some("s".into()),
            ..Default::default()
        })),
        ..Default::default()
    };
    old.read.insert("s/a".into(), 1);
    old.known.insert("s/a".into(), 1);
    old.known.insert("s/b".into(), 2);
    old
}

#[test]
fn the_keys_differ_and_name_the_briefing_not_the_path() {
    let new = briefing_key("Talks", "2025-12-02");
    assert_eq!(new, briefing_key("Talks", "2025-12-02"));
    assert_ne!(new, briefing_key("Talks", "2025-12-03"));
    assert_ne!(new, legacy_key("/x/talks.toml", "Talks"));
}

#[test]
fn old_marks_carry_over_once_and_the_old_key_stays() {
    let mut new = BriefingState::default();
    let took = new.adopt(&old());
    assert_eq!(new.read.get("s/a"), Some(&1));
    assert_eq!(new.known.len(), 2);
    assert_eq!(new.last_view, old().last_view);
    // Saved through the store: under the new key, the old one untouched.
    let dir = tempfile::tempdir().unwrap();
    let store = Store {
        path: dir.path().join("state.json"),
    };
    let mut on_disk = StateFile::default();
    on_disk.briefings.insert("old".into(), old());
    write_atomic(&store.path, &serde_json::to_vec(&on_disk).unwrap()).unwrap();
    let mut last_good = LastGood::from(&on_disk);
    let mut pending = Pending::default();
    pending.add("new".into(), took);
    store.save(&pending, &mut last_good).unwrap();
    let (file, _) = store.load();
    assert_eq!(file.briefings["old"], old());
    assert_eq!(file.briefings["new"].read, old().read);
    assert_eq!(file.briefings["new"].known, old().known);
    // The next start finds the marks under the new key: nothing to carry.
    let mut again = file.briefings["new"].clone();
    assert!(again.adopt(&file.briefings["old"]).is_empty());
    assert_eq!(again, file.briefings["new"]);
}

#[test]
fn a_change_under_the_new_key_wins_over_an_older_mark() {
    let mut new = BriefingState::default();
    new.apply(&Changes {
        items: [(
            "s/a".into(),
            ItemChange {
                read: None,
                stamp: 5,
            },
        )]
        .into(),
        view: Some(Box::new(SavedView {
            kind: "overview".into(),
            ..Default::default()
        })),
        ..Default::default()
    });
    // Unread at 5 beats read with no stamp; the newer view stays.
    assert!(new.clone().adopt(&old()).items.is_empty());
    let mut kept = new.clone();
    kept.adopt(&old());
    assert!(!kept.read.contains_key("s/a"));
    assert_eq!(kept.last_view.unwrap().kind, "overview");
    // A stamped read after it, under the old key, wins.
    let mut later = old();
    later.changed.insert("s/a".into(), 9);
    new.adopt(&later);
    assert_eq!(new.read.get("s/a"), Some(&1));
}
