//! `brief`: read and write intelligence-style briefings in the terminal.
//!
//! The library holds everything but process setup, so tests and benches reach it.

pub mod cli;
pub mod model;
pub mod sample;
pub mod tools;
