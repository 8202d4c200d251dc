//! The analyzer on arbitrary UTF-8: it never panics, and every finding's
//! offsets lie on char boundaries, in bytes and once converted to code
//! points and UTF-16 units.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use riserbo_core::offsets::{self, Unit};
use riserbo_core::Analyzer;

fuzz_target!(|data: &[u8]| {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analyzer = ANALYZER.get_or_init(Analyzer::default);
    let findings = analyzer.analyze(text);
    for f in &findings {
        assert!(f.start <= f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(f.text, text[f.start..f.end]);
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut utf16 = findings.clone();
    offsets::convert(text, &mut utf16, Unit::Utf16);
    for (f, u) in findings.iter().zip(&utf16) {
        assert_eq!(String::from_utf16(&units[u.start..u.end]).unwrap(), text[f.start..f.end]);
    }
    let mut points = findings.clone();
    offsets::convert(text, &mut points, Unit::CodePoint);
    for (f, p) in findings.iter().zip(&points) {
        let slice: String = text.chars().skip(p.start).take(p.end - p.start).collect();
        assert_eq!(slice, text[f.start..f.end]);
    }
});
