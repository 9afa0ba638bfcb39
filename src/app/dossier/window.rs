//! What a dossier pane shows at a size: its header, and the rows from the
//! first visible one, each in full (a quote takes the lines it needs, so
//! rows differ in height). Shared by drawing and by mouse hit-testing, so
//! a click lands on the row the eye saw.

use crate::app::{App, ListPos};
use crate::doc::Theme;
use crate::doc::dossier::lines;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// A dossier pane laid out.
#[derive(Debug, Default)]
pub struct Window {
    pub header: Vec<Line<'static>>,
    pub header_area: Rect,
    pub list_area: Rect,
    /// The visible rows from the first: (row number, its lines).
    pub rows: Vec<(usize, Vec<Line<'static>>)>,
    /// How many rows the dossier has.
    pub len: usize,
}

/// The column a dossier is drawn in: the pane, or a reading-width column
/// centred in a wider one.
pub fn column(area: Rect, reading_width: u16) -> Rect {
    let width = area.width.min(reading_width.max(40));
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

impl App {
    /// The dossier of `id` laid out in `area`, scrolled so the selection
    /// shows (the offset in `list` is kept, as lists keep theirs).
    pub fn dossier_window(&self, id: &str, list: &ListPos, area: Rect, theme: &Theme) -> Window {
        let column = column(area, self.reading_width);
        let width = usize::from(column.width);
        let Some((person, dossier)) = self.dossier(id) else {
            let note = format!("no briefing in the library declares `{id}`");
            return Window {
                header: crate::doc::text::para(&note, width, theme.muted, "", ""),
                header_area: column,
                ..Window::default()
            };
        };
        let people = self.people();
        let Some(who) = people.list.get(person as usize) else {
            return Window::default();
        };
        let header = lines::header(who, &dossier, self.pending_count(), width, theme);
        let len = dossier.rows.len();
        let (header_area, list_area) = crate::app::layout::split_list(column, header.len(), len, 1);
        let height = usize::from(list_area.height).max(1);
        let built = |i: usize| -> Vec<Line<'static>> {
            let row = dossier.rows[i];
            let lines = (self.row_digest(row)).map(|d| lines::row(row, d, width, theme));
            // Never zero lines: every row can be selected and seen.
            lines
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| vec![Line::default()])
        };
        let mut rows = Vec::new();
        if len > 0 {
            let offset = scroll(list, len, height, |i| built(i).len());
            let mut used = 0;
            for i in offset..len {
                if used >= height {
                    break;
                }
                let lines = built(i);
                used += lines.len();
                rows.push((i, lines));
            }
        }
        Window {
            header,
            header_area,
            list_area,
            rows,
            len,
        }
    }

    /// The dossier row under screen row `y`, for a click.
    pub fn dossier_row_at(&self, id: &str, list: &ListPos, area: Rect, y: u16) -> Option<usize> {
        let window = self.dossier_window(id, list, area, &Theme::mono(false));
        let mut top = window.list_area.y;
        for (row, lines) in &window.rows {
            let bottom = top.saturating_add(lines.len() as u16);
            if (top..bottom.min(window.list_area.bottom())).contains(&y) {
                return Some(*row);
            }
            top = bottom;
        }
        None
    }
}

/// The first row to show so that the selected one shows whole (or from its
/// top, when it is taller than the pane), moving the remembered offset as
/// little as possible; stores and returns it. Looks at no more rows than
/// fit in `height`.
fn scroll(list: &ListPos, len: usize, height: usize, rows_of: impl Fn(usize) -> usize) -> usize {
    let selected = list.selected.min(len - 1);
    let mut offset = list.offset.get().min(selected);
    let mut used = 0;
    let fits = (offset..=selected).all(|i| {
        used += rows_of(i);
        used <= height
    });
    if !fits {
        offset = selected;
        let mut used = rows_of(selected);
        while offset > 0 {
            let above = rows_of(offset - 1);
            if used + above > height {
                break;
            }
            used += above;
            offset -= 1;
        }
    }
    list.offset.set(offset);
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_shows_whole_and_the_offset_moves_little() {
        let heights = [1, 3, 1, 5, 1, 1, 2];
        let h = |i: usize| heights[i];
        let mut list = ListPos::at(0);
        assert_eq!(scroll(&list, 7, 6, h), 0);
        list.selected = 2;
        assert_eq!(scroll(&list, 7, 6, h), 0, "rows 0-2 take 5 lines");
        list.selected = 3;
        assert_eq!(
            scroll(&list, 7, 6, h),
            2,
            "row 3 needs 5 lines, row 2 one more"
        );
        list.selected = 1;
        assert_eq!(scroll(&list, 7, 6, h), 1);
        list.selected = 6;
        assert_eq!(scroll(&list, 7, 6, h), 4);
        // A row taller than the pane shows from its top.
        assert_eq!(scroll(&ListPos::at(3), 7, 2, h), 3);
        // A selection past the end (the dossier shrank) is clamped.
        assert_eq!(scroll(&ListPos::at(40), 7, 6, h), 4);
    }
}
