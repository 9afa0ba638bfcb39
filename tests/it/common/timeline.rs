//! A small generated library whose items interleave by date across files,
//! for the timeline's tests: (file, briefing date, title, items).

use std::path::Path;

/// (title, date or "", severity or "", tag, actor)
type Item = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const FILES: [(&str, &str, &str, [Item; 2]); 3] = [
    (
        "alpha-2025-12-01.toml",
        "2025-12-01",
        "Alpha desk",
        [
            ("Alpha early", "2025-11-20", "low", "energy", "putin"),
            ("Alpha late", "2025-12-05", "critical", "talks", "kallas"),
        ],
    ),
    (
        "bravo-2025-12-03.toml",
        "2025-12-03",
        "Bravo desk",
        [
            ("Bravo middle", "", "high", "energy", "putin"),
            ("Bravo oldest", "2025-11-10", "", "talks", "kallas"),
        ],
    ),
    (
        "charlie-2025-11-25.toml",
        "2025-11-25",
        "Charlie desk",
        [
            ("Charlie newest", "2025-12-09", "medium", "energy", "putin"),
            ("Charlie undated", "", "", "talks", "kallas"),
        ],
    ),
];

/// The titles newest first: each item under its own date, else its briefing's.
pub const NEWEST_FIRST: [&str; 6] = [
    "Charlie newest",
    "Alpha late",
    "Bravo middle",
    "Charlie undated",
    "Alpha early",
    "Bravo oldest",
];

/// One briefing's text.
pub fn briefing(date: &str, title: &str, items: &[Item]) -> String {
    let mut text = format!(
        "[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"The {title} summary.\"\n\
         tags = [\"desk\"]\n\n\
         [actor.putin]\nname = \"Vladimir Putin\"\nside = \"Russia\"\n\n\
         [actor.kallas]\nname = \"Kaja Kallas\"\nside = \"Europe\"\n\n\
         [[section]]\ntitle = \"Events\"\n"
    );
    for (item, date, severity, tag, actor) in items {
        text.push_str(&format!(
            "\n[[section.item]]\ntitle = \"{item}\"\nsummary = \"What {item} says.\"\n\
             body = \"The body of {item}.\"\ntags = [\"{tag}\"]\nactors = [\"{actor}\"]\n"
        ));
        if !date.is_empty() {
            text.push_str(&format!("date = {date}\n"));
        }
        if !severity.is_empty() {
            text.push_str(&format!("severity = \"{severity}\"\n"));
        }
    }
    text
}

/// Writes the library into `dir`.
pub fn library(dir: &Path) {
    for (file, date, title, items) in &FILES {
        std::fs::write(dir.join(file), briefing(date, title, items)).expect("written");
    }
}
