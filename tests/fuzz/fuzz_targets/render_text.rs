//! Fuzz target: any text as Tera mail-merge text, and any number formatted the Vietnamese
//! way, must give text or an error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vanban::fuzzing::render_text(data);
});
