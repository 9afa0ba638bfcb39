//! Text shaping for the views: sanitising, reflowing prose into wrapped lines,
//! and cutting single lines to a width.

use crate::model::sanitize::{sanitize, sanitize_inline};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Prose broken into blocks: paragraphs (hard line breaks joined, as in
/// Markdown) and `- ` bullets, separated as the author separated them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    Bullet(String),
    Gap,
}

/// Splits sanitised prose into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let clean = sanitize(text);
    let mut out: Vec<Block> = Vec::new();
    for raw in clean.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if !matches!(out.last(), None | Some(Block::Gap)) {
                out.push(Block::Gap);
            }
        } else if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            out.push(Block::Bullet(rest.trim().to_string()));
        } else {
            match out.last_mut() {
                Some(Block::Para(p)) | Some(Block::Bullet(p)) => {
                    p.push(' ');
                    p.push_str(line);
                }
                _ => out.push(Block::Para(line.to_string())),
            }
        }
    }
    if matches!(out.last(), Some(Block::Gap)) {
        out.pop();
    }
    out
}

/// Wraps one paragraph of already-sanitised text with indents, as owned strings.
pub fn wrap_with(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width.max(first.width() + 1).max(rest.width() + 1);
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Prose (paragraphs and bullets) as styled, wrapped lines.
pub fn prose(text: &str, width: usize, style: Style, bullet: &str) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let bullet_first = format!("{bullet} ");
    let bullet_rest = " ".repeat(bullet_first.width());
    for block in blocks(text) {
        let wrapped = match &block {
            Block::Para(p) => wrap_with(p, width, "", ""),
            Block::Bullet(b) => wrap_with(b, width, &bullet_first, &bullet_rest),
            Block::Gap => vec![String::new()],
        };
        lines.extend(wrapped.into_iter().map(|l| Line::styled(l, style)));
    }
    lines
}

/// A single paragraph (sanitised, newlines folded) wrapped with indents.
pub fn para(text: &str, width: usize, style: Style, first: &str, rest: &str) -> Vec<Line<'static>> {
    wrap_with(&sanitize_inline(text), width, first, rest)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// Cuts a single-line string to `width` columns, ending with `ellipsis` when cut.
pub fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    out
}

/// A line of spans cut to `width` columns (cells past the edge are dropped by
/// ratatui anyway; this adds the ellipsis so the cut is visible).
pub fn fit_spans(spans: Vec<Span<'static>>, width: usize, ellipsis: &str) -> Line<'static> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut left = width;
    for span in spans {
        let w = span.content.width();
        if w < left {
            left -= w;
            out.push(span);
        } else {
            out.push(Span::styled(fit(&span.content, left, ellipsis), span.style));
            break;
        }
    }
    Line::from(out)
}

/// `1 item`, `2 items`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The plain text of lines, one per row, trailing spaces trimmed.
pub fn plain(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_hard_wrapped_lines_and_split_bullets() {
        let text = "First line\ncontinues here.\n\n- one\n- two\n  wraps\n\nLast.";
        assert_eq!(
            blocks(text),
            vec![
                Block::Para("First line continues here.".into()),
                Block::Gap,
                Block::Bullet("one".into()),
                Block::Bullet("two wraps".into()),
                Block::Gap,
                Block::Para("Last.".into()),
            ]
        );
    }

    #[test]
    fn prose_wraps_to_width_and_never_exceeds_it() {
        let lines = prose(
            "- a bullet that is long enough to wrap twice over",
            16,
            Style::new(),
            "*",
        );
        assert!(lines.len() >= 3);
        for l in &lines {
            assert!(l.width() <= 16, "{l:?}");
        }
        assert!(lines[1].spans[0].content.starts_with("  "));
    }

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("hello", 10, "…"), "hello");
        assert_eq!(fit("hello world", 6, "…"), "hello…");
        assert_eq!(fit("日本語テキスト", 5, "…"), "日本…");
        assert_eq!(fit("abc", 0, "…"), "");
    }

    #[test]
    fn tiny_widths_do_not_panic() {
        for w in 0..4 {
            let _ = prose("- some words here", w, Style::new(), "•");
            let _ = para("x y z", w, Style::new(), "> ", "  ");
        }
    }
}
