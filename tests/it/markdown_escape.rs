//! Markdown escaping checked by a real CommonMark parser (pulldown-cmark,
//! GitHub's extensions on): any string from a briefing, escaped, reads back
//! as exactly its sanitised text as a paragraph, in emphasis, as a heading
//! and in a table cell. (The property comes from helper-7's render branch.)

use brief::doc::markdown::inline;
use brief::model::sanitize::sanitize_inline;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn parse(md: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    Parser::new_ext(md, options).collect()
}

/// The text inside `events` when, between the given opening and closing
/// tags, there is nothing but text (soft breaks count as a space).
fn only_text(events: &[Event<'_>], open: usize, close: usize) -> Option<String> {
    if events.len() < open + close {
        return None;
    }
    let mut text = String::new();
    for e in &events[open..events.len() - close] {
        match e {
            Event::Text(t) => text.push_str(t),
            _ => return None,
        }
    }
    Some(text)
}

fn cell_texts(events: &[Event<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in events {
        match e {
            Event::Start(Tag::TableCell) => current = Some(String::new()),
            Event::End(TagEnd::TableCell) => out.extend(current.take()),
            Event::Text(t) if current.is_some() => current.as_mut().unwrap().push_str(t),
            _ if current.is_some() => current = Some("<not text>".into()),
            _ => {}
        }
    }
    out
}

fn hostile_string() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        4 => prop::sample::select(
            "#>-+=|*_`~[]()<>!&;$\\:^{}.1234567890 \t\n\u{1b}\u{7}\u{202e}aZé中"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => any::<char>(),
    ];
    prop::collection::vec(chars, 0..20).prop_map(|v| v.into_iter().collect())
}

fn check(s: &str) -> Result<(), TestCaseError> {
    let want = sanitize_inline(s).trim().to_string();
    prop_assume!(!want.is_empty());
    let escaped = inline(s);
    let para = parse(&escaped);
    prop_assert_eq!(
        only_text(&para, 1, 1),
        Some(want.clone()),
        "paragraph {:?}",
        escaped
    );
    let em = format!("*{escaped}*");
    prop_assert_eq!(
        only_text(&parse(&em), 2, 2),
        Some(want.clone()),
        "emphasis {:?}",
        em
    );
    let heading = format!("### {escaped}");
    prop_assert_eq!(
        only_text(&parse(&heading), 1, 1),
        Some(want.clone()),
        "heading {:?}",
        heading
    );
    let table = format!("| a |\n|---|\n| {escaped} |");
    prop_assert_eq!(
        cell_texts(&parse(&table)),
        vec!["a".to_string(), want],
        "cell {:?}",
        table
    );
    Ok(())
}

#[test]
fn escaped_text_reads_back_as_exactly_that_text() {
    let config = Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    };
    let checked = std::cell::Cell::new(0);
    TestRunner::new(config)
        .run(&hostile_string(), |s| {
            check(&s)?;
            checked.set(checked.get() + 1);
            Ok(())
        })
        .unwrap();
    // Empty strings are skipped; the rest must really have been parsed.
    assert!(
        checked.get() >= 2000,
        "only {} strings checked",
        checked.get()
    );
}
