//! The fast path for files that are right: serde straight into the raw types
//! (as fast as toml itself), then the same validation as always. Anything
//! serde rejects goes to the walker, which finds every error, not just the first.
//!
//! Big files are read a `[[section]]` at a time: toml builds its token list,
//! event list and document tree for the whole input before serde sees it
//! (about 10x the file size at the peak), so one section at a time keeps that
//! scaffolding the size of a section, and the peak near the text plus the
//! model. A section's spans are shifted back to offsets in the whole file.

use super::raw::{RawActor, RawBriefing, RawDate, RawItem, RawQuote, RawSection, RawSource, Str};
use super::walk::{Decl, ItemNode, SectionNode, Tree};
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

/// A chunk that starts at a `[[section]]` header: sections and nothing else
/// (a declaration after the first section sends the file down the one-piece path).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionChunk {
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
}

/// The line that starts an array-of-tables element of `section`.
const SECTION_HEADER: &str = "[[section]]";

/// Byte offsets of the lines that read exactly `[[section]]` (a trailing `\r`
/// allowed). One inside a multi-line string or array is harmless: the piece
/// before it then ends in an unclosed string or array and fails to parse,
/// and the whole file is read in one piece instead.
fn section_starts(text: &str) -> Vec<usize> {
    let header_at = |at: usize| {
        let rest = &text.as_bytes()[at + SECTION_HEADER.len()..];
        matches!(rest, [] | [b'\n', ..] | [b'\r', b'\n', ..])
    };
    let mut starts = Vec::new();
    if text.starts_with(SECTION_HEADER) && header_at(0) {
        starts.push(0);
    }
    for (i, _) in text.match_indices("\n[[section]]") {
        if header_at(i + 1) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The file read a section at a time; `None` when a piece does not parse on
/// its own (the caller then reads it in one piece).
fn chunked(text: &str, starts: &[usize]) -> Option<FastFile> {
    let first = *starts.first()?;
    let mut file: FastFile = toml::from_str(&text[..first]).ok()?;
    // `section = [...]` before a `[[section]]` header is invalid TOML.
    if !file.section.is_empty() {
        return None;
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    for (&start, end) in starts.iter().zip(ends) {
        let chunk: SectionChunk = toml::from_str(&text[start..end]).ok()?;
        file.section
            .extend(chunk.section.into_iter().map(|s| shift_section(s, start)));
    }
    Some(file)
}

/// A span `by` bytes further on.
fn shift<T>(s: Spanned<T>, by: usize) -> Spanned<T> {
    let span = s.span();
    Spanned::new(span.start + by..span.end + by, s.into_inner())
}

fn shift_opt<T>(s: Option<Spanned<T>>, by: usize) -> Option<Spanned<T>> {
    s.map(|s| shift(s, by))
}

fn shift_all(v: Vec<Str>, by: usize) -> Vec<Str> {
    v.into_iter().map(|s| shift(s, by)).collect()
}

fn shift_section(s: Spanned<RawSection>, by: usize) -> Spanned<RawSection> {
    if by == 0 {
        return s;
    }
    let span = s.span();
    let s = s.into_inner();
    let section = RawSection {
        title: shift(s.title, by),
        kind: shift_opt(s.kind, by),
        id: shift_opt(s.id, by),
        summary: shift_opt(s.summary, by),
        item: s.item.into_iter().map(|i| shift_item(i, by)).collect(),
    };
    Spanned::new(span.start + by..span.end + by, section)
}

fn shift_item(i: Spanned<RawItem>, by: usize) -> Spanned<RawItem> {
    let span = i.span();
    let i = i.into_inner();
    let date: Option<RawDate> = shift_opt(i.date, by);
    let item = RawItem {
        title: shift(i.title, by),
        id: shift_opt(i.id, by),
        summary: shift_opt(i.summary, by),
        body: shift_opt(i.body, by),
        points: shift_all(i.points, by),
        date,
        severity: shift_opt(i.severity, by),
        actors: shift_all(i.actors, by),
        sources: shift_all(i.sources, by),
        tags: shift_all(i.tags, by),
        party: shift_opt(i.party, by),
        stances: (i.stances.into_iter())
            .map(|(k, v)| (k, shift(v, by)))
            .collect(),
        quote: (i.quote.into_iter())
            .map(|q| RawQuote {
                by: shift(q.by, by),
                text: shift(q.text, by),
                context: shift_opt(q.context, by),
                source: shift_opt(q.source, by),
            })
            .collect(),
    };
    Spanned::new(span.start + by..span.end + by, item)
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

/// The walker's tree, read in one serde pass, or `None` to take the slow path.
pub fn tree(text: &str) -> Option<Tree> {
    if !obviously_clean(text) {
        return None;
    }
    let starts = section_starts(text);
    let file = match chunked(text, &starts) {
        Some(file) => file,
        None => toml::from_str(text).ok()?,
    };
    // serde defaults a missing `section` to empty; the walker reports it as
    // an error, so such a file goes to the walker.
    if file.section.is_empty() {
        return None;
    }
    let sections = file.section.into_iter().map(section).collect();
    Some(Tree {
        briefing: Some(file.briefing),
        actors: file
            .actor
            .into_iter()
            .map(|(id, v)| Decl { id, value: Some(v) })
            .collect(),
        sources: file
            .source
            .into_iter()
            .map(|(id, v)| Decl { id, value: Some(v) })
            .collect(),
        sections,
    })
}

fn section(s: Spanned<RawSection>) -> SectionNode {
    let span = s.span();
    let mut head = s.into_inner();
    let items = std::mem::take(&mut head.item)
        .into_iter()
        .map(|it| {
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
        })
        .collect();
    SectionNode {
        span,
        head: Some(head),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Diagnostic;
    use crate::model::{Briefing, validate::validate, walk::walk};

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

    /// (briefing, diagnostics) by the fast path and by the walker.
    fn both(text: &str) -> [(Option<Briefing>, Vec<Diagnostic>); 2] {
        let mut fast_diags = Vec::new();
        let quick = tree(text).expect("takes the fast path");
        let quick = validate(quick, text, &mut fast_diags);
        let mut slow_diags = Vec::new();
        let slow = walk(text, &mut slow_diags).expect("walks");
        let slow = validate(slow, text, &mut slow_diags);
        [(quick, fast_diags), (slow, slow_diags)]
    }

    #[test]
    fn sections_read_one_at_a_time_point_where_the_walker_does() {
        let mut text = crate::sample::generate(5, 3);
        assert_eq!(section_starts(&text).len(), 5);
        // Semantic errors and warnings in the last sections: spans must be file offsets.
        text = text.replacen("by = \"putin\"", "by = \"ptuin\"", 1);
        let last = text.rfind("severity = \"").expect("a severity");
        text.replace_range(last..last + 14, "severity = \"hihg");
        text.push_str("[[section]]\ntitle = \"Empty\"\n\n[[section]]\ntitle = \"Empty\"\n");
        let [(quick, fast), (slow, walked)] = both(&text);
        assert!(quick.is_none() && slow.is_none());
        assert!(fast.len() >= 4, "{fast:#?}");
        assert_eq!(fast, walked);
        let clean = crate::sample::generate(6, 4);
        let [(quick, fast), (slow, walked)] = both(&clean);
        assert!(quick.is_some());
        assert_eq!((quick, fast), (slow, walked));
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
        assert_eq!(b.sections.len(), 2);
        assert_eq!(
            b.sections[0].items[0].body.as_deref(),
            Some("[[section]]\n")
        );
        let later = format!(
            "{head}[[section]]\ntitle = \"A\"\n[[section.item]]\ntitle = \"i\"\nactors = [\"x\"]\n\
             [actor.x]\nname = \"X\"\n[[section]]\ntitle = \"B\"\n[[section.item]]\ntitle = \"j\"\n"
        );
        let [(quick, fast), (slow, walked)] = both(&later);
        assert!(quick.is_some());
        assert_eq!((quick, fast), (slow, walked));
    }

    #[test]
    fn a_file_without_sections_is_an_error_on_every_path() {
        // Found by helper-6's schema agreement tests: the fast path once let it through.
        let text = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n";
        assert!(tree(text).is_none(), "the walker must see it");
        let report = crate::model::load_str("x.toml", text).expect_err("no sections");
        assert_eq!(report.errors(), 1, "{:?}", report.diagnostics);
    }

    #[test]
    fn an_inline_section_array_before_headers_is_not_merged() {
        let text = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n\
                    section = [{ title = \"A\", item = [{ title = \"i\" }] }]\n\
                    [[section]]\ntitle = \"B\"\n";
        // Invalid TOML (an inline array cannot be extended): only the walker reads it.
        assert!(tree(text).is_none());
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
