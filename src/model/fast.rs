//! The fast path for files that are right: serde straight into the raw types
//! (as fast as toml itself), then the same validation as always. Anything
//! serde rejects goes to the walker, which finds every error, not just the first.
//!
//! Big files are read a piece at a time, cut where [`super::scan`] found the
//! `[[section]]` and `[[section.item]]` header lines: toml builds its token
//! list, event list and document tree for the whole input before serde sees
//! it (about 10x the text at the peak), so reading a group of pieces at a
//! time keeps that scaffolding small, and the peak near the text plus the
//! model. A piece's spans are shifted back to offsets in the whole file.

use super::Briefing;
use super::diagnostic::Diags;
use super::raw::{RawActor, RawBriefing, RawItem, RawSection, RawSource, Str};
use super::scan::{Cut, Plan};
use super::shift::Shift;
use super::validate::Validation;
use super::walk::{Decl, ItemNode, Tree};
use indexmap::IndexMap as Map;
use serde::Deserialize;
use toml::Spanned;

/// The whole file with the spans the validator needs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastFile {
    briefing: Spanned<RawBriefing>,
    #[serde(default)]
    actor: Map<Str, RawActor>,
    #[serde(default)]
    source: Map<Str, RawSource>,
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
}

/// A group that starts at a `[[section]]` header: sections and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionChunk {
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
}

/// A group that starts at a `[[section.item]]` header: more items of the
/// section before it (toml reads `section` as a table here).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemChunk {
    section: ItemsOnly,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemsOnly {
    item: Vec<Spanned<RawItem>>,
}

/// Tokens read in one parse, about: pieces are grouped up to this many.
const GROUP_TOKENS: usize = 1 << 15;

/// Consecutive pieces read in one parse, as (start, end, starts at an item).
/// A group that starts at an item ends before the next section: toml would
/// read `[[section]]` after `[[section.item]]` as redefining `section`.
pub fn groups(len: usize, cuts: &[Cut]) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut tokens = 0;
    for (i, cut) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(len, |next| next.at);
        match out.last_mut() {
            Some(group) if tokens + cut.tokens <= GROUP_TOKENS && (cut.item || !group.2) => {
                group.1 = end;
                tokens += cut.tokens;
            }
            _ => {
                out.push((cut.at, end, cut.item));
                tokens = cut.tokens;
            }
        }
    }
    out
}

/// True when no string in `text` can hold a character the control-character
/// warning must report: none raw, and no escape (`\b`, `\f`, `\e`, `\x`,
/// `\u`, `\U`) that could decode to one. Otherwise the walker scans them.
fn obviously_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\\'
                if matches!(
                    bytes.get(i + 1),
                    Some(b'b' | b'f' | b'e' | b'x' | b'u' | b'U')
                ) =>
            {
                return false;
            }
            b'\n' | b'\t' | b'\r' => {}
            0..=0x1f | 0x7f => return false,
            // Only text outside ASCII can hold C1, bidi or invisible
            // characters: decode just those, at their first byte.
            0xc0.. => {
                let unsafe_char = text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(super::sanitize::is_unsafe);
                if unsafe_char {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// The briefing (`Some(None)` when it has errors), read by serde as `plan`
/// says and validated a piece at a time; `None` when serde rejects a piece,
/// for the walker to start over and say why.
pub fn load(text: &str, plan: &Plan, diags: &mut Diags) -> Option<Option<Briefing>> {
    if !obviously_clean(text) {
        return None;
    }
    let head_end = plan.cuts.first().map_or(text.len(), |c| c.at);
    let mut file: FastFile = toml::from_str(&text[..head_end]).ok()?;
    let inline = std::mem::take(&mut file.section);
    // serde defaults a missing `section` to empty; the walker reports it as
    // an error, so such a file goes to the walker. A file in pieces has
    // its sections after the head, never in it.
    if inline.is_empty() == plan.cuts.is_empty() {
        return None;
    }
    let mut v = Validation::new(head(file), text, diags);
    for s in inline {
        let items = s.get_ref().item.len();
        feed_section(&mut v, s, items, diags);
    }
    let mut sections = plan.cuts.iter().filter(|c| !c.item);
    for (start, end, item) in groups(text.len(), &plan.cuts) {
        let piece = &text[start..end];
        if item {
            let chunk: ItemChunk = toml::from_str(piece).ok()?;
            for it in chunk.section.item {
                v.item(item_node(it.shift(start)), diags);
            }
            continue;
        }
        let chunk: SectionChunk = toml::from_str(piece).ok()?;
        for s in chunk.section {
            let items = s.get_ref().item.len() + sections.next().map_or(0, |c| c.items);
            feed_section(&mut v, s.shift(start), items, diags);
        }
    }
    Some(v.finish(diags))
}

/// The head as the walker's tree (without sections).
fn head(file: FastFile) -> Tree {
    Tree {
        briefing: Some(file.briefing),
        actors: decls(file.actor),
        sources: decls(file.source),
        sections: Vec::new(),
    }
}

fn decls<T>(map: Map<Str, T>) -> Vec<Decl<T>> {
    map.into_iter()
        .map(|(id, v)| Decl { id, value: Some(v) })
        .collect()
}

/// A section and its items, to the validation.
fn feed_section(v: &mut Validation, s: Spanned<RawSection>, items: usize, diags: &mut Diags) {
    let span = s.span();
    let mut head = s.into_inner();
    let raw_items = std::mem::take(&mut head.item);
    v.section(span, Some(head), items, diags);
    for it in raw_items {
        v.item(item_node(it), diags);
    }
}

fn item_node(it: Spanned<RawItem>) -> ItemNode {
    let span = it.span();
    let mut item = it.into_inner();
    let quotes = std::mem::take(&mut item.quote)
        .into_iter()
        .map(Some)
        .collect();
    ItemNode {
        span,
        head: Some(item),
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::{Diagnostic, Diags};
    use crate::model::scan::plan;
    use crate::model::{validate::validate, walk::walk};

    #[test]
    fn only_safe_text_is_obviously_clean() {
        assert!(obviously_clean("title = \"“Useful” talks — café, 会谈\"\n"));
        for bad in [
            "a\u{85}b",
            "a\u{9b}b",
            "a\u{202e}b",
            "a\u{200b}b",
            "a\u{e0041}b",
            "a\u{1b}b",
            "a\u{7f}b",
            "x = \"\\u0041\"",
        ] {
            assert!(!obviously_clean(bad), "{bad:?}");
        }
    }

    /// (briefing, diagnostics) by the fast path and by the walker, each in
    /// pieces as the plan says, and by the walker in one piece.
    fn both(text: &str) -> [(Option<Briefing>, Vec<Diagnostic>); 3] {
        let plan = plan(text).expect("within the limits");
        let mut fast_diags = Diags::new();
        let quick = load(text, &plan, &mut fast_diags).expect("takes the fast path");
        let mut slow_diags = Diags::new();
        let slow = crate::model::walk::load(text, &plan, &mut slow_diags);
        let mut whole_diags = Diags::new();
        let whole = walk(text, &mut whole_diags).expect("walks");
        let whole = validate(whole, text, &mut whole_diags);
        [
            (quick, fast_diags.into_parts().0),
            (slow, slow_diags.into_parts().0),
            (whole, whole_diags.into_parts().0),
        ]
    }

    #[test]
    fn sections_read_one_at_a_time_point_where_the_walker_does() {
        let mut text = crate::sample::generate(5, 3);
        let cuts = plan(&text).unwrap().cuts;
        assert_eq!(cuts.iter().filter(|c| !c.item).count(), 5);
        assert_eq!(cuts.iter().filter(|c| c.item).count(), 15);
        // Semantic errors and warnings in the last sections: spans must be file offsets.
        text = text.replacen("by = \"putin\"", "by = \"ptuin\"", 1);
        let last = text.rfind("severity = \"").expect("a severity");
        text.replace_range(last..last + 14, "severity = \"hihg");
        text.push_str("[[section]]\ntitle = \"Empty\"\n\n[[section]]\ntitle = \"Empty\"\n");
        let [(quick, fast), (slow, walked), (whole, one_piece)] = both(&text);
        assert!(quick.is_none() && slow.is_none() && whole.is_none());
        assert!(fast.len() >= 4, "{fast:#?}");
        assert_eq!(fast, walked);
        assert_eq!(fast, one_piece);
        let clean = crate::sample::generate(6, 4);
        let [(quick, fast), (slow, walked), whole] = both(&clean);
        assert!(quick.is_some());
        assert_eq!((&quick, &fast), (&slow, &walked));
        assert_eq!((quick, fast), whole);
    }

    #[test]
    fn errors_in_later_groups_point_where_the_one_piece_walker_does() {
        // Hundreds of items: several groups, some starting at an item.
        let mut text = crate::sample::generate(2, 150);
        let cuts = plan(&text).unwrap().cuts;
        let groups = groups(text.len(), &cuts);
        assert!(groups.len() >= 2 && groups.last().unwrap().2, "{groups:?}");
        let last = text.rfind("by = \"").unwrap();
        text.replace_range(last..last + 6, "by = \"zz");
        let date = text.rfind("date = 2025-12-").unwrap();
        text.replace_range(date..date + 15, "date = \"x\"\n# ");
        let [(quick, fast), (slow, walked), (whole, one_piece)] = both(&text);
        assert!(quick.is_none() && slow.is_none() && whole.is_none());
        assert_eq!(fast, walked);
        assert_eq!(fast, one_piece);
        assert!(fast.iter().any(|d| d.code == "bad-date"), "{fast:#?}");
        assert!(fast.iter().any(|d| d.code == "unknown-actor"), "{fast:#?}");
        // A value serde rejects: the walker reads the pieces, and finds what
        // it finds in one piece.
        let tags = text.rfind("tags = [").unwrap();
        text.replace_range(tags..tags + 8, "tags = [1, ");
        let plan = plan(&text).unwrap();
        assert!(load(&text, &plan, &mut Diags::new()).is_none());
        let mut pieces = Diags::new();
        assert!(crate::model::walk::load(&text, &plan, &mut pieces).is_none());
        let mut whole = Diags::new();
        let tree = walk(&text, &mut whole).expect("walks");
        assert!(validate(tree, &text, &mut whole).is_none());
        let (pieces, whole) = (pieces.into_parts().0, whole.into_parts().0);
        assert_eq!(pieces, whole);
        assert!(pieces.iter().any(|d| d.code == "wrong-type"), "{pieces:#?}");
    }

    #[test]
    fn a_header_inside_a_string_or_after_sections_reads_in_one_piece() {
        let head = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n";
        let text = format!(
            "{head}[[section]]\ntitle = \"A\"\n[[section.item]]\ntitle = \"i\"\n\
             body = \"\"\"\n[[section]]\n\"\"\"\n[[section]]\ntitle = \"B\"\n\
             [[section.item]]\ntitle = \"j\"\n"
        );
        let b = both(&text)[0].0.clone().expect("valid");
        assert_eq!(
            plan(&text).unwrap().cuts.len(),
            4,
            "cuts only at the real headers"
        );
        assert_eq!(b.sections.len(), 2);
        assert_eq!(
            b.sections[0].items[0].body.as_deref(),
            Some("[[section]]\n")
        );
        let later = format!(
            "{head}[[section]]\ntitle = \"A\"\n[[section.item]]\ntitle = \"i\"\nactors = [\"x\"]\n\
             [actor.x]\nname = \"X\"\n[[section]]\ntitle = \"B\"\n[[section.item]]\ntitle = \"j\"\n"
        );
        assert_eq!(plan(&later).unwrap().cuts, [], "read in one piece");
        let [(quick, fast), (slow, walked), _] = both(&later);
        assert!(quick.is_some());
        assert_eq!((quick, fast), (slow, walked));
    }

    #[test]
    fn a_file_without_sections_is_an_error_on_every_path() {
        // Found by helper-6's schema agreement tests: the fast path once let it through.
        let text = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n";
        let mut diags = Diags::new();
        assert!(
            load(text, &plan(text).unwrap(), &mut diags).is_none(),
            "the walker must see it"
        );
        let report = crate::model::load_str("x.toml", text).expect_err("no sections");
        assert_eq!(report.errors(), 1, "{:?}", report.diagnostics);
    }

    #[test]
    fn an_inline_section_array_before_headers_is_not_merged() {
        let text = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n\
                    section = [{ title = \"A\", item = [{ title = \"i\" }] }]\n\
                    [[section]]\ntitle = \"B\"\n";
        // `section` here is a key of `[briefing]`: only the walker reads it.
        let mut diags = Diags::new();
        assert!(load(text, &plan(text).unwrap(), &mut diags).is_none());
        let report = crate::model::load_str("x.toml", text).expect_err("unknown key");
        assert_eq!(report.diagnostics[0].code, "unknown-key");
        // At the top level, it is invalid TOML (an inline array cannot be
        // extended), and the file is read in one piece to say so.
        let top = format!("section = []\n{text}");
        assert_eq!(plan(&top).unwrap().cuts, [], "read in one piece");
        let report = crate::model::load_str("x.toml", &top).expect_err("invalid");
        assert_eq!(report.diagnostics[0].code, "toml-syntax");
    }

    /// The generator the benches and tests use: its briefings load clean.
    #[test]
    fn generated_briefings_load_clean_and_scale() {
        let text = crate::sample::generate(4, 5);
        let loaded = crate::model::load_str("gen", &text).unwrap();
        assert_eq!(loaded.briefing.item_count(), 20);
        assert_eq!(loaded.report.diagnostics, vec![]);
        let per_item = text.len() / 20;
        assert!((900..1800).contains(&per_item), "{per_item} bytes an item");
        assert_eq!(text, crate::sample::generate(4, 5), "deterministic");
        let positions = &loaded.briefing.sections[1];
        assert!(
            positions
                .items
                .iter()
                .all(|i| i.stances.len() >= 3 && i.party.is_some())
        );
    }
}
