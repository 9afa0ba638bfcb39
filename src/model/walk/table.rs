//! One table at a time: unknown keys, wrong types (dropped and retried), and unsafe characters.

use super::{Value, Walker};
use crate::model::diagnostic::Diagnostic;
use crate::model::sanitize::{is_clean, sanitize_inline, unsafe_chars};
use crate::model::suggest::did_you_mean;
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, ValueDeserializer};

impl Walker<'_> {
    /// Checks and deserialises one table; `None` (after reporting) if it cannot be read.
    pub(super) fn table<T: DeserializeOwned>(&mut self, v: Value<'_>, what: &str) -> Option<T> {
        let span = v.span();
        let mut table = self.expect_table(v, what)?;
        self.check_keys(&mut table, crate::model::fields::struct_fields::<T>(), what);
        let mut dropped: Vec<String> = Vec::new();
        loop {
            let value = Spanned::new(span.clone(), DeValue::Table(table.clone()));
            let err = match T::deserialize(ValueDeserializer::from(value)) {
                Ok(t) => return Some(t),
                Err(e) => e,
            };
            let msg = err.message().to_string();
            if let Some(field) = missing_field(&msg) {
                let was_dropped = dropped.iter().any(|d| d == field);
                // A free-text field whose wrong value is already reported gets
                // an empty stand-in, so that the rest of the table (a quote's
                // `by` and `source`) is still checked in this run.
                if was_dropped && STAND_INS.contains(&field) && !table.contains_key(field) {
                    let key = Spanned::new(span.clone(), DeString::Owned(field.to_string()));
                    let blank = DeValue::String(DeString::Borrowed(""));
                    table.insert(key, Spanned::new(span.clone(), blank));
                    continue;
                }
                if !was_dropped {
                    let msg = format!("missing key `{field}` in {what}");
                    let span = err.span().unwrap_or(span.clone());
                    self.diags
                        .push(Diagnostic::error("missing-key", msg, Some(span)));
                }
                return None;
            }
            let err_span = err.span().unwrap_or(span.clone());
            let Some(key) = key_at(&table, &err_span) else {
                self.diags
                    .push(Diagnostic::error("wrong-type", msg, Some(err_span)));
                return None;
            };
            let key_name = sanitize_inline(&key).into_owned();
            let msg = format!("wrong type for `{key_name}`: {}", friendly(&msg));
            self.diags
                .push(Diagnostic::error("wrong-type", msg, Some(err_span)));
            table.remove(key.as_str());
            dropped.push(key);
        }
    }

    /// Reports and removes keys `allowed` does not list.
    pub(super) fn check_keys(&mut self, table: &mut DeTable<'_>, allowed: &[&str], what: &str) {
        if table
            .keys()
            .all(|k| allowed.contains(&k.get_ref().as_ref()))
        {
            return;
        }
        let old = std::mem::take(table);
        for (k, v) in old {
            let name: &str = k.get_ref();
            if allowed.contains(&name) {
                table.insert(k, v);
                continue;
            }
            let shown = sanitize_inline(name);
            let msg = if what.is_empty() {
                format!("unknown top-level key `{shown}`")
            } else {
                format!("unknown key `{shown}` in {what}")
            };
            let help = did_you_mean(name, allowed.iter().copied()).unwrap_or_else(|| {
                let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
                format!("expected one of {}", list.join(", "))
            });
            self.diags
                .push(Diagnostic::error("unknown-key", msg, Some(k.span())).with_help(help));
        }
    }

    /// Warns about unsafe characters in a key.
    pub(super) fn scan_key(&mut self, key: &Spanned<DeString<'_>>) {
        self.scan_str(key.get_ref(), key.span(), "key");
    }

    /// Warns about unsafe characters in every string (and key) under `v`.
    pub(super) fn scan_value(&mut self, v: &Value<'_>) {
        match v.get_ref() {
            DeValue::String(s) => self.scan_str(s, v.span(), "string"),
            DeValue::Array(a) => a.iter().for_each(|e| self.scan_value(e)),
            DeValue::Table(t) => {
                for (k, e) in t.iter() {
                    self.scan_key(k);
                    self.scan_value(e);
                }
            }
            _ => {}
        }
    }

    fn scan_str(&mut self, s: &str, span: Range<usize>, what: &str) {
        if is_clean(s) {
            return;
        }
        // Each character named once, in order of appearance.
        let mut seen = std::collections::HashSet::new();
        let names: Vec<String> = unsafe_chars(s)
            .filter(|&c| seen.insert(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        let msg = format!(
            "{what} contains control or invisible characters: {}",
            names.join(", ")
        );
        let help = "it is shown escaped; remove it unless it is really meant to be there";
        self.diags
            .push(Diagnostic::warning("control-character", msg, Some(span)).with_help(help));
    }
}

/// Required fields no check reads the content of: an empty stand-in for one
/// cannot cause a second, made-up error. A quote's `text` qualifies; a
/// `title` does not (ids are made from titles, so two stand-ins would be
/// reported as duplicates), nor do ids and references.
const STAND_INS: &[&str] = &["text"];

/// `missing field `title`` -> `title`.
fn missing_field(msg: &str) -> Option<&str> {
    msg.strip_prefix("missing field `")?.strip_suffix('`')
}

/// The key whose key or value span holds `span`.
fn key_at(table: &DeTable<'_>, span: &Range<usize>) -> Option<String> {
    table
        .iter()
        .find(|(k, v)| {
            let (ks, vs) = (k.span(), v.span());
            (vs.start <= span.start && span.end <= vs.end) || ks.start == span.start
        })
        .map(|(k, _)| k.get_ref().to_string())
}

/// serde's "invalid type: integer `5`, expected a string" -> "expected a string, found integer `5`".
fn friendly(msg: &str) -> String {
    let Some(rest) = msg.strip_prefix("invalid type: ") else {
        return msg.to_string();
    };
    match rest.split_once(", expected ") {
        Some((found, expected)) => {
            let expected = match expected {
                "a sequence" => "an array",
                "a map" => "a table",
                other => other,
            };
            format!("expected {expected}, found {found}")
        }
        None => msg.to_string(),
    }
}
