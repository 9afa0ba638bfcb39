//! One briefing file the reader knows about, and what it holds of it: the
//! whole briefing, or (in a large library) its outline and digest alone,
//! or why it does not load. Every version reaches an entry through
//! [`Entry::set_version`] or [`Entry::set_card`], which keep the outline
//! and the digest in step with it.

use super::Version;
use crate::model::digest::Digest;
use crate::model::{Briefing, Loaded, Report};
use std::sync::Arc;

/// One briefing file the reader knows about, loaded or not.
#[derive(Debug)]
pub struct Entry {
    /// How the file is named on screen (its file name, or `bundled:<name>`).
    pub label: String,
    /// What the entry holds of its file: change it only through
    /// [`Entry::set_version`] (and [`Entry::let_go`]), which keep the
    /// outline in step.
    body: Body,
    /// The front page and counts of the last version that loaded: what the
    /// library shows, whether or not the whole briefing is held.
    outline: Option<Arc<crate::library::outline::Outline>>,
    /// Set when the file changed into something that does not load: the last
    /// good version stays on screen with this over it.
    pub banner: Option<Box<Report>>,
    /// The file's (modified, length) just before it was read: a save made
    /// between loading and the watcher starting is still seen as a change.
    pub stamp: Option<crate::files::Stamp>,
    /// The file it was read from, exactly (a name need not be UTF-8; the
    /// label is only for the screen).
    file: Option<std::path::PathBuf>,
    /// The day a pending entry is listed under (its name's date, else the
    /// day it was modified), until its briefing's own date is known.
    pub day: Option<crate::library::Day>,
    /// The last good version's digest: what the library-wide views read.
    /// Set only through [`Entry::set_version`] and [`Entry::set_card`].
    digest: Option<Arc<Digest>>,
}

// Every session of `brief serve` holds an entry per file of the library:
// 304 bytes before the reports were boxed (docs/serve.md, "What it costs").
const _: () = assert!(std::mem::size_of::<Entry>() <= 128);

/// What an entry holds of its file.
#[derive(Debug)]
enum Body {
    /// Listed, not read yet: the background loader fills it in (see
    /// `library::arrive`).
    Pending,
    /// The whole briefing.
    Full(Arc<Loaded>),
    /// Loaded, then let go to save memory: the outline stays, and opening
    /// the briefing reads it again.
    Outlined,
    /// The file does not load.
    /// Boxed: most entries load, and each session holds an entry per file.
    Failed(Box<Report>),
}

impl Entry {
    /// An entry named `label`: a file of that name, unless the label is
    /// `bundled:<name>` or standard input's.
    pub fn new(label: impl Into<String>, loaded: Result<Loaded, Report>) -> Self {
        Self::shared(label, loaded.map(Arc::new))
    }

    /// An entry on a version another reader may show too.
    pub fn shared(label: impl Into<String>, loaded: Version) -> Self {
        let mut entry = Self::named(label.into());
        entry.set_version(loaded);
        entry
    }

    /// An entry named `label` with no version yet (pending).
    pub(crate) fn named(label: String) -> Self {
        let on_disk = !label.starts_with("bundled:") && label != crate::files::STDIN_LABEL;
        let file = on_disk.then(|| std::path::PathBuf::from(&label));
        Self {
            label,
            body: Body::Pending,
            outline: None,
            digest: None,
            banner: None,
            stamp: None,
            file,
            day: None,
        }
    }

    /// A file listed, not read yet: the loader fills it in.
    pub fn pending(path: std::path::PathBuf) -> Self {
        Self {
            file: Some(path.clone()),
            ..Self::named(path.display().to_string())
        }
    }

    /// An entry on a version another reader may show too, of the file at
    /// `path`, which it keeps exactly (a name need not be UTF-8).
    pub fn shared_at(path: &std::path::Path, loaded: Version) -> Self {
        let mut entry = Self::pending(path.to_path_buf());
        entry.set_version(loaded);
        entry
    }

    /// The entry for the file at `path`, which it keeps exactly.
    pub fn at(path: &std::path::Path, loaded: Result<Loaded, Report>) -> Self {
        Self {
            file: Some(path.to_path_buf()),
            ..Self::new(path.display().to_string(), loaded)
        }
    }

    /// The one place a version becomes the entry's: the whole briefing (or
    /// why it does not load), and the outline and digest made from it
    /// (both outlive the briefing when it is let go).
    pub fn set_version(&mut self, version: Version) {
        match version {
            Ok(loaded) => {
                // Shared with every other reader of this version.
                self.outline = Some(loaded.outline().clone());
                self.digest = Some(loaded.digest().clone());
                self.body = Body::Full(loaded);
            }
            Err(report) => {
                // Callers keep the last good version under a banner instead
                // of calling this: a version that does not load clears the
                // outline and digest only when none was kept.
                self.outline = None;
                self.digest = None;
                self.body = Body::Failed(Box::new(report));
            }
        }
    }

    /// The one place a cached card becomes the entry's: its outline and
    /// digest, the briefing itself not held (it is read when opened).
    pub fn set_card(&mut self, outline: crate::library::outline::Outline, digest: Arc<Digest>) {
        self.outline = Some(Arc::new(outline));
        self.digest = Some(digest);
        self.body = Body::Outlined;
    }

    /// Lets the whole briefing go, keeping its outline (and what else is
    /// made from it); false when there is nothing to let go, or it could
    /// not be read again (no file).
    pub fn let_go(&mut self) -> bool {
        if !matches!(self.body, Body::Full(_)) || self.file.is_none() || self.banner.is_some() {
            return false;
        }
        self.body = Body::Outlined;
        true
    }

    pub fn briefing(&self) -> Option<&Briefing> {
        self.version().map(|l| &l.briefing)
    }

    /// The whole version, when it is held.
    pub fn version(&self) -> Option<&Arc<Loaded>> {
        match &self.body {
            Body::Full(loaded) => Some(loaded),
            _ => None,
        }
    }

    /// The version as shared between readers: the whole one, or why the
    /// file does not load (`None` while pending or let go).
    pub fn shared_version(&self) -> Option<Version> {
        match &self.body {
            Body::Full(loaded) => Some(Ok(loaded.clone())),
            Body::Failed(report) => Some(Err((**report).clone())),
            Body::Pending | Body::Outlined => None,
        }
    }

    /// The version, taken out of the entry (`None` while pending or let go).
    pub fn into_version(self) -> Option<Version> {
        match self.body {
            Body::Full(loaded) => Some(Ok(loaded)),
            Body::Failed(report) => Some(Err(*report)),
            Body::Pending | Body::Outlined => None,
        }
    }

    /// Why the file does not load, when it does not.
    pub fn failure(&self) -> Option<&Report> {
        match &self.body {
            Body::Failed(report) => Some(report),
            _ => None,
        }
    }

    /// The digest of the last version that loaded (see [`Digest`]), held
    /// in full or not.
    pub fn digest(&self) -> Option<&Arc<Digest>> {
        self.digest.as_ref()
    }

    /// The front page and counts of the version that loaded, held or not.
    pub fn outline(&self) -> Option<&crate::library::outline::Outline> {
        self.outline.as_deref()
    }

    /// Listed and not read yet.
    pub fn is_pending(&self) -> bool {
        matches!(self.body, Body::Pending)
    }

    /// Loaded once and let go: opening it reads it again.
    pub fn is_let_go(&self) -> bool {
        matches!(self.body, Body::Outlined)
    }

    /// The file on disk, if the briefing came from one (not bundled, not stdin).
    pub fn path(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_of_one_version_share_its_outline_and_digest() {
        let text = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
        let version = Arc::new(crate::model::load_str("u", text).expect("loads"));
        let a = Entry::shared("a.toml", Ok(version.clone()));
        let b = Entry::shared("b.toml", Ok(version));
        // One copy of the front page for every session of `brief serve`.
        assert!(std::ptr::eq(a.outline().unwrap(), b.outline().unwrap()));
        assert!(Arc::ptr_eq(a.digest().unwrap(), b.digest().unwrap()));
    }
}
