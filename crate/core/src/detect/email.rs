//! E-mail addresses, PEC (certified e-mail) included: a local part, `@`, and
//! a domain with a top-level label of two letters or more. `[at]` and `(at)`
//! written for `@` are read as `@`.

use super::{Hit, Input};
use crate::rules::EMAIL;

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// Works on the folded text, so full-width letters, look-alike letters and
/// invisible characters inside an address do not hide it.
pub fn find(input: &Input) -> Vec<Hit> {
    let chars = &input.folded.chars;
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some((at, at_len)) = next_at(chars, from) {
        from = at + at_len;
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + at_len;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        // Trailing dots and dashes are punctuation, not part of the address.
        while end > at + at_len && matches!(chars[end - 1], '.' | '-') {
            end -= 1;
        }
        while start < at && chars[start] == '.' {
            start += 1;
        }
        let local: String = chars[start..at].iter().collect();
        let domain: String = chars[at + at_len..end].iter().collect();
        let tld = domain.rsplit('.').next().unwrap_or("");
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        if local.is_empty()
            || !domain.contains('.')
            || tld.len() < 2
            || !tld.chars().all(|c| c.is_ascii_alphabetic())
            || !labels_ok
        {
            continue;
        }
        let canonical = format!("{}@{}", local, domain).to_ascii_lowercase();
        hits.push(Hit::new(&EMAIL, input.folded.byte_span(start..end), canonical));
        from = end;
    }
    hits
}

/// The next `@`, or `[at]` / `(at)`, from folded char `from`: (index, length).
fn next_at(chars: &[char], from: usize) -> Option<(usize, usize)> {
    (from..chars.len()).find_map(|i| {
        if chars[i] == '@' {
            return Some((i, 1));
        }
        let spelled = chars.get(i..i + 4)?;
        (spelled == ['[', 'A', 'T', ']'] || spelled == ['(', 'A', 'T', ')']).then_some((i, 4))
    })
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
    fn ignores_mentions_and_broken_addresses() {
        assert!(found("grazie @comune_esempio!").is_empty());
        assert!(found("a@b").is_empty());
        assert!(found("ore 10 @ sala consiliare.").is_empty());
    }
}
