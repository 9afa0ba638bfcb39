//! The plan: cuts where the lexer finds the headers, one piece when cutting
//! would change the meaning, and the limits.

use super::*;

const HEAD: &str = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\n";

fn cuts(text: &str) -> Vec<(usize, bool)> {
    let plan = plan(text).expect("within the limits");
    plan.cuts.iter().map(|c| (c.at, c.item)).collect()
}

#[test]
fn cuts_are_at_the_header_lines_the_lexer_finds() {
    let text = format!(
        "{HEAD}[[section]]\ntitle = \"A\"\n[[section.item]] # one\ntitle = \"i\"\n\
         body = \"\"\"\n[[section]]\n[[section.item]]\n\"\"\"\nx = [\n[[1]],\n]\n\
         [section.item.stances]\na = \"b\"\n[[section.item.quote]]\nby = \"p\"\n\
           [[ section . item ]]\ntitle = \"j\"\n[[section]]\ntitle = \"B\"\n"
    );
    let at = |needle: &str, nth: usize| text.match_indices(needle).nth(nth).unwrap().0;
    assert_eq!(
        cuts(&text),
        [
            (at("[[section]]", 0), false),
            (at("[[section.item]]", 0), true),
            (at("[[ section . item ]]", 0), true),
            (at("[[section]]", 2), false),
        ]
    );
    let plan = plan(&text).unwrap();
    assert_eq!(
        plan.cuts[0].items, 2,
        "the items that follow the first section"
    );
    let tokens: usize = plan.cuts.iter().map(|c| c.tokens).sum();
    assert!(tokens > 0 && tokens < text.len());
}

#[test]
fn what_cutting_would_change_makes_one_piece() {
    let one_piece = [
        // A declaration after the sections.
        format!("{HEAD}[[section]]\ntitle = \"A\"\n[actor.x]\nname = \"X\"\n"),
        // `section` as a top-level key.
        format!("section = []\n{HEAD}[[section]]\ntitle = \"A\"\n"),
        format!("\"section\".x = 1\n{HEAD}[[section]]\ntitle = \"A\"\n"),
        // An item before any section, or a quoted header.
        format!("{HEAD}[[section.item]]\ntitle = \"i\"\n[[section]]\ntitle = \"A\"\n"),
        format!("{HEAD}[[\"section\"]]\ntitle = \"A\"\n"),
        format!("{HEAD}[[section]]\ntitle = \"A\"\n[section.extra]\n"),
    ];
    for text in one_piece {
        assert_eq!(cuts(&text), [], "{text}");
    }
    // A `section` key inside a table is that table's.
    let inner = format!("{HEAD}section = 1\n[[section]]\ntitle = \"A\"\n");
    assert_eq!(cuts(&inner).len(), 1);
}

#[test]
fn a_piece_past_the_token_limit_is_refused_where_it_passes() {
    let items = "\"a\",".repeat(MAX_PIECE_TOKENS / 2 + 10);
    let text = format!(
        "{HEAD}[[section]]\ntitle = \"A\"\n[[section.item]]\ntitle = \"i\"\ntags = [{items}]\n"
    );
    let err = plan(&text).expect_err("too long");
    assert_eq!(err.code, "too-big");
    assert!(err.message.contains("since line 6"), "{}", err.message);
    let at = err.span.unwrap().start;
    let start = text.find("tags").unwrap();
    assert!(at > start && at < text.len(), "{at}");
    // The same values spread over items load.
    let per_item = format!(
        "[[section.item]]\ntitle = \"i\"\ntags = [{}]\n",
        "\"a\",".repeat(100)
    );
    let spread = format!(
        "{HEAD}[[section]]\ntitle = \"A\"\n{}",
        per_item.repeat(MAX_PIECE_TOKENS / 200 + 10)
    );
    assert!(plan(&spread).is_ok());
}

#[test]
fn one_piece_files_count_all_their_tokens() {
    let item = format!("[[section.item]]\ntitle = \"{}\"\n", "i".repeat(80));
    let text = format!(
        "{HEAD}[[section]]\ntitle = \"A\"\n{}[actor.x]\nname = \"X\"\n",
        item.repeat(MAX_PIECE_TOKENS / 8)
    );
    let err = plan(&text).expect_err("one piece, too long");
    let at = text.find("[actor.x]").unwrap();
    assert_eq!(
        err.span,
        Some(at..at + 1),
        "points at what made it one piece"
    );
    assert!(err.help.unwrap().contains("before the first `[[section]]`"));
}

#[test]
fn many_small_values_are_refused_against_the_file_size() {
    // Tiny values: the estimate passes the budget within the file.
    let n = FLOOR / COST_VALUE * 2;
    let tags = "\"\",".repeat(n / 1000);
    let item = format!("[[section.item]]\ntitle = \"i\"\ntags = [{tags}]\n");
    let text = format!("{HEAD}[[section]]\ntitle = \"A\"\n{}", item.repeat(1000));
    let err = plan(&text).expect_err("too dense");
    assert!(
        err.message.contains("too many small values"),
        "{}",
        err.message
    );
    assert!(err.span.unwrap().start < text.len());
    // As many values with room to spare in the text load.
    let long = format!("\"{}\",", "x".repeat(2 * COST_VALUE / 5));
    let item = format!(
        "[[section.item]]\ntitle = \"i\"\ntags = [{}]\n",
        long.repeat(n / 1000)
    );
    let text = format!("{HEAD}[[section]]\ntitle = \"A\"\n{}", item.repeat(1000));
    assert!(plan(&text).is_ok());
}
