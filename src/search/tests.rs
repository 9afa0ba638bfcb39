//! Matcher tests: case, accents, AND, phrases, aliases.

use super::*;
use crate::model::fixture::sample;

#[test]
fn parses_words_and_phrases() {
    assert_eq!(
        Query::parse("  Kyiv  \"Security Guarantees\" x").terms,
        vec!["kyiv", "security guarantees", "x"]
    );
    assert_eq!(
        Query::parse("\"unclosed phrase").terms,
        vec!["unclosed phrase"]
    );
    assert!(Query::parse("   \"\"  ").is_empty());
}

fn targets(index: &Index, q: &str) -> Vec<Target> {
    index
        .search(&Query::parse(q))
        .iter()
        .map(|h| index.records[h.record].target)
        .collect()
}

#[test]
fn matching_is_case_and_accent_insensitive() {
    let mut b = sample();
    b.sections[0].items[0].body = Some("Talks in Kyiv with Herr Müller.".into());
    let index = Index::build(&b);
    let meeting = Target::Item(ItemRef {
        section: 0,
        item: 0,
    });
    assert_eq!(targets(&index, "kyiv"), vec![meeting]);
    assert_eq!(targets(&index, "KYIV"), vec![meeting]);
    assert_eq!(targets(&index, "muller"), vec![meeting]);
    assert_eq!(targets(&index, "müller"), vec![meeting]);
}

#[test]
fn all_words_must_match_but_may_be_in_different_fields() {
    let mut b = sample();
    b.sections[0].items[0].body = Some("Talks in Kyiv.".into());
    let index = Index::build(&b);
    let meeting = Target::Item(ItemRef {
        section: 0,
        item: 0,
    });
    // "kyiv" is in the body, "putin" is a named actor of the item.
    assert_eq!(targets(&index, "kyiv putin"), vec![meeting]);
    assert!(targets(&index, "kyiv nowhere").is_empty());
}

#[test]
fn phrases_match_only_as_written() {
    let mut b = sample();
    b.sections[0].items[0].body = Some("no simple solutions".into());
    b.sections[0].items[1].body = Some("solutions are not simple".into());
    let index = Index::build(&b);
    assert_eq!(
        targets(&index, "\"simple solutions\""),
        vec![Target::Item(ItemRef {
            section: 0,
            item: 0
        })]
    );
    assert_eq!(targets(&index, "simple solutions").len(), 2);
}

#[test]
fn aliases_find_the_actor_and_the_items_naming_them() {
    let mut b = sample();
    b.actors[0].aliases = vec!["Vladimir Vladimirovich".into()];
    let index = Index::build(&b);
    let found = targets(&index, "vladimirovich");
    assert!(found.contains(&Target::Actor(0)), "{found:?}");
    assert!(
        found.contains(&Target::Item(ItemRef {
            section: 0,
            item: 0
        })),
        "{found:?}"
    );
}

#[test]
fn first_match_is_a_range_of_the_original_text() {
    let text = "Meeting with MÜLLER in Kyiv";
    let q = Query::parse("muller");
    let r = first_match(text, &q).unwrap();
    assert_eq!(&text[r], "MÜLLER");
    assert_eq!(first_match(text, &Query::parse("absent")), None);
}

#[test]
fn items_come_before_sections_and_the_header() {
    let mut b = sample();
    b.summary = Some("All about the meeting.".into());
    b.sections[0].summary = Some("The meeting section.".into());
    let index = Index::build(&b);
    let found = targets(&index, "meeting");
    assert_eq!(
        found[0],
        Target::Item(ItemRef {
            section: 0,
            item: 0
        })
    );
    assert_eq!(found.last(), Some(&Target::Briefing));
}
