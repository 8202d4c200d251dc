//! The policy reader on arbitrary text: it never panics, and validation
//! and reading agree (a policy is read exactly when it validates).
#![no_main]

use libfuzzer_sys::fuzz_target;
use riserbo_core::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let problems = Policy::validate(json);
    let read = Policy::from_json(json);
    assert_eq!(problems.is_empty(), read.is_ok(), "{problems:?} {read:?}");
    if let Ok(policy) = read {
        // What was read analyses without panicking.
        riserbo_core::Analyzer::new(policy).analyze("Il sindaco RSSMRA85T10A562S 333 1234567");
    }
});
