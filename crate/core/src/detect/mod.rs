//! Detectors: each finds one kind of problem and knows nothing of the
//! browser, the CLI or the policy. They read an [`Input`] (the text prepared
//! once per analysis) and report [`Hit`]s; the [`crate::Analyzer`] turns
//! hits into findings.

pub mod address;
pub mod checksum;
pub mod codice_fiscale;
pub mod email;
pub mod health;
pub mod health_card;
pub mod iban;
pub mod id_document;
pub mod license_plate;
pub mod named_party;
pub mod partita_iva;
pub mod payment_card;
pub mod people;
pub mod phone;

use std::ops::Range;

use crate::fold::{Chain, Folded};
use crate::rules::Rule;
use crate::words::{self, Word};
use crate::Severity;

/// The text with everything the detectors share, computed once.
pub struct Input<'a> {
    pub text: &'a str,
    pub folded: Folded,
    pub chains: Vec<Chain>,
    /// The chains cut down to the runs near a digit: the only places a
    /// window holding a digit can come from.
    pub digit_chains: Vec<Chain>,
    /// What windows are cut from, per chain of `chains` and of
    /// `digit_chains` (see [`ChainText`]).
    chain_texts: Vec<ChainText>,
    digit_chain_texts: Vec<ChainText>,
    pub words: Vec<Word>,
}

/// A chain's alphanumerics joined (ASCII upper case: one byte a char), the
/// length of each run, and how many digits precede each char: every window
/// of the chain is then a slice, found without copying or counting.
struct ChainText {
    compact: String,
    run_lengths: Vec<usize>,
    /// Where each run starts in `compact`.
    run_starts: Vec<usize>,
    /// `digits[k]`: digits among the first `k` chars of `compact`.
    digits: Vec<u32>,
}

impl ChainText {
    fn new(folded: &Folded, chain: &Chain) -> ChainText {
        let mut compact = String::new();
        let mut run_lengths = Vec::with_capacity(chain.runs.len());
        let mut run_starts = Vec::with_capacity(chain.runs.len());
        let mut digits = vec![0];
        for run in &chain.runs {
            run_starts.push(compact.len());
            run_lengths.push(run.len());
            for &c in &folded.chars[run.clone()] {
                compact.push(c);
                let before = *digits.last().unwrap_or(&0);
                digits.push(before + u32::from(c.is_ascii_digit()));
            }
        }
        ChainText {
            compact,
            run_lengths,
            run_starts,
            digits,
        }
    }
}

/// The longest window any identifier detector asks for, in alphanumerics.
const LONGEST_WINDOW: usize = 34;

impl<'a> Input<'a> {
    pub fn new(text: &'a str) -> Input<'a> {
        let folded = Folded::new(text);
        let chains = folded.chains();
        let digit_chains: Vec<Chain> = chains.iter().flat_map(|c| near_digits(&folded, c)).collect();
        let chain_texts = chains.iter().map(|c| ChainText::new(&folded, c)).collect();
        let digit_chain_texts = digit_chains.iter().map(|c| ChainText::new(&folded, c)).collect();
        let words = words::words(text);
        Input {
            text,
            folded,
            chains,
            digit_chains,
            chain_texts,
            digit_chain_texts,
            words,
        }
    }

    /// Every window of whole runs, `lengths` alphanumerics long and holding
    /// at least one digit, as a [`Candidate`]. Identifier detectors start
    /// from these. Windows of plain words, the bulk of any post, are
    /// skipped before anything is allocated.
    pub fn candidates(&self, lengths: Range<usize>) -> impl Iterator<Item = Candidate<'_>> + '_ {
        self.windows(lengths, true)
    }

    /// Like [`Input::candidates`], letters-only windows included (a fully
    /// omocodic codice fiscale has no digit left).
    pub fn all_candidates(&self, lengths: Range<usize>) -> impl Iterator<Item = Candidate<'_>> + '_ {
        self.windows(lengths, false)
    }

    /// Each window costs constant time and allocates nothing: its text, run
    /// lengths and digit count are slices of its chain's [`ChainText`].
    fn windows(&self, lengths: Range<usize>, need_digit: bool) -> impl Iterator<Item = Candidate<'_>> + '_ {
        let (chains, texts) = if need_digit {
            (&self.digit_chains, &self.digit_chain_texts)
        } else {
            (&self.chains, &self.chain_texts)
        };
        chains.iter().zip(texts).flat_map(move |(chain, ct)| {
            chain.windows(lengths.clone()).filter_map(move |runs| {
                let from = ct.run_starts[runs.start];
                let to = ct.run_starts[runs.end - 1] + ct.run_lengths[runs.end - 1];
                if need_digit && ct.digits[to] == ct.digits[from] {
                    return None;
                }
                let chars = chain.char_range(&runs);
                Some(Candidate {
                    compact: &ct.compact[from..to],
                    span: self.folded.byte_span(chars.clone()),
                    runs: &ct.run_lengths[runs.clone()],
                    // Only short chains can be a date; long ones are prose.
                    chain_runs: if chain.runs.len() <= 3 { &ct.run_lengths } else { &[] },
                    before: chars.start.checked_sub(1).map(|i| self.folded.chars[i]),
                    continues_a_number: runs.start > 0 && !chain.soft[runs.start] && {
                        let prev = ct.run_starts[runs.start - 1];
                        ct.digits[from] - ct.digits[prev] == (from - prev) as u32
                    },
                    chars,
                })
            })
        })
    }

    /// The words of sentence `sentence` (words are in sentence order).
    pub fn sentence(&self, sentence: usize) -> &[Word] {
        let start = self.words.partition_point(|w| w.sentence < sentence);
        let end = self.words.partition_point(|w| w.sentence <= sentence);
        &self.words[start..end]
    }

    /// Words just before byte `pos`, for context.
    pub fn words_before(&self, pos: usize, n: usize) -> &[Word] {
        words::before(&self.words, pos, n)
    }

    /// Words just after byte `pos`, for context.
    pub fn words_after(&self, pos: usize, n: usize) -> &[Word] {
        words::after(&self.words, pos, n)
    }
}

/// The parts of `chain` within [`LONGEST_WINDOW`] chars of a run holding a
/// digit, as chains of their own. A window with a digit lies inside one.
fn near_digits(folded: &Folded, chain: &Chain) -> Vec<Chain> {
    let has_digit = |r: &Range<usize>| folded.chars[r.clone()].iter().any(char::is_ascii_digit);
    let digit_runs = chain.runs.iter().filter(|r| has_digit(r)).count();
    if digit_runs == 0 {
        return Vec::new();
    }
    if digit_runs == chain.runs.len() {
        return vec![chain.clone()];
    }
    // Two linear passes: the nearest digit run before and after each run.
    let runs = &chain.runs;
    let mut near = vec![false; runs.len()];
    let mut last_digit_end: Option<usize> = None;
    for (i, run) in runs.iter().enumerate() {
        if has_digit(run) {
            last_digit_end = Some(run.end);
        }
        near[i] = last_digit_end.is_some_and(|end| run.start < end + LONGEST_WINDOW);
    }
    let mut next_digit_start: Option<usize> = None;
    for (i, run) in runs.iter().enumerate().rev() {
        if has_digit(run) {
            next_digit_start = Some(run.start);
        }
        near[i] |= next_digit_start.is_some_and(|start| start < run.end + LONGEST_WINDOW);
    }
    let mut parts = Vec::new();
    let mut current = Chain::default();
    for ((run, &soft), &near) in runs.iter().zip(&chain.soft).zip(&near) {
        if near {
            current.runs.push(run.clone());
            current.soft.push(soft);
        } else if !current.runs.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
    }
    if !current.runs.is_empty() {
        parts.push(current);
    }
    parts
}

/// A possible identifier: whole alphanumeric runs of a chain.
pub struct Candidate<'a> {
    /// Upper-case alphanumerics, separators removed.
    pub compact: &'a str,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Folded-char range.
    pub chars: Range<usize>,
    /// Length of each run, e.g. `[3, 3, 5, 5]` for `RSS MRA 85T10 A562S`.
    pub runs: &'a [usize],
    /// Length of each run of the whole chain the candidate was cut from,
    /// when it has at most three runs (empty otherwise).
    pub chain_runs: &'a [usize],
    /// The folded char just before the candidate, if any (`+` of `+39`).
    pub before: Option<char>,
    /// The run before the candidate in its chain is all digits: the
    /// candidate is the tail of a longer number (`800 083398`).
    pub continues_a_number: bool,
}

impl Candidate<'_> {
    /// The candidate read as a number: digits, with the look-alikes `O`
    /// and `I` read as `0` and `1` when real digits are the majority.
    pub fn digits(&self) -> Option<String> {
        read_as_digits(self.compact)
    }
}

/// `s` as digits, reading `O`/`I` as `0`/`1` when most chars are digits.
pub fn read_as_digits(s: &str) -> Option<String> {
    let real = s.bytes().filter(u8::is_ascii_digit).count();
    if real * 2 <= s.len() {
        return None;
    }
    s.bytes()
        .map(|b| match b {
            b'0'..=b'9' => Some(b as char),
            b'O' => Some('0'),
            b'I' => Some('1'),
            _ => None,
        })
        .collect()
}

/// A detector's raw result.
#[derive(Debug)]
pub struct Hit {
    pub rule: &'static Rule,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// The canonical form of what was found, matched against the policy's
    /// allowlist.
    pub canonical: String,
    pub severity: Severity,
}

impl Hit {
    pub fn new(rule: &'static Rule, span: Range<usize>, canonical: String) -> Hit {
        Hit {
            rule,
            span,
            canonical,
            severity: rule.severity,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Hit {
        self.severity = severity;
        self
    }
}

/// Runs every detector.
pub fn all(input: &Input) -> Vec<Hit> {
    let mut hits = Vec::new();
    hits.extend(codice_fiscale::find(input));
    hits.extend(partita_iva::find(input));
    hits.extend(iban::find(input));
    hits.extend(payment_card::find(input));
    hits.extend(health_card::find(input));
    hits.extend(phone::find(input));
    hits.extend(email::find(input));
    hits.extend(license_plate::find(input));
    hits.extend(id_document::find(input));
    let people = people::find(input);
    hits.extend(address::find(input, &people));
    hits.extend(health::find(input, &people));
    hits.extend(named_party::find(input, &people));
    resolve_overlaps(hits)
}

/// Where identifiers overlap (a card number also reads as a phone number),
/// keeps the most severe, then the longest, then the earliest.
///
/// A hit clashes with a kept identifier when both are identifiers, and
/// with a kept hit of its own rule. Kept identifiers never overlap each
/// other, nor do the kept hits of one rule, so each group is a set of
/// disjoint spans: whether a new span overlaps one of them is one ordered
/// look-up (the kept span starting last before the new one ends), and the
/// whole resolution costs O(n log n) however dense the text.
pub fn resolve_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    use std::collections::{BTreeMap, HashMap};
    hits.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then((b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)))
            .then(a.span.start.cmp(&b.span.start))
    });
    /// Disjoint spans, start to end.
    type Spans = BTreeMap<usize, usize>;
    fn overlaps(spans: &Spans, span: &Range<usize>) -> bool {
        spans
            .range(..span.end)
            .next_back()
            .is_some_and(|(&start, &end)| start < span.end && span.start < end)
    }
    let mut identifiers = Spans::new();
    let mut by_rule: HashMap<&'static str, Spans> = HashMap::new();
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let own = by_rule.entry(hit.rule.id).or_default();
        let clash = overlaps(own, &hit.span) || (hit.rule.identifier && overlaps(&identifiers, &hit.span));
        if clash {
            continue;
        }
        // An empty span overlaps nothing and hides nothing.
        if !hit.span.is_empty() {
            own.insert(hit.span.start, hit.span.end);
            if hit.rule.identifier {
                identifiers.insert(hit.span.start, hit.span.end);
            }
        }
        kept.push(hit);
    }
    kept
}

/// Helpers for the detectors' own tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{people, Hit, Input};

    /// The texts a detector underlines in `text`.
    pub fn found(find: impl Fn(&Input) -> Vec<Hit>, text: &str) -> Vec<String> {
        find(&Input::new(text))
            .into_iter()
            .map(|h| text[h.span].to_string())
            .collect()
    }

    /// The texts a detector underlines, with the severity context gave them.
    pub fn found_graded(find: impl Fn(&Input) -> Vec<Hit>, text: &str) -> Vec<(String, crate::Severity)> {
        find(&Input::new(text))
            .into_iter()
            .map(|h| (text[h.span].to_string(), h.severity))
            .collect()
    }

    /// The same, for phrase rules that need the people the text mentions.
    pub fn found_with_people(find: impl Fn(&Input, &[people::Person]) -> Vec<Hit>, text: &str) -> Vec<String> {
        let input = Input::new(text);
        let people = people::find(&input);
        find(&input, &people)
            .into_iter()
            .map(|h| text[h.span].to_string())
            .collect()
    }
}
