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
    let views = columns(app, mode.columns());
    let focus = views.iter().position(|(_, focused)| *focused).unwrap_or(0);
    let weights: Vec<u16> = views.iter().map(|(view, _)| weight(view)).collect();
    let spans = split_columns(body.width, &weights);
    for (i, (view, _)) in views.into_iter().enumerate() {
        let (x, width) = spans[i];
        if i > 0 {
            let gap_x = spans[i - 1].0 + spans[i - 1].1;
            screen.gaps.push(Rect {
                x: body.x + gap_x,
                width: x - gap_x,
                ..body
            });
        }
        screen.panes.push(Pane {
            area: Rect {
                x: body.x + x,
                width,
                ..body
            },
            view,
            focused: i == focus,
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

/// Relative width of a column: documents get more room than lists.
fn weight(view: &View) -> u16 {
    match view {
        View::Item { .. } | View::Summary { .. } | View::Brief { .. } => 5,
        View::Overview(_) | View::Section { .. } | View::Results(_) | View::Library(_) => 4,
        _ => 3,
    }
}

/// The views to show, oldest first, with the focused one marked: the tail of
/// the view stack, then previews of the selection, `count` in all.
fn columns(app: &App, count: usize) -> Vec<(PaneView<'_>, bool)> {
    let top = app.top();
    if matches!(top, View::Matrix { .. }) || count == 1 {
        return vec![(Cow::Borrowed(top), true)];
    }
    let previews: Vec<View> = match &app.held_previews {
        Some(held) => held.iter().take(count - 1).cloned().collect(),
        None => app.previews_upto(count - 1),
    };
    let parents_wanted = count - 1 - previews.len();
    let depth = app.stack.len() - 1;
    let parents = app.stack[depth.saturating_sub(parents_wanted)..depth]
        .iter()
        .filter(|v| !matches!(v, View::Matrix { .. }));
    let mut out: Vec<(PaneView<'_>, bool)> = parents.map(|v| (Cow::Borrowed(v), false)).collect();
    out.push((Cow::Borrowed(top), true));
    out.extend(previews.into_iter().map(|v| (Cow::Owned(v), false)));
    out
}

/// What the selection in a view would open, shown beside it as a preview.
pub fn preview_of(app: &App, view: &View) -> Option<View> {
    if let View::Library(list) = view {
        return app
            .library_entry(list.selected)
            .map(|entry| View::Brief { entry });
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
        View::Results(list)
            if app
                .search
                .hits
                .get(list.selected)
                .is_some_and(|h| h.entry == app.current) =>
        {
            app.hit_view(list.selected)
        }
        View::Library(_)
        | View::Item { .. }
        | View::Matrix { .. }
        | View::Results(_)
        | View::Summary { .. }
        | View::Brief { .. } => None,
    }
}

fn mention_preview(m: Mention) -> View {
    View::item(m.item())
}

/// The list row under screen row `y` in a pane, if the pane is a list.
pub fn list_row_at(app: &App, pane: &Pane<'_>, y: u16) -> Option<usize> {
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
        View::Library(_) => (
            crate::doc::headers::library_header(app.entries.len(), app.failed_count(), &theme)
                .len(),
            app.entries.len(),
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
