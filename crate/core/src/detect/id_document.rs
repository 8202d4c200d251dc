//! Numbers of identity documents:
//!
//! - carta d'identità elettronica (CIE 3.0): `CA12345AB`, two letters, five
//!   digits, two letters; the first letter is `C`;
//! - the older CIE 2.0: seven digits and two letters;
//! - paper identity card and passport: two letters and seven digits;
//! - driving licence: two letters, seven digits, one letter (`U1` followed
//!   by eight characters for the newer ones).
//!
//! None carries a check digit, so shapes that also fit product codes (all
//! but the CIE 3.0 and the licence) are reported only when a word such as
//! "carta d'identità", "passaporto" or "patente" comes before them.

use super::{Hit, Input};
use crate::rules::ID_DOCUMENT;
use crate::words::any_prefix;
use crate::Severity;

const SUPPORT: &[&str] = &[
    "identit",
    "cie",
    "ci",
    "passaport",
    "patent",
    "document",
    "doc",
    "carta",
];

pub fn find(input: &Input) -> Vec<Hit> {
    let mut hits = Vec::new();
    for c in input.candidates(9..11) {
        let b = c.compact.as_bytes();
        let letters = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_uppercase);
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let (distinctive, shaped) = match b.len() {
            9 if letters(0..2) && digits(2..7) && letters(7..9) => (b[0] == b'C', true),
            9 if digits(0..7) && letters(7..9) => (false, true),
            9 if letters(0..2) && digits(2..9) => (false, true),
            10 if letters(0..2) && digits(2..9) && letters(9..10) => (true, true),
            // Newer licences: U1, seven characters without A, I, O, Q, V, a letter.
            10 if b.starts_with(b"U1") && letters(9..10) && b[2..9].iter().all(|c| newer_licence_char(*c)) => {
                (true, true)
            }
            _ => (false, false),
        };
        if !shaped {
            continue;
        }
        let supported = any_prefix(input.words_before(c.span.start, 5), SUPPORT);
        if supported {
            hits.push(Hit::new(&ID_DOCUMENT, c.span, c.compact.to_string()));
        } else if distinctive {
            hits.push(Hit::new(&ID_DOCUMENT, c.span, c.compact.to_string()).with_severity(Severity::Warning));
        }
    }
    hits
}

fn newer_licence_char(c: u8) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && !b"AIOQV".contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Severity)> {
        super::super::testing::found_graded(find, text)
    }

    #[test]
    fn finds_documents_by_shape_and_context() {
        assert_eq!(found("CIE n. CA12345AB"), [("CA12345AB".into(), Severity::Critical)]);
        assert_eq!(found("il numero CA12345AB"), [("CA12345AB".into(), Severity::Warning)]);
        assert_eq!(
            found("carta d'identità AT 1234567"),
            [("AT 1234567".into(), Severity::Critical)]
        );
        assert_eq!(
            found("passaporto YA1234567"),
            [("YA1234567".into(), Severity::Critical)]
        );
        assert_eq!(found("patente MI1234567A"), [("MI1234567A".into(), Severity::Critical)]);
        assert_eq!(found("patente U1X12345Y.").len(), 0, "too short for the newer format");
    }

    #[test]
    fn weak_shapes_need_context() {
        assert!(found("articolo AB1234567 in offerta").is_empty());
        assert!(found("modello 1234567AB").is_empty());
    }
}
