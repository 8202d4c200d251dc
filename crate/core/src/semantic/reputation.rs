//! Denigration and threats (DPR 62/2013 art. 11-ter c.2; doc. 001 p.1, 5, 8;
//! doc. 004): an insult or a denigrating judgement aimed at the Ente, its
//! representatives or colleagues, in the same clause and not negated.
//!
//! Criticism of the national government, a football team or another city's
//! mayor is not this rule's business: the target must be this Ente. Judgements
//! such as "disastro" or "sprechi" count only when the writer speaks from
//! inside ("lo dico io che ci lavoro"), which is what doc. 001 p.5 forbids.

use super::{Post, Semantic};
use crate::detect::Hit;
use crate::rules::{REP_DENIGRATION, REP_THREAT};

/// Judgements that are denigrating only from an insider's mouth.
const WEAK: &[&str] = &["disastr", "sprec", "pen", "ridicol", "schiav"];
/// Phrases that mark the writer as speaking from inside the Ente.
const INSIDE: &[&[&str]] = &[
    &["da", "dentro"],
    &["ci", "lavoro"],
    &["ci", "lavora"],
    &["lavorando", "in"],
    &["lavoro", "al", "comune"],
    &["lavoro", "in", "comune"],
    &["lavoro", "per", "questo"],
    &["da", "dipendente"],
    &["io", "c", "ero"],
    &["parola", "di", "chi"],
    &["lo", "vedo"],
    &["uno", "di", "loro"],
    &["lo", "dico", "io"],
    &["ve", "lo", "dico", "io"],
];
const THREATS: &[&[&str]] = &[
    &["faccio", "pagare"],
    &["fa", "pagare"],
    &["me", "la", "paga"],
    &["spacco"],
    &["gliela", "faccio"],
];
/// Phrases that insult by themselves.
const PHRASES: &[&[&str]] = &[
    &["buttano", "i", "soldi"],
    &["fa", "schifo"],
    &["fanno", "schifo"],
    &["non", "sa", "fare", "niente"],
    &["banda", "di"],
];
const POSSESSIVES: &[&str] = &["nostro", "nostra", "nostri", "nostre", "mio", "mia", "miei", "mie"];

/// Token indices of the sentence just before token `i`'s, when it is at
/// most four words long (a question or an exclamation that names the target).
fn previous_short_sentence(post: &Post, i: usize) -> Option<std::ops::Range<usize>> {
    let sentence = post.tokens[i].sentence.checked_sub(1)?;
    let range = post.sentence(sentence);
    (!range.is_empty() && range.len() <= 4).then_some(range)
}

pub fn find(sem: &Semantic, post: &Post) -> Vec<Hit> {
    let tokens = &post.tokens;
    // Speaking from inside: an insider's phrase, or "la nostra amministrazione".
    let inside = post.has_any_phrase(INSIDE)
        || (1..tokens.len()).any(|k| POSSESSIVES.contains(&tokens[k - 1].norm.as_str()) && sem.is_ente(post, k));
    let mut hits = Vec::new();
    for i in 0..tokens.len() {
        if let Some(len) = THREATS.iter().find(|p| post.phrase_at(i, p)).map(|p| p.len()) {
            if let Some(target) = post.find_in(post.around(i, 10), i, |k| sem.is_ente(post, k)) {
                hits.push(Hit::new(&REP_THREAT, post.span(target, i + len - 1), String::new()));
            }
            continue;
        }
        let phrase = PHRASES.iter().find(|p| post.phrase_at(i, p)).map(|p| p.len());
        let insult = phrase.is_some() || sem.lexicon.insult.has(&tokens[i]);
        if !insult || (phrase.is_none() && post.negated(i)) || (i > 0 && tokens[i - 1].norm == "vale") {
            continue;
        }
        let weak = phrase.is_none() && WEAK.iter().any(|w| tokens[i].stem.starts_with(w));
        if weak && !inside {
            continue;
        }
        let end = i + phrase.unwrap_or(1) - 1;
        let mut target = post.find_in(post.around(i, 8), i, |k| k != i && sem.is_ente(post, k));
        // "La giunta? Incapaci e arroganti.": the target asked about just before.
        if target.is_none() {
            target = previous_short_sentence(post, i).and_then(|r| r.into_iter().find(|&k| sem.is_ente(post, k)));
        }
        match target {
            Some(t) => hits.push(Hit::new(&REP_DENIGRATION, post.span(t, end), String::new())),
            // An insider's denigration needs no named target: the Ente is it.
            None if inside && !weak => hits.push(Hit::new(&REP_DENIGRATION, post.span(i, end), String::new())),
            None if inside && weak => hits.push(Hit::new(&REP_DENIGRATION, post.span(i, end), String::new())),
            None => {}
        }
    }
    hits
}
