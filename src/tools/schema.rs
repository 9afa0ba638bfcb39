//! `brief schema`: a JSON Schema (draft 2020-12) of the briefing format,
//! generated from the loader's own serde types, for editors with TOML schema
//! support (taplo, Even Better TOML): key completion, hover docs, and
//! mistakes flagged as you type.

use crate::model::raw::RawFile;

/// Where the schema says it lives; editors use it only as a name.
const ID: &str = "https://github.com/brief-reader/brief/briefing.schema.json";

/// The schema as a JSON value.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(RawFile).to_value();
    strip_null(&mut schema);
    // The loader requires at least one section (serde alone would default
    // the list to empty).
    schema["required"] = serde_json::json!(["briefing", "section"]);
    schema["properties"]["section"]["minItems"] = 1.into();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), ID.into());
        obj.insert("title".into(), "brief briefing file".into());
        obj.insert(
            "description".into(),
            "A briefing for the `brief` reader: a [briefing] header, [actor.<id>] and \
             [source.<id>] tables, and [[section]]s of [[section.item]]s. \
             See docs/format.md."
                .into(),
        );
    }
    schema
}

/// TOML has no null: schemars allows `null` for `Option` fields, which would
/// only mislead an editor, so the type lists lose it.
fn strip_null(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if map.get("default").is_some_and(serde_json::Value::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(strip_null);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// The schema as pretty-printed JSON with a final newline.
pub fn to_string() -> String {
    crate::model::json::pretty(&schema()).unwrap_or_default()
}

/// One key of a table as the schema documents it: for `brief lsp`'s
/// completion and hover, so that an editor and the schema say the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDoc {
    pub key: &'static str,
    /// The doc comment on the field in `model::raw`.
    pub doc: String,
    /// What the value is, in words: "string", "array of strings", "date"...
    pub kind: String,
    pub required: bool,
}

/// The tables of the format by the raw type that reads each: `RawFile`
/// for the top level, the others by their names in the schema's `$defs`.
pub const TABLES: [&str; 7] = [
    "RawFile",
    "RawBriefing",
    "RawActor",
    "RawSource",
    "RawSection",
    "RawItem",
    "RawQuote",
];

/// The keys of the table read by raw type `name` (one of [`TABLES`]), in
/// the order the serde derive declares them, documented from `schema`.
pub fn key_docs(schema: &serde_json::Value, name: &str) -> Vec<KeyDoc> {
    use crate::model::fields::struct_fields;
    use crate::model::raw::*;
    let fields = match name {
        "RawFile" => struct_fields::<RawFile>(),
        "RawBriefing" => struct_fields::<RawBriefing>(),
        "RawActor" => struct_fields::<RawActor>(),
        "RawSource" => struct_fields::<RawSource>(),
        "RawSection" => struct_fields::<RawSection>(),
        "RawItem" => struct_fields::<RawItem>(),
        "RawQuote" => struct_fields::<RawQuote>(),
        _ => &[],
    };
    let table = match name {
        "RawFile" => schema,
        _ => &schema["$defs"][name],
    };
    let required = table["required"].as_array();
    let is_required = |key: &str| required.is_some_and(|r| r.iter().any(|k| k == key));
    (fields.iter())
        .map(|&key| {
            let prop = &table["properties"][key];
            KeyDoc {
                key,
                doc: prop["description"].as_str().unwrap_or_default().to_string(),
                kind: kind(prop),
                required: is_required(key),
            }
        })
        .collect()
}

/// A property's type in words.
fn kind(prop: &serde_json::Value) -> String {
    if prop
        .get("pattern")
        .is_some_and(|p| p.as_str().is_some_and(|p| p.starts_with("^[0-9]{4}")))
    {
        return "date".into();
    }
    if let Some(values) = prop["enum"].as_array() {
        let names: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
        return format!("one of {}", names.join(", "));
    }
    match prop["type"].as_str() {
        Some("array") => {
            let of = &prop["items"];
            let inner = match of["$ref"].as_str() {
                Some(r) => table_name(r),
                None => format!("{}s", kind(of)),
            };
            format!("array of {inner}")
        }
        Some("object") if prop.get("additionalProperties").is_some() => {
            let of = &prop["additionalProperties"];
            match of["$ref"].as_str() {
                Some(r) => format!("{} by id", table_name(r)),
                None => format!("table of {}s", kind(of)),
            }
        }
        Some(t) => t.to_string(),
        None => "value".into(),
    }
}

/// `#/$defs/RawItem` -> `item tables`.
fn table_name(reference: &str) -> String {
    let name = reference.rsplit('/').next().unwrap_or_default();
    let bare = name.strip_prefix("Raw").unwrap_or(name).to_lowercase();
    format!("{bare} tables")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_every_table_is_documented() {
        let schema = schema();
        for name in TABLES {
            let docs = key_docs(&schema, name);
            assert!(!docs.is_empty(), "{name}");
            for d in &docs {
                assert!(!d.doc.is_empty(), "{name}.{}", d.key);
                assert!(!d.kind.is_empty(), "{name}.{}", d.key);
            }
        }
        let item = key_docs(&schema, "RawItem");
        let severity = item.iter().find(|d| d.key == "severity").unwrap();
        assert_eq!(severity.kind, "one of low, medium, high, critical");
        let date = item.iter().find(|d| d.key == "date").unwrap();
        assert_eq!(date.kind, "date");
        let actors = item.iter().find(|d| d.key == "actors").unwrap();
        assert_eq!(actors.kind, "array of strings");
        let stances = item.iter().find(|d| d.key == "stances").unwrap();
        assert_eq!(stances.kind, "table of strings");
        let actor = key_docs(&schema, "RawFile");
        let actor = actor.iter().find(|d| d.key == "actor").unwrap();
        assert_eq!(actor.kind, "actor tables by id");
        let quote = key_docs(&schema, "RawQuote");
        assert!(quote.iter().find(|d| d.key == "by").unwrap().required);
        assert!(!quote.iter().find(|d| d.key == "source").unwrap().required);
        let top = key_docs(&schema, "RawFile");
        let section = top.iter().find(|d| d.key == "section").unwrap();
        assert_eq!(section.kind, "array of section tables");
        assert_eq!(key_docs(&schema, "RawNothing"), []);
    }
}
