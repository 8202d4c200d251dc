//! A person's home address: a street type, a name, a civic number ("via
//! Roma 12", "Viale G. Marconi, n. 5/B"), in a sentence that ties it to a
//! person ("il signor Bianchi abita in …", "residente in …", "… scala B").
//! The address of a square where an event takes place is not reported.

use super::people::{Person, REACH};
use super::{Hit, Input};
use crate::rules::ADDRESS;
use crate::words::{any_prefix, Word};

const STREET: &[&str] = &[
    "via",
    "viale",
    "vle",
    "piazza",
    "pza",
    "zza",
    "piazzale",
    "corso",
    "cso",
    "vicolo",
    "vico",
    "largo",
    "contrada",
    "strada",
    "borgo",
    "stretto",
    "lungomare",
    "lungotevere",
    "salita",
    "localita",
    "frazione",
    "traversa",
    "calle",
    "rampa",
    "rotonda",
    "circonvallazione",
];
const PARTICLES: &[&str] = &[
    "di", "del", "della", "dei", "degli", "delle", "dello", "d", "san", "santa", "s", "e",
];
const HOME: &[&str] = &[
    "abit",
    "resident",
    "risied",
    "domicil",
    "vive",
    "vivon",
    "casa",
    "indirizz",
    "trasferit",
    "appartament",
    "interno",
    "int",
    "scala",
    "piano",
    "citofon",
    "cap",
];

pub fn find(input: &Input, people: &[Person]) -> Vec<Hit> {
    let words = &input.words;
    let mut hits = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !STREET.contains(&w.norm.as_str()) {
            continue;
        }
        let Some(number) = civic_number(words, i) else {
            continue;
        };
        // Tied to a person: a mention or a word about living somewhere in the
        // same clause (a few words either side, same sentence).
        let sentence = w.sentence;
        let from = i.saturating_sub(REACH);
        let to = (number + 1 + REACH).min(words.len());
        let clause: Vec<Word> = words[from..to]
            .iter()
            .filter(|x| x.sentence == sentence)
            .cloned()
            .collect();
        let first_person = people.partition_point(|p| p.words.end <= from);
        let person_near = people[first_person..]
            .iter()
            .take_while(|p| p.words.start < to)
            .any(|p| p.sentence == sentence);
        let tied = person_near || any_prefix(&clause, HOME);
        if tied {
            let span = w.span.start..words[number].span.end;
            let canonical = input.text[span.clone()].to_lowercase();
            hits.push(Hit::new(&ADDRESS, span, canonical));
        }
    }
    hits
}

/// Index of the civic number after the street type at `i`: one to five name
/// words (the first capitalised), optionally "n." / "civico", then digits.
fn civic_number(words: &[Word], i: usize) -> Option<usize> {
    let first = words.get(i + 1)?;
    if !first.capitalized || first.sentence != words[i].sentence {
        return None;
    }
    let mut j = i + 1;
    while j < words.len() && j <= i + 6 && words[j].sentence == words[i].sentence {
        let w = &words[j];
        if w.norm.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            let digits = w.norm.bytes().take_while(u8::is_ascii_digit).count();
            return (j > i + 1 && digits <= 4).then_some(j);
        }
        let name_like =
            w.capitalized || PARTICLES.contains(&w.norm.as_str()) || matches!(w.norm.as_str(), "n" | "nr" | "civico");
        if !name_like {
            return None;
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found_with_people(find, text)
    }

    #[test]
    fn finds_a_persons_address() {
        assert_eq!(
            found("Il signor Bianchi abita in via Roma 12, secondo piano"),
            ["via Roma 12"]
        );
        assert_eq!(
            found("residente in Viale Giuseppe Garibaldi, n. 5/B"),
            ["Viale Giuseppe Garibaldi, n. 5"]
        );
        assert_eq!(
            found("Stretto Sanguineti, 386 Appartamento 6"),
            ["Stretto Sanguineti, 386"]
        );
    }

    #[test]
    fn leaves_public_places_and_other_vias_alone() {
        assert!(found("Festa in piazza Garibaldi 1 sabato sera!").is_empty());
        assert!(found("inviato via email 3 volte").is_empty());
        assert!(found("il mercato di via Roma è chiuso").is_empty());
    }
}
