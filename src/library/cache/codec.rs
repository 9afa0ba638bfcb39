//! The bytes of a cache record: a [`Card`] written field by field (lengths
//! first, little-endian numbers) and read back with every length checked
//! against what is left, so a damaged record reads as `None`, never as a
//! panic or a huge allocation.

use super::Card;
use crate::library::outline::Outline;
use crate::model::digest::{Digest, DigestActor, DigestItem, DigestQuote};
use crate::model::{Briefing, Date, ItemRef, Severity};
use std::sync::Arc;

/// Appends values to a record.
#[derive(Default)]
pub struct Out(pub Vec<u8>);

impl Out {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn strs<S: AsRef<str>>(&mut self, list: &[S]) {
        self.len(list.len());
        list.iter().for_each(|s| self.str(s.as_ref()));
    }
    fn date(&mut self, d: &Date) {
        self.u32(u32::from(d.year));
        self.u8(d.month);
        self.u8(d.day);
        self.str(&d.text);
    }
    fn opt_date(&mut self, d: Option<&Date>) {
        match d {
            Some(d) => {
                self.u8(1);
                self.date(d);
            }
            None => self.u8(0),
        }
    }
}

/// Reads values back, each checked against what is left.
pub struct In<'a>(pub &'a [u8]);

impl<'a> In<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (n <= self.0.len()).then(|| self.0.split_at(n))?;
        self.0 = rest;
        Some(head)
    }
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    /// A count of things each at least `min` bytes long: never more than
    /// what is left could hold (a damaged count allocates nothing huge).
    pub fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min.max(1)) <= self.0.len()).then_some(n)
    }
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn boxed(&mut self) -> Option<Box<str>> {
        self.str().map(Box::from)
    }
    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }
    fn list<T>(
        &mut self,
        min: usize,
        mut read: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n = self.count(min)?;
        (0..n).map(|_| read(self)).collect()
    }
    fn date(&mut self) -> Option<Date> {
        Some(Date {
            year: u16::try_from(self.u32()?).ok()?,
            month: self.u8()?,
            day: self.u8()?,
            text: self.string()?,
        })
    }
}

pub fn put_card(out: &mut Out, card: &Card) {
    put_outline(out, &card.outline);
    out.len(card.items.len());
    for section in &card.items {
        out.len(section.len());
        for (key, hash) in section {
            out.str(key);
            out.u64(*hash);
        }
    }
    put_digest(out, &card.digest);
}

pub fn get_card(r: &mut In<'_>) -> Option<Card> {
    let outline = get_outline(r)?;
    let items = r.list(4, |r| r.list(12, |r| Some((r.string()?, r.u64()?))))?;
    let digest = Arc::new(get_digest(r)?);
    Some(Card {
        outline,
        items,
        digest,
    })
}

fn put_outline(out: &mut Out, o: &Outline) {
    let b = &o.front;
    out.str(&b.title);
    out.date(&b.date);
    out.opt_str(b.subtitle.as_deref());
    out.opt_str(b.summary.as_deref());
    out.strs(&b.key_points);
    out.opt_str(b.classification.as_deref());
    out.opt_str(b.author.as_deref());
    out.opt_date(b.updated.as_ref());
    out.strs(&b.tags);
    out.len(o.sections);
    out.len(o.items);
}

fn get_outline(r: &mut In<'_>) -> Option<Outline> {
    let front = Briefing {
        title: r.string()?,
        date: r.date()?,
        subtitle: r.opt(In::string)?,
        summary: r.opt(In::string)?,
        key_points: r.list(4, In::string)?,
        classification: r.opt(In::string)?,
        author: r.opt(In::string)?,
        updated: r.opt(In::date)?,
        tags: r.list(4, In::string)?,
        actors: Vec::new(),
        sources: Vec::new(),
        sections: Vec::new(),
    };
    Some(Outline {
        front,
        sections: r.u32()? as usize,
        items: r.u32()? as usize,
    })
}

fn put_digest(out: &mut Out, d: &Digest) {
    out.str(&d.title);
    out.date(&d.date);
    out.strs(&d.tags);
    out.len(d.actors.len());
    for a in &d.actors {
        out.str(&a.id);
        out.str(&a.name);
        out.opt_str(a.role.as_deref());
        out.opt_str(a.side.as_deref());
        out.strs(&a.same_as);
    }
    out.strs(&d.sections);
    out.len(d.items.len());
    for item in &d.items {
        out.len(item.at.section);
        out.len(item.at.item);
        out.str(&item.id);
        out.str(&item.title);
        out.opt_date(item.date.as_ref());
        out.u8(item.severity.map_or(0, |s| s as u8 + 1));
        out.strs(&item.tags);
        out.len(item.actors.len());
        item.actors.iter().for_each(|&a| out.u32(a));
        out.len(item.quotes.len());
        for q in &item.quotes {
            out.u32(q.by);
            out.str(&q.text);
            out.opt_str(q.context.as_deref());
        }
    }
}

fn get_digest(r: &mut In<'_>) -> Option<Digest> {
    Some(Digest {
        title: r.boxed()?,
        date: r.date()?,
        tags: r.list(4, In::boxed)?.into(),
        actors: r.list(10, get_actor)?.into(),
        sections: r.list(4, In::boxed)?.into(),
        items: r.list(30, get_item)?.into(),
    })
}

fn get_actor(r: &mut In<'_>) -> Option<DigestActor> {
    Some(DigestActor {
        id: r.boxed()?,
        name: r.boxed()?,
        role: r.opt(In::boxed)?,
        side: r.opt(In::boxed)?,
        same_as: r.list(4, In::boxed)?.into(),
    })
}

fn get_item(r: &mut In<'_>) -> Option<DigestItem> {
    let at = ItemRef {
        section: r.u32()? as usize,
        item: r.u32()? as usize,
    };
    Some(DigestItem {
        at,
        id: r.boxed()?,
        title: r.boxed()?,
        date: r.opt(In::date)?,
        severity: match r.u8()? {
            0 => None,
            n => Some(
                *[
                    Severity::Low,
                    Severity::Medium,
                    Severity::High,
                    Severity::Critical,
                ]
                .get(usize::from(n) - 1)?,
            ),
        },
        tags: r.list(4, In::boxed)?.into(),
        actors: r.list(4, In::u32)?.into(),
        quotes: (r.list(9, |r| {
            Some(DigestQuote {
                by: r.u32()?,
                text: r.boxed()?,
                context: r.opt(In::boxed)?,
            })
        })?)
        .into(),
    })
}
