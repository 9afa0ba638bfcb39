//! Sections, items and quotes: ids (defaulted and unique), references, severity, stances.

use super::Validator;
use super::dates::date;
use crate::model::diagnostic::{Diagnostic, LineIndex, Severity as Level};
use crate::model::raw::{RawItem, RawQuote, RawSection, Str};
use crate::model::refs::Ids;
use crate::model::suggest::did_you_mean;
use crate::model::walk::ItemNode;
use crate::model::{Item, Quote, Section, SectionKind, Severity, Stance, slug};
use std::collections::HashMap;
use std::ops::Range;

/// Ids seen so far in one scope, with where they were first used.
pub(super) type Seen = HashMap<String, Range<usize>>;

/// A section being read: its own keys, then its items as they come.
pub(super) struct Open {
    span: Range<usize>,
    head: Option<RawSection>,
    /// The items so far; dropped (and no more kept) once one fails.
    items: Option<Vec<Item>>,
    seen_items: bool,
    pub(super) item_ids: Seen,
}

impl Open {
    pub(super) fn new(span: Range<usize>, head: Option<RawSection>, items: usize) -> Self {
        Self {
            span,
            head,
            items: Some(Vec::with_capacity(items)),
            seen_items: false,
            item_ids: Seen::new(),
        }
    }

    pub(super) fn add(&mut self, item: Option<Item>) {
        self.seen_items = true;
        match (item, &mut self.items) {
            (Some(item), Some(items)) => items.push(item),
            (None, _) => self.items = None,
            (Some(_), None) => {}
        }
    }
}

impl Validator<'_> {
    /// A section whose items have all been read; `None` if it or one of them failed.
    pub(super) fn section(&mut self, open: Open, seen: &mut Seen) -> Option<Section> {
        let head = open.head?;
        let id = self.unique_id(head.id.as_ref(), &head.title, seen, "section", "the file");
        if !open.seen_items {
            let msg = format!("section `{}` has no items", head.title.get_ref());
            self.diags
                .push(Diagnostic::warning("empty-section", msg, Some(open.span)));
        }
        let mut items = open.items?;
        items.shrink_to_fit();
        Some(Section {
            id: id?,
            title: head.title.into_inner(),
            kind: head
                .kind
                .map_or(SectionKind::Context, |k| SectionKind::parse(k.get_ref())),
            summary: head.summary.map(|s| s.into_inner()),
            items,
        })
    }

    /// The explicit id or the title's slug, unless another in `seen` has it (error).
    fn unique_id(
        &mut self,
        id: Option<&Str>,
        title: &Str,
        seen: &mut Seen,
        what: &str,
        scope: &str,
    ) -> Option<String> {
        let (value, span) = match id {
            Some(id) => (id.get_ref().clone(), id.span()),
            None => (slug(title.get_ref()), title.span()),
        };
        let Some(first) = seen.get(&value) else {
            seen.insert(value.clone(), span);
            return Some(value);
        };
        let text = self.text;
        let lines = self.lines;
        self.diags.push_with(Level::Error, "duplicate-id", || {
            let index = lines.get_or_init(|| LineIndex::new(text));
            let (line, _) = index.line_col(text, first.start);
            let how = if id.is_some() {
                ""
            } else {
                " (from the title)"
            };
            let msg = format!("duplicate {what} id `{value}`{how}");
            let help = format!(
                "{what} ids must be unique in {scope}; line {line} already uses `{value}`: set a different `id`"
            );
            Diagnostic::error("duplicate-id", msg, Some(span))
                .with_help(help)
                .with_related(first.clone(), "first defined here")
        });
        None
    }

    pub(super) fn item(&mut self, node: ItemNode, seen: &mut Seen) -> Option<Item> {
        let quotes: Vec<Option<Quote>> = (node.quotes.into_iter())
            .map(|q| q.and_then(|q| self.quote(q)))
            .collect();
        let it: RawItem = node.head?;
        let id = self.unique_id(it.id.as_ref(), &it.title, seen, "item", "its section");
        let severity = it.severity.as_ref().map(|s| self.severity(s));
        let date = it.date.as_ref().map(|d| date(d, self.diags));
        let actors = self.resolve_all(&it.actors, true);
        let sources = self.resolve_all(&it.sources, false);
        let party = it.party.as_ref().map(|p| self.resolve(p, true));
        Some(Item {
            id: id?,
            title: it.title.into_inner(),
            summary: it.summary.map(|s| s.into_inner()),
            body: it.body.map(|s| s.into_inner()),
            points: it.points.into_iter().map(|s| s.into_inner()).collect(),
            date: date.map_or(Some(None), |d| d.map(Some))?,
            severity: severity.map_or(Some(None), |s| s.map(Some))?,
            actors: actors?,
            sources: sources?,
            tags: it.tags.into_iter().map(|s| s.into_inner()).collect(),
            party: party.map_or(Some(None), |p| p.map(Some))?,
            stances: (it.stances.into_iter())
                .map(|(issue, text)| Stance {
                    issue,
                    text: text.into_inner(),
                })
                .collect(),
            quotes: quotes.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn quote(&mut self, q: RawQuote) -> Option<Quote> {
        let by = self.resolve(&q.by, true);
        let source = q.source.as_ref().map(|s| self.resolve(s, false));
        Some(Quote {
            by: by?,
            text: q.text.into_inner(),
            context: q.context.map(|s| s.into_inner()),
            source: source.map_or(Some(None), |s| s.map(Some))?,
        })
    }

    /// The index of a referenced id, or `None` with an `unknown-*` error:
    /// its "did you mean" is worked out only for the errors that are kept.
    fn resolve(&mut self, r: &Str, actor: bool) -> Option<usize> {
        let ids: &mut Ids = if actor { self.actors } else { self.sources };
        let found = ids.resolve(r);
        if found.is_none() {
            let code = ids.unknown_code();
            self.diags.push_with(Level::Error, code, || ids.unknown(r));
        }
        found
    }

    fn resolve_all(&mut self, refs: &[Str], actor: bool) -> Option<Vec<usize>> {
        let all: Vec<Option<usize>> = refs.iter().map(|r| self.resolve(r, actor)).collect();
        all.into_iter().collect()
    }

    fn severity(&mut self, s: &Str) -> Option<Severity> {
        if let Some(sev) = Severity::parse(s.get_ref()) {
            return Some(sev);
        }
        let msg = format!("unknown severity `{}`", s.get_ref());
        let help = did_you_mean(s.get_ref(), Severity::NAMES).unwrap_or_else(|| {
            "severity is one of `low`, `medium`, `high`, `critical`".to_string()
        });
        self.diags
            .push(Diagnostic::error("unknown-severity", msg, Some(s.span())).with_help(help));
        None
    }
}
