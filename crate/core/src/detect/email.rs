//! E-mail addresses, PEC (certified e-mail) included: a local part, `@`, and
//! a domain with a top-level label of two letters or more. `[at]` and `(at)`
//! written for `@` are read as `@`.
//!
//! An office's address (`urp@…`, `protocollo@pec…`, `verde.segnalazioni@…`)
//! is published for citizens to write to: the sources and the labelling
//! guide say it is not personal data, so it is only a hint. A person's
//! address (`mario.rossi@…`) is warned about wherever it is hosted.

use super::{Hit, Input};
use crate::rules::EMAIL;
use crate::Severity;

/// Parts of a local part that name an office or a service, not a person:
/// whole parts (`info`, `urp`) or their beginnings (`segnalazion…`).
const OFFICE_WORDS: &[&str] = &[
    "info", "urp", "cup", "suap", "suape", "pec", "noreply", "helpdesk", "stampa",
];
const OFFICE_PREFIXES: &[&str] = &[
    "protocoll",
    "segreteri",
    "segnalazion",
    "ufficio",
    "anagrafe",
    "tributi",
    "servizi",
    "contatt",
    "prenotazion",
    "amministrazion",
    "direzion",
    "redazion",
    "polizialocale",
    "statocivile",
    "elettoral",
    "biblioteca",
    "ragioneri",
    "assistenza",
    "supporto",
    "sportello",
    "istruzione",
    "comune",
];

/// Does the local part name an office rather than a person?
fn office_address(local: &str) -> bool {
    local
        .split(['.', '_', '-', '+'])
        .map(str::to_ascii_lowercase)
        .any(|part| OFFICE_WORDS.contains(&part.as_str()) || OFFICE_PREFIXES.iter().any(|p| part.starts_with(p)))
}

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// Top-level domains accepted when the `@` or the dots were spelled out or
/// spaced ("mario.rossi @ gmail.com", "chiocciola", "[dot]"): there, a
/// plain sentence ("ciao @ mario.rossi") must not read as an address.
const SPELLED_TLDS: &[&str] = &[
    "IT", "COM", "NET", "ORG", "EU", "INFO", "GOV", "EDU", "BIZ", "IO", "ME", "DE", "FR", "ES", "CH", "UK", "AT", "SM",
    "VA",
];

/// The folded text with the spelled forms of `@` and `.` read as the
/// characters, and for each char the folded range it came from.
struct Spelled {
    chars: Vec<char>,
    from: Vec<std::ops::Range<usize>>,
    /// Per char: it stands for something spelled out or spaced.
    spelled: Vec<bool>,
}

/// The spelled forms: what is written (upper case, as folded), what it
/// stands for, and whether it must stand as a word of its own.
const FORMS: &[(&str, char, bool)] = &[
    ("[AT]", '@', false),
    ("(AT)", '@', false),
    ("{AT}", '@', false),
    ("<AT>", '@', false),
    ("CHIOCCIOLA", '@', true),
    ("[DOT]", '.', false),
    ("(DOT)", '.', false),
    ("{DOT}", '.', false),
    ("[PUNTO]", '.', false),
    ("(PUNTO)", '.', false),
    ("PUNTO", '.', true),
    ("DOT", '.', true),
];

fn spelled(chars: &[char]) -> Spelled {
    let mut out = Spelled {
        chars: Vec::with_capacity(chars.len()),
        from: Vec::with_capacity(chars.len()),
        spelled: Vec::with_capacity(chars.len()),
    };
    let is_space = |c: char| c == ' ' || c == '\u{00A0}' || c == '\t';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A form, with the spaces around it taken in: "mario @ gmail",
        // "mario chiocciola gmail punto com", "mario [at] gmail [dot] com".
        let mut j = i;
        while j < chars.len() && is_space(chars[j]) && j - i < 3 {
            j += 1;
        }
        let found = if chars.get(j) == Some(&'@') {
            Some(('@', j + 1, j > i))
        } else if !matches!(chars.get(j), Some('[' | '(' | '{' | '<' | 'C' | 'P' | 'D')) {
            None
        } else {
            FORMS.iter().find_map(|&(form, stands, word)| {
                let n = form.chars().count();
                let here = chars.get(j..j + n)?;
                if !here.iter().copied().eq(form.chars()) {
                    return None;
                }
                if word {
                    // A word of its own, with spaces on both sides.
                    let spaced_before = j > i;
                    let spaced_after = chars.get(j + n).is_some_and(|&c| is_space(c));
                    if !spaced_before || !spaced_after {
                        return None;
                    }
                }
                Some((stands, j + n, true))
            })
        };
        match found {
            // Leading spaces are taken only when a form follows them; the
            // previous char must be part of an address for it to matter.
            Some((stands, mut end, spelled)) if i == j || (i > 0 && !is_space(chars[i - 1])) => {
                let mut k = end;
                while k < chars.len() && is_space(chars[k]) && k - end < 3 {
                    k += 1;
                }
                let spaced_after = k > end;
                if k < chars.len() && chars[k].is_ascii_alphanumeric() {
                    end = k;
                }
                out.chars.push(stands);
                out.from.push(i..end);
                out.spelled.push(spelled || spaced_after);
                i = end;
            }
            _ => {
                out.chars.push(c);
                out.from.push(i..i + 1);
                out.spelled.push(false);
                i += 1;
            }
        }
    }
    out
}

/// Works on the folded text, so full-width letters, look-alike letters and
/// invisible characters inside an address do not hide it.
pub fn find(input: &Input) -> Vec<Hit> {
    // No `@`, written or spelled: no address, and no need to read the
    // spelled forms (the common case, kept cheap).
    let chars = &input.folded.chars;
    let at_spelled = |i: usize| {
        let rest = &chars[i..];
        matches!(rest, ['[' | '(' | '{' | '<', 'A', 'T', ..])
            || rest.starts_with(&['C', 'H', 'I', 'O', 'C', 'C', 'I', 'O', 'L', 'A'])
    };
    if !(0..chars.len()).any(|i| chars[i] == '@' || at_spelled(i)) {
        return Vec::new();
    }
    let text = spelled(chars);
    let chars = &text.chars;
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(at) = (from..chars.len()).find(|&i| chars[i] == '@') {
        from = at + 1;
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        // Trailing dots and dashes are punctuation, not part of the address.
        while end > at + 1 && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        while start < at && chars[start] == '.' {
            start += 1;
        }
        let local: String = chars[start..at].iter().collect();
        let domain: String = chars[at + 1..end].iter().collect();
        let tld = domain.rsplit('.').next().unwrap_or("");
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        let spelled_out = text.spelled[start..end].iter().any(|&s| s);
        if local.is_empty()
            || !domain.contains('.')
            || tld.len() < 2
            || !tld.chars().all(|c| c.is_ascii_alphabetic())
            || !labels_ok
            || (spelled_out && !SPELLED_TLDS.contains(&tld))
        {
            continue;
        }
        let canonical = format!("{}@{}", local, domain).to_ascii_lowercase();
        let folded = text.from[start].start..text.from[end - 1].end;
        let hit = Hit::new(&EMAIL, input.folded.byte_span(folded), canonical);
        hits.push(if office_address(&local) {
            hit.with_severity(Severity::Hint)
        } else {
            hit
        });
        from = end;
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        super::super::testing::found(find, text)
    }

    #[test]
    fn finds_addresses_and_pec() {
        assert_eq!(found("scrivi a mario.rossi@gmail.com."), ["mario.rossi@gmail.com"]);
        assert_eq!(found("PEC: rossi.mario@pec.it"), ["rossi.mario@pec.it"]);
        assert_eq!(found("m.bianchi[at]libero.it"), ["m.bianchi[at]libero.it"]);
    }

    #[test]
    fn an_office_address_is_only_a_hint() {
        use crate::Severity::{Hint, Warning};
        let graded = |text: &str| super::super::testing::found_graded(find, text);
        for address in [
            "verde.segnalazioni@comune.ferrara.it",
            "urp@comune.esempio.it",
            "protocollo@pec.asl.esempio.it",
            "info@scuola.edu.it",
        ] {
            let text = format!("scrivete a {address}");
            assert_eq!(graded(&text), [(address.to_string(), Hint)]);
        }
        // A person's address on the Ente's domain is still a person's.
        assert_eq!(
            graded("scrivete a mario.rossi@comune.esempio.it"),
            [("mario.rossi@comune.esempio.it".to_string(), Warning)]
        );
        assert_eq!(
            graded("informatico77@gmail.com"),
            [("informatico77@gmail.com".to_string(), Warning)]
        );
    }

    #[test]
    fn finds_addresses_with_the_at_and_dots_spelled_or_spaced() {
        for (text, address) in [
            ("scrivi a mario.rossi @ gmail.com grazie", "mario.rossi @ gmail.com"),
            ("scrivi a mario.rossi@ gmail.com", "mario.rossi@ gmail.com"),
            ("mario.rossi chiocciola gmail.com", "mario.rossi chiocciola gmail.com"),
            (
                "mario.rossi chiocciola gmail punto com",
                "mario.rossi chiocciola gmail punto com",
            ),
            ("mario.rossi [at] gmail [dot] com.", "mario.rossi [at] gmail [dot] com"),
            ("Mario.Rossi(at)Gmail(dot)it", "Mario.Rossi(at)Gmail(dot)it"),
            (
                "mario{at}pec{dot}comune{dot}roma{dot}it",
                "mario{at}pec{dot}comune{dot}roma{dot}it",
            ),
        ] {
            assert_eq!(found(text), [address], "{text}");
        }
        let hits = find(&Input::new("mario.rossi [at] gmail [dot] com"));
        assert_eq!(hits[0].canonical, "mario.rossi@gmail.com");
    }

    #[test]
    fn ignores_mentions_and_broken_addresses() {
        assert!(found("grazie @comune_esempio!").is_empty());
        assert!(found("a@b").is_empty());
        assert!(found("ore 10 @ sala consiliare.").is_empty());
        assert!(found("ciao @ mario.rossi come stai").is_empty());
        assert!(found("il punto chiocciola del discorso.").is_empty());
        assert!(found("grazie @ tutti. Ci vediamo").is_empty());
    }
}
