//! `brief render PATH --actor ID` (and `brief DIR --actor ID | cat`): one
//! actor across a briefing or a library, as the reader's dossier lists it
//! (every briefing that declares them, each item naming them, their quotes
//! in full, newest first), as text, Markdown or JSON. Text and Markdown come
//! from `doc::dossier`; the JSON layout is here, written by `model::json`.

use crate::app::Entry;
use crate::cli::RenderFormat;
use crate::doc::dossier::{self, Dossier, Filed, People, Person, Row};
use crate::model::digest::Digest;
use crate::model::name::shown;
use serde::Serialize;

/// The dossier of `id` over `entries` (those that do not load are left
/// out: the caller reports them), or why there is none.
pub fn render(
    entries: &[Entry],
    id: &str,
    format: RenderFormat,
    width: usize,
    ascii: bool,
) -> Result<String, String> {
    let labels: Vec<String> = (entries.iter())
        .map(|e| match e.path() {
            Some(path) => shown(path),
            None => shown(std::path::Path::new(&e.label)),
        })
        .collect();
    let filed: Vec<Filed<'_>> = (crate::app::library::order(entries).into_iter())
        .filter_map(|i| {
            Some(Filed {
                entry: i,
                digest: entries[i].digest()?,
            })
        })
        .collect();
    let people = People::of(&filed);
    let Some(person) = people.person(id) else {
        return Err(not_found(&people, id));
    };
    let dossier = dossier::dossier(&filed, &people, person);
    let who = &people.list[person as usize];
    let digest = |i: usize| entries.get(i).and_then(Entry::digest).map(|d| &**d);
    Ok(match format {
        RenderFormat::Text => dossier::lines::text(who, &dossier, digest, width, ascii),
        RenderFormat::Markdown => dossier::markdown::document(who, &dossier, |i| {
            Some((digest(i)?, labels.get(i)?.as_str()))
        }),
        RenderFormat::Json => json(who, &dossier, |i| {
            Some((digest(i)?, labels.get(i)?.as_str()))
        }),
    })
}

/// No actor by that id: say so, with the nearest id if there is one.
fn not_found(people: &People, id: &str) -> String {
    let id_shown = crate::model::sanitize::sanitize_inline(id);
    let mut msg = format!("no briefing here declares an actor `{id_shown}`");
    let ids = people.list.iter().flat_map(|p| p.ids.iter().map(|s| &**s));
    if let Some(hint) = crate::model::suggest::did_you_mean(id, ids) {
        msg.push_str("; ");
        msg.push_str(&hint);
    }
    msg
}

/// The JSON layout (docs/json.md, "A dossier").
#[derive(Debug, Serialize)]
struct JsonDossier<'a> {
    format_version: u32,
    actor: JsonPerson<'a>,
    counts: JsonCounts,
    /// Newest first.
    briefings: Vec<JsonFiled<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonPerson<'a> {
    name: &'a str,
    role: Option<&'a str>,
    side: Option<&'a str>,
    ids: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct JsonCounts {
    briefings: usize,
    items: usize,
    quotes: usize,
}

#[derive(Debug, Serialize)]
struct JsonFiled<'a> {
    file: &'a str,
    title: &'a str,
    date: &'a str,
    /// The actor as this briefing declares them.
    id: &'a str,
    name: &'a str,
    role: Option<&'a str>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonItem<'a> {
    section: &'a str,
    id: &'a str,
    title: &'a str,
    /// The item's date, else its briefing's.
    date: &'a str,
    severity: Option<&'static str>,
    quotes: Vec<JsonQuote<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonQuote<'a> {
    text: &'a str,
    context: Option<&'a str>,
}

fn json<'a>(
    who: &'a Person,
    dossier: &Dossier,
    filed: impl Fn(usize) -> Option<(&'a Digest, &'a str)>,
) -> String {
    let mut out = JsonDossier {
        format_version: super::render_json::FORMAT_VERSION,
        actor: JsonPerson {
            name: &who.name,
            role: who.role.as_deref(),
            side: who.side.as_deref(),
            ids: who.ids.iter().map(|s| &**s).collect(),
        },
        counts: JsonCounts {
            briefings: dossier.briefings,
            items: dossier.items,
            quotes: dossier.quotes,
        },
        briefings: Vec::new(),
    };
    for &row in &dossier.rows {
        if let Some((d, file)) = filed(row.entry()) {
            out.push(row, d, file);
        }
    }
    crate::model::json::pretty(&out).unwrap_or_default()
}

impl<'a> JsonDossier<'a> {
    /// Adds a row: a briefing starts a new entry, an item goes into the
    /// last briefing, a quote into its last item.
    fn push(&mut self, row: Row, d: &'a Digest, file: &'a str) {
        match row {
            Row::Briefing { actor, .. } => {
                let Some(a) = d.actors.get(actor as usize) else {
                    return;
                };
                self.briefings.push(JsonFiled {
                    file,
                    title: &d.title,
                    date: &d.date.text,
                    id: &a.id,
                    name: &a.name,
                    role: a.role.as_deref(),
                    items: Vec::new(),
                });
            }
            Row::Item { item, .. } => {
                let (Some(it), Some(last)) =
                    (d.items.get(item as usize), self.briefings.last_mut())
                else {
                    return;
                };
                last.items.push(JsonItem {
                    section: d.sections.get(it.at.section).map_or("", |s| s),
                    id: &it.id,
                    title: &it.title,
                    date: &d.item_date(it).text,
                    severity: it.severity.map(|s| s.as_str()),
                    quotes: Vec::new(),
                });
            }
            Row::Quote { item, quote, .. } => {
                let q = d
                    .items
                    .get(item as usize)
                    .and_then(|it| it.quotes.get(quote as usize));
                let last = self.briefings.last_mut().and_then(|b| b.items.last_mut());
                if let (Some(q), Some(last)) = (q, last) {
                    last.quotes.push(JsonQuote {
                        text: &q.text,
                        context: q.context.as_deref(),
                    });
                }
            }
        }
    }
}
