//! App behaviours that depend on what the last frame drew: an overlay's
//! last page, the library's flag for a failed reload, the prompt's note.

use crate::app::library::tests::library;
use crate::app::tests::{app_with, run, sample, type_text};
use crate::app::{Action, App};
use crate::model::load_str;

fn drawn(app: &App) {
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    let theme = crate::ui::Theme::colour(false);
    terminal
        .draw(|f| crate::ui::render(app, &theme, f))
        .expect("draw");
}

/// After G (or j past the end) a k moves up at once: moves start from the
/// last page the overlay showed, not from an offset past it.
#[test]
fn overlays_move_back_up_at_once_from_their_end() {
    let mut app = app_with(sample());
    app.update(Action::Resize(80, 24));
    run(&mut app, &[Action::ToggleHelp]);
    drawn(&app);
    run(&mut app, &[Action::Bottom]);
    let last = app.overlays.help.expect("open");
    assert!(
        last > 0 && last < 100,
        "the help's last page starts at {last}"
    );
    run(&mut app, &[Action::Up]);
    assert_eq!(app.overlays.help, Some(last - 1));
    drawn(&app);
    for _ in 0..50 {
        run(&mut app, &[Action::Down]);
    }
    run(&mut app, &[Action::Up]);
    assert_eq!(app.overlays.help, Some(last - 1), "j past the end, then k");
}

#[test]
fn a_failed_reload_is_flagged_in_the_library_header_and_row() {
    let mut app = library();
    app.apply_reload(0, load_str("mid", "[briefing]\ntitle = 1\n"));
    let theme = crate::ui::Theme::colour(false);
    let header = crate::ui::library::header(&app, &theme);
    assert!(
        header[0].to_string().contains("1 with errors"),
        "{header:?}"
    );
    // The row says so on its second line, where a narrow pane still shows it.
    let screen = super::screen_text(&mut app, 100, 24, &theme);
    assert!(screen.contains("  newest save does not load: "), "{screen}");
}

#[test]
fn the_prompt_shows_no_hits_where_the_count_goes() {
    let mut app = app_with(sample());
    run(&mut app, &[Action::Search]);
    type_text(&mut app, "meetingx");
    run(&mut app, &[Action::InputSubmit]);
    // A message from elsewhere (a watcher's) does not take the count's place.
    app.message = Some("new briefing: x.toml".into());
    let screen = super::screen_text(&mut app, 80, 24, &crate::ui::Theme::mono(false));
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.starts_with("/meetingx") && status.contains("no hits"),
        "{status}"
    );
    assert!(!status.contains("new briefing"), "{status}");
}
