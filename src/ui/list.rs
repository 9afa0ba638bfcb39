//! The list pane every list view shares: a wrapped header, then rows of one or
//! two lines, of which only the visible ones are ever built.

use crate::app::ListPos;
use crate::doc::text::fit_spans;
use crate::doc::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Builds the spans of one row's lines, given the row's index.
pub type RowFn<'a> = dyn Fn(usize) -> Vec<Vec<Span<'static>>> + 'a;

/// A list pane: header lines above rows.
pub struct ListSpec<'a> {
    pub header: Vec<Line<'static>>,
    pub len: usize,
    pub row_height: u16,
    pub row: &'a RowFn<'a>,
    /// Shown when the list is empty.
    pub empty: &'static str,
    /// Trailing header lines (the list's own heading) kept when the header
    /// has to be cut; an ellipsis line marks the cut.
    pub pinned: usize,
}

/// The header lines that fit in `height`, cut in the middle if need be.
fn fit_header(spec: &ListSpec<'_>, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let len = spec.header.len();
    if len <= height || spec.pinned == 0 || height <= spec.pinned {
        return spec.header.iter().take(height).cloned().collect();
    }
    let head = height - spec.pinned - 1;
    let mut out: Vec<Line<'static>> = spec.header[..head].to_vec();
    out.push(Line::styled(theme.glyphs.ellipsis, theme.muted));
    out.extend_from_slice(&spec.header[len - spec.pinned..]);
    out
}

/// Draws a list pane; keeps the selection in view by moving `pos.offset`.
/// Returns the header's area (with `pinned == 0`, header line `i` is on its
/// row `y + i`).
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    spec: &ListSpec<'_>,
    pos: &ListPos,
    focused: bool,
    theme: &Theme,
) -> Rect {
    let (header_area, list_area) =
        crate::app::layout::split_list(area, spec.header.len(), spec.len, spec.row_height);
    let header = fit_header(spec, usize::from(header_area.height), theme);
    super::paint::lines(frame.buffer_mut(), header_area, &header);
    if spec.len == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(spec.empty, theme.muted)),
            list_area,
        );
        return header_area;
    }
    let rows = usize::from(list_area.height / spec.row_height.max(1)).max(1);
    let offset = pos.scroll_into_view(rows, spec.len);
    let width = usize::from(list_area.width);
    let mut y = list_area.y;
    for index in offset..(offset + rows).min(spec.len) {
        let selected = index == pos.selected;
        let style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => ratatui::style::Style::new(),
        };
        for spans in (spec.row)(index)
            .into_iter()
            .take(usize::from(spec.row_height))
        {
            if y >= list_area.bottom() {
                return header_area;
            }
            let mut line = fit_spans(spans, width, theme.glyphs.ellipsis);
            if selected {
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line = line.patch_style(style);
            }
            let row = Rect {
                y,
                height: 1,
                ..list_area
            };
            super::paint::line(frame.buffer_mut(), row, &line);
            y += 1;
        }
    }
    header_area
}
