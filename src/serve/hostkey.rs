//! The server's own key: Ed25519, made on first start with mode 0600 and
//! reused after. A key file that group or others may read or write is
//! refused: the server does not start on a key that may have leaked.

use russh::keys::ssh_key::{HashAlg, LineEnding, PrivateKey, private::Ed25519Keypair};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// A host key file larger than this is not one.
const MAX_KEY_BYTES: u64 = 64 * 1024;

/// The key at `path`, made there if there is none; `true` when it was made now.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), String> {
    let shown = crate::model::name::shown(path);
    match std::fs::symlink_metadata(path) {
        Ok(_) => load(path)
            .map(|k| (k, false))
            .map_err(|e| format!("{shown}: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path)
            .map(|k| (k, true))
            .map_err(|e| format!("{shown}: {e}")),
        Err(e) => Err(format!("{shown}: {e}")),
    }
}

/// `SHA256:...`, as `ssh-keygen -lf` and the client's prompt show it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

fn load(path: &Path) -> Result<PrivateKey, String> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("cannot open the host key ({e})"))?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    let mode = meta.permissions().mode() & 0o777;
    if !meta.is_file() {
        return Err("the host key is not a regular file".into());
    }
    if mode & 0o077 != 0 {
        return Err(format!(
            "the host key may be read or written by group or others (mode {mode:04o}); \
             run chmod 600 on it, or make a new one if it may have leaked"
        ));
    }
    let mut text = Vec::new();
    Read::by_ref(&mut file)
        .take(MAX_KEY_BYTES)
        .read_to_end(&mut text)
        .map_err(|e| e.to_string())?;
    let key =
        PrivateKey::from_openssh(&text).map_err(|e| format!("not an OpenSSH private key ({e})"))?;
    if key.is_encrypted() {
        return Err("the host key is encrypted; the server needs it in the clear".into());
    }
    Ok(key)
}

fn create(path: &Path) -> Result<PrivateKey, String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("cannot make its directory ({e})"))?;
    }
    let mut seed = random_seed()?;
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    key.set_comment("brief serve host key");
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| format!("cannot encode the new key ({e})"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write the new host key ({e})"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write the new host key ({e})"))?;
    Ok(key)
}

/// 32 bytes from the kernel's random source.
fn random_seed() -> Result<[u8; 32], String> {
    let mut seed = [0u8; 32];
    let mut filled = 0;
    while filled < seed.len() {
        let rest = &mut seed[filled..];
        // SAFETY: writes at most `rest.len()` bytes into `rest`.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("no random bytes for a key ({e})"));
            }
        } else {
            filled += n as usize;
        }
    }
    Ok(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_private_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/host_key");
        let (made, created) = load_or_create(&path).expect("made");
        assert!(created);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let (again, created) = load_or_create(&path).expect("read back");
        assert!(!created);
        assert_eq!(fingerprint(&made), fingerprint(&again));
        assert!(fingerprint(&made).starts_with("SHA256:"));
    }

    #[test]
    fn a_key_others_may_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host_key");
        load_or_create(&path).expect("made");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = load_or_create(&path).expect_err("refused");
        assert!(err.contains("0644") && err.contains("chmod 600"), "{err}");
    }
}
