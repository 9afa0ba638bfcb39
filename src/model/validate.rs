//! The format's rules, applied as the file is read: references, ids, dates,
//! severities and the warnings; builds the validated [`Briefing`] when no
//! error remains.
//!
//! A [`Validation`] takes the head (briefing, actors, sources) first, then
//! each section's own keys and its items one at a time, so that a big file's
//! raw items never all exist at once: each becomes a model item (or
//! diagnostics) as soon as it is read.

use super::diagnostic::{Diagnostic, Diags, LineIndex};
use super::raw::{RawActor, RawBriefing, RawSection, RawSource, Str};
use super::refs::Ids;
use super::walk::{Decl, ItemNode, Tree};
use super::{Actor, Briefing, Section, Source};
use std::cell::OnceCell;
use std::ops::Range;

mod dates;
mod sections;
use dates::date;
use sections::{Open, Seen};

/// Applies the rules to a whole tree; `Some` only when no error was found
/// (in `diags` as a whole).
pub fn validate(mut tree: Tree, text: &str, diags: &mut Diags) -> Option<Briefing> {
    let sections = std::mem::take(&mut tree.sections);
    let mut v = Validation::new(tree, text, diags);
    for node in sections {
        v.section(node.span, node.head, node.items.len(), diags);
        for item in node.items {
            v.item(item, diags);
        }
    }
    v.finish(diags)
}

/// The rules applied piece by piece: [`Validation::new`] with the head,
/// [`Validation::section`] and [`Validation::item`] in file order, then
/// [`Validation::finish`].
pub struct Validation<'t> {
    text: &'t str,
    /// Line numbers for messages that name another line: built on first use.
    lines: OnceCell<LineIndex>,
    actors: Ids,
    sources: Ids,
    /// The briefing without its lists, `None` when its table had errors.
    head: Option<Briefing>,
    decls: Option<(Vec<Actor>, Vec<Source>)>,
    sections: Vec<Section>,
    /// False once a section failed.
    sections_ok: bool,
    /// Section ids so far.
    seen: Seen,
    /// The section whose items are being read.
    open: Option<Open>,
}

impl<'t> Validation<'t> {
    /// Checks the head: the briefing table and the declarations (`tree.sections` is ignored).
    pub fn new(tree: Tree, text: &'t str, diags: &mut Diags) -> Self {
        let mut v = Self {
            text,
            lines: OnceCell::new(),
            actors: Ids::new("actor", ids(&tree.actors)),
            sources: Ids::new("source", ids(&tree.sources)),
            head: None,
            decls: None,
            sections: Vec::new(),
            sections_ok: true,
            seen: Seen::new(),
            open: None,
        };
        let mut r = v.rules(diags);
        for decl in &tree.actors {
            r.check_id(&decl.id);
            if let Some(actor) = &decl.value {
                r.check_same_as(&decl.id, &actor.same_as);
            }
        }
        let head = tree.briefing.map(|b| r.briefing(b));
        let actors = r.decls(tree.actors, actor);
        let sources = r.decls_with(tree.sources);
        v.head = head.flatten();
        v.decls = actors.zip(sources);
        v
    }

    /// The rules, with the state they read and write.
    fn rules<'v>(&'v mut self, diags: &'v mut Diags) -> Validator<'v> {
        Validator {
            text: self.text,
            lines: &self.lines,
            diags,
            actors: &mut self.actors,
            sources: &mut self.sources,
        }
    }

    /// Starts a section (ending the one before): its span, its own keys
    /// (`None` when they had errors), and how many items to make room for.
    pub fn section(
        &mut self,
        span: Range<usize>,
        head: Option<RawSection>,
        items: usize,
        diags: &mut Diags,
    ) {
        self.close(diags);
        self.open = Some(Open::new(span, head, items));
    }

    /// An item of the section last started (ignored before any).
    pub fn item(&mut self, node: ItemNode, diags: &mut Diags) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        let item = self.rules(diags).item(node, &mut open.item_ids);
        open.add(item);
        self.open = Some(open);
    }

    fn close(&mut self, diags: &mut Diags) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut seen = std::mem::take(&mut self.seen);
        let section = self.rules(diags).section(open, &mut seen);
        self.seen = seen;
        match section {
            Some(s) if self.sections_ok => self.sections.push(s),
            Some(_) => {}
            None => {
                self.sections_ok = false;
                self.sections = Vec::new();
            }
        }
    }

    /// The briefing, if no error was found.
    pub fn finish(mut self, diags: &mut Diags) -> Option<Briefing> {
        self.close(diags);
        let unused: Vec<Diagnostic> = self.actors.unused().chain(self.sources.unused()).collect();
        diags.extend(unused);
        if diags.has_errors() || !self.sections_ok {
            return None;
        }
        let mut briefing = self.head?;
        (briefing.actors, briefing.sources) = self.decls?;
        briefing.sections = self.sections;
        Some(briefing)
    }
}

fn ids<T>(decls: &[Decl<T>]) -> Vec<Str> {
    decls.iter().map(|d| d.id.clone()).collect()
}

fn actor(id: String, a: RawActor) -> Actor {
    Actor {
        id,
        name: a.name.into_inner(),
        role: a.role.map(|s| s.into_inner()),
        side: a.side.map(|s| s.into_inner()),
        aliases: strings(a.aliases),
        same_as: strings(a.same_as),
    }
}

fn strings(v: Vec<Str>) -> Vec<String> {
    v.into_iter().map(|s| s.into_inner()).collect()
}

fn opt(s: Option<Str>) -> Option<String> {
    s.map(|s| s.into_inner())
}

/// The rules, borrowing what they need from a [`Validation`].
struct Validator<'a> {
    text: &'a str,
    lines: &'a OnceCell<LineIndex>,
    diags: &'a mut Diags,
    actors: &'a mut Ids,
    sources: &'a mut Ids,
}

impl Validator<'_> {
    fn check_id(&mut self, id: &Str) {
        if !super::valid_id(id.get_ref()) {
            let msg = format!("actor id `{}` is not valid", id.get_ref());
            let help = "actor ids use lowercase letters, digits, `-` and `_` only";
            self.diags
                .push(Diagnostic::error("bad-id", msg, Some(id.span())).with_help(help));
        }
    }

    /// `same_as` names ids of other briefings: each must be a valid id, and
    /// not the actor's own (which would say nothing).
    fn check_same_as(&mut self, own: &Str, same_as: &[Str]) {
        for other in same_as {
            let id = other.get_ref();
            if !super::valid_id(id) {
                let msg = format!("`same_as` id `{id}` is not valid");
                let help = "`same_as` lists actor ids as other briefings declare them: lowercase letters, digits, `-` and `_` only";
                self.diags
                    .push(Diagnostic::error("bad-id", msg, Some(other.span())).with_help(help));
            } else if id == own.get_ref() {
                let msg = format!("actor `{id}` is `same_as` itself");
                let help = "list the ids this actor has in other briefings, not its own";
                self.diags.push(
                    Diagnostic::error("same-as-self", msg, Some(other.span())).with_help(help),
                );
            }
        }
    }

    fn briefing(&mut self, b: toml::Spanned<RawBriefing>) -> Option<Briefing> {
        let span = b.span();
        let b = b.into_inner();
        if b.summary.is_none() {
            let d = Diagnostic::warning(
                "missing-summary",
                "`[briefing]` has no `summary`",
                Some(span),
            )
            .with_help("add `summary = \"...\"`: the bottom line up front");
            self.diags.push(d);
        }
        let day = date(&b.date, self.diags);
        let updated = b.updated.as_ref().map(|d| date(d, self.diags));
        Some(Briefing {
            title: b.title.into_inner(),
            date: day?,
            subtitle: opt(b.subtitle),
            summary: opt(b.summary),
            key_points: strings(b.key_points),
            classification: opt(b.classification),
            author: opt(b.author),
            updated: updated.flatten(),
            tags: strings(b.tags),
            actors: Vec::new(),
            sources: Vec::new(),
            sections: Vec::new(),
        })
    }

    fn decls<T, U>(&mut self, decls: Vec<Decl<T>>, f: fn(String, T) -> U) -> Option<Vec<U>> {
        let mut out = Vec::with_capacity(decls.len());
        for d in decls {
            out.push(f(d.id.into_inner(), d.value?));
        }
        Some(out)
    }

    fn decls_with(&mut self, decls: Vec<Decl<RawSource>>) -> Option<Vec<Source>> {
        let mut out = Vec::with_capacity(decls.len());
        let mut ok = true;
        for d in decls {
            let Some(s) = d.value else {
                ok = false;
                continue;
            };
            let date = s.date.as_ref().map(|d| date(d, self.diags));
            out.push(Source {
                id: d.id.into_inner(),
                title: s.title.into_inner(),
                publisher: opt(s.publisher),
                url: opt(s.url),
                date: date.flatten(),
                note: opt(s.note),
            });
        }
        ok.then_some(out)
    }
}
