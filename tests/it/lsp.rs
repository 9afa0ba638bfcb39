//! `brief lsp` driven over stdio as an editor drives it: initialize, open,
//! several changes (one leaves the file broken), completion at several
//! places, hover, definition, references, rename and its refusals, code
//! actions, document symbols, shutdown and exit. Lines hold CJK, emoji and
//! combining marks, so every position is checked in UTF-16 (and in UTF-8
//! where the client offers it).

use crate::common::lsp::{Client, URI, apply, at, doc_at, position_of, started};
use serde_json::{Value, json};

/// A clean briefing whose lines mix scripts before the places the tests use.
const TEXT: &str = include_str!("../fixtures/lsp/talks.toml");

fn labels(list: &Value) -> Vec<String> {
    let items = list["items"].as_array().expect("a completion list");
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Replaces the `nth` `old` in `text` by `new`, as a didChange edit (UTF-16).
fn edit(text: &mut String, old: &str, nth: usize, new: &str) -> Value {
    let start = at(text, old, nth, 0);
    let end = at(text, old, nth, old.chars().count());
    let offset = text.match_indices(old).nth(nth).unwrap().0;
    text.replace_range(offset..offset + old.len(), new);
    json!({"range": {"start": start, "end": end}, "text": new})
}

#[test]
fn a_whole_editing_session() {
    let mut c = started();
    let mut text = TEXT.to_string();
    c.open(URI, &text);
    assert_eq!(
        c.diagnostics(URI, 1),
        Vec::<Value>::new(),
        "the briefing is clean"
    );

    // Two edits in one change: a typo in the inline quote (after CJK, an
    // emoji and a combining mark on its line) and a misspelt key.
    let typo = edit(&mut text, "\"putin\" }", 0, "\"ptuin\" }");
    let key = edit(&mut text, "severity", 0, "severty");
    c.change(URI, 2, json!([typo, key]));
    let diags = c.diagnostics(URI, 2);
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "unknown-actor")
        .expect("unknown actor");
    // The help follows the message (not every editor shows related notes).
    let message = "unknown actor `ptuin`\nhelp: did you mean `putin`?";
    assert_eq!(unknown["message"], message);
    assert_eq!(unknown["range"]["start"], at(&text, "\"ptuin\"", 0, 0));
    assert_eq!(unknown["range"]["end"], at(&text, "\"ptuin\"", 0, 7));
    let help = &unknown["relatedInformation"][0];
    assert_eq!(help["message"], "help: did you mean `putin`?");
    let key = diags.iter().find(|d| d["code"] == "unknown-key");
    let key = key.expect("the misspelt key");
    let params = json!({"textDocument": {"uri": URI}, "range": key["range"],
        "context": {"diagnostics": [key]}});
    let actions = c.call("textDocument/codeAction", params);
    let said = "unknown key `severty` in `[[section.item]]`\nhelp: did you mean `severity`?";
    assert_eq!(key["message"], said);
    assert_eq!(actions[0]["title"], "Change to `severity`");
    let fixed = apply(
        &text,
        actions[0]["edit"]["changes"][URI].as_array().unwrap(),
    );
    assert!(fixed.contains("\nseverity = \"high\"\n"), "{fixed}");

    // Quick fixes for the unknown actor: the suggestion and a declaration.
    let params = json!({"textDocument": {"uri": URI}, "range": unknown["range"],
        "context": {"diagnostics": [unknown]}});
    let actions = c.call("textDocument/codeAction", params);
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Change to `putin`", "Declare actor `ptuin`"]);
    let fixed = apply(
        &text,
        actions[0]["edit"]["changes"][URI].as_array().unwrap(),
    );
    assert!(fixed.contains("by = \"putin\" }]"), "{fixed}");
    let declared = apply(
        &text,
        actions[1]["edit"]["changes"][URI].as_array().unwrap(),
    );
    let stub =
        "role = \"President of Ukraine\"\n\n[actor.ptuin]\nname = \"ptuin\"\n\n[source.tass]";
    assert!(declared.contains(stub), "{declared}");

    // A broken edit: an unterminated string. The check says so...
    let broken = edit(&mut text, "\"The talks\"", 0, "\"The talks");
    c.change(URI, 3, json!([broken]));
    let diags = c.diagnostics(URI, 3);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "toml-syntax");
    // ...and completion still works elsewhere in the file.
    let by = text.find("by = \"putin\"").unwrap();
    let mut typing = text.clone();
    typing.replace_range(by..by + "by = \"putin\"".len(), "by = \"");
    c.change(URI, 4, json!([{"text": typing}]));
    let list = c.call(
        "textDocument/completion",
        doc_at(at(&typing, "by = \"", 0, 6)),
    );
    assert_eq!(labels(&list), ["putin", "zelensky"]);
    let putin = &list["items"][0];
    assert_eq!(putin["detail"], "Vladimir Putin — President of Russia");
    assert_eq!(
        putin["textEdit"]["newText"], "putin",
        "inside the quotes: the bare id"
    );
    text = TEXT.to_string();
    c.change(URI, 5, json!([{"text": text}]));
    assert_eq!(c.diagnostics(URI, 5), Vec::<Value>::new());
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn completion_at_several_places() {
    let mut c = started();
    let text = TEXT
        .replace("severity = \"high\"\n", "sev\n")
        .replace("kind = \"talks\"", "kind = ");
    c.open(URI, &text);
    let complete = |c: &mut Client, pos| c.call("textDocument/completion", doc_at(pos));
    // A key in an item: the keys it does not have yet, documented.
    let keys = complete(&mut c, at(&text, "sev\n", 0, 3));
    let severity = (keys["items"].as_array().unwrap().iter())
        .find(|i| i["label"] == "severity")
        .unwrap();
    assert_eq!(severity["detail"], "one of low, medium, high, critical");
    assert!(
        severity["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("How serious")
    );
    assert_eq!(severity["textEdit"]["newText"], "severity = ");
    assert!(
        !labels(&keys).contains(&"title".to_string()),
        "the item has a title"
    );
    // A section kind, unquoted so far: quoted in.
    let kinds = complete(&mut c, at(&text, "kind = ", 0, 7));
    assert_eq!(
        labels(&kinds),
        ["talks", "positions", "pressure", "concerns", "context"]
    );
    assert_eq!(kinds["items"][0]["textEdit"]["newText"], "\"talks\"");
    // Actors in an array: those not listed yet.
    let more = text.replace(
        "actors = [\"putin\", \"zelensky\"]",
        "actors = [\"putin\", \"\"]",
    );
    c.change(URI, 2, json!([{"text": more}]));
    let actors = complete(&mut c, at(&more, "\"putin\", \"", 0, 10));
    assert_eq!(labels(&actors), ["zelensky"]);
    // Sources where sources go; headers after `[`.
    let sources = complete(&mut c, at(&more, "source = \"tass", 0, 10));
    assert_eq!(labels(&sources), ["tass"]);
    assert_eq!(sources["items"][0]["detail"], "TASS report");
    let header = more.replace("[[section.item.quote]]", "[[sec");
    c.change(URI, 3, json!([{"text": header}]));
    let headers = complete(&mut c, at(&header, "[[sec", 0, 5));
    assert!(labels(&headers).contains(&"[[section.item.quote]]".to_string()));
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn hover_definition_references_and_symbols() {
    let mut c = started();
    c.open(URI, TEXT);
    let hover = c.call(
        "textDocument/hover",
        doc_at(at(TEXT, "by = \"putin\"", 0, 7)),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**Vladimir Putin** — President of Russia"),
        "{value}"
    );
    assert!(
        value.contains("side: Russia") && value.contains("actor `putin`, 3 uses"),
        "{value}"
    );
    let source = c.call("textDocument/hover", doc_at(at(TEXT, "\"tass\"]", 0, 2)));
    let value = source["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("**TASS report**") && value.contains("State agency"),
        "{value}"
    );
    let key = c.call("textDocument/hover", doc_at(at(TEXT, "severity", 0, 2)));
    assert!(
        key["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("How serious")
    );

    // From the use in the inline quote (after CJK and emoji) to `[actor.putin]`.
    let def = c.call(
        "textDocument/definition",
        doc_at(at(TEXT, "\"putin\" }", 0, 3)),
    );
    assert_eq!(def["uri"], URI);
    assert_eq!(def["range"]["start"], at(TEXT, "putin]", 0, 0));
    let refs = json!({"textDocument": {"uri": URI}, "position": at(TEXT, "putin]", 0, 1),
        "context": {"includeDeclaration": false}});
    let refs = c.call("textDocument/references", refs);
    assert_eq!(refs.as_array().unwrap().len(), 3);
    assert_eq!(refs[2]["range"]["start"], at(TEXT, "\"putin\" }", 0, 0));

    let symbols = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["会谈 🙂 Talks", "actors", "sources", "The talks"]);
    let section = &symbols[3];
    assert_eq!(section["detail"], "talks");
    let items: Vec<&str> = section["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["北京 meeting 🙂", "Second"]);
    assert_eq!(section["children"][0]["children"][0]["name"], "putin");
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn rename_and_its_refusals() {
    let mut c = started();
    c.open(URI, TEXT);
    let pos = at(TEXT, "\"putin\",", 0, 2);
    let prepared = c.call("textDocument/prepareRename", doc_at(pos.clone()));
    assert_eq!(prepared["placeholder"], "putin");
    assert_eq!(prepared["range"]["start"], at(TEXT, "\"putin\",", 0, 1));
    let rename =
        |name: &str| json!({"textDocument": {"uri": URI}, "position": pos, "newName": name});
    let edit = c.call("textDocument/rename", rename("vvp"));
    let renamed = apply(TEXT, edit["changes"][URI].as_array().unwrap());
    assert_eq!(renamed, TEXT.replace("putin", "vvp"));
    for (name, says) in [
        ("zelensky", "already exists"),
        ("Not Valid", "not a valid id"),
        ("", "not a valid id"),
    ] {
        let err = c.call_err("textDocument/rename", rename(name));
        assert_eq!(err["code"], -32803, "{err}");
        assert!(err["message"].as_str().unwrap().contains(says), "{err}");
    }
    let nothing = c.call(
        "textDocument/prepareRename",
        doc_at(at(TEXT, "Bottom", 0, 1)),
    );
    assert_eq!(nothing, Value::Null);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let mut c = Client::start();
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let text = TEXT.replace("by = \"putin\" }", "by = \"ptuin\" }");
    c.open(URI, &text);
    let diags = c.diagnostics(URI, 1);
    let unknown = diags.iter().find(|d| d["code"] == "unknown-actor").unwrap();
    assert_eq!(
        unknown["range"]["start"],
        position_of(&text, "\"ptuin\"", 0, 0, true)
    );
    // The help follows the message; no related notes for a client that takes none.
    assert!(unknown.get("relatedInformation").is_none(), "{unknown}");
    assert_eq!(
        unknown["message"],
        "unknown actor `ptuin`\nhelp: did you mean `putin`?"
    );
    let def = c.call(
        "textDocument/definition",
        doc_at(position_of(&text, "\"putin\",", 0, 2, true)),
    );
    assert_eq!(
        def["range"]["start"],
        position_of(&text, "putin]", 0, 0, true)
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}
