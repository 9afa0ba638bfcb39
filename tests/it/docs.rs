//! The docs stay true to the program: docs/keys.md's key table is the key map's.

#[test]
fn the_key_table_is_the_key_map() {
    let readme = std::fs::read_to_string("docs/keys.md").expect("docs/keys.md");
    let table = brief::app::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "docs/keys.md's key table differs from the key map; it should read:\n{table}"
    );
}
