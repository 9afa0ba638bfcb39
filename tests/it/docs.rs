//! The README stays true to the program: its key table is the key map's.

#[test]
fn readme_key_table_is_the_key_map() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = brief::app::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README's key table differs from the key map; it should read:\n{table}"
    );
}
