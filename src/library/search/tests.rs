//! The library search: the text check never turns a hit away, hits come in
//! the order asked, a newer search stops an older one, and a query that
//! matches everything stops at the cap.

use super::*;

const UKRAINE: &str = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");

/// Escapes that read differently once parsed: a hit hides behind each.
const ESCAPED: &str = r#"[briefing]
title = "Caf\u00e9 talks"
date = 2025-12-02
summary = """
Talks on the \
frozen assets ended "late"."""

[[section]]
title = "S"

[[section.item]]
title = "A \"quoted\" word"
"#;

/// Every word of every field the index holds, as a query of its own, and
/// pairs of neighbours as phrases.
fn queries(b: &crate::model::Briefing) -> Vec<Query> {
    let index = Index::build(b);
    let mut out = Vec::new();
    for field in &index.fields {
        let words: Vec<&str> = index.folded(field).split(' ').collect();
        for pair in words.windows(2) {
            out.push(Query::parse(pair[0]));
            out.push(Query::parse(&format!("\"{} {}\"", pair[0], pair[1])));
        }
    }
    out
}

#[test]
fn the_text_check_never_turns_away_a_file_with_a_hit() {
    let generated = crate::sample::generate(2, 3);
    for text in [UKRAINE, ESCAPED, generated.as_str()] {
        let b = crate::model::load_str("t", text).expect("loads").briefing;
        let index = Index::build(&b);
        let queries = queries(&b);
        assert!(queries.len() > 5, "{}", b.title);
        for query in queries {
            if !index.search(&query).is_empty() {
                assert!(may_match(text, &query), "{query:?} in {}", &b.title);
            }
        }
    }
    // And it does turn files away, escapes or not.
    assert!(!may_match(UKRAINE, &Query::parse("zzzz")));
    assert!(!may_match(UKRAINE, &Query::parse("putin zzzz")));
    assert!(!may_match(ESCAPED, &Query::parse("tea")));
}

#[test]
fn escapes_read_as_a_basic_string_reads_them() {
    assert_eq!(
        unescape(r#"Caf\u00e9 \"x\" a\\b \U0001F600"#),
        "Café \"x\" a\\b 😀"
    );
    assert_eq!(unescape("the \\\n   frozen"), "the frozen");
    assert_eq!(
        unescape(r"left \q and \u12 alone\"),
        r"left \q and \u12 alone\"
    );
}

/// A library of `n` files in `dir`: `b{i}.toml`, each with "needle {i}" in
/// an item title, and one that does not load.
fn library(dir: &Path, n: usize) -> Vec<(usize, PathBuf)> {
    let mut jobs = Vec::new();
    for i in 0..n {
        let path = dir.join(format!("b{i}.toml"));
        let text = format!(
            "[briefing]\ntitle = \"B{i}\"\ndate = 2025-12-02\n\n[[section]]\ntitle = \"S\"\n\n\
             [[section.item]]\ntitle = \"needle {i}\"\n\n[[section.item]]\ntitle = \"hay\"\n"
        );
        std::fs::write(&path, text).unwrap();
        jobs.push((i, path));
    }
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "needle = [").unwrap();
    jobs.push((n, broken));
    jobs
}

fn request(generation: u64, query: &str, jobs: Vec<(usize, PathBuf)>) -> Request {
    Request {
        generation,
        query: Query::parse(query),
        jobs: jobs.into(),
    }
}

#[test]
fn hits_come_in_the_order_asked_with_their_rows_and_the_search_ends_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut jobs = library(dir.path(), 300);
    jobs.reverse();
    let current = AtomicU64::new(7);
    let got = std::sync::Mutex::new(Vec::new());
    assert!(run(&request(7, "needle", jobs), &current, &|p| {
        got.lock().unwrap().push(p);
        true
    }));
    let got = got.into_inner().unwrap();
    assert!(got.len() > 1, "hits come in batches");
    assert!(got.iter().all(|p| p.generation == 7));
    assert_eq!(got.iter().filter(|p| p.done).count(), 1);
    assert!(got.last().is_some_and(|p| p.done && p.searched == 301));
    let found: Vec<&Found> = got.iter().flat_map(|p| &p.found).collect();
    let entries: Vec<usize> = found.iter().map(|f| f.entry).collect();
    assert_eq!(entries, (0..300).rev().collect::<Vec<_>>());
    let first = found[0];
    assert_eq!(first.crumbs, ["2025-12-02 B299", "S", "needle 299"]);
    assert_eq!(
        (first.label.as_str(), first.text.as_str()),
        ("title", "needle 299")
    );
    assert!(matches!(first.target, Target::Item(_)));
}

#[test]
fn a_newer_search_stops_the_one_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = library(dir.path(), 2_000);
    let current = AtomicU64::new(1);
    let batches = std::sync::Mutex::new(Vec::new());
    run(&request(1, "needle", jobs), &current, &|p| {
        batches.lock().unwrap().push(p.found.len());
        // A key was typed: this search is no longer wanted.
        current.store(2, Ordering::Relaxed);
        true
    });
    let batches = batches.into_inner().unwrap();
    assert_eq!(batches.len(), 1, "nothing after the search was dropped");
}

#[test]
fn a_query_that_matches_everything_stops_at_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let text = crate::sample::generate(4, 40);
    let jobs: Vec<(usize, PathBuf)> = (0..40)
        .map(|i| {
            let path = dir.path().join(format!("g{i}.toml"));
            std::fs::write(&path, &text).unwrap();
            (i, path)
        })
        .collect();
    let current = AtomicU64::new(0);
    let total = std::sync::Mutex::new((0, false));
    run(&request(0, "e", jobs), &current, &|p| {
        let mut t = total.lock().unwrap();
        t.0 += p.found.len();
        t.1 |= p.done;
        true
    });
    assert_eq!(total.into_inner().unwrap(), (MAX_HITS, true));
}

#[test]
fn the_searcher_thread_answers_only_the_newest_request() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = library(dir.path(), 50);
    let current = Arc::new(AtomicU64::new(0));
    let (tx, rx) = mpsc::channel();
    let searcher = Searcher::spawn(current.clone(), move |p| tx.send(p).is_ok());
    current.store(3, Ordering::Relaxed);
    assert!(searcher.ask(request(3, "\"needle 7\"", jobs)));
    let mut found = Vec::new();
    while let Ok(p) = rx.recv_timeout(Duration::from_secs(20)) {
        found.extend(p.found.into_iter().map(|f| f.entry));
        if p.done {
            break;
        }
    }
    assert_eq!(found, [7]);
}
