//! Pane widths depend on the terminal's size and the view, never on what is
//! selected: moving through a list never moves a divider (issue 16, item 6),
//! and neither does typing in the search prompt or a search with no hits.

use crate::common::render::{app, draw, text};
use brief::app::{Action, App};
use brief::model::load_path;
use ratatui::layout::Rect;
use std::path::Path;

fn ukraine() -> App {
    app(load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads"))
}

/// The columns where a divider runs down the whole body (every row but the
/// breadcrumb and the status line).
fn dividers(app: &mut App, w: u16, h: u16) -> Vec<usize> {
    let screen = text(&draw(app, w, h));
    let rows: Vec<Vec<char>> = screen
        .lines()
        .skip(1)
        .take(usize::from(h) - 2)
        .map(|l| l.chars().collect())
        .collect();
    (0..usize::from(w))
        .filter(|&x| rows.iter().all(|r| r.get(x) == Some(&'│')))
        .collect()
}

/// The focused pane's columns (from the layout) and the dividers up to the
/// one right of it (as drawn). Previews further right may span the slots
/// they do not need (the summary takes both of the overview's), so the
/// dividers between previews may come and go.
fn focus_and_dividers(app: &mut App, w: u16, h: u16) -> (Rect, Vec<usize>) {
    let all = dividers(app, w, h);
    let screen = brief::app::layout::screen(app, Rect::new(0, 0, w, h));
    let focus = screen
        .panes
        .iter()
        .find(|p| p.focused)
        .expect("a focused pane")
        .area;
    let edge = usize::from(focus.right()) + 2;
    (focus, all.into_iter().filter(|&x| x <= edge).collect())
}

/// The focused pane and its dividers after `setup`, then after each of
/// `moves`: all the same.
fn assert_steady(name: &str, new: impl Fn() -> App, setup: &[Action], moves: &[Action]) {
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let mut app = new();
        for &a in setup {
            app.update(a);
        }
        let first = focus_and_dividers(&mut app, w, h);
        assert!(!first.1.is_empty(), "{name} at {w}x{h}: no divider");
        for (i, &a) in moves.iter().enumerate() {
            app.update(a);
            let now = focus_and_dividers(&mut app, w, h);
            assert_eq!(now, first, "{name} at {w}x{h}: move {i} ({a:?}) moved it");
        }
    }
}

#[test]
fn moving_the_selection_never_moves_a_divider() {
    use Action::*;
    let all = vec![Down; 12];
    // The overview: across "Bottom line" and the sections.
    assert_steady("overview", ukraine, &[], &all);
    assert_steady("section", ukraine, &[JumpSection(1)], &all);
    assert_steady("actor index", ukraine, &[ActorIndex], &all);
    assert_steady("actor page", ukraine, &[ActorIndex, Open], &all);
    assert_steady("palette", ukraine, &[Palette], &all);
    let library = || {
        App::new(
            brief::open::directory(Path::new("tests/fixtures/library")),
            true,
        )
    };
    assert_steady("library", library, &[], &all);
}

#[test]
fn typing_a_search_never_moves_a_divider() {
    use Action::*;
    // Before typing, hits for "putin", then a query with no hits.
    let mut typing: Vec<Action> = "putin".chars().map(Input).collect();
    typing.extend("qqq".chars().map(Input));
    typing.extend([InputBackspace; 3]);
    assert_steady("search", ukraine, &[Search], &typing);
}

#[test]
fn opening_what_the_overview_previews_keeps_its_width() {
    // The overview is as wide when its selection opens as when it previews.
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let mut app = ukraine();
        let before = dividers(&mut app, w, h);
        app.update(Action::Open);
        let after = dividers(&mut app, w, h);
        assert_eq!(before.first(), after.first(), "the summary at {w}x{h}");
    }
}
