//! Synthetic briefings of any size, for load tests and benches: deterministic,
//! valid, and shaped like real ones (multi-paragraph bodies, bullets, quotes
//! with context, stances in positions sections, severities in pressure ones).
//!
//! (Named `sample` because `gen` is a reserved word in Rust 2024.)

use std::fmt::Write as _;

pub mod hostile;

/// (id, name, role, side) of the actors every generated briefing declares.
const ACTORS: [(&str, &str, &str, &str); 12] = [
    ("putin", "Vladimir Putin", "President of Russia", "Russia"),
    (
        "ushakov",
        "Yuri Ushakov",
        "Kremlin foreign-policy aide",
        "Russia",
    ),
    (
        "lavrov",
        "Sergei Lavrov",
        "Russian foreign minister",
        "Russia",
    ),
    (
        "zelensky",
        "Volodymyr Zelensky",
        "President of Ukraine",
        "Ukraine",
    ),
    (
        "yermak",
        "Andriy Yermak",
        "Head of the presidential office",
        "Ukraine",
    ),
    (
        "sybiha",
        "Andrii Sybiha",
        "Ukrainian foreign minister",
        "Ukraine",
    ),
    (
        "trump",
        "Donald Trump",
        "President of the United States",
        "United States",
    ),
    (
        "witkoff",
        "Steve Witkoff",
        "US special envoy",
        "United States",
    ),
    (
        "kushner",
        "Jared Kushner",
        "Informal US negotiator",
        "United States",
    ),
    ("macron", "Emmanuel Macron", "President of France", "Europe"),
    ("merz", "Friedrich Merz", "Chancellor of Germany", "Europe"),
    (
        "starmer",
        "Keir Starmer",
        "Prime Minister of the United Kingdom",
        "Europe",
    ),
];

const SOURCES: [(&str, &str, &str); 3] = [
    ("wire", "Agency wire report", "https://example.org/wire"),
    (
        "bloomberg",
        "Bloomberg report",
        "https://example.org/bloomberg",
    ),
    (
        "briefing-call",
        "Background briefing call",
        "https://example.org/call",
    ),
];

const KINDS: [&str; 4] = ["talks", "positions", "pressure", "concerns"];
const ISSUES: [&str; 5] = [
    "territory",
    "monitoring_force",
    "frozen_assets",
    "security_guarantees",
    "end_of_war",
];
const SEVERITIES: [&str; 4] = ["low", "medium", "high", "critical"];

const WORDS: [&str; 48] = [
    "the",
    "talks",
    "delegation",
    "Kremlin",
    "proposal",
    "ceasefire",
    "territory",
    "envoy",
    "guarantees",
    "negotiators",
    "sanctions",
    "frozen",
    "assets",
    "front",
    "line",
    "monitoring",
    "force",
    "Europe",
    "Washington",
    "Kyiv",
    "Moscow",
    "officials",
    "plan",
    "revised",
    "points",
    "agreement",
    "meeting",
    "hours",
    "statement",
    "aide",
    "compromise",
    "position",
    "pressure",
    "energy",
    "grid",
    "strikes",
    "drones",
    "winter",
    "allies",
    "summit",
    "draft",
    "terms",
    "security",
    "pause",
    "war",
    "peace",
    "reported",
    "according",
];

/// A tiny deterministic generator (LCG), so every run makes the same file.
struct Words(u64);

impl Words {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[self.next(WORDS.len())];
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|f| f.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        let mut out = Vec::with_capacity(sentences);
        for _ in 0..sentences {
            let len = 8 + self.next(10);
            out.push(self.sentence(len));
        }
        out.join(" ")
    }
}

/// A valid briefing with `sections` sections of `items_per_section` items
/// each, about 1.2 KB per item (40 x 250 is about 12 MB).
pub fn generate(sections: usize, items_per_section: usize) -> String {
    let mut out = String::with_capacity(1024 + sections * items_per_section * 1300);
    let mut words = Words(0x5eed);
    out.push_str("[briefing]\ntitle = \"Generated briefing\"\ndate = 2025-12-02\n");
    let _ = writeln!(out, "summary = \"\"\"\n{}\n\"\"\"", words.paragraph(4));
    out.push_str(
        "key_points = [\"First takeaway.\", \"Second takeaway.\", \"Third takeaway.\"]\n\n",
    );
    for (id, name, role, side) in ACTORS {
        let _ = writeln!(
            out,
            "[actor.{id}]\nname = \"{name}\"\nrole = \"{role}\"\nside = \"{side}\"\naliases = [\"{name} (alias)\"]\n"
        );
    }
    for (id, title, url) in SOURCES {
        let _ = writeln!(
            out,
            "[source.{id}]\ntitle = \"{title}\"\npublisher = \"Example\"\nurl = \"{url}\"\n"
        );
    }
    for s in 0..sections {
        let kind = KINDS[s % KINDS.len()];
        let _ = writeln!(
            out,
            "[[section]]\nkind = \"{kind}\"\ntitle = \"Section {s}\"\nsummary = \"{}\"\n",
            words.sentence(14)
        );
        for i in 0..items_per_section {
            item(&mut out, &mut words, kind, s, i);
        }
    }
    out
}

fn item(out: &mut String, words: &mut Words, kind: &str, s: usize, i: usize) {
    let actor = ACTORS[(s * 7 + i) % ACTORS.len()].0;
    let other = ACTORS[(s * 7 + i + 5) % ACTORS.len()].0;
    let source = SOURCES[i % SOURCES.len()].0;
    let _ = writeln!(
        out,
        "[[section.item]]\ntitle = \"Item {s}.{i}: {}\"",
        words.sentence(6).trim_end_matches('.')
    );
    let _ = writeln!(
        out,
        "summary = \"{}\"\ndate = 2025-12-{:02}",
        words.sentence(16),
        1 + i % 28
    );
    let _ = writeln!(
        out,
        "actors = [\"{actor}\", \"{other}\"]\nsources = [\"{source}\"]\ntags = [\"tag{}\", \"batch{}\"]",
        i % 9,
        s % 5
    );
    if kind == "pressure" {
        let _ = writeln!(out, "severity = \"{}\"", SEVERITIES[i % SEVERITIES.len()]);
    }
    let (p1, p2) = (words.paragraph(2), words.paragraph(2));
    let _ = writeln!(
        out,
        "body = \"\"\"\n{p1}\n\n{p2}\n\n- {}\n- {}\n\"\"\"",
        words.sentence(9),
        words.sentence(7)
    );
    let _ = writeln!(
        out,
        "points = [\"{}\", \"{}\"]",
        words.sentence(8),
        words.sentence(6)
    );
    if kind == "positions" {
        let _ = writeln!(out, "party = \"{actor}\"\n[section.item.stances]");
        for issue in &ISSUES[..3 + i % 3] {
            let _ = writeln!(out, "{issue} = \"{}\"", words.sentence(10));
        }
    }
    for q in 0..1 + i % 3 {
        let by = if q == 0 { actor } else { other };
        let _ = writeln!(
            out,
            "[[section.item.quote]]\nby = \"{by}\"\ntext = \"{}\"\ncontext = \"Speaking to reporters\"\nsource = \"{source}\"",
            words.sentence(12)
        );
    }
    out.push('\n');
}

/// The file name and text of briefing `n` of a generated library: `template`
/// (a [`generate`]d briefing) dated `n` days into 2000 (28-day months), in
/// `b{n:05}.toml`. The benches' libraries (10 to 10,000 briefings).
pub fn library_file(template: &str, n: usize) -> (String, String) {
    let date = format!(
        "{:04}-{:02}-{:02}",
        2000 + n / 336,
        1 + n / 28 % 12,
        1 + n % 28
    );
    (
        format!("b{n:05}.toml"),
        template.replacen("2025-12-02", &date, 1),
    )
}

/// Writes a generated library of `n` briefings of about 20 KB each
/// (`generate(2, 6)`, see [`library_file`]) into `dir`.
pub fn write_library(dir: &std::path::Path, n: usize) -> std::io::Result<()> {
    let template = generate(2, 6);
    for i in 0..n {
        let (name, text) = library_file(&template, i);
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
