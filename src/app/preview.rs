//! Deferred previews: while the selection moves, the preview pane keeps what
//! it showed until the keys stop, so holding `j` over a slow link sends only
//! the list rows that changed, and the new preview goes out once.

use super::{Action, App, View};

/// How deep a preview chain can be (Miller columns show at most two previews).
const MAX_PREVIEWS: usize = 3;

impl App {
    /// Called before an action is applied: a selection move freezes the
    /// previews the last frame showed (if not frozen already); anything else
    /// lets them follow the selection again.
    pub(super) fn hold_previews_for(&mut self, action: Action) {
        let moves = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        );
        // Not the mouse: a wheel or click acts on the pane under the pointer,
        // which must be the preview of what is selected now.
        let overlay = self.help.is_some() || self.errors.is_some() || self.search.typing;
        // One pane at a time shows no preview: nothing to hold.
        let (w, h) = self.size;
        let previews = matches!(
            crate::app::layout::Mode::of(w, h),
            crate::app::layout::Mode::Wide | crate::app::layout::Mode::Medium
        );
        if !self.defer_previews || !moves || overlay || !previews {
            self.held_previews = None;
        } else if self.held_previews.is_none() {
            self.held_previews = Some(self.preview_chain());
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
        self.held_previews.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{app_with, sample};
    use crate::model::ItemRef;

    fn item_preview(app: &App) -> Option<ItemRef> {
        let shown = app
            .held_previews
            .clone()
            .unwrap_or_else(|| app.preview_chain());
        shown.iter().find_map(|v| match v {
            View::Item { at, .. } => Some(*at),
            _ => None,
        })
    }

    fn in_first_section(defer: bool) -> App {
        let mut app = app_with(sample());
        app.defer_previews = defer;
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
