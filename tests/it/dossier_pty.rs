//! The dossier in a real terminal, on a library of four files (Putin under
//! two ids, linked by `same_as`): `a` lists the actors across the library,
//! Enter opens Putin's dossier with his quotes from several files, Enter on
//! one opens its item in its briefing, and Back returns to the dossier.

use crate::common::library::reader_on_new;
use std::time::Duration;

fn library(dir: &std::path::Path) {
    for name in [
        "talks-2025-12-02.toml",
        "front-2025-11-20.toml",
        "europe-2025-10-05.toml",
    ] {
        std::fs::copy(format!("tests/fixtures/dossier/{name}"), dir.join(name)).unwrap();
    }
    // A fourth, older, naming him (and others) by the id `putin` too.
    let other = brief::sample::generate(1, 2).replacen("2025-12-02", "2025-01-01", 1);
    std::fs::write(dir.join("generated-2025-01-01.toml"), other).unwrap();
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

#[test]
fn the_dossier_lists_quotes_from_several_files_and_enter_opens_the_item() {
    let (_dir, mut pty) = reader_on_new(library, 100, 30);
    pty.wait_for("the library, read", |s| {
        s.contains("Library: 4 briefings") && !s.contains("loading")
    });
    pty.send("a");
    pty.wait_text("Actors across the library");
    // One row (two lines) per person, by name: count the names above his.
    let screen = pty.wait_text("Vladimir Putin");
    let names: Vec<&str> = (screen.lines().skip(2))
        .filter(|l| l.starts_with(|c: char| c.is_alphabetic()))
        .collect();
    let putin = (names.iter())
        .position(|l| l.starts_with("Vladimir Putin"))
        .unwrap_or_else(|| panic!("{screen}"));
    pty.send(&"j".repeat(putin));
    pty.wait_for("Putin selected", |s| {
        s.contains("one actor under the ids putin")
    });
    pty.send("\r");
    let screen = pty.wait_for("his dossier", |s| {
        first_line(s).contains("Dossier: Vladimir Putin")
    });
    // Quotes from two files (he is `putin` in one, `vladimir-putin` in the other).
    for quote in [
        "Either we take these lands by force",
        "Pokrovsk is a springboard",
    ] {
        assert!(screen.contains(quote), "{quote}:\n{screen}");
    }
    assert!(screen.contains("4 briefings · "), "{screen}");
    // Row 8 of 13: the Pokrovsk quote.
    pty.send(&"j".repeat(7));
    pty.wait_for("the Pokrovsk quote selected", |s| s.contains(" 8/13 "));
    pty.send("\r");
    let screen = pty.wait_for("the item", |s| {
        first_line(s).contains("Pokrovsk called a springboard")
    });
    assert!(
        first_line(&screen).contains("Fighting around Pokrovsk"),
        "{screen}"
    );
    assert!(screen.contains("CRIT"), "{screen}");
    // Back: the item, its section, the briefing, then the dossier, as it was.
    pty.send("hhh");
    let screen = pty.wait_for("the dossier again", |s| {
        first_line(s).contains("Dossier: Vladimir Putin")
    });
    assert!(screen.contains(" 8/13 "), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
