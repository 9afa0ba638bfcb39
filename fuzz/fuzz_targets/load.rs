//! Any bytes into the loader: never a panic, never a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = brief::model::load_bytes("fuzz.toml", data);
});
