//! Who may connect: the public keys of an OpenSSH `authorized_keys` file,
//! each naming a reader by its comment. The file is read again whenever it
//! changes (checked at each authentication), so a key is added or revoked
//! without a restart.

use russh::keys::ssh_key::{self, HashAlg, PublicKey, public::KeyData};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A keys file larger than this is refused (a typo'd path to a big file).
pub const MAX_KEYS_BYTES: u64 = 1024 * 1024;
/// A reader's name is at most this many characters.
const MAX_NAME: usize = 64;

/// The person behind a key: the name the key's comment gives, and the
/// key's fingerprint (`SHA256:...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub name: String,
    pub fingerprint: String,
}

/// What tells a changed file from the one read: inode, size, times.
type FileStamp = (u64, u64, i64, i64, i64, i64);

fn file_stamp(m: &std::fs::Metadata) -> FileStamp {
    (
        m.ino(),
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec(),
    )
}

/// The keys file and what was read from it.
#[derive(Debug)]
pub struct AuthorizedKeys {
    path: PathBuf,
    stamp: Option<FileStamp>,
    keys: Vec<(KeyData, Reader)>,
}

impl AuthorizedKeys {
    /// Reads `path` now; what it could not read is in the returned lines.
    pub fn open(path: &Path) -> (Self, Vec<String>) {
        let mut keys = Self {
            path: path.to_path_buf(),
            stamp: None,
            keys: Vec::new(),
        };
        let problems = keys.reread();
        (keys, problems)
    }

    /// How many keys are accepted now.
    pub fn count(&self) -> usize {
        self.keys.len()
    }

    /// Reads the file again if it changed since it was read. Returns the
    /// problems found (log lines), or `None` when nothing changed.
    pub fn refresh(&mut self) -> Option<Vec<String>> {
        let now = std::fs::metadata(&self.path).ok().map(|m| file_stamp(&m));
        (now != self.stamp || now.is_none() && !self.keys.is_empty()).then(|| self.reread())
    }

    /// The reader `key` belongs to, if it is listed.
    pub fn find(&self, key: &PublicKey) -> Option<&Reader> {
        let data = key.key_data();
        self.keys.iter().find(|(k, _)| k == data).map(|(_, r)| r)
    }

    fn reread(&mut self) -> Vec<String> {
        self.keys.clear();
        let shown = crate::model::name::shown(&self.path);
        let text = match read_keys_file(&self.path) {
            Ok((text, stamp)) => {
                self.stamp = Some(stamp);
                text
            }
            Err(why) => {
                self.stamp = None;
                return vec![format!("{shown}: {why}; no key is accepted")];
            }
        };
        let (keys, problems) = parse(&text);
        self.keys = keys;
        problems
            .into_iter()
            .map(|p| format!("{shown}: {p}"))
            .collect()
    }
}

/// The file's text, refused when anyone but its owner could write to it
/// (anyone could then add a key) or when it is not a plain file.
fn read_keys_file(path: &Path) -> Result<(String, FileStamp), String> {
    use std::io::Read;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("cannot read it ({e})"))?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.permissions().mode() & 0o022 != 0 {
        return Err("group or others may write to it (chmod go-w)".into());
    }
    // Whoever may write to the directory may put another file in its place
    // (sshd's StrictModes refuses this too).
    let dir = (path.parent()).filter(|d| !d.as_os_str().is_empty());
    let dir_mode = std::fs::metadata(dir.unwrap_or(Path::new("."))).map(|m| m.permissions().mode());
    if dir_mode.is_ok_and(|mode| mode & 0o022 != 0) {
        return Err("group or others may write to its directory, and so replace it (chmod go-w on the directory)".into());
    }
    if meta.len() > MAX_KEYS_BYTES {
        return Err(format!("larger than {} KiB", MAX_KEYS_BYTES / 1024));
    }
    let mut text = String::new();
    file.take(MAX_KEYS_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read it ({e})"))?;
    Ok((text, file_stamp(&meta)))
}

/// The keys in an `authorized_keys` text, and a line for each entry that
/// was skipped. Entries with options (`from=`, `command=`...) are skipped:
/// the server does not carry them out, and quietly ignoring a `from=` would
/// let in what the line meant to keep out.
pub fn parse(text: &str) -> (Vec<(KeyData, Reader)>, Vec<String>) {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for (n, entry) in ssh_key::AuthorizedKeys::new(text).enumerate() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(format!("entry {}: not a public key ({e}); skipped", n + 1));
                continue;
            }
        };
        if !entry.config_opts().is_empty() {
            problems.push(format!(
                "entry {}: options are not supported here; skipped",
                n + 1
            ));
            continue;
        }
        let key = entry.public_key();
        let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
        let name = reader_name(key.comment().as_ref(), &fingerprint);
        keys.push((key.key_data().clone(), Reader { name, fingerprint }));
    }
    (keys, problems)
}

/// The reader a comment names: its first word, in letters, digits and
/// `. _ @ -` (anything else becomes `_`), at most 64 characters; a key
/// without a comment is named by its fingerprint. The name is also the
/// reader's state file name, so it never holds a `/`.
pub fn reader_name(comment: &str, fingerprint: &str) -> String {
    let word = comment.split_whitespace().next().unwrap_or("");
    let keep = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-');
    let name: String = word
        .chars()
        .take(MAX_NAME)
        .map(|c| if keep(c) { c } else { '_' })
        .collect();
    if name.is_empty() || name.chars().all(|c| c == '.') {
        let tail: String = fingerprint
            .trim_start_matches("SHA256:")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(12)
            .collect();
        format!("key-{tail}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGOjMfwKnQo8OT3jARJJz1hDAyYoVUC4IxHCFfRVf50c alice@desk";

    #[test]
    fn comments_name_readers_and_options_are_refused() {
        let text = format!(
            "# the desk\n{ALICE}\n\nfrom=\"10.0.0.0/8\" {ALICE}\nssh-ed25519 not-base64 bob\n"
        );
        let (keys, problems) = parse(&text);
        assert_eq!(keys.len(), 1, "{problems:?}");
        assert_eq!(keys[0].1.name, "alice@desk");
        assert!(keys[0].1.fingerprint.starts_with("SHA256:"));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("options"), "{problems:?}");
    }

    #[test]
    fn reader_names_are_safe_file_names() {
        let fp = "SHA256:abc/DEF+123456789xyz";
        assert_eq!(reader_name("alice@desk laptop", fp), "alice@desk");
        assert_eq!(reader_name("../../etc/x", fp), ".._.._etc_x");
        assert_eq!(reader_name("", fp), "key-abcDEF123456");
        assert_eq!(reader_name("..", fp), "key-abcDEF123456");
        assert_eq!(reader_name("\u{1b}]0;x\u{7}", fp), "__0_x_");
        assert_eq!(reader_name(&"x".repeat(500), fp).len(), MAX_NAME);
    }

    #[test]
    fn the_file_is_read_again_when_it_changes_and_refused_when_others_may_write() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("authorized_keys");
        let (mut keys, problems) = AuthorizedKeys::open(&path);
        assert!(keys.count() == 0 && problems.len() == 1, "{problems:?}");
        std::fs::write(&path, format!("{ALICE}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(keys.refresh().is_some(), "a new file is read");
        assert_eq!(keys.count(), 1);
        assert!(
            keys.refresh().is_none(),
            "an unchanged file is not read again"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        let problems = keys.refresh().expect("a changed mode is a change");
        assert_eq!(keys.count(), 0, "{problems:?}");
        assert!(problems[0].contains("others may write"), "{problems:?}");
    }

    /// A keys file in a directory others may write to could be swapped for
    /// another: refused, as sshd's StrictModes refuses it.
    #[test]
    fn a_keys_file_in_a_directory_others_may_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        let path = shared.join("authorized_keys");
        std::fs::write(&path, format!("{ALICE}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
        let (keys, problems) = AuthorizedKeys::open(&path);
        assert_eq!((keys.count(), problems.len()), (1, 0), "{problems:?}");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        let (keys, problems) = AuthorizedKeys::open(&path);
        assert_eq!(keys.count(), 0);
        assert!(problems[0].contains("its directory"), "{problems:?}");
    }
}
