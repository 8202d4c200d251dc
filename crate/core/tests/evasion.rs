//! Issue 13, item 8: identifiers written with the tricks people use to
//! slip past a filter are still found, twenty variants per trick and kind,
//! and the underline covers what was typed, in bytes and in UTF-16 units.

use riserbo_core::detect::{checksum, codice_fiscale, iban};
use riserbo_core::offsets::{self, Unit};
use riserbo_core::{Analyzer, Finding};

/// Twenty valid identifiers of `kind`, as groups people write them in.
fn identifiers(kind: &str) -> Vec<Vec<String>> {
    (0..20u64)
        .map(|i| match kind {
            "codice_fiscale" => {
                let base = format!("RSSMRA{:02}T{:02}A56", 60 + i, 10 + i);
                let code = (b'A'..=b'Z')
                    .map(|c| format!("{base}2{}", c as char))
                    .find(|c| codice_fiscale::canonical(c).is_some())
                    .expect("a check letter");
                vec![
                    code[..3].into(),
                    code[3..6].into(),
                    code[6..11].into(),
                    code[11..].into(),
                ]
            }
            "iban" => {
                let bban = format!("X0542811101{:012}", 123_456 + i * 7_919);
                let code = (0..100)
                    .map(|k| format!("IT{k:02}{bban}"))
                    .find(|c| iban::valid(c))
                    .expect("check digits");
                code.as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8(c.to_vec()).unwrap())
                    .collect()
            }
            "phone" => {
                let n = format!("3{}{:07}", 3 + i % 6, 1_234_567 + i * 104_729);
                vec![n[..3].into(), n[3..6].into(), n[6..].into()]
            }
            "payment_card" => {
                let base = format!("4{:014}", 11_111_111_111_111 + i * 1_000_003);
                let code = (0..10)
                    .map(|d| format!("{base}{d}"))
                    .find(|c| checksum::luhn(c))
                    .expect("a Luhn digit");
                code.as_bytes()
                    .chunks(4)
                    .map(|c| String::from_utf8(c.to_vec()).unwrap())
                    .collect()
            }
            _ => unreachable!(),
        })
        .collect()
}

const WORDS: [&str; 10] = [
    "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
];

/// The identifier's groups written with `trick`.
fn written(trick: &str, groups: &[String]) -> String {
    let joined = |sep: &str| groups.join(sep);
    let each_char = |mark: &str| joined("").chars().map(|c| format!("{c}{mark}")).collect::<String>();
    let digits = |f: &dyn Fn(u32) -> String| {
        joined(" ")
            .chars()
            .map(|c| c.to_digit(10).map_or(c.to_string(), f))
            .collect::<String>()
    };
    let from = |zero: u32| move |d: u32| char::from_u32(zero + d).unwrap().to_string();
    match trick {
        "underscore" => joined("_"),
        "comma" => joined(","),
        "en dash" => joined("\u{2013}"),
        "non-breaking hyphen" => joined("\u{2011}"),
        "middle dot" => joined("·"),
        "bar" => joined("|"),
        "asterisk" => joined("*"),
        "double space" => joined("  "),
        "tab" => joined("\t"),
        "figure space" => joined("\u{2007}"),
        "ideographic space" => joined("\u{3000}"),
        "spaced dash" => joined(" - "),
        "two lines" => {
            let half = groups.len() / 2;
            format!("{}\n{}", groups[..half].join(" "), groups[half..].join(" "))
        }
        "combining grapheme joiner" => each_char("\u{034F}"),
        "acute accent" => each_char("\u{0301}"),
        "low line" => each_char("\u{0332}"),
        "strike-through" => each_char("\u{0336}"),
        "variation selector" => each_char("\u{FE0F}"),
        "bidi isolates" => format!("\u{2066}{}\u{2069}", joined("\u{2068}\u{2069}")),
        "tag characters" => joined("\u{E0041}\u{E0042}"),
        "hangul filler" => joined("\u{3164}"),
        "bold digits" => digits(&from(0x1D7CE)),
        "monospace digits" => digits(&from(0x1D7F6)),
        "superscript digits" => digits(&|d| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d as usize].to_string()),
        "circled digits" => digits(&|d| if d == 0 { "⓪".into() } else { from(0x2460 - 1)(d) }),
        "arabic-indic digits" => digits(&from(0x0660)),
        "keycap digits" => digits(&|d| format!("{d}\u{FE0F}\u{20E3}")),
        "number words" => {
            let words: Vec<String> = joined(" ")
                .chars()
                .filter(|c| *c != ' ')
                .map(|c| c.to_digit(10).map_or(c.to_string(), |d| WORDS[d as usize].to_string()))
                .collect();
            words.join(" ")
        }
        "glued to the word before" => joined(""),
        _ => unreachable!("{trick}"),
    }
}

const TRICKS: &[&str] = &[
    "underscore",
    "comma",
    "en dash",
    "non-breaking hyphen",
    "middle dot",
    "bar",
    "asterisk",
    "double space",
    "tab",
    "figure space",
    "ideographic space",
    "spaced dash",
    "two lines",
    "combining grapheme joiner",
    "acute accent",
    "low line",
    "strike-through",
    "variation selector",
    "bidi isolates",
    "tag characters",
    "hangul filler",
    "bold digits",
    "monospace digits",
    "superscript digits",
    "circled digits",
    "arabic-indic digits",
    "keycap digits",
    "number words",
    "glued to the word before",
];

/// The sentence around an identifier, and the word before it.
fn sentence(kind: &str, trick: &str, typed: &str) -> (String, std::ops::Range<usize>) {
    let word = match kind {
        "codice_fiscale" => "codice",
        "iban" => "iban",
        "phone" => "cell",
        _ => "carta",
    };
    let before = if trick == "glued to the word before" {
        format!("Il mio {word}")
    } else {
        format!("Il mio {word}: ")
    };
    let text = format!("{before}{typed} grazie a tutti");
    (text, before.len()..before.len() + typed.len())
}

/// UTF-16 offset of byte `b` of `text`.
fn utf16(text: &str, b: usize) -> usize {
    text[..b].encode_utf16().count()
}

fn check(kind: &str, trick: &str) -> Result<(), String> {
    let analyzer = Analyzer::default();
    let mut missed = Vec::new();
    for groups in identifiers(kind) {
        let typed = written(trick, &groups);
        let (text, typed_span) = sentence(kind, trick, &typed);
        let findings: Vec<Finding> = analyzer.analyze(&text).into_iter().filter(|f| f.kind == kind).collect();
        // What is visible of the typed identifier: from its first letter
        // or digit to the end of its last.
        let first = typed.find(|c: char| c.is_alphanumeric()).unwrap() + typed_span.start;
        let found = findings
            .iter()
            .find(|f| f.start <= first && f.end > first && f.end <= typed_span.end && f.start >= typed_span.start - 1);
        let Some(f) = found else {
            missed.push(format!(
                "{text:?}: {:?}",
                findings.iter().map(|f| &f.text).collect::<Vec<_>>()
            ));
            continue;
        };
        // The underline reaches the last visible char of what was typed.
        let last_visible = typed
            .char_indices()
            .rfind(|(_, c)| c.is_alphanumeric())
            .map(|(i, c)| typed_span.start + i + c.len_utf8())
            .unwrap();
        if f.end < last_visible {
            missed.push(format!("{text:?}: underlined only {:?}", f.text));
            continue;
        }
        // The same span in UTF-16 units, as the extension gets it.
        let mut units = vec![f.clone()];
        offsets::convert(&text, &mut units, Unit::Utf16);
        if (units[0].start, units[0].end) != (utf16(&text, f.start), utf16(&text, f.end)) {
            missed.push(format!("{text:?}: UTF-16 span {:?}", (units[0].start, units[0].end)));
        }
    }
    if missed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{kind}, {trick}: {} of 20 missed, e.g. {}",
            missed.len(),
            missed[0]
        ))
    }
}

#[test]
fn every_trick_is_undone_for_every_identifier() {
    let mut failures = Vec::new();
    for kind in ["codice_fiscale", "iban", "phone", "payment_card"] {
        for trick in TRICKS {
            if let Err(e) = check(kind, trick) {
                failures.push(e);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn twenty_distinct_identifiers_per_kind() {
    for kind in ["codice_fiscale", "iban", "phone", "payment_card"] {
        let mut all: Vec<String> = identifiers(kind).into_iter().map(|g| g.concat()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 20, "{kind}");
    }
}

#[test]
fn plain_prose_with_number_words_and_separators_stays_clean() {
    let analyzer = Analyzer::default();
    for text in [
        "Ho visto tre film, uno due tre e basta.",
        "Sei uno dei migliori, tre volte grazie.",
        "Ordine n. 12345 | consegna 3 giorni * offerta",
        "Orari: 9_12, 15_18 · chiuso il lunedì",
        "Il 3 - 1 di ieri sera\tè stato bello",
    ] {
        let ids: Vec<String> = analyzer
            .analyze(text)
            .into_iter()
            .filter(|f| f.kind != "learned")
            .map(|f| f.kind)
            .collect();
        assert!(ids.is_empty(), "{text}: {ids:?}");
    }
}
