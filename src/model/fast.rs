//! The fast path for files that are right: serde straight into the raw types
//! (as fast as toml itself), then the same validation as always. Anything
//! serde rejects goes to the walker, which finds every error, not just the first.

use super::raw::{RawActor, RawBriefing, RawSection, RawSource, Str};
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

/// True when no string in `text` can hold a character the control-character
/// warning must report: none raw, and no escape (`\b`, `\f`, `\e`, `\x`,
/// `\u`, `\U`) that could decode to one. Otherwise the walker scans them.
fn obviously_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut non_ascii = false;
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
            0x80.. => non_ascii = true,
            _ => {}
        }
    }
    // Only text outside ASCII can hold C1, bidi or invisible characters.
    !non_ascii || !text.chars().any(super::sanitize::is_unsafe)
}

/// The walker's tree, read in one serde pass, or `None` to take the slow path.
pub fn tree(text: &str) -> Option<Tree> {
    if !obviously_clean(text) {
        return None;
    }
    let file: FastFile = toml::from_str(text).ok()?;
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
