//! `brief check`: validate briefing files (or directories of them) and print diagnostics.
//!
//! Human diagnostics and the summary line go to stderr (like rustc), JSON lines
//! to stdout. Exit 0 when clean, 1 on any error (or warning with `--deny-warnings`).

use crate::cli::{CheckArgs, ColorChoice, OutputFormat};
use crate::model::diagnostic::{Diagnostic, Report};
use crate::model::load_path;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Runs the check; returns the process exit code.
pub fn run(args: &CheckArgs) -> i32 {
    if args
        .paths
        .iter()
        .filter(|p| crate::open::is_stdin(p))
        .count()
        > 1
    {
        eprintln!("brief: `-` (standard input) can be checked only once");
        return 2;
    }
    let color = use_color(args.color);
    let (mut files, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for path in &args.paths {
        let checked = check_path(path);
        files += checked.files;
        for report in &checked.reports {
            errors += report.errors();
            warnings += report.warnings();
            // Output failures (a closed pipe) must not abort the check.
            let _ = match args.format {
                OutputFormat::Json => stdout.lock().write_all(report.to_json_lines().as_bytes()),
                OutputFormat::Human => stderr.lock().write_all(report.render(color).as_bytes()),
            };
        }
    }
    if args.format == OutputFormat::Human {
        let _ = writeln!(
            stderr.lock(),
            "{files} {} checked, {errors} {}, {warnings} {}",
            plural(files, "file", "files"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        );
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    i32::from(failed)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn use_color(choice: ColorChoice) -> bool {
    choice.resolve(std::io::stderr().is_terminal())
}

/// What checking one command-line path gave.
#[derive(Debug, Default)]
pub struct Checked {
    /// In path order: each file's report, and one per directory that could
    /// not be read (or that holds no briefing).
    pub reports: Vec<Report>,
    /// How many files were checked (directories' own reports not counted).
    pub files: usize,
}

/// Checks one command-line path: the file itself (`-`: standard input), or
/// every `*.toml` under a directory. A subdirectory that cannot be read is
/// reported by its own name and the rest is still checked.
pub fn check_path(path: &Path) -> Checked {
    if crate::open::is_stdin(path) || !path.is_dir() {
        return Checked {
            reports: vec![check_file(path)],
            files: 1,
        };
    }
    let found = find_toml(path);
    if found.is_empty() {
        return Checked {
            reports: vec![crate::model::load::no_files(path)],
            files: 0,
        };
    }
    let mut checked = Checked::default();
    for (path, unreadable) in found {
        checked.reports.push(match unreadable {
            Some(msg) => whole_file(&path, Diagnostic::error("io", msg, None)),
            None => {
                checked.files += 1;
                check_file(&path)
            }
        });
    }
    checked
}

fn whole_file(path: &Path, d: Diagnostic) -> Report {
    Report::single(&crate::model::name::shown(path), d)
}

fn check_file(path: &Path) -> Report {
    if crate::open::is_stdin(path) {
        return crate::open::load_arg(path).map_or_else(|report| report, |loaded| loaded.report);
    }
    if !path.exists() && path.symlink_metadata().is_err() {
        return whole_file(
            path,
            Diagnostic::error("io", "no such file or directory", None),
        );
    }
    match load_path(path) {
        Ok(loaded) => loaded.report,
        Err(report) => report,
    }
}

/// Every `*.toml` file under `dir`, recursively (symlinked directories are
/// not followed), with every directory that could not be listed and why,
/// sorted by path. One directory's failure never hides the others.
fn find_toml(dir: &Path) -> Vec<(PathBuf, Option<String>)> {
    let unreadable = |e: std::io::Error| Some(format!("cannot read the directory: {e}"));
    let mut found = Vec::new();
    // A stack, not recursion: no depth of nesting can overflow the stack.
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                found.push((dir, unreadable(e)));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                // A listing that fails part way: report it, keep what came.
                Err(e) => {
                    found.push((dir.clone(), unreadable(e)));
                    break;
                }
            };
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(_) if path.extension().is_some_and(|e| e == "toml") => found.push((path, None)),
                Ok(_) => {}
                Err(e) => found.push((path, Some(format!("cannot tell what this is: {e}")))),
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}
