//! Bytes -> a briefing -> every export (text at any width, Markdown, JSON)
//! and a diff against itself: never a panic, never an unsafe character in
//! the output, and the JSON parses back into the same model.
#![no_main]

use brief::model::sanitize::unsafe_chars;
use brief::tools::render_json::JsonBriefing;
use libfuzzer_sys::fuzz_target;

fn assert_clean(what: &str, out: &str) {
    if let Some(c) = unsafe_chars(out).next() {
        panic!("{what} holds {c:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&width, toml)) = data.split_first() else {
        return;
    };
    let Ok(loaded) = brief::model::load_bytes("fuzz.toml", toml) else {
        return;
    };
    let b = &loaded.briefing;
    assert_clean("text", &brief::export::text(b, usize::from(width), width % 2 == 0));
    assert_clean("markdown", &brief::tools::markdown::briefing(b));
    let json = brief::tools::render_json::to_string(b);
    assert_clean("json", &json);
    let back: JsonBriefing = serde_json::from_str(&json).expect("the JSON parses");
    assert_eq!(&back.to_model().expect("ids resolve"), b, "JSON round trip");
});
