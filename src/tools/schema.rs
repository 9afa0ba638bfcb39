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
