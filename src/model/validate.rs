//! The format's rules, applied to the walked tree: references, ids, dates,
//! severities and the warnings; builds the validated [`Briefing`] when no error remains.

use super::diagnostic::Diagnostic;
use super::raw::{RawActor, RawBriefing, RawSource, Str};
use super::refs::Ids;
use super::walk::{Decl, Tree};
use super::{Actor, Briefing, DiagSeverity, Source};

mod dates;
mod sections;
use dates::date;

/// Applies the rules; `Some` only when no error was found (in `diags` as a whole).
pub fn validate(tree: Tree, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Briefing> {
    let mut v = Validator {
        text,
        diags,
        actors: Ids::new("actor", ids(&tree.actors)),
        sources: Ids::new("source", ids(&tree.sources)),
    };
    for decl in &tree.actors {
        v.check_id(&decl.id);
    }
    let head = tree.briefing.map(|b| v.briefing(b));
    let actors = v.decls(tree.actors, actor);
    let sources: Option<Vec<Source>> = v.decls_with(tree.sources);
    let sections = v.sections(tree.sections);
    let unused: Vec<Diagnostic> = v.actors.unused().chain(v.sources.unused()).collect();
    v.diags.extend(unused);
    if v.diags.iter().any(|d| d.severity == DiagSeverity::Error) {
        return None;
    }
    let mut briefing = head??;
    briefing.actors = actors?;
    briefing.sources = sources?;
    briefing.sections = sections?;
    Some(briefing)
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
    }
}

fn strings(v: Vec<Str>) -> Vec<String> {
    v.into_iter().map(|s| s.into_inner()).collect()
}

fn opt(s: Option<Str>) -> Option<String> {
    s.map(|s| s.into_inner())
}

struct Validator<'a> {
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    actors: Ids,
    sources: Ids,
}

impl Validator<'_> {
    fn check_id(&mut self, id: &Str) {
        let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        if id.get_ref().is_empty() || !id.get_ref().chars().all(ok) {
            let msg = format!("actor id `{}` is not valid", id.get_ref());
            let help = "actor ids use lowercase letters, digits, `-` and `_` only";
            self.diags
                .push(Diagnostic::error("bad-id", msg, Some(id.span())).with_help(help));
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
