//! A small briefing built in code, for tests in every layer: three
//! sections (events with quotes, positions with stances, an empty one),
//! actors and a source.

use super::{Actor, Briefing, Date, Item, Quote, Section, SectionKind, Stance};

fn item(title: &str, actors: Vec<usize>, quotes: Vec<Quote>) -> Item {
    Item {
        id: super::slug(title),
        title: title.into(),
        summary: Some(format!("{title} in one line")),
        body: Some("Para one.\n\n- bullet".into()),
        points: vec![],
        date: None,
        severity: None,
        actors,
        sources: vec![],
        tags: vec![],
        party: None,
        stances: vec![],
        quotes,
    }
}

pub(crate) fn sample() -> Briefing {
    let actor = |id: &str, name: &str| Actor {
        id: id.into(),
        name: name.into(),
        role: None,
        side: None,
        aliases: vec![],
        same_as: vec![],
    };
    let quote = |by| Quote {
        by,
        text: "words".into(),
        context: None,
        source: None,
    };
    let mut russia = item("Russia", vec![], vec![]);
    russia.party = Some(0);
    russia.stances = vec![Stance {
        issue: "territory".into(),
        text: "wants it".into(),
    }];
    Briefing {
        title: "Sample".into(),
        date: Date {
            year: 2025,
            month: 12,
            day: 2,
            text: "2025-12-02".into(),
        },
        subtitle: None,
        summary: Some("Summary".into()),
        key_points: vec![],
        classification: None,
        author: None,
        updated: None,
        tags: vec![],
        actors: vec![
            actor("putin", "Vladimir Putin"),
            actor("trump", "Donald Trump"),
        ],
        sources: vec![],
        sections: vec![
            Section {
                id: "talks".into(),
                title: "Talks".into(),
                kind: SectionKind::Talks,
                summary: None,
                items: vec![
                    item("Meeting", vec![0, 1], vec![quote(1)]),
                    item("Outcome", vec![], vec![quote(0)]),
                ],
            },
            Section {
                id: "positions".into(),
                title: "Positions".into(),
                kind: SectionKind::Positions,
                summary: None,
                items: vec![russia],
            },
            Section {
                id: "empty".into(),
                title: "Empty".into(),
                kind: SectionKind::Context,
                summary: None,
                items: vec![],
            },
        ],
    }
}

/// An environment of `pairs` for the functions that take a variable lookup
/// (`Fn(&str) -> Option<String>`) instead of reading the process's own.
pub fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}
