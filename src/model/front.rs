//! What a library keeps of a briefing it does not hold in full: its front
//! page (title, date, header lines, bottom line, key points) and its counts.
//! The library's rows, its preview and its order are drawn from this, so
//! the rest of a briefing (its sections, items, actors and sources, about
//! 30 KB of model for a 20 KB file) can be let go and read again when the
//! briefing is opened. Made once per loaded version and shared
//! ([`super::Loaded::outline`]): every session of `brief serve` shows the
//! same one.

use super::Briefing;

/// A briefing's front page and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The briefing without its sections, actors and sources: what the
    /// library row and preview draw (through the same header code as the
    /// overview).
    pub front: Briefing,
    pub sections: usize,
    pub items: usize,
}

impl Outline {
    /// The outline of a briefing.
    pub fn of(b: &Briefing) -> Self {
        let front = Briefing {
            title: b.title.clone(),
            date: b.date.clone(),
            subtitle: b.subtitle.clone(),
            summary: b.summary.clone(),
            key_points: b.key_points.clone(),
            classification: b.classification.clone(),
            author: b.author.clone(),
            updated: b.updated.clone(),
            tags: b.tags.clone(),
            actors: Vec::new(),
            sources: Vec::new(),
            sections: Vec::new(),
        };
        Self {
            front,
            sections: b.sections.len(),
            items: b.item_count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outline_keeps_the_front_page_and_counts_only() {
        let b = crate::model::fixture::sample();
        let outline = Outline::of(&b);
        assert_eq!(
            (outline.sections, outline.items),
            (b.sections.len(), b.item_count())
        );
        assert!(outline.items > 0);
        assert_eq!(outline.front.title, b.title);
        assert_eq!(outline.front.summary, b.summary);
        assert_eq!(outline.front.key_points, b.key_points);
        assert!(outline.front.sections.is_empty() && outline.front.actors.is_empty());
    }
}
