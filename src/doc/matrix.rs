//! The positions matrix: parties (rows) against issues (columns), cells wrapped.
//! Too narrow for a table, it falls back to one card per party.

use super::text::{para, wrap_with};
use super::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, Item, issue_label};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Narrower issue columns than this read badly: use cards instead.
const MIN_CELL: usize = 14;

/// Every issue any party takes a stance on, in first-seen file order.
pub fn issues(items: &[&Item]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items.iter().flat_map(|i| &i.stances) {
        if !out.contains(&s.issue) {
            out.push(s.issue.clone());
        }
    }
    out
}

fn party_name(b: &Briefing, item: &Item) -> String {
    let name = item
        .party
        .and_then(|p| b.actors.get(p))
        .map_or(item.title.as_str(), |a| a.name.as_str());
    clean(name).into_owned()
}

/// The matrix as lines at a width.
pub fn lines(b: &Briefing, section: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(s) = b.sections.get(section) else {
        return vec![];
    };
    let parties: Vec<&Item> = s.items.iter().filter(|i| !i.stances.is_empty()).collect();
    let issues = issues(&parties);
    let mut out = vec![
        Line::styled(format!("Positions: {}", clean(&s.title)), theme.heading),
        Line::default(),
    ];
    let label_w = parties
        .iter()
        .map(|p| party_name(b, p).width())
        .max()
        .unwrap_or(0)
        .clamp(6, 18);
    let cell_w = width.saturating_sub(label_w + 1) / issues.len().max(1);
    if cell_w < MIN_CELL {
        cards(&mut out, b, &parties, width, theme);
        return out;
    }
    let header: Vec<String> = issues.iter().map(|i| issue_label(i)).collect();
    out.extend(table_row(
        &fit_cells(&header, cell_w),
        "",
        label_w,
        cell_w,
        theme.heading,
        theme.heading,
    ));
    for p in &parties {
        let cells: Vec<String> = issues
            .iter()
            .map(|issue| {
                p.stances
                    .iter()
                    .find(|s| &s.issue == issue)
                    .map_or(theme.glyphs.dash.trim().into(), |s| s.text.clone())
            })
            .collect();
        let side = theme.side(
            p.party
                .and_then(|a| b.actors.get(a))
                .and_then(|a| a.side.as_deref()),
        );
        out.push(Line::styled(
            theme.glyphs.rule.repeat(width.min(300)),
            theme.muted,
        ));
        out.extend(table_row(
            &fit_cells(&cells, cell_w),
            &party_name(b, p),
            label_w,
            cell_w,
            side,
            theme.text,
        ));
    }
    out
}

fn fit_cells(cells: &[String], cell_w: usize) -> Vec<Vec<String>> {
    cells
        .iter()
        .map(|c| wrap_with(&clean(c), cell_w.saturating_sub(2).max(1), "", ""))
        .collect()
}

/// One table row: the label, then each cell's wrapped lines side by side.
fn table_row(
    cells: &[Vec<String>],
    label: &str,
    label_w: usize,
    cell_w: usize,
    label_style: Style,
    style: Style,
) -> Vec<Line<'static>> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let label_lines = wrap_with(label, label_w, "", "");
    (0..height)
        .map(|row| {
            let l = label_lines.get(row).cloned().unwrap_or_default();
            // By display width, as the cells are: `{:<w$}` counts chars, so a
            // CJK name would push its row right of the headers.
            let pad = label_w.saturating_sub(l.width());
            let mut spans = vec![Span::styled(
                format!("{l}{} ", " ".repeat(pad)),
                label_style,
            )];
            for cell in cells {
                let text = cell.get(row).cloned().unwrap_or_default();
                let pad = cell_w.saturating_sub(text.width());
                spans.push(Span::styled(format!("{text}{}", " ".repeat(pad)), style));
            }
            Line::from(spans)
        })
        .collect()
}

fn cards(
    out: &mut Vec<Line<'static>>,
    b: &Briefing,
    parties: &[&Item],
    width: usize,
    theme: &Theme,
) {
    for p in parties {
        let side = theme.side(
            p.party
                .and_then(|a| b.actors.get(a))
                .and_then(|a| a.side.as_deref()),
        );
        out.push(Line::styled(party_name(b, p), side.patch(theme.title)));
        for s in &p.stances {
            out.push(Line::styled(
                format!("  {}", clean(&s.label())),
                theme.title,
            ));
            out.extend(para(&s.text, width, theme.text, "    ", "    "));
        }
        out.push(Line::default());
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Stance;
    use crate::model::fixture::sample;
    use unicode_width::UnicodeWidthStr;

    /// The display column where `needle` starts in the line that holds it.
    fn column(text: &str, needle: &str) -> usize {
        let line = text
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"));
        line[..line.find(needle).expect("found")].width()
    }

    #[test]
    fn a_wide_party_name_keeps_stances_under_their_headers() {
        let mut b = sample();
        b.actors[0].name = "王毅".into();
        b.sections[1].items[0].stances.push(Stance {
            issue: "sanctions".into(),
            text: "lifted".into(),
        });
        // The plain-text export prints the same lines as the reader's matrix.
        let text = crate::doc::export::text(&b, 80, false);
        let (_, matrix) = text.split_once("Positions: ").expect("a matrix");
        assert!(matrix.contains("王毅"), "{matrix}");
        assert_eq!(column(matrix, "Territory"), column(matrix, "wants it"));
        assert_eq!(column(matrix, "Sanctions"), column(matrix, "lifted"));
    }
}
