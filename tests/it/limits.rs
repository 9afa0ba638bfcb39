//! Checking and reporting stay linear, and memory in proportion to the file,
//! whatever the shape of a hostile one (issue 15, items 6-8). The inputs come
//! from `brief::sample::hostile`. Time bounds are generous: only the old
//! quadratic code breaks them (it took minutes on these in a debug build).

use crate::common::pty::Pty;
use crate::common::render::{draw, text};
use brief::app::{Action, App, Entry};
use brief::model::{MAX_PER_CODE, Report, load_str};
use brief::sample::{generate, hostile};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn within(what: &str, limit: Duration, f: impl FnOnce()) {
    let started = Instant::now();
    f();
    let took = started.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < limit, "{what} took {took:?}");
}

fn broken(text: &str) -> Report {
    load_str("hostile.toml", text).expect_err("has errors")
}

#[test]
fn did_you_mean_over_thousands_of_ids_is_linear() {
    let text = hostile::unknown_refs(8_000);
    let mut report = Report::default();
    within(
        "8,000 ids and 8,000 unknown references",
        Duration::from_secs(10),
        || {
            report = broken(&text);
        },
    );
    assert_eq!(report.errors(), 8_000);
    let unknown: Vec<_> = (report.diagnostics.iter())
        .filter(|d| d.code == "unknown-actor")
        .collect();
    assert_eq!(unknown.len(), MAX_PER_CODE);
    // Each kept one still names the id one edit away.
    for d in unknown {
        let id = d.message.split('`').nth(1).expect("the id");
        let meant = id.replace("actr", "actor");
        assert_eq!(
            d.help.as_deref(),
            Some(&*format!("did you mean `{meant}`?"))
        );
    }
}

#[test]
fn diagnostics_on_one_long_line_are_capped_and_render_in_bounded_time() {
    let text = hostile::refs_on_one_line(40_000);
    let (mut report, mut human, mut json) = (Report::default(), String::new(), String::new());
    within(
        "40,000 references on one line",
        Duration::from_secs(10),
        || {
            report = broken(&text);
            human = report.render(false);
            json = report.to_json_lines();
        },
    );
    assert_eq!(report.errors(), 40_000);
    assert!(
        human.contains("and 39,900 more `unknown-actor` errors like this"),
        "{human}"
    );
    let widest = human.lines().map(str::len).max().unwrap_or(0);
    assert!(widest < 400, "a line of {widest} bytes");
    assert!(human.len() < 200_000, "{} bytes", human.len());
    let last = json.lines().last().expect("lines");
    assert!(last.contains("\"omitted\":39900"), "{last}");
}

#[test]
fn twenty_thousand_duplicate_ids_are_linear() {
    let text = hostile::duplicate_section_ids(20_000);
    let mut report = Report::default();
    within(
        "20,000 duplicate section ids",
        Duration::from_secs(10),
        || {
            report = broken(&text);
            assert!(report.render(false).contains("more `duplicate-id` errors"));
        },
    );
    assert_eq!(report.errors(), 19_999);
    let first = (report.diagnostics.iter())
        .find(|d| d.code == "duplicate-id")
        .expect("a duplicate");
    assert!(
        first
            .help
            .as_deref()
            .unwrap()
            .contains("line 8 already uses"),
        "{first:?}"
    );
}

#[test]
fn the_errors_overlay_and_preview_draw_a_huge_report_in_bounded_time() {
    let report = broken(&hostile::refs_on_one_line(40_000));
    let mut app = App::new(vec![Entry::new("broken.toml", Err(report))], true);
    within(
        "library, errors overlay, its last page",
        Duration::from_secs(10),
        || {
            let preview = text(&draw(&mut app, 100, 30));
            assert!(preview.contains("does not load"), "{preview}");
            app.update(Action::ShowErrors);
            let first = text(&draw(&mut app, 100, 30));
            assert!(first.contains("Errors (Esc closes)"), "{first}");
            assert!(first.contains("--> hostile.toml:10:11"), "{first}");
            app.update(Action::Bottom);
            let _ = draw(&mut app, 100, 30);
            let last = text(&draw(&mut app, 100, 30));
            assert!(last.contains("39,900 more"), "{last}");
        },
    );
}

#[test]
fn the_reader_opens_and_quits_over_forty_thousand_errors_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, hostile::refs_on_one_line(40_000)).expect("write");
    let mut pty = Pty::spawn(&[dir.path().to_str().unwrap()], dir.path(), 100, 30, &[]);
    pty.wait_text("does not load");
    pty.send("e");
    // The overlay's title and an excerpt's origin: only the overlay has them.
    pty.wait_for("the errors overlay", |s| {
        s.contains("Errors (Esc closes)") && s.contains("broken.toml:10:11")
    });
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5));
    pty.assert_restored();
}

/// Not a test: the small parent that [`check_peak`] starts (a fresh copy of
/// this binary), which runs `brief check $BRIEF_PEAK_OF`, reaps it with
/// `wait4` and prints its peak RSS. A child's peak counts the memory of the
/// process it was started from, so the big test process cannot start it
/// itself.
#[test]
#[ignore = "a helper, run by peak_memory_stays_within_four_times_the_file"]
fn peak_helper() {
    let file = std::env::var_os("BRIEF_PEAK_OF").expect("BRIEF_PEAK_OF");
    // Reaped by `wait4` below, which also gives its resource use.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("check")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run brief");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, and `pid` is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    println!("PEAK_KIB={}", usage.ru_maxrss);
}

/// Peak RSS (KiB) of `brief check FILE`, and its stderr.
fn check_peak(file: &Path) -> (i64, String) {
    let exe = std::env::current_exe().expect("this test binary");
    let out = Command::new(exe)
        .args(["limits::peak_helper", "--exact", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env("BRIEF_PEAK_OF", file)
        .output()
        .expect("run the helper");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let peak = (stdout.split("PEAK_KIB=").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak in:\n{stdout}"));
    (peak, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn peak_memory_stays_within_four_times_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        (
            "tags.toml",
            hostile::empty_tags(18_000_000),
            "too much in one table",
        ),
        (
            "positions.toml",
            hostile::positions(2_000, 200),
            "too many small values",
        ),
        ("generated.toml", generate(40, 250), ""),
    ];
    for (name, text, refused) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, &text).expect("write");
        let (peak_kib, err) = check_peak(&file);
        let ratio = (peak_kib * 1024) as f64 / text.len() as f64;
        eprintln!(
            "{name}: {} bytes, peak {peak_kib} KiB, {ratio:.2}x",
            text.len()
        );
        assert!(ratio < 4.0, "{name}: peak {ratio:.2}x the file\n{err}");
        if refused.is_empty() {
            assert!(err.contains("0 errors"), "{name} loads:\n{err}");
        } else {
            assert!(err.contains(refused), "{name}:\n{err}");
            assert!(
                err.contains(&format!("{name}:")),
                "refused at a line and column:\n{err}"
            );
        }
    }
}
