//! Tests of read marks: lazy hashing, unread counts, shared keys, marks
//! carried across versions.

use super::*;
use crate::model::Loaded;
use crate::state::BriefingState;
use std::sync::Arc;

const UKRAINE: &str = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");

/// A version of its own (nothing hashed yet) of `text`.
fn version(text: &str) -> Arc<Loaded> {
    Arc::new(crate::model::load_str("u", text).expect("loads"))
}

/// What a save of `marks`' pending changes would store for a new file.
fn stored(marks: &Marks) -> BriefingState {
    let mut state = BriefingState::default();
    state.apply(&marks.pending);
    state
}

#[test]
fn only_items_read_before_are_hashed_to_draw_their_marks() {
    let first = Marks::new(&version(UKRAINE), "u".into(), None);
    let all = first.all_refs().count();
    // A first visit stores every item as known, with its hash.
    assert_eq!(first.hashed(), all);
    assert_eq!(first.pending.known.len(), all);

    let mut stored = stored(&first);
    let b = version(UKRAINE);
    let read = ItemRef {
        section: 1,
        item: 2,
    };
    let key = item_key(&b.briefing, read).expect("a key");
    stored.read.insert(key.clone(), stored.known[&key]);
    let later = Marks::new(&b, "u".into(), Some(&stored));
    let marks: Vec<Mark> = later.all_refs().map(|at| later.mark(at)).collect();
    assert_eq!(marks.iter().filter(|&&m| m == Mark::Read).count(), 1);
    assert_eq!(later.mark(read), Mark::Read);
    assert_eq!(later.hashed(), 1, "only the read item needed its hash");

    // The same item changed since: still one hash, now "updated".
    stored.read.insert(key, 0);
    let changed = Marks::new(&version(UKRAINE), "u".into(), Some(&stored));
    assert_eq!(changed.mark(read), Mark::Updated);
    assert_eq!(changed.hashed(), 1);
}

#[test]
fn readers_of_one_version_share_its_keys_and_hashes() {
    let b = version(UKRAINE);
    let alice = Marks::new(&b, "u".into(), Some(&BriefingState::default()));
    assert_eq!(alice.hashed(), 0);
    let mut bob = Marks::new(&b, "u".into(), Some(&BriefingState::default()));
    let at = ItemRef {
        section: 0,
        item: 1,
    };
    bob.set_read(at, true);
    // Bob's read hashed the item once, for the version: Alice sees it made.
    assert_eq!(alice.hashed(), 1);
    assert_eq!((alice.mark(at), bob.mark(at)), (Mark::New, Mark::Read));
}

#[test]
fn unread_counts_follow_marks_made_after_they_were_counted() {
    let mut marks = Marks::new(&version(UKRAINE), "u".into(), None);
    let total = marks.unread_total();
    let section = 1;
    let before = marks.unread_in(section);
    assert!(before > 1);
    let at = ItemRef { section, item: 0 };
    marks.set_read(at, true);
    assert_eq!(marks.unread_in(section), before - 1);
    assert_eq!(marks.unread_total(), total - 1);
    marks.set_read(at, false);
    assert_eq!(marks.unread_in(section), before);
    marks.rehash(&version(UKRAINE));
    assert_eq!(marks.unread_total(), total);
}

/// A briefing of one section `section` holding items `items`.
fn briefing(section: &str, items: &[&str]) -> String {
    let mut text = format!(
        "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\n\n[[section]]\nid = \"{section}\"\ntitle = \"S\"\n"
    );
    for id in items {
        text += &format!("\n[[section.item]]\nid = \"{id}\"\ntitle = \"Item {id}\"\n");
    }
    text
}

/// An edit that removes a read item, then one that brings it back: the
/// item comes back read, as the stored maps (which keep its key) say.
#[test]
fn marks_of_an_item_an_edit_removed_come_back_with_it() {
    let at = |item| ItemRef { section: 0, item };
    let mut marks = Marks::new(&version(&briefing("s", &["x", "y"])), "k".into(), None);
    marks.set_read(at(0), true);
    marks.rehash(&version(&briefing("s", &["y"])));
    assert_eq!(marks.mark(at(0)), Mark::Unread, "y");
    marks.rehash(&version(&briefing("s", &["x", "y", "z"])));
    assert_eq!(marks.mark(at(0)), Mark::Read, "x is back, read");
    assert_eq!(marks.mark(at(1)), Mark::Unread, "y");
    assert_eq!(marks.mark(at(2)), Mark::New, "z");

    // Stored keys the version lacks are kept until it has them again.
    let mut kept = stored(&marks);
    kept.read.insert("s/w".into(), 7);
    kept.known.insert("s/w".into(), 7);
    let mut later = Marks::new(&version(&briefing("s", &["x"])), "k".into(), Some(&kept));
    assert_eq!(later.mark(at(0)), Mark::Read, "x");
    later.rehash(&version(&briefing("s", &["w", "x"])));
    assert_eq!(
        later.mark(at(0)),
        Mark::Updated,
        "w, read with another hash"
    );
    assert_eq!(later.mark(at(1)), Mark::Read, "x");
}

#[test]
fn items_that_share_a_key_share_their_marks() {
    // `a` + `b/c` and `a/b` + `c` both make the key `a/b/c`.
    let text = r#"
[briefing]
title = "Keys"
date = 2025-12-02

[[section]]
id = "a"
title = "A"

[[section.item]]
id = "b/c"
title = "X"

[[section]]
id = "a/b"
title = "AB"

[[section.item]]
id = "c"
title = "Y"
"#;
    let b = version(text);
    let (x, y) = (
        ItemRef {
            section: 0,
            item: 0,
        },
        ItemRef {
            section: 1,
            item: 0,
        },
    );
    assert_eq!(item_key(&b.briefing, x), item_key(&b.briefing, y));
    let mut marks = Marks::new(&b, "k".into(), None);
    assert_eq!(marks.unread_in(1), 1);
    marks.set_read(x, true);
    // What the stored maps say about `y` once reloaded, it says now.
    let reloaded = Marks::new(&b, "k".into(), Some(&stored(&marks)));
    assert_eq!(marks.mark(y), reloaded.mark(y));
    assert_eq!(marks.unread_in(1), reloaded.unread_in(1));
}

#[test]
fn marks_let_their_version_go_and_keep_every_mark() {
    let v = version(UKRAINE);
    let stored_state = {
        let mut first = Marks::new(&v, "u".into(), None);
        let at = first.all_refs().nth(1).expect("an item");
        first.set_read(at, true);
        stored(&first)
    };
    // A later visit: only the read item needs its hash to draw its mark.
    let v = version(UKRAINE);
    let mut marks = Marks::new(&v, "u".into(), Some(&stored_state));
    let shown = |m: &Marks| m.all_refs().map(|at| m.mark(at)).collect::<Vec<_>>();
    let (before, unread) = (shown(&marks), marks.unread_total());
    assert_eq!(before.iter().filter(|m| **m == Mark::Read).count(), 1);
    marks.let_go();
    // Nothing but this test holds the version: the briefing can be freed.
    assert_eq!(Arc::strong_count(&v), 1);
    assert_eq!(shown(&marks), before);
    assert_eq!(marks.unread_total(), unread);
    // Marking goes on without it.
    let at = marks.all_refs().next().expect("an item");
    marks.set_read(at, true);
    assert_eq!(marks.mark(at), Mark::Read);
}

#[test]
fn marks_from_a_cards_items_are_the_marks_of_the_version() {
    let v = version(UKRAINE);
    let mut first = Marks::new(&v, "u".into(), None);
    let at = first.all_refs().nth(2).expect("an item");
    first.set_read(at, true);
    let stored_state = stored(&first);
    let ids = v.ids();
    let mut items: Vec<Vec<(String, u64)>> = Vec::new();
    for i in 0..ids.len() {
        let at = ids.at(i);
        items.resize_with(at.section + 1, Vec::new);
        items[at.section].push((ids.key(i).to_string(), v.item_hash(i).expect("hash")));
    }
    let from_version = Marks::new(&v, "u".into(), Some(&stored_state));
    let from_items = Marks::from_items(&items, "u".into(), Some(&stored_state));
    let shown = |m: &Marks| m.all_refs().map(|at| m.mark(at)).collect::<Vec<_>>();
    assert_eq!(shown(&from_items), shown(&from_version));
    assert_eq!(from_items.unread_total(), from_version.unread_total());
}
