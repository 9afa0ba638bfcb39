//! No terminal size from 0x0 to 500x300 makes any view of the Ukraine briefing panic.

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

#[test]
fn every_view_at_every_size() {
    use Action::*;
    let paths: &[&[Action]] = &[
        &[],
        &[Open],
        &[Down, Open],
        &[Down, Open, Open],
        &[Down, Open, Open, Open],
        &[Down, Open, Open, PrevLink, Open],
        &[ActorIndex],
        &[ActorIndex, Open],
        &[JumpSection(2), ToggleMatrix],
        &[ToggleHelp],
    ];
    let loaded = load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads");
    // Every breakpoint's neighbourhood, plus a coarse grid up to 500x300.
    let sizes: Vec<(u16, u16)> = (0..=500u16)
        .step_by(61)
        .flat_map(|w| (0..=300u16).step_by(43).map(move |h| (w, h)))
        .chain([
            (500, 300),
            (20, 6),
            (19, 6),
            (20, 5),
            (1, 1),
            (40, 12),
            (80, 20),
            (140, 20),
        ])
        .collect();
    for theme in [Theme::colour(false), Theme::mono(true)] {
        for path in paths {
            let mut app = App::new(vec![Entry::new("u", Ok(loaded.clone()))], false);
            for &a in *path {
                app.update(a);
            }
            for &(w, h) in &sizes {
                app.update(Resize(w, h));
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
                terminal.draw(|f| render(&app, &theme, f)).expect("draw");
            }
        }
    }
}
