//! Serde mirror of the TOML file: one struct per table, field names exactly as written.
//!
//! These types are the single source of truth for which keys a table accepts
//! (see [`super::fields::struct_fields`]). Values diagnostics point at are
//! `Spanned`. The loader deserialises each table on its own (sections without
//! their items, items without their quotes), so nested arrays stay empty here
//! and are carried by [`super::walk`] instead.

use indexmap::IndexMap as Map;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// A string with its byte range in the file.
pub type Str = Spanned<String>;

/// A date as written: checked to be a TOML date (not a string) by validation.
pub type RawDate = Spanned<toml::Value>;

/// The whole file: used for its field list (the allowed top-level tables).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// The header: title, date, the bottom line.
    pub briefing: RawBriefing,
    /// People and organisations, keyed by id (`[actor.putin]`): lowercase letters, digits, `-` and `_`.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": "^[a-z0-9_-]+$" }))]
    pub actor: Map<String, RawActor>,
    /// Documents the briefing cites, keyed by id (`[source.article]`).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": "^[a-z0-9_-]+$" }))]
    pub source: Map<String, RawSource>,
    /// The sections, in reading order (`[[section]]`).
    #[serde(default)]
    pub section: Vec<RawSection>,
}

/// `[briefing]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    /// The headline.
    #[schemars(with = "String")]
    pub title: Str,
    /// The day the briefing describes: a TOML date, unquoted (2025-12-02).
    #[schemars(schema_with = "date_schema")]
    pub date: RawDate,
    /// One line under the title.
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Str>,
    /// The bottom line up front: what a reader must know if they read nothing else.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Str>,
    /// Short points shown under the bottom line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub key_points: Vec<Str>,
    /// A handling marking, e.g. PUBLIC.
    #[schemars(with = "Option<String>")]
    pub classification: Option<Str>,
    /// Who wrote the briefing.
    #[schemars(with = "Option<String>")]
    pub author: Option<Str>,
    /// When the briefing was last revised: a TOML date.
    #[serde(default)]
    #[schemars(schema_with = "date_schema")]
    pub updated: Option<RawDate>,
    /// Keywords, shown as #tags and searchable.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Str>,
}

/// `[actor.<id>]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    /// The name readers see.
    #[schemars(with = "String")]
    pub name: Str,
    /// What the actor is, e.g. President of Russia.
    #[schemars(with = "Option<String>")]
    pub role: Option<Str>,
    /// The party the actor belongs to, e.g. Russia; groups actors and colours them.
    #[schemars(with = "Option<String>")]
    pub side: Option<Str>,
    /// Other names, found by search.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Str>,
    /// Ids the same person or organisation has in other briefings
    /// (`same_as = ["vladimir-putin"]`): the library's dossier follows them as one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    #[schemars(extend("items" = { "type": "string", "pattern": "^[a-z0-9_-]+$" }))]
    pub same_as: Vec<Str>,
}

/// `[source.<id>]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// The document's title.
    #[schemars(with = "String")]
    pub title: Str,
    /// Who published it.
    #[schemars(with = "Option<String>")]
    pub publisher: Option<Str>,
    /// Where to read it (http, https or mailto become links).
    #[schemars(with = "Option<String>")]
    pub url: Option<Str>,
    /// When it was published: a TOML date.
    #[serde(default)]
    #[schemars(schema_with = "date_schema")]
    pub date: Option<RawDate>,
    /// Anything a reader should know about the source.
    #[schemars(with = "Option<String>")]
    pub note: Option<Str>,
}

/// `[[section]]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// The section's heading.
    #[schemars(with = "String")]
    pub title: Str,
    /// What the section is: talks, positions, pressure, concerns, context, or your own kind.
    #[schemars(with = "Option<String>")]
    pub kind: Option<Str>,
    /// A stable id (default: a slug of the title); keeps read marks and links across renames.
    #[schemars(with = "Option<String>")]
    pub id: Option<Str>,
    /// A paragraph introducing the section.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Str>,
    // Filled only by the fast path (`model::fast`); the walker reads items one by one.
    /// The section's items, in order (`[[section.item]]`).
    #[serde(default)]
    #[schemars(with = "Vec<RawItem>")]
    pub item: Vec<Spanned<RawItem>>,
}

/// `[[section.item]]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// The item's headline.
    #[schemars(with = "String")]
    pub title: Str,
    /// A stable id (default: a slug of the title), unique in its section.
    #[schemars(with = "Option<String>")]
    pub id: Option<Str>,
    /// One line: shown in lists.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Str>,
    /// The full text: paragraphs separated by blank lines, `- ` bullets.
    #[schemars(with = "Option<String>")]
    pub body: Option<Str>,
    /// Short takeaways.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub points: Vec<Str>,
    /// When it happened: a TOML date or date-time.
    #[serde(default)]
    #[schemars(schema_with = "date_schema")]
    pub date: Option<RawDate>,
    /// How serious: low, medium, high or critical.
    #[serde(default)]
    #[schemars(schema_with = "severity_schema")]
    pub severity: Option<Str>,
    /// Ids of the actors involved.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub actors: Vec<Str>,
    /// Ids of the sources it rests on.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Str>,
    /// Keywords.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Str>,
    /// In a positions section: the id of the actor whose position this is.
    #[schemars(with = "Option<String>")]
    pub party: Option<Str>,
    // Issue -> stance, in file order.
    /// In a positions section: issue = the party's stance on it.
    #[serde(default)]
    #[schemars(with = "Map<String, String>")]
    pub stances: Map<String, Str>,
    // Always empty after loading: quotes are deserialised one by one.
    /// Words someone said, verbatim (`[[section.item.quote]]`).
    #[serde(default)]
    pub quote: Vec<RawQuote>,
}

/// `[[section.item.quote]]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    /// The id of the actor who said it.
    #[schemars(with = "String")]
    pub by: Str,
    /// The words, verbatim.
    #[schemars(with = "String")]
    pub text: Str,
    /// When and where it was said.
    #[schemars(with = "Option<String>")]
    pub context: Option<Str>,
    /// The id of the source that reports it.
    #[schemars(with = "Option<String>")]
    pub source: Option<Str>,
}

/// A TOML date or date-time. Schema-aware editors see it as a string in ISO
/// 8601 form; the loader also insists it is written unquoted.
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$",
        "description": "A TOML date, unquoted: 2025-12-02 (or a date-time)."
    })
}

fn severity_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "enum": super::Severity::NAMES,
        "description": "How serious: low, medium, high or critical."
    })
}
