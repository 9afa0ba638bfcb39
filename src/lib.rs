//! `brief`: read and write intelligence-style briefings in the terminal.
//!
//! The library holds everything but process setup, so tests and benches reach it.

pub mod app;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod doc;
pub mod files;
pub mod library;
pub mod lsp;
pub mod model;
pub mod open;
pub mod piped;
pub mod sample;
pub mod search;
pub mod serve;
pub mod state;
pub mod tools;
pub mod tui;
pub mod ui;
pub mod watch;
