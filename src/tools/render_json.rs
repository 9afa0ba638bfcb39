//! `brief render --format json`: the validated model as JSON, stable and
//! documented in docs/json.md. References are ids (every one resolves to an
//! entry of the top-level `actors` or `sources`), dates are ISO 8601, and the
//! output parses back into the same model ([`JsonBriefing::to_model`]).

use crate::model::{Actor, Briefing, Date, Item, Source, Stance};
use serde::{Deserialize, Serialize};

/// The version of this layout; it changes only when a field changes meaning
/// or goes away (new optional fields may be added within a version).
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonBriefing {
    pub format_version: u32,
    pub title: String,
    pub date: String,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    pub key_points: Vec<String>,
    pub classification: Option<String>,
    pub author: Option<String>,
    pub updated: Option<String>,
    pub tags: Vec<String>,
    pub actors: Vec<JsonActor>,
    pub sources: Vec<JsonSource>,
    pub sections: Vec<JsonSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonActor {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub side: Option<String>,
    pub aliases: Vec<String>,
    /// Ids the same actor has in other briefings (absent in older output).
    #[serde(default)]
    pub same_as: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSource {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSection {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub summary: Option<String>,
    pub items: Vec<JsonItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonItem {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub points: Vec<String>,
    pub date: Option<String>,
    pub severity: Option<String>,
    /// Actor ids.
    pub actors: Vec<String>,
    /// Source ids.
    pub sources: Vec<String>,
    pub tags: Vec<String>,
    /// The actor id whose position the item states.
    pub party: Option<String>,
    pub stances: Vec<JsonStance>,
    pub quotes: Vec<JsonQuote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonStance {
    /// The key as written, e.g. `monitoring_force`.
    pub issue: String,
    /// How the reader shows the key, e.g. `Monitoring force`.
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonQuote {
    /// The speaker's actor id.
    pub by: String,
    pub text: String,
    pub context: Option<String>,
    /// A source id.
    pub source: Option<String>,
}

/// The JSON text of a briefing (pretty-printed, with a final newline),
/// written by the one JSON writer ([`crate::model::json`]).
pub fn to_string(b: &Briefing) -> String {
    use crate::model::json::pretty;
    pretty(&JsonBriefing::from_model(b))
        .or_else(|e| pretty(&serde_json::json!({ "error": e.to_string() })))
        .unwrap_or_default()
}

fn iso(d: &Date) -> String {
    d.text.clone()
}

impl JsonBriefing {
    pub fn from_model(b: &Briefing) -> Self {
        let actor = |i: usize| b.actors.get(i).map(|a| a.id.clone()).unwrap_or_default();
        let source = |i: usize| b.sources.get(i).map(|s| s.id.clone()).unwrap_or_default();
        let item = |it: &Item| JsonItem {
            id: it.id.clone(),
            title: it.title.clone(),
            summary: it.summary.clone(),
            body: it.body.clone(),
            points: it.points.clone(),
            date: it.date.as_ref().map(iso),
            severity: it.severity.map(|s| s.as_str().to_string()),
            actors: it.actors.iter().map(|&a| actor(a)).collect(),
            sources: it.sources.iter().map(|&s| source(s)).collect(),
            tags: it.tags.clone(),
            party: it.party.map(actor),
            stances: it.stances.iter().map(json_stance).collect(),
            quotes: (it.quotes.iter())
                .map(|q| JsonQuote {
                    by: actor(q.by),
                    text: q.text.clone(),
                    context: q.context.clone(),
                    source: q.source.map(source),
                })
                .collect(),
        };
        Self {
            format_version: FORMAT_VERSION,
            title: b.title.clone(),
            date: iso(&b.date),
            subtitle: b.subtitle.clone(),
            summary: b.summary.clone(),
            key_points: b.key_points.clone(),
            classification: b.classification.clone(),
            author: b.author.clone(),
            updated: b.updated.as_ref().map(iso),
            tags: b.tags.clone(),
            actors: b.actors.iter().map(json_actor).collect(),
            sources: b.sources.iter().map(json_source).collect(),
            sections: (b.sections.iter())
                .map(|s| JsonSection {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    kind: s.kind.as_str().to_string(),
                    summary: s.summary.clone(),
                    items: s.items.iter().map(item).collect(),
                })
                .collect(),
        }
    }
}

fn json_actor(a: &Actor) -> JsonActor {
    JsonActor {
        id: a.id.clone(),
        name: a.name.clone(),
        role: a.role.clone(),
        side: a.side.clone(),
        aliases: a.aliases.clone(),
        same_as: a.same_as.clone(),
    }
}

fn json_source(s: &Source) -> JsonSource {
    JsonSource {
        id: s.id.clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        url: s.url.clone(),
        date: s.date.as_ref().map(iso),
        note: s.note.clone(),
    }
}

fn json_stance(s: &Stance) -> JsonStance {
    JsonStance {
        issue: s.issue.clone(),
        label: s.label(),
        text: s.text.clone(),
    }
}

mod back;
pub use back::BackError;
