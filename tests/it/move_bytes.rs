//! What a selection move costs on the wire, for every list the reader moves
//! through: search hits, the palette, `]`/`[` in an item, the library, the
//! actor index. Frames go through the real crossterm backend into a counting
//! buffer (as in `keystroke_bytes`), one frame per move as a key repeat
//! produces them, then the frame sent once input pauses.

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use std::path::Path;

const UKRAINE: &str = "briefings/ukraine-talks-2025-12-02.toml";

/// Bytes sent by a run of moves.
#[derive(Debug)]
struct Moves {
    /// The first frame: every cell.
    full: usize,
    /// Each move's frame.
    each: Vec<usize>,
    /// The frame sent when input pauses (held previews catch up).
    settle: usize,
    /// The rightmost pane's text before the moves, after each, and after
    /// the settle.
    right: Vec<String>,
}

impl Moves {
    fn total(&self) -> usize {
        self.each.iter().sum::<usize>() + self.settle
    }

    fn worst(&self) -> usize {
        self.each.iter().copied().max().unwrap_or(0)
    }
}

fn ukraine() -> App {
    let loaded = load_path(Path::new(UKRAINE)).expect("loads");
    App::new(vec![Entry::new("u", Ok(loaded))], false)
}

fn library() -> App {
    App::new(
        brief::open::directory(Path::new("tests/fixtures/library")),
        true,
    )
}

/// Runs `setup`, draws, then each of `moves` with a frame after it, then the
/// settle frame; as the run loop does with defer_previews on.
fn measure(mut app: App, size: (u16, u16), setup: &[Action], moves: &[Action]) -> Moves {
    let (w, h) = size;
    app.attach_state(&brief::state::StateFile::default());
    app.previews.defer = true;
    let mut terminal = crate::common::render::wire_terminal(w, h);
    let theme = Theme::colour(false);
    app.update(Action::Resize(w, h));
    for &a in setup {
        app.update(a);
    }
    // Setup's own previews settle before the moves start.
    app.update(Action::SettlePreview);
    let full = draw(&mut terminal, &app, &theme).expect("first frame");
    let pane = brief::app::layout::screen(&app, Rect::new(0, 0, w, h))
        .panes
        .last()
        .expect("a pane")
        .area;
    let mut right = vec![shown(&terminal, size, pane)];
    let mut each = Vec::new();
    for &a in moves {
        app.update(a);
        each.push(draw(&mut terminal, &app, &theme).expect("move frame"));
        right.push(shown(&terminal, size, pane));
    }
    app.update(Action::SettlePreview);
    let settle = draw(&mut terminal, &app, &theme).expect("settle frame");
    right.push(shown(&terminal, size, pane));
    Moves {
        full,
        each,
        settle,
        right,
    }
}

/// The text a terminal shows in `area` after every byte sent so far.
fn shown(
    terminal: &Terminal<CrosstermBackend<FrameWriter<Vec<u8>>>>,
    (w, h): (u16, u16),
    area: Rect,
) -> String {
    let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a real size");
    let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
    parser.process(terminal.backend().writer().get_ref());
    parser
        .screen()
        .rows(area.x, area.width)
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .collect::<Vec<_>>()
        .join("\n")
}

fn typed(text: &str) -> Vec<Action> {
    let mut out = vec![Action::Search];
    out.extend(text.chars().map(Action::Input));
    out
}

/// Each kind of move the issue names, with the app it starts from; each
/// run of moves ends on another selection than it started from.
fn scenarios() -> Vec<(&'static str, App, Vec<Action>, Vec<Action>)> {
    use Action::*;
    vec![
        (
            "j in a section",
            ukraine(),
            vec![JumpSection(1)],
            vec![Down; 4],
        ),
        ("search hits", ukraine(), typed("the"), vec![Down; 6]),
        ("palette", ukraine(), vec![Palette], vec![Down; 6]),
        (
            "] in an item",
            ukraine(),
            vec![JumpSection(1), Open],
            vec![NextItem; 4],
        ),
        (
            "[ in an item",
            ukraine(),
            vec![JumpSection(4), Bottom, Open],
            vec![PrevItem; 2],
        ),
        ("actor index", ukraine(), vec![ActorIndex], vec![Down; 8]),
        (
            "actor page",
            ukraine(),
            vec![ActorIndex, Open],
            vec![Down; 3],
        ),
        ("library", library(), vec![], vec![Down; 2]),
    ]
}

/// A move sends the list rows, the crumb and the status line; the pane to
/// the right (the preview, or the item `]` moves through) keeps what it
/// showed until input pauses, then shows the new selection once.
#[test]
fn every_selection_move_defers_the_pane_beside_it() {
    for (w, h) in [(120, 40), (80, 24), (160, 48)] {
        for (name, app, setup, moves) in scenarios() {
            let m = measure(app, (w, h), &setup, &moves);
            println!(
                "{w}x{h} {name}: {} moves, {} bytes ({} per move, worst {}), settle {}, full {}",
                m.each.len(),
                m.total(),
                m.total() / m.each.len().max(1),
                m.worst(),
                m.settle,
                m.full
            );
            let (first, last) = (&m.right[0], &m.right[m.right.len() - 1]);
            for (i, pane) in m.right[1..m.right.len() - 1].iter().enumerate() {
                assert_eq!(pane, first, "{w}x{h} {name}: move {i} redrew the pane");
            }
            assert_ne!(last, first, "{w}x{h} {name}: the pane never caught up");
            // A few rows' worth: two list rows of two lines, the crumb and
            // the status line, with their styles (main sent 20-30 per column:
            // the whole preview).
            assert!(
                m.worst() <= 10 * usize::from(w),
                "{w}x{h} {name}: a move sent {} bytes (a full frame is {})",
                m.worst(),
                m.full
            );
        }
    }
}
