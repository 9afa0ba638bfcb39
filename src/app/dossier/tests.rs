//! The dossier in the reader, on the three briefings of
//! tests/fixtures/dossier (Putin is `putin` in two and `vladimir-putin`,
//! `same_as` `putin`, in the third).

use super::*;
use crate::app::Action;
use crate::model::load_str;

const FILES: [(&str, &str); 3] = [
    (
        "europe-2025-10-05.toml",
        include_str!("../../../tests/fixtures/dossier/europe-2025-10-05.toml"),
    ),
    (
        "talks-2025-12-02.toml",
        include_str!("../../../tests/fixtures/dossier/talks-2025-12-02.toml"),
    ),
    (
        "front-2025-11-20.toml",
        include_str!("../../../tests/fixtures/dossier/front-2025-11-20.toml"),
    ),
];

pub(crate) fn library() -> App {
    let entries = (FILES.iter())
        .map(|(name, text)| Entry::new(*name, load_str(name, text)))
        .collect();
    App::new(entries, true)
}

fn entry_titled(app: &App, title: &str) -> usize {
    (app.entries.iter())
        .position(|e| e.briefing().is_some_and(|b| b.title == title))
        .expect("a briefing of that title")
}

fn dossier_rows(app: &App) -> Vec<Row> {
    let View::Dossier { id, .. } = app.top() else {
        panic!("not a dossier: {:?}", app.top())
    };
    app.dossier(id).expect("a person").1.rows.clone()
}

/// Selects the Europe briefing's row in the library; returns its entry.
fn select_europe(app: &mut App) -> usize {
    let europe = entry_titled(app, "Europe weighs its guarantees");
    let row = (app.library_order().iter())
        .position(|&e| e == europe)
        .unwrap();
    for _ in 0..row {
        app.update(Action::Down);
    }
    europe
}

/// `a` in the library, then Enter on Vladimir Putin.
fn putin_from_the_library(app: &mut App) {
    app.update(Action::ActorIndex);
    assert!(matches!(app.top(), View::People(_)), "{:?}", app.top());
    let people = app.people();
    let at = (people.list.iter())
        .position(|p| &*p.name == "Vladimir Putin")
        .expect("Putin");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Open);
}

#[test]
fn the_library_lists_every_actor_once_with_linked_ids() {
    let mut app = library();
    app.update(Action::ActorIndex);
    let people = app.people();
    let names: Vec<&str> = people.list.iter().map(|p| &*p.name).collect();
    assert_eq!(
        names,
        [
            "Emmanuel Macron",
            "Steve Witkoff",
            "Vladimir Putin",
            "Volodymyr Zelensky"
        ]
    );
    let putin = &people.list[2];
    assert_eq!(
        &*putin.ids,
        [Box::from("putin"), Box::from("vladimir-putin")]
    );
    assert_eq!((putin.briefings, putin.items, putin.quotes), (3, 4, 3));
    // Named and described as the newest briefing has him.
    assert_eq!(putin.role.as_deref(), Some("President of Russia"));
}

#[test]
fn a_dossier_lists_every_briefing_newest_first_and_enter_jumps_to_the_item() {
    let mut app = library();
    putin_from_the_library(&mut app);
    let rows = dossier_rows(&app);
    let talks = entry_titled(&app, "Kremlin talks end without a breakthrough");
    let front = entry_titled(&app, "Fighting around Pokrovsk");
    let europe = entry_titled(&app, "Europe weighs its guarantees");
    let entries: Vec<usize> = (rows.iter())
        .filter(|r| matches!(r, Row::Briefing { .. }))
        .map(|r| r.entry())
        .collect();
    assert_eq!(entries, [talks, front, europe], "newest first");
    // The talks: the undated item (filed under 2025-12-02) before the one
    // of 2025-12-01, each followed by Putin's quotes in it (not Witkoff's).
    assert_eq!(
        rows[..5],
        [
            Row::Briefing {
                entry: talks,
                actor: 0
            },
            Row::Item {
                entry: talks,
                item: 1
            },
            Row::Quote {
                entry: talks,
                item: 1,
                quote: 0
            },
            Row::Item {
                entry: talks,
                item: 0
            },
            Row::Quote {
                entry: talks,
                item: 0,
                quote: 0
            },
        ]
    );
    // Enter on the quote from the front (a file where he is `vladimir-putin`).
    let quote = (rows.iter())
        .position(|r| matches!(r, Row::Quote { entry, .. } if *entry == front))
        .expect("the front's quote");
    for _ in 0..quote {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert_eq!(app.current, front);
    let b = app.briefing().expect("open");
    let View::Item { at, .. } = app.top() else {
        panic!("not an item: {:?}", app.top())
    };
    assert_eq!(
        b.item(*at).map(|i| i.title.as_str()),
        Some("Pokrovsk called a springboard")
    );
    // Back through the item's section and the briefing, to the dossier.
    for _ in 0..3 {
        app.update(Action::Back);
    }
    assert!(matches!(app.top(), View::Dossier { list, .. } if list.selected == quote));
}

#[test]
fn d_on_an_actor_opens_the_dossier_and_back_returns_to_its_briefing() {
    let mut app = library();
    let europe = select_europe(&mut app);
    app.update(Action::Open);
    app.update(Action::ActorIndex);
    app.update(Action::Down); // putin, the second actor declared
    app.update(Action::Dossier);
    assert!(matches!(app.top(), View::Dossier { from: Some(e), .. } if *e == europe));
    assert_eq!(
        app.briefing().map(|b| b.title.as_str()),
        Some("Europe weighs its guarantees")
    );
    // The first row: the newest briefing, at Putin's card.
    app.update(Action::Open);
    let talks = entry_titled(&app, "Kremlin talks end without a breakthrough");
    assert_eq!(app.current, talks);
    assert!(
        matches!(app.top(), View::Actor { actor: 0, .. }),
        "{:?}",
        app.top()
    );
    // Back to the dossier: the briefing under it is current again, so the
    // actor index below shows its own actors.
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(matches!(app.top(), View::Dossier { .. }));
    assert_eq!(app.current, europe);
    app.update(Action::Back);
    assert!(matches!(app.top(), View::Actors(l) if l.selected == 1));
    assert_eq!(
        app.briefing().map(|b| b.title.as_str()),
        Some("Europe weighs its guarantees")
    );
}

#[test]
fn d_from_an_item_follows_the_chosen_actor_link() {
    let mut app = library();
    let talks = entry_titled(&app, "Kremlin talks end without a breakthrough");
    app.update(Action::Open); // the newest: the talks
    assert_eq!(app.current, talks);
    for a in [Action::Down, Action::Open, Action::Open, Action::NextLink] {
        app.update(a);
    }
    app.update(Action::Dossier);
    let View::Dossier { id, .. } = app.top() else {
        panic!("{:?}", app.top())
    };
    assert_eq!(&**id, "witkoff");
    // Where there is no actor, `d` says how to get one.
    let mut app = library();
    app.update(Action::Dossier);
    assert!(matches!(app.top(), View::Library(_)));
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("select an actor"))
    );
}

#[test]
fn people_follow_a_reload_that_links_two_ids() {
    let mut app = library();
    let front = entry_titled(&app, "Fighting around Pokrovsk");
    let (_, text) = FILES[2];
    assert_eq!(app.people().list.len(), 4);
    let unlinked = text.replace("same_as = [\"putin\"]\n", "");
    app.apply_reload(front, load_str("front", &unlinked));
    assert_eq!(app.people().list.len(), 5, "two Putins once unlinked");
    let generation = app.library.generation;
    let before = app.people();
    assert!(
        Rc::ptr_eq(&before, &app.people()),
        "kept while nothing changes"
    );
    app.apply_reload(front, load_str("front", text));
    assert!(app.library.generation > generation);
    assert_eq!(app.people().list.len(), 4);
}

#[test]
fn a_reload_of_the_briefing_opened_from_the_dossier_keeps_the_views_under_it() {
    let mut app = library();
    let europe = select_europe(&mut app);
    // Europe's item, its second link (Putin), his dossier, the talks.
    for a in [Action::Open, Action::Down, Action::Open, Action::Open] {
        app.update(a);
    }
    app.update(Action::NextLink);
    app.update(Action::Dossier);
    app.update(Action::Open);
    let talks = app.current;
    assert_ne!(talks, europe);
    let under: Vec<View> = app.stack[..5].to_vec();
    // The talks' section is renamed (its id too): none of Europe's views,
    // under the dossier, may be re-pointed by the talks' ids.
    let (_, text) = FILES[1];
    let renamed = text.replace("The Kremlin talks", "Talks in Moscow");
    app.apply_reload(talks, load_str("talks", &renamed));
    assert_eq!(app.stack[..5], under[..], "{:?}", app.stack);
    assert!(
        matches!(app.top(), View::Actor { actor: 0, .. }),
        "{:?}",
        app.stack
    );
}

#[test]
fn y_copies_the_selected_row_and_capital_y_the_whole_dossier() {
    use crate::app::copy::Outbound;
    let mut app = library();
    putin_from_the_library(&mut app);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Copy);
    app.update(Action::CopyAll);
    let copied: Vec<(String, &str)> = (app.outbox.iter())
        .map(|o| match o {
            Outbound::Copy { text, what } => (text.clone(), *what),
            Outbound::Open(url) => panic!("opened {url}"),
        })
        .collect();
    assert_eq!(copied[0].1, "quote");
    assert!(
        copied[0].0.contains("“Either we take these lands by force"),
        "{copied:?}"
    );
    assert_eq!(copied[1].1, "dossier as Markdown");
    assert!(copied[1].0.starts_with("# Vladimir Putin\n"), "{copied:?}");
    assert!(
        copied[1].0.contains("*front-2025-11-20.toml*"),
        "{copied:?}"
    );
}

#[test]
fn while_files_arrive_who_is_who_is_worked_out_every_so_many_batches() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in FILES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let entries = crate::library::list(dir.path())
        .into_iter()
        .map(Entry::listed)
        .collect();
    let mut app = App::new(entries, true);
    let jobs = app.pending_jobs();
    let load = |(i, path): &(usize, std::path::PathBuf)| (*i, crate::model::load_path(path));
    app.arrive(vec![load(&jobs[0])]);
    let first = app.people();
    assert_eq!(first.list.len(), 2, "one file's actors");
    // A batch later, files still pending: the same (stale) who-is-who.
    app.arrive(vec![load(&jobs[1])]);
    assert!(Rc::ptr_eq(&first, &app.people()));
    // The last file in: worked out again, with everyone.
    app.arrive(vec![load(&jobs[2])]);
    assert_eq!(app.pending_count(), 0);
    assert_eq!(app.people().list.len(), 4);
}

#[test]
fn a_click_selects_the_dossier_row_under_it_and_the_wheel_scrolls() {
    let mut app = library();
    app.update(Action::Resize(80, 24));
    putin_from_the_library(&mut app);
    let View::Dossier { id, list, .. } = app.top().clone() else {
        panic!("{:?}", app.top())
    };
    let theme = crate::doc::Theme::mono(false);
    let pane = crate::app::layout::screen(&app, app.area()).panes[0].area;
    let window = app.dossier_window(&id, &list, pane, &theme);
    // The screen row of the Pokrovsk quote.
    let mut y = window.list_area.y;
    let mut target = None;
    for (row, lines) in &window.rows {
        if lines
            .iter()
            .any(|l| l.to_string().contains("Pokrovsk is a springboard"))
        {
            target = Some((*row, y));
        }
        y += lines.len() as u16;
    }
    let (row, y) = target.expect("on screen");
    app.update(Action::ClickAt { x: 12, y });
    assert!(matches!(app.top(), View::Dossier { list, .. } if list.selected == row));
    app.update(Action::ScrollAt {
        x: 12,
        y,
        down: true,
    });
    let last = window.len - 1;
    assert_eq!(row, 7, "the eighth of ten rows");
    assert!(matches!(app.top(), View::Dossier { list, .. } if list.selected == last));
}

#[test]
fn a_section_number_in_a_briefing_opened_from_the_dossier_stays_in_it() {
    let mut app = library();
    let europe = select_europe(&mut app);
    for a in [
        Action::Open,
        Action::ActorIndex,
        Action::Down,
        Action::Dossier,
    ] {
        app.update(a);
    }
    app.update(Action::Down); // the talks' first item
    app.update(Action::Open);
    let talks = app.current;
    app.update(Action::JumpSection(1));
    assert_eq!(app.current, talks);
    assert!(
        matches!(app.top(), View::Section { section: 0, .. }),
        "{:?}",
        app.stack
    );
    app.update(Action::Back);
    app.update(Action::Back);
    assert!(matches!(app.top(), View::Dossier { .. }), "{:?}", app.stack);
    assert_eq!(app.current, europe);
}

#[test]
fn search_from_the_actors_across_the_library_searches_every_briefing() {
    let mut app = library();
    app.update(Action::ActorIndex);
    app.update(Action::Search);
    assert!(app.search.all_entries);
    for c in "springboard".chars() {
        app.update(Action::Input(c));
    }
    let front = entry_titled(&app, "Fighting around Pokrovsk");
    assert!(app.search.hits.iter().any(|h| h.entry == front));
}
