//! `brief schema` and the loader agree: every bundled briefing is valid
//! against the schema, and each mistake below fails both the schema and the
//! loader.

use brief::model::load_str;
use brief::tools::schema::schema;
use serde_json::Value as Json;

/// TOML as an editor's schema validator sees it: dates become strings.
fn to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn schema_errors(text: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(&schema()).expect("a valid 2020-12 schema");
    let doc: toml::Value = toml::from_str(text).expect("TOML");
    validator
        .iter_errors(&to_json(&doc))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn every_bundled_briefing_is_valid() {
    let mut checked = 0;
    for entry in std::fs::read_dir("briefings").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                schema_errors(&text),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 1);
    let generated = brief::sample::generate(2, 3);
    assert_eq!(schema_errors(&generated), Vec::<String>::new());
    // And the starter `brief new` writes.
    let starter = brief::tools::new::template("T", "2026-01-15", std::path::Path::new("t.toml"));
    assert_eq!(schema_errors(&starter), Vec::<String>::new());
}

#[test]
fn the_schema_is_2020_12_and_documents_the_keys() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["additionalProperties"], false);
    let item = &s["$defs"]["RawItem"];
    assert_eq!(item["additionalProperties"], false);
    assert!(item["properties"]["severity"]["enum"].is_array());
    assert!(
        item["properties"]["body"]["description"]
            .as_str()
            .unwrap()
            .contains("paragraphs")
    );
    // TOML has no null: optional keys are plain strings.
    assert_eq!(item["properties"]["summary"]["type"], "string");
    assert!(!s.to_string().contains("\"null\""), "no null anywhere");
}

const GOOD: &str = r#"
[briefing]
title = "T"
date = 2025-12-02
summary = "S"

[actor.putin]
name = "Vladimir Putin"

[[section]]
title = "Talks"
kind = "talks"

[[section.item]]
title = "Item"
severity = "high"
actors = ["putin"]
"#;

#[test]
fn mistakes_fail_the_schema_and_the_loader_alike() {
    assert_eq!(schema_errors(GOOD), Vec::<String>::new());
    assert!(load_str("good.toml", GOOD).is_ok());
    let linked = GOOD.replace(
        "name = \"Vladimir Putin\"",
        "name = \"V\"\nsame_as = [\"vladimir-putin\"]",
    );
    assert_eq!(schema_errors(&linked), Vec::<String>::new());
    assert!(load_str("linked.toml", &linked).is_ok());
    let mistakes = [
        ("misspelt key", GOOD.replace("summary = ", "sumary = ")),
        ("misspelt item key", GOOD.replace("severity =", "severty =")),
        ("wrong type", GOOD.replace("title = \"T\"", "title = 3")),
        ("bad severity", GOOD.replace("\"high\"", "\"severe\"")),
        (
            "unknown table",
            GOOD.replace("[actor.putin]", "[actors.putin]"),
        ),
        (
            "bad actor id",
            GOOD.replace("[actor.putin]", "[actor.Putin]")
                .replace("[\"putin\"]", "[\"Putin\"]"),
        ),
        (
            "bad same_as id",
            GOOD.replace(
                "name = \"Vladimir Putin\"",
                "name = \"V\"\nsame_as = [\"Putin\"]",
            ),
        ),
        (
            "same_as not a list",
            GOOD.replace(
                "name = \"Vladimir Putin\"",
                "name = \"V\"\nsame_as = \"putin2\"",
            ),
        ),
        ("missing title", GOOD.replace("title = \"Item\"\n", "")),
        (
            "date not a date",
            GOOD.replace("2025-12-02", "\"next week\""),
        ),
        (
            "list not a string",
            GOOD.replace("actors = [\"putin\"]", "actors = \"putin\""),
        ),
        (
            "no sections",
            GOOD[..GOOD.find("[[section]]").unwrap()].to_string(),
        ),
    ];
    for (what, text) in mistakes {
        assert!(
            !schema_errors(&text).is_empty(),
            "{what}: the schema accepts it"
        );
        assert!(
            load_str("bad.toml", &text).is_err(),
            "{what}: the loader accepts it"
        );
    }
}
