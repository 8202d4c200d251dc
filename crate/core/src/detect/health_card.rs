//! The number of the tessera sanitaria (TEAM card): 20 digits, `80` for
//! health, `380` for Italy, then the issuer and card number, closed by a
//! Luhn check digit. It is printed in groups, so spaced forms are common.

use super::checksum::luhn;
use super::{Hit, Input};
use crate::rules::HEALTH_CARD;

pub fn find(input: &Input) -> Vec<Hit> {
    input
        .candidates(20..21)
        .filter_map(|c| {
            let digits = c.digits().filter(|d| d.starts_with("80380") && luhn(d))?;
            Some(Hit::new(&HEALTH_CARD, c.span, digits))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_team_number_and_rejects_a_wrong_check_digit() {
        // 8038000010 000123456 plus its Luhn check digit.
        let valid = "80380000100001234563";
        assert!(luhn(valid));
        let text = format!("tessera n. {} 00010 0001 2345 63", &valid[..5]);
        assert_eq!(find(&Input::new(&text)).len(), 1);
        assert!(find(&Input::new("80380000100001234564")).is_empty());
    }
}
