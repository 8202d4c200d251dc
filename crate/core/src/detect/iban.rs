//! IBANs of the SEPA countries: country code, two check digits, then a
//! national account number of a length fixed per country; the whole passes
//! ISO 7064 mod 97. Written compact, in groups of four, or in lower case.

use super::checksum::iban_mod97;
use super::{Hit, Input};
use crate::rules::IBAN;

/// SEPA countries and their IBAN lengths.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

pub fn find(input: &Input) -> Vec<Hit> {
    input
        .candidates(15..35)
        .filter_map(|c| canonical(c.compact).map(|iban| Hit::new(&IBAN, c.span, iban)))
        .collect()
}

/// The IBAN as written if valid; otherwise, read with `O`/`I` as `0`/`1`
/// after the country code (and the Italian CIN letter), if that is valid.
pub fn canonical(compact: &str) -> Option<String> {
    // Every IBAN starts with its country's two letters.
    if !compact
        .as_bytes()
        .get(..2)
        .is_some_and(|cc| cc.iter().all(u8::is_ascii_alphabetic))
    {
        return None;
    }
    if valid(compact) {
        return Some(compact.to_string());
    }
    // Letters stay letters where the format wants them: the country code
    // and, for Italy and San Marino, the CIN.
    let cin = matches!(compact.get(..2), Some("IT" | "SM"));
    let fixed: String = compact
        .char_indices()
        .map(|(i, c)| match c {
            _ if i < 2 || (cin && i == 4) => c,
            'O' => '0',
            'I' => '1',
            c => c,
        })
        .collect();
    valid(&fixed).then_some(fixed)
}

pub fn valid(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    if bytes.len() < 15 || !bytes[..2].iter().all(u8::is_ascii_uppercase) || !bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let Some(&(_, length)) = LENGTHS.iter().find(|(country, _)| country.as_bytes() == &bytes[..2]) else {
        return false;
    };
    // Italian (and San Marino) account numbers: a CIN letter, 10 digits, 12 alphanumerics.
    if matches!(&compact[..2], "IT" | "SM")
        && !(bytes[4].is_ascii_uppercase() && bytes[5..15].iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    bytes.len() == length && iban_mod97(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found(find, text)
    }

    #[test]
    fn finds_ibans_compact_spaced_and_lower_case() {
        assert_eq!(
            found("bonifico su IT60X0542811101000000123456 grazie"),
            ["IT60X0542811101000000123456"]
        );
        assert_eq!(
            found("IBAN: IT60 X054 2811 1010 0000 0123 456."),
            ["IT60 X054 2811 1010 0000 0123 456"]
        );
        assert_eq!(found("it60x0542811101000000123456"), ["it60x0542811101000000123456"]);
        assert_eq!(found("DE89 3704 0044 0532 0130 00"), ["DE89 3704 0044 0532 0130 00"]);
        assert_eq!(found("FR1420041010050500013M02606"), ["FR1420041010050500013M02606"]);
    }

    #[test]
    fn rejects_wrong_checks_lengths_and_countries() {
        assert!(found("IT60X0542811101000000123457").is_empty());
        assert!(found("IT60X054281110100000012345").is_empty());
        assert!(found("US60X0542811101000000123456").is_empty());
    }
}
