//! A briefing as styled, wrapped lines: the text that the reader's panes,
//! the clipboard and the exports share, the theme that styles it, and the
//! cache that keeps it between frames. Depends only on `model` (and
//! `search` for its targets) and on ratatui's text, style and layout types;
//! never on `app`, `ui` or the terminal, so every layer above can use it.

pub mod cache;
pub mod dossier;
pub mod export;
pub mod headers;
pub mod item;
pub mod links;
pub mod markdown;
pub mod matrix;
pub mod refs;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod timeline_text;

pub use theme::Theme;
