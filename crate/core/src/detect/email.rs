//! E-mail addresses, PEC (certified e-mail) included: a local part, `@`, and
//! a domain with a top-level label of two letters or more. `[at]` and `(at)`
//! written for `@` are read as `@`.

use super::{Hit, Input};
use crate::rules::EMAIL;

fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

pub fn find(input: &Input) -> Vec<Hit> {
    let text = input.text;
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some((at, at_len)) = next_at(text, from) {
        from = at + at_len;
        let mut start = at;
        while start > 0 && local_char(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + at_len;
        while end < bytes.len() && domain_char(bytes[end]) {
            end += 1;
        }
        // Trailing dots and dashes are punctuation, not part of the address.
        while end > at + at_len && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        let local = &text[start..at];
        let domain = &text[at + at_len..end];
        let tld = domain.rsplit('.').next().unwrap_or("");
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        if local.is_empty()
            || !domain.contains('.')
            || tld.len() < 2
            || !tld.bytes().all(|b| b.is_ascii_alphabetic())
            || !labels_ok
        {
            continue;
        }
        let canonical = format!(
            "{}@{}",
            local.to_ascii_lowercase(),
            domain.to_ascii_lowercase()
        );
        hits.push(Hit::new(&EMAIL, start..end, canonical));
        from = end;
    }
    hits
}

/// The next `@`, or `[at]` / `(at)`, from byte `from`: (position, length).
fn next_at(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let plain = rest.find('@').map(|i| (i, 1));
    let spelled = ["[at]", "(at)"]
        .iter()
        .filter_map(|s| rest.find(s).map(|i| (i, s.len())))
        .min();
    let (offset, len) = match (plain, spelled) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some((from + offset, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        find(&Input::new(text))
            .into_iter()
            .map(|h| text[h.span].to_string())
            .collect()
    }

    #[test]
    fn finds_addresses_and_pec() {
        assert_eq!(
            found("scrivi a mario.rossi@gmail.com."),
            ["mario.rossi@gmail.com"]
        );
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
