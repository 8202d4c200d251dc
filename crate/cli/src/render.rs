//! The human format: each finding as a compiler-style diagnostic, with the
//! line it is on and carets under the span.

use std::io::{self, Write};

use riserbo_core::{Finding, Severity};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Writes `findings` (offsets in code points) for people.
pub fn text(out: &mut impl Write, name: &str, input: &str, findings: &[Finding], color: bool) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    let reset = paint(RESET);
    // Line starts, in code points, to place each finding.
    let lines: Vec<&str> = input.split('\n').collect();
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in &lines {
        starts.push(at);
        at += line.chars().count() + 1;
    }

    for f in findings {
        let line_index = starts.partition_point(|&s| s <= f.start) - 1;
        let line = lines[line_index].trim_end_matches('\r');
        let column = f.start - starts[line_index];
        let line_len = line.chars().count();
        // A span that runs onto the next line is underlined to this line's end.
        let width = (f.end - f.start).min(line_len.saturating_sub(column)).max(1);
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
        writeln!(out, "{number} | {line}")?;
        writeln!(
            out,
            "{pad} | {}{sev_color}{}{reset}",
            " ".repeat(column),
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
