//! Serde mirror of the TOML file: one struct per table, field names exactly as written.
//!
//! These types are the single source of truth for which keys a table accepts
//! (see [`super::fields::struct_fields`]). Values diagnostics point at are
//! `Spanned`. The loader deserialises each table on its own (sections without
//! their items, items without their quotes), so nested arrays stay empty here
//! and are carried by [`super::walk`] instead.

use indexmap::IndexMap as Map;
use serde::Deserialize;
use toml::Spanned;

/// A string with its byte range in the file.
pub type Str = Spanned<String>;

/// A date as written: checked to be a TOML date (not a string) by validation.
pub type RawDate = Spanned<toml::Value>;

/// The whole file: used for its field list (the allowed top-level tables).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub briefing: RawBriefing,
    #[serde(default)]
    pub actor: Map<String, RawActor>,
    #[serde(default)]
    pub source: Map<String, RawSource>,
    #[serde(default)]
    pub section: Vec<RawSection>,
}

/// `[briefing]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    pub title: Str,
    pub date: RawDate,
    pub subtitle: Option<Str>,
    pub summary: Option<Str>,
    #[serde(default)]
    pub key_points: Vec<Str>,
    pub classification: Option<Str>,
    pub author: Option<Str>,
    pub updated: Option<RawDate>,
    #[serde(default)]
    pub tags: Vec<Str>,
}

/// `[actor.<id>]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub name: Str,
    pub role: Option<Str>,
    pub side: Option<Str>,
    #[serde(default)]
    pub aliases: Vec<Str>,
}

/// `[source.<id>]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Str,
    pub publisher: Option<Str>,
    pub url: Option<Str>,
    pub date: Option<RawDate>,
    pub note: Option<Str>,
}

/// `[[section]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub title: Str,
    pub kind: Option<Str>,
    pub id: Option<Str>,
    pub summary: Option<Str>,
    /// Filled only by the fast path (`model::fast`); the walker reads items one by one.
    #[serde(default)]
    pub item: Vec<Spanned<RawItem>>,
}

/// `[[section.item]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub title: Str,
    pub id: Option<Str>,
    pub summary: Option<Str>,
    pub body: Option<Str>,
    #[serde(default)]
    pub points: Vec<Str>,
    pub date: Option<RawDate>,
    pub severity: Option<Str>,
    #[serde(default)]
    pub actors: Vec<Str>,
    #[serde(default)]
    pub sources: Vec<Str>,
    #[serde(default)]
    pub tags: Vec<Str>,
    pub party: Option<Str>,
    /// Issue -> stance, in file order.
    #[serde(default)]
    pub stances: Map<String, Str>,
    /// Always empty after loading: quotes are deserialised one by one.
    #[serde(default)]
    pub quote: Vec<RawQuote>,
}

/// `[[section.item.quote]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuote {
    pub by: Str,
    pub text: Str,
    pub context: Option<Str>,
    pub source: Option<Str>,
}
