//! App state tests: drill-down, back, jumps and bounds, driven by Actions.

use super::*;
use crate::model::ItemRef;
pub(crate) use crate::model::fixture::sample;

mod resume;
mod state;

pub(crate) fn app_with(b: Briefing) -> App {
    let loaded = Loaded::new(b, Report::default());
    App::new(vec![Entry::new("sample.toml", Ok(loaded))], false)
}

/// The top view is item `item` of section `section`.
#[track_caller]
fn assert_top_item(app: &App, section: usize, item: usize) {
    let at = ItemRef { section, item };
    assert!(
        matches!(app.top(), View::Item { at: top, .. } if *top == at),
        "{:?}",
        app.stack
    );
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

pub(crate) fn run(app: &mut App, actions: &[Action]) {
    for &a in actions {
        app.update(a);
    }
}

#[test]
fn drills_in_and_back_out() {
    let mut app = app_with(sample());
    assert!(matches!(app.top(), View::Overview(_)));
    run(&mut app, &[Action::Down, Action::Open]);
    assert!(matches!(app.top(), View::Section { section: 0, .. }));
    run(&mut app, &[Action::Down, Action::Open]);
    assert!(matches!(
        app.top(),
        View::Item {
            at: ItemRef {
                section: 0,
                item: 1
            },
            ..
        }
    ));
    run(&mut app, &[Action::Open]);
    assert!(
        matches!(app.top(), View::Actor { actor: 0, .. }),
        "{:?}",
        app.top()
    );
    run(
        &mut app,
        &[
            Action::Back,
            Action::Back,
            Action::Back,
            Action::Back,
            Action::Back,
        ],
    );
    assert_eq!(app.stack.len(), 1);
    assert!(!app.should_quit);
}

#[test]
fn next_item_crosses_sections_and_back_lands_on_it() {
    let mut app = app_with(sample());
    run(
        &mut app,
        &[
            Action::Down,
            Action::Open,
            Action::Down,
            Action::Open,
            Action::NextItem,
        ],
    );
    assert!(matches!(
        app.top(),
        View::Item {
            at: ItemRef {
                section: 1,
                item: 0
            },
            ..
        }
    ));
    run(&mut app, &[Action::NextItem]);
    assert_eq!(app.message.as_deref(), Some("last item"));
    run(&mut app, &[Action::Back]);
    assert!(matches!(app.top(), View::Section { section: 1, list, .. } if list.selected == 0));
    run(&mut app, &[Action::Back]);
    assert!(matches!(app.top(), View::Overview(list) if list.selected == 2));
}

#[test]
fn links_cycle_and_follow() {
    let mut app = app_with(sample());
    run(
        &mut app,
        &[
            Action::Down,
            Action::Open,
            Action::Open,
            Action::NextLink,
            Action::Open,
        ],
    );
    assert!(
        matches!(app.top(), View::Actor { actor: 1, .. }),
        "{:?}",
        app.top()
    );
    // The actor's first mention is their quote in "Meeting": Enter opens it.
    run(&mut app, &[Action::Open]);
    assert!(matches!(
        app.top(),
        View::Item {
            at: ItemRef {
                section: 0,
                item: 0
            },
            ..
        }
    ));
    run(&mut app, &[Action::Back]);
    assert!(matches!(app.top(), View::Actor { actor: 1, .. }));
}

#[test]
fn jump_section_matrix_and_actor_index() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::JumpSection(2)]);
    assert!(matches!(app.top(), View::Section { section: 1, .. }));
    run(&mut app, &[Action::ToggleMatrix]);
    assert!(matches!(app.top(), View::Matrix { section: 1, .. }));
    run(
        &mut app,
        &[
            Action::ToggleMatrix,
            Action::JumpSection(1),
            Action::ToggleMatrix,
        ],
    );
    assert!(matches!(app.top(), View::Section { section: 0, .. }));
    assert_eq!(app.message.as_deref(), Some("no stances in this section"));
    run(&mut app, &[Action::JumpSection(9)]);
    assert_eq!(app.message.as_deref(), Some("there is no section 9"));
    run(
        &mut app,
        &[Action::ActorIndex, Action::Bottom, Action::Open],
    );
    assert!(matches!(app.top(), View::Actor { actor: 1, .. }));
}

#[test]
fn help_captures_movement_and_q_still_quits() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::ToggleHelp, Action::Down, Action::Open]);
    assert_eq!(app.overlays.help, Some(1));
    assert!(matches!(app.top(), View::Overview(_)));
    run(&mut app, &[Action::Back]);
    assert_eq!(app.overlays.help, None);
    run(&mut app, &[Action::ToggleHelp, Action::Quit]);
    assert!(app.should_quit);
}

#[test]
fn the_errors_overlay_goes_to_the_top_and_the_bottom() {
    let mut app = app_with(sample());
    app.apply_reload(0, Err(Report::default()));
    run(&mut app, &[Action::ShowErrors, Action::PageDown]);
    assert_eq!(app.overlays.errors, Some(app.page()));
    // g/Home and G/End, as in the help overlay (the renderer clamps).
    run(&mut app, &[Action::Top]);
    assert_eq!(app.overlays.errors, Some(0));
    run(&mut app, &[Action::Bottom]);
    assert_eq!(
        app.overlays.errors,
        Some(usize::MAX / 2),
        "not drawn yet: the end"
    );
    // The mouse wheel scrolls it too, as it does the help.
    run(
        &mut app,
        &[
            Action::Top,
            Action::ScrollAt {
                x: 1,
                y: 1,
                down: true,
            },
        ],
    );
    assert_eq!(app.overlays.errors, Some(1));
    run(
        &mut app,
        &[Action::ScrollAt {
            x: 1,
            y: 1,
            down: false,
        }],
    );
    assert_eq!(app.overlays.errors, Some(0));
    assert!(matches!(app.top(), View::Overview(list) if list.selected == 0));
}

#[test]
fn selection_stays_in_bounds_whatever_the_moves() {
    let mut app = app_with(sample());
    let moves = [
        Action::Bottom,
        Action::PageDown,
        Action::Down,
        Action::HalfPageDown,
        Action::Top,
        Action::Up,
        Action::PageUp,
    ];
    for depth in 0..3 {
        for &m in &moves {
            app.update(m);
            let len = app.list_len(app.top());
            if let Some(list) = app.top().list() {
                assert!(list.selected < len.max(1), "depth {depth} {m:?}");
            }
        }
        app.update(Action::Open);
    }
    // The empty section opens and moves without panicking.
    run(
        &mut app,
        &[
            Action::JumpSection(3),
            Action::Down,
            Action::Open,
            Action::Bottom,
        ],
    );
    assert!(matches!(app.top(), View::Section { section: 2, .. }));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app_with(sample());
    app.update(Action::Resize(160, 40));
    run(&mut app, &[Action::Down, Action::Open]);
    // Wide: overview | section | item. The section list is the middle pane.
    let (left, middle) = {
        let screen = crate::app::layout::screen(&app, app.area());
        let middle = screen
            .panes
            .iter()
            .find(|p| p.focused)
            .expect("a focused pane")
            .area;
        (screen.panes[0].area, middle)
    };
    let (list, row_h) = crate::app::layout::list_geometry(&app, app.top(), middle).expect("a list");
    // Click the second item's row.
    app.update(Action::ClickAt {
        x: list.x + 2,
        y: list.y + row_h as u16,
    });
    assert!(
        matches!(app.top(), View::Section { list, .. } if list.selected == 1),
        "{:?}",
        app.top()
    );
    // Click in the overview pane: focus moves there (the section view closes).
    app.update(Action::ClickAt {
        x: left.x + 1,
        y: left.y,
    });
    assert!(matches!(app.top(), View::Overview(_)), "{:?}", app.stack);
    // The wheel over the overview moves its selection.
    app.update(Action::ScrollAt {
        x: left.x + 1,
        y: left.y + 1,
        down: true,
    });
    assert!(
        matches!(app.top(), View::Overview(list) if list.selected == 3),
        "{:?}",
        app.top()
    );
}

#[test]
fn the_overview_opens_the_summary_first_and_sections_after_it() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Open]);
    assert!(matches!(app.top(), View::Summary { .. }), "{:?}", app.top());
    run(
        &mut app,
        &[Action::Back, Action::JumpSection(2), Action::Back],
    );
    assert!(
        matches!(app.top(), View::Overview(list) if list.selected == 2),
        "row 0 is the summary"
    );
    // A search hit in the briefing's own summary opens the summary view.
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "summary");
    let first = app.search.hits.len() - 1;
    for _ in 0..first {
        app.update(Action::Down);
    }
    run(&mut app, &[Action::InputSubmit]);
    assert!(matches!(app.top(), View::Summary { .. }), "{:?}", app.stack);
}

#[test]
fn shift_y_copies_the_briefing_as_markdown() {
    let mut app = app_with(sample());
    app.update(Action::CopyAll);
    let Some(copy::Outbound::Copy { text, what }) = app.outbox.first() else {
        panic!("nothing copied: {:?}", app.outbox);
    };
    assert_eq!(*what, "briefing as Markdown");
    let b = sample();
    assert!(text.starts_with(&format!("# {}\n", b.title)), "{text}");
    assert!(
        text.contains(&format!("## 1. {}", b.sections[0].title)),
        "{text}"
    );
}

#[test]
fn opening_an_unsafe_link_says_why_in_a_whole_sentence() {
    let text = include_str!("../../tests/fixtures/reader/links.toml");
    let mut app = app_with(
        crate::model::load_str("links", text)
            .expect("loads")
            .briefing,
    );
    // The item, then its second link: the `javascript:` source.
    run(&mut app, &[Action::Down, Action::Open, Action::Open]);
    run(&mut app, &[Action::NextLink, Action::OpenLink]);
    assert!(app.outbox.is_empty(), "{:?} {:?}", app.top(), app.outbox);
    assert_eq!(
        app.message.as_deref(),
        Some("not opened: only http, https and mailto links can be opened")
    );
}

#[test]
fn enter_on_an_empty_search_prompt_closes_it() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Search, Action::InputSubmit]);
    assert!(!app.search.typing);
    assert_eq!(app.search.note, None);
}
