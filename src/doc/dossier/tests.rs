//! Who is who across files, and what a dossier lists, in what order.

use super::*;
use crate::model::digest::Digest;
use std::sync::Arc;

/// A briefing dated `date` declaring `actors` (`id` or `id>other` for
/// `same_as = ["other"]`), with one item per actor naming it and a quote by it.
fn briefing(title: &str, date: &str, actors: &[&str]) -> Arc<Digest> {
    let mut text = format!("[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"s\"\n");
    for a in actors {
        let (id, other) = a.split_once('>').unwrap_or((a, ""));
        text.push_str(&format!("[actor.{id}]\nname = \"Name of {id}\"\n"));
        if !other.is_empty() {
            text.push_str(&format!("same_as = [\"{other}\"]\n"));
        }
    }
    text.push_str("[[section]]\ntitle = \"Talks\"\n");
    for (n, a) in actors.iter().enumerate() {
        let id = a.split_once('>').map_or(*a, |(id, _)| id);
        text.push_str(&format!(
            "[[section.item]]\ntitle = \"Item {n} of {id}\"\ndate = {date}\nactors = [\"{id}\"]\n\
             [[section.item.quote]]\nby = \"{id}\"\ntext = \"Words of {id} in {title}.\"\n"
        ));
    }
    let loaded = crate::model::load_str("t.toml", &text).expect("loads");
    loaded.digest().clone()
}

fn filed(digests: &[Arc<Digest>]) -> Vec<Filed<'_>> {
    (digests.iter().enumerate())
        .map(|(entry, d)| Filed { entry, digest: d })
        .collect()
}

#[test]
fn equal_ids_and_same_as_chains_from_any_file_make_one_person() {
    let digests = [
        briefing("One", "2025-03-01", &["a>b", "x"]),
        briefing("Two", "2025-02-01", &["b>c"]),
        briefing("Three", "2025-01-01", &["c", "x", "y"]),
    ];
    let library = filed(&digests);
    let people = People::of(&library);
    let a = people.person("a").expect("a");
    assert_eq!(people.person("b"), Some(a));
    assert_eq!(
        people.person("c"),
        Some(a),
        "a > b in one file, b > c in another"
    );
    let x = people.person("x").expect("x");
    assert_ne!(x, a);
    assert_ne!(people.person("y"), Some(x));
    let person = &people.list[a as usize];
    assert_eq!(
        person.ids.iter().map(|s| &**s).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    // Named as the newest file declaring it names it.
    assert_eq!(&*person.name, "Name of a");
    assert_eq!((person.briefings, person.items, person.quotes), (3, 3, 3));
    assert_eq!(people.list[x as usize].briefings, 2);
    // Sorted by name.
    let names: Vec<&str> = people.list.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["Name of a", "Name of x", "Name of y"]);
}

#[test]
fn an_id_only_named_by_same_as_makes_no_person_of_its_own() {
    let digests = [briefing("One", "2025-03-01", &["a>ghost"])];
    let people = People::of(&filed(&digests));
    assert_eq!(people.list.len(), 1);
    assert_eq!(people.person("ghost"), people.person("a"));
}

#[test]
fn two_linked_ids_in_one_file_count_it_once() {
    let digests = [briefing("One", "2025-03-01", &["a>b", "b"])];
    let library = filed(&digests);
    let people = People::of(&library);
    let p = people.person("a").unwrap();
    assert_eq!(people.list[p as usize].briefings, 1);
    let d = dossier(&library, &people, p);
    assert_eq!((d.briefings, d.items, d.quotes), (1, 2, 2));
}

#[test]
fn a_dossier_lists_briefings_newest_first_each_with_its_items_and_quotes() {
    let digests = [
        briefing("Old", "2025-01-01", &["c"]),
        briefing("New", "2025-03-01", &["a>c"]),
        briefing("Other", "2025-02-01", &["z"]),
    ];
    let mut library = filed(&digests);
    // The caller's order is the library's: newest first.
    library.sort_by(|a, b| b.digest.date.cmp(&a.digest.date));
    let people = People::of(&library);
    let d = dossier(&library, &people, people.person("c").unwrap());
    assert_eq!(
        d.rows,
        [
            Row::Briefing { entry: 1, actor: 0 },
            Row::Item { entry: 1, item: 0 },
            Row::Quote {
                entry: 1,
                item: 0,
                quote: 0
            },
            Row::Briefing { entry: 0, actor: 0 },
            Row::Item { entry: 0, item: 0 },
            Row::Quote {
                entry: 0,
                item: 0,
                quote: 0
            },
        ]
    );
    assert_eq!((d.briefings, d.items, d.quotes), (2, 2, 2));
}

#[test]
fn the_text_has_every_quote_in_full_with_its_date() {
    let digests = [briefing("New", "2025-03-01", &["a"])];
    let library = filed(&digests);
    let people = People::of(&library);
    let p = people.person("a").unwrap();
    let d = dossier(&library, &people, p);
    let text = lines::text(
        &people.list[p as usize],
        &d,
        |e| digests.get(e).map(|d| &**d),
        24,
        false,
    );
    assert!(text.contains("2025-03-01"), "{text}");
    let words = text.split_whitespace().filter(|w| *w != "┃");
    let joined = words.collect::<Vec<_>>().join(" ");
    assert!(joined.contains("“Words of a in New.”"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 24), "{text}");
}

#[test]
fn hostile_strings_are_sanitised_in_text_and_escaped_in_markdown() {
    let evil = "x\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}*y*";
    let digests = [briefing("New", "2025-03-01", &["a"])];
    let mut d = (*digests[0]).clone();
    d.title = evil.into();
    d.items[0].title = evil.into();
    d.items[0].quotes[0].text = evil.into();
    d.actors[0].name = evil.into();
    let digests = [Arc::new(d)];
    let library = filed(&digests);
    let people = People::of(&library);
    let p = people.person("a").unwrap();
    let dossier = dossier(&library, &people, p);
    let person = &people.list[p as usize];
    let text = lines::text(
        person,
        &dossier,
        |e| digests.get(e).map(|d| &**d),
        80,
        false,
    );
    let md = markdown::document(person, &dossier, |e| {
        digests.get(e).map(|d| (&**d, "t.toml"))
    });
    for out in [&text, &md] {
        assert!(
            !out.chars()
                .any(|c| c != '\n' && crate::model::sanitize::is_unsafe(c)),
            "{out:?}"
        );
    }
    assert!(md.contains("\\*y\\*"), "{md}");
}
