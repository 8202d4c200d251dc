//! Converting byte offsets to the units each front end counts in.
//!
//! The core works on `&str` and reports byte offsets, which are cheap and
//! exact in Rust. People and tools count differently: the CLI promises
//! Unicode code points, the DOM counts UTF-16 code units. The conversion is
//! done once per analysis, in a single pass over the text, at the edge.

use crate::Finding;

/// The unit an offset is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Byte,
    CodePoint,
    Utf16,
}

/// Rewrites `start`/`end` of every finding from byte offsets into `unit`.
///
/// Offsets must lie on char boundaries of `text`, which every detector
/// guarantees because spans come from the text's own char indices.
pub fn convert(text: &str, findings: &mut [Finding], unit: Unit) {
    if unit == Unit::Byte || findings.is_empty() {
        return;
    }
    // Every offset to convert, sorted, so one walk over the text serves all.
    let mut wanted: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();

    let mut converted = Vec::with_capacity(wanted.len());
    let mut units = 0usize;
    let mut next = 0usize;
    for (byte, ch) in text.char_indices() {
        while next < wanted.len() && wanted[next] <= byte {
            converted.push(units);
            next += 1;
        }
        if next == wanted.len() {
            break;
        }
        units += match unit {
            Unit::CodePoint => 1,
            Unit::Utf16 => ch.len_utf16(),
            Unit::Byte => unreachable!(),
        };
    }
    // Offsets at the very end of the text.
    while converted.len() < wanted.len() {
        converted.push(units);
    }

    let lookup = |byte: usize| converted[wanted.binary_search(&byte).expect("offset was collected")];
    for f in findings.iter_mut() {
        f.start = lookup(f.start);
        f.end = lookup(f.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Severity};

    fn finding(start: usize, end: usize) -> Finding {
        Finding {
            category: Category::PersonalData,
            kind: "x".into(),
            severity: Severity::Critical,
            start,
            end,
            text: String::new(),
            rule: String::new(),
            source: String::new(),
            message: String::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn counts_code_points_and_utf16_units_differently() {
        // "è" is 2 bytes, 1 code point, 1 UTF-16 unit; "😀" is 4 bytes,
        // 1 code point, 2 UTF-16 units.
        let text = "è😀ab";
        let a = text.find('a').unwrap();
        let mut cp = vec![finding(a, a + 2)];
        convert(text, &mut cp, Unit::CodePoint);
        assert_eq!((cp[0].start, cp[0].end), (2, 4));

        let mut u16 = vec![finding(a, a + 2)];
        convert(text, &mut u16, Unit::Utf16);
        assert_eq!((u16[0].start, u16[0].end), (3, 5));
    }

    #[test]
    fn byte_unit_leaves_offsets_alone() {
        let mut f = vec![finding(2, 6)];
        convert("è😀ab", &mut f, Unit::Byte);
        assert_eq!((f[0].start, f[0].end), (2, 6));
    }
}
