//! Words of the text, folded for matching (lower case, no accents), with
//! their byte spans and sentence numbers.
//!
//! Detectors use words for two things: the context around an identifier
//! ("tel.", "ordine n.") and the phrase-level rules (a named person next to
//! a fine or a diagnosis). Elisions split: `dell'ufficio` is `dell` and
//! `ufficio`.

use std::ops::Range;

#[derive(Clone, Debug)]
pub struct Word {
    /// Lower case, accents removed: `perché` reads `perche`.
    pub norm: String,
    pub span: Range<usize>,
    /// Starts with an upper-case letter as written.
    pub capitalized: bool,
    /// Index of the sentence the word is in.
    pub sentence: usize,
}

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "sig", "sigg", "ra", "dott", "dr", "avv", "ing", "geom", "prof", "n", "nr", "num", "p", "c", "art", "ecc", "tel",
    "cell", "prot", "rag", "arch", "on", "s", "v", "es", "iva", "pag", "cod", "doc", "ss",
];

pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' => 'u',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut sentence = 0;
    let mut gap_ends_sentence = false;
    let mut current: Option<(usize, String, bool)> = None;
    let flush = |current: &mut Option<(usize, String, bool)>, end: usize, out: &mut Vec<Word>, sentence: usize| {
        if let Some((start, norm, capitalized)) = current.take() {
            out.push(Word {
                norm,
                span: start..end,
                capitalized,
                sentence,
            });
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if current.is_none() {
                if gap_ends_sentence && !out.is_empty() {
                    sentence += 1;
                }
                gap_ends_sentence = false;
                current = Some((i, String::new(), c.is_uppercase()));
            }
            if let Some((_, norm, _)) = current.as_mut() {
                norm.push(fold_char(c));
            }
            continue;
        }
        let was_word = current.is_some();
        flush(&mut current, i, &mut out, sentence);
        match c {
            '!' | '?' | '\n' | ';' => gap_ends_sentence = true,
            '.' if was_word => {
                let last = out.last().map(|w| w.norm.as_str()).unwrap_or("");
                if !ABBREVIATIONS.contains(&last) {
                    gap_ends_sentence = true;
                }
            }
            _ => {}
        }
    }
    flush(&mut current, text.len(), &mut out, sentence);
    out
}

/// Index of the first word that starts at or after byte `pos`.
pub fn first_at_or_after(words: &[Word], pos: usize) -> usize {
    words.partition_point(|w| w.span.start < pos)
}

/// Does any of `words` start with any of `prefixes`? Prefixes act as a
/// cheap stemmer: `telef` covers telefono, telefonare, telefonino.
pub fn any_prefix(words: &[Word], prefixes: &[&str]) -> bool {
    words.iter().any(|w| prefixes.iter().any(|p| w.norm.starts_with(p)))
}

/// Does any of `words` equal any of `exact`?
pub fn any_exact(words: &[Word], exact: &[&str]) -> bool {
    words.iter().any(|w| exact.contains(&w.norm.as_str()))
}

/// The up to `n` words that end before byte `pos`.
pub fn before(words: &[Word], pos: usize, n: usize) -> &[Word] {
    let end = words.partition_point(|w| w.span.end <= pos);
    &words[end.saturating_sub(n)..end]
}

/// The up to `n` words that start at or after byte `pos`.
pub fn after(words: &[Word], pos: usize, n: usize) -> &[Word] {
    let start = first_at_or_after(words, pos);
    &words[start..(start + n).min(words.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_splits_elisions_and_sentences() {
        let w = words("Perché dell'Ufficio? Il sig. Rossi è qui.\nCiao");
        let norms: Vec<&str> = w.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(
            norms,
            ["perche", "dell", "ufficio", "il", "sig", "rossi", "e", "qui", "ciao"]
        );
        assert!(w[2].capitalized);
        let sentences: Vec<usize> = w.iter().map(|w| w.sentence).collect();
        // "sig." does not end the sentence; "?" and "." do.
        assert_eq!(sentences, [0, 0, 0, 1, 1, 1, 1, 1, 2]);
    }

    #[test]
    fn words_around_a_position() {
        let text = "chiamami al 333 1234567 dopo cena";
        let w = words(text);
        let pos = text.find("333").unwrap();
        let norms = |ws: &[Word]| ws.iter().map(|w| w.norm.clone()).collect::<Vec<_>>();
        assert_eq!(norms(before(&w, pos, 2)), ["chiamami", "al"]);
        assert_eq!(norms(after(&w, pos, 1)), ["333"]);
    }
}
