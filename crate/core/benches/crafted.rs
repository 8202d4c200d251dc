//! Issue 13, item 1: the analysis must cost time linear in the text. Each
//! crafted text (see `riserbo_core::crafted`) stresses one stage — the
//! negation and phrase look-ups of the meaning rules, the overlap
//! resolution of dense identifiers and e-mails, the policy's reserved
//! terms — at 100 KB, 1 MB and 4 MB. A linear analyzer takes about ten
//! times as long for 1 MB as for 100 KB, and four times that for 4 MB.
//!
//! `cargo bench --bench crafted`; `CRAFTED_MAX=1048576` stops at 1 MB.
//! Figures of the native CLI on the same texts: `scripts/crafted-times.sh`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use riserbo_core::{crafted, Analyzer};

fn sizes() -> Vec<usize> {
    // `cargo test --all-targets` runs each benchmark once, unoptimised:
    // there, 100 KB texts are enough to keep it from rotting.
    let benching = std::env::args().any(|a| a == "--bench");
    let max: usize = std::env::var("CRAFTED_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 4 << 20 } else { 100 << 10 });
    [100 << 10, 1 << 20, 4 << 20]
        .into_iter()
        .filter(|&s| s <= max)
        .collect()
}

fn crafted_texts(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let mut group = c.benchmark_group("crafted");
    group.sample_size(10);
    for kind in crafted::KINDS {
        for size in sizes() {
            let text = crafted::text(kind, size).expect("a crafted kind");
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(*kind, size), &text, |b, text| {
                b.iter(|| analyzer.analyze(black_box(text)))
            });
        }
    }
    // 100,000 reserved terms, matched by one automaton.
    let terms = Analyzer::new(crafted::policy_with_terms(100_000));
    for size in sizes() {
        let text = crafted::text("prose", size).expect("prose");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("prose-100k-terms", size), &text, |b, text| {
            b.iter(|| terms.analyze(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, crafted_texts);
criterion_main!(benches);
