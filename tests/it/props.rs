//! Property tests, bounded to a fixed number of cases so `cargo test` stays
//! fast: the loader takes any bytes, the renderer any strings at any size, and
//! the app any sequence of actions, without panicking or breaking invariants.

use crate::common::render::{assert_clean, draw, every_view};
use brief::app::{Action, App, Entry};
use brief::model::{
    Actor, Briefing, Date, Item, Quote, Section, SectionKind, Severity, Source, Stance, load_bytes,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::time::{Duration, Instant};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that stress the sanitiser and the width logic, mixed with any char.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '\u{1b}', '\u{7}', '\r', '\n', '\t', '\0', '\u{7f}', '\u{85}', '\u{9b}', '\u{9c}',
            '\u{9d}', '\u{90}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{200d}', '\u{feff}',
            '\u{ad}', '\u{2028}', '\u{e0041}', '\u{301}', '中', '👩', '🇺', 'Ａ', '[', '"',
            '\u{fe0f}', '\u{fe0e}', '\u{3164}', '\u{206a}', '©', '❤',
            '\\', ' ',
        ]),
        2 => prop::char::range('a', 'z'),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..24).prop_map(|v| v.into_iter().collect())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn date() -> Date {
    Date {
        year: 2025,
        month: 12,
        day: 2,
        text: "2025-12-02".into(),
    }
}

/// A whole briefing with arbitrary strings in every field and valid indices.
fn briefing() -> impl Strategy<Value = Briefing> {
    let strings = prop::collection::vec(text(), 40);
    let opts = prop::collection::vec(opt_text(), 20);
    let kinds = prop::sample::select(vec![
        SectionKind::Talks,
        SectionKind::Positions,
        SectionKind::Pressure,
        SectionKind::Concerns,
        SectionKind::Context,
        SectionKind::Custom("\u{1b}[31mx".into()),
    ]);
    (strings, opts, kinds, 1..4usize, 0..4usize).prop_map(|(s, o, kind, sections, items)| {
        let mut n = 0;
        let mut next = || {
            n += 1;
            s[n % s.len()].clone()
        };
        let mut m = 0;
        let mut opt = || {
            m += 1;
            o[m % o.len()].clone()
        };
        let actors: Vec<Actor> = (0..2)
            .map(|i| Actor {
                id: format!("a{i}"),
                name: next(),
                role: opt(),
                side: opt(),
                aliases: vec![next()],
                same_as: vec![],
            })
            .collect();
        let sources: Vec<Source> = (0..2)
            .map(|i| Source {
                id: format!("s{i}"),
                title: next(),
                publisher: opt(),
                url: opt(),
                date: Some(date()),
                note: opt(),
            })
            .collect();
        let sections = (0..sections)
            .map(|si| Section {
                id: format!("sec{si}"),
                title: next(),
                kind: if si == 0 {
                    kind.clone()
                } else {
                    SectionKind::Positions
                },
                summary: opt(),
                items: (0..items)
                    .map(|ii| Item {
                        id: format!("i{ii}"),
                        title: next(),
                        summary: opt(),
                        body: opt(),
                        points: vec![next(), next()],
                        date: Some(date()),
                        severity: Some(Severity::High),
                        actors: vec![0, 1],
                        sources: vec![0, 1],
                        tags: vec![next()],
                        party: Some(ii % 2),
                        stances: vec![
                            Stance {
                                issue: next(),
                                text: next(),
                            },
                            Stance {
                                issue: "territory".into(),
                                text: next(),
                            },
                        ],
                        quotes: vec![Quote {
                            by: ii % 2,
                            text: next(),
                            context: opt(),
                            source: Some(0),
                        }],
                    })
                    .collect(),
            })
            .collect();
        Briefing {
            title: next(),
            date: date(),
            subtitle: opt(),
            summary: opt(),
            key_points: vec![next()],
            classification: opt(),
            author: opt(),
            updated: Some(date()),
            tags: vec![next(), next()],
            actors,
            sources,
            sections,
        }
    })
}

fn app_on(b: Briefing) -> App {
    let report = brief::model::Report {
        path: "p".into(),
        text: String::new(),
        diagnostics: vec![],
        ..Default::default()
    };
    let loaded = brief::model::Loaded::new(b, report);
    App::new(vec![Entry::new("p", Ok(loaded))], false)
}

#[test]
fn arbitrary_bytes_never_panic_the_loader() {
    let mut runner = TestRunner::new(config(512));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..2048), |bytes| {
            let started = Instant::now();
            let _ = load_bytes("p", &bytes);
            prop_assert!(started.elapsed() < Duration::from_secs(2));
            Ok(())
        })
        .unwrap();
}

/// A TOML basic string holding `s` (controls escaped, everything else raw).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Known and unknown keys (not `title` or `date`, which the skeleton sets).
fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "summary",
        "body",
        "kind",
        "id",
        "actors",
        "sources",
        "party",
        "severity",
        "stances",
        "quote",
        "by",
        "text",
        "url",
        "name",
        "points",
        "tags",
        "key_points",
        "x",
    ])
}

/// Every value shape, valid and not.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => text().prop_map(|s| toml_string(&s)),
        2 => text().prop_map(|s| format!(
            "'{}'",
            s.replace(|c: char| c == '\'' || (c.is_control() && c != '\t'), "")
        )),
         1 => any::<i64>().prop_map(|n| n.to_string()),
         1 => Just("2025-12-02".to_string()),
         1 => Just("[\"a0\", \"s0\"]".to_string()),
         1 => Just("{ territory = \"x\", by = \"a0\", text = \"t\" }".to_string()),
         1 => Just("[{ title = \"i\", quote = [{ by = \"a0\", text = \"q\" }] }]".to_string()),
         1 => Just("true".to_string()),
         1 => Just("[[[]]]".to_string()),
    ]
}

/// A TOML-ish line: headers, a key and value, or arbitrary text.
fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("[briefing]".to_string()),
        2 => Just("[[section]]".to_string()),
        3 => Just("[[section.item]]".to_string()),
        1 => Just("[[section.item.quote]]".to_string()),
        1 => Just("[actor.a0]".to_string()),
        1 => Just("[source.s0]".to_string()),
        10 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => text(),
    ]
}

#[test]
fn arbitrary_toml_shaped_documents_never_panic_the_loader() {
    // A valid skeleton (sections with titled items) with arbitrary lines mixed
    // in, so that some documents load and the rest fail in varied ways.
    let lines = || {
        prop_oneof![
            // Usually distinct keys (a repeated key is an error), sometimes any line.
            12 => prop::collection::btree_map(key(), value(), 0..2).prop_map(|m| m
                .into_iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect::<Vec<_>>()),
            1 => prop::collection::vec(toml_line(), 0..2),
        ]
    };
    let item = (text(), lines()).prop_map(|(t, l)| {
        format!(
            "[[section.item]]\ntitle = {}\n{}\n",
            toml_string(&t),
            l.join("\n")
        )
    });
    let section = (text(), lines(), prop::collection::vec(item, 1..4)).prop_map(|(t, l, items)| {
        format!(
            "[[section]]\ntitle = {}\n{}\n{}",
            toml_string(&t),
            l.join("\n"),
            items.concat()
        )
    });
    let doc = (text(), prop_oneof![3 => Just(vec![]), 1 => lines()], prop::collection::vec(section, 1..4)).prop_map(|(t, l, sections)| {
        format!(
            "[briefing]\ntitle = {}\ndate = 2025-12-02\nsummary = \"s\"\n{}\n[actor.a0]\nname = \"A\"\n[source.s0]\ntitle = \"S\"\n{}",
            toml_string(&t),
            l.join("\n"),
            sections.concat()
        )
    });
    let mut runner = TestRunner::new(config(512));
    let loaded = std::cell::Cell::new(0);
    runner
        .run(&doc, |doc| {
            let started = Instant::now();
            let result = load_bytes("p", doc.as_bytes());
            if let Err(r) = &result
                && std::env::var("PROP_DEBUG").is_ok()
            {
                eprintln!("{}", r.headline());
            }
            if let Ok(l) = result {
                loaded.set(loaded.get() + 1);
                // Whatever loads also renders cleanly.
                let mut app = app_on(l.briefing);
                let buf = draw(&mut app, 80, 24);
                assert_clean(&buf, &doc);
            }
            prop_assert!(started.elapsed() < Duration::from_secs(2));
            Ok(())
        })
        .unwrap();
    eprintln!("{} of 512 generated documents loaded", loaded.get());
}

#[test]
fn arbitrary_strings_render_cleanly_in_every_view_at_any_size() {
    let views = every_view();
    let case = (briefing(), 0..views.len(), 0..200u16, 0..80u16);
    let mut runner = TestRunner::new(config(192));
    runner
        .run(&case, |(b, view, w, h)| {
            let mut app = app_on(b);
            for a in &views[view] {
                app.update(*a);
            }
            let buf = draw(&mut app, w, h);
            assert_clean(&buf, &format!("{:?} at {w}x{h}", views[view]));
            Ok(())
        })
        .unwrap();
}

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        8 => prop::sample::select(vec![
            Up, Down, Top, Bottom, PageDown, PageUp, HalfPageDown, HalfPageUp, Open, Open,
            Open, Back, NextItem, PrevItem, NextLink, PrevLink, ActorIndex, ToggleRead,
            Search, Palette, SearchNext, SearchPrev, InputBackspace, InputSubmit,
            InputCancel, ToggleMatrix, ToggleHelp, Reload, ShowErrors, Suspend, SettlePreview,
        ]),
        1 => any::<u8>().prop_map(JumpSection),
        1 => hostile_char().prop_map(Input),
        1 => (0..300u16, 0..100u16).prop_map(|(w, h)| Resize(w, h)),
        1 => (0..200u16, 0..80u16, any::<bool>()).prop_map(|(x, y, down)| ScrollAt { x, y, down }),
        1 => (0..200u16, 0..80u16).prop_map(|(x, y)| ClickAt { x, y }),
    ]
}

fn check_selections(app: &App) -> Result<(), TestCaseError> {
    for view in &app.stack {
        if let Some(list) = view.list() {
            let len = app.list_len(view);
            prop_assert!(
                list.selected < len.max(1),
                "selection {} of {len} in {view:?}",
                list.selected
            );
        }
    }
    Ok(())
}

#[test]
fn arbitrary_action_sequences_keep_selections_in_bounds_and_back_goes_home() {
    let case = (briefing(), prop::collection::vec(action(), 0..60));
    let mut runner = TestRunner::new(config(256));
    runner
        .run(&case, |(b, actions)| {
            let mut app = app_on(b);
            let root = app.stack[0].clone();
            for (i, a) in actions.iter().enumerate() {
                app.update(*a);
                check_selections(&app)?;
                if i % 8 == 0 {
                    // Rendering stores list offsets and clamps scrolls.
                    let (w, h) = app.size;
                    let _ = draw(&mut app, w.min(200), h.min(80));
                }
                if app.should_quit {
                    break;
                }
            }
            // Back, enough times, closes any overlay or prompt and returns home.
            for _ in 0..app.stack.len() + 4 {
                app.update(Action::Back);
                app.update(Action::InputCancel);
            }
            prop_assert_eq!(app.stack.len(), 1);
            prop_assert!(
                app.overlays.help.is_none() && app.overlays.errors.is_none() && !app.search.typing
            );
            prop_assert!(
                std::mem::discriminant(&app.stack[0]) == std::mem::discriminant(&root),
                "root is {:?}",
                app.stack[0]
            );
            Ok(())
        })
        .unwrap();
}
