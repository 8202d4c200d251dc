//! Health data of an identifiable person: a diagnosis, a disability, a
//! treatment or a hospital stay in the same sentence as a named person
//! ("il signor Rossi ha il diabete", "la collega Bianchi è in chemio").
//! Health in general ("posto riservato ai disabili", "la ricerca sul
//! cancro") is not personal data and is not reported.

use super::people::Person;
use super::{Hit, Input};
use crate::rules::HEALTH;
use crate::words::Word;

/// Word beginnings that name a condition, a disability or a treatment.
const TERMS: &[&str] = &[
    "diabet",
    "tumor",
    "cancr",
    "chemio",
    "radioterap",
    "depress",
    "hiv",
    "sieropositiv",
    "aids",
    "disabil",
    "invalidit",
    "handicap",
    "ricover",
    "psichiatr",
    "dialisi",
    "alzheimer",
    "demenz",
    "autis",
    "epiless",
    "sclerosi",
    "cardiopat",
    "infart",
    "ictus",
    "leucemi",
    "metastas",
    "oncolog",
    "malatti",
    "malat",
    "diagnos",
    "terapi",
    "tossicodipend",
    "alcolist",
    "anoressi",
    "bulimi",
    "schizofren",
    "bipolar",
    "parkinson",
    "paraplegi",
    "tetraplegi",
    "carrozzin",
    "covid",
    "trapiant",
    "gravidanz",
    "incint",
    "aborti",
    "psicofarm",
    "antidepress",
    "tso",
    "ospedal",
    "pronto",
    "operat",
    "intervent",
    "certificat",
];
/// Words that are health terms only in some company ("pronto soccorso",
/// "operato al cuore", "certificato medico"): they need a second term.
const WEAK: &[&str] = &["pronto", "operat", "intervent", "certificat", "ospedal"];

fn term(w: &Word) -> Option<bool> {
    let strong = TERMS.iter().any(|t| w.norm.starts_with(t) && !WEAK.contains(t));
    if strong {
        return Some(true);
    }
    WEAK.iter().any(|t| w.norm.starts_with(t)).then_some(false)
}

pub fn find(input: &Input, people: &[Person]) -> Vec<Hit> {
    let words = &input.words;
    let mut hits = Vec::new();
    for person in people {
        let clause = person.clause(input);
        let sentence: Vec<(usize, &Word)> = clause.clone().zip(&words[clause]).collect();
        let mut strong = None;
        let mut weak = 0;
        for (i, w) in &sentence {
            match term(w) {
                Some(true) => strong = strong.or(Some(*i)),
                Some(false) => weak += 1,
                None => {}
            }
            // "legge 104" / "la 104": the law on disability support.
            if w.norm == "104" && *i > 0 && matches!(words[i - 1].norm.as_str(), "legge" | "la" | "l") {
                strong = strong.or(Some(i - 1));
            }
        }
        let at = match strong {
            Some(i) => i,
            None if weak >= 2 => sentence
                .iter()
                .find(|(_, w)| term(w).is_some())
                .map(|(i, _)| *i)
                .unwrap_or(0),
            None => continue,
        };
        let term_span = &words[at].span;
        let span = person.span.start.min(term_span.start)..person.span.end.max(term_span.end);
        let canonical = input.text[span.clone()].to_lowercase();
        hits.push(Hit::new(&HEALTH, span, canonical));
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found_with_people(find, text)
    }

    #[test]
    fn finds_health_tied_to_a_person() {
        assert_eq!(
            found("Il signor Rossi ha il diabete da anni"),
            ["signor Rossi ha il diabete"]
        );
        assert_eq!(
            found("la collega Bianchi è in chemio, poverina"),
            ["collega Bianchi è in chemio"]
        );
        assert_eq!(
            found("ha la legge 104 per il figlio, vero Mario?"),
            ["legge 104 per il figlio, vero Mario"]
        );
        assert_eq!(found("Giulia è in malattia per depressione").len(), 1);
    }

    #[test]
    fn health_without_a_person_is_not_personal_data() {
        assert!(found("Posto riservato ai disabili, rispettatelo").is_empty());
        assert!(found("Corsa per la ricerca sul cancro domenica").is_empty());
        assert!(found("Mario è andato al mare").is_empty());
    }
}
