//! Synthetic briefings of any size, for load tests and benches.
//!
//! (Named `sample` because `gen` is a reserved word in Rust 2024.)

use std::fmt::Write as _;

/// Actors every generated briefing declares.
const ACTORS: [&str; 4] = ["putin", "witkoff", "zelensky", "ushakov"];

/// A valid briefing with `sections` sections of `items_per_section` items, each
/// with a body, points, stances and a quote. About 250 bytes per item.
pub fn generate(sections: usize, items_per_section: usize) -> String {
    let mut out = String::with_capacity(64 + sections * items_per_section * 420);
    out.push_str("[briefing]\ntitle = \"Generated briefing\"\ndate = 2025-12-02\n");
    out.push_str("summary = \"A synthetic briefing for load tests.\"\n\n");
    for a in ACTORS {
        let _ = writeln!(out, "[actor.{a}]\nname = \"{a}\"\nside = \"Side {a}\"\n");
    }
    out.push_str("[source.wire]\ntitle = \"Wire report\"\nurl = \"https://example.org/wire\"\n\n");
    for s in 0..sections {
        let _ = writeln!(
            out,
            "[[section]]\nkind = \"positions\"\ntitle = \"Section {s}\"\n"
        );
        for i in 0..items_per_section {
            item(&mut out, s, i);
        }
    }
    out
}

fn item(out: &mut String, s: usize, i: usize) {
    let actor = ACTORS[(s + i) % ACTORS.len()];
    let _ = writeln!(
        out,
        "[[section.item]]\ntitle = \"Item {s}.{i}\"\nseverity = \"high\"\ndate = 2025-12-01\n\
         actors = [\"{actor}\"]\nsources = [\"wire\"]\nparty = \"{actor}\"\n\
         body = \"\"\"\nParagraph one about item {i}.\n\n- a bullet\n\"\"\"\n\
         points = [\"first point\", \"second point\"]\n\
         stances = {{ territory = \"Holds position {i}\", security_guarantees = \"Wants more\" }}\n\
         quote = [{{ by = \"{actor}\", text = \"Words number {i}.\", source = \"wire\" }}]\n"
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_generated_briefing_loads_clean() {
        let text = super::generate(2, 3);
        let loaded = crate::model::load_str("gen", &text).unwrap();
        assert_eq!(loaded.briefing.item_count(), 6);
        assert_eq!(loaded.report.diagnostics, vec![]);
    }
}
