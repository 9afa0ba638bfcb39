//! The index points back into the briefing: every field's text resolves, and
//! folds to exactly what was indexed.

use super::*;
use crate::model::fixture::sample;
use crate::search::fold::fold;

fn ukraine() -> Briefing {
    let text = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");
    crate::model::load_str("u", text).expect("loads").briefing
}

#[test]
fn every_field_resolves_to_the_text_it_indexed() {
    let b = ukraine();
    let index = Index::build(&b);
    assert!(index.fields.len() > 100, "{} fields", index.fields.len());
    for (i, field) in index.fields.iter().enumerate() {
        let text = index.text(&b, i).expect("resolves");
        assert!(!text.is_empty(), "{field:?}");
        assert_eq!(index.folded(field), fold(text), "{field:?}");
    }
    // Every target is a record, in reading order: header, sections, items, actors, sources.
    let expected = 1 + b.sections.len() + b.items().count() + b.actors.len() + b.sources.len();
    assert_eq!(index.records.len(), expected);
}

#[test]
fn the_folded_text_is_stored_once() {
    let b = ukraine();
    let index = Index::build(&b);
    let folded: usize = index.fields.iter().map(|f| index.folded(f).len()).sum();
    assert_eq!(index.folded.len(), folded, "no text but the folded fields");
    // Actor names are linked, not repeated in every item that names them.
    let putin = b.actors.iter().position(|a| a.id == "putin").unwrap();
    let name = fold(&b.actors[putin].name);
    let copies = index
        .fields
        .iter()
        .filter(|f| index.folded(f) == name)
        .count();
    assert_eq!(copies, 1);
}

#[test]
fn labels_name_the_field_or_the_actor_matched() {
    let mut b = sample();
    b.sections[0].items[0].body = Some("Talks in Kyiv.".into());
    let index = Index::build(&b);
    let hits = index.search(&Query::parse("kyiv"));
    assert_eq!(index.label(&b, hits[0]), "body");
    assert_eq!(index.text(&b, hits[0].field), Some("Talks in Kyiv."));
    let actor_name = fold(&b.actors[0].name);
    let hits = index.search(&Query::parse(&actor_name));
    let item_hit = hits
        .iter()
        .find(|h| matches!(index.records[h.record].target, Target::Item(_)))
        .expect("an item naming the actor");
    assert_eq!(index.label(&b, *item_hit), "actor");
    assert_eq!(
        index.text(&b, item_hit.field),
        Some(b.actors[0].name.as_str())
    );
}
