//! Italian licence plates in the current format (since 1994): two letters,
//! three digits, two letters — `AB 123 CD` or `AB123CD`. The series never
//! use I, O, Q and U (they read as 1, 0 and each other), which also keeps
//! words around a number out: "il 118 si chiama" is no plate. Nor is a
//! number between two short words in lowercase ("el 730 xe", Venetian for
//! "the 730 is"), unless the sentence speaks of a plate: written apart, a
//! plate is written in capitals.

use super::{Hit, Input};
use crate::rules::LICENSE_PLATE;

pub fn find(input: &Input) -> Vec<Hit> {
    input
        .candidates(7..8)
        .filter(|c| matches!(c.runs, [7] | [2, 3, 2]) && shape(c.compact))
        .filter(|c| c.runs == [7] || !lowercase_apart(&input.text[c.span.clone()]) || named_plate(input, c.span.start))
        .map(|c| Hit::new(&LICENSE_PLATE, c.span, c.compact.to_string()))
        .collect()
}

fn lowercase_apart(written: &str) -> bool {
    !written.chars().any(char::is_uppercase)
}

/// Does a word for a plate ("targa", "targato", "targhe") come shortly
/// before `start`?
fn named_plate(input: &Input, start: usize) -> bool {
    let mut from = start.saturating_sub(40);
    while !input.text.is_char_boundary(from) {
        from -= 1;
    }
    input.text[from..start].to_lowercase().contains("targ")
}

fn shape(compact: &str) -> bool {
    let b = compact.as_bytes();
    let series = |l: &u8| l.is_ascii_uppercase() && !matches!(l, b'I' | b'O' | b'Q' | b'U');
    b[..2].iter().all(series) && b[2..5].iter().all(u8::is_ascii_digit) && b[5..].iter().all(series)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plates_with_and_without_spaces() {
        for text in [
            "targa AB 123 CD",
            "l'auto ab123cd era in doppia fila",
            "FG-456-HL",
            "la Punto targata fg 456 hl",
            "El 730 XE",
        ] {
            assert_eq!(find(&Input::new(text)).len(), 1, "{text}");
        }
        for text in [
            "ABC 123 DE",
            "A1 234 BC",
            "AB 1234 CD",
            "il 118 si chiama solo per le emergenze",
            "EO 123 CD",
            "AB 123 CU",
            "Ciò, el 730 xe come la morosa",
        ] {
            assert!(find(&Input::new(text)).is_empty(), "{text}");
        }
    }
}
