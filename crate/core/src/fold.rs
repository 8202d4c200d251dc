//! A folded view of the text for finding identifiers that people, or
//! people trying to slip past a filter, write in odd ways.
//!
//! Folding keeps a map from every folded char back to the bytes it came
//! from, so a finding always underlines what the user actually typed.
//! It undoes what does not change how an identifier reads:
//!
//! - case (`rssmra…` is the same codice fiscale as `RSSMRA…`);
//! - compatibility forms: full-width (`１２３`), mathematical bold, italic
//!   or monospace letters and digits, superscript, subscript, circled and
//!   parenthesised digits and letters, regional-indicator letters;
//! - every Unicode decimal digit, read as its value (Arabic-Indic `٣`,
//!   Devanagari `३`, …);
//! - Cyrillic and Greek letters that look exactly like Latin ones;
//! - what renders as nothing or only decorates the char before it:
//!   default-ignorable code points (zero-width chars, soft hyphen, bidi
//!   controls and isolates, variation selectors, tag characters, Hangul
//!   fillers) and combining marks (accents, overlines, strike-throughs,
//!   the keycap of `3️⃣`), attached to the char before them;
//! - digits written as words when three or more follow each other
//!   ("tre tre otto …"), each word one digit.
//!
//! Grouping then splits the folded text into runs of ASCII letters and
//! digits, and chains runs separated by a separator (a space, dot, dash,
//! slash, underscore, comma, bar, asterisk, middle dot, tab, line break,
//! any Unicode space or dash) or a short gap of spaces around one
//! (`333 - 123 - 4567`), so that `RSS MRA 85T10 A562S` and
//! `333-123.45.67` can be read whole. A run also ends where a lower-case
//! word is glued to what follows it (`numeroRSSMRA…`, `tel3331234567`),
//! so the identifier can be read on its own.

use std::ops::Range;

/// The text folded to upper-case ASCII where it can be, with a byte span of
/// the original for every folded char.
pub struct Folded {
    pub chars: Vec<char>,
    pub spans: Vec<Range<usize>>,
    /// Per folded char: a run must end before it, although no separator
    /// does (a lower-case word glued to an identifier).
    pub glued: Vec<bool>,
}

/// Renders as nothing: default-ignorable code points, dropped by folding.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Combining marks: they decorate the char before them.
fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The first code point of each run of ten Unicode decimal digits (general
/// category Nd) outside ASCII, zero to nine in order.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50,
    0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0,
    0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x11730, 0x118E0, 0x11950, 0x11BF0,
    0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of a digit written in any script or compatibility form.
fn digit_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if cp < 0xB2 {
        return None;
    }
    if let Some(&zero) = DIGIT_ZEROS.iter().rev().find(|&&z| z <= cp) {
        if cp - zero < 10 {
            return Some(cp - zero);
        }
    }
    Some(match cp {
        0x2070 | 0x2080 | 0x24EA | 0x24FF | 0x1F100 | 0x1F101 | 0x1F10B | 0x1F10C => 0,
        0x00B9 => 1,
        0x00B2 => 2,
        0x00B3 => 3,
        0x2074..=0x2079 => cp - 0x2070,
        0x2081..=0x2089 => cp - 0x2080,
        // Circled, parenthesised, with a full stop; dingbat circles.
        0x2460..=0x2468 => cp - 0x2460 + 1,
        0x2474..=0x247C => cp - 0x2474 + 1,
        0x2488..=0x2490 => cp - 0x2488 + 1,
        0x24F5..=0x24FD => cp - 0x24F5 + 1,
        0x2776..=0x277E => cp - 0x2776 + 1,
        0x2780..=0x2788 => cp - 0x2780 + 1,
        0x278A..=0x2792 => cp - 0x278A + 1,
        0x1F102..=0x1F10A => cp - 0x1F102 + 1,
        _ => return None,
    })
}

/// A Latin letter written in a compatibility form, as an ASCII capital.
fn letter_value(c: char) -> Option<char> {
    let cp = c as u32;
    let index = match cp {
        // Mathematical alphanumeric letters: blocks of 26 capitals then 26
        // small letters, from bold to monospace.
        0x1D400..=0x1D6A3 => (cp - 0x1D400) % 26,
        // Circled capitals and small letters, parenthesised small letters.
        0x24B6..=0x24CF => cp - 0x24B6,
        0x24D0..=0x24E9 => cp - 0x24D0,
        0x249C..=0x24B5 => cp - 0x249C,
        // Parenthesised, circled, squared, negative circled and squared
        // capitals; regional indicators (the letters of flags).
        0x1F110..=0x1F129 => cp - 0x1F110,
        0x1F130..=0x1F149 => cp - 0x1F130,
        0x1F150..=0x1F169 => cp - 0x1F150,
        0x1F170..=0x1F189 => cp - 0x1F170,
        0x1F1E6..=0x1F1FF => cp - 0x1F1E6,
        _ => return None,
    };
    char::from_u32(u32::from(b'A') + index)
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
        _ => {
            if let Some(d) = digit_value(c) {
                return char::from_digit(d, 10);
            }
            return letter_value(c);
        }
    })
}

/// Digits written as Italian words.
const NUMBER_WORDS: &[(&str, char)] = &[
    ("zero", '0'),
    ("uno", '1'),
    ("due", '2'),
    ("tre", '3'),
    ("quattro", '4'),
    ("cinque", '5'),
    ("sei", '6'),
    ("sette", '7'),
    ("otto", '8'),
    ("nove", '9'),
];

/// Fewest number words in a row read as digits ("uno o due" stays words).
const NUMBER_WORDS_IN_A_ROW: usize = 3;

/// Where digits are written as words: (byte start, byte end, digit) of
/// each number word in a row of words and short codes (`RSSMRA otto
/// cinque T …`, `tre tre otto 1234567`) separated by spaces or separators,
/// holding at least three number words.
fn number_words(text: &str) -> Vec<(usize, usize, char)> {
    let mut found = Vec::new();
    // The current row: its number words, and how many there are.
    let mut row: Vec<(usize, usize, char)> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut last_end = 0;
    let flush = |row: &mut Vec<(usize, usize, char)>, found: &mut Vec<(usize, usize, char)>| {
        if row.len() >= NUMBER_WORDS_IN_A_ROW {
            found.append(row);
        }
        row.clear();
    };
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(start) = word_start.take() else {
            continue;
        };
        let word = &text[start..i];
        let digit = NUMBER_WORDS
            .iter()
            .find(|(w, _)| w.len() == word.len() && w.eq_ignore_ascii_case(word))
            .map(|&(_, d)| d);
        // A code between number words: digits, or a few capitals.
        let code = word.len() <= 6 && word.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        let gap = &text[last_end..start];
        let continues = gap.chars().count() <= 3 && gap.chars().all(is_gap_char);
        if !continues {
            flush(&mut row, &mut found);
        }
        match digit {
            Some(d) => row.push((start, i, d)),
            None if code => {}
            None => flush(&mut row, &mut found),
        }
        last_end = i;
    }
    flush(&mut row, &mut found);
    found
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans: Vec<Range<usize>> = Vec::with_capacity(text.len());
        let mut glued = Vec::with_capacity(text.len());
        let words = number_words(text);
        let mut next_word = 0;
        // The lower-case letters just before, as typed.
        let mut lower_run = 0usize;
        let mut skip_to = 0;
        for (i, c) in text.char_indices() {
            if i < skip_to {
                continue;
            }
            let end = i + c.len_utf8();
            if let Some(&(start, word_end, digit)) = words.get(next_word) {
                if start == i {
                    next_word += 1;
                    chars.push(digit);
                    spans.push(i..word_end);
                    glued.push(false);
                    skip_to = word_end;
                    lower_run = 0;
                    continue;
                }
            }
            if is_invisible(c) || (is_combining(c) && !spans.is_empty()) {
                // Attach it to the previous char so spans stay contiguous
                // and an underline covers it too.
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
            // "numeroRSSMRA…", "tel3331234567": a word glued to what follows.
            let upper_or_digit = c.is_uppercase() || folded.is_ascii_digit();
            glued.push(folded.is_ascii_alphanumeric() && lower_run >= 3 && upper_or_digit);
            lower_run = if c.is_lowercase() && folded.is_ascii_alphabetic() {
                lower_run + 1
            } else {
                0
            };
            chars.push(folded);
            spans.push(i..end);
        }
        Folded { chars, spans, glued }
    }

    /// The byte range of the original text covered by folded chars `range`.
    pub fn byte_span(&self, range: Range<usize>) -> Range<usize> {
        self.spans[range.start].start..self.spans[range.end - 1].end
    }

    /// Runs of ASCII alphanumerics chained across separators.
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
            i += 1;
            while i < n && self.chars[i].is_ascii_alphanumeric() && !self.glued[i] {
                i += 1;
            }
            let gap = current.runs.last().map(|last| &self.chars[last.end..start]);
            let joined = gap.is_some_and(joins);
            if !joined && !current.runs.is_empty() {
                chains.push(std::mem::take(&mut current));
            }
            // Only the separators people always used (a space, a dot, a
            // dash, a slash) make a run continue the number before it.
            let hard = gap.is_some_and(|g| matches!(g, [c] if is_hard_separator(*c)));
            current.runs.push(start..i);
            current.soft.push(joined && !hard);
        }
        if !current.runs.is_empty() {
            chains.push(current);
        }
        chains
    }
}

/// Does the gap between two runs keep them in one identifier? Nothing (a
/// glued word), one separator, or up to four chars of spaces around at
/// most one separator other than a dot or a comma (`333 - 123`), with at
/// most one line break.
fn joins(gap: &[char]) -> bool {
    match gap {
        [] => true,
        [c] => is_separator(*c),
        _ if gap.len() <= 4 => {
            let marks = gap.iter().filter(|c| !is_space(**c)).count();
            let breaks = gap.iter().filter(|c| **c == '\n').count();
            let mark_ok = gap
                .iter()
                .all(|&c| is_space(c) || (is_separator(c) && !matches!(c, '.' | ',')));
            marks <= 1 && breaks <= 1 && mark_ok
        }
        _ => false,
    }
}

/// A space of any width, a tab or a line break.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// May sit between number words read as digits.
fn is_gap_char(c: char) -> bool {
    is_space(c) || is_separator(c)
}

/// The separators identifiers were always written with.
fn is_hard_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Characters people put inside an identifier to make it readable, or to
/// slip it past a filter.
fn is_separator(c: char) -> bool {
    is_hard_separator(c)
        || is_space(c)
        || matches!(
            c,
            '_' | ',' | '|' | '*' | '·' | '•' | '∙' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FB}' | '\u{FF65}'
        )
}

/// Consecutive alphanumeric runs, each separated from the next by a gap
/// that joins them (nothing, one separator, or spaces around one). Run
/// ranges index [`Folded::chars`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chain {
    pub runs: Vec<Range<usize>>,
    /// Per run: joined to the run before by a gap other than one of the
    /// separators identifiers were always written with (a tab, a line
    /// break, an underscore, no gap at all). Two numbers on two lines are
    /// two numbers, not one continuing the other.
    pub soft: Vec<bool>,
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
        let f = Folded::new("RSS MRA.85T10-A562S ; poi 12/3");
        let chains = f.chains();
        let compact: Vec<String> = chains.iter().map(|c| c.compact(&f, &(0..c.runs.len()))).collect();
        assert_eq!(compact, vec!["RSSMRA85T10A562S", "POI123"]);
        // A gap of spaces around one separator joins; two separators or a
        // sentence's end do not.
        let f = Folded::new("333 - 123 - 4567 ok. 12 -- 3, 4");
        let compact: Vec<String> = f.chains().iter().map(|c| c.compact(&f, &(0..c.runs.len()))).collect();
        assert_eq!(compact, vec!["3331234567OK", "12", "3", "4"]);
    }

    #[test]
    fn windows_start_and_end_on_run_boundaries() {
        let f = Folded::new("AB CDE FG");
        let chain = &f.chains()[0];
        let found: Vec<String> = chain.windows(4..6).map(|w| chain.compact(&f, &w)).collect();
        assert_eq!(found, vec!["ABCDE", "CDEFG"]);
    }
}
