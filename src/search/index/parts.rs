//! The searchable texts of each kind of target, listed for the index and
//! looked up again when a result is shown: one table of what is searched.

use super::Part;
use crate::model::Briefing;
use crate::search::Target;

/// Every non-empty searchable text of `target`, in reading order.
pub(super) fn parts(b: &Briefing, target: Target) -> Vec<(Part, &str)> {
    let mut out: Vec<Part> = Vec::new();
    match target {
        Target::Briefing => {
            out.extend([Part::Title, Part::Subtitle, Part::Summary]);
            out.extend((0..b.key_points.len()).map(|i| Part::KeyPoint(i as u32)));
        }
        Target::Section(_) => out.extend([Part::Title, Part::Summary]),
        Target::Item(at) => {
            let Some(item) = b.item(at) else {
                return Vec::new();
            };
            out.extend([Part::Title, Part::Summary, Part::Body]);
            out.extend((0..item.points.len()).map(|i| Part::Point(i as u32)));
            for q in 0..item.quotes.len() as u32 {
                out.extend([Part::Quote(q), Part::QuoteContext(q)]);
            }
            out.extend((0..item.stances.len()).map(|i| Part::Stance(i as u32)));
            out.extend((0..item.tags.len()).map(|i| Part::Tag(i as u32)));
        }
        Target::Actor(a) => {
            out.push(Part::Name);
            let aliases = b.actors.get(a).map_or(0, |a| a.aliases.len());
            out.extend((0..aliases).map(|i| Part::Alias(i as u32)));
            out.extend([Part::Role, Part::Side]);
        }
        Target::Source(_) => out.extend([Part::Title, Part::Publisher, Part::Note, Part::Url]),
    }
    out.into_iter()
        .filter_map(|part| Some((part, resolve(b, target, part)?)))
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

/// The text of one part of a target (`None` when it has no such part).
pub(super) fn resolve(b: &Briefing, target: Target, part: Part) -> Option<&str> {
    let i = |n: u32| n as usize;
    match (target, part) {
        (Target::Briefing, Part::Title) => Some(&b.title),
        (Target::Briefing, Part::Subtitle) => b.subtitle.as_deref(),
        (Target::Briefing, Part::Summary) => b.summary.as_deref(),
        (Target::Briefing, Part::KeyPoint(n)) => b.key_points.get(i(n)).map(String::as_str),
        (Target::Section(s), Part::Title) => b.sections.get(s).map(|s| s.title.as_str()),
        (Target::Section(s), Part::Summary) => b.sections.get(s)?.summary.as_deref(),
        (Target::Item(at), part) => {
            let item = b.item(at)?;
            match part {
                Part::Title => Some(&item.title),
                Part::Summary => item.summary.as_deref(),
                Part::Body => item.body.as_deref(),
                Part::Point(n) => item.points.get(i(n)).map(String::as_str),
                Part::Quote(n) => item.quotes.get(i(n)).map(|q| q.text.as_str()),
                Part::QuoteContext(n) => item.quotes.get(i(n))?.context.as_deref(),
                Part::Stance(n) => item.stances.get(i(n)).map(|s| s.text.as_str()),
                Part::Tag(n) => item.tags.get(i(n)).map(String::as_str),
                _ => None,
            }
        }
        (Target::Actor(a), part) => {
            let actor = b.actors.get(a)?;
            match part {
                Part::Name => Some(&actor.name),
                Part::Alias(n) => actor.aliases.get(i(n)).map(String::as_str),
                Part::Role => actor.role.as_deref(),
                Part::Side => actor.side.as_deref(),
                _ => None,
            }
        }
        (Target::Source(s), part) => {
            let source = b.sources.get(s)?;
            match part {
                Part::Title => Some(&source.title),
                Part::Publisher => source.publisher.as_deref(),
                Part::Note => source.note.as_deref(),
                Part::Url => source.url.as_deref(),
                _ => None,
            }
        }
        _ => None,
    }
}
