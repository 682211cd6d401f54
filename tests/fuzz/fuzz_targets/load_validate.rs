//! Fuzz target: any bytes through YAML loading, TODO scanning, new-year editing and
//! validation must give diagnostics, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vanban::fuzzing::load_and_validate(data);
});
