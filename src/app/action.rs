//! Everything a user can do, as data. Keys, mouse and tests all produce these.

/// One thing the user asked for. `App::update` is the only place that acts on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    /// Drill in: open the selection.
    Open,
    /// Go back out one level.
    Back,
    NextItem,
    PrevItem,
    /// In an item: select the next actor/source link.
    NextLink,
    PrevLink,
    /// Jump to section N (1-based, as typed).
    JumpSection(u8),
    ActorIndex,
    /// The timeline: items by date (the library's, or the open briefing's).
    Timeline,
    /// Tags with counts (the library's, or the open briefing's).
    Tags,
    /// In the timeline: filter by the selected item's next actor or tag.
    FilterBy,
    /// In the timeline: filter by severity (each press one level lower).
    FilterSeverity,
    /// In the timeline: clear the filter.
    ClearFilter,
    /// The actor in view across the library: every briefing, item and quote.
    Dossier,
    /// Mark the selected item read or unread.
    ToggleRead,
    /// Open the search prompt (`/`).
    Search,
    /// Open the jump palette: fuzzy-find any section, item, actor or source.
    Palette,
    /// Open the next / previous search hit from any view.
    SearchNext,
    SearchPrev,
    /// In a prompt: type a character, delete one, accept, or cancel.
    Input(char),
    InputBackspace,
    InputSubmit,
    InputCancel,
    ToggleMatrix,
    ToggleHelp,
    /// Copy the selection as plain text (OSC 52: works over SSH and tmux).
    Copy,
    /// Copy the whole briefing.
    CopyAll,
    /// Open the selected source's URL (copied instead over SSH).
    OpenLink,
    /// Reload the file(s) from disk now; the run loop does the work.
    Reload,
    /// Show every diagnostic of a failed reload.
    ShowErrors,
    /// Suspend to the shell (Ctrl-z); the run loop does the work.
    Suspend,
    Quit,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Input paused after selection moves: previews catch up (run loop).
    SettlePreview,
    /// Mouse wheel over a cell: positive scrolls down.
    ScrollAt {
        x: u16,
        y: u16,
        down: bool,
    },
    /// Mouse click on a cell.
    ClickAt {
        x: u16,
        y: u16,
    },
}

/// Actions a config file may bind keys to, by the name it uses.
pub const NAMED: &[(&str, Action)] = &[
    ("down", Action::Down),
    ("up", Action::Up),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("half_page_down", Action::HalfPageDown),
    ("half_page_up", Action::HalfPageUp),
    ("open", Action::Open),
    ("back", Action::Back),
    ("next_item", Action::NextItem),
    ("prev_item", Action::PrevItem),
    ("next_link", Action::NextLink),
    ("prev_link", Action::PrevLink),
    ("actor_index", Action::ActorIndex),
    ("timeline", Action::Timeline),
    ("tags", Action::Tags),
    ("filter_by", Action::FilterBy),
    ("filter_severity", Action::FilterSeverity),
    ("clear_filter", Action::ClearFilter),
    ("dossier", Action::Dossier),
    ("toggle_read", Action::ToggleRead),
    ("search", Action::Search),
    ("palette", Action::Palette),
    ("search_next", Action::SearchNext),
    ("search_prev", Action::SearchPrev),
    ("toggle_matrix", Action::ToggleMatrix),
    ("copy", Action::Copy),
    ("copy_all", Action::CopyAll),
    ("open_link", Action::OpenLink),
    ("reload", Action::Reload),
    ("show_errors", Action::ShowErrors),
    ("help", Action::ToggleHelp),
    ("suspend", Action::Suspend),
    ("quit", Action::Quit),
];

impl Action {
    /// The action a config file names, e.g. `page_down`.
    pub fn by_name(name: &str) -> Option<Self> {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
    }

    /// The config name of an action, if it can be bound.
    pub fn name(self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| *a == self).map(|(n, _)| *n)
    }

    /// What the action does, in the words the help screen uses.
    pub fn description(self) -> &'static str {
        match self {
            Self::Up => "move up",
            Self::Down => "move down",
            Self::Top => "go to the top",
            Self::Bottom => "go to the bottom",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::HalfPageDown => "half a page down",
            Self::HalfPageUp => "half a page up",
            Self::Open => "open the selection",
            Self::Back => "go back",
            Self::NextItem => "next item (in an item)",
            Self::PrevItem => "previous item (in an item)",
            Self::NextLink => "next actor/source link (in an item)",
            Self::PrevLink => "previous actor/source link (in an item)",
            Self::JumpSection(_) => "jump to section N",
            Self::ActorIndex => "index of all actors (in the library: across it)",
            Self::Timeline => "timeline: items by date (library or briefing)",
            Self::Tags => "tags with counts (library or briefing)",
            Self::FilterBy => "timeline: filter by the item's next actor or tag",
            Self::FilterSeverity => "timeline: filter by severity (again: lower)",
            Self::ClearFilter => "timeline: clear the filter",
            Self::Dossier => "the actor across the library (dossier)",
            Self::ToggleRead => "mark the item read / unread",
            Self::Search => "search everything",
            Self::Palette => "jump to any section, item, actor or source",
            Self::SearchNext => "next search hit",
            Self::SearchPrev => "previous search hit",
            Self::Input(_) => "type into the prompt",
            Self::InputBackspace => "delete the last character",
            Self::InputSubmit => "open the selected hit",
            Self::InputCancel => "close the prompt",
            Self::ToggleMatrix => "positions matrix (in a positions section)",
            Self::ToggleHelp => "toggle this help",
            Self::Copy => "copy the selection (works over SSH)",
            Self::CopyAll => "copy the whole briefing as Markdown",
            Self::OpenLink => "open the source's link (copied over SSH)",
            Self::Reload => "reload from disk",
            Self::ShowErrors => "list the errors of a failed reload or broken file",
            Self::Suspend => "suspend to the shell",
            Self::Quit => "quit",
            Self::Resize(..) => "terminal resized",
            Self::SettlePreview => "previews catch up with the selection",
            Self::ScrollAt { .. } => "mouse wheel: scroll the pane under the pointer",
            Self::ClickAt { .. } => "mouse click: select",
        }
    }
}
