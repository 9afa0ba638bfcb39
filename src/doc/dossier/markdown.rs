//! A dossier as Markdown (`brief render DIR --actor ID -f markdown`): the
//! actor as the title, each briefing a heading, each item a sub-heading
//! with its quotes as block quotes. Every string goes through the one
//! Markdown escaper ([`crate::doc::markdown::inline`]).

use super::{Dossier, Person, Row};
use crate::doc::markdown::inline;
use crate::doc::text::count;
use crate::model::digest::Digest;

/// The whole dossier as Markdown; `digest` gives a row's briefing and
/// `label` its file.
pub fn document<'a>(
    person: &Person,
    dossier: &Dossier,
    digest: impl Fn(usize) -> Option<(&'a Digest, &'a str)>,
) -> String {
    let mut blocks = vec![format!("# {}", inline(&person.name))];
    let about: Vec<String> = (person.role.iter().chain(&person.side))
        .map(|s| inline(s))
        .collect();
    let mut facts = Vec::new();
    if !about.is_empty() {
        facts.push(about.join(" · "));
    }
    let ids: Vec<String> = (person.ids.iter())
        .map(|id| format!("`{}`", id.replace('`', "'")))
        .collect();
    facts.push(format!("**Ids:** {}", ids.join(", ")));
    facts.push(
        [
            count(dossier.briefings, "briefing"),
            count(dossier.items, "item"),
            count(dossier.quotes, "quote"),
        ]
        .join(" · "),
    );
    blocks.push(facts.join("  \n"));
    for &r in &dossier.rows {
        let Some((d, label)) = digest(r.entry()) else {
            continue;
        };
        blocks.extend(row(r, d, label));
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

fn row(r: Row, d: &Digest, label: &str) -> Option<String> {
    Some(match r {
        Row::Briefing { .. } => format!(
            "## {} · {}\n\n*{}*",
            inline(&d.date.text),
            inline(&d.title),
            inline(label)
        ),
        Row::Item { item, .. } => {
            let it = d.items.get(item as usize)?;
            let section = d.sections.get(it.at.section).map_or("", |s| &**s);
            let mut meta = vec![inline(&d.item_date(it).text)];
            if let Some(sev) = it.severity {
                meta.insert(0, format!("**{}**", sev.as_str().to_uppercase()));
            }
            format!(
                "### {} › {}\n\n{}",
                inline(section),
                inline(&it.title),
                meta.join(" · ")
            )
        }
        Row::Quote { item, quote, .. } => {
            let it = d.items.get(item as usize)?;
            let q = it.quotes.get(quote as usize)?;
            let mut by = inline(&d.item_date(it).text);
            if let Some(context) = &q.context {
                by.push_str(&format!(" · {}", inline(context)));
            }
            format!("> “{}”\n>\n> — {by}", inline(&q.text))
        }
    })
}
