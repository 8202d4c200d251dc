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
    pub words: Vec<Word>,
}

/// The longest window any identifier detector asks for, in alphanumerics.
const LONGEST_WINDOW: usize = 34;

impl<'a> Input<'a> {
    pub fn new(text: &'a str) -> Input<'a> {
        let folded = Folded::new(text);
        let chains = folded.chains();
        let digit_chains = chains.iter().flat_map(|c| near_digits(&folded, c)).collect();
        let words = words::words(text);
        Input {
            text,
            folded,
            chains,
            digit_chains,
            words,
        }
    }

    /// Every window of whole runs, `lengths` alphanumerics long and holding
    /// at least one digit, as a [`Candidate`]. Identifier detectors start
    /// from these. Windows of plain words, the bulk of any post, are
    /// skipped before anything is allocated.
    pub fn candidates(&self, lengths: Range<usize>) -> impl Iterator<Item = Candidate> + '_ {
        self.windows(lengths, true)
    }

    /// Like [`Input::candidates`], letters-only windows included (a fully
    /// omocodic codice fiscale has no digit left).
    pub fn all_candidates(&self, lengths: Range<usize>) -> impl Iterator<Item = Candidate> + '_ {
        self.windows(lengths, false)
    }

    fn windows(&self, lengths: Range<usize>, need_digit: bool) -> impl Iterator<Item = Candidate> + '_ {
        let chains = if need_digit { &self.digit_chains } else { &self.chains };
        chains.iter().flat_map(move |chain| {
            chain.windows(lengths.clone()).filter_map(move |runs| {
                let chars = chain.char_range(&runs);
                if need_digit && !self.folded.chars[chars.clone()].iter().any(char::is_ascii_digit) {
                    return None;
                }
                Some(Candidate {
                    compact: chain.compact(&self.folded, &runs),
                    span: self.folded.byte_span(chars.clone()),
                    runs: chain.runs[runs.clone()].iter().map(|r| r.len()).collect(),
                    // Only short chains can be a date; long ones are prose.
                    chain_runs: if chain.runs.len() <= 3 {
                        chain.runs.iter().map(|r| r.len()).collect()
                    } else {
                        Vec::new()
                    },
                    before: chars.start.checked_sub(1).map(|i| self.folded.chars[i]),
                    continues_a_number: runs.start > 0
                        && self.folded.chars[chain.runs[runs.start - 1].clone()]
                            .iter()
                            .all(char::is_ascii_digit),
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
    for (run, &near) in runs.iter().zip(&near) {
        if near {
            current.runs.push(run.clone());
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
pub struct Candidate {
    /// Upper-case alphanumerics, separators removed.
    pub compact: String,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Folded-char range.
    pub chars: Range<usize>,
    /// Length of each run, e.g. `[3, 3, 5, 5]` for `RSS MRA 85T10 A562S`.
    pub runs: Vec<usize>,
    /// Length of each run of the whole chain the candidate was cut from,
    /// when it has at most three runs (empty otherwise).
    pub chain_runs: Vec<usize>,
    /// The folded char just before the candidate, if any (`+` of `+39`).
    pub before: Option<char>,
    /// The run before the candidate in its chain is all digits: the
    /// candidate is the tail of a longer number (`800 083398`).
    pub continues_a_number: bool,
}

impl Candidate {
    /// The candidate read as a number: digits, with the look-alikes `O`
    /// and `I` read as `0` and `1` when real digits are the majority.
    pub fn digits(&self) -> Option<String> {
        read_as_digits(&self.compact)
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
pub fn resolve_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then((b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let clash = kept.iter().any(|k| {
            let overlap = k.span.start < hit.span.end && hit.span.start < k.span.end;
            overlap && (k.rule.id == hit.rule.id || (k.rule.identifier && hit.rule.identifier))
        });
        if !clash {
            kept.push(hit);
        }
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
