//! Tests of read marks: lazy hashing, unread counts, shared keys.

use super::*;

fn ukraine() -> Briefing {
    let text = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");
    crate::model::load_str("u", text).expect("loads").briefing
}

fn hashed(marks: &Marks) -> usize {
    marks
        .items
        .iter()
        .flatten()
        .filter(|m| m.hash.get().is_some())
        .count()
}

#[test]
fn only_items_read_before_are_hashed_to_draw_their_marks() {
    let b = ukraine();
    let first = Marks::new(&b, "u".into(), None);
    let all = first.items.iter().flatten().count();
    // A first visit stores every item as known, with its hash.
    assert_eq!(hashed(&first), all);
    assert_eq!(first.state.known.len(), all);

    let mut stored = first.state.clone();
    let read = ItemRef {
        section: 1,
        item: 2,
    };
    let key = item_key(&b, read).expect("a key");
    stored.read.insert(key.clone(), stored.known[&key]);
    let later = Marks::new(&b, "u".into(), Some(&stored));
    let marks: Vec<Mark> = later.all_refs().map(|at| later.mark(&b, at)).collect();
    assert_eq!(marks.iter().filter(|&&m| m == Mark::Read).count(), 1);
    assert_eq!(later.mark(&b, read), Mark::Read);
    assert_eq!(hashed(&later), 1, "only the read item needed its hash");

    // The same item changed since: still one hash, now "updated".
    stored.read.insert(key, 0);
    let changed = Marks::new(&b, "u".into(), Some(&stored));
    assert_eq!(changed.mark(&b, read), Mark::Updated);
    assert_eq!(hashed(&changed), 1);
}

#[test]
fn unread_counts_follow_marks_made_after_they_were_counted() {
    let b = ukraine();
    let mut marks = Marks::new(&b, "u".into(), None);
    let total = marks.unread_total(&b);
    let section = 1;
    let before = marks.unread_in(&b, section);
    assert!(before > 1);
    let at = ItemRef { section, item: 0 };
    marks.set_read(&b, at, true);
    assert_eq!(marks.unread_in(&b, section), before - 1);
    assert_eq!(marks.unread_total(&b), total - 1);
    marks.set_read(&b, at, false);
    assert_eq!(marks.unread_in(&b, section), before);
    marks.rehash(&b);
    assert_eq!(marks.unread_total(&b), total);
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
    let b = crate::model::load_str("k", text).expect("loads").briefing;
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
    assert_eq!(item_key(&b, x), item_key(&b, y));
    let mut marks = Marks::new(&b, "k".into(), None);
    assert_eq!(marks.unread_in(&b, 1), 1);
    marks.set_read(&b, x, true);
    // What the stored maps say about `y` once reloaded, it says now.
    let reloaded = Marks::new(&b, "k".into(), Some(&marks.state));
    assert_eq!(marks.mark(&b, y), reloaded.mark(&b, y));
    assert_eq!(marks.unread_in(&b, 1), reloaded.unread_in(&b, 1));
}
