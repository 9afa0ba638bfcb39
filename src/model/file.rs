//! The guarded read every file `brief` is pointed at goes through (briefings,
//! the config): never blocks on a FIFO or device, never reads past a limit.
//!
//! The file is opened non-blocking (opening a FIFO with no writer would wait
//! forever otherwise) and its type checked on the open descriptor, so a file
//! swapped for a FIFO between a check and the open is refused too.

use super::diagnostic::Diagnostic;
use std::io::Read;
use std::path::Path;

/// Why a guarded read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A directory (the caller may have better advice for it).
    Directory,
    /// A FIFO, socket or device.
    NotRegular,
    /// Larger than the limit (in bytes) the caller gave.
    TooLarge(u64),
}

impl ReadError {
    /// A whole-file diagnostic, naming the file as `what` ("the file", "the config").
    pub fn diagnostic(&self, what: &str) -> Diagnostic {
        match self {
            Self::Io(e) => Diagnostic::error("io", format!("cannot read {what}: {e}"), None),
            Self::Directory => {
                Diagnostic::error("not-a-file", format!("{what} is a directory"), None)
            }
            Self::NotRegular => Diagnostic::error(
                "not-a-file",
                "not a regular file (a FIFO, socket or device?)",
                None,
            ),
            Self::TooLarge(limit) => Diagnostic::error(
                "too-large",
                format!("{what} is larger than the limit of {}", size(*limit)),
                None,
            ),
        }
    }
}

/// `64 MiB`, `1 MiB`, `512 KiB`, `100 bytes`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Reads a regular file (symlinks followed) of at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Refused before opening where the type is already known: no open at all.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    check(&meta, limit)?;
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    // What was opened is what counts (the path may have changed since).
    let meta = file.metadata().map_err(ReadError::Io)?;
    check(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    // The file grew after the check.
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

fn check(meta: &std::fs::Metadata, limit: u64) -> Result<(), ReadError> {
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(())
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK only changes opens and reads of FIFOs and devices, which
    // are refused right after; a regular file reads as usual.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_named_in_their_unit() {
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(100), "100 bytes");
    }

    #[test]
    fn a_file_at_the_limit_reads_and_one_byte_more_does_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f");
        std::fs::write(&path, [b'x'; 100]).expect("write");
        assert_eq!(read_bounded(&path, 100).expect("reads").len(), 100);
        assert!(matches!(
            read_bounded(&path, 99),
            Err(ReadError::TooLarge(99))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_directories_and_fifos_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            read_bounded(dir.path(), 10),
            Err(ReadError::Directory)
        ));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert!(matches!(
            read_bounded(&link, 10),
            Err(ReadError::NotRegular)
        ));
    }
}
