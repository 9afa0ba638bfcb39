//! Where things go on screen: the layout mode by size, and which views the
//! Miller columns show. Pure functions of the app state, shared by rendering
//! (ui) and by mouse hit-testing (app) so a click lands where the eye saw it.

use super::nav::PaneView;
use super::view::overview_section;
use super::{App, Mention, View};
use crate::doc::Theme;
use crate::doc::cache::MentionsOf;
use crate::model::ItemRef;
use ratatui::layout::Rect;
use std::borrow::Cow;

/// Below this the screen shows only a "terminal too small" note.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// How many columns the width allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// >= 140 columns: three Miller columns.
    Wide,
    /// 80-139 columns: list | detail.
    Medium,
    /// < 80 columns or < 20 rows: one pane at a time.
    Narrow,
    TooSmall,
}

impl Mode {
    pub fn of(width: u16, height: u16) -> Self {
        match (width, height) {
            (w, h) if w < MIN_WIDTH || h < MIN_HEIGHT => Self::TooSmall,
            (_, h) if h < 20 => Self::Narrow,
            (w, _) if w >= 140 => Self::Wide,
            (w, _) if w >= 80 => Self::Medium,
            _ => Self::Narrow,
        }
    }

    fn columns(self) -> usize {
        match self {
            Self::Wide => 3,
            Self::Medium => 2,
            Self::Narrow | Self::TooSmall => 1,
        }
    }
}

/// One pane: a view drawn into a rectangle.
#[derive(Debug)]
pub struct Pane<'a> {
    pub area: Rect,
    pub view: PaneView<'a>,
    pub focused: bool,
}

/// The whole screen's geometry.
#[derive(Debug)]
pub struct Screen<'a> {
    pub mode: Mode,
    pub crumb: Rect,
    pub status: Rect,
    pub panes: Vec<Pane<'a>>,
    /// The three-cell gaps between panes; a separator goes down the middle.
    pub gaps: Vec<Rect>,
}

/// Lays out the screen for the app's current view.
pub fn screen(app: &App, area: Rect) -> Screen<'_> {
    let mode = Mode::of(area.width, area.height);
    let mut screen = Screen {
        mode,
        crumb: Rect::default(),
        status: Rect::default(),
        panes: vec![],
        gaps: vec![],
    };
    if mode == Mode::TooSmall {
        return screen;
    }
    // Not TooSmall, so at least 6 rows: a crumb line, the body, a status line.
    screen.crumb = Rect { height: 1, ..area };
    screen.status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    let (columns, slots) = columns(app, mode.columns());
    let spans = split_columns(body.width, &SLOT_WEIGHTS[3 - slots.min(3)..]);
    // Where each column ends, in slots: a separator follows it unless it
    // reaches the right edge (an empty preview slot keeps its separator).
    for column in columns {
        let (first, last) = (spans[column.slots.start], spans[column.slots.end - 1]);
        if column.slots.end < slots {
            let x = last.0 + last.1;
            screen.gaps.push(Rect {
                x: body.x + x,
                width: spans[column.slots.end].0.saturating_sub(x),
                ..body
            });
        }
        screen.panes.push(Pane {
            area: Rect {
                x: body.x + first.0,
                width: last.0 + last.1 - first.0,
                ..body
            },
            view: column.view,
            focused: column.focused,
        });
    }
    screen
}

/// Between two panes: room for a separator with a space either side.
const GAP: u16 = 3;

/// Splits `width` into columns in proportion to `weights`, with a gap between
/// each two; returns each column's (offset, width). Plain arithmetic rather
/// than ratatui's constraint solver: the same result (a test compares them),
/// without the solver's cost on the first frame.
fn split_columns(width: u16, weights: &[u16]) -> Vec<(u16, u16)> {
    let gaps = GAP.saturating_mul(weights.len().saturating_sub(1) as u16);
    let room = u32::from(width.saturating_sub(gaps));
    let total: u32 = weights.iter().map(|&w| u32::from(w)).sum::<u32>().max(1);
    let mut out = Vec::with_capacity(weights.len());
    let mut before = 0u32;
    for (i, &w) in weights.iter().enumerate() {
        // Each column starts and ends where the running share, rounded, does.
        let start = (before * room + total / 2) / total;
        before += u32::from(w);
        let end = (before * room + total / 2) / total;
        // `start + gaps before it <= room + gaps <= width` (or under 9 when
        // the gaps alone are wider than the screen): it fits a u16.
        let x = start + u32::from(GAP) * i as u32;
        out.push((x as u16, (end - start) as u16));
    }
    out
}

/// Relative widths of the three slots of the widest layout; narrower
/// layouts use the last two or the last one. The last slot (where documents
/// go) is the widest. Slots depend on the terminal's size only, never on what
/// is selected, so moving the selection never moves a divider.
const SLOT_WEIGHTS: [u16; 3] = [4, 4, 5];

/// A view and the slots (left to right) it fills.
struct Column<'a> {
    view: PaneView<'a>,
    slots: std::ops::Range<usize>,
    focused: bool,
}

/// The views to show in at most `most` slots, left to right, and how many
/// slots they take. A list sits right of its parents with room for as many
/// previews as its kind can open, whatever is selected now; the last preview
/// spans the slots left over, and a selection with no preview leaves them
/// empty rather than moving the list over. A document fills the slots right
/// of its parents.
fn columns(app: &App, most: usize) -> (Vec<Column<'_>>, usize) {
    let top = shown_top(app);
    // A dossier's quotes want the width; its rows open no preview.
    if matches!(top, View::Matrix { .. } | View::Dossier { .. }) || most <= 1 {
        let only = Column {
            view: Cow::Borrowed(top),
            slots: 0..1,
            focused: true,
        };
        return (vec![only], 1);
    }
    let depth = app.stack.len() - 1;
    // A timeline or tag list starts the columns afresh: what it was opened
    // from is a Back away, not beside it, so the list and its item get the width.
    let start = (app.stack.iter())
        .rposition(|v| matches!(v, View::Timeline { .. } | View::Tags { .. }))
        .map_or(0, |at| at.min(depth));
    let parents: Vec<&View> = app.stack[start..depth]
        .iter()
        .filter(|v| !matches!(v, View::Matrix { .. }))
        .collect();
    let is_list = top.list().is_some();
    // A list needs its previews' slots, a document at least two (the
    // library alone has fewer views than three slots).
    let (count, at) = if is_list {
        let previews = preview_depth(top).min(most - 1);
        let count = most.min(parents.len() + 1 + previews);
        (count, parents.len().min(count - 1 - previews))
    } else {
        (most, parents.len().min(most - 1))
    };
    let mut out: Vec<Column<'_>> = parents[parents.len() - at..]
        .iter()
        .enumerate()
        .map(|(i, v)| Column {
            view: Cow::Borrowed(*v),
            slots: i..i + 1,
            focused: false,
        })
        .collect();
    out.push(Column {
        view: Cow::Borrowed(top),
        slots: at..if is_list { at + 1 } else { count },
        focused: true,
    });
    if is_list {
        out.extend(preview_columns(app, at + 1..count));
    }
    (out, count)
}

/// The previews of the selection in `slots`, the last spanning the slots
/// the chain is too short to fill; as held while the selection moves.
fn preview_columns(app: &App, slots: std::ops::Range<usize>) -> Vec<Column<'static>> {
    let room = slots.len();
    let previews: Vec<View> = match &app.previews.held {
        Some(held) => held.previews.iter().take(room).cloned().collect(),
        None => app.previews_upto(room),
    };
    let n = previews.len();
    let start = slots.start;
    previews
        .into_iter()
        .enumerate()
        .map(|(i, v)| Column {
            view: Cow::Owned(v),
            slots: start + i..if i + 1 == n { slots.end } else { start + i + 1 },
            focused: false,
        })
        .collect()
}

/// How many views deep a list's previews can go: the overview previews a
/// section and its item, the actor index an actor and a mention.
fn preview_depth(view: &View) -> usize {
    match view {
        View::Overview(_) | View::Actors(_) | View::Tags { .. } => 2,
        _ => 1,
    }
}

/// The top view as drawn: while a move through items is held, the item the
/// last frame showed (if the top is still that kind of view).
fn shown_top(app: &App) -> &View {
    let top = app.top();
    match app.previews.held.as_ref().and_then(|h| h.top.as_ref()) {
        Some(held) if std::mem::discriminant(held) == std::mem::discriminant(top) => held,
        _ => top,
    }
}

/// What the selection in a view would open, shown beside it as a preview.
pub fn preview_of(app: &App, view: &View) -> Option<View> {
    match view {
        View::Library(list) => {
            return app
                .library_entry(list.selected)
                .map(|entry| View::Brief { entry });
        }
        View::People(list) => {
            let people = app.people();
            let id = people.list.get(list.selected)?.ids.first()?;
            return Some(View::Dossier {
                id: id.as_ref().into(),
                list: super::ListPos::at(0),
                from: None,
            });
        }
        _ => {}
    }
    if let Some(preview) = app.archive_preview(view) {
        return preview;
    }
    let b = app.entries.get(app.current)?.briefing()?;
    match view {
        View::Overview(list) => match overview_section(list.selected) {
            None => Some(View::summary()),
            Some(s) => b.sections.get(s).map(|_| View::section(s, 0)),
        },
        View::Section { section, list } => {
            let at = ItemRef {
                section: *section,
                item: list.selected,
            };
            b.item(at).map(|_| View::item(at))
        }
        View::Actor { actor, list } => app
            .mentions(MentionsOf::Actor(*actor))
            .get(list.selected)
            .map(|m| mention_preview(*m)),
        View::Source { source, list } => app
            .mentions(MentionsOf::Source(*source))
            .get(list.selected)
            .map(|m| mention_preview(*m)),
        View::Actors(list) => b
            .actors
            .get(list.selected)
            .map(|_| View::actor(list.selected)),
        View::Results(list) if app.search.entry_of(list.selected) == Some(app.current) => {
            app.hit_view(list.selected)
        }
        View::Library(_)
        | View::People(_)
        | View::Dossier { .. }
        | View::Item { .. }
        | View::Matrix { .. }
        | View::Results(_)
        | View::Summary { .. }
        | View::Brief { .. }
        | View::Timeline { .. }
        | View::Tags { .. }
        | View::Peek { .. } => None,
    }
}

fn mention_preview(m: Mention) -> View {
    View::item(m.item())
}

/// The list row under screen row `y` in a pane, if the pane is a list.
pub fn list_row_at(app: &App, pane: &Pane<'_>, y: u16) -> Option<usize> {
    if let View::Dossier { id, list, .. } = pane.view.as_ref() {
        return app.dossier_row_at(id, list, pane.area, y);
    }
    let (list_area, row_height) = list_geometry(app, &pane.view, pane.area)?;
    if y < list_area.y || y >= list_area.bottom() {
        return None;
    }
    let list = pane.view.list()?;
    let offset = list.offset.get();
    Some(offset + usize::from(y - list_area.y) / row_height.max(1))
}

/// The list part of a list pane and its row height, for mouse hit-testing.
pub fn list_geometry(app: &App, view: &View, area: Rect) -> Option<(Rect, usize)> {
    let theme = Theme::mono(true);
    let width = usize::from(area.width);
    let (header, len, row_height) = match view {
        View::Timeline { .. } | View::Tags { .. } => (
            app.archive_header(view, &theme).len(),
            app.list_len(view),
            1,
        ),
        View::Library(_) => (
            crate::doc::headers::library_header(app.entries.len(), app.failed_count(), &theme)
                .len(),
            app.entries.len(),
            2,
        ),
        View::People(_) => (
            crate::doc::dossier::lines::people_header(&app.people(), &theme).len(),
            app.list_len(view),
            2,
        ),
        _ => {
            let b = app.entries.get(app.current)?.briefing()?;
            match view {
                View::Overview(_) => (
                    crate::doc::headers::overview_header(b, width, &theme).len(),
                    b.sections.len() + 1,
                    2,
                ),
                View::Section { section, .. } => {
                    let s = b.sections.get(*section)?;
                    (
                        crate::doc::headers::section_header(s, width, &theme).len(),
                        s.items.len(),
                        2,
                    )
                }
                View::Actor { actor, .. } => (
                    crate::doc::headers::actor_header(b, *actor, width, &theme).len(),
                    app.list_len(view),
                    2,
                ),
                View::Source { source, .. } => (
                    crate::doc::headers::source_header(b, *source, width, &theme).len(),
                    app.list_len(view),
                    2,
                ),
                View::Actors(_) => (
                    crate::doc::headers::index_header(b, &theme).len(),
                    b.actors.len(),
                    2,
                ),
                _ => return None,
            }
        }
    };
    let (_, list_area) = split_list(area, header, len, row_height as u16);
    Some((list_area, row_height))
}

/// Splits a pane into header and list: the header gets what it needs unless
/// that would squeeze the list below half the pane (or below what it needs).
pub fn split_list(area: Rect, header_lines: usize, len: usize, row_height: u16) -> (Rect, Rect) {
    let list_needs = (len.max(1) * usize::from(row_height)).min(usize::from(area.height));
    let list_min = list_needs.min(usize::from(area.height).div_ceil(2));
    let header = header_lines.min(usize::from(area.height) - list_min) as u16;
    let header_area = Rect {
        height: header,
        ..area
    };
    let list_area = Rect {
        y: area.y + header,
        height: area.height - header,
        ..area
    };
    (header_area, list_area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_follow_the_breakpoints() {
        assert_eq!(Mode::of(0, 0), Mode::TooSmall);
        assert_eq!(Mode::of(19, 40), Mode::TooSmall);
        assert_eq!(Mode::of(40, 5), Mode::TooSmall);
        assert_eq!(Mode::of(20, 6), Mode::Narrow);
        assert_eq!(Mode::of(79, 40), Mode::Narrow);
        assert_eq!(Mode::of(80, 24), Mode::Medium);
        assert_eq!(Mode::of(139, 24), Mode::Medium);
        assert_eq!(Mode::of(140, 48), Mode::Wide);
        assert_eq!(Mode::of(300, 19), Mode::Narrow);
    }

    /// What ratatui's solver gives for the same columns and gaps.
    fn solved(width: u16, weights: &[u16]) -> Vec<(u16, u16)> {
        use ratatui::layout::{Constraint, Layout};
        let mut constraints = Vec::new();
        for (i, &w) in weights.iter().enumerate() {
            if i > 0 {
                constraints.push(Constraint::Length(GAP));
            }
            constraints.push(Constraint::Fill(w));
        }
        let rects = Layout::horizontal(constraints).split(Rect::new(0, 0, width, 1));
        rects.iter().step_by(2).map(|r| (r.x, r.width)).collect()
    }

    #[test]
    fn columns_split_as_ratatui_s_solver_splits_them() {
        // Every list of 1-3 columns the reader can ask for (weights 3-5).
        let w = [3u16, 4, 5];
        let mut sets: Vec<Vec<u16>> = w.iter().map(|&a| vec![a]).collect();
        for &a in &w {
            for &b in &w {
                sets.push(vec![a, b]);
                sets.extend(w.iter().map(|&c| vec![a, b, c]));
            }
        }
        assert_eq!(sets.len(), 39);
        for width in MIN_WIDTH..=500 {
            for weights in &sets {
                assert_eq!(
                    split_columns(width, weights),
                    solved(width, weights),
                    "{width} {weights:?}"
                );
            }
        }
    }

    #[test]
    fn the_widest_screens_split_without_overflow() {
        for width in [u16::MAX, u16::MAX - 2, 0, 5] {
            for weights in [&[4][..], &[4, 5], &[3, 4, 5]] {
                let spans = split_columns(width, weights);
                let last = spans.last().expect("a column");
                if width >= 9 {
                    assert!(u32::from(last.0) + u32::from(last.1) <= u32::from(width));
                }
            }
        }
    }

    #[test]
    fn split_favours_the_header_until_the_list_would_starve() {
        let area = Rect::new(0, 0, 40, 20);
        // Short header, short list: both fit.
        assert_eq!(split_list(area, 5, 3, 2).0.height, 5);
        // Long header, long list: the list keeps half.
        assert_eq!(split_list(area, 30, 30, 2).0.height, 10);
        // Long header, short list: the list keeps what it needs.
        assert_eq!(split_list(area, 30, 2, 2).0.height, 16);
        // Zero-height panes do not underflow.
        assert_eq!(split_list(Rect::new(0, 0, 10, 0), 3, 3, 2).0.height, 0);
    }
}
