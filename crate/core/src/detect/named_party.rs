//! A named private person tied to a matter the Ente handles: a fine, a
//! benefit, an application, a tax, social services, an eviction
//! ("il signor Bianchi ha preso una multa salatissima", doc. 003).
//! Employees learn these facts at work; publishing them breaks office
//! secrecy even when no identifier appears.

use super::people::Person;
use super::{Hit, Input};
use crate::rules::NAMED_PARTY;

/// Word beginnings that name an administrative matter.
const MATTERS: &[&str] = &[
    "multa",
    "multe",
    "multat",
    "contravvenzion",
    "sanzion",
    "verbal",
    "pratic",
    "istanz",
    "sussidi",
    "contribut",
    "bonus",
    "isee",
    "sfratt",
    "pignor",
    "cartell",
    "tribut",
    "tari",
    "imu",
    "condono",
    "abusiv",
    "espost",
    "denunc",
    "ricors",
    "alloggi",
    "graduatori",
    "rimbors",
    "moros",
    "arretrat",
    "sociali",
    "affid",
    "insolven",
    "evasion",
    "accertament",
    "ingiunzion",
    "assistent",
    "citazion",
    "decadenz",
    "revoc",
    "diniego",
    "rigett",
    "popolar",
];

pub fn find(input: &Input, people: &[Person]) -> Vec<Hit> {
    let mut hits = Vec::new();
    // A word of someone's name is never the matter: the surname Praticò
    // folds to "pratico", which begins like "pratica".
    let named = |i: usize| people.iter().any(|p| p.words.contains(&i));
    for person in people {
        let matter = person
            .clause(input)
            .filter(|&i| !named(i))
            .map(|i| &input.words[i])
            .find(|w| {
                MATTERS.iter().any(|m| w.norm.starts_with(m)) && (w.norm != "sociali" || servizi_sociali(input, w))
            });
        let Some(matter) = matter else {
            continue;
        };
        let span = person.span.start.min(matter.span.start)..person.span.end.max(matter.span.end);
        let canonical = input.text[span.clone()].to_lowercase();
        hits.push(Hit::new(&NAMED_PARTY, span, canonical));
    }
    hits
}

/// "sociali" counts only in "servizi sociali".
fn servizi_sociali(input: &Input, w: &crate::words::Word) -> bool {
    input
        .words_before(w.span.start, 1)
        .first()
        .is_some_and(|p| p.norm == "servizi")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found_with_people(find, text)
    }

    #[test]
    fn finds_a_person_tied_to_a_matter() {
        // The seed example (doc. 003).
        assert_eq!(
            found("Sapete che il signor Bianchi ha ricevuto una multa salatissima? Se lo merita"),
            ["signor Bianchi ha ricevuto una multa"]
        );
        assert_eq!(found("La famiglia Esposito è seguita dai servizi sociali").len(), 1);
        assert_eq!(found("Mario Verdi ha chiesto il bonus affitti").len(), 1);
    }

    #[test]
    fn matters_without_a_person_and_people_without_a_matter_are_clean() {
        assert!(found("Le multe per divieto di sosta aumentano").is_empty());
        assert!(found("Auguri a Mario per il compleanno!").is_empty());
        assert!(found("La festa dei servizi tecnici").is_empty());
    }

    #[test]
    fn a_surname_that_begins_like_a_matter_is_not_one() {
        // Read off a shop sign or a poster: Praticò folds to "pratico".
        assert!(found("Giuseppe Praticò").is_empty());
        assert!(found("Concerto di Anna Praticò in piazza").is_empty());
        assert!(found("Anna Rossi e Luca Praticò al concerto").is_empty());
        // The same surname tied to a real matter still is.
        assert_eq!(found("Il signor Praticò ha preso una multa").len(), 1);
        assert_eq!(found("Giuseppe Praticò ha chiesto il bonus affitti").len(), 1);
    }
}
