//! The validated briefing model that the reader, `check` and every exporter share.
//!
//! Raw TOML is turned into these types by [`load`]; once a [`Briefing`] exists,
//! every id reference is resolved to an index and every date is parsed, so the
//! rest of the program never re-checks the file.

pub mod compare;
pub mod diagnostic;
pub mod digest;
pub mod fast;
pub mod fields;
pub mod file;
pub mod front;
pub mod item_ids;
pub mod json;
pub mod load;
pub mod name;
pub mod outline;
pub mod raw;
pub mod refs;
pub mod sanitize;
pub mod scan;
pub mod shift;
pub mod suggest;
pub mod validate;
pub mod walk;

#[cfg(test)]
pub(crate) mod fixture;

pub use diagnostic::Report;
pub use diagnostic::{Diagnostic, MAX_PER_CODE, Severity as DiagSeverity};
pub use load::{LoadError, Loaded, load_bytes, load_path, load_str};

use std::fmt;

/// A calendar date (optionally with a time) as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// The value as written (`2025-12-02` or `2025-12-02T10:00:00Z`), for display.
    pub text: String,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A whole validated briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub title: String,
    pub date: Date,
    pub subtitle: Option<String>,
    pub summary: Option<String>,
    pub key_points: Vec<String>,
    pub classification: Option<String>,
    pub author: Option<String>,
    pub updated: Option<Date>,
    pub tags: Vec<String>,
    /// In file order.
    pub actors: Vec<Actor>,
    /// In file order.
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
}

/// A person or organisation, referenced by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub side: Option<String>,
    pub aliases: Vec<String>,
    /// Ids the same actor has in other briefings (see `doc::dossier`).
    pub same_as: Vec<String>,
}

/// A document the briefing cites.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub note: Option<String>,
}

/// What a section is about; decides its badge and how it renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionKind {
    Talks,
    Positions,
    Pressure,
    Concerns,
    Context,
    /// Any other string: rendered generically.
    Custom(String),
}

impl SectionKind {
    /// The kinds the reader knows (any other string is a custom kind).
    pub const NAMES: [&'static str; 5] = ["talks", "positions", "pressure", "concerns", "context"];

    pub fn parse(s: &str) -> Self {
        match s {
            "talks" => Self::Talks,
            "positions" => Self::Positions,
            "pressure" => Self::Pressure,
            "concerns" => Self::Concerns,
            "context" => Self::Context,
            other => Self::Custom(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Talks => "talks",
            Self::Positions => "positions",
            Self::Pressure => "pressure",
            Self::Concerns => "concerns",
            Self::Context => "context",
            Self::Custom(s) => s,
        }
    }
}

/// A section in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub kind: SectionKind,
    pub summary: Option<String>,
    pub items: Vec<Item>,
}

/// How serious an item is (the badge on pressure items).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const NAMES: [&'static str; 4] = ["low", "medium", "high", "critical"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Self::Low),
            "medium" => Some(Self::Medium),
            "high" => Some(Self::High),
            "critical" => Some(Self::Critical),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// One stance of a party on an issue, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    /// The key as written, e.g. `monitoring_force`.
    pub issue: String,
    pub text: String,
}

impl Stance {
    /// The display label: `_` as spaces, first letter capitalised.
    pub fn label(&self) -> String {
        issue_label(&self.issue)
    }
}

/// `monitoring_force` -> `Monitoring force`.
pub fn issue_label(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An entry in a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub points: Vec<String>,
    pub date: Option<Date>,
    pub severity: Option<Severity>,
    /// Indices into [`Briefing::actors`].
    pub actors: Vec<usize>,
    /// Indices into [`Briefing::sources`].
    pub sources: Vec<usize>,
    pub tags: Vec<String>,
    /// Index into [`Briefing::actors`]: whose position this item states.
    pub party: Option<usize>,
    pub stances: Vec<Stance>,
    pub quotes: Vec<Quote>,
}

/// Words someone said, verbatim.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Index into [`Briefing::actors`].
    pub by: usize,
    pub text: String,
    pub context: Option<String>,
    /// Index into [`Briefing::sources`].
    pub source: Option<usize>,
}

/// Where an item lives: section index and item index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub section: usize,
    pub item: usize,
}

impl Briefing {
    pub fn item(&self, at: ItemRef) -> Option<&Item> {
        self.sections.get(at.section)?.items.get(at.item)
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// Every item in reading order with its location.
    pub fn items(&self) -> impl Iterator<Item = (ItemRef, &Item)> {
        self.sections.iter().enumerate().flat_map(|(s, sec)| {
            sec.items.iter().enumerate().map(move |(i, item)| {
                (
                    ItemRef {
                        section: s,
                        item: i,
                    },
                    item,
                )
            })
        })
    }

    /// Items that name the actor (in `actors` or as `party`), in reading order.
    pub fn items_naming(&self, actor: usize) -> Vec<ItemRef> {
        self.items()
            .filter(|(_, it)| it.actors.contains(&actor) || it.party == Some(actor))
            .map(|(at, _)| at)
            .collect()
    }

    /// Quotes by the actor, as (item location, quote index), in reading order.
    pub fn quotes_by(&self, actor: usize) -> Vec<(ItemRef, usize)> {
        self.items()
            .flat_map(|(at, it)| {
                it.quotes
                    .iter()
                    .enumerate()
                    .filter(move |(_, q)| q.by == actor)
                    .map(move |(qi, _)| (at, qi))
            })
            .collect()
    }
}

/// An id an actor may have (and `brief lsp` renames to): lowercase ASCII
/// letters, digits, `-` and `_`, at least one.
pub fn valid_id(id: &str) -> bool {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    !id.is_empty() && id.chars().all(ok)
}

/// The default id for a titled thing: lowercase ASCII letters and digits, other
/// runs collapsed to `-`, trimmed. Non-ASCII letters are kept lowercased so
/// titles in other scripts still get distinct ids.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_kind_names_are_the_known_kinds() {
        for name in SectionKind::NAMES {
            let kind = SectionKind::parse(name);
            assert!(!matches!(kind, SectionKind::Custom(_)), "{name}");
            assert_eq!(kind.as_str(), name);
        }
        assert_eq!(SectionKind::parse("other").as_str(), "other");
    }

    #[test]
    fn valid_ids() {
        for id in ["putin", "united-states", "a_1", "0"] {
            assert!(valid_id(id), "{id}");
        }
        for id in ["", "Putin", "a b", "a.b", "é", "\"a\""] {
            assert!(!valid_id(id), "{id}");
        }
    }

    #[test]
    fn slug_collapses_punctuation() {
        assert_eq!(slug("The Kremlin meeting"), "the-kremlin-meeting");
        assert_eq!(slug("  US-Russia: talks!! "), "us-russia-talks");
        assert_eq!(slug("Müller & Co"), "müller-co");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn issue_labels_are_spaced_and_capitalised() {
        assert_eq!(issue_label("monitoring_force"), "Monitoring force");
        assert_eq!(issue_label("end_of_war"), "End of war");
        assert_eq!(issue_label(""), "");
    }
}
