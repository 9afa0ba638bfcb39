//! Bytes -> (size, key actions, TOML) -> every frame rendered: never a panic,
//! and no cell ever holds a control, C1 or bidi character.
#![no_main]

use brief::app::{Action, App, Entry};
use brief::model::sanitize::is_clean;
use brief::ui::{Theme, render};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ACTIONS: &[Action] = &[
    Action::Up,
    Action::Down,
    Action::Top,
    Action::Bottom,
    Action::PageDown,
    Action::PageUp,
    Action::Open,
    Action::Back,
    Action::NextItem,
    Action::PrevItem,
    Action::NextLink,
    Action::PrevLink,
    Action::JumpSection(1),
    Action::JumpSection(2),
    Action::ActorIndex,
    Action::ToggleRead,
    Action::ToggleMatrix,
    Action::ToggleHelp,
    Action::Search,
    Action::Palette,
    Action::Input('a'),
    Action::Input('e'),
    Action::InputSubmit,
    Action::InputCancel,
    Action::SearchNext,
];

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, toml) = data.split_at(4);
    let Ok(loaded) = brief::model::load_bytes("fuzz.toml", toml) else {
        return;
    };
    let w = u16::from(head[0]) % 200;
    let h = u16::from(head[1]) % 80;
    let mut app = App::new(vec![Entry::new("fuzz", Ok(loaded))], false);
    app.update(Action::Resize(w, h));
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    // Each action byte pair: which action, then render.
    let steps = [head[2], head[3], head[2] ^ head[3], head[2].wrapping_add(7)];
    for (i, s) in std::iter::once(0u8).chain(steps).enumerate() {
        if i > 0 {
            app.update(ACTIONS[s as usize % ACTIONS.len()]);
        }
        terminal.draw(|f| render(&app, &theme, f)).expect("draw");
        let buf = terminal.backend().buffer();
        for cell in buf.content() {
            assert!(is_clean(cell.symbol()), "unsafe cell {:?}", cell.symbol());
        }
    }
});
