//! Payment card numbers: 12 to 19 digits with a valid Luhn check digit and
//! an issuer prefix (IIN) and length that some network really uses. The
//! Luhn check alone lets one random number in ten through; the prefix and
//! length table cuts that by a further order of magnitude.

use super::checksum::luhn;
use super::{Hit, Input};
use crate::rules::PAYMENT_CARD;
use crate::words::any_prefix;

/// Words that introduce product, order and shipment codes, whose digits can
/// pass the Luhn check by chance (an EAN-13 barcode reads like a Visa 13).
const AGAINST: &[&str] = &[
    "articol",
    "codic",
    "ean",
    "barcode",
    "ordin",
    "isbn",
    "tracking",
    "spedizion",
    "prodott",
];

pub fn find(input: &Input) -> Vec<Hit> {
    input
        .candidates(12..20)
        // Issuers' numbers start with 1 to 6 (`I` reads 1): a cheap test
        // before reading the window as digits.
        .filter(|c| matches!(c.compact.as_bytes()[0], b'1'..=b'6' | b'I'))
        .filter(|c| !c.continues_a_number && !any_prefix(input.words_before(c.span.start, 3), AGAINST))
        .filter_map(|c| {
            let digits = c.digits().filter(|d| plausible(d) && luhn(d))?;
            Some(Hit::new(&PAYMENT_CARD, c.span, digits))
        })
        .collect()
}

/// An issuer prefix with a length that network issues.
pub fn plausible(digits: &str) -> bool {
    let len = digits.len();
    let prefix = |n: usize| digits[..n].parse::<u32>().unwrap_or(0);
    if digits.bytes().all(|b| b == digits.as_bytes()[0]) {
        return false;
    }
    match digits.as_bytes()[0] {
        // Visa.
        b'4' => matches!(len, 13 | 16 | 19),
        // Mastercard, then Maestro.
        b'5' if (51..=55).contains(&prefix(2)) => len == 16,
        b'5' if matches!(prefix(4), 5018 | 5020 | 5038 | 5893) || (56..=58).contains(&prefix(2)) => {
            (12..=19).contains(&len)
        }
        b'2' if (2221..=2720).contains(&prefix(4)) => len == 16,
        // JCB's older 15-digit ranges.
        b'2' | b'1' if matches!(prefix(4), 2131 | 1800) => len == 15,
        // American Express, Diners Club, JCB.
        b'3' if matches!(prefix(2), 34 | 37) => len == 15,
        b'3' if (300..=305).contains(&prefix(3)) || matches!(prefix(2), 36 | 38 | 39) => (14..=19).contains(&len),
        // JCB holds 3528-3589; the rest of 35 is unassigned, and generators
        // such as Faker use all of it, so the whole block is accepted.
        b'3' if prefix(2) == 35 => (16..=19).contains(&len),
        // Discover, UnionPay, Maestro.
        b'6' if prefix(4) == 6011 || prefix(2) == 65 || (644..=649).contains(&prefix(3)) => (16..=19).contains(&len),
        b'6' if prefix(2) == 62 => (16..=19).contains(&len),
        b'6' if matches!(prefix(4), 6304 | 6759 | 6761 | 6762 | 6763 | 6390) => (12..=19).contains(&len),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found(find, text)
    }

    #[test]
    fn finds_cards_of_the_main_networks_in_common_forms() {
        assert_eq!(found("carta 4111 1111 1111 1111 scad 12/27"), ["4111 1111 1111 1111"]);
        assert_eq!(found("5555-5555-5555-4444"), ["5555-5555-5555-4444"]);
        assert_eq!(found("amex 378282246310005"), ["378282246310005"]);
        assert_eq!(found("6011111111111117"), ["6011111111111117"]);
        assert_eq!(found("3530111333300000"), ["3530111333300000"]);
    }

    #[test]
    fn rejects_bad_check_digits_unknown_prefixes_and_lengths() {
        assert!(found("4111 1111 1111 1112").is_empty());
        assert!(found("9111111111111111").is_empty());
        assert!(found("41111111111111").is_empty(), "Visa has no 14-digit numbers");
        assert!(found("0000000000000000").is_empty());
        assert!(
            found("codice articolo 4357128830874").is_empty(),
            "an EAN, not a Visa 13"
        );
    }
}
