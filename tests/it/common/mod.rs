//! Shared helpers for the integration tests.

pub mod library;
pub mod lsp;
pub mod pty;
pub mod render;
pub mod screen;
pub mod serve;
pub mod sshd;
pub mod timeline;
