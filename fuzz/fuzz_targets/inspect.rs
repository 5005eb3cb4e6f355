//! `inspect` on arbitrary bytes (as text): never a panic, every span inside the input, published codes only.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let i = jwt_inspector::inspect(&input, 1.7e9);
    common::check_inspection(&input, &i);
});
