//! Declared actor and source ids: resolving references to indices, noting which are used.

use super::diagnostic::Diagnostic;
use super::raw::Str;
use super::suggest::Nearby;
use std::collections::HashMap;

/// The ids of one kind (`actor` or `source`), in file order.
pub struct Ids {
    kind: &'static str,
    ids: Vec<Str>,
    index: HashMap<String, usize>,
    used: Vec<bool>,
    /// For "did you mean": built on the first unknown reference.
    nearby: Option<Nearby>,
}

impl Ids {
    pub fn new(kind: &'static str, ids: Vec<Str>) -> Self {
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.get_ref().clone(), i))
            .collect();
        let used = vec![false; ids.len()];
        Self {
            kind,
            ids,
            index,
            used,
            nearby: None,
        }
    }

    /// The index of a referenced id (noted as used), or `None` when no such
    /// id is declared (see [`Ids::unknown`]).
    pub fn resolve(&mut self, r: &Str) -> Option<usize> {
        let i = *self.index.get(r.get_ref())?;
        self.used[i] = true;
        Some(i)
    }

    /// The code of [`Ids::unknown`]'s diagnostics.
    pub fn unknown_code(&self) -> &'static str {
        match self.kind {
            "actor" => "unknown-actor",
            _ => "unknown-source",
        }
    }

    /// The `unknown-<kind>` error for a reference that does not resolve, with
    /// a suggestion: in bounded time however many ids are declared.
    pub fn unknown(&mut self, r: &Str) -> Diagnostic {
        let ids = &self.ids;
        let name = |i: usize| ids[i].get_ref().as_str();
        let nearby = (self.nearby).get_or_insert_with(|| Nearby::new(ids.len(), name));
        let msg = format!("unknown {} `{}`", self.kind, r.get_ref());
        let help = match nearby.closest(r.get_ref(), name) {
            Some(i) => format!("did you mean `{}`?", name(i)),
            None => format!(
                "declare it with `[{}.{}]`, or use one of the declared ids",
                self.kind,
                r.get_ref()
            ),
        };
        Diagnostic::error(self.unknown_code(), msg, Some(r.span())).with_help(help)
    }

    /// Warnings for ids declared but never referenced.
    pub fn unused(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        let code = match self.kind {
            "actor" => "unused-actor",
            _ => "unused-source",
        };
        self.ids
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(move |(id, _)| {
                let msg = format!("{} `{}` is never referenced", self.kind, id.get_ref());
                Diagnostic::warning(code, msg, Some(id.span()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::Spanned;

    fn s(text: &str) -> Str {
        Spanned::new(0..1, text.to_string())
    }

    #[test]
    fn resolves_and_suggests() {
        let mut ids = Ids::new("actor", vec![s("putin"), s("witkoff")]);
        assert_eq!(ids.resolve(&s("witkoff")), Some(1));
        assert_eq!(ids.resolve(&s("ptuin")), None);
        let err = ids.unknown(&s("ptuin"));
        assert_eq!(err.code, "unknown-actor");
        assert_eq!(err.help.as_deref(), Some("did you mean `putin`?"));
        let unused: Vec<_> = ids.unused().collect();
        assert_eq!(unused.len(), 1);
        assert!(unused[0].message.contains("`putin`"));
    }
}
