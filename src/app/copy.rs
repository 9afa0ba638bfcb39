//! What `y`, `Y` and `o` hand to the terminal: the selection as plain text,
//! the whole briefing, or a source's URL. The run loop does the writing.

use super::view::{Link, Mention, View};
use super::{App, Entry};
use crate::doc::Theme;
use crate::doc::cache::MentionsOf;
use crate::doc::headers::{actor_header, overview_header, source_header, summary_lines};
use crate::doc::refs::item_links;
use crate::doc::text::plain;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, ItemRef};

/// Something for the terminal or the system, produced by an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outbound {
    /// Put this text on the clipboard (OSC 52); `what` names it for the message.
    Copy { text: String, what: &'static str },
    /// Open this URL (already checked linkable), or copy it over SSH.
    Open(String),
}

/// Plain text is wrapped at this width for the clipboard.
const COPY_WIDTH: usize = 80;

fn item_text(b: &Briefing, at: ItemRef) -> Option<String> {
    let item = b.item(at)?;
    Some(plain(
        &crate::doc::item::lines(b, item, COPY_WIDTH, &Theme::mono(false), None).lines,
    ))
}

fn quote_text(b: &Briefing, at: ItemRef, q: usize) -> Option<String> {
    let quote = b.item(at)?.quotes.get(q)?;
    let actor = b.actors.get(quote.by)?;
    let mut out = format!("“{}”\n— {}", clean(&quote.text), clean(&actor.name));
    if let Some(role) = &actor.role {
        out.push_str(&format!(", {}", clean(role)));
    }
    if let Some(context) = &quote.context {
        out.push_str(&format!(" ({})", clean(context)));
    }
    Some(out)
}

fn actor_card(b: &Briefing, actor: usize) -> Option<String> {
    Some(plain(&actor_header(
        b,
        actor,
        COPY_WIDTH,
        &Theme::mono(false),
    )))
}

fn mention_text(b: &Briefing, m: Mention) -> Option<String> {
    match m {
        Mention::Quote(at, q) => quote_text(b, at, q),
        Mention::Item(at) => item_text(b, at),
    }
}

impl App {
    /// The selection as plain text, and what it is.
    fn selection_text(&self) -> Option<(String, &'static str)> {
        let b = self.entries.get(self.current).and_then(Entry::briefing)?;
        let theme = Theme::mono(false);
        match self.top() {
            View::Item { at, .. } => item_text(b, *at).map(|t| (t, "item")),
            View::Section { section, list } => item_text(
                b,
                ItemRef {
                    section: *section,
                    item: list.selected,
                },
            )
            .map(|t| (t, "item")),
            View::Actor { actor, list } => {
                match self.mentions(MentionsOf::Actor(*actor)).get(list.selected) {
                    Some(m @ Mention::Quote(..)) => mention_text(b, *m).map(|t| (t, "quote")),
                    _ => actor_card(b, *actor).map(|t| (t, "actor card")),
                }
            }
            View::Actors(list) => actor_card(b, list.selected).map(|t| (t, "actor card")),
            View::Source { source, list } => match self
                .mentions(MentionsOf::Source(*source))
                .get(list.selected)
            {
                Some(m @ Mention::Quote(..)) => mention_text(b, *m).map(|t| (t, "quote")),
                _ => Some((
                    plain(&source_header(b, *source, COPY_WIDTH, &theme)),
                    "source",
                )),
            },
            View::Matrix { section, .. } => Some((
                plain(&crate::doc::matrix::lines(b, *section, 160, &theme)),
                "positions matrix",
            )),
            View::Summary { .. } => Some((plain(&summary_lines(b, COPY_WIDTH, &theme)), "summary")),
            View::Overview(_) => Some((plain(&overview_header(b, COPY_WIDTH, &theme)), "overview")),
            View::Library(_)
            | View::Results(_)
            | View::Brief { .. }
            | View::Timeline { .. }
            | View::Tags { .. }
            | View::Peek { .. }
            | View::People(_)
            | View::Dossier { .. } => None,
        }
    }

    /// `y`: copy the selection.
    pub(super) fn copy_selection(&mut self) {
        let text = match self.top() {
            View::Dossier { id, list, .. } => self.dossier_row_text(id, list.selected),
            _ => self.selection_text(),
        };
        match text {
            Some((text, what)) => self.outbox.push(Outbound::Copy { text, what }),
            None => self.message = Some("nothing to copy here".into()),
        }
    }

    /// `Y`: copy the whole open briefing as Markdown (`brief render
    /// --format markdown`): pasted into a document, chat or issue it keeps
    /// its headings, quotes and tables.
    pub(super) fn copy_all(&mut self) {
        if let View::Dossier { id, .. } = self.top() {
            let copy = self.dossier_markdown(id).map(|text| Outbound::Copy {
                text,
                what: "dossier as Markdown",
            });
            return match copy {
                Some(copy) => self.outbox.push(copy),
                None => self.message = Some("nothing to copy here".into()),
            };
        }
        match self.entries.get(self.current).and_then(Entry::briefing) {
            Some(b) if self.briefing().is_some() => {
                let text = crate::doc::markdown::briefing(b);
                self.outbox.push(Outbound::Copy {
                    text,
                    what: "briefing as Markdown",
                });
            }
            _ => self.message = Some("open a briefing first".into()),
        }
    }

    /// `o`: open the selected source's URL.
    pub(super) fn open_link(&mut self) {
        let Some(b) = self.briefing() else { return };
        let source = match self.top() {
            View::Source { source, .. } => Some(*source),
            View::Item { at, link, .. } => {
                b.item(*at).and_then(|i| match item_links(i).get(*link) {
                    Some(Link::Source(s)) => Some(*s),
                    _ => None,
                })
            }
            _ => None,
        };
        let Some(source) = source.and_then(|s| b.sources.get(s)) else {
            self.message = Some("select a source with a URL (Tab in an item)".into());
            return;
        };
        match source.url.clone() {
            Some(url) if crate::doc::links::is_linkable(&url) => {
                self.outbox.push(Outbound::Open(url))
            }
            Some(_) => {
                self.message =
                    Some("not opened: only http, https and mailto links can be opened".into())
            }
            None => self.message = Some("this source has no URL".into()),
        }
    }
}
