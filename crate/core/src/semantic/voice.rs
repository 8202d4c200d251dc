//! Speaking for the Ente from a personal profile (DPR 62/2013 art. 11-ter
//! c.1 and c.3; doc. 000; doc. 001 p.4, p.6; doc. 004): announcing, deciding
//! or answering citizens as the office, talking to the press about the
//! office's work, opening pages in the Ente's name.
//!
//! A disclaimer ("non parlo a nome del Comune", "opinioni personali")
//! is exactly what the rules ask for, and silences this category for the
//! whole post. Sharing what the Ente published ("il Comune ricorda che…")
//! is not speaking for it.

use super::{Post, Semantic};
use crate::detect::Hit;
use crate::rules::{VOICE_ANNOUNCEMENT, VOICE_CHANNEL, VOICE_ON_BEHALF, VOICE_PRESS};

const DISCLAIMERS: &[&[&str]] = &[
    &["non", "parlo"],
    &["a", "titolo", "personale"],
    &["opinioni", "personali"],
    &["opinione", "personale"],
    &["mie", "personali"],
    &["la", "mia", "opinione"],
    &["solo", "mio"],
    &["non", "rappresento"],
    &["non", "rappresentano"],
    &["non", "sono", "un", "portavoce"],
    &["nessuna", "dichiarazione"],
    &["e", "personale"],
    &["sono", "personali"],
    &["non", "so", "niente", "di", "ufficiale"],
    &["la", "mia", "idea"],
];
const OFFICIAL_PHRASES: &[&[&str]] = &[
    &["avviso", "ufficiale"],
    &["comunicazione", "di", "servizio"],
    &["comunicazione", "ufficiale"],
    &["dichiarazione", "ufficiale"],
    &["risposta", "ufficiale"],
    &["post", "ufficiale"],
    &["informiamo", "la", "cittadinanza"],
    &["a", "tutti", "i", "cittadini"],
    &["cari", "cittadini"],
    &["abbiamo", "deciso"],
    &["rispondo", "io"],
    &["le", "rispondo"],
    &["vi", "rispondo"],
    &["parlo", "per"],
    &["io", "parlo"],
    &["tramite", "me"],
    &["ve", "lo", "dico", "io", "che", "ci", "lavoro"],
    &["messaggio", "per", "i", "cittadini"],
];
/// Third-person announcements, the writer's own when the office is "ours"
/// or the writer says they work there.
const THIRD_PERSON: &[&str] = &["comunica", "informa", "comunicano", "informano"];
const INSIDER: &[&[&str]] = &[&["ci", "lavoro"], &["io"], &["nostro"], &["nostra"], &["tramite", "me"]];
/// First-person dealings with the press.
/// Vouching verbs, in the first person: announcing only when said in a role.
const VOUCH: &[&str] = &[
    "assicuro",
    "ringrazio",
    "chiedo",
    "garantisco",
    "dico",
    "rilascio",
    "annuncio",
];
const PRESS_VERBS: &[&str] = &[
    "rilasc",
    "parl",
    "spieg",
    "dett",
    "rispost",
    "mand",
    "ospit",
    "intervist",
    "dichiar",
    "dat",
];
const FIRST_PERSON: &[&str] = &["ho", "sono", "saro", "mi", "io"];

/// Does the post say the writer speaks for themselves only? Then nothing
/// in it speaks for the Ente: neither a rule nor the learned model warns
/// about its voice (the policy's own disclaimer, added by the quick fix,
/// must clear the warning it was offered for).
pub fn disclaimed(post: &Post) -> bool {
    post.has_any_phrase(DISCLAIMERS)
}

pub fn find(sem: &Semantic, post: &Post) -> Vec<Hit> {
    if disclaimed(post) {
        return Vec::new();
    }
    let lex = &sem.lexicon;
    let tokens = &post.tokens;
    let mut hits = Vec::new();
    // Asked once per post, not once per third-person verb.
    let insider_post = std::cell::OnceCell::new();
    let office = |k: usize| sem.is_ente(post, k) || matches!(tokens[k].norm.as_str(), "nostro" | "nostra" | "ufficio");
    for i in 0..tokens.len() {
        let t = &tokens[i];
        // "a nome del Comune", "per conto dell'ufficio", "in rappresentanza dell'ente".
        if post.phrase_at(i, &["a", "nome"]) || post.phrase_at(i, &["per", "conto"]) || t.norm == "rappresentanza" {
            if let Some(k) = post.find_in(i + 1..(i + 8).min(tokens.len()), i, office) {
                hits.push(Hit::new(&VOICE_ON_BEHALF, post.span(i, k), String::new()));
                continue;
            }
        }
        // "in qualità di responsabile … vi informo", "da responsabile vi confermo".
        let role_intro = matches!(t.norm.as_str(), "qualita" | "veste" | "come" | "da" | "sono")
            && tokens
                .get(i + 1)
                .is_some_and(|n| lex.role.has(n) || tokens.get(i + 2).is_some_and(|m| lex.role.has(m)));
        if role_intro {
            // Any employee may say "da dipendente vi dico…" of their own view;
            // vouching counts only from a role that speaks for the office.
            let plain_employee = [i + 1, i + 2]
                .iter()
                .any(|&k| tokens.get(k).is_some_and(|t| t.norm == "dipendente"));
            let verb = |k: usize| {
                lex.announce.has(&tokens[k]) || (!plain_employee && VOUCH.contains(&tokens[k].norm.as_str()))
            };
            if let Some(k) = post.find_in(post.around(i, 14), i, verb) {
                hits.push(Hit::new(&VOICE_ON_BEHALF, post.span(i, k), String::new()));
                continue;
            }
        }
        // Announcing or answering as the office: "vi comunico ufficialmente",
        // "l'ufficio tecnico vi comunica", "come Comune abbiamo deciso".
        let official = t.norm == "ufficialmente" || OFFICIAL_PHRASES.iter().any(|p| post.phrase_at(i, p));
        let addressed =
            lex.announce.has(t) && i > 0 && matches!(tokens[i - 1].norm.as_str(), "vi" | "le" | "ti" | "io" | "noi");
        if official || addressed {
            let service = post.find_in(post.around(i, 12), i, |k| {
                k != i && (lex.service.has(&tokens[k]) || office(k))
            });
            let announces = official && t.norm == "ufficialmente";
            let needs_verb = announces
                && post
                    .find_in(post.around(i, 4), i, |k| {
                        lex.announce.has(&tokens[k]) || tokens[k].stem == "conferm"
                    })
                    .is_none();
            if let (Some(k), false) = (service, needs_verb) {
                hits.push(Hit::new(&VOICE_ANNOUNCEMENT, post.span(i, k), String::new()));
                continue;
            }
        }
        // "Il nostro ufficio informa", "il Comune comunica (fonte: io, che ci lavoro)".
        if THIRD_PERSON.contains(&t.norm.as_str()) {
            let subject = (i.saturating_sub(5)..i).find(|&k| office(k));
            let insider =
                *insider_post.get_or_init(|| post.has_any_phrase(INSIDER)) || (i > 0 && tokens[i - 1].norm == "vi");
            if let (Some(k), true) = (subject, insider) {
                hits.push(Hit::new(&VOICE_ANNOUNCEMENT, post.span(k, i), String::new()));
                continue;
            }
        }
        // The press: "ho rilasciato un'intervista … sul nostro ufficio".
        let media = lex.press.has(t) || t.norm.starts_with("tele") || t.norm.starts_with("radio");
        // "ho intervistato mia nonna" is the writer interviewing someone.
        let interviewer = t.norm == "intervistato" && i > 0 && tokens[i - 1].norm == "ho";
        if media && !interviewer {
            // A verb said in the first person: "ho rilasciato", "sono stata intervistata", "ho mandato io".
            let first_person_verb = |k: usize| {
                PRESS_VERBS.iter().any(|v| tokens[k].stem.starts_with(v))
                    && (k.saturating_sub(2)..k).any(|j| FIRST_PERSON.contains(&tokens[j].norm.as_str()))
            };
            let ours = |k: usize| k > 0 && matches!(tokens[k - 1].norm.as_str(), "nostro" | "nostra" | "mio" | "mia");
            // "la mia intervista al giornale": the writer's own.
            let mine = i > 0 && matches!(tokens[i - 1].norm.as_str(), "mia" | "mio");
            let verb = post
                .find_in(post.around(i, 8), i, first_person_verb)
                .or(mine.then_some(i))
                .or_else(|| {
                    // "intervista rilasciata … sul nostro ufficio": the possessive says who.
                    post.find_in(post.around(i, 14), i, |k| office(k) && ours(k))
                        .and(post.find_in(post.around(i, 8), i, |k| {
                            PRESS_VERBS.iter().any(|v| tokens[k].stem.starts_with(v))
                        }))
                });
            let about = post.find_in(post.around(i, 14), i, |k| office(k) || lex.service.has(&tokens[k]));
            if let (Some(v), Some(_)) = (verb, about) {
                hits.push(Hit::new(&VOICE_PRESS, post.span(i, v), String::new()));
                continue;
            }
        }
        // Opening a page or group in the Ente's name.
        if lex.channel.has(t) {
            let opened = post.find_in(post.around(i, 4), i, |k| {
                matches!(tokens[k].stem.as_str(), "apert" | "cre" | "creat" | "nuov")
            });
            let official = post.find_in(post.around(i, 6), i, |k| tokens[k].stem == "ufficial" || office(k));
            if let (Some(o), Some(_)) = (opened, official) {
                hits.push(Hit::new(&VOICE_CHANNEL, post.span(o, i), String::new()));
            }
        }
    }
    hits
}
