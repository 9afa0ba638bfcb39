//! ZWJ, VS15 and VS16 next to emoji on a real terminal (vt100 behind a pty):
//! where the sanitiser keeps them, the text after them lands in the column
//! ratatui computed; elsewhere they show as `\u{…}` escapes, as do the other
//! invisible characters (Hangul fillers, U+206A, U+FFF9), and no row's pane
//! divider moves.

use crate::common::pty::Pty;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// (marker, as written in the file, as it must show).
const CASES: &[(&str, &str, &str)] = &[
    ("KA", "😀\u{fe0f}", "😀\u{fe0f}"),
    ("KB", "☺\u{fe0e}", "☺\u{fe0e}"),
    ("KC", "©\u{200d}©", "©\u{200d}©"),
    ("EA", "❤\u{fe0f}", "❤\\u{fe0f}"),
    ("EB", "⌚\u{fe0e}", "⌚\\u{fe0e}"),
    ("EC", "👨\u{200d}👩", "👨\\u{200d}👩"),
    ("ED", "x\u{fe0f}\u{200d}", "x\\u{fe0f}\\u{200d}"),
    ("EE", "\u{3164}\u{115f}", "\\u{3164}\\u{115f}"),
    ("EF", "\u{206a}\u{fff9}", "\\u{206a}\\u{fff9}"),
];

fn briefing() -> String {
    let mut out = String::from("[briefing]\ntitle = \"Joiners\"\ndate = 2025-12-02\n");
    out.push_str("summary = \"Emoji sequences.\"\n");
    for (marker, written, _) in CASES {
        out.push_str(&format!(
            "\n[[section]]\ntitle = \"{marker}{written}{marker}\"\n\n[[section.item]]\ntitle = \"i\"\n"
        ));
    }
    out
}

/// A row's cells as (column, contents), wide continuations left out.
fn cells(pty: &Pty, row: u16, cols: u16) -> Vec<(u16, String)> {
    pty.with_screen(|s| {
        (0..cols)
            .filter_map(|col| {
                let cell = s.cell(row, col)?;
                (!cell.is_wide_continuation()).then(|| (col, cell.contents().to_string()))
            })
            .collect()
    })
}

/// The columns where `marker` starts in `row`.
fn marker_columns(cells: &[(u16, String)], marker: &str) -> Vec<u16> {
    let (first, second) = marker.split_at(1);
    cells
        .windows(2)
        .filter(|w| w[0].1 == first && w[1].1 == second)
        .map(|w| w[0].0)
        .collect()
}

#[test]
fn joiners_stay_only_where_the_terminal_draws_the_width_ratatui_computes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("joiners.toml");
    std::fs::write(&file, briefing()).unwrap();
    let (cols, rows) = (100, 30);
    let mut pty = Pty::spawn(
        &["--no-state", file.to_str().unwrap()],
        dir.path(),
        cols,
        rows,
        &[],
    );
    pty.wait_text("EF");
    std::thread::sleep(Duration::from_millis(300));
    let screen = pty.screen();
    let mut dividers = Vec::new();
    let mut checked = std::collections::HashSet::new();
    for row in 0..rows {
        let cells = cells(&pty, row, cols);
        dividers.extend(cells.iter().filter(|(_, c)| c == "│").map(|(col, _)| *col));
        for (marker, _, shown) in CASES {
            let at = marker_columns(&cells, marker);
            if at.len() < 2 {
                continue;
            }
            checked.insert(*marker);
            let between: String = (cells.iter())
                .filter(|(col, _)| *col >= at[0] + 2 && *col < at[1])
                .map(|(_, c)| c.as_str())
                .collect();
            assert_eq!(between, *shown, "{marker} shows as {between:?}:\n{screen}");
            // The marker after it is where ratatui put it.
            assert_eq!(
                at[1] - at[0] - 2,
                shown.width() as u16,
                "{marker}:\n{screen}"
            );
        }
    }
    for (marker, _, _) in CASES {
        assert!(
            checked.contains(marker),
            "{marker} not drawn whole:\n{screen}"
        );
    }
    dividers.sort_unstable();
    dividers.dedup();
    assert_eq!(
        dividers.len(),
        1,
        "the divider moved: {dividers:?}\n{screen}"
    );
    // The kept sequences reached the terminal as written.
    let raw = pty.raw();
    for (_, written, shown) in CASES.iter().filter(|(m, ..)| m.starts_with('K')) {
        assert_eq!(written, shown);
        let bytes = written.as_bytes();
        assert!(raw.windows(bytes.len()).any(|w| w == bytes), "{written:?}");
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
}
