//! The fast path must write exactly the cells ratatui's widgets write.

use super::*;
use proptest::prelude::*;
use ratatui::style::{Color, Modifier};

/// Text that takes either path: mostly ASCII, sometimes wide, combining,
/// zero-width or control characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[ -~]{0,12}",
        1 => Just("界".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("\u{200b}".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("…—“”│▸·".to_string()),
        1 => Just("Дмитриев ©\u{ad}".to_string()),
        1 => Just("\u{483}".to_string()),
        1 => Just("\u{25fd}".to_string()),
    ];
    proptest::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

fn style() -> impl Strategy<Value = Style> {
    let colour = prop_oneof![
        Just(None),
        Just(Some(Color::Red)),
        Just(Some(Color::Reset)),
        Just(Some(Color::Indexed(8)))
    ];
    let modifier = prop_oneof![
        Just(Modifier::empty()),
        Just(Modifier::BOLD),
        Just(Modifier::REVERSED | Modifier::DIM)
    ];
    (colour.clone(), colour, modifier.clone(), modifier).prop_map(|(fg, bg, add, sub)| Style {
        fg,
        bg,
        add_modifier: add,
        sub_modifier: sub,
        ..Style::default()
    })
}

fn a_line() -> impl Strategy<Value = Line<'static>> {
    let alignment = prop_oneof![
        Just(None),
        Just(Some(Alignment::Left)),
        Just(Some(Alignment::Center)),
        Just(Some(Alignment::Right))
    ];
    (
        proptest::collection::vec((text(), style()), 0..4),
        style(),
        alignment,
    )
        .prop_map(|(spans, style, alignment)| Line {
            style,
            alignment,
            spans: spans.into_iter().map(|(t, s)| Span::styled(t, s)).collect(),
        })
}

/// A buffer as earlier widgets left it: rows of styled text, rows of styled
/// blanks, and untouched rows (so that both a space over text and a space
/// over a blank, which keeps its symbol, are compared with ratatui).
fn scribbled(width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    let style = Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC);
    for y in 0..height {
        match y % 3 {
            0 => buf.set_string(0, y, "#".repeat(usize::from(width)), style),
            1 => buf.set_style(Rect::new(0, y, width, 1), style.bg(Color::Blue)),
            _ => {}
        }
    }
    buf
}

/// Areas inside, across the edge of, and outside a 20x6 buffer.
fn area() -> impl Strategy<Value = Rect> {
    (0u16..24, 0u16..8, 0u16..30, 0u16..8).prop_map(|(x, y, w, h)| Rect::new(x, y, w, h))
}

proptest! {
    #[test]
    fn line_writes_what_the_line_widget_writes(l in a_line(), area in area()) {
        let mut ours = scribbled(20, 6);
        let mut theirs = ours.clone();
        line(&mut ours, area, &l);
        (&l).render(area, &mut theirs);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn lines_write_what_a_paragraph_writes(
        ls in proptest::collection::vec(a_line(), 0..8),
        area in area(),
    ) {
        let mut ours = scribbled(20, 6);
        let mut theirs = ours.clone();
        lines(&mut ours, area, &ls);
        Paragraph::new(ls.clone()).render(area, &mut theirs);
        prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn one_cell_lines_take_the_fast_path() {
    let fast = |s: &str| is_one_cell_each(&Line::from(s.to_string()));
    assert!(fast("Witkoff met Putin, 5 hours."));
    assert!(fast("“Witkoff” — Putin • ─│┃…●·▸ › Zelenskyy Дмитриев"));
    // Wide, combining, zero-width, soft hyphen, tab.
    for slow in ["界", "e\u{301}", "a\u{200b}", "soft\u{ad}", "tab\there"] {
        assert!(!fast(slow), "{slow:?}");
    }
    assert!(!is_one_cell_each(&Line::from("abc").centered()));
}

#[test]
fn a_long_ascii_line_is_cut_at_the_area() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
    line(&mut buf, Rect::new(1, 0, 4, 1), &Line::from("abcdefgh"));
    assert_eq!(buf, Buffer::with_lines([" abcd "]));
}

#[test]
fn every_one_cell_character_is_one_cell_and_a_grapheme_of_its_own() {
    use unicode_segmentation::UnicodeSegmentation;
    let fast: Vec<char> = ('\0'..='\u{ffff}').filter(|&c| is_one_cell(c)).collect();
    assert!(fast.len() > 1000, "{} characters", fast.len());
    for &c in &fast {
        let width = ratatui::buffer::CellWidth::cell_width(c.encode_utf8(&mut [0; 4]) as &str);
        assert_eq!(width, 1, "{c:?} is {width} cells wide");
        for n in ['a', ' ', c, '─', 'Д', '“', '\u{a0}', '€'] {
            let text: String = [n, c, n, c, c].iter().collect();
            assert_eq!(text.graphemes(true).count(), 5, "{c:?} next to {n:?}");
        }
    }
}

#[test]
fn a_space_overwrites_what_was_drawn_before_it() {
    let mut ours = scribbled(6, 2);
    let mut theirs = ours.clone();
    let text = Line::from(vec![
        Span::raw("a b"),
        Span::styled("  c", Style::new().fg(Color::Red)),
    ]);
    line(&mut ours, Rect::new(0, 0, 6, 1), &text);
    lines(
        &mut ours,
        Rect::new(0, 1, 6, 1),
        std::slice::from_ref(&text),
    );
    (&text).render(Rect::new(0, 0, 6, 1), &mut theirs);
    Paragraph::new(text.clone()).render(Rect::new(0, 1, 6, 1), &mut theirs);
    assert_eq!(ours, theirs);
    assert_eq!(ours[(1, 0)].symbol(), " ");
}
