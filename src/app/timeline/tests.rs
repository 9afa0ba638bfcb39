//! The timeline and tag list driven by Actions, on a small library.

use super::*;
use crate::app::Action::{self, *};
use crate::app::tests::run;
use crate::model::{Loaded, Report, load_str};

/// A briefing with two actors and items (title, date, severity, tags, actors).
fn briefing(
    title: &str,
    date: &str,
    items: &[(&str, &str, &str, &str, &str)],
) -> Result<Loaded, Report> {
    let mut text = format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\ntags = [\"all\"]\n\n\
         [actor.putin]\nname = \"Vladimir Putin\"\n\n[actor.kallas]\nname = \"Kaja Kallas\"\n\n\
         [[section]]\ntitle = \"S\"\n"
    );
    for (title, date, severity, tags, actors) in items {
        text.push_str(&format!("\n[[section.item]]\ntitle = \"{title}\"\n"));
        if !date.is_empty() {
            text.push_str(&format!("date = {date}\n"));
        }
        if !severity.is_empty() {
            text.push_str(&format!("severity = \"{severity}\"\n"));
        }
        text.push_str(&format!("tags = [{tags}]\nactors = [{actors}]\n"));
    }
    load_str(title, &text)
}

/// Two briefings whose items interleave by date.
fn library() -> App {
    let a = briefing(
        "A",
        "2025-12-01",
        &[
            ("A1 undated", "", "low", "\"energy\"", "\"putin\""),
            (
                "A2 on the 3rd",
                "2025-12-03",
                "critical",
                "",
                "\"kallas\", \"putin\"",
            ),
        ],
    );
    let b = briefing(
        "B",
        "2025-12-02",
        &[("B1 undated", "", "high", "\"talks\"", "\"kallas\"")],
    );
    let entries = vec![Entry::new("a.toml", a), Entry::new("b.toml", b)];
    let mut app = App::new(entries, true);
    app.update(Action::Resize(120, 30));
    app
}

/// The titles of the timeline on top, headings as `== day`, the selected row marked.
fn shown(app: &App) -> Vec<String> {
    let View::Timeline {
        scope,
        filter,
        list,
    } = app.top()
    else {
        panic!("not a timeline: {:?}", app.top());
    };
    let t = app.timeline(*scope, filter);
    (t.rows.iter().enumerate())
        .map(|(i, row)| {
            let mark = if i == list.selected { ">" } else { "" };
            match *row {
                crate::doc::timeline::Row::Day { day, .. } => format!("== {}-{}", day.1, day.2),
                crate::doc::timeline::Row::Item(s) => {
                    format!("{mark}{}", app.stub_item(s).expect("an item").1.title)
                }
            }
        })
        .collect()
}

#[test]
fn the_library_s_timeline_orders_items_across_briefings_and_opens_them_in_place() {
    let mut app = library();
    app.update(Timeline);
    assert_eq!(
        shown(&app),
        [
            "== 12-3",
            ">A2 on the 3rd",
            "== 12-2",
            "B1 undated",
            "== 12-1",
            "A1 undated"
        ]
    );
    // A heading is stepped over, either way.
    app.update(Down);
    assert_eq!(shown(&app)[3], ">B1 undated");
    app.update(Down);
    assert_eq!(shown(&app)[5], ">A1 undated");
    app.update(Up);
    app.update(Top);
    assert_eq!(shown(&app)[1], ">A2 on the 3rd");
    app.update(Down);
    // Enter: the item, in its own briefing, over the timeline.
    app.update(Open);
    let b = app.briefing().expect("B is open");
    assert_eq!(b.title, "B");
    assert!(
        matches!(app.top(), View::Item { at, .. } if b.item(*at).unwrap().title == "B1 undated")
    );
    // Back: the timeline, the same item selected.
    app.update(Back);
    assert_eq!(shown(&app)[3], ">B1 undated");
    assert!(
        app.briefing().is_none(),
        "the library's timeline is no briefing"
    );
    // `t` again closes it.
    app.update(Timeline);
    assert!(matches!(app.top(), View::Library(_)));
}

#[test]
fn a_briefing_s_timeline_holds_its_items_only() {
    let mut app = library();
    // The library lists B (newer) first; A is second.
    run(&mut app, &[Down, Open, Timeline]);
    assert_eq!(
        shown(&app),
        ["== 12-3", ">A2 on the 3rd", "== 12-1", "A1 undated"]
    );
    assert!(matches!(
        app.top(),
        View::Timeline {
            scope: Scope::Entry(_),
            ..
        }
    ));
}

#[test]
fn filters_cycle_through_the_item_s_actors_and_tags_then_severities_and_clear() {
    let mut app = library();
    run(&mut app, &[Timeline, Down, Down]);
    assert_eq!(shown(&app)[5], ">A1 undated");
    // A1 names Putin, is tagged energy, and its briefing `all`.
    app.update(FilterBy);
    assert_eq!(
        shown(&app),
        ["== 12-3", "A2 on the 3rd", "== 12-1", ">A1 undated"]
    );
    assert_eq!(app.message.as_deref(), Some("filter: actor Vladimir Putin"));
    app.update(FilterBy);
    assert_eq!(shown(&app), ["== 12-1", ">A1 undated"]);
    assert_eq!(app.message.as_deref(), Some("filter: #energy"));
    app.update(FilterBy);
    assert_eq!(app.message.as_deref(), Some("filter: #all"));
    assert_eq!(shown(&app).len(), 6);
    app.update(FilterBy);
    assert_eq!(app.message.as_deref(), Some("no filter"));
    // Severity: critical first, then one level lower each time.
    app.update(FilterSeverity);
    assert_eq!(shown(&app), ["== 12-3", ">A2 on the 3rd"]);
    app.update(FilterSeverity);
    assert_eq!(
        shown(&app),
        ["== 12-3", ">A2 on the 3rd", "== 12-2", "B1 undated"]
    );
    run(&mut app, &[Down, FilterBy]);
    assert_eq!(
        app.message.as_deref(),
        Some("filter: actor Kaja Kallas, high or above")
    );
    assert_eq!(
        shown(&app),
        ["== 12-3", "A2 on the 3rd", "== 12-2", ">B1 undated"]
    );
    app.update(ClearFilter);
    assert_eq!(shown(&app).len(), 6);
    assert_eq!(
        shown(&app)[3],
        ">B1 undated",
        "the selection stays on its item"
    );
    // Outside a timeline the filter keys say where they work.
    app.update(Back);
    app.update(FilterSeverity);
    assert_eq!(
        app.message.as_deref(),
        Some("filters apply in the timeline")
    );
}

#[test]
fn tags_list_counts_and_enter_lists_the_items_carrying_one() {
    let mut app = library();
    app.update(Tags);
    let tags = app.tag_counts(Scope::Library);
    let got: Vec<(&str, usize)> = tags.iter().map(|t| (&*t.tag, t.items)).collect();
    assert_eq!(got, [("all", 3), ("energy", 1), ("talks", 1)]);
    // Beside the list: the timeline of the selected tag.
    app.update(Down);
    let preview = app.preview_chain();
    assert!(
        matches!(&preview[0], View::Timeline { filter, .. } if filter.describe().as_deref() == Some("#energy")),
        "{preview:?}"
    );
    assert!(matches!(&preview[1], View::Peek { .. }), "{preview:?}");
    app.update(Open);
    assert_eq!(shown(&app), ["== 12-1", ">A1 undated"]);
    app.update(Open);
    assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("A"));
    run(&mut app, &[Back, Back]);
    assert!(matches!(app.top(), View::Tags { .. }));
    // `#` again closes the list.
    app.update(Tags);
    assert!(matches!(app.top(), View::Library(_)));
}

#[test]
fn a_timeline_is_built_once_per_change_of_the_entries() {
    let mut app = library();
    let filter = Filter::default();
    let first = app.timeline(Scope::Library, &filter);
    assert!(Rc::ptr_eq(&first, &app.timeline(Scope::Library, &filter)));
    app.update(Timeline);
    app.update(Down);
    assert!(
        Rc::ptr_eq(&first, &app.timeline(Scope::Library, &filter)),
        "keys do not rebuild it"
    );
    let c = briefing("C", "2025-12-09", &[("C1", "", "", "", "")]);
    app.add_entry(2, "c.toml".into(), c);
    let second = app.timeline(Scope::Library, &filter);
    assert!(!Rc::ptr_eq(&first, &second));
    assert_eq!(second.items, 4);
}

#[test]
fn the_timeline_s_keys_are_free_and_shifted_symbols_still_reach_them() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let map = crate::app::keymap::Keymap::default();
    assert_eq!(map.conflict(), None);
    let key = |c, m| map.action_for(KeyEvent::new(KeyCode::Char(c), m));
    assert_eq!(key('t', KeyModifiers::NONE), Some(Timeline));
    // Some terminals send `#` and `!` with Shift held.
    assert_eq!(key('#', KeyModifiers::SHIFT), Some(Tags));
    assert_eq!(key('#', KeyModifiers::NONE), Some(Tags));
    assert_eq!(key('!', KeyModifiers::SHIFT), Some(FilterSeverity));
    assert_eq!(key('f', KeyModifiers::NONE), Some(FilterBy));
    assert_eq!(key('c', KeyModifiers::NONE), Some(ClearFilter));
}

/// A timeline opened while the library loads takes in the briefings that
/// arrive after it (not only those there when it was opened).
#[test]
fn the_timeline_takes_in_briefings_that_arrive_while_it_is_open() {
    let entries = vec![
        Entry::pending("a.toml".into()),
        Entry::pending("b.toml".into()),
    ];
    let mut app = App::new(entries, true);
    app.update(Action::Resize(120, 30));
    let a = briefing("A", "2025-12-01", &[("A1", "", "low", "", "\"putin\"")]);
    app.arrive(vec![(0, a)]);
    app.update(Timeline);
    assert_eq!(shown(&app), ["== 12-1", ">A1"]);
    let b = briefing("B", "2025-12-02", &[("B1", "", "high", "", "\"kallas\"")]);
    app.arrive(vec![(1, b)]);
    assert_eq!(shown(&app), ["== 12-2", "B1", "== 12-1", ">A1"]);
}

/// While files keep arriving, the timeline is built again only every few
/// batches (at 10,000 briefings a build takes tens of milliseconds, and
/// batches come every 30 ms); the last arrival always brings it up to date.
#[test]
fn while_the_library_loads_the_timeline_is_rebuilt_every_few_batches() {
    let n = 40;
    let entries = (0..n)
        .map(|i| Entry::pending(format!("{i}.toml").into()))
        .collect();
    let mut app = App::new(entries, true);
    app.update(Action::Resize(120, 30));
    let one = |i: usize| {
        let title = format!("I{i}");
        let b = briefing(
            &title,
            "2025-12-01",
            &[(&title, "", "low", "", "\"putin\"")],
        );
        (i, b)
    };
    app.arrive(vec![one(0)]);
    app.update(Timeline);
    let items = |app: &App| shown(app).iter().filter(|r| !r.starts_with("==")).count();
    assert_eq!(items(&app), 1);
    app.arrive(vec![one(1)]);
    assert_eq!(items(&app), 1, "rebuilt on a batch while loading");
    let mut counts = Vec::new();
    for i in 2..n {
        app.arrive(vec![one(i)]);
        counts.push(items(&app));
    }
    assert_eq!(
        counts.last(),
        Some(&n),
        "the last arrival brings it up to date"
    );
    let rebuilds = counts.windows(2).filter(|w| w[0] != w[1]).count();
    assert!((1..=4).contains(&rebuilds), "{counts:?}");
}
