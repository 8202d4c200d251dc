//! What the learned scorer sees of a post: hashed features, each remembered
//! with the word it came from.
//!
//! One extractor serves training and inference, so the two cannot drift.
//! It reads the tokens the meaning-level rules already made (folded, letter
//! runs squashed, `cmq`/`nn`/`xké` expanded: see [`crate::semantic`]), and
//! emits:
//!
//! - each word (`w`); a word with digits is read as its shape (`A83462738`
//!   and `G341343` are both `a0`), with no letter pieces: which numbers are
//!   identifiers is the detectors' business, and a model that learned the
//!   length of protocol numbers would warn on every order and receipt
//!   number;
//! - each pair of neighbouring words in a sentence (`b`);
//! - the 3- to 5-letter pieces of each word, with its edges marked (`g`):
//!   they carry inflections, typos and dialect spellings that whole words
//!   miss (`incompetent`, `vergogn`, `nn s`);
//! - each word within three words after a negation (`n`): "non è
//!   pubblicata" and "è pubblicata" say opposite things with the same
//!   words;
//! - emoji (`e`): 🤫 and 😏 say as much as a word;
//! - the concepts of the rules' lexicon (`c`) and the pairs of them that
//!   meet in a sentence (`p`), so that what the rules know weighs as much as
//!   the authors' data says it should;
//! - the rules that fired (`r`).
//!
//! Every feature is hashed into one of `2^bits` buckets (the hashing trick:
//! no vocabulary to ship), and a post's vector is binary, scaled to unit
//! length, so long posts and short ones weigh alike.

use crate::semantic::Post;

/// Token index of features that belong to no single word.
pub const NO_TOKEN: u32 = u32::MAX;

/// Longest part of a word cut into letter pieces: beyond it a "word" is a
/// paste of garbage, and its pieces would only add cost.
const PIECE_LIMIT: usize = 30;

/// A post's features.
#[derive(Debug, Default)]
pub struct Features {
    /// Distinct buckets, ascending: the post's binary vector.
    pub buckets: Vec<u32>,
    /// Every occurrence of a feature: its bucket and the token it came from
    /// ([`NO_TOKEN`] for none), to tell which words weighed.
    pub origins: Vec<(u32, u32)>,
}

impl Features {
    /// The value of each present bucket: the vector has unit length.
    pub fn value(&self) -> f32 {
        if self.buckets.is_empty() {
            0.0
        } else {
            1.0 / (self.buckets.len() as f32).sqrt()
        }
    }
}

/// FNV-1a, then a finaliser that spreads every input bit over the low bits
/// the bucket is cut from.
struct Hash(u64);

impl Hash {
    fn new(kind: u8) -> Hash {
        let mut h = Hash(0xcbf2_9ce4_8422_2325);
        h.byte(kind);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x100_0000_01b3);
    }
    fn str(&mut self, s: &str) {
        for b in s.bytes() {
            self.byte(if b.is_ascii_digit() { b'0' } else { b });
        }
    }
    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.str(c.encode_utf8(&mut buf));
    }
    fn bucket(self, bits: u32) -> u32 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z & ((1u64 << bits) - 1)) as u32
    }
}

/// Which optional families of features a model was trained with, and
/// whether it scores windows of the post or the post whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet {
    pub concepts: bool,
    pub rules: bool,
    /// Words in the scope of a negation.
    pub negation: bool,
    /// Score each sentence (long ones cut) with the post around it as
    /// context, and take the best: a problem sits in a clause, and a long
    /// post around it should not dilute it.
    pub windows: bool,
}

impl FeatureSet {
    pub fn to_byte(self) -> u8 {
        u8::from(self.concepts) | u8::from(self.rules) << 1 | u8::from(self.windows) << 2 | u8::from(self.negation) << 3
    }
    pub fn from_byte(b: u8) -> FeatureSet {
        FeatureSet {
            concepts: b & 1 != 0,
            rules: b & 2 != 0,
            windows: b & 4 != 0,
            negation: b & 8 != 0,
        }
    }
}

/// Longest window, in tokens: a longer sentence is cut into pieces.
pub const WINDOW_LIMIT: usize = 30;

/// How much the post around a window weighs beside the window itself.
pub const CONTEXT_WEIGHT: f32 = 0.5;

/// The token ranges a post is scored in: the whole post, or (with
/// `windows`) its sentences, those over [`WINDOW_LIMIT`] tokens cut.
pub fn windows(post: &Post, set: FeatureSet) -> Vec<std::ops::Range<usize>> {
    let n = post.tokens.len();
    if !set.windows || n == 0 {
        return std::iter::once(0..n).collect();
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=n {
        let boundary = i == n || post.tokens[i].sentence != post.tokens[start].sentence || i - start == WINDOW_LIMIT;
        if boundary {
            out.push(start..i);
            start = i;
        }
    }
    // One word is no sentence ("Vergogna!", a list's bullet, a stray "nu"
    // read off a picture's sign): it joins the window before it, or the one
    // after it when it comes first, so that no window scores a lone word.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(out.len());
    for w in out {
        match merged.last_mut() {
            Some(last) if (w.len() == 1 || last.len() == 1) && last.len() + w.len() <= WINDOW_LIMIT => {
                last.end = w.end;
            }
            _ => merged.push(w),
        }
    }
    merged
}

/// The bucket a feature of the post takes as the context of a window: the
/// same feature, hashed apart from the window's own.
pub fn context_bucket(bucket: u32, bits: u32) -> u32 {
    let mut h = Hash::new(b'x');
    for b in bucket.to_le_bytes() {
        h.byte(b);
    }
    h.bucket(bits)
}

/// A window's part of a post's features and the post's context part.
pub struct Split {
    /// Distinct buckets of each window, ascending.
    pub windows: Vec<Vec<u32>>,
    /// Distinct context buckets of the whole post (empty without windows).
    pub context: Vec<u32>,
}

impl Features {
    /// The buckets of each of `windows` (token ranges, in order, covering
    /// the tokens), and the context buckets: one pass over the features.
    pub fn split(&self, windows: &[std::ops::Range<usize>], bits: u32, set: FeatureSet) -> Split {
        let mut parts: Vec<Vec<u32>> = vec![Vec::new(); windows.len().max(1)];
        for &(bucket, token) in &self.origins {
            // Features of no single word belong to the first window.
            let w = if token == NO_TOKEN {
                0
            } else {
                windows
                    .partition_point(|r| r.end <= token as usize)
                    .min(parts.len() - 1)
            };
            parts[w].push(bucket);
        }
        for part in &mut parts {
            part.sort_unstable();
            part.dedup();
        }
        let context = if set.windows {
            let mut c: Vec<u32> = self.buckets.iter().map(|&b| context_bucket(b, bits)).collect();
            c.sort_unstable();
            c.dedup();
            c
        } else {
            Vec::new()
        };
        Split {
            windows: parts,
            context,
        }
    }
}

/// The value of each present bucket of a part of `n` buckets: the part has
/// length `weight`.
pub fn part_value(n: usize, weight: f32) -> f32 {
    if n == 0 {
        0.0
    } else {
        weight / (n as f32).sqrt()
    }
}

/// The features a word makes on its own: the word, and its letter pieces
/// with its edges marked.
fn word_local(norm: &str, bits: u32, chars: &mut Vec<char>, mut emit: impl FnMut(u32)) {
    let mut h = Hash::new(b'w');
    word(norm, &mut h);
    emit(h.bucket(bits));
    if has_digit(norm) {
        return;
    }
    chars.clear();
    chars.push('<');
    chars.extend(norm.chars().take(PIECE_LIMIT));
    chars.push('>');
    for n in 3..=5 {
        for piece in chars.windows(n) {
            let mut h = Hash::new(b'g');
            for &c in piece {
                h.char(c);
            }
            emit(h.bucket(bits));
        }
    }
}

fn has_digit(norm: &str) -> bool {
    norm.bytes().any(|b| b.is_ascii_digit())
}

/// A word with digits as the model reads it: runs of letters as `a`, runs
/// of digits as `0`, anything else kept (`2023/45` is `0/0`).
fn shape(norm: &str, h: &mut Hash) {
    let mut last = 0u8;
    for c in norm.chars() {
        let class = if c.is_ascii_digit() {
            b'0'
        } else if c.is_alphabetic() {
            b'a'
        } else {
            0
        };
        if class == 0 {
            h.char(c);
        } else if class != last {
            h.byte(class);
        }
        last = class;
    }
}

/// A word as pairs and negation scopes read it.
fn word(norm: &str, h: &mut Hash) {
    if has_digit(norm) {
        shape(norm, h);
    } else {
        h.str(norm);
    }
}

/// Word-local features of the words seen lately, per number of bits.
/// Emptied when it grows past [`WordCache::LIMIT`] words, so a paste of
/// random words cannot grow it without bound.
#[derive(Default)]
pub struct WordCache {
    /// The bits the buckets were cut for, and each word's buckets.
    words: std::sync::Mutex<(u32, WordBuckets)>,
}

/// Keyed by FNV like the rules' word cache: short words, our own keys.
type WordBuckets = crate::semantic::FnvMap<String, Box<[u32]>>;

impl WordCache {
    pub const LIMIT: usize = 20_000;

    fn with(&self, norm: &str, bits: u32, f: impl FnOnce(&[u32])) {
        let mut guard = self.words.lock().unwrap_or_else(|p| p.into_inner());
        let (cached_bits, map) = &mut *guard;
        if *cached_bits != bits {
            map.clear();
            *cached_bits = bits;
        }
        if let Some(buckets) = map.get(norm) {
            f(buckets);
            return;
        }
        let mut buckets = Vec::with_capacity(3 * norm.len() + 4);
        word_local(norm, bits, &mut Vec::new(), |b| buckets.push(b));
        if map.len() >= WordCache::LIMIT {
            map.clear();
        }
        f(&buckets);
        map.insert(norm.to_string(), buckets.into_boxed_slice());
    }
}

/// Words that turn what follows them around.
fn is_negation(norm: &str) -> bool {
    matches!(
        norm,
        "non"
            | "mai"
            | "nessun"
            | "nessuno"
            | "nessuna"
            | "niente"
            | "nulla"
            | "neanche"
            | "nemmeno"
            | "neppure"
            | "senza"
    )
}

/// Is `c` a pictograph worth a feature (emoji and dingbats)?
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F300..=0x1FAFF)
}

/// The features of `post`; `rules` are the ids of the rules that fired,
/// each with the byte offset where its finding starts.
///
/// `cache` keeps the features each word makes on its own: the extension
/// analyses the same post again on every keystroke.
pub fn extract(
    post: &Post,
    rules: &[(&str, usize)],
    bits: u32,
    set: FeatureSet,
    cache: Option<&WordCache>,
) -> Features {
    let tokens = &post.tokens;
    let mut origins: Vec<(u32, u32)> = Vec::with_capacity(tokens.len() * 16);
    let mut chars: Vec<char> = Vec::with_capacity(PIECE_LIMIT + 2);
    // Concept pairs already emitted in the current sentence: 16 × 16 bits.
    let mut pairs_seen = [0u16; 16];
    let mut sentence_concepts: u64 = 0;
    let mut sentence = usize::MAX;
    // Tokens left in the scope of the last negation seen.
    let mut negated = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        let at = i as u32;
        if i > 0 && tokens[i - 1].sentence != token.sentence {
            negated = 0;
        }
        match cache {
            Some(cache) => cache.with(&token.norm, bits, |buckets| {
                origins.extend(buckets.iter().map(|&b| (b, at)));
            }),
            None => word_local(&token.norm, bits, &mut chars, |b| origins.push((b, at))),
        }
        let mut push = |h: Hash, token: u32| origins.push((h.bucket(bits), token));
        if set.negation && negated > 0 {
            let mut h = Hash::new(b'n');
            word(&token.norm, &mut h);
            push(h, at);
        }
        negated = if is_negation(&token.norm) {
            3
        } else {
            negated.saturating_sub(1)
        };
        if let Some(next) = tokens.get(i + 1).filter(|n| n.sentence == token.sentence) {
            let mut h = Hash::new(b'b');
            word(&token.norm, &mut h);
            h.byte(b' ');
            word(&next.norm, &mut h);
            push(h, at);
        }
        if set.concepts {
            if token.sentence != sentence {
                sentence = token.sentence;
                sentence_concepts = 0;
                pairs_seen = [0; 16];
            }
            let bits_here = token.concepts & 0xFFFF;
            for a in (0..16).filter(|a| bits_here & (1 << a) != 0) {
                let mut h = Hash::new(b'c');
                h.byte(a as u8);
                push(h, at);
                for b in (0..16).filter(|b| sentence_concepts & (1 << b) != 0 && *b != a) {
                    let (lo, hi) = (a.min(b), a.max(b));
                    if pairs_seen[lo] & (1 << hi) == 0 {
                        pairs_seen[lo] |= 1 << hi;
                        let mut h = Hash::new(b'p');
                        h.byte(lo as u8);
                        h.byte(hi as u8);
                        push(h, at);
                    }
                }
            }
            sentence_concepts |= bits_here;
        }
    }
    let mut push = |h: Hash, token: u32| origins.push((h.bucket(bits), token));
    // Pictographs, attached to the word before them.
    let mut token = 0usize;
    for (offset, c) in post.text.char_indices().filter(|&(_, c)| is_pictograph(c)) {
        while token + 1 < tokens.len() && tokens[token + 1].span.start <= offset {
            token += 1;
        }
        let mut h = Hash::new(b'e');
        h.char(c);
        push(h, if tokens.is_empty() { NO_TOKEN } else { token as u32 });
    }
    if set.rules {
        for &(rule, offset) in rules {
            let mut h = Hash::new(b'r');
            h.str(rule);
            let at = tokens.partition_point(|t| t.span.end <= offset);
            push(h, if at < tokens.len() { at as u32 } else { NO_TOKEN });
        }
    }
    let mut buckets: Vec<u32> = origins.iter().map(|&(b, _)| b).collect();
    buckets.sort_unstable();
    buckets.dedup();
    Features { buckets, origins }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::Semantic;
    use crate::Policy;

    fn features(text: &str, set: FeatureSet) -> Features {
        let semantic = Semantic::new(&Policy::default());
        let post = semantic.post(text, &crate::words::words(text));
        extract(&post, &[], 18, set, None)
    }

    const PLAIN: FeatureSet = FeatureSet {
        concepts: false,
        rules: false,
        windows: false,
        negation: false,
    };

    #[test]
    fn the_same_words_give_the_same_vector_however_written() {
        let a = features("Cmq il SINDACO è incompetenteee", PLAIN);
        let b = features("comunque il sindaco e' incompetente", PLAIN);
        assert_eq!(a.buckets, b.buckets);
        assert!((a.value() * a.value() * a.buckets.len() as f32 - 1.0).abs() < 1e-5);
    }

    #[test]
    fn every_feature_remembers_its_word() {
        let f = features("gara truccata 🤫", PLAIN);
        // Two words: unigram, one bigram, letter pieces of "<gara>" (4+3+2)
        // and of "<truccata>" (8+7+6), and the emoji on the last word.
        assert_eq!(f.origins.len(), 2 + 1 + 9 + 21 + 1);
        assert!(f.origins.iter().all(|&(b, t)| b < 1 << 18 && t <= 1));
        assert_eq!(f.origins.last().unwrap().1, 1);
    }

    #[test]
    fn numbers_generalise_and_concepts_are_optional() {
        assert_eq!(
            features("prot. 1234", PLAIN).buckets,
            features("prot. 9876", PLAIN).buckets
        );
        // A number's length and letters are the detectors' business.
        assert_eq!(
            features("ordine n. 9487985568 del 11.3.22", PLAIN).buckets,
            features("ordine n. 12 del 1.3.2022", PLAIN).buckets
        );
        assert_eq!(
            features("biglietto A83462738", PLAIN).buckets,
            features("biglietto g3", PLAIN).buckets
        );
        assert_ne!(
            features("biglietto A83462738", PLAIN).buckets,
            features("biglietto 83462738", PLAIN).buckets
        );
        let with = FeatureSet {
            concepts: true,
            negation: true,
            ..PLAIN
        };
        assert!(
            features("il sindaco incompetente", with).buckets.len()
                > features("il sindaco incompetente", PLAIN).buckets.len()
        );
    }

    #[test]
    fn windows_are_sentences_cut_to_the_limit() {
        let semantic = Semantic::new(&Policy::default());
        let long = "parola ".repeat(70);
        let text = format!("Ieri riunione. Risultato: chiude la piscina! {long}");
        let post = semantic.post(&text, &crate::words::words(&text));
        let set = FeatureSet { windows: true, ..PLAIN };
        assert_eq!(windows(&post, set), vec![0..2, 2..6, 6..36, 36..66, 66..76]);
        assert_eq!(windows(&post, PLAIN), vec![0..76]);
        // A lone word joins the sentence before it, or after it when first.
        let lone = "Vergogna!\nIl sindaco non risponde. Mai.\nPiazza Duomo\nnu";
        let lone = semantic.post(lone, &crate::words::words(lone));
        assert_eq!(windows(&lone, set), vec![0..6, 6..9]);
        let f = extract(&post, &[], 18, set, None);
        let cache = WordCache::default();
        let cached = extract(&post, &[], 18, set, Some(&cache));
        let again = extract(&post, &[], 18, set, Some(&cache));
        assert_eq!((&cached.buckets, &cached.origins), (&f.buckets, &f.origins));
        assert_eq!((&again.buckets, &again.origins), (&f.buckets, &f.origins));
        let split = f.split(&windows(&post, set), 18, set);
        assert_eq!(split.windows.len(), 5);
        // "parola" repeated: the same buckets in each of its windows.
        assert_eq!(split.windows[2], split.windows[3]);
        assert!(!split.context.is_empty());
    }
}
