//! The views a user can be in, and the list position each one keeps.

pub use super::timeline::Scope;
pub use crate::doc::refs::{Link, Mention};
pub use crate::doc::timeline::Filter;
use crate::model::ItemRef;
use std::cell::Cell;

/// A selection in a list, plus the first visible row.
///
/// The offset is scroll memory owned by rendering (like ratatui's `ListState`):
/// the renderer knows how many rows fit and moves it just enough to keep the
/// selection visible, so a one-row move redraws one row, not the whole list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl ListPos {
    pub fn at(selected: usize) -> Self {
        Self {
            selected,
            offset: Cell::new(0),
        }
    }

    /// The offset that shows `selected` within `rows` visible rows, moving the
    /// remembered offset as little as possible; stores and returns it.
    pub fn scroll_into_view(&self, rows: usize, len: usize) -> usize {
        let rows = rows.max(1);
        let mut offset = self.offset.get().min(len.saturating_sub(rows));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + rows {
            offset = self.selected + 1 - rows;
        }
        self.offset.set(offset);
        offset
    }

    /// Moves the selection by `delta` within `len` entries.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let next = self.selected as isize + delta;
        self.selected = next.clamp(0, len as isize - 1) as usize;
    }
}

/// Where the user is. The app keeps a stack of these; Back pops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Every briefing in a directory.
    Library(ListPos),
    /// The briefing's front page: its header, then a list whose first row is
    /// the summary and whose other rows are the sections (see [`overview_row`]).
    Overview(ListPos),
    /// The bottom line and key points in full, scrollable.
    Summary {
        scroll: Cell<usize>,
    },
    Section {
        section: usize,
        list: ListPos,
    },
    /// One item in full. `link` is the actor/source that Open would follow.
    Item {
        at: ItemRef,
        scroll: Cell<usize>,
        link: usize,
    },
    Actor {
        actor: usize,
        list: ListPos,
    },
    Source {
        source: usize,
        list: ListPos,
    },
    Actors(ListPos),
    Matrix {
        section: usize,
        scroll: Cell<usize>,
    },
    /// Search hits for the app's current query.
    Results(ListPos),
    /// A library entry's front page (or its errors), beside the library list.
    Brief {
        entry: usize,
    },
    /// Items by date, newest first, a heading per day (`app::timeline`).
    Timeline {
        scope: Scope,
        filter: Filter,
        list: ListPos,
    },
    /// Tags with how many items carry each.
    Tags {
        scope: Scope,
        list: ListPos,
    },
    /// An item of any entry, beside a timeline: drawn from its digest until
    /// its briefing is in memory.
    Peek {
        entry: usize,
        at: ItemRef,
        scroll: Cell<usize>,
    },
    /// Every actor across the library, each person once (`a` in the library).
    People(ListPos),
    /// One actor across the library (`id`: any of their ids); `from` is the
    /// briefing it was opened over (`None` from the library), current
    /// again whenever the dossier is on top.
    Dossier {
        id: std::rc::Rc<str>,
        list: ListPos,
        from: Option<usize>,
    },
}

/// The overview list's row of a section (row 0 is the summary).
pub fn overview_row(section: usize) -> usize {
    section + 1
}

/// The section an overview row shows, `None` for the summary row.
pub fn overview_section(row: usize) -> Option<usize> {
    row.checked_sub(1)
}

impl View {
    pub fn summary() -> Self {
        Self::Summary {
            scroll: Cell::new(0),
        }
    }

    pub fn item(at: ItemRef) -> Self {
        Self::Item {
            at,
            scroll: Cell::new(0),
            link: 0,
        }
    }

    /// An actor's card, its first mention selected.
    pub fn actor(actor: usize) -> Self {
        Self::Actor {
            actor,
            list: ListPos::at(0),
        }
    }

    /// A source's card, its first mention selected.
    pub fn source(source: usize) -> Self {
        Self::Source {
            source,
            list: ListPos::at(0),
        }
    }

    pub fn section(section: usize, selected: usize) -> Self {
        Self::Section {
            section,
            list: ListPos::at(selected),
        }
    }

    /// The list this view moves through, if it is a list.
    pub fn list_mut(&mut self) -> Option<&mut ListPos> {
        match self {
            Self::Library(l) | Self::Overview(l) | Self::Actors(l) | Self::Results(l) => Some(l),
            Self::Section { list, .. } | Self::Actor { list, .. } | Self::Source { list, .. } => {
                Some(list)
            }
            Self::Timeline { list, .. } | Self::Tags { list, .. } | Self::Dossier { list, .. } => {
                Some(list)
            }
            Self::People(l) => Some(l),
            Self::Item { .. }
            | Self::Matrix { .. }
            | Self::Summary { .. }
            | Self::Brief { .. }
            | Self::Peek { .. } => None,
        }
    }

    pub fn list(&self) -> Option<&ListPos> {
        match self {
            Self::Library(l) | Self::Overview(l) | Self::Actors(l) | Self::Results(l) => Some(l),
            Self::Section { list, .. } | Self::Actor { list, .. } | Self::Source { list, .. } => {
                Some(list)
            }
            Self::Timeline { list, .. } | Self::Tags { list, .. } | Self::Dossier { list, .. } => {
                Some(list)
            }
            Self::People(l) => Some(l),
            Self::Item { .. }
            | Self::Matrix { .. }
            | Self::Summary { .. }
            | Self::Brief { .. }
            | Self::Peek { .. } => None,
        }
    }

    /// The scroll position of a document-like view.
    pub fn scroll(&self) -> Option<&Cell<usize>> {
        match self {
            Self::Item { scroll, .. }
            | Self::Matrix { scroll, .. }
            | Self::Summary { scroll }
            | Self::Peek { scroll, .. } => Some(scroll),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_moves_the_offset_as_little_as_possible() {
        let mut pos = ListPos::at(0);
        assert_eq!(pos.scroll_into_view(5, 20), 0);
        pos.selected = 4;
        assert_eq!(pos.scroll_into_view(5, 20), 0);
        pos.selected = 5;
        assert_eq!(pos.scroll_into_view(5, 20), 1);
        pos.selected = 3;
        assert_eq!(pos.scroll_into_view(5, 20), 1);
        pos.selected = 0;
        assert_eq!(pos.scroll_into_view(5, 20), 0);
        pos.step(100, 20);
        assert_eq!(pos.selected, 19);
        assert_eq!(pos.scroll_into_view(5, 20), 15);
        // The list shrank (a reload): the offset never leaves blank rows.
        pos.selected = 2;
        assert_eq!(pos.scroll_into_view(5, 4), 0);
    }

    #[test]
    fn step_clamps_and_survives_empty_lists() {
        let mut pos = ListPos::at(0);
        pos.step(-1, 3);
        assert_eq!(pos.selected, 0);
        pos.step(1, 0);
        assert_eq!(pos.selected, 0);
        pos.step(7, 3);
        assert_eq!(pos.selected, 2);
    }
}
