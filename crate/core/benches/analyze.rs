//! How long one analysis takes on posts of typical and long size. The
//! extension analyses on every keystroke, so these numbers are budgets.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use riserbo_core::Analyzer;

const POST: &str = "Oggi in ufficio abbiamo chiuso la pratica del signor Rossi, \
    codice fiscale RSSMRA85T10A562S: finalmente! Domani riunione con la giunta \
    per il nuovo bando, poi pausa caffè. Che settimana, ragazzi... #lavoro #comune \
    Ci vediamo sabato al mercato di piazza Garibaldi, porto le torte.";

fn posts() -> (String, String) {
    let short: String = POST.chars().take(280).collect();
    let mut long = String::new();
    while long.chars().count() < 10_000 {
        long.push_str(POST);
        long.push('\n');
    }
    let long: String = long.chars().take(10_000).collect();
    (short, long)
}

/// A 1 MB paste of one unpunctuated "sentence" dense with numbers, names
/// and matters: the input that once made the phrase rules quadratic.
fn paste() -> String {
    let parts = [
        "ciao",
        "via",
        "Roma",
        "12",
        "3331234567",
        "RSSMRA85T10A562S",
        "il",
        "signor",
        "Bianchi",
        "multa",
    ];
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while text.len() < 1 << 20 {
        text.push_str(parts[(i * 7 + i / 3) % parts.len()]);
        text.push(' ');
        i += 1;
    }
    text
}

fn analyze(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let (short, long) = posts();
    c.bench_function("analyze 280 chars", |b| b.iter(|| analyzer.analyze(black_box(&short))));
    c.bench_function("analyze 10000 chars", |b| b.iter(|| analyzer.analyze(black_box(&long))));
    let paste = paste();
    let mut group = c.benchmark_group("paste");
    group.sample_size(10);
    group.bench_function("analyze 1 MB paste", |b| b.iter(|| analyzer.analyze(black_box(&paste))));
    group.finish();
}

criterion_group!(benches, analyze);
criterion_main!(benches);
