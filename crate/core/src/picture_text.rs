//! The text read in a picture by an OCR engine, made into a text the
//! analyzer reads like a post's, with the place of every word.
//!
//! The engine (Tesseract, in the CLI as a program and in the extension
//! compiled to WebAssembly) reports words with their boxes, grouped in
//! lines. In sparse mode it often cuts one visual line in pieces: a table's
//! row ("Rossi M." | "RSSMRA85T10A562S" | "333 1234567"), a phone number
//! split at its space. Pieces that sit side by side on one line, close
//! enough to be read together, are joined again before the analysis, so
//! that both the CLI and the extension read the same text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::{Analyzer, Finding};

/// Words the engine is less sure of than this (0–1) are left out: on
/// photographs they are mostly texture read as letters.
pub const MIN_CONFIDENCE: f32 = 0.30;

/// A word as the OCR engine read it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OcrWord {
    pub text: String,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// 0 to 1.
    pub confidence: f32,
    /// The engine's line: words of one line share it.
    pub line: u32,
}

/// A place in the picture, the logo's convention: top-left corner and
/// size, in the picture's pixels.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Area {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Area {
    fn right(&self) -> u32 {
        self.x + self.width
    }
    fn bottom(&self) -> u32 {
        self.y + self.height
    }
    fn centre_y(&self) -> f32 {
        self.y as f32 + self.height as f32 / 2.0
    }
    fn union(self, other: Area) -> Area {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Area {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }
}

/// The text of a picture: lines joined by `\n`, words by a space; each
/// word's byte range in it and its box.
#[derive(Clone, Debug, Default)]
pub struct PictureText {
    pub text: String,
    words: Vec<(Range<usize>, Area)>,
}

/// A finding in a picture's text, with its place.
#[derive(Clone, Debug, Serialize)]
pub struct PictureFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub area: Area,
}

/// Builds the text from the engine's words (in the engine's order).
pub fn layout(words: &[OcrWord]) -> PictureText {
    // The engine's lines, in its order, without the words it is unsure of.
    let mut lines: Vec<Vec<(&str, Area)>> = Vec::new();
    let mut last_line = None;
    for w in words {
        let text = w.text.trim();
        if text.is_empty() || w.confidence < MIN_CONFIDENCE {
            continue;
        }
        let area = Area {
            x: w.x,
            y: w.y,
            width: w.width.max(1),
            height: w.height.max(1),
        };
        if last_line != Some(w.line) || lines.is_empty() {
            lines.push(Vec::new());
            last_line = Some(w.line);
        }
        lines.last_mut().expect("pushed").push((text, area));
    }
    // Joins a line to the one just left of it on the same visual line:
    // their facing words of similar height, centres within half a word's
    // height, the gap under three heights.
    let mut merged: Vec<Option<Vec<(&str, Area)>>> = lines.into_iter().map(Some).collect();
    loop {
        let mut joined = false;
        for i in 0..merged.len() {
            let Some(left) = merged[i].as_ref() else { continue };
            let end = left.last().expect("lines are not empty").1;
            let mut best: Option<(usize, u32)> = None;
            for (j, candidate) in merged.iter().enumerate() {
                let Some(right) = candidate.as_ref() else { continue };
                if j == i {
                    continue;
                }
                let start = right[0].1;
                let h = end.height.max(start.height) as f32;
                let similar = (end.height.min(start.height) as f32) * 1.6 >= h;
                let level = (end.centre_y() - start.centre_y()).abs() <= h / 2.0;
                if !(similar && level && start.x >= end.right().saturating_sub(end.height / 4)) {
                    continue;
                }
                let gap = start.x.saturating_sub(end.right());
                if (gap as f32) < 3.0 * h && best.is_none_or(|(_, g)| gap < g) {
                    best = Some((j, gap));
                }
            }
            if let Some((j, _)) = best {
                let right = merged[j].take().expect("a line");
                merged[i].as_mut().expect("a line").extend(right);
                joined = true;
            }
        }
        if !joined {
            break;
        }
    }
    let mut out = PictureText::default();
    for line in merged.into_iter().flatten() {
        if !out.text.is_empty() {
            out.text.push('\n');
        }
        for (k, (text, area)) in line.into_iter().enumerate() {
            if k > 0 {
                out.text.push(' ');
            }
            let start = out.text.len();
            out.text.push_str(text);
            out.words.push((start..out.text.len(), area));
        }
    }
    out
}

impl PictureText {
    /// The box around the words a byte range of the text touches.
    pub fn area(&self, start: usize, end: usize) -> Option<Area> {
        self.words
            .iter()
            .filter(|(range, _)| range.start < end.max(start + 1) && start < range.end)
            .map(|&(_, area)| area)
            .reduce(Area::union)
    }

    /// What the analyzer finds in the text, each finding with its place
    /// (offsets in bytes of `self.text`).
    pub fn findings(&self, analyzer: &Analyzer) -> Vec<PictureFinding> {
        if self.text.trim().is_empty() {
            return Vec::new();
        }
        analyzer
            .analyze(&self.text)
            .into_iter()
            .map(|finding| PictureFinding {
                area: self.area(finding.start, finding.end).unwrap_or_default(),
                finding,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: u32, y: u32, width: u32, line: u32) -> OcrWord {
        OcrWord {
            text: text.into(),
            x,
            y,
            width,
            height: 20,
            confidence: 0.9,
            line,
        }
    }

    #[test]
    fn pieces_of_one_visual_line_are_joined_columns_far_apart_are_not() {
        let words = [
            word("Rossi", 10, 100, 60, 0),
            word("M.", 75, 100, 20, 0),
            word("RSSMRA85T10A562S", 130, 101, 200, 1),
            word("333", 345, 99, 40, 2),
            word("1234567", 395, 100, 90, 3),
            // Another column, far to the right.
            word("Note", 900, 100, 50, 4),
            word("Riservato", 10, 200, 110, 5),
            // Unsure: texture read as letters.
            OcrWord {
                confidence: 0.1,
                ..word("~~", 300, 300, 20, 6)
            },
        ];
        let text = layout(&words);
        assert_eq!(text.text, "Rossi M. RSSMRA85T10A562S 333 1234567\nNote\nRiservato");
    }

    #[test]
    fn a_finding_is_placed_on_the_boxes_of_its_words() {
        let words = [
            word("tel.", 10, 100, 40, 0),
            word("333", 60, 100, 40, 0),
            word("1234567", 110, 104, 90, 1),
        ];
        let text = layout(&words);
        let analyzer = Analyzer::new(crate::Policy::default());
        let found = text.findings(&analyzer);
        let phone = found
            .iter()
            .find(|f| f.finding.rule == "personal_data.phone")
            .expect("the phone is read across the engine's two lines");
        assert_eq!(
            phone.area,
            Area {
                x: 60,
                y: 100,
                width: 140,
                height: 24
            }
        );
    }

    #[test]
    fn lines_of_different_heights_or_levels_stay_apart() {
        let mut big = word("AVVISO", 10, 100, 200, 0);
        big.height = 60;
        let words = [big, word("0612", 220, 120, 50, 1), word("3456", 100, 300, 50, 2)];
        assert_eq!(layout(&words).text, "AVVISO\n0612\n3456");
    }
}
