//! The keys each table takes and their documentation, from the schema
//! (`brief schema`, made from the loader's own serde types), worked out
//! once: completion, hover and `brief schema` cannot disagree.

use crate::model::outline::Table;
use crate::tools::schema::{KeyDoc, TABLES, key_docs, schema};
use std::sync::OnceLock;

/// Every table's keys, by raw type.
fn all() -> &'static [(&'static str, Vec<KeyDoc>)] {
    static DOCS: OnceLock<Vec<(&'static str, Vec<KeyDoc>)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let schema = schema();
        TABLES.iter().map(|&t| (t, key_docs(&schema, t))).collect()
    })
}

/// The raw type that reads a table, from its header.
pub fn raw_type(table: &Table) -> Option<&'static str> {
    let names: Vec<&str> = table.keys.iter().map(|k| k.name.as_str()).collect();
    let raw = match (names.as_slice(), table.array) {
        ([], false) => "RawFile",
        (["briefing"], false) => "RawBriefing",
        (["actor", _], false) => "RawActor",
        (["source", _], false) => "RawSource",
        (["section"], true) => "RawSection",
        (["section", "item"], true) => "RawItem",
        (["section", "item", "quote"], true) => "RawQuote",
        _ => return None,
    };
    Some(raw)
}

/// The keys of the table read by `raw`.
pub fn keys_of(raw: &str) -> &'static [KeyDoc] {
    all()
        .iter()
        .find(|(t, _)| *t == raw)
        .map_or(&[], |(_, k)| k.as_slice())
}

pub fn key_doc(raw: &str, key: &str) -> Option<&'static KeyDoc> {
    keys_of(raw).iter().find(|d| d.key == key)
}

/// The documentation of the last name of a header (`[[section.item]]`: the
/// `item` key of a section), for hover on it.
pub fn header_doc(names: &[&str]) -> Option<&'static KeyDoc> {
    let (parent, last) = match names {
        [last] => ("RawFile", *last),
        ["section", last] => ("RawSection", *last),
        ["section", "item", last] => ("RawItem", *last),
        _ => return None,
    };
    key_doc(parent, last)
}

/// A key's documentation as Markdown: the key, what it takes, the doc.
pub fn markdown(doc: &KeyDoc) -> String {
    let required = if doc.required { ", required" } else { "" };
    format!("`{}`: {}{required}\n\n{}", doc.key, doc.kind, doc.doc)
}

/// The headers a briefing has, each with the key that documents it.
pub const HEADERS: [(&str, &[&str]); 7] = [
    ("[briefing]", &["briefing"]),
    ("[actor.id]", &["actor"]),
    ("[source.id]", &["source"]),
    ("[[section]]", &["section"]),
    ("[[section.item]]", &["section", "item"]),
    ("[[section.item.quote]]", &["section", "item", "quote"]),
    ("[section.item.stances]", &["section", "item", "stances"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outline::Outline;

    #[test]
    fn tables_map_to_their_raw_types_and_keys() {
        let text =
            "[briefing]\n[actor.x]\n[[section]]\n[[section.item]]\n[[section.item.quote]]\n[x]\n";
        let o = Outline::new(text);
        let raws: Vec<Option<&str>> = o.tables.iter().map(raw_type).collect();
        assert_eq!(
            raws,
            [
                Some("RawFile"),
                Some("RawBriefing"),
                Some("RawActor"),
                Some("RawSection"),
                Some("RawItem"),
                Some("RawQuote"),
                None
            ]
        );
        assert!(key_doc("RawItem", "severity").is_some());
        assert!(key_doc("RawItem", "nope").is_none());
        for (_, names) in HEADERS {
            assert!(header_doc(names).is_some(), "{names:?}");
        }
        let md = markdown(key_doc("RawQuote", "by").unwrap());
        assert!(md.starts_with("`by`: string, required\n\n"), "{md}");
    }
}
