//! One comparison serves `brief diff` and the reader's "updated" marks: over
//! every fixture pair, `diff` reports an item changed exactly when its
//! content hash changed.

use brief::model::compare::content_hash;
use brief::model::{Briefing, Item, load_path};
use brief::tools::diff::{Kind, Target, compare};

const CASES: &[&str] = &[
    "identical",
    "item_added",
    "item_removed",
    "item_moved",
    "item_moved_section",
    "item_changed",
    "quote_added",
    "quotes_reordered",
    "stance_changed",
    "section_added",
    "section_removed",
    "section_renamed",
    "section_moved",
    "actor_changed",
    "header_changed",
    "hostile",
    "several",
];

fn load(name: &str) -> Briefing {
    let path = format!("tests/fixtures/diff/{name}.toml");
    match load_path(path.as_ref()) {
        Ok(loaded) => loaded.briefing,
        Err(report) => panic!("{path} does not load:\n{}", report.render(false)),
    }
}

/// The old item `diff` matches with a new one: the same id in the same
/// section, else the only item with that id.
fn counterpart<'a>(old: &'a Briefing, section: &str, id: &str) -> Option<&'a Item> {
    let same = (old.sections.iter().find(|s| s.id == section))
        .and_then(|s| s.items.iter().find(|i| i.id == id));
    same.or_else(|| {
        let all: Vec<&Item> = old.items().map(|(_, i)| i).filter(|i| i.id == id).collect();
        (all.len() == 1).then(|| all[0])
    })
}

/// Items whose hash changed, and items `diff` reports changed, for one pair.
fn changed_items(case: &str) -> (Vec<String>, Vec<String>) {
    let (old, new) = (load("base"), load(case));
    let changes = compare(&old, &new);
    let by_diff: Vec<String> = (changes.iter())
        .filter(|c| c.kind == Kind::Changed && c.target == Target::Item)
        .map(|c| c.path.clone())
        .collect();
    let mut by_hash = Vec::new();
    for s in &new.sections {
        for it in &s.items {
            let Some(was) = counterpart(&old, &s.id, &it.id) else {
                continue;
            };
            if content_hash(&old, was) != content_hash(&new, it) {
                by_hash.push(format!("{}/{}", s.id, it.id));
            }
        }
    }
    (by_hash, by_diff)
}

#[test]
fn diff_reports_an_item_changed_iff_its_content_hash_changed() {
    for case in CASES {
        let (by_hash, by_diff) = changed_items(case);
        assert_eq!(by_hash, by_diff, "{case}: hash vs diff");
    }
}

#[test]
fn the_agreement_is_not_vacuous() {
    let expect = [
        ("item_changed", vec!["talks/meeting"]),
        ("quote_added", vec!["talks/meeting"]),
        ("stance_changed", vec!["positions/russia"]),
        ("hostile", vec!["talks/envoys"]),
        ("several", vec!["talks/meeting", "positions/russia"]),
        // Order of quotes, moves and actor details change neither.
        ("quotes_reordered", vec![]),
        ("item_moved", vec![]),
        ("item_moved_section", vec![]),
        ("actor_changed", vec![]),
    ];
    for (case, items) in expect {
        let (by_hash, _) = changed_items(case);
        assert_eq!(by_hash, items, "{case}");
    }
}

/// Read state stores these hashes: a new version of the code must give the
/// same value for the same item, or every read item would show as updated.
#[test]
fn content_hashes_are_the_ones_stored_by_earlier_versions() {
    let text = std::fs::read_to_string("briefings/ukraine-talks-2025-12-02.toml").expect("reads");
    let b = brief::model::load_str("u", &text).expect("loads").briefing;
    let hashes: Vec<u64> = (b.sections.iter())
        .flat_map(|s| s.items.iter().map(|it| content_hash(&b, it)))
        .collect();
    assert_eq!(hashes.len(), 17);
    // Values the hashing gave before it stopped building a string per field.
    assert_eq!(hashes[0], 0x58c8_f72d_629d_3bd7);
    let all = hashes.iter().fold(0u64, |acc, h| acc.rotate_left(5) ^ h);
    assert_eq!(all, 0x2749_33a8_1666_d0e1);
}
