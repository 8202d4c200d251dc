//! Check-digit algorithms shared by several identifiers.

/// The Luhn check over ASCII digits: payment cards, the partita IVA (whose
/// check digit is computed the same way) and the tessera sanitaria number.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let mut d = (b - b'0') as u32;
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// ISO 7064 mod 97-10 as IBANs use it: the first four characters moved to
/// the end, letters as 10..35, the number modulo 97 must be 1.
pub fn iban_mod97(compact: &str) -> bool {
    if compact.len() < 5 {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut rest = 0u32;
    for c in tail.chars().chain(head.chars()) {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rest = if value < 10 {
            (rest * 10 + value) % 97
        } else {
            (rest * 100 + value) % 97
        };
    }
    rest == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_known_numbers_and_rejects_a_changed_digit() {
        assert!(luhn("4111111111111111"));
        assert!(luhn("79927398713"));
        assert!(!luhn("4111111111111112"));
        assert!(!luhn(""));
        assert!(!luhn("12a4"));
    }

    #[test]
    fn mod97_accepts_valid_ibans() {
        assert!(iban_mod97("IT60X0542811101000000123456"));
        assert!(iban_mod97("GB82WEST12345698765432"));
        assert!(!iban_mod97("IT60X0542811101000000123457"));
    }
}
