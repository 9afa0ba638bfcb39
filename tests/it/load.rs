//! The loader as the reader uses it: valid forms, defaults, file guards and size.

use brief::model::{SectionKind, Severity, load_bytes, load_path, load_str};

const MINIMAL: &str = r#"
[briefing]
title = "Minimal"
date = 2025-12-02
summary = "s"

[[section]]
title = "Only section"

[[section.item]]
title = "Only item"
"#;

#[test]
fn minimal_briefing_loads_with_defaults() {
    let loaded = load_str("min", MINIMAL).expect("loads");
    assert!(loaded.report.diagnostics.is_empty());
    let b = loaded.briefing;
    assert_eq!(b.title, "Minimal");
    assert_eq!((b.date.year, b.date.month, b.date.day), (2025, 12, 2));
    assert_eq!(b.date.text, "2025-12-02");
    let s = &b.sections[0];
    assert_eq!(s.id, "only-section");
    assert_eq!(s.kind, SectionKind::Context);
    assert_eq!(s.items[0].id, "only-item");
    assert!(b.actors.is_empty() && b.sources.is_empty());
}

#[test]
fn inline_quotes_stances_and_references_resolve() {
    let text = r#"
[briefing]
title = "T"
date = 2025-12-02T09:30:00+03:00
summary = "s"
[actor.zelensky]
name = "Volodymyr Zelensky"
[actor.putin]
name = "Vladimir Putin"
[source.tass]
title = "TASS"
[[section]]
title = "Positions"
kind = "positions"
id = "pos"
item = [{ title = "Russia", party = "putin", severity = "critical", sources = ["tass"], stances = { territory = "All of Donbas", security_guarantees = "None", amnesty = "Full" }, quote = [{ by = "putin", text = "No.", source = "tass" }, { by = "zelensky", text = "Never." }] }]
"#;
    let b = load_str("t", text).expect("loads").briefing;
    assert_eq!(b.date.text, "2025-12-02T09:30:00+03:00");
    let s = &b.sections[0];
    assert_eq!((s.id.as_str(), &s.kind), ("pos", &SectionKind::Positions));
    let item = &s.items[0];
    assert_eq!(item.party, Some(1));
    assert_eq!(item.severity, Some(Severity::Critical));
    assert_eq!(item.sources, vec![0]);
    let issues: Vec<&str> = item.stances.iter().map(|s| s.issue.as_str()).collect();
    assert_eq!(issues, ["territory", "security_guarantees", "amnesty"]);
    assert_eq!(item.stances[1].label(), "Security guarantees");
    assert_eq!(item.quotes.len(), 2);
    assert_eq!((item.quotes[0].by, item.quotes[0].source), (1, Some(0)));
    assert_eq!(item.quotes[1].by, 0);
    assert_eq!(b.quotes_by(0).len(), 1);
}

#[test]
fn custom_kinds_are_kept() {
    let text = MINIMAL.replace(
        "title = \"Only section\"",
        "title = \"X\"\nkind = \"timeline\"",
    );
    let b = load_str("t", &text).unwrap().briefing;
    assert_eq!(b.sections[0].kind, SectionKind::Custom("timeline".into()));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("a = {}{}", "[".repeat(20_000), "]".repeat(20_000));
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || load_str("deep", &text).map(|_| ()).unwrap_err())
        .unwrap();
    let report = handle.join().expect("no stack overflow");
    assert_eq!(report.diagnostics[0].code, "toml-syntax");
    assert!(
        report.headline().contains("recursion"),
        "{}",
        report.headline()
    );
}

#[test]
fn headline_names_line_and_column() {
    let text = MINIMAL.replace("summary", "summray");
    let report = load_str("t", &text).unwrap_err();
    assert_eq!(
        report.headline(),
        "5:1 unknown key `summray` in `[briefing]`"
    );
}

#[test]
fn directories_and_fifos_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let report = load_path(dir.path()).unwrap_err();
    assert_eq!(report.diagnostics[0].code, "not-a-file");
    assert!(
        report.diagnostics[0]
            .help
            .as_ref()
            .unwrap()
            .contains("brief check DIR")
    );
    #[cfg(unix)]
    {
        let fifo = dir.path().join("pipe.toml");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if status.is_ok_and(|s| s.success()) {
            let report = load_path(&fifo).unwrap_err();
            assert_eq!(report.diagnostics[0].code, "not-a-file");
            // The message reads on its own after `error: `.
            assert_eq!(
                report.diagnostics[0].message,
                "not a regular file (a FIFO, socket or device?)"
            );
        }
    }
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(brief::model::load::MAX_BYTES + 1).unwrap();
    let report = load_path(&path).unwrap_err();
    assert_eq!(report.diagnostics[0].code, "too-large");
    assert!(report.diagnostics[0].message.contains("64 MiB"));
}

#[test]
fn not_utf8_points_at_the_byte() {
    let report = load_bytes("b", b"[briefing]\ntitle = \"\xff\"\n").unwrap_err();
    let d = &report.diagnostics[0];
    assert_eq!(d.code, "not-utf8");
    assert!(d.message.contains("offset 20"));
    assert_eq!(report.line_col(d.span.clone().unwrap().start), (2, 10));
}

#[test]
fn ten_megabyte_briefing_loads() {
    let text = brief::sample::generate(40, 210);
    assert!(text.len() > 9_000_000, "{}", text.len());
    let loaded = load_str("big", &text).expect("loads");
    assert_eq!(loaded.briefing.item_count(), 40 * 210);
    assert!(loaded.report.diagnostics.is_empty());
}

#[test]
fn the_fast_path_and_the_walker_build_the_same_briefing() {
    use brief::model::diagnostic::Diags;
    use brief::model::{fast, scan, walk};
    for text in [
        std::fs::read_to_string("briefings/ukraine-talks-2025-12-02.toml").unwrap(),
        brief::sample::generate(3, 7),
        // Several groups of pieces, some starting at an item.
        brief::sample::generate(2, 150),
    ] {
        let plan = scan::plan(&text).expect("within the limits");
        let mut fast_diags = Diags::new();
        let quick =
            fast::load(&text, &plan, &mut fast_diags).expect("a clean file takes the fast path");
        let mut slow_diags = Diags::new();
        let slow = walk::load(&text, &plan, &mut slow_diags);
        assert_eq!(quick.expect("valid"), slow.expect("valid"));
        assert_eq!(fast_diags, slow_diags);
    }
    // Files with escapes that may hide control characters take the walker.
    let text = "[briefing]\ntitle = \"a\\u001b\"\n";
    let plan = scan::plan(text).unwrap();
    assert!(fast::load(text, &plan, &mut Diags::new()).is_none());
}
