//! `brief check DIR` over a tree with a directory it cannot read: that
//! directory is reported by its own name and every other file is checked.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

const GOOD: &str = "tests/fixtures/check/dir/a.toml";
const BAD: &str = "tests/fixtures/check/dir/nested/b.toml";

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_unreadable_subdirectory_is_named_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Sorted by path: a.toml, locked/ (unreadable), z/b.toml (one error).
    std::fs::copy(GOOD, root.join("a.toml")).unwrap();
    std::fs::create_dir_all(root.join("locked/inner")).unwrap();
    std::fs::copy(GOOD, root.join("locked/inner/hidden.toml")).unwrap();
    std::fs::create_dir(root.join("z")).unwrap();
    std::fs::copy(BAD, root.join("z/b.toml")).unwrap();
    chmod(root, 0o755);
    chmod(&root.join("locked"), 0o000);

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    cmd.arg("check").arg(root).env_remove("NO_COLOR");
    // Root reads any directory: run as nobody so that the mode holds.
    // SAFETY: geteuid only reads the process's effective uid.
    if unsafe { libc::geteuid() } == 0 {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().expect("brief runs");
    chmod(&root.join("locked"), 0o755);
    let err = String::from_utf8_lossy(&out.stderr);

    let locked = format!("{}", root.join("locked").display());
    let at = err
        .find("error: cannot read the directory: Permission denied")
        .unwrap_or_else(|| panic!("no error for the locked directory:\n{err}"));
    let named = &err[at..];
    assert!(
        named.lines().nth(1).is_some_and(|l| l.ends_with(&locked)),
        "the error names the locked directory, not {}:\n{err}",
        root.display()
    );
    let b = format!("{}:11:12", root.join("z/b.toml").display());
    assert!(err.contains(&b), "z/b.toml was checked:\n{err}");
    assert!(
        err.contains("2 files checked, 2 errors, 0 warnings"),
        "{err}"
    );
    assert!(!err.contains("hidden.toml"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
}
