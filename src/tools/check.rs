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
    let color = use_color(args.color);
    let (mut files, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for path in &args.paths {
        for report in check_path(path) {
            // A directory's own report (no *.toml in it) is not a file checked.
            files += usize::from(!report.path.is_empty() && !Path::new(&report.path).is_dir());
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

/// Reports for one command-line path: the file itself, or every `*.toml` under a directory.
pub fn check_path(path: &Path) -> Vec<Report> {
    if !path.is_dir() {
        return vec![check_file(path)];
    }
    let mut found = Vec::new();
    if let Err(e) = find_toml(path, &mut found) {
        let msg = format!("cannot read the directory: {e}");
        return vec![whole_file(path, Diagnostic::error("io", msg, None))];
    }
    if found.is_empty() {
        let d = Diagnostic::error("no-files", "no *.toml files in this directory", None);
        return vec![whole_file(path, d)];
    }
    found.sort();
    found.iter().map(|p| check_file(p)).collect()
}

fn whole_file(path: &Path, d: Diagnostic) -> Report {
    Report::single(&path.display().to_string(), d)
}

fn check_file(path: &Path) -> Report {
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

/// Every `*.toml` file under `dir`, recursively (symlinked directories are not followed).
fn find_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            find_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
