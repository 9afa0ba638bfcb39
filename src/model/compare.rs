//! The comparable fields of each part of a briefing, in canonical form: what
//! `brief diff` compares and what the reader hashes for its "updated" marks.
//!
//! One list of fields serves both, so an item is "updated" in the reader
//! exactly when `brief diff` reports it changed. Canonical means: references
//! are ids (never indices), quotes are a sorted set and stances are keyed by
//! issue, so reordering either changes nothing.

use super::{Actor, Briefing, Date, Item, Quote, Section, Source};
use serde::Serialize;

/// A field's value in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// One value; `None` when the field is absent.
    Text(Option<String>),
    /// A list whose order matters (points, tags, actor ids).
    List(Vec<String>),
    /// A list whose order does not matter, kept sorted (quotes).
    Set(Vec<String>),
    /// Values keyed by name, sorted by key (stances by issue).
    Map(Vec<(String, String)>),
}

/// One named field. Every part of one kind yields the same names in the
/// same order, so two lists compare position by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub value: Value,
}

fn text(name: &'static str, value: &str) -> Field {
    opt(name, Some(value))
}

fn opt(name: &'static str, value: Option<&str>) -> Field {
    Field {
        name,
        value: Value::Text(value.map(str::to_string)),
    }
}

fn date(name: &'static str, value: Option<&Date>) -> Field {
    opt(name, value.map(|d| d.text.as_str()))
}

fn list(name: &'static str, values: &[String]) -> Field {
    Field {
        name,
        value: Value::List(values.to_vec()),
    }
}

/// Ids of the actors (or sources) at these indices, in order.
fn ids<T>(all: &[T], at: &[usize], id: impl Fn(&T) -> &str) -> Vec<String> {
    at.iter()
        .map(|&i| all.get(i).map_or("", &id).to_string())
        .collect()
}

/// The briefing's own fields (the `[briefing]` table).
pub fn header_fields(b: &Briefing) -> Vec<Field> {
    vec![
        text("title", &b.title),
        date("date", Some(&b.date)),
        opt("subtitle", b.subtitle.as_deref()),
        opt("summary", b.summary.as_deref()),
        list("key_points", &b.key_points),
        opt("classification", b.classification.as_deref()),
        opt("author", b.author.as_deref()),
        date("updated", b.updated.as_ref()),
        list("tags", &b.tags),
    ]
}

pub fn actor_fields(a: &Actor) -> Vec<Field> {
    vec![
        text("name", &a.name),
        opt("role", a.role.as_deref()),
        opt("side", a.side.as_deref()),
        list("aliases", &a.aliases),
        list("same_as", &a.same_as),
    ]
}

pub fn source_fields(s: &Source) -> Vec<Field> {
    vec![
        text("title", &s.title),
        opt("publisher", s.publisher.as_deref()),
        opt("url", s.url.as_deref()),
        date("date", s.date.as_ref()),
        opt("note", s.note.as_deref()),
    ]
}

/// A section's own fields (its items are compared one by one).
pub fn section_fields(s: &Section) -> Vec<Field> {
    vec![
        text("title", &s.title),
        text("kind", s.kind.as_str()),
        opt("summary", s.summary.as_deref()),
    ]
}

/// Everything a reader sees of an item, but its id and place.
pub fn item_fields(b: &Briefing, it: &Item) -> Vec<Field> {
    let actor = |i: usize| b.actors.get(i).map(|a| a.id.as_str());
    let mut quotes: Vec<String> = it.quotes.iter().map(|q| quote_text(b, q)).collect();
    quotes.sort();
    let mut stances: Vec<(String, String)> = (it.stances.iter())
        .map(|s| (s.issue.clone(), s.text.clone()))
        .collect();
    stances.sort();
    vec![
        text("title", &it.title),
        opt("summary", it.summary.as_deref()),
        opt("body", it.body.as_deref()),
        list("points", &it.points),
        date("date", it.date.as_ref()),
        opt("severity", it.severity.map(|s| s.as_str())),
        opt("party", it.party.and_then(actor)),
        list("actors", &ids(&b.actors, &it.actors, |a| &a.id)),
        list("sources", &ids(&b.sources, &it.sources, |s| &s.id)),
        list("tags", &it.tags),
        Field {
            name: "stances",
            value: Value::Map(stances),
        },
        Field {
            name: "quotes",
            value: Value::Set(quotes),
        },
    ]
}

/// A quote as one line: `by: "text" (context) [source]`, with ids.
pub fn quote_text(b: &Briefing, q: &Quote) -> String {
    let by = b.actors.get(q.by).map_or("", |a| a.id.as_str());
    let mut out = format!("{by}: \"{}\"", q.text);
    if let Some(context) = &q.context {
        out.push_str(&format!(" ({context})"));
    }
    if let Some(source) = q.source.and_then(|s| b.sources.get(s)) {
        out.push_str(&format!(" [{}]", source.id));
    }
    out
}

/// A stable hash (FNV-1a) of an item's canonical fields: the reader marks an
/// item "updated" when this changes, which is when `brief diff` reports the
/// item changed.
pub fn content_hash(b: &Briefing, item: &Item) -> u64 {
    hash_fields(&item_fields(b, item))
}

/// FNV-1a over the fields; each string is terminated by 0xff (never in UTF-8).
/// The values are stored in read state, so these bytes must never change.
pub fn hash_fields(fields: &[Field]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in fields {
        h = feed(h, f.name);
        match &f.value {
            Value::Text(None) => h = feed(h, "-"),
            // `=` then the text, fed as one string without building it.
            Value::Text(Some(s)) => h = feed(fnv(h, b"="), s),
            Value::List(v) | Value::Set(v) => {
                h = feed(h, &v.len().to_string());
                h = v.iter().fold(h, |h, s| feed(h, s));
            }
            Value::Map(m) => {
                h = feed(h, &m.len().to_string());
                h = m.iter().fold(h, |h, (k, v)| feed(feed(h, k), v));
            }
        }
    }
    h
}

/// One string and its 0xff terminator.
fn feed(h: u64, s: &str) -> u64 {
    fnv(fnv(h, s.as_bytes()), &[0xff])
}

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &byte| {
        (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A value as shown in a change: one string, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Shown {
    Text(String),
    List(Vec<String>),
}

/// One field that differs. Quotes are reported one per added or removed
/// quote (`old` or `new` is `None`), stances one per issue
/// (`stances.<issue>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Shown>,
    pub new: Option<Shown>,
}

impl FieldChange {
    fn text(field: String, old: Option<&String>, new: Option<&String>) -> Self {
        Self {
            field,
            old: old.cloned().map(Shown::Text),
            new: new.cloned().map(Shown::Text),
        }
    }
}

/// The fields that differ between two field lists of the same kind of part.
pub fn diff_fields(old: &[Field], new: &[Field]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (o, n) in old.iter().zip(new) {
        let name = o.name.to_string();
        match (&o.value, &n.value) {
            (a, b) if a == b => {}
            (Value::Text(a), Value::Text(b)) => {
                out.push(FieldChange::text(name, a.as_ref(), b.as_ref()))
            }
            (Value::Set(a), Value::Set(b)) => set_changes(&name, a, b, &mut out),
            (Value::Map(a), Value::Map(b)) => map_changes(&name, a, b, &mut out),
            (a, b) => out.push(FieldChange {
                field: name,
                old: Some(shown(a)),
                new: Some(shown(b)),
            }),
        }
    }
    out
}

fn shown(v: &Value) -> Shown {
    match v {
        Value::Text(s) => Shown::Text(s.clone().unwrap_or_default()),
        Value::List(v) | Value::Set(v) => Shown::List(v.clone()),
        Value::Map(m) => Shown::List(m.iter().map(|(k, v)| format!("{k}: {v}")).collect()),
    }
}

/// Removed then added elements of two sorted lists (as multisets).
fn set_changes(name: &str, old: &[String], new: &[String], out: &mut Vec<FieldChange>) {
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                gone.push(a);
                i += 1;
            }
            (Some(a), None) => {
                gone.push(a);
                i += 1;
            }
            (_, Some(b)) => {
                came.push(b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let gone = gone
        .into_iter()
        .map(|s| FieldChange::text(name.into(), Some(s), None));
    let came = came
        .into_iter()
        .map(|s| FieldChange::text(name.into(), None, Some(s)));
    out.extend(gone.chain(came));
}

/// One change per key whose value differs, in key order.
fn map_changes(
    name: &str,
    old: &[(String, String)],
    new: &[(String, String)],
    out: &mut Vec<FieldChange>,
) {
    let find = |m: &'_ [(String, String)], k: &str| {
        m.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&String> = old.iter().chain(new).map(|(k, _)| k).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (a, b) = (find(old, k), find(new, k));
        if a != b {
            out.push(FieldChange::text(
                format!("{name}.{k}"),
                a.as_ref(),
                b.as_ref(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stance, load_str};

    const FILE: &str = r#"
[briefing]
title = "T"
date = 2025-12-02
summary = "S"

[actor.a]
name = "A"

[actor.b]
name = "B"

[[section]]
title = "Talks"

[[section.item]]
title = "Meeting"
stances = { x = "one", y = "two" }

[[section.item.quote]]
by = "a"
text = "First."

[[section.item.quote]]
by = "b"
text = "Second."
"#;

    fn briefing() -> Briefing {
        load_str("t.toml", FILE).expect("loads").briefing
    }

    fn hash_after(edit: impl Fn(&mut Item)) -> u64 {
        let mut b = briefing();
        edit(&mut b.sections[0].items[0]);
        content_hash(&b, &b.sections[0].items[0])
    }

    #[test]
    fn order_of_quotes_and_stances_does_not_count() {
        let before = hash_after(|_| {});
        assert_eq!(hash_after(|it| it.quotes.reverse()), before);
        assert_eq!(hash_after(|it| it.stances.reverse()), before);
    }

    #[test]
    fn every_visible_field_counts() {
        let before = hash_after(|_| {});
        type Edit = fn(&mut Item);
        let edits: [(&str, Edit); 8] = [
            ("title", |it| it.title.push('!')),
            ("summary", |it| it.summary = Some("new".into())),
            ("points", |it| it.points.push("p".into())),
            ("actors", |it| it.actors.push(1)),
            ("party", |it| it.party = Some(0)),
            ("quote text", |it| it.quotes[0].text.push('!')),
            ("quote by", |it| it.quotes[0].by = 1),
            ("stance", |it| {
                it.stances.push(Stance {
                    issue: "z".into(),
                    text: "three".into(),
                })
            }),
        ];
        for (what, edit) in edits {
            assert_ne!(hash_after(edit), before, "{what}");
        }
    }

    #[test]
    fn a_value_moving_between_fields_is_a_change() {
        let a = hash_after(|it| it.summary = Some("x".into()));
        let b = hash_after(|it| it.body = Some("x".into()));
        assert_ne!(a, b);
    }

    #[test]
    fn diff_fields_lists_quotes_and_stances_one_by_one() {
        let old = briefing();
        let mut new = briefing();
        let it = &mut new.sections[0].items[0];
        it.quotes.remove(0);
        it.stances[1].text = "changed".into();
        let fields = diff_fields(
            &item_fields(&old, &old.sections[0].items[0]),
            &item_fields(&new, &new.sections[0].items[0]),
        );
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["stances.y", "quotes"]);
        assert_eq!(fields[1].old, Some(Shown::Text("a: \"First.\"".into())));
        assert_eq!(fields[1].new, None);
    }
}
