//! The logo fingerprint decoder (a policy's `logoFingerprints`) on
//! arbitrary text: it returns an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riserbo_core::logo::Fingerprint;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Fingerprint::decode(text);
    }
});
