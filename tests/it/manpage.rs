//! The man page stays true to the program: its ENVIRONMENT section lists
//! exactly the variables the source reads, and it has the sections people
//! look for. (That docs/brief.1 is `brief manpage`'s output is in `shell`.)

use brief::tools::manpage::ENVIRONMENT;
use std::collections::BTreeSet;
use std::path::Path;

/// Read for brief by a dependency: etcetera's XDG base directories
/// (`src/config.rs` and `src/state.rs` call `etcetera::choose_base_strategy`).
const READ_BY_DEPENDENCIES: &[&str] = &["XDG_CONFIG_HOME", "XDG_STATE_HOME"];

/// Upper-case string literals in the source that are not environment
/// variables: clap value names, and the badges the theme draws.
const NOT_ENVIRONMENT: &[&str] = &[
    "FILE",
    "DIR",
    "TIME",
    "TAG",
    "LEVEL",
    "ID",
    "CRIT",
    "HIGH",
    "MED",
    "LOW",
    "TALKS",
    "POSITIONS",
    "PRESSURE",
    "CONCERNS",
    "CONTEXT",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests: unit tests sit in `tests.rs` files,
/// `tests/` directories, or after `#[cfg(test)]` at the end of a file.
fn code_without_tests(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source file");
    let test_file = path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests");
    // The list itself is not a read.
    if test_file || path.ends_with("tools/manpage.rs") {
        return String::new();
    }
    text.split("#[cfg(test)]").next().unwrap_or("").to_string()
}

/// Every string literal of two or more upper-case letters, digits and
/// underscores outside comments and `env!(...)` (which reads the build's
/// environment, not the user's): the names an environment variable can have.
fn upper_case_literals(code: &str, into: &mut BTreeSet<String>) {
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let line = match line.find("env!(") {
            Some(at) => &line[..at],
            None => line,
        };
        let line = line.replace("\\\"", "");
        for (i, quoted) in line.split('"').enumerate() {
            let name_like = quoted.len() >= 2
                && quoted.starts_with(|c: char| c.is_ascii_uppercase())
                && quoted
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if i % 2 == 1 && name_like {
                into.insert(quoted.to_string());
            }
        }
    }
}

#[test]
fn the_environment_section_lists_exactly_the_variables_the_source_reads() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut found = BTreeSet::new();
    for file in &files {
        upper_case_literals(&code_without_tests(file), &mut found);
    }
    for word in NOT_ENVIRONMENT {
        found.remove(*word);
    }
    found.extend(READ_BY_DEPENDENCIES.iter().map(|s| s.to_string()));
    let documented: BTreeSet<String> = ENVIRONMENT.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        documented, found,
        "ENVIRONMENT in src/tools/manpage.rs (left) differs from the variables \
         the source reads (right): document a new variable there, or add a \
         word that is not one to NOT_ENVIRONMENT in this test"
    );
}

#[test]
fn the_man_page_has_keys_files_environment_exit_status_and_examples() {
    let page = std::fs::read_to_string("docs/brief.1").expect("docs/brief.1");
    for section in ["KEYS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"] {
        assert!(
            page.contains(&format!(".SH \"{section}\"")),
            "docs/brief.1 has no {section} section"
        );
    }
    for (name, _) in ENVIRONMENT {
        let entry = format!(".TP\n\\fB{}\\fR\n", brief::tools::manpage::escape(name));
        assert!(page.contains(&entry), "{name} is not in ENVIRONMENT");
    }
    for binding in brief::app::keymap::BINDINGS {
        let what = brief::tools::manpage::escape(binding.action.description());
        assert!(page.contains(&what), "KEYS lacks {what}");
    }
}
