//! Texts crafted to find super-linear cost: long, repetitive inputs that
//! each stress one stage of the analysis (issue 13, item 1). Used by the
//! `crafted` benchmark, the fuzz seeds and `riserbo crafted`, so that the
//! timings in the README and the benchmark read the same texts.

/// The kinds of crafted text, by name.
pub const KINDS: &[&str] = &[
    "prose",
    "vi-informa",
    "comunica",
    "insults",
    "insults-one-sentence",
    "at-runs",
    "digit-dots",
    "identifiers",
];

/// Ordinary Italian prose, with the Ente, people and numbers now and then.
const PROSE: &[&str] = &[
    "Oggi in ufficio abbiamo chiuso la pratica del signor Rossi dopo tre settimane di attesa.",
    "Domani riunione con la giunta per il nuovo bando delle mense scolastiche, poi pausa caffè.",
    "Il sindaco ha inaugurato la biblioteca di quartiere e i bambini hanno letto le loro poesie.",
    "Non è vero che il Comune ha chiuso lo sportello: apre alle nove come sempre.",
    "Sabato andiamo al mercato di piazza Garibaldi, porto le torte e il vino della nonna.",
    "Che settimana, ragazzi! Ci vediamo al bar dopo il lavoro per festeggiare Lucia.",
    "La scuola di via Roma 12 riapre lunedì, dopo i lavori di manutenzione del tetto.",
    "Ho letto un bel libro sulle montagne della Calabria e vorrei tornarci in estate.",
];

/// `kind` repeated to at least `bytes` bytes (cut at a char boundary
/// after it); `None` for an unknown kind.
pub fn text(kind: &str, bytes: usize) -> Option<String> {
    let unit: &dyn Fn(usize) -> String = match kind {
        "prose" => &|i| format!("{} ", PROSE[i % PROSE.len()]),
        // An announcement verb after the office, once per sentence.
        "vi-informa" => &|i| format!("Il nostro ufficio vi informa che la pratica {i} è in corso. "),
        // Third-person announcements with no insider anywhere: each one
        // used to rescan the whole post for "io", "nostro", "ci lavoro".
        "comunica" => &|i| format!("Il Comune comunica che lo sportello {i} resta chiuso. "),
        "insults" => &|i| {
            format!(
                "{} ",
                [
                    "Il sindaco è un incompetente e la giunta una banda di ladri.",
                    "Questo Comune fa schifo, sono tutti incapaci e arroganti.",
                    "La giunta? Incapaci. Il sindaco non è vero che sia onesto, è un buffone.",
                ][i % 3]
            )
        },
        // No full stop: one sentence as long as the text.
        "insults-one-sentence" => &|_| "il sindaco incompetente e la giunta di ladri, non è vero che ".to_string(),
        "at-runs" => &|i| format!("a{i}@b{i}.it@@@ @@@@ x@y.z.@ "),
        "digit-dots" => &|i| format!("{}.", i % 10),
        "identifiers" => &|i| {
            format!(
                "RSSMRA85T10A562S 333 {:07} IT60X0542811101000000123456 4111 1111 1111 1111 m{}@pec.it ",
                1_234_567 + i % 1000,
                i
            )
        },
        _ => return None,
    };
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&unit(i));
        i += 1;
    }
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut += 1;
    }
    out.truncate(cut);
    Some(out)
}

/// A policy with `n` reserved terms of one to three words, none of which
/// occurs in the crafted prose except the last.
pub fn policy_with_terms(n: usize) -> crate::Policy {
    let mut terms: Vec<String> = (0..n)
        .map(|i| match i % 3 {
            0 => format!("progetto{i}"),
            1 => format!("fenice {i}"),
            _ => format!("ufficio gare {i}"),
        })
        .collect();
    terms.push("pausa caffè".into());
    crate::Policy {
        confidential_terms: terms,
        ..crate::Policy::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reaches_its_size() {
        for kind in KINDS {
            let t = text(kind, 10_000).unwrap();
            assert!(t.len() >= 10_000 && t.len() < 10_004, "{kind}: {}", t.len());
        }
        assert!(text("nothing", 10).is_none());
    }
}
