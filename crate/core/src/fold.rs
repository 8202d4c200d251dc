//! A folded view of the text for finding identifiers that people, or
//! people trying to slip past a filter, write in odd ways.
//!
//! Folding keeps a map from every folded char back to the bytes it came
//! from, so a finding always underlines what the user actually typed.
//! It undoes what does not change how an identifier reads:
//!
//! - case (`rssmra…` is the same codice fiscale as `RSSMRA…`);
//! - full-width forms (`１２３`), which some keyboards and copy-pastes produce;
//! - Cyrillic and Greek letters that look exactly like Latin ones;
//! - zero-width and soft-hyphen characters, which are invisible.
//!
//! Grouping then splits the folded text into runs of ASCII letters and
//! digits, and chains runs separated by a single space, dot, dash or slash,
//! so that `RSS MRA 85T10 A562S` and `333-123.45.67` can be read whole.

use std::ops::Range;

/// The text folded to upper-case ASCII where it can be, with a byte span of
/// the original for every folded char.
pub struct Folded {
    pub chars: Vec<char>,
    pub spans: Vec<Range<usize>>,
}

/// Characters that are invisible when rendered; dropped by folding.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Maps a char that looks like a Latin capital letter or digit to it.
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        // Full-width ASCII block.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21)?.to_ascii_uppercase(),
        // Cyrillic capitals and small letters that render as Latin ones.
        'А' | 'а' => 'A',
        'В' | 'в' => 'B',
        'Е' | 'е' => 'E',
        'К' | 'к' => 'K',
        'М' | 'м' => 'M',
        'Н' | 'н' => 'H',
        'О' | 'о' => 'O',
        'Р' | 'р' => 'P',
        'С' | 'с' => 'C',
        'Т' | 'т' => 'T',
        'Х' | 'х' => 'X',
        'У' | 'у' => 'Y',
        'І' | 'і' => 'I',
        'Ј' | 'ј' => 'J',
        'Ѕ' | 'ѕ' => 'S',
        // Greek capitals that render as Latin ones.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' | 'ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    })
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans: Vec<Range<usize>> = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if is_invisible(c) {
                // Attach the invisible char to the previous one so spans stay
                // contiguous and an underline covers it too.
                if let Some(last) = spans.last_mut() {
                    last.end = end;
                }
                continue;
            }
            let folded = if c.is_ascii() {
                c.to_ascii_uppercase()
            } else {
                look_alike(c).unwrap_or(c)
            };
            chars.push(folded);
            spans.push(i..end);
        }
        Folded { chars, spans }
    }

    /// The byte range of the original text covered by folded chars `range`.
    pub fn byte_span(&self, range: Range<usize>) -> Range<usize> {
        self.spans[range.start].start..self.spans[range.end - 1].end
    }

    /// Runs of ASCII alphanumerics chained across single separators.
    pub fn chains(&self) -> Vec<Chain> {
        let mut chains = Vec::new();
        let mut current = Chain::default();
        let mut i = 0;
        let n = self.chars.len();
        while i < n {
            if !self.chars[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && self.chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let joined = current
                .runs
                .last()
                .is_some_and(|last| start == last.end + 1 && is_separator(self.chars[last.end]));
            if !joined && !current.runs.is_empty() {
                chains.push(std::mem::take(&mut current));
            }
            current.runs.push(start..i);
        }
        if !current.runs.is_empty() {
            chains.push(current);
        }
        chains
    }
}

/// Characters people put inside an identifier to make it readable.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Consecutive alphanumeric runs, each separated from the next by exactly
/// one separator char. Run ranges index [`Folded::chars`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chain {
    pub runs: Vec<Range<usize>>,
}

impl Chain {
    /// Every sub-sequence of whole runs whose alphanumeric length is in
    /// `lengths`, as (first run, last run exclusive, total length).
    ///
    /// Candidates start and end on run boundaries, so an identifier is never
    /// cut out of the middle of a longer word or number.
    pub fn windows(&self, lengths: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        let runs = &self.runs;
        (0..runs.len()).flat_map(move |first| {
            let mut total = 0;
            let (min, max) = (lengths.start, lengths.end);
            (first..runs.len())
                .map_while(move |last| {
                    total += runs[last].len();
                    (total < max).then_some((last, total))
                })
                .filter(move |&(_, total)| total >= min)
                .map(move |(last, _)| first..last + 1)
        })
    }

    /// The folded-char range covered by runs `runs`.
    pub fn char_range(&self, runs: &Range<usize>) -> Range<usize> {
        self.runs[runs.start].start..self.runs[runs.end - 1].end
    }

    /// The alphanumerics of runs `runs`, separators left out.
    pub fn compact(&self, folded: &Folded, runs: &Range<usize>) -> String {
        self.runs[runs.clone()]
            .iter()
            .flat_map(|r| folded.chars[r.clone()].iter())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_homoglyphs_and_invisibles() {
        let text = "rss\u{200B}мra １２";
        let f = Folded::new(text);
        let s: String = f.chars.iter().collect();
        assert_eq!(s, "RSSMRA 12");
        // The folded 'S' before the zero-width space covers it too.
        assert_eq!(&text[f.byte_span(2..3)], "s\u{200B}");
        // The Cyrillic 'м' maps back to its two bytes.
        assert_eq!(&text[f.byte_span(3..4)], "м");
    }

    #[test]
    fn chains_runs_across_single_separators_only() {
        let f = Folded::new("RSS MRA.85T10-A562S  poi 12/3");
        let chains = f.chains();
        let compact: Vec<String> = chains.iter().map(|c| c.compact(&f, &(0..c.runs.len()))).collect();
        assert_eq!(compact, vec!["RSSMRA85T10A562S", "POI123"]);
    }

    #[test]
    fn windows_start_and_end_on_run_boundaries() {
        let f = Folded::new("AB CDE FG");
        let chain = &f.chains()[0];
        let found: Vec<String> = chain.windows(4..6).map(|w| chain.compact(&f, &w)).collect();
        assert_eq!(found, vec!["ABCDE", "CDEFG"]);
    }
}
