//! The help and errors overlays: what is open, its scroll, and how keys
//! move and close it while it is open.

use super::{Action, App};
use crate::model::Report;
use std::cell::Cell;

/// The overlays drawn over the views. This module opens, scrolls and closes
/// them; the renderer only reads them and records `max_scroll`.
#[derive(Debug)]
pub struct Overlays {
    /// The help overlay, with its scroll offset, when open.
    pub help: Option<usize>,
    /// The reload-errors overlay, with its scroll offset, when open.
    pub errors: Option<usize>,
    /// The largest scroll the open overlay (help or errors) had when last
    /// drawn, so a move from past its end starts from its last page.
    pub max_scroll: Cell<usize>,
    /// The config's diagnostics when it did not load (the defaults are in
    /// force): the errors overlay lists them (see `set_config_report`).
    pub config_report: Option<Report>,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            help: None,
            errors: None,
            max_scroll: Cell::new(usize::MAX / 2),
            config_report: None,
        }
    }
}

impl App {
    pub(super) fn show_errors(&mut self) {
        if self.errors_shown().is_some() {
            self.open_overlay(|app| app.overlays.errors = Some(0));
        } else {
            self.message = Some("no errors: the file loads".into());
        }
    }

    /// Opens an overlay; its last page is not known until it is drawn.
    pub(super) fn open_overlay(&mut self, open: impl FnOnce(&mut Self)) {
        self.overlays.max_scroll.set(usize::MAX / 2);
        open(self);
    }

    pub(super) fn update_errors(&mut self, action: Action) {
        let closes = matches!(
            action,
            Action::ShowErrors | Action::Back | Action::ToggleHelp
        );
        self.overlays.errors = self.overlay_scroll(self.overlays.errors, action, closes);
    }

    pub(super) fn update_help(&mut self, action: Action) {
        let closes = matches!(action, Action::ToggleHelp | Action::Back);
        self.overlays.help = self.overlay_scroll(self.overlays.help, action, closes);
    }

    /// An overlay's scroll after `action`; `None` closes it. Moves start from
    /// what is shown: an offset past the end counts as the last page.
    fn overlay_scroll(
        &mut self,
        scroll: Option<usize>,
        action: Action,
        closes: bool,
    ) -> Option<usize> {
        let last = self.overlays.max_scroll.get();
        let scroll = scroll.unwrap_or(0).min(last);
        if closes {
            return None;
        }
        Some(match action {
            Action::Quit => {
                self.should_quit = true;
                scroll
            }
            Action::Down | Action::ScrollAt { down: true, .. } => scroll + 1,
            Action::Up | Action::ScrollAt { down: false, .. } => scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => scroll + self.page(),
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(self.page()),
            Action::Top => 0,
            Action::Bottom => last,
            _ => scroll,
        })
    }
}
