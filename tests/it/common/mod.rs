//! Shared helpers for the integration tests.

pub mod pty;
pub mod render;
pub mod serve;
