//! The partita IVA: 11 digits, optionally after `IT`. Digits 1-7 number the
//! taxpayer, 8-10 are the provincial office that issued it, the 11th is a
//! Luhn check digit.
//!
//! One random 11-digit number in about a hundred passes both the check digit
//! and the office code, so an order number can look like a partita IVA. The
//! `IT` prefix or a word such as "P.IVA" nearby makes it critical; a bare
//! number is reported as a warning. An 11-digit code introduced as "codice
//! fiscale" is the code of a company or public body, not of a citizen, and
//! is left alone.

use super::checksum::luhn;
use super::{Hit, Input};
use crate::rules::PARTITA_IVA;
use crate::words::{any_exact, any_prefix};
use crate::Severity;

const SUPPORT: &[&str] = &["iva", "piva", "vat", "partita", "p", "pi"];
const ENTITY_CODE: &[&str] = &["fiscale", "cf", "c"];

pub fn find(input: &Input) -> Vec<Hit> {
    let mut hits = Vec::new();
    for c in input.candidates(11..14) {
        let (prefixed, rest) = match c.compact.strip_prefix("IT") {
            Some(rest) => (true, rest),
            None => (false, c.compact),
        };
        let Some(digits) = super::read_as_digits(rest) else {
            continue;
        };
        if digits.len() != 11 || !valid(&digits) {
            continue;
        }
        let before = input.words_before(c.span.start, 4);
        let supported = prefixed || any_exact(before, SUPPORT);
        if !supported && any_prefix(before, ENTITY_CODE) {
            continue;
        }
        let severity = if supported {
            Severity::Critical
        } else {
            Severity::Warning
        };
        hits.push(Hit::new(&PARTITA_IVA, c.span, digits).with_severity(severity));
    }
    hits
}

/// Check digit and a real provincial office code.
pub fn valid(digits: &str) -> bool {
    let office: u32 = digits[7..10].parse().unwrap_or(0);
    let office_ok = matches!(office, 1..=100 | 120 | 121 | 888 | 999);
    office_ok && &digits[..7] != "0000000" && luhn(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Severity)> {
        super::super::testing::found_graded(find, text)
    }

    #[test]
    fn validates_known_numbers() {
        // Numbers python-stdnum also accepts.
        for n in ["00743110157", "01114601006", "03062020585"] {
            assert!(valid(n), "{n}");
        }
        assert!(!valid("00743110158"), "check digit");
        assert!(!valid("00743111157"), "office 111 does not exist");
    }

    #[test]
    fn context_sets_severity_and_entity_codes_are_skipped() {
        assert_eq!(found("P.IVA 00743110157"), [("00743110157".into(), Severity::Critical)]);
        assert_eq!(
            found("fattura a IT00743110157"),
            [("IT00743110157".into(), Severity::Critical)]
        );
        assert_eq!(
            found("il numero 00743110157"),
            [("00743110157".into(), Severity::Warning)]
        );
        assert!(found("codice fiscale dell'ente 00743110157").is_empty());
        assert!(found("P.IVA 00743110158").is_empty());
    }
}
