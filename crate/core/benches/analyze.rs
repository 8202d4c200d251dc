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

/// Logo search on a picture at the working size (what the extension hands
/// over after the browser has decoded and shrunk a photo), and on a 12 MP
/// luma buffer that the core shrinks itself (what the CLI hands over).
fn logo(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    // A busy, deterministic texture: every place is a candidate to reject.
    let texture = |w: usize, h: usize| -> Vec<u8> {
        (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f32, (i / w) as f32);
                (128.0 + 60.0 * (x * 0.07).sin() * (y * 0.05).cos() + 40.0 * ((x + y) * 0.21).sin()) as u8
            })
            .collect()
    };
    let small = texture(459, 344);
    let mut group = c.benchmark_group("logo");
    group.sample_size(20);
    group.bench_function("logo search 459x344", |b| {
        b.iter(|| analyzer.analyze_image(459, 344, black_box(&small)).unwrap())
    });
    let large = texture(4000, 3000);
    group.bench_function("logo search 12 MP luma", |b| {
        b.iter(|| analyzer.analyze_image(4000, 3000, black_box(&large)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, analyze, logo);
criterion_main!(benches);
