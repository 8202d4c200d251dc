//! Issue 13, item 9: on texts built at random from identifiers, meaning
//! cues and the characters that break naive offset arithmetic (combining
//! marks, emoji outside the BMP, invisible chars, tag characters, CRLF),
//! every finding's offsets slice the text on char boundaries, in bytes,
//! in code points and in UTF-16 units, and the three slices agree.

use riserbo_core::offsets::{self, Unit};
use riserbo_core::Analyzer;

/// A small deterministic generator (xorshift64*), so a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "RSSMRA85T10A562S",
    "rss mra 85t10 a562s",
    "333 1234567",
    "+39 333-123.45.67",
    "tre tre tre uno due tre quattro cinque sei sette",
    "IT60 X054 2811 1010 0000 0123 456",
    "4111 1111 1111 1111",
    "mario.rossi@gmail.com",
    "mario.rossi [at] gmail [dot] com",
    "AB 123 CD",
    "il sindaco è un incompetente",
    "a nome del Comune vi comunico",
    "vi giro il bando di gara prima che esca",
    "non è vero che",
    "numero",
    "😀",
    "👩‍👩‍👧",
    "3\u{FE0F}\u{20E3}",
    "e\u{0301}",
    "\u{0336}",
    "\u{200B}",
    "\u{2066}",
    "\u{E0041}",
    "\u{3164}",
    "٣",
    "𝟑",
    "①",
    "\r\n",
    "\n",
    ". ",
    " ",
    " - ",
    "\t",
    "_",
    "·",
    "ｍａｒｉｏ",
];

#[test]
fn every_finding_slices_the_text_on_char_boundaries_in_every_unit() {
    let analyzer = Analyzer::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for _ in 0..400 {
        let len = 1 + rng.next() % 40;
        let text: String = (0..len).map(|_| rng.pick(PIECES)).collect();
        let findings = analyzer.analyze(&text);
        let units: Vec<u16> = text.encode_utf16().collect();
        let chars: Vec<char> = text.chars().collect();
        let mut utf16 = findings.clone();
        offsets::convert(&text, &mut utf16, Unit::Utf16);
        let mut points = findings.clone();
        offsets::convert(&text, &mut points, Unit::CodePoint);
        for ((f, u), p) in findings.iter().zip(&utf16).zip(&points) {
            assert!(f.start < f.end && f.end <= text.len(), "{text:?}: {f:?}");
            assert!(
                text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
                "{text:?}: {f:?}"
            );
            let bytes = &text[f.start..f.end];
            assert_eq!(f.text, bytes);
            let from_utf16 = String::from_utf16(&units[u.start..u.end])
                .unwrap_or_else(|_| panic!("{text:?}: {f:?} cuts a surrogate pair"));
            assert_eq!(from_utf16, bytes, "{text:?}");
            let from_points: String = chars[p.start..p.end].iter().collect();
            assert_eq!(from_points, bytes, "{text:?}");
            checked += 1;
        }
    }
    // The generator does produce findings to check.
    assert!(checked > 400, "{checked}");
}
