//! The breadcrumb on top, the status line at the bottom (position, scroll,
//! message, key hints from the key map), and the "too small" note.

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Pane};
use crate::app::{Action, App, View};
use crate::doc::text::{fit, fit_spans, wrap_with};
use crate::doc::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The path from the root to the current view.
pub fn crumbs(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    if app.library.is_root {
        out.push("Library".to_string());
    }
    if let Some(tail) = library_wide_crumb(app) {
        out.extend(app.briefing().map(|b| clean(&b.title).into_owned()));
        out.push(tail);
        return out;
    }
    let Some(b) = app.briefing() else {
        out.extend(super::timeline::crumbs(app));
        return out;
    };
    out.push(clean(&b.title).into_owned());
    let section_title = |s: usize| b.sections.get(s).map(|s| clean(&s.title).into_owned());
    match app.top() {
        View::Section { section, .. } => out.extend(section_title(*section)),
        View::Item { at, .. } => {
            out.extend(section_title(at.section));
            out.extend(b.item(*at).map(|i| clean(&i.title).into_owned()));
        }
        View::Actor { actor, .. } => {
            out.push("Actors".into());
            out.extend(b.actors.get(*actor).map(|a| clean(&a.name).into_owned()));
        }
        View::Source { source, .. } => {
            out.push("Sources".into());
            out.extend(b.sources.get(*source).map(|s| clean(&s.title).into_owned()));
        }
        View::Actors(_) => out.push("Actors".into()),
        View::Matrix { section, .. } => {
            out.extend(section_title(*section));
            out.push("Matrix".into());
        }
        View::Results(_) if app.search.palette => out.push("Jump".into()),
        View::Results(_) => out.push(format!("Search: {}", clean(&app.search.input))),
        View::Summary { .. } => out.push("Bottom line".into()),
        View::Timeline { .. } | View::Tags { .. } | View::Peek { .. } => {
            out.extend(super::timeline::crumbs(app));
        }
        View::Overview(_)
        | View::Library(_)
        | View::Brief { .. }
        | View::People(_)
        | View::Dossier { .. } => {}
    }
    out
}

/// The last crumb of a library-wide view: whose dossier, or the actors.
fn library_wide_crumb(app: &App) -> Option<String> {
    match app.top() {
        View::People(_) => Some("Actors across the library".into()),
        View::Dossier { id, .. } => {
            let people = app.people();
            let name = (people.person(id))
                .and_then(|p| people.list.get(p as usize))
                .map_or_else(|| clean(id).into_owned(), |p| clean(&p.name).into_owned());
            Some(format!("Dossier: {name}"))
        }
        _ => None,
    }
}

/// Draws the breadcrumb, cutting the first crumbs before the last ones.
pub fn crumb(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let parts = crumbs(app);
    let width = usize::from(area.width);
    let sep = theme.glyphs.crumb;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let last = parts.len().saturating_sub(1);
    // Each crumb but the last gets a fair share; the last gets the rest.
    let share = (width / parts.len().max(1)).max(8);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(sep, theme.muted));
        }
        let text = if i == last {
            part.clone()
        } else {
            fit(part, share, theme.glyphs.ellipsis)
        };
        let style = if i == last { theme.title } else { theme.accent };
        spans.push(Span::styled(text, style));
    }
    let line = fit_spans(spans, width, theme.glyphs.ellipsis);
    super::paint::line(frame.buffer_mut(), area, &line);
}

/// The hints worth showing in a view: (action, label).
fn hints(app: &App) -> Vec<(Action, &'static str)> {
    let mut out = match app.top() {
        View::Item { .. } => vec![
            (Action::Down, "scroll"),
            (Action::NextItem, "next"),
            (Action::NextLink, "link"),
            (Action::Open, "follow"),
            (Action::Back, "back"),
        ],
        View::Matrix { .. } => vec![(Action::Down, "scroll"), (Action::ToggleMatrix, "close")],
        View::Summary { .. } => vec![(Action::Down, "scroll"), (Action::Back, "back")],
        View::Library(_) => vec![
            (Action::Down, "move"),
            (Action::Open, "open"),
            (Action::ActorIndex, "actors"),
        ],
        View::Timeline { filter, .. } => super::timeline::hints(filter),
        View::Dossier { .. } => vec![
            (Action::Down, "move"),
            (Action::Open, "jump there"),
            (Action::Back, "back"),
        ],
        View::People(_) => vec![
            (Action::Down, "move"),
            (Action::Open, "dossier"),
            (Action::Back, "back"),
        ],
        View::Actor { .. } | View::Actors(_) => vec![
            (Action::Down, "move"),
            (Action::Open, "open"),
            (Action::Dossier, "dossier"),
            (Action::Back, "back"),
        ],
        _ => vec![
            (Action::Down, "move"),
            (Action::Open, "open"),
            (Action::Back, "back"),
        ],
    };
    if app.stack.len() == 1 {
        out.retain(|(a, _)| *a != Action::Back);
    }
    let has_matrix = match app.top() {
        View::Section { section, .. } => Some(*section),
        View::Overview(list) => crate::app::view::overview_section(list.selected),
        _ => None,
    }
    .and_then(|s| app.briefing()?.sections.get(s))
    .is_some_and(|s| s.items.iter().any(|i| !i.stances.is_empty()));
    if has_matrix {
        out.push((Action::ToggleMatrix, "matrix"));
    }
    if app.briefing().is_some() {
        out.push((Action::ActorIndex, "actors"));
    }
    out.extend([(Action::ToggleHelp, "help"), (Action::Quit, "quit")]);
    out
}

/// Position and scroll of the focused pane: "3/12", "45%".
fn position(app: &App, theme: &Theme, pane: Option<&Pane<'_>>) -> String {
    let Some(pane) = pane else {
        return String::new();
    };
    if let Some(position) = super::timeline::position(app, &pane.view) {
        return position;
    }
    if let Some(list) = pane.view.list() {
        let len = app.list_len(&pane.view);
        return if len == 0 {
            "0/0".into()
        } else {
            format!("{}/{}", list.selected + 1, len)
        };
    }
    match (pane.view.as_ref(), app.briefing()) {
        (View::Item { at, scroll, link }, Some(b)) => {
            let section_len = b.sections.get(at.section).map_or(0, |s| s.items.len());
            let link = pane.focused.then_some(*link);
            let pct = super::page::scroll_percent(
                app,
                b,
                *at,
                super::reading_column(pane.area, app.reading_width),
                scroll.get(),
                link,
                theme,
            );
            format!("{}/{}  {}%", at.item + 1, section_len, pct.unwrap_or(100))
        }
        (View::Summary { scroll }, _) => {
            format!("{}%", summary_percent(app, theme, pane, scroll.get()))
        }
        _ => String::new(),
    }
}

/// How far down the summary view is.
fn summary_percent(app: &App, theme: &Theme, pane: &Pane<'_>, scroll: usize) -> usize {
    let Some(b) = app.briefing() else { return 100 };
    let area = super::reading_column(pane.area, app.reading_width);
    let total = super::overview::cached_summary(app, app.current, b, area.width, theme).len();
    let max = total.saturating_sub(usize::from(area.height));
    (scroll.min(max) * 100).checked_div(max).unwrap_or(100)
}

pub fn status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, focused: Option<&Pane<'_>>) {
    let width = usize::from(area.width);
    let mut left = format!(" {} ", position(app, theme, focused));
    if let Some(msg) = &app.message {
        // Ends in a space as the position does: with the one below, at
        // least two columns stand between the message and the key hints.
        left.push_str(&format!(" {} ", clean(msg)));
    }
    let mut right: Vec<Span<'static>> = Vec::new();
    let mut used = left.width() + 1;
    for (action, label) in hints(app) {
        let Some(key) = app.keymap.first_key(action) else {
            continue;
        };
        let w = key.width() + label.width() + 3;
        if used + w > width {
            break;
        }
        used += w;
        right.push(Span::styled(key, theme.key.patch(theme.bar)));
        right.push(Span::styled(format!(" {label}  "), theme.bar));
    }
    let pad = width.saturating_sub(used);
    let mut spans = vec![
        Span::styled(left, theme.bar),
        Span::styled(" ".repeat(pad + 1), theme.bar),
    ];
    spans.extend(right);
    let line = fit_spans(spans, width, theme.glyphs.ellipsis);
    super::paint::lines(frame.buffer_mut(), area, std::slice::from_ref(&line));
}

/// A centred note when the terminal cannot hold the reader, wrapped so the
/// size it needs shows too (as much as the height allows).
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}");
    let mut lines = wrap_with(&text, usize::from(area.width), "", "");
    lines.truncate(usize::from(area.height));
    let top = area.y + (area.height - lines.len() as u16) / 2;
    for (y, line) in (top..).zip(lines) {
        let w = (line.width() as u16).min(area.width);
        let rect = Rect {
            x: area.x + (area.width - w) / 2,
            y,
            width: w,
            height: 1,
        };
        frame.render_widget(Line::styled(line, theme.muted), rect);
    }
}

/// The line over a briefing whose newest version did not load.
pub fn banner(
    app: &App,
    report: &crate::model::Report,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let keys =
        [Action::ShowErrors, Action::Reload].map(|a| app.keymap.first_key(a).unwrap_or_default());
    let text = format!(
        " not reloaded: {}  ({} details, {} retry) ",
        clean(&report.headline()),
        keys[0],
        keys[1]
    );
    let line = fit(&text, usize::from(area.width), theme.glyphs.ellipsis);
    let pad = usize::from(area.width).saturating_sub(line.width());
    frame.render_widget(
        Line::styled(format!("{line}{}", " ".repeat(pad)), theme.error),
        area,
    );
}
