//! Markdown escaping: structure characters from a briefing stay text, plain
//! prose stays plain, and nothing unsafe gets through.

use super::*;

#[test]
fn prose_is_left_alone() {
    for s in [
        "Talks in Kyiv, 2 December: no deal.",
        "monitoring_force and snake_case stay as written",
        "Trump's envoys (Kushner & Witkoff) - a dash in the middle",
        "“useful” — said Ushakov",
    ] {
        assert_eq!(inline(s), s);
    }
}

#[test]
fn structure_characters_are_escaped() {
    assert_eq!(inline("# not a heading"), "\\# not a heading");
    assert_eq!(inline("- not a list"), "\\- not a list");
    assert_eq!(inline("1. not numbered"), "1\\. not numbered");
    assert_eq!(inline("> not a quote"), "\\> not a quote");
    assert_eq!(inline("a *b* _c_ `d`"), "a \\*b\\* \\_c\\_ \\`d\\`");
    assert_eq!(inline("[x](http://e.vil)"), "\\[x\\](http://e.vil)");
    assert_eq!(inline("a | b"), "a \\| b");
    assert_eq!(inline("<script>"), "\\<script\\>");
    assert_eq!(inline("&amp; & x"), "\\&amp; & x");
}

#[test]
fn controls_and_bidi_are_shown_escaped_never_raw() {
    let out = inline("a\u{1b}]52;c;x\u{7}b\u{202e}c\u{9b}d");
    assert!(
        !out.chars().any(crate::model::sanitize::is_unsafe),
        "{out:?}"
    );
    assert!(out.starts_with('a') && out.ends_with('d'), "{out:?}");
}

#[test]
fn prose_keeps_paragraphs_and_bullets() {
    let md = prose("First line\nwraps here.\n\n- one\n- two\n\nLast.");
    assert_eq!(md, "First line wraps here.\n\n- one\n- two\n\nLast.");
}

#[test]
fn urls_in_links_cannot_close_the_link() {
    let s = crate::model::Source {
        id: "s".into(),
        title: "A [title]".into(),
        publisher: None,
        url: Some("https://e.example/a>b<c".into()),
        date: None,
        note: None,
    };
    assert_eq!(
        source_link(&s),
        "[A \\[title\\]](<https://e.example/a%3Eb%3Cc>)"
    );
    let unsafe_url = crate::model::Source {
        url: Some("javascript:alert(1)".into()),
        ..s
    };
    assert_eq!(source_link(&unsafe_url), "A \\[title\\]");
}
