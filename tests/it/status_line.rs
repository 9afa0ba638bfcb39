//! The status line: a message never runs into the key hints, whatever the
//! width (issue 16, item 13: "read from standard input j scroll").

use crate::common::render::{draw, text};
use brief::app::{Action, App, Entry};
use brief::model::load_path;
use std::path::Path;

#[test]
fn a_message_and_the_key_hints_keep_two_columns_apart() {
    let message = "nothing to reload: read from standard input";
    let loaded = load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads");
    for actions in [vec![], vec![Action::JumpSection(1), Action::Open]] {
        let mut app = App::new(vec![Entry::new("<stdin>", Ok(loaded.clone()))], false);
        for a in actions {
            app.update(a);
        }
        for w in 20..=160u16 {
            app.message = Some(message.into());
            let screen = text(&draw(&mut app, w, 24));
            let status = screen.lines().last().expect("a status line");
            let Some(at) = status.find(message) else {
                continue;
            };
            let after = &status[at + message.len()..];
            assert!(
                after.trim().is_empty() || after.starts_with("  "),
                "at {w} columns: {status:?}"
            );
        }
    }
}
