//! Phone numbers: Italian mobile and landline numbers as people write them
//! (`+39 333 1234567`, `0039…`, `333-123.45.67`, `333/1234567`,
//! `0965 123456`), and foreign numbers in international form (`+44 …`).
//!
//! Italian numbers are recognised by their plan: landlines start with `0`
//! and have 6 to 11 digits, mobiles start with `3` and have 9 or 10. Numbers
//! starting with `1` or `8` are emergency, public-utility and toll-free
//! services (112, 118, 1522, 800 …) and are never reported. Dates (`03/04/2024`)
//! and numbers introduced as an order, a file or a code are not phones.
//! Words such as "cell" or "chiamare" before the number make it critical.
//! A landline named as an office's public line ("il centralino è lo 011
//! …", "lo trovate sul sito") is only a hint: the labelling guide and the
//! sources say an office's published number is not personal data, and a
//! warning on it teaches people to ignore warnings. Mobiles stay warned.

use super::{Hit, Input};
use crate::rules::PHONE;
use crate::words::any_prefix;
use crate::Severity;

const SUPPORT: &[&str] = &[
    "tel", "cel", "numer", "chiam", "whatsapp", "wa", "contatt", "recapit", "squill", "scriv", "sms",
];
/// Words that name a landline as an office's public line, in the same
/// sentence as the number (up to [`PUBLIC_REACH`] words either side).
const PUBLIC_LINE: &[&str] = &[
    "centralin",
    "callcenter",
    "urp",
    "sito",
    "portal",
    "guardia",
    "sportell",
    "segreteri",
    "reception",
    "portineri",
    "prenotazion",
    "pubblicat",
    "istituzional",
];
const PUBLIC_REACH: usize = 8;

const AGAINST: &[&str] = &[
    "ordin",
    "pratic",
    "protocoll",
    "prot",
    "codic",
    "cod",
    "tracking",
    "spedizion",
    "fattur",
    "matricol",
    "conto",
    "isbn",
    "ticket",
    "id",
    "pin",
    "cap",
    "iban",
    "line",
    "bus",
    "seriale",
    "serie",
    "lotto",
    "ricevut",
    "scontrin",
    "transazion",
    "rif",
    "riferiment",
    "n",
    "nr",
    "num",
    "determin",
    "delibera",
    "cig",
    "cup",
    "partita",
    "iva",
    "piva",
];

pub fn find(input: &Input) -> Vec<Hit> {
    let mut hits = Vec::new();
    for c in input.candidates(6..16) {
        // Without a "+", a phone number starts with 0 (`O` reads 0) or 3:
        // a cheap test before reading the window as digits.
        if c.before != Some('+') && !matches!(c.compact.as_bytes()[0], b'0' | b'3' | b'O') {
            continue;
        }
        let Some(digits) = c.digits() else {
            continue;
        };
        if c.continues_a_number
            || looks_like_a_date(c.chain_runs)
            || looks_like_a_date(c.runs)
            || looks_like_hours(c.runs, &digits)
            || hours_from(&input.text[c.span.start..])
            || continues_a_code(input, c.span.start)
        {
            continue;
        }
        let Some(national) = national_part(&digits, c.before == Some('+')) else {
            continue;
        };
        let before = input.words_before(c.span.start, 3);
        // Underline the "+" of an international prefix too.
        let mut span = c.span.clone();
        if c.before == Some('+') {
            span.start = input.folded.spans[c.chars.start - 1].start;
        }
        // "numero" supports a phone, but "n." / "nr." alone introduce file numbers.
        if national.starts_with('0') && public_line(input, &c.span) {
            hits.push(Hit::new(&PHONE, span, national).with_severity(Severity::Hint));
        } else if any_prefix(before, SUPPORT) {
            hits.push(Hit::new(&PHONE, span, national).with_severity(Severity::Critical));
        } else if !before.iter().any(|w| {
            AGAINST
                .iter()
                .any(|a| w.norm == *a || (a.len() > 3 && w.norm.starts_with(a)))
        }) {
            hits.push(Hit::new(&PHONE, span, national));
        }
    }
    // "+39 333 1234567" also contains "333 1234567": keep the whole number.
    super::resolve_overlaps(hits)
}

/// Is the number at `span` named as an office's public line? The words
/// just before it and just after it count, each side only within its own
/// sentence, and a bounded number of them: the cost is constant per number.
fn public_line(input: &Input, span: &std::ops::Range<usize>) -> bool {
    let before = input.words_before(span.start, PUBLIC_REACH);
    let after = input.words_after(span.end, PUBLIC_REACH);
    // Words are in order: the number's sentence is a tail of `before` and
    // a head of `after`.
    let last = before.last().map(|w| w.sentence);
    let before = &before[before.len() - before.iter().rev().take_while(|w| Some(w.sentence) == last).count()..];
    let first = after.first().map(|w| w.sentence);
    let after = &after[..after.iter().take_while(|w| Some(w.sentence) == first).count()];
    let near: Vec<&str> = before.iter().chain(after).map(|w| w.norm.as_str()).collect();
    any_prefix(before, PUBLIC_LINE)
        || any_prefix(after, PUBLIC_LINE)
        || near
            .windows(2)
            .any(|pair| matches!(pair, ["call" | "contact", "center" | "centre"]))
}

/// The number without the international prefix, if it is a phone number.
fn national_part(digits: &str, plus: bool) -> Option<String> {
    let italian = if plus {
        digits.strip_prefix("39")
    } else {
        digits.strip_prefix("0039")
    };
    match italian {
        Some(national) => italian_number(national).then(|| national.to_string()),
        None if plus => {
            // A foreign number: E.164 allows up to 15 digits with the country code.
            (8..=15).contains(&digits.len()).then(|| digits.to_string())
        }
        None if digits.starts_with("00") => None,
        None => italian_number(digits).then(|| digits.to_string()),
    }
}

fn italian_number(n: &str) -> bool {
    match n.as_bytes().first() {
        Some(b'0') => (6..=11).contains(&n.len()),
        Some(b'3') => (9..=11).contains(&n.len()) && n.as_bytes()[1] != b'0',
        _ => false,
    }
}

/// Opening hours: `0800-1400`, `08.00-14.00` (a picture's text read by
/// OCR drops the colons, or splits `1400` as `14 00`), two times of day,
/// the second later.
fn looks_like_hours(runs: &[usize], digits: &str) -> bool {
    let mut at = 0;
    let mut cuts = [false; 2];
    for &run in runs {
        if run > 4 || at >= 8 {
            break;
        }
        at += run;
        if at == 4 {
            cuts[0] = true;
        }
        if at == 8 {
            cuts[1] = true;
        }
    }
    if cuts != [true, true] || digits.len() != 8 {
        return false;
    }
    let time = |s: &str| {
        let (h, m) = (s[..2].parse::<u32>().ok()?, s[2..].parse::<u32>().ok()?);
        (h <= 24 && m < 60).then_some(h * 60 + m)
    };
    matches!((time(&digits[..4]), time(&digits[4..8])), (Some(a), Some(b)) if a < b)
}

/// Do opening hours start at the beginning of `text`? Reads at most the
/// next 16 characters: digit groups joined by one `-`, `.`, `:` or space
/// (a window cut from `0800-14 00` starts where the hours do). More
/// digits on the same line make a longer number (`0612 1530 12`); the
/// next line of a poster, read into the same chain, does not.
fn hours_from(text: &str) -> bool {
    let mut runs = [0usize; 4];
    let mut n = 0;
    let mut digits = String::with_capacity(8);
    let mut after_separator = false;
    let mut end = text.len();
    for (i, c) in text.char_indices().take(16) {
        if c.is_ascii_digit() {
            if after_separator || n == 0 {
                if n == runs.len() {
                    return false;
                }
                n += 1;
                after_separator = false;
            }
            runs[n - 1] += 1;
            digits.push(c);
            if digits.len() == 8 {
                end = i + 1;
                break;
            }
        } else if matches!(c, '-' | '.' | ':' | ' ') && n > 0 && !after_separator {
            after_separator = true;
        } else {
            return false;
        }
    }
    let mut next = text[end..].chars();
    let same_line_goes_on = match next.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('-' | '.' | ':' | ' ' | '\t') => next.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    digits.len() == 8 && !same_line_goes_on && looks_like_hours(&runs[..n], &digits)
}

/// The number goes on, on the same line, from a short group of letters and
/// digits just before it (`1Z 999 AA1 01 2345 6784`, a parcel's tracking
/// code). A longer code before it (a codice fiscale in the row of a table)
/// is a field of its own.
fn continues_a_code(input: &Input, start: usize) -> bool {
    input.words_before(start, 1).first().is_some_and(|w| {
        let mixed = w.norm.bytes().any(|b| b.is_ascii_digit()) && w.norm.bytes().any(|b| b.is_ascii_alphabetic());
        let gap = &input.text[w.span.end..start];
        mixed && w.norm.len() <= 4 && !gap.contains('\n') && gap.trim().is_empty()
    })
}

/// Run lengths of a date: `03/04/2024`, `3.4.24`, `04/2024`.
fn looks_like_a_date(runs: &[usize]) -> bool {
    match runs {
        [d, m, y] => *d <= 2 && *m <= 2 && matches!(y, 2 | 4),
        [m, 4] => *m <= 2,
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
    fn finds_italian_numbers_in_their_common_forms() {
        for (text, number) in [
            ("chiamatelo al +39 333 1234567", "+39 333 1234567"),
            ("0039 3331234567", "0039 3331234567"),
            ("cell. 333-123.45.67", "333-123.45.67"),
            ("333/1234567", "333/1234567"),
            ("ufficio 0965 123456", "0965 123456"),
            ("06 12345678", "06 12345678"),
            ("numero +44 20 7946 0958", "+44 20 7946 0958"),
        ] {
            assert_eq!(found(text), [number], "{text}");
        }
    }

    #[test]
    fn leaves_services_dates_and_file_numbers_alone() {
        for text in [
            "chiamate il 112 o il 1522",
            "numero verde 800 123456",
            "nato il 03/04/1985",
            "ordine n. 3331234567",
            "prot. 0012345",
            "il 3-1 di ieri",
            "linea 3 e 12",
            "costa 1.250,00 euro",
            "numero verde 800 083398",
            "ISBN 978-88-77-04362-4",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn leaves_opening_hours_and_tracking_codes_alone() {
        // What OCR reads on a notice or a parcel label.
        for text in [
            "Orario di apertura: lun-ven 0800-1400",
            "ore 0800 1400",
            "Orario 08.00-14.00",
            "Aperto 0800-14 00",
            "Pranzo 1200-1500\n4 portate",
            "Spedizione: 1Z 999 AA1 01 2345 6784",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        // Numbers that only look alike still are phones.
        assert_eq!(found("tel. 0612-3456"), ["0612-3456"]);
        assert_eq!(found("ufficio 0965 1234"), ["0965 1234"]);
        assert_eq!(found("tel. 0612 1530 12"), ["0612 1530 12"]);
        assert_eq!(found("cell. 333 1234567"), ["333 1234567"]);
        assert_eq!(found("codice AB12, tel. 333 1234567"), ["333 1234567"]);
        // A table's row: the codice fiscale, then the phone.
        assert_eq!(found("RSSMRA85T10A562S 333 1234567"), ["333 1234567"]);
        assert_eq!(found("AB1\n333 1234567"), ["333 1234567"]);
    }

    #[test]
    fn an_office_public_line_is_only_a_hint() {
        use crate::Severity::{Critical, Hint, Warning};
        let graded = |text| super::super::testing::found_graded(find, text);
        for text in [
            "Per info il centralino è lo 011 8612 111, lo trovate nella pagina contatti",
            "la guardia medica turistica risponde allo 0789 552 100",
            "il contact center è 06 164 164 da cellulare, sta scritto sul sito",
            "Chiamate lo sportello al 0965 123456",
        ] {
            assert!(
                graded(text).iter().all(|(_, s)| *s == Hint),
                "{text}: {:?}",
                graded(text)
            );
            assert_eq!(graded(text).len(), 1, "{text}");
        }
        // A mobile is a person's, whatever the sentence says; and the cue
        // of another sentence does not count.
        assert_eq!(
            graded("il centralino non risponde, chiamate Mario al 333 1234567"),
            [("333 1234567".to_string(), Critical)]
        );
        assert_eq!(
            graded("Il sito è fermo. Numero della signora: 0965 123456"),
            [("0965 123456".to_string(), Critical)]
        );
        assert_eq!(graded("ufficio 0965 123456"), [("0965 123456".to_string(), Warning)]);
    }
}
