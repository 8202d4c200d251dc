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

fn analyze(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let (short, long) = posts();
    c.bench_function("analyze 280 chars", |b| b.iter(|| analyzer.analyze(black_box(&short))));
    c.bench_function("analyze 10000 chars", |b| b.iter(|| analyzer.analyze(black_box(&long))));
}

criterion_group!(benches, analyze);
criterion_main!(benches);
