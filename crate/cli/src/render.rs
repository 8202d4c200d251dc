//! The human format: each finding as a compiler-style diagnostic, with the
//! line it is on and carets under the span.

use std::io::{self, Write};

use riserbo_core::{Finding, Severity};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Characters of context shown on each side of a finding.
const CONTEXT: usize = 40;
/// Characters of a finding shown at most; a longer one ends in "…".
const SHOWN: usize = 80;

/// Writes `findings` (byte offsets, ordered by start) for people: each
/// with its line and column (in characters) and a window of the line
/// around it, so that what is printed stays proportional to the findings
/// however long the line (a 100 KB line with thousands of phone numbers
/// once printed the whole line once per number).
pub fn text(out: &mut impl Write, name: &str, input: &str, findings: &[Finding], color: bool) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    let reset = paint(RESET);
    // Byte offsets where lines start.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(input.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // Columns are counted from the previous finding on the same line, so
    // the whole input is walked once.
    let mut cursor = (usize::MAX, 0usize, 0usize); // (line, byte, column)

    for f in findings {
        let line_index = starts.partition_point(|&s| s <= f.start) - 1;
        let line_start = starts[line_index];
        let line_end = starts.get(line_index + 1).map_or(input.len(), |&next| next - 1);
        let line_end = if input[line_start..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        if cursor.0 != line_index || cursor.1 > f.start {
            cursor = (line_index, line_start, 0);
        }
        let column = cursor.2 + input[cursor.1..f.start].chars().count();
        cursor = (line_index, f.start, column);

        // The window: up to CONTEXT chars before, the finding (cut to this
        // line and to SHOWN chars), up to CONTEXT chars after.
        let before_start = input[line_start..f.start]
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(line_start, |(i, _)| line_start + i);
        let span_end = f.end.clamp(f.start, line_end.max(f.start));
        let (shown_end, cut) = match input[f.start..span_end].char_indices().nth(SHOWN) {
            Some((i, _)) => (f.start + i, true),
            None => (span_end, false),
        };
        let after_end = if cut {
            shown_end
        } else {
            input[shown_end..line_end.max(shown_end)]
                .char_indices()
                .nth(CONTEXT)
                .map_or(line_end.max(shown_end), |(i, _)| shown_end + i)
        };
        let lead = if before_start > line_start { "…" } else { "" };
        let trail = if cut || after_end < line_end { "…" } else { "" };
        let before = &input[before_start..f.start];
        let shown = &input[f.start..shown_end];
        let after = &input[shown_end..after_end];
        let caret_at = lead.chars().count() + before.chars().count();
        let width = shown.chars().count().max(1);

        let sev_color = match f.severity {
            Severity::Critical => paint(RED),
            Severity::Warning => paint(YELLOW),
            Severity::Hint => paint(CYAN),
        };
        let sev_word = severity_word(f.severity);
        let number = (line_index + 1).to_string();
        let pad = " ".repeat(number.len());
        writeln!(
            out,
            "{name}:{}:{}: {sev_color}{sev_word}{reset} {}[{}]{reset} {}",
            line_index + 1,
            column + 1,
            paint(BOLD),
            f.rule,
            f.message
        )?;
        writeln!(out, "{pad} |")?;
        writeln!(out, "{number} | {lead}{before}{shown}{after}{trail}")?;
        writeln!(
            out,
            "{pad} | {}{sev_color}{}{reset}",
            " ".repeat(caret_at),
            "^".repeat(width)
        )?;
        writeln!(out, "{pad} = fonte: {}", f.source)?;
        writeln!(out)?;
    }
    let blocking = findings.iter().filter(|f| f.is_blocking()).count();
    match findings.len() {
        0 => writeln!(out, "{name}: nessun problema trovato"),
        1 => writeln!(
            out,
            "{name}: 1 segnalazione, {blocking} da correggere prima di pubblicare"
        ),
        n => writeln!(
            out,
            "{name}: {n} segnalazioni, {blocking} da correggere prima di pubblicare"
        ),
    }
}

/// The severity as the text format says it, in Italian.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critico",
        Severity::Warning => "avviso",
        Severity::Hint => "suggerimento",
    }
}
