//! Application state and the one place it changes: `App::update(Action)`.
//!
//! The run loop turns events into [`Action`]s; views only read `App`.

pub mod action;
pub mod copy;
pub mod dossier;
mod entry;
mod indexes;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod nav;
mod overlay;
mod preview;
pub mod read;
pub mod reload;
pub mod resume;
pub mod search;
pub mod timeline;
pub mod view;

pub use action::Action;
pub use entry::Entry;
pub use indexes::SharedIndexes;
pub use view::{Link, ListPos, Mention, View};

use crate::model::{Briefing, Loaded, Report};
use std::sync::Arc;

/// A version of a briefing file as loaded: shared, not copied, by every
/// reader that shows it (the sessions of `brief serve` share one library).
pub type Version = Result<Arc<Loaded>, Report>;

/// Everything the reader shows, in memory.
#[derive(Debug)]
pub struct App {
    pub entries: Vec<Entry>,
    /// The entry whose briefing the views below the library refer to.
    pub current: usize,
    /// Never empty: the root view is at the bottom.
    pub stack: Vec<View>,
    /// The terminal size, for page moves and layout.
    pub size: (u16, u16),
    /// A one-line message for the status bar, cleared by the next action.
    pub message: Option<String>,
    pub should_quit: bool,
    /// Whether mouse reporting is on (changes the hints only).
    pub mouse: bool,
    /// Prose is never wider than this many columns (centred in wider panes).
    pub reading_width: u16,
    /// The key bindings in force (defaults plus config remaps).
    pub keymap: keymap::Keymap,
    /// Clipboard writes and URLs to open, for the run loop to carry out.
    pub outbox: Vec<copy::Outbound>,
    /// The help and errors overlays.
    pub overlays: overlay::Overlays,
    /// The current search (query, hits, prompt).
    pub search: search::Search,
    /// The library: whether it is the root, its order, its directory.
    pub library: library::LibraryState,
    /// Read marks and the item last marked read.
    pub read: read::ReadState,
    /// Preview deferral while the selection moves.
    pub previews: preview::Previews,
    /// Wrapped text kept between frames (render-owned, like list offsets).
    pub cache: crate::doc::cache::RenderCache,
    /// Timelines and tag lists, kept until the entries change.
    pub timelines: timeline::Timelines,
    /// Who is who across the library, and the dossiers shown.
    pub dossier_cache: dossier::DossierCache,
}

impl App {
    /// A reader on one briefing, or on a library when `is_library`.
    /// A library lists its entries newest first, failures last
    /// (`library_order`); they start in that order too.
    pub fn new(mut entries: Vec<Entry>, is_library: bool) -> Self {
        if is_library {
            entries.sort_by(library::newest_first);
        }
        let root = if is_library || entries.len() != 1 {
            View::Library(ListPos::at(0))
        } else {
            View::Overview(ListPos::at(0))
        };
        let is_library = matches!(root, View::Library(_));
        let mut app = Self {
            entries,
            current: 0,
            stack: vec![root],
            size: (80, 24),
            message: None,
            should_quit: false,
            mouse: false,
            reading_width: 100,
            keymap: Default::default(),
            outbox: Vec::new(),
            overlays: Default::default(),
            search: Default::default(),
            library: library::LibraryState::new(is_library),
            read: Default::default(),
            previews: Default::default(),
            cache: Default::default(),
            timelines: Default::default(),
            dossier_cache: Default::default(),
        };
        app.sort_library();
        app.open_single_entry();
        app
    }

    /// Attaches stored read state: marks for every loaded entry, and reopens
    /// where the reader left off (see `resume`).
    pub fn attach_state(&mut self, file: &crate::state::StateFile) {
        self.read.on = true;
        self.read.marks = (self.entries.iter())
            .map(|e| resume::entry_marks(file, e))
            .collect();
        if self.entries.iter().any(Entry::is_pending) || self.library.listing {
            self.library.state_for_pending = Some(file.clone());
        }
        self.resume();
    }

    pub(super) fn restore_last_view(&mut self) {
        let saved = self.marks().and_then(|m| m.last_view.clone());
        if let Some(saved) = saved {
            self.restore_view(&saved);
        }
    }

    /// The briefing being read, if one is open.
    pub fn briefing(&self) -> Option<&Briefing> {
        if self.library_wide() {
            return None;
        }
        self.entries.get(self.current)?.briefing()
    }

    pub fn top(&self) -> &View {
        self.stack.last().expect("the view stack is never empty")
    }

    fn top_mut(&mut self) -> &mut View {
        self.stack
            .last_mut()
            .expect("the view stack is never empty")
    }

    /// Applies one action. Never panics, whatever the state.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(w, h) = action {
            // Not a user action: the message stays.
            self.size = (w, h);
            return;
        }
        if action == Action::SettlePreview {
            // Not a user action either: only the previews change.
            self.previews.held = None;
            return;
        }
        self.message = None;
        self.hold_previews_for(action);
        if !self.captured(action) {
            self.apply(action);
        }
        self.settle_dossier();
        // After the prompt too: an item opened from search is read as much
        // as one opened from its list.
        self.note_opened();
    }

    /// What an action does when no overlay or prompt takes it.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => self.open_overlay(|app| app.overlays.help = Some(0)),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::PageDown => self.step(self.page() as isize),
            Action::PageUp => self.step(-(self.page() as isize)),
            Action::HalfPageDown => self.step((self.page() / 2).max(1) as isize),
            Action::HalfPageUp => self.step(-((self.page() / 2).max(1) as isize)),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::NextItem => self.adjacent_item(true),
            Action::PrevItem => self.adjacent_item(false),
            Action::NextLink => self.step_link(1),
            Action::PrevLink => self.step_link(-1),
            Action::JumpSection(n) => self.jump_section(n),
            Action::ActorIndex => self.actor_index(),
            Action::Timeline => self.open_timeline(),
            Action::Tags => self.open_tags(),
            Action::FilterBy => self.filter_by_selection(),
            Action::FilterSeverity => self.filter_by_severity(),
            Action::ClearFilter => self.clear_filter(),
            Action::Dossier => self.open_dossier(),
            Action::ToggleRead => self.toggle_read(),
            Action::Search => self.search_open(false),
            Action::Palette => self.search_open(true),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::ToggleMatrix => self.toggle_matrix(),
            Action::ScrollAt { x, y, down } => self.scroll_at(x, y, down),
            Action::ClickAt { x, y } => self.click_at(x, y),
            Action::ShowErrors => self.show_errors(),
            Action::Copy => self.copy_selection(),
            Action::CopyAll => self.copy_all(),
            Action::OpenLink => self.open_link(),
            Action::Suspend
            | Action::Reload
            | Action::Resize(..)
            | Action::SettlePreview
            | Action::Input(_)
            | Action::InputBackspace
            | Action::InputSubmit
            | Action::InputCancel => {}
        }
    }

    /// Gives `action` to what takes the keys first (the help, the errors
    /// overlay, the search prompt); false when none is open.
    fn captured(&mut self, action: Action) -> bool {
        // The errors went (the file was mended): the overlay is gone too,
        // and the key does what it does without it.
        if self.overlays.errors.is_some() && self.errors_shown().is_none() {
            self.overlays.errors = None;
        }
        if self.overlays.help.is_some() {
            self.update_help(action);
        } else if self.overlays.errors.is_some() {
            self.update_errors(action);
        } else if self.search.typing {
            self.search_input(action);
        } else {
            return false;
        }
        true
    }

    /// Rows a page move covers: the body height less a line of overlap.
    pub fn page(&self) -> usize {
        (self.size.1 as usize).saturating_sub(3).max(1)
    }

    /// Moves the selection (lists) or the scroll position (documents).
    fn step(&mut self, delta: isize) {
        let len = self.list_len(self.top());
        let view = self.top_mut();
        if let Some(list) = view.list_mut() {
            list.step(delta, len);
        } else if let Some(scroll) = view.scroll() {
            let next = (scroll.get() as isize).saturating_add(delta).max(0);
            // The renderer clamps to the document's length and stores it back.
            scroll.set(next.min(isize::MAX / 4) as usize);
        }
        self.skip_day_heading(delta > 0);
        self.sync_parents();
    }

    /// Number of rows in a list view.
    pub fn list_len(&self, view: &View) -> usize {
        match view {
            View::Library(_) => return self.entries.len(),
            // Hits in a library need no briefing open.
            View::Results(_) => return self.search.len(),
            View::People(_) => return self.people().list.len(),
            View::Dossier { id, .. } => return self.dossier(id).map_or(0, |(_, d)| d.rows.len()),
            _ => {}
        }
        if let Some(len) = self.archive_list_len(view) {
            return len;
        }
        let Some(b) = self.entries.get(self.current).and_then(Entry::briefing) else {
            return 0;
        };
        match view {
            View::Overview(_) => b.sections.len() + 1,
            View::Section { section, .. } => b.sections.get(*section).map_or(0, |s| s.items.len()),
            View::Actor { actor, .. } => self
                .mentions(crate::doc::cache::MentionsOf::Actor(*actor))
                .len(),
            View::Source { source, .. } => self
                .mentions(crate::doc::cache::MentionsOf::Source(*source))
                .len(),
            View::Actors(_) => b.actors.len(),
            View::Library(_)
            | View::People(_)
            | View::Dossier { .. }
            | View::Results(_)
            | View::Item { .. }
            | View::Matrix { .. }
            | View::Summary { .. }
            | View::Brief { .. }
            | View::Timeline { .. }
            | View::Tags { .. }
            | View::Peek { .. } => 0,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
