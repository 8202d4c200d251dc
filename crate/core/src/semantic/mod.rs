//! Meaning-level rules: office secrets (`confidential`), speaking for the
//! Ente (`institutional_voice`) and denigration (`reputation`).
//!
//! These rules read Italian as it is written on social networks. The text
//! becomes a stream of [`Token`]s: lower case, accents removed, elisions
//! split, letter runs squashed (`schifooo` → `schifo`), common abbreviations
//! expanded (`cmq`, `nn`, `xké`, `x`), then stemmed with Snowball's Italian
//! stemmer so that one lexicon entry covers every inflection (`incompetente`,
//! `incompetenti`). Lexicons are stemmed once, when the analyzer is built.
//!
//! A rule fires when two concepts meet in the same clause — a topic and a
//! cue that it is being disclosed, a target and an insult — and no guard
//! (negation, a disclaimer, a public source) says otherwise. Each finding
//! underlines the words that made the rule fire.

pub mod confidential;
pub mod lexicon;
pub mod reputation;
pub mod voice;

use std::collections::HashSet;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use crate::words::{self, Word};
use crate::Policy;

/// One word of the post, normalised and stemmed.
#[derive(Clone, Debug)]
pub struct Token {
    pub norm: String,
    pub stem: String,
    pub span: Range<usize>,
    pub sentence: usize,
    pub capitalized: bool,
    /// The stem of the word after a missing apostrophe: `lassessore` is
    /// `l'assessore`, so its `elided` stem is that of `assessore`.
    pub elided: Option<String>,
}

/// Articles and prepositions that elide before a vowel.
const ELIDING: &[&str] = &["dell", "nell", "all", "sull", "dall", "l", "un", "quest", "quell"];

/// Abbreviations of informal Italian, expanded before stemming.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cmq", "comunque"),
    ("nn", "non"),
    ("xke", "perche"),
    ("xche", "perche"),
    ("perke", "perche"),
    ("pke", "perche"),
    ("x", "per"),
    ("ki", "chi"),
    ("ke", "che"),
    ("sn", "sono"),
    ("tt", "tutti"),
    ("qlc", "qualche"),
    ("cn", "con"),
    ("qnd", "quando"),
    ("sti", "questi"),
    ("sta", "questa"),
];

/// Squashes runs of three or more equal letters: `bruttissimooo` reads
/// `bruttissimo`, `noooo` reads `no`.
fn squash(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = if j - i >= 3 { 1 } else { j - i };
        out.extend(std::iter::repeat_n(chars[i], run));
        i = j;
    }
    out
}

/// Normalises and stems single words, shared by posts and lexicons.
pub struct Normalizer {
    stemmer: Stemmer,
}

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::Italian),
        }
    }

    /// The normal form of a folded word.
    pub fn norm(&self, folded: &str) -> String {
        let squashed = squash(folded);
        match ABBREVIATIONS.iter().find(|(short, _)| *short == squashed) {
            Some((_, long)) => long.to_string(),
            None => squashed,
        }
    }

    pub fn stem(&self, norm: &str) -> String {
        self.stemmer.stem(norm).into_owned()
    }

    pub fn tokens(&self, text: &str) -> Vec<Token> {
        words::words(text)
            .into_iter()
            .map(
                |Word {
                     norm,
                     span,
                     capitalized,
                     sentence,
                 }| {
                    let norm = self.norm(&norm);
                    let stem = self.stem(&norm);
                    let elided = ELIDING.iter().find_map(|e| {
                        let rest = norm.strip_prefix(e)?;
                        (rest.len() >= 4 && rest.starts_with(['a', 'e', 'i', 'o', 'u'])).then(|| self.stem(rest))
                    });
                    Token {
                        norm,
                        stem,
                        span,
                        sentence,
                        capitalized,
                        elided,
                    }
                },
            )
            .collect()
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

/// A set of words, stored as stems.
pub struct Concept {
    stems: HashSet<String>,
    /// Words whose stem collides with the concept's but which mean
    /// something else (Snowball reads `comunico` and `comune` as `comun`).
    unless: &'static [&'static str],
}

impl Concept {
    pub fn new(normalizer: &Normalizer, words: &[&str]) -> Concept {
        let mut stems = HashSet::new();
        for w in words {
            let folded: String = w.chars().map(words::fold_char).collect();
            stems.insert(normalizer.stem(&normalizer.norm(&folded)));
        }
        Concept { stems, unless: &[] }
    }

    /// The same concept, minus the words starting with any of `prefixes`.
    pub fn unless(mut self, prefixes: &'static [&'static str]) -> Concept {
        self.unless = prefixes;
        self
    }

    pub fn extend(&mut self, normalizer: &Normalizer, words: impl IntoIterator<Item = String>) {
        for w in words {
            let folded: String = w.chars().map(words::fold_char).collect();
            self.stems.insert(normalizer.stem(&normalizer.norm(&folded)));
        }
    }

    pub fn has(&self, token: &Token) -> bool {
        let listed = self.stems.contains(&token.stem) || token.elided.as_ref().is_some_and(|s| self.stems.contains(s));
        listed && !self.unless.iter().any(|u| token.norm.starts_with(u))
    }
}

/// A post's tokens with the queries every rule needs.
pub struct Post<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Post<'a> {
    /// Index of the first token in `range` (same sentence as `at`) that
    /// satisfies `pred`.
    pub fn find_in(&self, range: Range<usize>, at: usize, pred: impl Fn(usize) -> bool) -> Option<usize> {
        let sentence = self.tokens[at].sentence;
        range
            .filter(|&i| self.tokens[i].sentence == sentence)
            .find(|&i| pred(i))
    }

    /// Tokens within `reach` of `at`, clipped to the post.
    pub fn around(&self, at: usize, reach: usize) -> Range<usize> {
        at.saturating_sub(reach)..(at + reach + 1).min(self.tokens.len())
    }

    /// Does the sequence of normal forms `phrase` start at token `i`?
    pub fn phrase_at(&self, i: usize, phrase: &[&str]) -> bool {
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| self.tokens.get(i + k).is_some_and(|t| t.norm == *w))
    }

    /// Does `phrase` occur anywhere in the post?
    pub fn has_phrase(&self, phrase: &[&str]) -> bool {
        (0..self.tokens.len()).any(|i| self.phrase_at(i, phrase))
    }

    /// Is token `i` negated: "non", "mai", "nessun" among the three words
    /// before it, or "non è vero che" earlier in its sentence?
    pub fn negated(&self, i: usize) -> bool {
        let sentence = self.tokens[i].sentence;
        let close = (i.saturating_sub(3)..i)
            .filter(|&k| self.tokens[k].sentence == sentence)
            .any(|k| matches!(self.tokens[k].norm.as_str(), "non" | "mai" | "nessun" | "nessuno"));
        let denial = (0..i).any(|k| self.tokens[k].sentence == sentence && self.phrase_at(k, &["non", "e", "vero"]));
        close || denial
    }

    /// The byte span covering tokens `a` and `b`.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        let (a, b) = (a.min(b), a.max(b));
        self.tokens[a].span.start..self.tokens[b].span.end
    }
}

/// Everything the meaning-level rules need from the policy, prepared once.
pub struct Semantic {
    pub normalizer: Normalizer,
    pub lexicon: lexicon::Lexicon,
    /// Normal forms of the words of the Ente's name ("esempio").
    pub ente_name_words: Vec<String>,
    /// The policy's reserved terms, as sequences of normal forms.
    pub confidential_terms: Vec<Vec<String>>,
}

impl Semantic {
    pub fn new(policy: &Policy) -> Semantic {
        let normalizer = Normalizer::new();
        let mut lexicon = lexicon::Lexicon::new(&normalizer);
        let alias_words = policy.ente_aliases.iter().chain(std::iter::once(&policy.ente_name));
        let significant: Vec<String> = alias_words
            .flat_map(|a| words::words(a).into_iter().map(|w| w.norm))
            .filter(|w| w.len() > 3 && !matches!(w.as_str(), "mio" | "mia" | "ufficio"))
            .collect();
        lexicon.ente.extend(&normalizer, significant);
        let ente_name_words = words::words(&policy.ente_name)
            .into_iter()
            .map(|w| w.norm)
            .filter(|w| !matches!(w.as_str(), "comune" | "di" | "del" | "della" | "citta"))
            .collect();
        let confidential_terms = policy
            .confidential_terms
            .iter()
            .map(|t| {
                words::words(t)
                    .into_iter()
                    .map(|w| normalizer.norm(&w.norm))
                    .collect::<Vec<_>>()
            })
            .filter(|t: &Vec<String>| !t.is_empty())
            .collect();
        Semantic {
            normalizer,
            lexicon,
            ente_name_words,
            confidential_terms,
        }
    }

    pub fn post<'a>(&self, text: &'a str) -> Post<'a> {
        Post {
            text,
            tokens: self.normalizer.tokens(text),
        }
    }

    /// Is token `i` a reference to this Ente (not another city's comune, not
    /// a regional or national body)?
    pub fn is_ente(&self, post: &Post, i: usize) -> bool {
        let t = &post.tokens[i];
        if !self.lexicon.ente.has(t) {
            return false;
        }
        let next = |k: usize| post.tokens.get(i + k).filter(|n| n.sentence == t.sentence);
        if next(1).is_some_and(|n| self.lexicon.not_local.has(n)) {
            return false;
        }
        // "il comune di Milano", "il sindaco di Roma": another Ente.
        if let (Some(di), Some(place)) = (next(1), next(2)) {
            let shouting = post.text[place.span.clone()].chars().all(|c| !c.is_lowercase());
            if matches!(di.norm.as_str(), "di" | "del")
                && place.capitalized
                && !shouting
                && !self.ente_name_words.contains(&place.norm)
            {
                return false;
            }
        }
        // "il mio ex capo", "il capo della palestra".
        if i > 0 && post.tokens[i - 1].norm == "ex" {
            return false;
        }
        true
    }
}

/// Keeps one meaning-level finding per rule where several overlap (a
/// clause that matches twice reads as one problem); other hits pass.
pub fn merge(mut hits: Vec<crate::detect::Hit>) -> Vec<crate::detect::Hit> {
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    let mut kept: Vec<crate::detect::Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let semantic = !matches!(hit.rule.category, crate::Category::PersonalData | crate::Category::Logo);
        let dup = semantic
            && kept.iter().any(|k| {
                k.rule.category == hit.rule.category && k.span.start < hit.span.end && hit.span.start < k.span.end
            });
        if !dup {
            kept.push(hit);
        }
    }
    kept
}
