//! The codice fiscale of a natural person: 16 characters, the last a check
//! letter computed from the other fifteen.
//!
//! Layout: 3 letters of the surname, 3 of the name, 2 digits of the birth
//! year, the month as a letter (`ABCDEHLMPRST`), 2 digits of the day (plus 40
//! for women), the 4-character cadastral code of the birthplace (a letter and
//! 3 digits) and the check letter. When two people would share a code, the
//! Agenzia delle Entrate replaces digits from the right with the letters
//! `LMNPQRSTUV` ("omocodia"); the check letter is computed on the code as
//! issued, substitutions included.
//!
//! A candidate must have this exact shape, a valid month and day, and the
//! right check letter: random text passes all three about once in several
//! million tries, so a hit is reported as critical. The 11-digit numeric code
//! given to companies and bodies is a different identifier (the partita IVA
//! format) and is not matched here.
//!
//! Writers sometimes confuse `O` with `0` and `I` with `1`; the shape tells
//! which one was meant at each position, so both are read right.

use super::{Hit, Input};
use crate::rules::CODICE_FISCALE;

const MONTHS: &[u8] = b"ABCDEHLMPRST";
const OMOCODIA: &[u8] = b"LMNPQRSTUV";
/// Positions that hold digits, or their omocodia letters.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Values of a character in an odd position (1st, 3rd, ...), for digits and
/// letters alike (`0` and `A` share a value, `1` and `B`, and so on).
const ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Finds every valid codice fiscale.
pub fn find(input: &Input) -> Vec<Hit> {
    input
        .all_candidates(16..17)
        // A code whose digits were all replaced (full omocodia) is written as
        // one word with omocodia letters in every digit's place; a word of
        // prose with none of its digits ("consigliatissima", read with I
        // for 1) or letters across several words is chance.
        .filter(|c| c.compact.bytes().any(|b| b.is_ascii_digit()) || (c.runs.len() == 1 && full_omocodia(c.compact)))
        .filter_map(|c| canonical(c.compact).map(|code| Hit::new(&CODICE_FISCALE, c.span, code)))
        .collect()
}

/// Does every digit's place of `candidate` hold an omocodia letter?
fn full_omocodia(candidate: &str) -> bool {
    let b = candidate.as_bytes();
    b.len() == 16 && DIGIT_POSITIONS.iter().all(|&i| OMOCODIA.contains(&b[i]))
}

/// The code in canonical form if `candidate` (16 upper-case alphanumerics)
/// is a valid personal codice fiscale, reading `O`/`I` as `0`/`1` where a
/// digit belongs and the other way round where a letter does.
pub fn canonical(candidate: &str) -> Option<String> {
    let mut code: Vec<u8> = candidate.bytes().collect();
    if code.len() != 16 {
        return None;
    }
    for (i, c) in code.iter_mut().enumerate() {
        let digit_slot = DIGIT_POSITIONS.contains(&i);
        *c = match (*c, digit_slot) {
            (b'O', true) => b'0',
            (b'I', true) => b'1',
            (b'0', false) => b'O',
            (b'1', false) => b'I',
            (c, _) => c,
        };
        let ok = if digit_slot {
            c.is_ascii_digit() || OMOCODIA.contains(c)
        } else {
            c.is_ascii_uppercase()
        };
        if !ok {
            return None;
        }
    }
    if !MONTHS.contains(&code[8]) {
        return None;
    }
    let day = decode_digit(code[9]) * 10 + decode_digit(code[10]);
    if !matches!(day, 1..=31 | 41..=71) {
        return None;
    }
    if check_letter(&code[..15]) != code[15] {
        return None;
    }
    Some(String::from_utf8(code).expect("ASCII"))
}

/// The digit an omocodia letter stands for (digits stand for themselves).
fn decode_digit(c: u8) -> u32 {
    match OMOCODIA.iter().position(|&l| l == c) {
        Some(value) => value as u32,
        None => (c - b'0') as u32,
    }
}

/// The check letter of the first fifteen characters.
pub fn check_letter(first15: &[u8]) -> u8 {
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let index = if c.is_ascii_digit() { c - b'0' } else { c - b'A' } as usize;
            // Positions are counted from 1, so index 0 is "odd".
            if i % 2 == 0 {
                ODD_VALUES[index]
            } else {
                index as u32
            }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found(find, text)
    }

    #[test]
    fn accepts_valid_codes() {
        // Codes that python-stdnum also validates.
        for code in ["RSSMRA85T10A562S", "MRTMTT91D08F205J", "RCCMNL83S18D969H"] {
            assert!(canonical(code).is_some(), "{code}");
        }
    }

    #[test]
    fn rejects_a_wrong_check_letter_month_or_day() {
        assert!(canonical("RSSMRA85T10A562T").is_none(), "check letter");
        assert!(canonical("RSSMRA85Z10A562S").is_none(), "month Z");
        assert!(canonical("RSSMRA85T32A562S").is_none(), "day 32");
        assert!(canonical("RSSMRA85T00A562S").is_none(), "day 0");
    }

    #[test]
    fn accepts_omocodia_with_its_own_check_letter() {
        // A562 -> A56N: the last digit replaced by its letter (2 -> N).
        let mut code = *b"RSSMRA85T10A56N_";
        code[15] = check_letter(&code[..15]);
        let code = std::str::from_utf8(&code).unwrap();
        assert!(canonical(code).is_some(), "{code}");
        // Day 10 written as M (1) and L (0).
        let mut code = *b"RSSMRA85TMLA562_";
        code[15] = check_letter(&code[..15]);
        assert!(canonical(std::str::from_utf8(&code).unwrap()).is_some());
    }

    #[test]
    fn finds_codes_as_people_write_them() {
        assert_eq!(found("il cf è RSSMRA85T10A562S."), vec!["RSSMRA85T10A562S"]);
        assert_eq!(found("cf rssmra85t10a562s grazie"), vec!["rssmra85t10a562s"]);
        assert_eq!(found("CF: RSS MRA 85T10 A562S"), vec!["RSS MRA 85T10 A562S"]);
        assert_eq!(found("RSSMRA85T1OA562S"), vec!["RSSMRA85T1OA562S"], "O for 0");
        assert_eq!(found("RSSMRA85T10A562S\u{200B}"), vec!["RSSMRA85T10A562S\u{200B}"]);
        assert_eq!(
            found("ＲＳＳＭＲＡ８５Ｔ１０Ａ５６２Ｓ"),
            vec!["ＲＳＳＭＲＡ８５Ｔ１０Ａ５６２Ｓ"]
        );
    }

    #[test]
    fn ignores_codes_inside_longer_words_and_company_codes() {
        assert!(found("XRSSMRA85T10A562S").is_empty());
        assert!(found("RSSMRA85T10A562SX").is_empty());
        assert!(found("codice fiscale dell'ente 00488410010").is_empty());
        assert!(found("Ordine n. 2024-ABCD-1234-XYZ").is_empty());
    }

    #[test]
    fn a_word_without_digits_is_a_code_only_in_full_omocodia() {
        // Valid once I is read as 1: a word, not a code.
        assert!(canonical("CONSIGLIATISSIMA").is_some());
        assert!(found("Che mostra, consigliatissima! Aperta fino a gennaio").is_empty());
        // Every digit replaced by its omocodia letter: RSSMRA 85 T 12 A 532
        // written RSSMRA UR T MN A RPN.
        let mut code = *b"RSSMRAURTMNARPN_";
        code[15] = check_letter(&code[..15]);
        let code = std::str::from_utf8(&code).unwrap();
        assert_eq!(found(&format!("il suo cf è {code}")), [code]);
    }
}
