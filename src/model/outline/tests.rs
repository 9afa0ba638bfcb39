use super::*;

fn names(t: &Table) -> String {
    t.dotted()
}

fn keys(t: &Table) -> Vec<String> {
    t.entries.iter().map(Entry::dotted).collect()
}

fn strings(text: &str, v: &Value) -> Vec<String> {
    (v.strings.iter())
        .map(|s| Outline::decode(text, s.clone()).unwrap())
        .collect()
}

#[test]
fn tables_entries_and_strings() {
    let text = "top = 1\n[briefing]\ntitle = \"A \\\"b\\\"\" # c\ndate = 2025-12-02\n\n\
                [actor.'united states']\nname = 'US'\n[[section.item]]\nactors = [\"a\", 'b',\n  \"c\"]\n";
    let o = Outline::new(text);
    let heads: Vec<String> = o.tables.iter().map(names).collect();
    assert_eq!(
        heads,
        ["", "briefing", "actor.united states", "section.item"]
    );
    assert_eq!(keys(&o.tables[0]), ["top"]);
    assert_eq!(keys(&o.tables[1]), ["title", "date"]);
    let title = &o.tables[1].entries[0].value;
    assert_eq!(title.kind, ValueKind::String);
    assert_eq!(strings(text, title), ["A \"b\""]);
    let date = &o.tables[1].entries[1].value;
    assert_eq!(
        (date.kind, &text[date.span.clone()]),
        (ValueKind::Other, "2025-12-02")
    );
    assert!(o.tables[3].array && !o.tables[2].array);
    let actors = &o.tables[3].entries[0].value;
    assert_eq!(actors.kind, ValueKind::Array);
    assert_eq!(strings(text, actors), ["a", "b", "c"]);
    assert!(text[actors.span.clone()].ends_with("\"c\"]"));
    // Spans tile the text.
    assert_eq!(o.tables[0].span.start, 0);
    for pair in o.tables.windows(2) {
        assert_eq!(pair[0].span.end, pair[1].span.start);
    }
    assert_eq!(o.tables.last().unwrap().span.end, text.len());
    assert_eq!(o.table_at(0), 0);
    assert_eq!(o.table_at(text.find("date").unwrap()), 1);
    assert_eq!(o.table_at(text.len()), 3);
}

#[test]
fn a_key_being_typed_and_a_missing_value() {
    let text = "[briefing]\nsumm\ntitle =\nauthor = # who\n";
    let o = Outline::new(text);
    let t = &o.tables[1];
    assert_eq!(keys(t), ["summ", "title", "author"]);
    assert!(t.entries.iter().all(|e| e.value.kind == ValueKind::Missing));
    assert_eq!(t.entries[0].value.span, 15..15);
}

#[test]
fn an_unclosed_array_stops_before_the_next_header_or_key() {
    let text = "[[section.item]]\nactors = [\"a\",\n[actor.b]\nname = \"B\"\n\
                [[section.item]]\nsources = [\"x\",\ntitle = \"T\"\n";
    let o = Outline::new(text);
    let heads: Vec<String> = o.tables.iter().map(names).collect();
    assert_eq!(heads, ["", "section.item", "actor.b", "section.item"]);
    assert_eq!(keys(&o.tables[2]), ["name"]);
    assert_eq!(keys(&o.tables[3]), ["sources", "title"]);
    assert_eq!(strings(text, &o.tables[1].entries[0].value), ["a"]);
}

#[test]
fn an_inline_table_may_span_lines() {
    let text = "[actor]\nputin = {\n  name = \"P\",\n}\nnext = 1\n";
    let o = Outline::new(text);
    assert_eq!(keys(&o.tables[1]), ["putin", "next"]);
    assert_eq!(o.tables[1].entries[0].value.kind, ValueKind::InlineTable);
    let inline = &o.tables[1].entries[0].value.inline;
    assert_eq!(inline.len(), 1);
    assert_eq!(
        (inline[0].0.name.as_str(), &text[inline[0].1.clone()]),
        ("name", "\"P\"")
    );
}

#[test]
fn strings_in_inline_tables_keep_their_keys() {
    let text = "quote = [{ text = \"会谈\", by = \"putin\" }, {by='x', n = 1, a.source = \"s\"}]\n";
    let o = Outline::new(text);
    let v = &o.tables[0].entries[0].value;
    let pairs: Vec<(&str, String)> = (v.inline.iter())
        .map(|(k, s)| (k.name.as_str(), Outline::decode(text, s.clone()).unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("text", "会谈".into()),
            ("by", "putin".into()),
            ("by", "x".into()),
            ("source", "s".into())
        ]
    );
    assert!(v.strings.is_empty(), "no string is directly in the array");
}

#[test]
fn an_unterminated_multiline_string_ends_at_its_line() {
    let text = "[briefing]\nsummary = \"\"\"half\n[actor.x]\nname = \"X\"\n";
    let o = Outline::new(text);
    let heads: Vec<String> = o.tables.iter().map(names).collect();
    assert_eq!(heads, ["", "briefing", "actor.x"]);
    let closed = "[briefing]\nsummary = \"\"\"\n[actor.x]\n\"\"\"\n";
    assert_eq!(Outline::new(closed).tables.len(), 2);
}

#[test]
fn broken_and_empty_texts() {
    for text in [
        "",
        "[",
        "[[",
        "]",
        "=",
        "a.",
        "a = [",
        "a = {",
        "\"",
        "'''",
        "[a.\"b",
        "x = \"\"\"",
        "\u{feff}[briefing]",
        "a = [[[[[[",
        "\r\n\r\n",
        "é = 'ü'",
    ] {
        let o = Outline::new(text);
        assert_eq!(o.tables[0].span.start, 0, "{text:?}");
        assert_eq!(o.tables.last().unwrap().span.end, text.len(), "{text:?}");
    }
}

#[test]
fn first_definitions_of_duplicates() {
    let text = "[actor.putin]\nname = \"A\"\nname = \"B\"\n[actor.putin]\n";
    let o = Outline::new(text);
    let second_name = text.rfind("name").unwrap();
    let first = o.first_definition(second_name..second_name + 4).unwrap();
    assert_eq!(first.start, text.find("name").unwrap());
    let second_header = text.rfind("putin").unwrap();
    let first = o
        .first_definition(second_header..second_header + 5)
        .unwrap();
    assert_eq!(first.start, text.find("putin").unwrap());
    // Defined by a dotted key in the parent table first.
    let text = "[actor]\nputin.name = \"A\"\n[actor.putin]\n";
    let o = Outline::new(text);
    let second = text.rfind("putin").unwrap();
    let first = o.first_definition(second..second + 5).unwrap();
    assert_eq!(first.start, text.find("putin").unwrap());
    assert_eq!(o.first_definition(0..1), None);
}
