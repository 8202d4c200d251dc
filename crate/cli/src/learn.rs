//! `riserbo train` and `riserbo eval-authors`: the learned scorer's
//! training, and its honest measurement.
//!
//! `train` reads one corpus file per author, trains the model (see
//! `riserbo_core::model::train`) and writes the asset the core embeds; with
//! `--check` it only compares, which is how the test command proves the
//! committed weights are current.
//!
//! `eval-authors` measures leave-one-author-out: for each author, the whole
//! training procedure (calibration included) runs on the other authors,
//! and the resulting analyzer is measured on the held-out one. Three
//! systems are reported per author and pooled: the rules alone, the model
//! alone, and the two combined as the product ships.

use std::path::{Path, PathBuf};

use riserbo_core::model::corpus::{Author, LabelledPost};
use riserbo_core::model::train::{self, Config, Group};
use riserbo_core::model::{category_index, Model, CATEGORIES};
use riserbo_core::{Analyzer, Policy, Severity};

use crate::Failure;

/// The corpora: one file per author, plus files that train but do not
/// calibrate (the project's own corpus, which shaped the rules).
pub struct Corpora {
    pub authors: Vec<Author>,
    pub extra: Vec<Author>,
}

impl Corpora {
    pub fn read(dir: &Path, also: &[PathBuf]) -> Result<Corpora, Failure> {
        let authors = Author::read_dir(dir).map_err(Failure)?;
        if authors.len() < 3 {
            return Err(Failure(format!(
                "{}: at least three authors' files are needed",
                dir.display()
            )));
        }
        let extra = also
            .iter()
            .map(|p| Author::read(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(Failure)?;
        Ok(Corpora { authors, extra })
    }
}

pub fn train_command(corpora: &Corpora, out: &Path, check: bool, config: Config) -> Result<u8, Failure> {
    let groups = train::prepare(&corpora.authors, &corpora.extra, &config);
    let refs: Vec<&Group> = groups.iter().collect();
    let model = train::train(&refs, &config);
    let bytes = model.to_bytes();
    println!(
        "trained on {} posts by {} authors (+{} posts that train only); 2^{} buckets",
        groups
            .iter()
            .filter(|g| g.calibrates)
            .map(|g| g.examples.len())
            .sum::<usize>(),
        corpora.authors.len(),
        groups
            .iter()
            .filter(|g| !g.calibrates)
            .map(|g| g.examples.len())
            .sum::<usize>(),
        config.bits
    );
    println!("{:<20} {:>6} {:>10} {:>6}", "category", "warn", "keep rule", "hint");
    for (k, c) in CATEGORIES.iter().enumerate() {
        let t = model.thresholds[k];
        println!("{:<20} {:>6.2} {:>10.2} {:>6.2}", c.id(), t.warn, t.keep_rule, t.hint);
    }
    if check {
        let committed = std::fs::read(out).map_err(|e| Failure(format!("cannot read {}: {e}", out.display())))?;
        if committed == bytes {
            println!("{}: current", out.display());
            return Ok(0);
        }
        println!(
            "FAILED: {} is not what training produces from the corpora: run `riserbo train`",
            out.display()
        );
        return Ok(1);
    }
    std::fs::write(out, &bytes).map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(0)
}

/// Per-category counts of one system on some posts.
#[derive(Clone, Copy, Default)]
struct Score {
    tp: [u32; 4],
    fp: [u32; 4],
    fn_: [u32; 4],
    /// True positives whose author gave a span, and those a finding of the
    /// category overlaps.
    spans: [u32; 4],
    spans_hit: [u32; 4],
    clean: u32,
    clean_warned: u32,
}

impl Score {
    fn add(&mut self, other: &Score) {
        for k in 0..4 {
            self.tp[k] += other.tp[k];
            self.fp[k] += other.fp[k];
            self.fn_[k] += other.fn_[k];
            self.spans[k] += other.spans[k];
            self.spans_hit[k] += other.spans_hit[k];
        }
        self.clean += other.clean;
        self.clean_warned += other.clean_warned;
    }

    /// Counts one post: `warned` are the categories with a finding at
    /// warning or above, `overlaps` whether one of them covers the
    /// author's span.
    fn count(&mut self, post: &LabelledPost, warned: [bool; 4], overlaps: [bool; 4]) {
        let truth = post.truth();
        for k in 0..4 {
            match (truth.labels[k], warned[k]) {
                (true, true) => {
                    self.tp[k] += 1;
                    if post.span_of(CATEGORIES[k]).is_some() {
                        self.spans[k] += 1;
                        self.spans_hit[k] += u32::from(overlaps[k]);
                    }
                }
                (true, false) => self.fn_[k] += 1,
                (false, true) if !truth.also_ok[k] => self.fp[k] += 1,
                _ => {}
            }
        }
        if truth.clean() {
            self.clean += 1;
            self.clean_warned += u32::from((0..4).any(|k| warned[k] && !truth.also_ok[k]));
        }
    }

    fn f1(&self, k: usize) -> f64 {
        let d = 2 * self.tp[k] + self.fp[k] + self.fn_[k];
        if d == 0 {
            0.0
        } else {
            f64::from(2 * self.tp[k]) / f64::from(d)
        }
    }

    fn precision(&self, k: usize) -> f64 {
        ratio(self.tp[k], self.tp[k] + self.fp[k])
    }

    fn recall(&self, k: usize) -> f64 {
        ratio(self.tp[k], self.tp[k] + self.fn_[k])
    }

    fn clean_share(&self) -> f64 {
        ratio(self.clean_warned, self.clean)
    }

    fn row(&self, name: &str) -> String {
        let mut out = format!("{name:<28}");
        for k in 0..4 {
            out += &format!(" {:.2}/{:.2}/{:.2}", self.precision(k), self.recall(k), self.f1(k));
        }
        out += &format!(
            "  {:>3}/{:<3} {:>5.1}%",
            self.clean_warned,
            self.clean,
            100.0 * self.clean_share()
        );
        out
    }

    fn span_row(&self) -> String {
        (0..4)
            .map(|k| format!("{:.2}", ratio(self.spans_hit[k], self.spans[k])))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The model alone, one fit per held-out author, no calibration: the
/// ranking quality of a training setting, quickly (for tuning).
fn auc_only(groups: &[Group], config: &Config) -> u8 {
    let held: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].calibrates).collect();
    let per_author = train::run_parallel(held.len(), |i| {
        let a = held[i];
        let others: Vec<&riserbo_core::model::train::Example> = groups
            .iter()
            .enumerate()
            .filter(|&(g, _)| g != a)
            .flat_map(|(_, g)| g.examples.iter())
            .collect();
        let model = train::fit(&others, config);
        groups[a]
            .examples
            .iter()
            .map(|e| (model.score(&e.features, &e.windows).probabilities, e))
            .collect::<Vec<_>>()
    });
    let mut ranked = Vec::new();
    for (i, scored) in per_author.into_iter().enumerate() {
        for (p, e) in scored {
            if let Some(path) = std::env::var_os("RISERBO_DUMP") {
                use std::io::Write;
                let line = serde_json::json!({"author": groups[held[i]].name, "p": p, "labels": e.truth.labels,
                    "also_ok": e.truth.also_ok, "identifier": e.outcome.identifier, "phrase": e.outcome.phrase});
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .expect("dump file");
                writeln!(f, "{line}").expect("dump");
            }
            ranked.push((p, e.truth.labels));
        }
    }
    let aucs: Vec<String> = (0..4).map(|k| format!("{:.4}", auc(&ranked, k))).collect();
    println!("AUC {}", aucs.join(" / "));
    0
}

/// The probability that a random post of category `k` scores above a
/// random post without it (ties count half).
fn auc(scored: &[([f32; 4], [bool; 4])], k: usize) -> f64 {
    let mut order: Vec<(f32, bool)> = scored.iter().map(|(p, l)| (p[k], l[k])).collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut positives) = (0.0f64, 0u64);
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && order[j].0 == order[i].0 {
            j += 1;
        }
        let mid_rank = (i + j + 1) as f64 / 2.0;
        for item in &order[i..j] {
            if item.1 {
                rank_sum += mid_rank;
                positives += 1;
            }
        }
        i = j;
    }
    let negatives = order.len() as u64 - positives;
    if positives == 0 || negatives == 0 {
        return 0.0;
    }
    let p = positives as f64;
    (rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64)
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// Which categories `analyzer` warns about in `post`, and whether a
/// warning overlaps the author's span.
fn warned_by(analyzer: &Analyzer, post: &LabelledPost) -> ([bool; 4], [bool; 4]) {
    let mut warned = [false; 4];
    let mut overlaps = [false; 4];
    for f in analyzer.analyze(&post.text) {
        let Some(k) = category_index(f.category) else {
            continue;
        };
        if f.severity < Severity::Warning {
            continue;
        }
        warned[k] = true;
        if let Some(span) = post.span_of(f.category) {
            overlaps[k] |= f.start < span.end && span.start < f.end;
        }
    }
    (warned, overlaps)
}

pub struct Floors {
    pub min_f1: Option<f64>,
    pub max_clean_warned: Option<f64>,
}

/// Leave-one-author-out, nested: nothing an author wrote shapes the model,
/// its thresholds or its calibration when that author is measured.
pub fn eval_authors(corpora: &Corpora, config: Config, floors: Floors, errors: bool) -> Result<u8, Failure> {
    let groups = train::prepare(&corpora.authors, &corpora.extra, &config);
    if std::env::var_os("RISERBO_AUC_ONLY").is_some() {
        return Ok(auc_only(&groups, &config));
    }
    let held: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].calibrates).collect();
    let rules = Analyzer::with_model(Policy::default(), None);
    let mut totals = [Score::default(); 3];
    let mut rows: Vec<(String, [Score; 3])> = Vec::new();
    let mut thresholds = Vec::new();
    let mut ranked: Vec<([f32; 4], [bool; 4])> = Vec::new();
    for &a in &held {
        let others: Vec<&Group> = groups
            .iter()
            .enumerate()
            .filter(|&(g, _)| g != a)
            .map(|(_, g)| g)
            .collect();
        let model = train::train(&others, &config);
        thresholds.push(model.thresholds);
        let warn = model.thresholds;
        let combined = Analyzer::with_model(Policy::default(), Some(clone_model(&model)));
        let author = corpora
            .authors
            .iter()
            .find(|x| x.name == groups[a].name)
            .expect("a group per author");
        let mut scores = [Score::default(); 3];
        for (post, example) in author.posts.iter().zip(&groups[a].examples) {
            let (by_rules, rules_overlap) = warned_by(&rules, post);
            scores[0].count(post, by_rules, rules_overlap);
            let p = model.score(&example.features, &example.windows).probabilities;
            ranked.push((p, example.truth.labels));
            let alone: [bool; 4] = std::array::from_fn(|k| p[k] >= warn[k].warn);
            scores[1].count(post, alone, [true; 4]);
            let (both, both_overlap) = warned_by(&combined, post);
            scores[2].count(post, both, both_overlap);
            if errors {
                for (k, c) in CATEGORIES.iter().enumerate() {
                    let label = post.labels.contains(c);
                    if label != both[k] && !(both[k] && post.also_ok.contains(c)) {
                        let what = if both[k] { "in più" } else { "mancato" };
                        println!(
                            "  {what} {} [{}] p={:.2} {}",
                            c.id(),
                            post.id,
                            p[k],
                            post.text.replace('\n', " ")
                        );
                    }
                }
            }
        }
        for (total, s) in totals.iter_mut().zip(&scores) {
            total.add(s);
        }
        rows.push((groups[a].name.clone(), scores));
    }
    let header = format!(
        "{:<28} {:^14} {:^14} {:^14} {:^14}  clean warned",
        "author", "personal_data", "confidential", "inst_voice", "reputation"
    );
    for (s, system) in ["rules alone", "model alone", "rules + model (as shipped)"]
        .iter()
        .enumerate()
    {
        println!("\n## {system} — precision/recall/F1, leave-one-author-out\n{header}");
        for (name, scores) in &rows {
            println!("{}", scores[s].row(name));
        }
        println!("{}", totals[s].row("pooled"));
        if s != 1 {
            println!(
                "warnings overlapping the author's span (of true positives): {}",
                totals[s].span_row()
            );
        }
    }
    let aucs: Vec<String> = (0..4).map(|k| format!("{:.3}", auc(&ranked, k))).collect();
    println!("\nmodel alone, area under the ROC curve (pooled): {}", aucs.join(" / "));
    println!("\nthresholds per held-out author (warn / keep rule):");
    for ((name, _), t) in rows.iter().zip(&thresholds) {
        let cells: Vec<String> = t.iter().map(|t| format!("{:.2}/{:.2}", t.warn, t.keep_rule)).collect();
        println!("  {name:<28} {}", cells.join("  "));
    }
    let shipped = &totals[2];
    let mut ok = true;
    if let Some(min) = floors.min_f1 {
        for (k, c) in CATEGORIES.iter().enumerate() {
            if shipped.f1(k) < min {
                println!("FAILED: pooled F1 of {} is {:.3}, below {min}", c.id(), shipped.f1(k));
                ok = false;
            }
        }
    }
    if let Some(max) = floors.max_clean_warned {
        if shipped.clean_share() > max {
            println!(
                "FAILED: {:.1}% of clean posts warned, above {:.1}%",
                100.0 * shipped.clean_share(),
                100.0 * max
            );
            ok = false;
        }
    }
    Ok(if ok { 0 } else { 1 })
}

fn clone_model(model: &Model) -> Model {
    Model::from_bytes(&model.to_bytes()).expect("a model reads back its own bytes")
}
