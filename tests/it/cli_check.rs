//! `brief check` as a user runs it: one test per fixture, asserting the
//! location, message, help and exit code.

use std::process::Command;

const DIR: &str = "tests/fixtures/check";

struct Run {
    out: String,
    err: String,
    code: i32,
    raw: Vec<u8>,
}

fn check(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("check")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run brief");
    let mut raw = output.stdout.clone();
    raw.extend_from_slice(&output.stderr);
    Run {
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().expect("exit code"),
        raw,
    }
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Checks one fixture and asserts every expected fragment appears in stderr.
fn assert_check(name: &str, code: i32, expected: &[&str]) -> Run {
    let run = check(&[&fixture(name)]);
    for e in expected {
        assert!(run.err.contains(e), "missing {e:?} in:\n{}", run.err);
    }
    assert_eq!(run.code, code, "{}", run.err);
    run
}

#[test]
fn valid_file_passes() {
    let run = assert_check("valid.toml", 0, &["1 file checked, 0 errors, 0 warnings"]);
    assert!(!run.err.contains("error:"));
}

#[test]
fn misspelt_key() {
    assert_check(
        "misspelt_key.toml",
        1,
        &[
            "error: unknown key `summray` in `[briefing]`",
            "--> tests/fixtures/check/misspelt_key.toml:3:1",
            "3 | summray = \"Bottom line.\"",
            "  | ^^^^^^^",
            "= help: did you mean `summary`?",
        ],
    );
}

#[test]
fn unknown_actor_in_by() {
    assert_check(
        "unknown_actor.toml",
        1,
        &[
            "error: unknown actor `ptuin`",
            "unknown_actor.toml:17:6",
            "= help: did you mean `putin`?",
        ],
    );
}

#[test]
fn unknown_source() {
    assert_check(
        "unknown_source.toml",
        1,
        &[
            "error: unknown source `reuters`",
            "unknown_source.toml:14:20",
            "= help: declare it with `[source.reuters]`",
        ],
    );
}

#[test]
fn duplicate_section_id() {
    assert_check(
        "duplicate_section.toml",
        1,
        &[
            "error: duplicate section id `talks`",
            "duplicate_section.toml:13:6",
            "line 7 already uses `talks`",
        ],
    );
}

#[test]
fn duplicate_item_id_from_slug() {
    assert_check(
        "duplicate_item.toml",
        1,
        &[
            "error: duplicate item id `meeting` (from the title)",
            "duplicate_item.toml:13:9",
            "line 10 already uses `meeting`",
        ],
    );
}

#[test]
fn quoted_date() {
    assert_check(
        "bad_date.toml",
        1,
        &[
            "error: expected a TOML date such as 2025-12-02 (unquoted), found a string",
            "bad_date.toml:3:8",
            "= help: remove the quotes: 2025-12-02",
        ],
    );
}

#[test]
fn wrong_type() {
    assert_check(
        "wrong_type.toml",
        1,
        &[
            "error: wrong type for `points`: expected an array, found string \"just one\"",
            "wrong_type.toml:10:10",
        ],
    );
}

#[test]
fn missing_title() {
    assert_check(
        "missing_title.toml",
        1,
        &[
            "error: missing key `title` in `[briefing]`",
            "missing_title.toml:1:1",
        ],
    );
}

#[test]
fn unknown_severity() {
    assert_check(
        "unknown_severity.toml",
        1,
        &[
            "error: unknown severity `severe`",
            "unknown_severity.toml:11:12",
            "= help: severity is one of `low`, `medium`, `high`, `critical`",
        ],
    );
}

#[test]
fn not_utf8() {
    assert_check(
        "not_utf8.toml",
        1,
        &[
            "error: the file is not valid UTF-8 (invalid byte at offset 23)",
            "not_utf8.toml:2:13",
        ],
    );
}

#[test]
fn toml_syntax_error() {
    assert_check(
        "syntax_error.toml",
        1,
        &["error: invalid basic string", "syntax_error.toml:2:15"],
    );
}

#[test]
fn empty_file() {
    assert_check(
        "empty.toml",
        1,
        &[
            "error: the file is empty: missing the `[briefing]` table",
            // Indented as diagnostics with an excerpt are.
            "\n --> tests/fixtures/check/empty.toml\n",
            "\n  = help: a briefing starts with `[briefing]`",
        ],
    );
}

#[test]
fn directory_is_searched_recursively() {
    let run = assert_check(
        "dir",
        1,
        &[
            "dir/nested/b.toml:11:12",
            "unknown severity `severe`",
            "2 files checked, 1 error, 0 warnings",
        ],
    );
    assert!(!run.err.contains("readme"));
}

#[test]
fn directory_without_briefings() {
    assert_check(
        "empty_dir",
        1,
        &[
            "error: no *.toml files in this directory",
            "0 files checked, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn missing_path() {
    assert_check(
        "does_not_exist.toml",
        1,
        &["error: no such file or directory", "does_not_exist.toml"],
    );
}

#[test]
fn several_errors_all_reported() {
    let run = assert_check(
        "several.toml",
        1,
        &[
            "several.toml:5:1",
            "unknown key `sumary`",
            "several.toml:15:11",
            "unknown actor `putn`",
            "several.toml:16:12",
            "unknown severity `hihg`",
            "several.toml:19:8",
            "found a string",
            "several.toml:22:8",
            "wrong type for `text`",
            "several.toml:25:9",
            "duplicate section id `talks`",
            "several.toml:28:9",
            "unknown actor `zelensky`",
            "1 file checked, 7 errors, 1 warning",
            "actor `lavrov` is never referenced",
        ],
    );
    let errors = run.err.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors, 7, "{}", run.err);
    // The quote whose `text` is wrong still counts as citing `putin`.
    assert!(!run.err.contains("actor `putin` is never referenced"));
}

#[test]
fn warnings_load_but_deny_warnings_fails() {
    let expected = [
        "warning: `[briefing]` has no `summary`",
        "warning: actor `putin` is never referenced",
        "warnings.toml:5:8",
        "warning: source `tass` is never referenced",
        "warning: section `Empty` has no items",
        "warnings.toml:11:1",
        "U+001B, U+0007, U+009B, U+202E",
        "warnings.toml:18:8",
        "1 file checked, 0 errors, 5 warnings",
    ];
    assert_check("warnings.toml", 0, &expected);
    let run = check(&["--deny-warnings", &fixture("warnings.toml")]);
    assert_eq!(run.code, 1);
}

#[test]
fn hostile_strings_never_reach_the_output_raw() {
    let text = std::fs::read_to_string(fixture("warnings.toml")).unwrap();
    let loaded = brief::model::load_str("warnings.toml", &text).expect("loads with warnings");
    let body = loaded.briefing.sections[1].items[0].body.clone().unwrap();
    assert!(body.contains('\u{1b}') && body.contains('\u{202e}'));
    for args in [
        vec![fixture("warnings.toml")],
        vec!["--color=always".into(), fixture("warnings.toml")],
        vec!["--format=json".into(), fixture("warnings.toml")],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = check(&args);
        let text = String::from_utf8_lossy(&run.raw);
        let colour = args.iter().any(|a| a.contains("always"));
        assert!(colour || !run.raw.contains(&0x1b), "ESC in {text:?}");
        assert!(!run.raw.contains(&0x07), "BEL in {text:?}");
        assert!(!text.contains("]0;pwned\u{7}"), "{text:?}");
        assert!(!text.contains('\u{202e}'), "{text:?}");
        assert!(!text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
    }
}

#[test]
fn json_lines_describe_each_diagnostic() {
    let run = check(&["--format", "json", &fixture("several.toml")]);
    assert_eq!(run.code, 1);
    assert!(run.err.is_empty(), "{}", run.err);
    let lines: Vec<serde_json::Value> = run
        .out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 8);
    let first = &lines[0];
    assert_eq!(first["path"], "tests/fixtures/check/several.toml");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 1);
    assert_eq!(first["end_line"], 5);
    assert_eq!(first["end_column"], 7);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "unknown-key");
    assert_eq!(first["help"], "did you mean `summary`?");
    let warn = lines.iter().find(|l| l["severity"] == "warning").unwrap();
    assert_eq!(warn["code"], "unused-actor");
    assert!(warn["help"].is_null());
}

#[test]
fn no_colour_unless_asked() {
    let plain = check(&[&fixture("misspelt_key.toml")]);
    assert!(!plain.raw.contains(&0x1b));
    let coloured = check(&["--color", "always", &fixture("misspelt_key.toml")]);
    assert!(coloured.raw.contains(&0x1b));
}

#[test]
fn usage_error_exits_2() {
    let run = check(&["--format", "xml", &fixture("valid.toml")]);
    assert_eq!(run.code, 2);
}

#[test]
fn every_bundled_briefing_checks_clean_with_deny_warnings() {
    let run = check(&["--deny-warnings", "briefings"]);
    assert_eq!(run.code, 0, "{}", run.err);
    let files = std::fs::read_dir("briefings")
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert!(files >= 1);
    assert!(
        run.err.contains(&format!(
            "{files} file{} checked, 0 errors, 0 warnings",
            if files == 1 { "" } else { "s" }
        )),
        "{}",
        run.err
    );
}

/// The `--> path:line:col` counts characters in the file, a tab as one, as
/// `--format json` does, even where the excerpt shows a tab as four columns
/// or a character as a longer escape.
#[test]
fn columns_count_characters_past_tabs_and_escapes() {
    let run = assert_check(
        "tabs_and_escapes.toml",
        1,
        &[
            "--> tests/fixtures/check/tabs_and_escapes.toml:5:2\n",
            "--> tests/fixtures/check/tabs_and_escapes.toml:6:9\n",
            "--> tests/fixtures/check/tabs_and_escapes.toml:6:17\n",
            "--> tests/fixtures/check/tabs_and_escapes.toml:16:14\n",
            "6 | tags = [\"\\u{202e}rtl\", 5]",
        ],
    );
    let json = check(&["--format", "json", &fixture("tabs_and_escapes.toml")]);
    let places: Vec<String> = json
        .out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            format!("{}:{}", v["line"], v["column"])
        })
        .collect();
    assert_eq!(places, ["5:2", "6:9", "6:17", "16:14"]);
    // And in colour the arrow keeps its style, the place follows it.
    let styled = check(&["--color", "always", &fixture("tabs_and_escapes.toml")]);
    assert!(
        styled
            .err
            .contains("--> \u{1b}[0mtests/fixtures/check/tabs_and_escapes.toml:5:2\n"),
        "{}",
        styled.err
    );
    assert!(run.err.contains("    key_pints"));
}

/// A quote whose `text` has the wrong type still has its `by` checked: one
/// run reports both.
#[test]
fn a_quote_with_a_wrong_type_still_has_its_actor_checked() {
    assert_check(
        "quote_wrong_type.toml",
        1,
        &[
            "error: unknown actor `puttin`",
            "--> tests/fixtures/check/quote_wrong_type.toml:18:6\n",
            "help: did you mean `putin`?",
            "error: wrong type for `text`: expected a string, found integer `42`",
            "--> tests/fixtures/check/quote_wrong_type.toml:19:8\n",
            "1 file checked, 2 errors, 0 warnings",
        ],
    );
}

#[test]
fn same_as_with_an_invalid_id() {
    assert_check(
        "same_as_bad_id.toml",
        1,
        &[
            "error: `same_as` id `Vladimir Putin` is not valid",
            "--> tests/fixtures/check/same_as_bad_id.toml:8:30",
            "  |                              ^^^^^^^^^^^^^^^^",
            "= help: `same_as` lists actor ids as other briefings declare them",
            "1 file checked, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn same_as_naming_the_actor_itself() {
    assert_check(
        "same_as_self.toml",
        1,
        &[
            "error: actor `putin` is `same_as` itself",
            "--> tests/fixtures/check/same_as_self.toml:8:12",
            "= help: list the ids this actor has in other briefings, not its own",
            "1 file checked, 1 error, 0 warnings",
        ],
    );
}

#[test]
fn same_as_not_a_list() {
    assert_check(
        "same_as_wrong_type.toml",
        1,
        &[
            "error: wrong type for `same_as`: expected an array, found string \"vladimir-putin\"",
            "--> tests/fixtures/check/same_as_wrong_type.toml:8:11",
        ],
    );
}
