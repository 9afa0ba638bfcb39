//! `brief render --format markdown`: a briefing as Markdown that reads well
//! in any viewer (GitHub, glow, an editor). Sections and items are headings,
//! quotes block quotes with attribution, stances a table, sources links.
//! Every string from the briefing is sanitised, then escaped only where it
//! would otherwise change the document's structure. Paragraphs are not
//! wrapped: viewers wrap them.

use crate::doc::text::{Block, blocks};
use crate::model::sanitize::{sanitize, sanitize_inline};
use crate::model::{Briefing, Item, Section};

/// The whole briefing as Markdown.
pub fn briefing(b: &Briefing) -> String {
    let mut out = Md::default();
    header(&mut out, b);
    for (n, s) in b.sections.iter().enumerate() {
        section(&mut out, b, n + 1, s);
    }
    actors_and_sources(&mut out, b);
    out.0
}

/// One item, as its own document (what `Y` copies).
pub fn item_document(b: &Briefing, it: &Item) -> String {
    let mut out = Md::default();
    item(&mut out, b, it, "#");
    out.0
}

/// A Markdown document under construction: blocks separated by blank lines.
#[derive(Default)]
struct Md(String);

impl Md {
    fn block(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(text);
        self.0.push('\n');
    }
}

/// Inline text: sanitised, newlines folded, trimmed (edge spaces mean
/// nothing in Markdown and break emphasis), Markdown specials escaped.
pub fn inline(s: &str) -> String {
    let clean = sanitize_inline(s);
    let clean = clean.trim();
    let mut out = String::with_capacity(clean.len());
    let chars: Vec<char> = clean.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => true,
            // `snake_case` is not emphasis; `_word_` is.
            '_' => !(is_word(prev) && is_word(next)),
            // An entity (`&amp;`) would turn into its character.
            '&' => next.is_some_and(|n| n.is_alphanumeric() || n == '#'),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // In a heading, a trailing run of `#` after a space is a closing sequence.
    let hashes = out.len() - out.trim_end_matches('#').len();
    if hashes > 0 && !out[..out.len() - hashes].ends_with('\\') {
        out.insert(out.len() - hashes, '\\');
    }
    escape_line_start(out)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// A line that starts like a heading, list, rule or numbered item keeps its
/// text: the first character is escaped.
fn escape_line_start(line: String) -> String {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next();
    let list_or_rule = matches!(first, Some('#' | '+' | '-' | '=' | '*'))
        && (trimmed.len() == 1 || trimmed[1..].starts_with([' ', '#', '-', '=', '*', '+']));
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && trimmed[digits..].starts_with(['.', ')']);
    if list_or_rule {
        format!("\\{trimmed}")
    } else if numbered {
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        line
    }
}

/// Prose (paragraphs and `- ` bullets, as the reader shows them) as Markdown.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut last_bullet = false;
    for block in blocks(&sanitize(text)) {
        match block {
            Block::Para(p) => {
                push_sep(&mut out, last_bullet, false);
                out.push_str(&inline(&p));
                last_bullet = false;
            }
            Block::Bullet(p) => {
                push_sep(&mut out, last_bullet, true);
                out.push_str("- ");
                out.push_str(&inline(&p));
                last_bullet = true;
            }
            Block::Gap => {}
        }
    }
    out
}

/// Between blocks: a blank line, except between bullets of one list.
fn push_sep(out: &mut String, last_bullet: bool, bullet: bool) {
    if out.is_empty() {
        return;
    }
    out.push('\n');
    if !(last_bullet && bullet) {
        out.push('\n');
    }
}

fn header(out: &mut Md, b: &Briefing) {
    out.block(format!("# {}", inline(&b.title)));
    if let Some(sub) = &b.subtitle {
        out.block(format!("*{}*", inline(sub)));
    }
    let mut facts = vec![format!("**Date:** {}", inline(&b.date.text))];
    if let Some(u) = &b.updated {
        facts.push(format!("**Updated:** {}", inline(&u.text)));
    }
    if let Some(c) = &b.classification {
        facts.push(format!("**Classification:** {}", inline(c)));
    }
    if let Some(a) = &b.author {
        facts.push(format!("**Author:** {}", inline(a)));
    }
    out.block(facts.join("  \n"));
    out.block(tags(&b.tags));
    out.block("## Bottom line");
    out.block(b.summary.as_deref().map(prose).unwrap_or_default());
    if !b.key_points.is_empty() {
        out.block("**Key points**");
        let points: Vec<String> = b
            .key_points
            .iter()
            .map(|p| format!("- {}", inline(p)))
            .collect();
        out.block(points.join("\n"));
    }
}

fn tags(tags: &[String]) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("`#{}`", code(t))).collect();
    tags.join(" ")
}

/// Text inside a code span: sanitised; backticks cannot be escaped there.
fn code(s: &str) -> String {
    sanitize_inline(s).replace('`', "'")
}

fn section(out: &mut Md, b: &Briefing, n: usize, s: &Section) {
    out.block(format!("## {n}. {}", inline(&s.title)));
    out.block(format!("*{}*", inline(&kind_label(s.kind.as_str()))));
    out.block(s.summary.as_deref().map(prose).unwrap_or_default());
    for it in &s.items {
        item(out, b, it, "###");
    }
}

fn kind_label(kind: &str) -> String {
    crate::model::issue_label(kind)
}

fn item(out: &mut Md, b: &Briefing, it: &Item, level: &str) {
    out.block(format!("{level} {}", inline(&it.title)));
    let mut meta = Vec::new();
    if let Some(sev) = it.severity {
        meta.push(format!("**{}**", sev.as_str().to_uppercase()));
    }
    if let Some(d) = &it.date {
        meta.push(inline(&d.text));
    }
    if let Some(party) = it.party.and_then(|p| b.actors.get(p)) {
        meta.push(format!("party: {}", inline(&party.name)));
    }
    if !it.tags.is_empty() {
        meta.push(tags(&it.tags));
    }
    out.block(meta.join(" · "));
    if let Some(summary) = &it.summary {
        out.block(format!("*{}*", inline(summary)));
    }
    out.block(it.body.as_deref().map(prose).unwrap_or_default());
    let points: Vec<String> = it
        .points
        .iter()
        .map(|p| format!("- {}", inline(p)))
        .collect();
    out.block(points.join("\n"));
    stances(out, it);
    for q in &it.quotes {
        out.block(quote(b, q));
    }
    refs(out, b, it);
}

fn stances(out: &mut Md, it: &Item) {
    if it.stances.is_empty() {
        return;
    }
    let mut table = String::from("| Issue | Stance |\n|---|---|");
    for s in &it.stances {
        table.push_str(&format!(
            "\n| {} | {} |",
            inline(&s.label()),
            inline(&s.text)
        ));
    }
    out.block(table);
}

fn quote(b: &Briefing, q: &crate::model::Quote) -> String {
    let mut lines = vec![format!("> “{}”", inline(&q.text))];
    let mut by = match b.actors.get(q.by) {
        Some(a) => match &a.role {
            Some(role) => format!("**{}**, {}", inline(&a.name), inline(role)),
            None => format!("**{}**", inline(&a.name)),
        },
        None => String::new(),
    };
    if let Some(c) = &q.context {
        by.push_str(&format!(" · {}", inline(c)));
    }
    if let Some(s) = q.source.and_then(|s| b.sources.get(s)) {
        by.push_str(&format!(" · {}", source_link(s)));
    }
    lines.push(">".into());
    lines.push(format!("> — {by}"));
    lines.join("\n")
}

/// A source's title, as a link when it has a safe URL.
fn source_link(s: &crate::model::Source) -> String {
    match s
        .url
        .as_deref()
        .filter(|u| crate::doc::links::is_linkable(u))
    {
        // Inside `<...>` only `<`, `>` and line ends are special.
        Some(url) => format!(
            "[{}](<{}>)",
            inline(&s.title),
            url.replace('<', "%3C").replace('>', "%3E")
        ),
        None => inline(&s.title),
    }
}

fn refs(out: &mut Md, b: &Briefing, it: &Item) {
    let names: Vec<String> = (it.actors.iter())
        .filter_map(|&a| b.actors.get(a))
        .map(|a| inline(&a.name))
        .collect();
    if !names.is_empty() {
        out.block(format!("**Actors:** {}", names.join(", ")));
    }
    let sources: Vec<String> = (it.sources.iter())
        .filter_map(|&s| b.sources.get(s))
        .map(source_link)
        .collect();
    if !sources.is_empty() {
        out.block(format!("**Sources:** {}", sources.join(", ")));
    }
}

fn actors_and_sources(out: &mut Md, b: &Briefing) {
    if !b.actors.is_empty() {
        out.block("## Actors");
        let rows: Vec<String> = (b.actors.iter())
            .map(|a| {
                let mut row = format!("- **{}**", inline(&a.name));
                if let Some(role) = &a.role {
                    row.push_str(&format!(" — {}", inline(role)));
                }
                if let Some(side) = &a.side {
                    row.push_str(&format!(" ({})", inline(side)));
                }
                if !a.aliases.is_empty() {
                    let aliases: Vec<String> = a.aliases.iter().map(|x| inline(x)).collect();
                    row.push_str(&format!("; also {}", aliases.join(", ")));
                }
                row
            })
            .collect();
        out.block(rows.join("\n"));
    }
    if !b.sources.is_empty() {
        out.block("## Sources");
        let rows: Vec<String> = (b.sources.iter().enumerate())
            .map(|(i, s)| {
                let mut row = format!("{}. {}", i + 1, source_link(s));
                let by: Vec<String> = (s.publisher.iter().map(|p| inline(p)))
                    .chain(s.date.iter().map(|d| inline(&d.text)))
                    .collect();
                if !by.is_empty() {
                    row.push_str(&format!(" — {}", by.join(", ")));
                }
                if let Some(note) = &s.note {
                    row.push_str(&format!(". {}", inline(note)));
                }
                row
            })
            .collect();
        out.block(rows.join("\n"));
    }
}

#[cfg(test)]
mod tests;
