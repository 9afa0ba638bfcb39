//! The timeline and the tag list, worked out from briefings' digests only
//! (never the full briefings), so they stay the same whether a library's
//! briefings are in memory or not. Shared by the reader and `brief render
//! --timeline`.
//!
//! The timeline holds every item newest first under a heading per day. An
//! item is filed under its own date, else its briefing's. Items on the same
//! date keep the order of their briefings as given (the library's order),
//! then file order. An item carries its own tags and its briefing's.

use crate::model::digest::{Digest, DigestItem};
use crate::model::{Date, Severity};
use std::collections::HashMap;

/// A day, `(year, month, day)`.
pub type Day = (u16, u8, u8);

/// What narrows a timeline: an actor or a tag, and a lowest severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub facet: Option<Facet>,
    /// Only items of this severity or above.
    pub severity: Option<Severity>,
}

/// One actor or one tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Facet {
    /// By id: the same id is the same actor in every briefing. The name is
    /// the one shown where the filter was chosen.
    Actor {
        id: Box<str>,
        name: Box<str>,
    },
    Tag(Box<str>),
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.facet.is_none() && self.severity.is_none()
    }

    /// The filter in words (`actor Vladimir Putin, high or above`), not yet
    /// sanitised: each output sanitises or escapes it as it must.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        match &self.facet {
            Some(Facet::Actor { name, .. }) => parts.push(format!("actor {name}")),
            Some(Facet::Tag(tag)) => parts.push(format!("#{tag}")),
            None => {}
        }
        if let Some(s) = self.severity {
            parts.push(severity_words(s).to_string());
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// `high or above`; the highest is only itself.
pub fn severity_words(s: Severity) -> &'static str {
    match s {
        Severity::Low => "low or above",
        Severity::Medium => "medium or above",
        Severity::High => "high or above",
        Severity::Critical => "critical",
    }
}

/// An item of one of the timeline's sources: the source's entry number (as
/// the caller numbered it) and the item's index in its digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stub {
    pub entry: u32,
    pub item: u32,
}

/// A row of the timeline: a day's heading, or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Day { day: Day, items: u32 },
    Item(Stub),
}

/// A timeline, built once per change of its sources or filter.
#[derive(Debug, Default, PartialEq)]
pub struct Timeline {
    pub rows: Vec<Row>,
    /// Rows that are day headings, ascending.
    headings: Vec<u32>,
    /// How many items, and from how many briefings.
    pub items: usize,
    pub briefings: usize,
}

/// Whether an item passes a filter, with what the filter needs from its
/// briefing worked out once per briefing.
struct Matcher<'a> {
    filter: &'a Filter,
    /// The actor's index in this briefing.
    actor: Option<u32>,
    /// The briefing itself carries the tag.
    briefing_tagged: bool,
}

impl<'a> Matcher<'a> {
    /// `None` when no item of `d` can pass.
    fn new(d: &Digest, filter: &'a Filter) -> Option<Self> {
        let mut m = Self {
            filter,
            actor: None,
            briefing_tagged: false,
        };
        match &filter.facet {
            Some(Facet::Actor { id, .. }) => m.actor = Some(d.actor(id)?),
            Some(Facet::Tag(tag)) => m.briefing_tagged = d.tags.contains(tag),
            None => {}
        }
        Some(m)
    }

    fn keeps(&self, item: &DigestItem) -> bool {
        let facet = match &self.filter.facet {
            Some(Facet::Actor { .. }) => self.actor.is_some_and(|a| item.actors.contains(&a)),
            Some(Facet::Tag(tag)) => self.briefing_tagged || item.tags.contains(tag),
            None => true,
        };
        let severity = match self.filter.severity {
            Some(min) => item.severity.is_some_and(|s| s >= min),
            None => true,
        };
        facet && severity
    }
}

/// An item picked for a timeline, with its date as a key the sort compares
/// without following a pointer, but for two times on the same day.
struct Picked<'a> {
    /// `year << 16 | month << 8 | day`: orders as the day does.
    day: u32,
    /// The date as written, when it has a time after the day.
    time: Option<&'a str>,
    /// The source's place in the given order, and the item's in its file.
    pos: u32,
    item: u32,
}

impl<'a> Picked<'a> {
    fn new(date: &'a Date, pos: u32, item: u32) -> Self {
        let day = u32::from(date.year) << 16 | u32::from(date.month) << 8 | u32::from(date.day);
        // A date written with a time is longer than the day alone.
        let time = (date.text.len() > 10).then_some(date.text.as_str());
        Self {
            day,
            time,
            pos,
            item,
        }
    }

    /// Newest first, as [`Date`]'s own order has it (a day with a time after
    /// the day alone, times as written); then the sources' order, then file
    /// order.
    fn newest_first(a: &Self, b: &Self) -> std::cmp::Ordering {
        (b.day.cmp(&a.day))
            .then_with(|| b.time.cmp(&a.time))
            .then(a.pos.cmp(&b.pos))
            .then(a.item.cmp(&b.item))
    }
}

impl Timeline {
    /// The items of `sources` that pass `filter`, newest first, under a
    /// heading per day. One pass to pick, one sort, one pass to group.
    pub fn build(sources: &[(u32, &Digest)], filter: &Filter) -> Self {
        let mut picked: Vec<Picked<'_>> = Vec::new();
        let mut briefings = 0;
        for (pos, &(_, d)) in sources.iter().enumerate() {
            let (Some(matcher), Ok(pos)) = (Matcher::new(d, filter), u32::try_from(pos)) else {
                continue;
            };
            let before = picked.len();
            for (i, item) in d.items.iter().enumerate() {
                if let (true, Ok(i)) = (matcher.keeps(item), u32::try_from(i)) {
                    picked.push(Picked::new(d.item_date(item), pos, i));
                }
            }
            briefings += usize::from(picked.len() > before);
        }
        picked.sort_unstable_by(Picked::newest_first);
        let mut out = Self {
            rows: Vec::with_capacity(picked.len() + picked.len() / 8 + 1),
            items: picked.len(),
            briefings,
            ..Self::default()
        };
        let mut today: Option<u32> = None;
        for p in picked {
            if today != Some(p.day) {
                today = Some(p.day);
                out.headings.push(out.rows.len() as u32);
                let day = ((p.day >> 16) as u16, (p.day >> 8) as u8, p.day as u8);
                out.rows.push(Row::Day { day, items: 0 });
            }
            if let Some(&h) = out.headings.last()
                && let Some(Row::Day { items, .. }) = out.rows.get_mut(h as usize)
            {
                *items += 1;
            }
            let entry = sources[p.pos as usize].0;
            out.rows.push(Row::Item(Stub {
                entry,
                item: p.item,
            }));
        }
        out
    }

    /// The item on row `row`, if it is one.
    pub fn stub(&self, row: usize) -> Option<Stub> {
        match self.rows.get(row)? {
            Row::Item(stub) => Some(*stub),
            Row::Day { .. } => None,
        }
    }

    /// Which item (1-based, headings not counted) row `row` is.
    pub fn ordinal(&self, row: usize) -> Option<usize> {
        self.stub(row)?;
        let headings = self.headings.partition_point(|&h| (h as usize) < row);
        Some(row + 1 - headings)
    }

    /// The row showing `stub`, if it is in the timeline.
    pub fn find(&self, stub: Stub) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Item(stub))
    }

    /// The item row nearest `row`: itself, else the next one in the
    /// direction of travel, else the one before it.
    pub fn item_row(&self, row: usize, forward: bool) -> Option<usize> {
        let row = row.min(self.rows.len().checked_sub(1)?);
        if self.stub(row).is_some() {
            return Some(row);
        }
        let ahead = |r: usize| {
            if forward {
                r.checked_add(1)
            } else {
                r.checked_sub(1)
            }
        };
        let behind = |r: usize| {
            if forward {
                r.checked_sub(1)
            } else {
                r.checked_add(1)
            }
        };
        // Headings are never next to each other, and every one has an item
        // after it: one step either way finds an item.
        [ahead(row), behind(row)]
            .into_iter()
            .flatten()
            .find(|&r| self.stub(r).is_some())
    }
}

/// The day a date falls on.
pub fn day_of(date: &Date) -> Day {
    (date.year, date.month, date.day)
}

/// The time of day of a date written with one (`10:00`), if it has one.
pub fn time_of(date: &Date) -> Option<&str> {
    let text = date.text.as_str();
    matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' '))
        .then(|| text.get(11..16))
        .flatten()
}

/// A day as ISO 8601: `2025-12-02`.
pub fn day_text((y, m, d): Day) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A day's heading: `2025-12-02 Tuesday`.
pub fn day_label(day: Day) -> String {
    format!("{} {}", day_text(day), weekday(day))
}

/// The day of the week (proleptic Gregorian calendar).
pub fn weekday(day: Day) -> &'static str {
    const NAMES: [&str; 7] = [
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
    ];
    NAMES[days_since_epoch(day).rem_euclid(7) as usize]
}

/// Days from 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_since_epoch((y, m, d): Day) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A tag and how many items (and briefings) carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: Box<str>,
    pub items: usize,
    pub briefings: usize,
}

/// tag -> (items, briefings, the last source counted for it, plus one).
type Counts<'a> = HashMap<&'a str, (usize, usize, usize)>;

fn count<'a>(counts: &mut Counts<'a>, tag: &'a str, items: usize, source: usize) {
    let c = counts.entry(tag).or_default();
    c.0 += items;
    if c.2 != source {
        c.1 += 1;
        c.2 = source;
    }
}

/// Every tag of `sources` with its counts, most used first, then by name.
/// A briefing's tag counts for each of its items.
pub fn tag_counts(sources: &[(u32, &Digest)]) -> Vec<TagCount> {
    let mut counts: Counts<'_> = HashMap::new();
    for (pos, &(_, d)) in sources.iter().enumerate() {
        for (k, tag) in d.tags.iter().enumerate() {
            if !d.tags[..k].contains(tag) {
                count(&mut counts, tag, d.items.len(), pos + 1);
            }
        }
        for item in d.items.iter() {
            for (k, tag) in item.tags.iter().enumerate() {
                if !d.tags.contains(tag) && !item.tags[..k].contains(tag) {
                    count(&mut counts, tag, 1, pos + 1);
                }
            }
        }
    }
    let mut out: Vec<TagCount> = (counts.into_iter())
        .map(|(tag, (items, briefings, _))| TagCount {
            tag: tag.into(),
            items,
            briefings,
        })
        .collect();
    out.sort_unstable_by(|a, b| b.items.cmp(&a.items).then_with(|| a.tag.cmp(&b.tag)));
    out
}

#[cfg(test)]
#[path = "timeline/tests.rs"]
pub(crate) mod tests;
