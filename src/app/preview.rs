//! Deferred previews: while the selection moves, the preview pane keeps what
//! it showed until the keys stop, so holding `j` over a slow link sends only
//! the list rows that changed, and the new preview goes out once.

use super::{Action, App, View};

/// How deep a preview chain can be (Miller columns show at most two previews).
const MAX_PREVIEWS: usize = 3;

/// Preview deferral; this module holds and releases the previews, the run
/// loop only switches deferral on.
#[derive(Debug, Default)]
pub struct Previews {
    /// Whether selection moves defer the preview panes (the run loop turns
    /// this on; tests and exports see previews follow at once).
    pub defer: bool,
    /// What the last frame showed (previews, or the item `]` left) while
    /// the selection moves, until input pauses.
    pub held: Option<Held>,
}

/// What the last frame showed while the selection moves on without it.
#[derive(Debug, Clone)]
pub struct Held {
    /// The document in focus, when a move replaced it (`]`, `[`, `n`, `N`
    /// on an item): drawn in place of the new one until input pauses.
    pub top: Option<View>,
    /// The previews beside the focused list.
    pub previews: Vec<View>,
}

impl App {
    /// Called before an action is applied: a selection move freezes what
    /// the last frame showed (if not frozen already); anything else lets the
    /// panes follow the selection again.
    ///
    /// A selection move is a move in a list (the search prompt's and the
    /// palette's included), or a move to another item from a document; not
    /// a scroll through a document, which shows the document itself.
    pub(super) fn hold_previews_for(&mut self, action: Action) {
        let list_move = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        ) && self.top().list().is_some();
        let doc_move = matches!(
            action,
            Action::NextItem | Action::PrevItem | Action::SearchNext | Action::SearchPrev
        ) && self.top().list().is_none();
        // Not the mouse: a wheel or click acts on the pane under the pointer,
        // which must be the preview of what is selected now.
        let overlay = self.overlays.help.is_some() || self.overlays.errors.is_some();
        // One pane at a time shows no preview: nothing to hold.
        let (w, h) = self.size;
        let previews = matches!(
            crate::app::layout::Mode::of(w, h),
            crate::app::layout::Mode::Wide | crate::app::layout::Mode::Medium
        );
        if !self.previews.defer || !(list_move || doc_move) || overlay || !previews {
            self.previews.held = None;
        } else if self.previews.held.is_none() {
            self.previews.held = Some(Held {
                top: doc_move.then(|| self.top().clone()),
                previews: self.preview_chain(),
            });
        }
    }

    /// The previews of the top view as they are now: what it opens, what
    /// that opens, and so on.
    pub fn preview_chain(&self) -> Vec<View> {
        self.previews_upto(MAX_PREVIEWS)
    }

    /// The first `limit` views of [`App::preview_chain`]: a frame computes
    /// only as many as it has columns for.
    pub fn previews_upto(&self, limit: usize) -> Vec<View> {
        let mut chain: Vec<View> = Vec::new();
        while chain.len() < limit {
            let from = chain.last().unwrap_or(self.top());
            match crate::app::layout::preview_of(self, from) {
                Some(next) => chain.push(next),
                None => break,
            }
        }
        chain
    }

    /// True while the previews on screen lag the selection: the run loop
    /// then sends [`Action::SettlePreview`] once input has paused.
    pub fn previews_held(&self) -> bool {
        self.previews.held.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{app_with, sample};
    use crate::model::ItemRef;

    fn item_preview(app: &App) -> Option<ItemRef> {
        let shown = app
            .previews
            .held
            .clone()
            .map_or_else(|| app.preview_chain(), |h| h.previews);
        shown.iter().find_map(|v| match v {
            View::Item { at, .. } => Some(*at),
            _ => None,
        })
    }

    fn in_first_section(defer: bool) -> App {
        let mut app = app_with(sample());
        app.previews.defer = defer;
        app.update(Action::Resize(120, 40));
        app.update(Action::JumpSection(1));
        app
    }

    #[test]
    fn moves_hold_the_preview_until_it_settles() {
        let mut app = in_first_section(true);
        let first = ItemRef {
            section: 0,
            item: 0,
        };
        assert_eq!(item_preview(&app), Some(first));
        app.update(Action::Down);
        assert!(app.previews_held());
        assert_eq!(item_preview(&app), Some(first), "held at the old item");
        app.update(Action::Up);
        app.update(Action::Down);
        assert_eq!(item_preview(&app), Some(first), "still the first frame's");
        app.update(Action::SettlePreview);
        assert!(!app.previews_held());
        assert_eq!(
            item_preview(&app),
            Some(ItemRef {
                section: 0,
                item: 1
            })
        );
    }

    #[test]
    fn anything_but_a_move_lets_previews_follow() {
        let mut app = in_first_section(true);
        app.update(Action::Down);
        assert!(app.previews_held());
        app.update(Action::Open);
        assert!(!app.previews_held(), "opening shows what was opened");
        app.update(Action::Back);
        app.update(Action::Down);
        app.update(Action::ToggleHelp);
        assert!(!app.previews_held(), "an overlay drops the hold");
    }

    #[test]
    fn the_mouse_acts_on_the_preview_of_the_current_selection() {
        let mut app = in_first_section(true);
        app.update(Action::Down);
        assert!(app.previews_held());
        // The wheel over the right half, where the preview is.
        app.update(Action::ScrollAt {
            x: 110,
            y: 10,
            down: true,
        });
        assert!(!app.previews_held());
        // The pane scrolled (and now focused) is the selected item, not the held one.
        assert!(
            matches!(app.top(), View::Item { at, .. } if *at == ItemRef { section: 0, item: 1 }),
            "{:?}",
            app.top()
        );
    }

    #[test]
    fn the_next_item_waits_for_the_keys_to_stop_and_a_scroll_does_not() {
        let mut app = in_first_section(true);
        app.update(Action::Open);
        app.update(Action::NextItem);
        let held = app.previews.held.as_ref().and_then(|h| h.top.clone());
        let first = ItemRef {
            section: 0,
            item: 0,
        };
        assert!(
            matches!(held, Some(View::Item { at, .. }) if at == first),
            "{held:?}"
        );
        // Scrolling shows the item it scrolls, at once.
        app.update(Action::Down);
        assert!(!app.previews_held());
    }

    #[test]
    fn moves_in_the_search_prompt_hold_the_preview() {
        let mut app = in_first_section(true);
        app.update(Action::Search);
        app.update(Action::Input('t'));
        assert!(!app.previews_held(), "typing shows the first hit");
        app.update(Action::Down);
        assert!(app.previews_held(), "moving through hits holds it");
        app.update(Action::Input('h'));
        assert!(!app.previews_held(), "the hits changed");
    }

    #[test]
    fn one_pane_holds_nothing() {
        let mut app = in_first_section(true);
        app.update(Action::Resize(60, 40));
        app.update(Action::Down);
        assert!(!app.previews_held(), "no preview pane at 60 columns");
    }

    #[test]
    fn without_deferral_previews_follow_at_once() {
        let mut app = in_first_section(false);
        app.update(Action::Down);
        assert!(!app.previews_held());
        assert_eq!(
            item_preview(&app),
            Some(ItemRef {
                section: 0,
                item: 1
            })
        );
    }
}
