//! Office secrets (DPR 62/2013 art. 11-ter c.3, art. 12 c.5; doc. 003,
//! doc. 004): a matter of the office — a tender, a hiring competition, an
//! act, an inspection, an internal meeting or document — together with a
//! cue that it is being disclosed before it is public or from inside
//! ("in anteprima", "non ancora pubblicata", "ve lo dico io", "ero in
//! commissione", "vi giro il documento").
//!
//! What the Ente has already published ("lo trovate sul sito", "pubblicata
//! all'albo") is not a secret, and a "concorso fotografico" or a "gara
//! podistica" is not an office matter.

use std::sync::OnceLock;

use super::{PhraseSet, Post, Semantic};
use crate::detect::Hit;
use crate::rules::{CONF_ACT, CONF_HIRING, CONF_INSPECTION, CONF_INTERNAL, CONF_PROTOCOL, CONF_TENDER, CONF_TERM};

/// Phrases that disclose: before publication, from inside, in secret.
const LEAK_PHRASES: &[&[&str]] = &[
    &["non", "ancora"],
    &["prima", "che", "esca"],
    &["prima", "della", "pubblicazione"],
    &["prima", "che", "la", "pubblichino"],
    &["prima", "che", "la", "presentino"],
    &["prima", "della", "seduta"],
    &["nessuno", "lo", "deve", "sapere"],
    &["non", "ditelo"],
    &["acqua", "in", "bocca"],
    &["ve", "lo", "dico", "io"],
    &["vi", "dico", "io"],
    &["lo", "so", "per", "certo"],
    &["lo", "so", "perche"],
    &["lo", "so", "da", "dentro"],
    &["in", "commissione"],
    &["l", "ho", "scritto", "io"],
    &["ho", "scritto", "io"],
    &["ho", "visto"],
    &["ho", "letto"],
    &["ho", "sottomano"],
    &["vi", "faccio", "vedere"],
    &["vi", "allego"],
    &["vi", "metto"],
    &["vi", "giro"],
    &["vi", "passo"],
    &["ve", "la", "anticipo"],
    &["in", "privato"],
    &["gia", "deciso"],
    &["gia", "decisa"],
    &["gia", "assegnata"],
    &["gia", "scritta"],
    &["gia", "pronta"],
    &["gia", "scritto"],
    &["non", "pubblicata"],
    &["non", "pubblicato"],
    &["ho", "calcolati"],
    &["su", "misura"],
    &["vi", "dico", "in"],
    &["si", "sa", "gia"],
    &["chi", "vince"],
    &["chi", "vincera"],
    &["la", "vince"],
    &["vince", "la"],
    &["vincera"],
    &["la", "firmo", "io"],
    &["la", "firmiamo"],
    &["la", "firmano"],
    &["li", "ho", "visti"],
    &["correggo", "io"],
    &["sto", "correggendo"],
    &["ho", "calcolato"],
    &["la", "preparo"],
    &["ero", "alla"],
    &["non", "crederete"],
    &["indizio"],
    &["conoscenze"],
    &["non", "mi", "convincono"],
    &["ho", "fotografato"],
    &["ho", "la", "lista"],
    &["sapete", "chi"],
    &["indovinate", "chi"],
    &["chiedete", "a", "me"],
    &["e", "gia", "loro"],
    &["ormai", "e", "loro"],
    &["a", "breve"],
    &["lo", "sapremo"],
    &["girano", "gia"],
    &["girano", "nei"],
    &["girano", "in"],
    &["ho", "gia", "letta"],
    &["ce", "l", "ho", "gia"],
    &["io", "ce", "l", "ho"],
    &["ufficialmente", "non"],
    &["stamattina", "in", "commissione"],
    &["vi", "svelo"],
    &["ve", "lo", "giro"],
    &["mi", "e", "arrivata"],
    &["non", "e", "ancora"],
    &["ancora", "non"],
    &["non", "si", "sa"],
    &["nulla", "fuori"],
    &["nessuno", "lo", "sa"],
    &["la", "piu", "bassa"],
    &["la", "piu", "alta"],
    &["sono", "arrivate"],
    &["sto", "valutando"],
    &["la", "peggiore"],
    &["la", "migliore"],
    &["ha", "trovato"],
    &["hanno", "trovato"],
    &["aspettate", "e", "vedrete"],
    &["andata", "male"],
    &["conosce", "gia"],
    &["sa", "gia"],
    &["ve", "lo", "dico"],
    &["prima", "del", "sito"],
    &["di", "sicuro"],
    &["tra", "le", "mani"],
    &["in", "mano"],
    &["ce", "l", "ho", "io"],
    &["guai", "a", "dirlo"],
    &["posso", "dirvi"],
    &["iniziali"],
    &["girano", "le"],
    &["tenetela", "per", "voi"],
    &["per", "ora", "e", "segreto"],
    &["non", "lo", "sa", "ancora"],
    &["nessuno", "ve", "lo"],
];
/// Decisions already taken, when "già" comes before them.
const DECIDED: &[&str] = &[
    "decis", "scelt", "assegn", "firmat", "scritt", "pront", "nom", "vincitor", "chius",
];
/// What is published, when "prima che"/"prima della" comes before it.
const PUBLISHED: &[&str] = &["pubblic", "usc", "esc", "present", "sit", "aggiudic", "approv"];
/// Seen or read with one's own eyes: "le ho viste io", "ho letto".
const SEEN: &[&str] = &["vist", "lett"];
/// Judgements on candidates that only someone inside the selection makes.
const CANDIDATE_JUDGEMENTS: &[&str] = &[
    "scars",
    "raccomand",
    "parent",
    "nipot",
    "copi",
    "bocc",
    "pegg",
    "incapac",
    "gonf",
];
/// Office meetings and what is said in them.
const MEETING_QUALIFIERS: &[&str] = &["intern", "giunt", "dirigent", "sindac", "segretar", "riserv", "capi"];
const MEETING_DISCLOSURES: &[&str] = &[
    "decis", "dett", "litig", "usc", "parl", "raccont", "vogl", "vuol", "tagl",
];

/// Words around "piano" that make it a floor of a building.
const FLOOR_BEFORE: &[&str] = &[
    "primo", "secondo", "terzo", "quarto", "quinto", "sesto", "ultimo", "stesso", "sul", "questo",
];
const FLOOR_AFTER: &[&str] = &[
    "terra",
    "rialzato",
    "superiore",
    "inferiore",
    "sopra",
    "sotto",
    "interrato",
];

pub fn find(sem: &Semantic, post: &Post) -> Vec<Hit> {
    let lex = &sem.lexicon;
    let tokens = &post.tokens;
    let mut hits = Vec::new();
    // "non è stata ancora approvata": "ancora" with "non" close before it.
    let not_yet = |k: usize| tokens[k].norm == "ancora" && (k.saturating_sub(3)..k).any(|j| tokens[j].norm == "non");
    let within = |k: usize, n: usize, stems: &[&str]| {
        (k + 1..(k + 1 + n).min(tokens.len())).any(|j| stems.iter().any(|s| tokens[j].stem.starts_with(s)))
    };
    // "già scelto", "prima che lo pubblichino", "le ho viste io".
    let already = |k: usize| tokens[k].norm == "gia" && within(k, 3, DECIDED);
    let before_publication = |k: usize| tokens[k].norm == "prima" && within(k, 4, PUBLISHED);
    let seen = |k: usize| tokens[k].norm == "ho" && within(k, 1, SEEN);
    let future_publication = |k: usize| tokens[k].stem.starts_with("pubblicazion") && within(k, 1, &["tra", "fra"]);
    static LEAKS: OnceLock<PhraseSet> = OnceLock::new();
    let leaks = LEAKS.get_or_init(|| PhraseSet::new(LEAK_PHRASES));
    // Where a disclosure cue starts, computed once for the whole post.
    let leak_flags: Vec<bool> = (0..tokens.len())
        .map(|k| {
            lex.leak.has(&tokens[k])
                || not_yet(k)
                || already(k)
                || before_publication(k)
                || seen(k)
                || future_publication(k)
                || leaks.at(post, k).is_some()
        })
        .collect();
    let leak_at = |k: usize| leak_flags[k];
    // "la sala riservata al piano di sopra", "al terzo piano": a floor,
    // not a plan.
    let norm = |k: usize| tokens.get(k).map_or("", |t: &crate::semantic::Token| t.norm.as_str());
    let floor = |i: usize| {
        tokens[i].norm == "piano"
            && (FLOOR_BEFORE.contains(&norm(i.wrapping_sub(1)))
                || FLOOR_AFTER.contains(&norm(i + 1))
                || (norm(i + 1) == "di" && matches!(norm(i + 2), "sopra" | "sotto")))
    };
    let public_post = tokens.iter().any(|t| lex.public.has(t));

    for i in 0..tokens.len() {
        let t = &tokens[i];
        let clause = post.around(i, 12);
        // A tender or a hiring competition, not a race or a photo contest.
        let contest = post
            .find_in(post.around(i, 4), i, |k| lex.contest.has(&tokens[k]))
            .is_some();
        let rule = if lex.tender.has(t) && !contest {
            Some(&CONF_TENDER)
        } else if lex.hiring.has(t) && !contest {
            Some(&CONF_HIRING)
        } else if lex.act.has(t) && !floor(i) {
            Some(&CONF_ACT)
        } else if lex.inspection.has(t) {
            Some(&CONF_INSPECTION)
        } else {
            None
        };
        let Some(rule) = rule else {
            continue;
        };
        // The cue may follow in the next sentence: "Chi ha fatto l'offerta
        // più bassa? Ve lo dico io".
        let next_sentence = |k: usize| tokens[k].sentence == t.sentence + 1;
        let leak = post.find_in(clause.clone(), i, |k| k != i && leak_at(k)).or_else(|| {
            clause
                .clone()
                .filter(|&k| k > i && next_sentence(k))
                .find(|&k| leak_at(k))
        });
        // "il figlio del consigliere": a relative of someone, not "mia figlia".
        let relative = |k: usize| {
            tokens[k].stem.starts_with("figl") && tokens.get(k + 1).is_some_and(|n| n.norm.starts_with("del"))
        };
        let judged = rule.id == CONF_HIRING.id
            && post
                .find_in(post.around(i, 16), i, |k| {
                    CANDIDATE_JUDGEMENTS.iter().any(|j| tokens[k].stem.starts_with(j)) || relative(k)
                })
                .is_some();
        if let Some(cue) = leak.or(if judged { Some(i) } else { None }) {
            // Something the Ente already published is not a secret, unless
            // the writer says it is being anticipated.
            if public_post && leak.is_none() {
                continue;
            }
            // "documento riservato", "mail interna": internal material.
            let internal = rule.id == CONF_ACT.id
                && leak.is_some_and(|k| {
                    k.abs_diff(i) <= 2 && (tokens[k].stem.starts_with("riserv") || tokens[k].stem.starts_with("intern"))
                });
            let rule = if internal { &CONF_INTERNAL } else { rule };
            hits.push(Hit::new(rule, post.span(i, cue), String::new()));
        }
    }

    // Internal meetings retold.
    for i in 0..tokens.len() {
        if tokens[i].stem != "riunion" {
            continue;
        }
        let qualified = post
            .find_in(post.around(i, 4), i, |k| {
                MEETING_QUALIFIERS
                    .iter()
                    .any(|q| tokens[k].stem.starts_with(q) || tokens[k].norm.starts_with(q))
            })
            .is_some();
        let told = post.find_in(post.around(i, 12), i, |k| {
            MEETING_DISCLOSURES.iter().any(|d| tokens[k].stem.starts_with(d))
        });
        if let (true, Some(k)) = (qualified, told) {
            hits.push(Hit::new(&CONF_INTERNAL, post.span(i, k), String::new()));
        }
    }

    // Photos and screenshots of files, desks and chats.
    for i in 0..tokens.len() {
        if !matches!(tokens[i].stem.as_str(), "fot" | "foto" | "screenshot" | "fotograf") {
            continue;
        }
        let of_files = post.find_in(post.around(i, 6), i, |k| {
            lex.act.has(&tokens[k]) || matches!(tokens[k].stem.as_str(), "scrivan" | "pratic" | "document" | "fascicol")
        });
        if let Some(k) = of_files {
            hits.push(Hit::new(&CONF_INTERNAL, post.span(i, k), String::new()));
        }
    }

    // Registry numbers: "prot. n. 15432/2024", "protocollo 2024/0008871".
    for i in 0..tokens.len() {
        if !matches!(tokens[i].norm.as_str(), "prot" | "protocollo") {
            continue;
        }
        let number = (i + 1..(i + 4).min(tokens.len()))
            .find(|&k| tokens[k].norm.len() >= 4 && tokens[k].norm.bytes().all(|b| b.is_ascii_digit()));
        if let Some(k) = number {
            hits.push(Hit::new(&CONF_PROTOCOL, post.span(i, k), String::new()));
        }
    }

    // The policy's own reserved terms.
    for (term, first, last) in sem.terms_in(post) {
        let canonical = sem.confidential_terms[term].join(" ");
        hits.push(Hit::new(&CONF_TERM, post.span(first, last), canonical));
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    /// The reserved terms found in `text`, as underlined.
    fn terms(policy_terms: &[&str], text: &str) -> Vec<String> {
        let policy = Policy {
            confidential_terms: policy_terms.iter().map(|t| t.to_string()).collect(),
            ..Policy::default()
        };
        let sem = Semantic::new(&policy);
        let post = sem.post(text, &crate::words::words(text));
        find(&sem, &post)
            .into_iter()
            .filter(|h| h.rule.id == CONF_TERM.id)
            .map(|h| text[h.span].to_string())
            .collect()
    }

    #[test]
    fn reserved_terms_match_whole_words_however_written() {
        let policy = ["Progetto Fenice", "fenice", "Ufficio Gare Riservate", "PNRR"];
        assert_eq!(
            terms(&policy, "Il PROGETTO fenice parte: pnrr."),
            ["PROGETTO fenice", "fenice", "pnrr"]
        );
        // Adjacent terms, at both ends of the post.
        assert_eq!(terms(&policy, "Fenice Fenice"), ["Fenice", "Fenice"]);
        // Inside a longer word, a term is not there.
        assert!(terms(&policy, "la fenicetta e il progettone").is_empty());
        assert_eq!(terms(&policy, "all'ufficio gare riservate"), ["ufficio gare riservate"]);
    }

    #[test]
    fn many_reserved_terms_are_matched_by_one_automaton() {
        let policy = crate::crafted::policy_with_terms(1_000);
        let sem = Semantic::new(&policy);
        let text = "Domani riunione, poi pausa caffè con fenice 10 e progetto12 e progetto15.";
        let post = sem.post(text, &crate::words::words(text));
        let found: Vec<&str> = find(&sem, &post)
            .into_iter()
            .filter(|h| h.rule.id == CONF_TERM.id)
            .map(|h| &text[h.span])
            .collect();
        // In the order of the policy's list.
        assert_eq!(found, ["fenice 10", "progetto12", "progetto15", "pausa caffè"]);
    }
}
