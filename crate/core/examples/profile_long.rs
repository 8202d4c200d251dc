//! Analyses a long post many times, for profilers (`valgrind --tool=callgrind`).
fn main() {
    let post = include_str!("../../../tests/corpus/esempio-post.txt").repeat(60);
    let analyzer = riserbo_core::Analyzer::default();
    let mut n = 0;
    for _ in 0..50 {
        n += analyzer.analyze(&post).len();
    }
    println!("{n}");
}
