//! `brief diff` as a user runs it: each fixture under tests/fixtures/diff is
//! compared with base.toml, asserting the exact text, the JSON changes and
//! the exit code; then broken and missing files, colour, and the agreement
//! between `diff` and the reader's "updated" hash.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{Value, json};

const DIR: &str = "tests/fixtures/diff";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}.toml")
}

struct Run {
    out: String,
    err: String,
    code: i32,
}

fn brief_diff(args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("brief")
        .arg("diff")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("brief runs");
    Run {
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().expect("exit code"),
    }
}

/// base.toml -> NAME.toml: the exact text, the JSON `changes`, the exit code.
fn assert_pair(name: &str, text: &str, changes: Value) {
    let (old, new) = (fixture("base"), fixture(name));
    let run = brief_diff(&[&old, &new]);
    assert_eq!(run.out, text, "text of {name}; stderr:\n{}", run.err);
    let code = if text.is_empty() { 0 } else { 1 };
    assert_eq!(run.code, code, "exit code of {name}");
    assert_eq!(run.err, "", "stderr of {name}");

    let run = brief_diff(&["--format", "json", &old, &new]);
    assert_eq!(run.code, code, "exit code of {name} (json)");
    let doc: Value = serde_json::from_str(&run.out).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["old"], old.as_str());
    assert_eq!(doc["new"], new.as_str());
    assert_eq!(doc["equal"], code == 0);
    assert_eq!(doc["changes"], changes, "JSON of {name}:\n{}", run.out);
}

#[test]
fn identical_files_are_equal() {
    assert_pair("base", "", json!([]));
    assert_pair("identical", "", json!([]));
}

#[test]
fn item_added() {
    assert_pair(
        "item_added",
        "item talks/sanctions added: Sanctions stay in place\n",
        json!([{"kind": "added", "target": "item", "path": "talks/sanctions",
                "title": "Sanctions stay in place"}]),
    );
}

#[test]
fn item_removed() {
    assert_pair(
        "item_removed",
        "item talks/next-round removed: Next round not yet scheduled\n",
        json!([{"kind": "removed", "target": "item", "path": "talks/next-round",
                "title": "Next round not yet scheduled"}]),
    );
}

#[test]
fn item_moved_within_its_section() {
    assert_pair(
        "item_moved",
        "item talks/envoys moved from talks #3 to talks #2\n",
        json!([{"kind": "moved", "target": "item", "path": "talks/envoys",
                "title": "Envoys fly home",
                "from": {"section": "talks", "position": 3},
                "to": {"section": "talks", "position": 2}}]),
    );
}

#[test]
fn item_moved_to_another_section() {
    assert_pair(
        "item_moved_section",
        "item concerns/next-round moved from talks #2 to concerns #2\n",
        json!([{"kind": "moved", "target": "item", "path": "concerns/next-round",
                "title": "Next round not yet scheduled",
                "from": {"section": "talks", "position": 2},
                "to": {"section": "concerns", "position": 2}}]),
    );
}

#[test]
fn item_fields_changed_with_a_word_diff() {
    assert_pair(
        "item_changed",
        "item talks/meeting changed\n  \
         summary: The delegations met for {+almost+} five [-hours.-]{+hours on Tuesday.+}\n  \
         severity: [-high-]{+critical+}\n",
        json!([{"kind": "changed", "target": "item", "path": "talks/meeting", "fields": [
            {"field": "summary", "old": "The delegations met for five hours.",
             "new": "The delegations met for almost five hours on Tuesday."},
            {"field": "severity", "old": "high", "new": "critical"}]}]),
    );
}

#[test]
fn quote_added() {
    let quote = "ushakov: \"Work will continue.\" (After the meeting)";
    assert_pair(
        "quote_added",
        &format!("item talks/meeting changed\n  quotes: {{+{quote}+}}\n"),
        json!([{"kind": "changed", "target": "item", "path": "talks/meeting", "fields": [
            {"field": "quotes", "old": null, "new": quote}]}]),
    );
}

#[test]
fn reordered_quotes_are_no_change() {
    assert_pair("quotes_reordered", "", json!([]));
}

#[test]
fn stance_changed_and_added_reordering_ignored() {
    assert_pair(
        "stance_changed",
        "item positions/russia changed\n  \
         stances.energy: {+Wants sanctions lifted+}\n  \
         stances.territory: Demands all of Donbas {+and Zaporizhzhia+}\n",
        json!([{"kind": "changed", "target": "item", "path": "positions/russia", "fields": [
            {"field": "stances.energy", "old": null, "new": "Wants sanctions lifted"},
            {"field": "stances.territory", "old": "Demands all of Donbas",
             "new": "Demands all of Donbas and Zaporizhzhia"}]}]),
    );
}

#[test]
fn section_added() {
    assert_pair(
        "section_added",
        "section pressure added: Pressure\n",
        json!([{"kind": "added", "target": "section", "path": "pressure", "title": "Pressure"}]),
    );
}

#[test]
fn section_removed() {
    assert_pair(
        "section_removed",
        "section concerns removed: Concerns\n",
        json!([{"kind": "removed", "target": "section", "path": "concerns", "title": "Concerns"}]),
    );
}

#[test]
fn section_renamed() {
    assert_pair(
        "section_renamed",
        "section positions changed\n  title: [-Positions-]{+Where the parties stand+}\n",
        json!([{"kind": "changed", "target": "section", "path": "positions", "fields": [
            {"field": "title", "old": "Positions", "new": "Where the parties stand"}]}]),
    );
}

#[test]
fn section_moved() {
    assert_pair(
        "section_moved",
        "section concerns moved from #3 to #2\n",
        json!([{"kind": "moved", "target": "section", "path": "concerns", "title": "Concerns",
                "from": {"section": "concerns", "position": 3},
                "to": {"section": "concerns", "position": 2}}]),
    );
}

#[test]
fn actor_changed_and_added() {
    assert_pair(
        "actor_changed",
        "actor ushakov changed\n  role: {+Top+} Kremlin foreign-policy aide\n\
         actor kushner added: Jared Kushner\n",
        json!([
            {"kind": "changed", "target": "actor", "path": "ushakov", "fields": [
                {"field": "role", "old": "Kremlin foreign-policy aide",
                 "new": "Top Kremlin foreign-policy aide"}]},
            {"kind": "added", "target": "actor", "path": "kushner", "title": "Jared Kushner"}]),
    );
}

#[test]
fn header_changed() {
    assert_pair(
        "header_changed",
        "header changed\n  \
         title: US-Russia talks on Ukraine end without a [-breakthrough-]{+deal+}\n  \
         key_points[3]: {+Europe not at the table+}\n  \
         author: {+Desk+}\n",
        json!([{"kind": "changed", "target": "header", "path": "", "fields": [
            {"field": "title", "old": "US-Russia talks on Ukraine end without a breakthrough",
             "new": "US-Russia talks on Ukraine end without a deal"},
            {"field": "key_points", "old": ["No compromise on territory", "Work will continue"],
             "new": ["No compromise on territory", "Work will continue", "Europe not at the table"]},
            {"field": "author", "old": null, "new": "Desk"}]}]),
    );
}

#[test]
fn swapping_the_files_reverses_the_change() {
    let run = brief_diff(&[&fixture("item_added"), &fixture("base")]);
    assert_eq!(
        run.out,
        "item talks/sanctions removed: Sanctions stay in place\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn broken_file_prints_check_diagnostics_and_exits_2() {
    let run = brief_diff(&[&fixture("base"), &fixture("broken")]);
    assert_eq!(run.code, 2);
    assert_eq!(run.out, "");
    for expected in [
        "error: unknown key `summray` in `[briefing]`",
        "--> tests/fixtures/diff/broken.toml:4:1",
        "= help: did you mean `summary`?",
    ] {
        assert!(
            run.err.contains(expected),
            "missing {expected:?} in:\n{}",
            run.err
        );
    }
    // The same renderer as `brief check`.
    let check = cargo_bin_cmd!("brief")
        .args(["check", &fixture("broken")])
        .output()
        .expect("brief check runs");
    let check = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.starts_with(&run.err),
        "check:\n{check}\ndiff:\n{}",
        run.err
    );
}

#[test]
fn missing_file_exits_2() {
    let run = brief_diff(&[&fixture("base"), &fixture("no_such_file")]);
    assert_eq!(run.code, 2);
    assert_eq!(run.out, "");
    assert!(run.err.contains("no_such_file.toml"), "{}", run.err);
    assert!(run.err.contains("cannot read the file"), "{}", run.err);
    let run = brief_diff(&[
        "--format",
        "json",
        &fixture("no_such_file"),
        &fixture("base"),
    ]);
    assert_eq!((run.code, run.out.as_str()), (2, ""));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (old, new) = (fixture("base"), fixture("section_renamed"));
    let plain = brief_diff(&[&old, &new]);
    assert!(
        !plain.out.contains('\u{1b}'),
        "colour in a pipe: {:?}",
        plain.out
    );
    let always = brief_diff(&["--color", "always", &old, &new]);
    assert!(
        always.out.contains(
            "\u{1b}[31m[-Positions-]\u{1b}[0m\u{1b}[32m{+Where the parties stand+}\u{1b}[0m"
        ),
        "{:?}",
        always.out
    );
    let never = brief_diff(&["--color", "never", &old, &new]);
    assert_eq!(never.out, plain.out);
}

#[test]
fn briefing_text_is_sanitised() {
    let run = brief_diff(&[&fixture("base"), &fixture("hostile")]);
    assert_eq!(run.code, 1);
    assert!(!run.out.contains('\u{1b}'), "raw escape: {:?}", run.out);
    assert!(
        !run.out.contains('\u{202e}'),
        "raw bidi override: {:?}",
        run.out
    );
    assert!(
        run.out
            .starts_with("item talks/envoys changed\n  title: Envoys "),
        "{}",
        run.out
    );
}

#[test]
fn documented_example_is_the_real_output() {
    let run = brief_diff(&[&fixture("base"), &fixture("several")]);
    assert_eq!(run.code, 1);
    let example = format!("$ brief diff monday.toml tuesday.toml\n{}```", run.out);
    // The README links to docs/diff.md for the example.
    let text = std::fs::read_to_string("docs/diff.md").expect("docs/diff.md");
    assert!(
        text.contains(&example.replace("```", "$ echo")),
        "docs/diff.md should show:\n{example}"
    );
}
