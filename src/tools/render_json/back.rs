//! JSON back into the model: ids resolved to indices again, dates parsed.
//! What shows the JSON is the whole model: `to_model(from_model(b)) == b`.

use super::{JsonBriefing, JsonItem, JsonSection};
use crate::model::{
    Actor, Briefing, Date, Item, Quote, Section, SectionKind, Severity, Source, Stance,
};

/// Why a JSON briefing does not make a model.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BackError {
    #[error("unknown {kind} id `{id}`")]
    UnknownId { kind: &'static str, id: String },
    #[error("`{0}` is not an ISO 8601 date")]
    BadDate(String),
    #[error("`{0}` is not a severity (low, medium, high, critical)")]
    BadSeverity(String),
    #[error("format_version {0} is not supported (this brief reads 1)")]
    Version(u32),
}

fn date(text: &str) -> Result<Date, BackError> {
    let bad = || BackError::BadDate(text.to_string());
    let dt: toml::value::Datetime = text.parse().map_err(|_| bad())?;
    let d = dt.date.ok_or_else(bad)?;
    Ok(Date {
        year: d.year,
        month: d.month,
        day: d.day,
        text: dt.to_string(),
    })
}

fn opt_date(text: &Option<String>) -> Result<Option<Date>, BackError> {
    text.as_deref().map(date).transpose()
}

/// Looks ids up in one list (actors or sources).
struct Ids<'a> {
    kind: &'static str,
    ids: Vec<&'a str>,
}

impl Ids<'_> {
    fn find(&self, id: &str) -> Result<usize, BackError> {
        self.ids
            .iter()
            .position(|i| *i == id)
            .ok_or_else(|| BackError::UnknownId {
                kind: self.kind,
                id: id.to_string(),
            })
    }

    fn all(&self, ids: &[String]) -> Result<Vec<usize>, BackError> {
        ids.iter().map(|id| self.find(id)).collect()
    }
}

impl JsonBriefing {
    /// The model this JSON describes.
    pub fn to_model(&self) -> Result<Briefing, BackError> {
        if self.format_version != super::FORMAT_VERSION {
            return Err(BackError::Version(self.format_version));
        }
        let actors = Ids {
            kind: "actor",
            ids: self.actors.iter().map(|a| a.id.as_str()).collect(),
        };
        let sources = Ids {
            kind: "source",
            ids: self.sources.iter().map(|s| s.id.as_str()).collect(),
        };
        let sections = (self.sections.iter())
            .map(|s| section(s, &actors, &sources))
            .collect::<Result<_, _>>()?;
        Ok(Briefing {
            title: self.title.clone(),
            date: date(&self.date)?,
            subtitle: self.subtitle.clone(),
            summary: self.summary.clone(),
            key_points: self.key_points.clone(),
            classification: self.classification.clone(),
            author: self.author.clone(),
            updated: opt_date(&self.updated)?,
            tags: self.tags.clone(),
            actors: (self.actors.iter())
                .map(|a| Actor {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    role: a.role.clone(),
                    side: a.side.clone(),
                    aliases: a.aliases.clone(),
                    same_as: a.same_as.clone(),
                })
                .collect(),
            sources: (self.sources.iter())
                .map(|s| {
                    Ok(Source {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        publisher: s.publisher.clone(),
                        url: s.url.clone(),
                        date: opt_date(&s.date)?,
                        note: s.note.clone(),
                    })
                })
                .collect::<Result<_, BackError>>()?,
            sections,
        })
    }
}

fn section(s: &JsonSection, actors: &Ids, sources: &Ids) -> Result<Section, BackError> {
    Ok(Section {
        id: s.id.clone(),
        title: s.title.clone(),
        kind: SectionKind::parse(&s.kind),
        summary: s.summary.clone(),
        items: (s.items.iter())
            .map(|it| item(it, actors, sources))
            .collect::<Result<_, _>>()?,
    })
}

fn item(it: &JsonItem, actors: &Ids, sources: &Ids) -> Result<Item, BackError> {
    let severity = (it.severity.as_deref())
        .map(|s| Severity::parse(s).ok_or_else(|| BackError::BadSeverity(s.to_string())))
        .transpose()?;
    let quotes = (it.quotes.iter())
        .map(|q| {
            Ok(Quote {
                by: actors.find(&q.by)?,
                text: q.text.clone(),
                context: q.context.clone(),
                source: q.source.as_deref().map(|s| sources.find(s)).transpose()?,
            })
        })
        .collect::<Result<_, BackError>>()?;
    Ok(Item {
        id: it.id.clone(),
        title: it.title.clone(),
        summary: it.summary.clone(),
        body: it.body.clone(),
        points: it.points.clone(),
        date: opt_date(&it.date)?,
        severity,
        actors: actors.all(&it.actors)?,
        sources: sources.all(&it.sources)?,
        tags: it.tags.clone(),
        party: it.party.as_deref().map(|p| actors.find(p)).transpose()?,
        stances: (it.stances.iter())
            .map(|s| Stance {
                issue: s.issue.clone(),
                text: s.text.clone(),
            })
            .collect(),
        quotes,
    })
}
