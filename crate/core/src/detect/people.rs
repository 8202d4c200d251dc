//! Mentions of an identifiable private person: the phrase-level rules
//! (address, health, named party) report only what is tied to one.
//!
//! A person is recognised by a title or role followed by a capitalised name
//! ("il signor Bianchi", "la collega Verdi", "la famiglia Esposito"), or by
//! a common first name, alone or with a surname ("Mario", "Giulia Rossi").
//! Names of offices and organs ("Comune", "Sindaco") are not people.

use std::ops::Range;

use std::sync::OnceLock;

use super::Input;

/// Words that introduce a person's name.
const TITLES: &[&str] = &[
    "signor",
    "signore",
    "signora",
    "signorina",
    "sig",
    "sigra",
    "ra",
    "dott",
    "dottor",
    "dottore",
    "dottoressa",
    "avv",
    "avvocato",
    "ing",
    "geom",
    "prof",
    "professore",
    "professoressa",
    "rag",
    "collega",
    "vicino",
    "vicina",
    "cittadino",
    "cittadina",
    "utente",
    "contribuente",
    "famiglia",
    "coniugi",
    "fratelli",
    "sorelle",
    "dipendente",
    "assessore",
    "consigliere",
    "zio",
    "zia",
    "nonno",
    "nonna",
    "maestra",
    "maestro",
    "don",
    "suor",
];

/// Common Italian first names (folded), enough to spot a named person.
const FIRST_NAMES: &[&str] = &[
    "mario",
    "giuseppe",
    "giovanni",
    "antonio",
    "francesco",
    "luigi",
    "paolo",
    "marco",
    "andrea",
    "luca",
    "giorgio",
    "roberto",
    "stefano",
    "alessandro",
    "salvatore",
    "vincenzo",
    "pietro",
    "carlo",
    "franco",
    "domenico",
    "bruno",
    "sergio",
    "angelo",
    "michele",
    "massimo",
    "fabio",
    "claudio",
    "enrico",
    "davide",
    "matteo",
    "simone",
    "federico",
    "lorenzo",
    "riccardo",
    "gabriele",
    "daniele",
    "emanuele",
    "nicola",
    "alberto",
    "giacomo",
    "filippo",
    "tommaso",
    "edoardo",
    "leonardo",
    "cristian",
    "alessio",
    "gianluca",
    "maurizio",
    "raffaele",
    "gennaro",
    "ciro",
    "rocco",
    "carmine",
    "pasquale",
    "sandro",
    "renato",
    "walter",
    "piero",
    "dario",
    "diego",
    "ivan",
    "lucio",
    "aldo",
    "ettore",
    "umberto",
    "vittorio",
    "gianni",
    "nino",
    "tonino",
    "peppe",
    "beppe",
    "gino",
    "rosario",
    "calogero",
    "maria",
    "anna",
    "giuseppina",
    "rosa",
    "angela",
    "giovanna",
    "teresa",
    "lucia",
    "carmela",
    "caterina",
    "francesca",
    "anna",
    "antonella",
    "paola",
    "laura",
    "sara",
    "giulia",
    "chiara",
    "federica",
    "valentina",
    "alessandra",
    "elena",
    "silvia",
    "martina",
    "roberta",
    "cristina",
    "simona",
    "monica",
    "barbara",
    "daniela",
    "elisa",
    "francesca",
    "giorgia",
    "alice",
    "aurora",
    "sofia",
    "emma",
    "greta",
    "beatrice",
    "ginevra",
    "chiara",
    "marta",
    "serena",
    "claudia",
    "stefania",
    "patrizia",
    "luisa",
    "rita",
    "carla",
    "franca",
    "graziella",
    "tiziana",
    "loredana",
    "raffaella",
    "rossella",
    "manuela",
    "michela",
    "elisabetta",
    "cinzia",
    "donatella",
    "nadia",
    "sabrina",
    "veronica",
    "ilaria",
    "irene",
    "noemi",
    "arianna",
    "camilla",
    "vittoria",
    "ludovica",
    "margherita",
    "eleonora",
    "concetta",
    "assunta",
    "immacolata",
    "filomena",
    "nunzia",
    "agata",
    "pina",
    "lina",
    "tina",
    "mimma",
    "gina",
];

/// Capitalised words that name institutions, places or roles, not people.
const NOT_NAMES: &[&str] = &[
    "comune",
    "sindaco",
    "sindaca",
    "giunta",
    "consiglio",
    "regione",
    "provincia",
    "stato",
    "ente",
    "ufficio",
    "polizia",
    "asl",
    "inps",
    "agenzia",
    "tribunale",
    "prefettura",
    "questura",
    "carabinieri",
    "natale",
    "pasqua",
    "san",
    "santa",
    "via",
    "piazza",
    "corso",
    "viale",
    "roma",
    "milano",
    "napoli",
    "torino",
    "italia",
    "dio",
];

#[derive(Clone, Debug)]
pub struct Person {
    /// Byte span of the mention.
    pub span: Range<usize>,
    /// Word indices of the mention.
    pub words: Range<usize>,
    pub sentence: usize,
}

/// How many words on each side of a mention a phrase rule looks at: a
/// clause, not a whole unpunctuated paste.
pub const REACH: usize = 12;

impl Person {
    /// Word indices of the clause around the mention: up to [`REACH`] words
    /// on each side, within its sentence.
    pub fn clause(&self, input: &Input) -> Range<usize> {
        let words = &input.words;
        let mut start = self.words.start.saturating_sub(REACH);
        while words[start].sentence < self.sentence {
            start += 1;
        }
        let mut end = (self.words.end + REACH).min(words.len());
        while words[end - 1].sentence > self.sentence {
            end -= 1;
        }
        start..end
    }
}

static TITLES_SORTED: OnceLock<Vec<&str>> = OnceLock::new();
static FIRST_NAMES_SORTED: OnceLock<Vec<&str>> = OnceLock::new();
static NOT_NAMES_SORTED: OnceLock<Vec<&str>> = OnceLock::new();

/// Is `word` in `list`? The lists keep the order that reads best; they are
/// sorted once, on first use, and searched by halves: every capitalised
/// word of every post asks.
fn listed(list: &'static [&'static str], sorted: &'static OnceLock<Vec<&'static str>>, word: &str) -> bool {
    sorted
        .get_or_init(|| {
            let mut v = list.to_vec();
            v.sort_unstable();
            v
        })
        .binary_search(&word)
        .is_ok()
}

pub fn find(input: &Input) -> Vec<Person> {
    let words = &input.words;
    let mut people = Vec::new();
    let mut i = 0;
    let is_name = |j: usize| {
        words.get(j).is_some_and(|w: &crate::words::Word| {
            w.capitalized
                && w.norm.chars().all(char::is_alphabetic)
                && w.norm.len() > 1
                && !listed(NOT_NAMES, &NOT_NAMES_SORTED, &w.norm)
        })
    };
    while i < words.len() {
        let w = &words[i];
        let titled = listed(TITLES, &TITLES_SORTED, &w.norm) && is_name(i + 1) && words[i + 1].sentence == w.sentence;
        let first_name = w.capitalized && listed(FIRST_NAMES, &FIRST_NAMES_SORTED, &w.norm);
        if titled || first_name {
            let mut end = if titled { i + 1 } else { i };
            // A surname (or a second one) right after.
            while end + 1 < words.len() && end < i + 3 && is_name(end + 1) && words[end + 1].sentence == w.sentence {
                end += 1;
            }
            // "sig.ra" reads as the words "sig" and "ra".
            let start = if w.norm == "ra" && i > 0 && words[i - 1].norm == "sig" {
                words[i - 1].span.start
            } else {
                w.span.start
            };
            let first_word = if start == w.span.start { i } else { i - 1 };
            people.push(Person {
                span: start..words[end].span.end,
                words: first_word..end + 1,
                sentence: w.sentence,
            });
            i = end + 1;
        } else {
            i += 1;
        }
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        find(&Input::new(text))
            .into_iter()
            .map(|p| text[p.span].to_string())
            .collect()
    }

    #[test]
    fn finds_titled_and_first_named_people() {
        assert_eq!(found("Il signor Bianchi ha preso una multa"), ["signor Bianchi"]);
        assert_eq!(
            found("la sig.ra Maria Verdi e la collega Neri"),
            ["sig.ra Maria Verdi", "collega Neri"]
        );
        assert_eq!(found("Giulia Rossi è passata"), ["Giulia Rossi"]);
        assert!(found("Il Sindaco ha parlato in Comune").is_empty());
        assert!(found("il signore di ieri").is_empty());
    }
}
