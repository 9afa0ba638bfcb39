//! Declared actor and source ids: resolving references to indices, noting which are used.

use super::diagnostic::Diagnostic;
use super::raw::Str;
use super::suggest::did_you_mean;
use std::collections::HashMap;

/// The ids of one kind (`actor` or `source`), in file order.
pub struct Ids {
    kind: &'static str,
    ids: Vec<Str>,
    index: HashMap<String, usize>,
    used: Vec<bool>,
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
        }
    }

    /// The index of a referenced id, or an `unknown-<kind>` error with a suggestion.
    pub fn resolve(&mut self, r: &Str) -> Result<usize, Diagnostic> {
        if let Some(&i) = self.index.get(r.get_ref()) {
            self.used[i] = true;
            return Ok(i);
        }
        let code = match self.kind {
            "actor" => "unknown-actor",
            _ => "unknown-source",
        };
        let msg = format!("unknown {} `{}`", self.kind, r.get_ref());
        let names = self.ids.iter().map(|id| id.get_ref().as_str());
        let help = did_you_mean(r.get_ref(), names).unwrap_or_else(|| {
            format!(
                "declare it with `[{}.{}]`, or use one of the declared ids",
                self.kind,
                r.get_ref()
            )
        });
        Err(Diagnostic::error(code, msg, Some(r.span())).with_help(help))
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
        assert_eq!(ids.resolve(&s("witkoff")), Ok(1));
        let err = ids.resolve(&s("ptuin")).unwrap_err();
        assert_eq!(err.code, "unknown-actor");
        assert_eq!(err.help.as_deref(), Some("did you mean `putin`?"));
        let unused: Vec<_> = ids.unused().collect();
        assert_eq!(unused.len(), 1);
        assert!(unused[0].message.contains("`putin`"));
    }
}
