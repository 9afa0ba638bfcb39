//! Hostile shapes, for the tests and measurements of the loader's limits:
//! many ids and many unknown references, many references on one line, many
//! duplicate ids, arrays of tiny values, and wide positions sections.
//! `cargo run --release --example gen_hostile -- SHAPE N > file.toml`.

use std::fmt::Write as _;

const HEAD: &str = "[briefing]\ntitle = \"Hostile\"\ndate = 2025-12-02\nsummary = \"s\"\n\n";

/// `n` declared actors (`actor0`...) and `n` references to ids that are
/// not declared but one edit away (`actr0`...): every one a "did you mean".
pub fn unknown_refs(n: usize) -> String {
    let mut out = String::from(HEAD);
    for i in 0..n {
        let _ = writeln!(out, "[actor.actor{i}]\nname = \"Actor {i}\"");
    }
    out.push_str("\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\nactors = [\n");
    for i in 0..n {
        let _ = writeln!(out, "  \"actr{i}\",");
    }
    out.push_str("]\n");
    out
}

/// `actors = ["a","a",...]` with `n` references on one line, to an actor
/// that is not declared.
pub fn refs_on_one_line(n: usize) -> String {
    let refs = vec!["\"a\""; n].join(",");
    format!(
        "{HEAD}[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\nactors = [{refs}]\n"
    )
}

/// `n` sections with the same id (and no items, so that the file stays
/// within the loader's memory estimate and reaches the id check).
pub fn duplicate_section_ids(n: usize) -> String {
    let mut out = String::from(HEAD);
    for _ in 0..n {
        out.push_str("[[section]]\ntitle = \"S\"\nid = \"same\"\n");
    }
    out
}

/// A briefing whose `[briefing]` has `tags = ["","",...]` filling about `bytes`.
pub fn empty_tags(bytes: usize) -> String {
    let n = bytes / 3;
    let tags = vec!["\"\""; n].join(",");
    let head = HEAD.replace(
        "summary = \"s\"\n",
        &format!("summary = \"s\"\ntags = [{tags}]\n"),
    );
    format!("{head}[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\n")
}

/// One positions section: `parties` items (one per declared party), each
/// with `stances` stances.
pub fn positions(parties: usize, stances: usize) -> String {
    let mut out = String::from(HEAD);
    for p in 0..parties {
        let _ = writeln!(out, "[actor.p{p}]\nname = \"Party {p}\"");
    }
    out.push_str("\n[[section]]\nkind = \"positions\"\ntitle = \"Positions\"\n");
    for p in 0..parties {
        let _ = writeln!(
            out,
            "[[section.item]]\ntitle = \"Party {p}\"\nparty = \"p{p}\"\n[section.item.stances]"
        );
        for s in 0..stances {
            let _ = writeln!(out, "issue_{s} = \"Stance {s} of {p}\"");
        }
    }
    out
}
