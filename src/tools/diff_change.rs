//! What `brief diff` reports: one change to a part of the briefing, where
//! it was and is, and its changed fields. Shared by the comparison
//! (`diff`) and its text and JSON output (`diff_text`).

use crate::model::compare::FieldChange;
use serde::Serialize;

/// What happened to a part of the briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    /// Its place in the order changed (or, for an item, its section did).
    Moved,
    /// Some of its fields changed.
    Changed,
}

/// Which part of the briefing a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Header,
    Actor,
    Source,
    Section,
    Item,
}

/// A 1-based position in a section (items) or in the briefing (sections).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub section: String,
    pub position: usize,
}

/// One change. `path` is the actor, source or section id, or
/// `section-id/item-id` for an item (where it is now; where it was when
/// removed), and empty for the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub target: Target,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Place>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

impl Change {
    pub(super) fn new(kind: Kind, target: Target, path: impl Into<String>) -> Self {
        Self {
            kind,
            target,
            path: path.into(),
            title: None,
            from: None,
            to: None,
            fields: Vec::new(),
        }
    }

    pub(super) fn titled(mut self, title: &str) -> Self {
        self.title = Some(title.to_string());
        self
    }
}
