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

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Mutex;

use rust_stemmers::{Algorithm, Stemmer};

use crate::words::{self, Word};
use crate::Policy;

/// One word of the post, normalised and stemmed.
#[derive(Clone, Debug)]
pub struct Token {
    pub norm: SharedStr,
    pub stem: SharedStr,
    pub span: Range<usize>,
    pub sentence: usize,
    pub capitalized: bool,
    /// The stem of the word after a missing apostrophe: `lassessore` is
    /// `l'assessore`, so its `elided` stem is that of `assessore`.
    pub elided: Option<SharedStr>,
    /// The concepts the word belongs to, one bit each (see [`Concept`]).
    pub concepts: u64,
}

/// A word's normal form or stem, shared between the analyzer's cache of
/// the words seen lately and every token of every post that has the word:
/// handing a token its forms costs a reference count, not an allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedStr(std::sync::Arc<str>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(s.into())
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(s.into())
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// FNV-1a: lexicon lookups hash short words, where SipHash's setup cost
/// dominates; the keys are our own words, so no collision attack applies.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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
///
/// Stems are memoised: the extension analyses the same post again on every
/// keystroke, so nearly every word was stemmed a moment ago. The cache is
/// emptied when it grows past 50,000 entries.
pub struct Normalizer {
    stemmer: Stemmer,
    cache: Mutex<FnvMap<String, String>>,
}

const STEM_CACHE_LIMIT: usize = 50_000;

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::Italian),
            cache: Mutex::new(FnvMap::default()),
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
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(stem) = cache.get(norm) {
            return stem.clone();
        }
        let stem = self.stemmer.stem(norm).into_owned();
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(norm.to_string(), stem.clone());
        stem
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

/// The lookup key of a word: its stem and, when what follows the stem is
/// longer than an inflection, that derivational suffix. Snowball gives
/// `ordine` and `ordinanza` the same stem `ordin`; their keys differ
/// (`ordin|` and `ordin|anz`), while `incompetente` and `incompetenti`
/// share `incompetent|`.
fn key(stem: &str, norm: &str) -> String {
    let ending = norm.strip_prefix(stem).unwrap_or("");
    let derivation = if ending.chars().count() <= 3 {
        ""
    } else {
        let cut = ending.char_indices().last().map_or(0, |(i, _)| i);
        &ending[..cut]
    };
    format!("{stem}|{derivation}")
}

/// A set of words, stored as stems. Each concept owns one bit: tokens
/// carry the bits of the concepts they belong to, computed once per post.
pub struct Concept {
    bit: u64,
    stems: HashSet<String>,
    /// Words whose stem collides with the concept's but which mean
    /// something else (Snowball reads `comunico` and `comune` as `comun`).
    unless: &'static [&'static str],
}

impl Concept {
    pub fn new(normalizer: &Normalizer, bit: u32, words: &[&str]) -> Concept {
        let mut concept = Concept {
            bit: 1 << bit,
            stems: HashSet::new(),
            unless: &[],
        };
        concept.extend(normalizer, words.iter().map(|w| w.to_string()));
        concept
    }

    /// The same concept, minus the words starting with any of `prefixes`.
    pub fn unless(mut self, prefixes: &'static [&'static str]) -> Concept {
        self.unless = prefixes;
        self
    }

    pub fn extend(&mut self, normalizer: &Normalizer, words: impl IntoIterator<Item = String>) {
        for w in words {
            let folded: String = w.chars().map(words::fold_char).collect();
            let norm = normalizer.norm(&folded);
            let stem = normalizer.stem(&norm);
            self.stems.insert(key(&stem, &norm));
        }
    }

    pub fn has(&self, token: &Token) -> bool {
        token.concepts & self.bit != 0
    }
}

/// A post's tokens with the queries every rule needs.
///
/// Every query costs time bounded by a window of tokens, or is answered
/// from tables computed once per post: a rule that asks one question per
/// word must stay linear in the post (issue 13: a long paste froze the
/// analysis when a query rescanned the post from its start).
pub struct Post<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Per token: a "non è vero" starts earlier in its sentence (computed
    /// on first use).
    denied: OnceCell<Vec<bool>>,
}

impl<'a> Post<'a> {
    pub fn new(text: &'a str, tokens: Vec<Token>) -> Post<'a> {
        Post {
            text,
            tokens,
            denied: OnceCell::new(),
        }
    }

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

    /// Does `phrase` occur anywhere in the post? One pass over the post:
    /// ask it once per post, not once per word.
    pub fn has_phrase(&self, phrase: &[&str]) -> bool {
        (0..self.tokens.len()).any(|i| self.phrase_at(i, phrase))
    }

    /// Does any of `phrases` occur anywhere in the post?
    pub fn has_any_phrase(&self, phrases: &[&[&str]]) -> bool {
        phrases.iter().any(|p| self.has_phrase(p))
    }

    /// Is token `i` negated: "non", "mai", "nessun" among the three words
    /// before it, or "non è vero che" earlier in its sentence?
    pub fn negated(&self, i: usize) -> bool {
        let sentence = self.tokens[i].sentence;
        let close = (i.saturating_sub(3)..i)
            .filter(|&k| self.tokens[k].sentence == sentence)
            .any(|k| matches!(self.tokens[k].norm.as_str(), "non" | "mai" | "nessun" | "nessuno"));
        close || self.denied()[i]
    }

    /// Per token, whether "non è vero" starts earlier in its sentence: one
    /// pass over the post.
    fn denied(&self) -> &[bool] {
        self.denied.get_or_init(|| {
            let mut out = Vec::with_capacity(self.tokens.len());
            let mut denied = false;
            for (k, t) in self.tokens.iter().enumerate() {
                if k > 0 && self.tokens[k - 1].sentence != t.sentence {
                    denied = false;
                }
                out.push(denied);
                denied |= self.phrase_at(k, &["non", "e", "vero"]);
            }
            out
        })
    }

    /// The tokens of sentence `sentence` (tokens are in sentence order).
    pub fn sentence(&self, sentence: usize) -> Range<usize> {
        let start = self.tokens.partition_point(|t| t.sentence < sentence);
        let end = self.tokens.partition_point(|t| t.sentence <= sentence);
        start..end
    }

    /// The byte span covering tokens `a` and `b`.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        let (a, b) = (a.min(b), a.max(b));
        self.tokens[a].span.start..self.tokens[b].span.end
    }
}

/// A word as the rules read it, cached per analyzer.
struct KnownWord {
    norm: SharedStr,
    stem: SharedStr,
    elided: Option<SharedStr>,
    concepts: u64,
}

/// Everything the meaning-level rules need from the policy, prepared once.
pub struct Semantic {
    pub normalizer: Normalizer,
    pub lexicon: lexicon::Lexicon,
    /// Stem to concept bits, over every concept of the lexicon.
    index: FnvMap<String, u64>,
    /// Every word seen so far, read once.
    words: Mutex<FnvMap<String, KnownWord>>,
    /// Normal forms of the words of the Ente's name ("esempio").
    pub ente_name_words: Vec<String>,
    /// The policy's reserved terms, as sequences of normal forms.
    pub confidential_terms: Vec<Vec<String>>,
    /// One automaton over all the reserved terms (see [`Semantic::terms_in`]).
    terms: Option<aho_corasick::AhoCorasick>,
}

/// Separates normal forms in the text the reserved-terms automaton reads:
/// no normal form contains it.
const TERM_SEPARATOR: char = '\u{1}';

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
        let confidential_terms: Vec<Vec<String>> = policy
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
        let mut index: FnvMap<String, u64> = FnvMap::default();
        for concept in lexicon.all() {
            for stem in &concept.stems {
                *index.entry(stem.clone()).or_default() |= concept.bit;
            }
        }
        let terms = Semantic::terms_automaton(&confidential_terms);
        Semantic {
            normalizer,
            lexicon,
            index,
            words: Mutex::new(FnvMap::default()),
            ente_name_words,
            confidential_terms,
            terms,
        }
    }

    /// The automaton of the reserved terms, each written as its normal
    /// forms between separators, so that a term matches whole words only.
    fn terms_automaton(terms: &[Vec<String>]) -> Option<aho_corasick::AhoCorasick> {
        if terms.is_empty() {
            return None;
        }
        let patterns = terms.iter().map(|words| {
            let mut p = String::from(TERM_SEPARATOR);
            for w in words {
                p.push_str(w);
                p.push(TERM_SEPARATOR);
            }
            p
        });
        // Only a policy too large for memory fails to build: its terms are
        // then unmatched, as `policy validate` cannot say otherwise.
        aho_corasick::AhoCorasick::new(patterns).ok()
    }

    /// Every occurrence of a reserved term in `post`, as (term index, first
    /// token, last token): one pass of one automaton over the post's normal
    /// forms, however many terms the policy lists.
    pub fn terms_in(&self, post: &Post) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.terms else {
            return Vec::new();
        };
        let mut haystack = String::from(TERM_SEPARATOR);
        // Where each token's separator (just before it) lies.
        let mut starts = Vec::with_capacity(post.tokens.len());
        for t in &post.tokens {
            starts.push(haystack.len() - 1);
            haystack.push_str(&t.norm);
            haystack.push(TERM_SEPARATOR);
        }
        let mut found: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(&haystack)
            .filter_map(|m| {
                let first = starts.binary_search(&m.start()).ok()?;
                let words = self.confidential_terms[m.pattern().as_usize()].len();
                Some((m.pattern().as_usize(), first, first + words - 1))
            })
            .collect();
        found.sort_unstable_by_key(|&(term, first, _)| (term, first));
        found
    }

    /// The post's tokens, from the words the detectors already split.
    pub fn post<'a>(&self, text: &'a str, words: &[Word]) -> Post<'a> {
        // Keystroke after keystroke the same words come back: each distinct
        // word is normalised, stemmed and looked up once per analyzer.
        let mut cache = self.words.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        let tokens = words
            .iter()
            .map(|w| {
                let known = match cache.get(&w.norm) {
                    Some(known) => known,
                    None => {
                        let read = self.read_word(&w.norm);
                        cache.entry(w.norm.clone()).or_insert(read)
                    }
                };
                Token {
                    norm: known.norm.clone(),
                    stem: known.stem.clone(),
                    span: w.span.clone(),
                    sentence: w.sentence,
                    capitalized: w.capitalized,
                    elided: known.elided.clone(),
                    concepts: known.concepts,
                }
            })
            .collect();
        Post::new(text, tokens)
    }

    /// Normal form, stem, elision and concept bits of one folded word.
    fn read_word(&self, folded: &str) -> KnownWord {
        let norm = self.normalizer.norm(folded);
        let stem = self.normalizer.stem(&norm);
        let elided = ELIDING.iter().find_map(|e| {
            let rest = norm.strip_prefix(e)?;
            (rest.len() >= 4 && rest.starts_with(['a', 'e', 'i', 'o', 'u'])).then(|| (self.normalizer.stem(rest), rest))
        });
        let mut bits = self.index.get(&key(&stem, &norm)).copied().unwrap_or(0);
        if let Some((elided_stem, rest)) = &elided {
            bits |= self.index.get(&key(elided_stem, rest)).copied().unwrap_or(0);
        }
        for concept in self.lexicon.all() {
            if bits & concept.bit != 0 && concept.unless.iter().any(|u| norm.starts_with(u)) {
                bits &= !concept.bit;
            }
        }
        KnownWord {
            elided: elided.map(|(stem, _)| stem.into()),
            norm: norm.into(),
            stem: stem.into(),
            concepts: bits,
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
        // "il comune di Milano", "il sindaco di Roma": another Ente, when
        // the policy names this one. With no name configured, the Ente the
        // employee names is taken for their own.
        if let (false, Some(di), Some(place)) = (self.ente_name_words.is_empty(), next(1), next(2)) {
            let shouting = post.text[place.span.clone()].chars().all(|c| !c.is_lowercase());
            if matches!(di.norm.as_str(), "di" | "del")
                && place.capitalized
                && !shouting
                && !self.ente_name_words.iter().any(|w| place.norm == *w)
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

/// Keeps one meaning-level finding per category where several overlap (a
/// clause that matches twice reads as one problem); other hits pass.
///
/// Hits are swept in order of start: the kept hits of a category never
/// overlap each other, so a new one overlaps a kept one exactly when it
/// starts before the furthest end kept so far in its category.
pub fn merge(mut hits: Vec<crate::detect::Hit>) -> Vec<crate::detect::Hit> {
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    let mut kept: Vec<crate::detect::Hit> = Vec::with_capacity(hits.len());
    let mut reach: Vec<(crate::Category, usize)> = Vec::new();
    for hit in hits {
        let category = hit.rule.category;
        if matches!(category, crate::Category::PersonalData | crate::Category::Logo) {
            kept.push(hit);
            continue;
        }
        match reach.iter_mut().find(|(c, _)| *c == category) {
            Some((_, end)) if hit.span.start < *end => {}
            Some((_, end)) => {
                *end = hit.span.end;
                kept.push(hit);
            }
            None => {
                reach.push((category, hit.span.end));
                kept.push(hit);
            }
        }
    }
    kept
}

/// Phrases indexed by their first word, so that checking every position of
/// a post costs one hash lookup per word instead of one comparison per
/// phrase.
pub struct PhraseSet {
    by_first: FnvMap<&'static str, Vec<&'static [&'static str]>>,
}

impl PhraseSet {
    pub fn new(phrases: &[&'static [&'static str]]) -> PhraseSet {
        let mut by_first: FnvMap<&'static str, Vec<&'static [&'static str]>> = FnvMap::default();
        for p in phrases {
            by_first.entry(p[0]).or_default().push(p);
        }
        PhraseSet { by_first }
    }

    /// The length of the longest phrase starting at token `i`, if any.
    pub fn at(&self, post: &Post, i: usize) -> Option<usize> {
        let candidates = self.by_first.get(post.tokens[i].norm.as_str())?;
        candidates
            .iter()
            .filter(|p| post.phrase_at(i, p))
            .map(|p| p.len())
            .max()
    }

    pub fn in_post(&self, post: &Post) -> bool {
        (0..post.tokens.len()).any(|i| self.at(post, i).is_some())
    }
}
