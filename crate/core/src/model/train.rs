//! Training: the corpora in, the asset out, the same bytes every time.
//!
//! 1. Every post goes through the analyzer with the rules alone
//!    ([`crate::Analyzer::inspect`]): its features, and which categories the
//!    rules warned about.
//! 2. Out-of-fold scores: the authors are split into folds; each fold is
//!    scored by a model trained on the other folds, so every score comes
//!    from a model that never saw its author.
//! 3. The thresholds are calibrated on those scores
//!    ([`super::calibrate`]).
//! 4. The final model is trained on every post, quantised to `i8` per
//!    category, and given the thresholds.
//!
//! Folds run on as many threads as the machine has, each writing its own
//! slot, so the result does not depend on scheduling.

use std::ops::Range;

use super::calibrate::{self, Outcome, Truth};
use super::corpus::Author;
use super::features::{self, FeatureSet, Features};
use super::lbfgs::{self, Fit, Group as RowGroup, Row};
use super::{detmath, Model, Thresholds, ANY, CATEGORIES, HEADS};
use crate::{Analyzer, Policy};

/// What to train.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Buckets of the hashing trick: `2^bits`.
    pub bits: u32,
    pub features: FeatureSet,
    /// Inverse L2 penalty.
    pub c: f64,
    pub max_iterations: usize,
    /// Ceiling on the share of clean posts warned, for calibration.
    pub max_clean: f64,
    /// Folds of authors for the out-of-fold scores (0: one per author).
    pub folds: usize,
    /// How much a window of a clean post counts as a negative, beside 1
    /// for the windows of posts of other categories.
    pub clean_weight: f64,
    /// Penalise each weight by how little its bucket tells the head's
    /// positives from its negatives, with this smoothing
    /// (`penalty_factors`, below); `None`: the same L2 penalty for every
    /// weight.
    pub ratio_prior: Option<f64>,
}

impl Default for Config {
    /// The settings of the shipped model, each chosen by its
    /// leave-one-author-out effect (README, "The learned model").
    fn default() -> Config {
        Config {
            // 2^18 buckets scored no better than 2^17; half the size.
            bits: 17,
            features: FeatureSet {
                concepts: true,
                rules: true,
                windows: true,
                negation: true,
            },
            // 30 ranked better than 3 and 10.
            c: 30.0,
            // Converged well before: 300 gave the same weights.
            max_iterations: 100,
            max_clean: 0.02,
            folds: 4,
            // Clean posts are what a wrong warning costs most on: weighing
            // them three times ranked slightly worse overall but held more
            // recall under the ceiling on clean posts warned.
            clean_weight: 3.0,
            ratio_prior: Some(1.0),
        }
    }
}

/// One post, read once.
pub struct Example {
    pub features: Features,
    /// The token ranges the model scores, and their byte spans.
    pub windows: Vec<Range<usize>>,
    pub window_spans: Vec<Range<usize>>,
    /// Per category, the byte span its author says carries it, or where
    /// the rules found it when the author gave none (the project's own
    /// corpus has no spans).
    pub spans: [Option<Range<usize>>; 4],
    pub outcome: Outcome,
    pub truth: Truth,
    /// What the post counts as a positive: more for the examples the
    /// source documents give of a violation (doc. 003), which define the
    /// categories.
    pub positive_weight: f64,
}

/// How much more a seed example of the sources counts.
const SEED_WEIGHT: f64 = 5.0;

impl Example {
    /// Window `w`'s label for category `k` and how much it counts. A
    /// window of a post of the category is a positive when it covers the
    /// author's span; the post's other windows teach nothing sure (they may
    /// hold the context of the problem) and are left out, as are all the
    /// windows of a post whose author gave no span, unless it has one
    /// window only. Posts without the category are negatives throughout.
    ///
    /// Head [`ANY`] reads every category at once. `clean_weight` is what a
    /// window of a clean post counts.
    fn window_label(&self, k: usize, w: usize, clean_weight: f64) -> (bool, f64) {
        let heads: Vec<usize> = if k == ANY { (0..4).collect() } else { vec![k] };
        let labelled: Vec<usize> = heads.iter().copied().filter(|&h| self.truth.labels[h]).collect();
        if labelled.is_empty() {
            if heads.iter().any(|&h| self.truth.also_ok[h]) {
                return (false, 0.0);
            }
            return (false, if self.truth.clean() { clean_weight } else { 1.0 });
        }
        if self.windows.len() <= 1 {
            return (true, self.positive_weight);
        }
        let window = &self.window_spans[w];
        let covers = labelled.iter().any(|&h| {
            self.spans[h]
                .as_ref()
                .is_some_and(|span| window.start < span.end && span.start < window.end)
        });
        (true, if covers { self.positive_weight } else { 0.0 })
    }
}

/// One author's posts, read.
pub struct Group {
    pub name: String,
    pub examples: Vec<Example>,
    /// Whether its out-of-fold scores calibrate the thresholds. The
    /// project's own corpus shaped the rules, so the rules look better on
    /// it than they are: it trains the model but does not calibrate.
    pub calibrates: bool,
}

/// Reads every post of `authors` (calibrating) and `extra` (training only).
pub fn prepare(authors: &[Author], extra: &[Author], config: &Config) -> Vec<Group> {
    let analyzer = Analyzer::with_model(Policy::default(), None);
    let read = |author: &Author, calibrates: bool| Group {
        name: author.name.clone(),
        calibrates,
        examples: author
            .posts
            .iter()
            .map(|post| {
                let inspection = analyzer.inspect(&post.text, config.bits, config.features);
                let truth = post.truth();
                let rule_spans = inspection.rule_spans.clone();
                Example {
                    features: inspection.features,
                    windows: inspection.windows,
                    window_spans: inspection.window_spans,
                    spans: std::array::from_fn(|k| post.span_of(CATEGORIES[k]).or_else(|| rule_spans[k].clone())),
                    outcome: inspection.outcome,
                    truth,
                    positive_weight: if post.seed { SEED_WEIGHT } else { 1.0 },
                }
            })
            .collect(),
    };
    authors
        .iter()
        .map(|a| read(a, true))
        .chain(extra.iter().map(|a| read(a, false)))
        .collect()
}

/// A model trained on `examples`, thresholds not yet set.
pub fn fit(examples: &[&Example], config: &Config) -> Model {
    let dim = 1usize << config.bits;
    let splits: Vec<features::Split> = examples
        .iter()
        .map(|e| e.features.split(&e.windows, config.bits, config.features))
        .collect();
    let mut groups: Vec<RowGroup> = Vec::new();
    for (e, split) in examples.iter().zip(&splits) {
        let rows: Vec<Row> = split
            .windows
            .iter()
            .enumerate()
            .filter_map(|(w, part)| {
                let targets: Vec<(bool, f64)> = (0..HEADS).map(|k| e.window_label(k, w, config.clean_weight)).collect();
                targets.iter().any(|&(_, weight)| weight > 0.0).then(|| Row {
                    buckets: part,
                    value: f64::from(features::part_value(part.len(), 1.0)),
                    targets,
                })
            })
            .collect();
        if !rows.is_empty() {
            groups.push(RowGroup {
                context: &split.context,
                context_value: f64::from(features::part_value(split.context.len(), features::CONTEXT_WEIGHT)),
                rows,
            });
        }
    }
    let factors = config.ratio_prior.map(|alpha| penalty_factors(&groups, dim, alpha));
    let fitted = lbfgs::fit(
        &groups,
        dim,
        HEADS,
        Fit {
            c: config.c,
            max_iterations: config.max_iterations,
            penalty: factors.as_deref(),
        },
    );
    let mut weights = vec![0i8; HEADS * dim];
    let mut scale = [0f32; HEADS];
    let mut bias = [0f32; HEADS];
    for k in 0..HEADS {
        let largest = (0..dim).fold(0.0f64, |m, b| m.max(fitted.weights[HEADS * b + k].abs()));
        let s = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        scale[k] = s as f32;
        bias[k] = fitted.bias[k] as f32;
        for b in 0..dim {
            let i = HEADS * b + k;
            weights[i] = (fitted.weights[i] / s).round().clamp(-127.0, 127.0) as i8;
        }
    }
    let never = Thresholds {
        warn: 1.01,
        keep_rule: 0.0,
        hint: 1.01,
    };
    Model::new(config.bits, config.features, bias, scale, weights, [never; 4])
}

/// Each weight's penalty factor from how unevenly its bucket falls in the
/// head's positive and negative rows: the naive Bayes log-count ratio
/// `r = ln(p_b / p) - ln(q_b / q)` (counts smoothed by `alpha`), scaled to
/// a mean of 1 over the buckets, penalises a weight by `1 / r^2`.
///
/// This is NBSVM (Wang and Manning, 2012) written as a prior: a logistic
/// regression on features scaled by `r` is one on the plain features whose
/// L2 penalty on weight `w` is `(w / r)^2`. A word that appears as often in
/// clean posts as in violations is held near zero unless the data insist,
/// so a model trained on some authors leans less on their incidental words
/// and transfers better to others (README, "The learned model"). The
/// factors only shape training: the model stores plain weights.
fn penalty_factors(groups: &[RowGroup], dim: usize, alpha: f64) -> Vec<f64> {
    // Below this share of the mean ratio a weight is held near zero anyway;
    // the floor keeps the penalty finite.
    const FLOOR: f64 = 0.05;
    let mut positive = vec![0.0f64; HEADS * dim];
    let mut negative = vec![0.0f64; HEADS * dim];
    let mut totals = [[0.0f64; 2]; HEADS];
    for group in groups {
        for row in &group.rows {
            for (k, &(is_positive, weight)) in row.targets.iter().enumerate() {
                if weight <= 0.0 {
                    continue;
                }
                let counts = if is_positive { &mut positive } else { &mut negative };
                totals[k][usize::from(is_positive)] += weight * (row.buckets.len() + group.context.len()) as f64;
                for &b in row.buckets.iter().chain(group.context) {
                    counts[HEADS * b as usize + k] += weight;
                }
            }
        }
    }
    let mut factors = vec![1.0f64; HEADS * dim];
    let smoothing = alpha * dim as f64;
    for (k, [negative_total, positive_total]) in totals.iter().enumerate() {
        let ratios: Vec<f64> = (0..dim)
            .map(|b| {
                let i = HEADS * b + k;
                (detmath::ln((positive[i] + alpha) / (positive_total + smoothing))
                    - detmath::ln((negative[i] + alpha) / (negative_total + smoothing)))
                .abs()
            })
            .collect();
        let mean = ratios.iter().sum::<f64>() / dim as f64;
        if mean <= 0.0 {
            continue;
        }
        for (b, r) in ratios.iter().enumerate() {
            let s = (r / mean).max(FLOOR);
            factors[HEADS * b + k] = 1.0 / (s * s);
        }
    }
    factors
}

/// The folds of `groups` that are held out in turn: lists of group indices.
fn folds(groups: &[&Group], k: usize) -> Vec<Vec<usize>> {
    let held: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].calibrates).collect();
    let k = if k == 0 || k >= held.len() { held.len() } else { k };
    (0..k)
        .map(|f| {
            held.iter()
                .enumerate()
                .filter(|(i, _)| i % k == f)
                .map(|(_, &g)| g)
                .collect()
        })
        .collect()
}

/// Out-of-fold outcomes of every calibrating post, with their truths.
pub fn out_of_fold(groups: &[&Group], config: &Config) -> Vec<(Outcome, Truth)> {
    let folds = folds(groups, config.folds);
    let scored: Vec<Vec<(Outcome, Truth)>> = run_parallel(folds.len(), |f| {
        let held = &folds[f];
        let train: Vec<&Example> = groups
            .iter()
            .enumerate()
            .filter(|(g, _)| !held.contains(g))
            .flat_map(|(_, group)| group.examples.iter())
            .collect();
        let model = fit(&train, config);
        held.iter()
            .flat_map(|&g| groups[g].examples.iter())
            .map(|e| {
                let mut outcome = e.outcome;
                outcome.probabilities = model.score(&e.features, &e.windows).probabilities;
                (outcome, e.truth)
            })
            .collect()
    });
    scored.into_iter().flatten().collect()
}

/// The whole procedure: out-of-fold calibration, then the final model.
pub fn train(groups: &[&Group], config: &Config) -> Model {
    let scored = out_of_fold(groups, config);
    let thresholds = calibrate::calibrate(&scored, config.max_clean);
    let all: Vec<&Example> = groups.iter().flat_map(|g| g.examples.iter()).collect();
    let mut model = fit(&all, config);
    model.thresholds = thresholds;
    model
}

/// `f(0..n)` on up to as many threads as the machine has; results in order.
pub fn run_parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n.max(1));
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<T>>> = (0..n).map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let value = f(i);
                *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(value);
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every slot is filled")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::category_index;
    use crate::model::corpus::LabelledPost;
    use crate::Category;

    fn author(name: &str, posts: &[(&str, &[Category])]) -> Author {
        Author {
            name: name.into(),
            posts: posts
                .iter()
                .enumerate()
                .map(|(i, (text, labels))| LabelledPost {
                    id: format!("{name}-{i}"),
                    text: text.to_string(),
                    labels: labels.to_vec(),
                    must_flag: Vec::new(),
                    also_ok: Vec::new(),
                    seed: false,
                })
                .collect(),
        }
    }

    #[test]
    fn learns_from_some_authors_what_holds_for_another_and_repeats_itself() {
        use Category::Reputation as R;
        let rude = |who: &str| -> Vec<(String, Vec<Category>)> {
            vec![
                (format!("il {who} è un incapace totale"), vec![R]),
                (format!("che vergogna questo {who}, incompetenti"), vec![R]),
                (format!("oggi bel sole al mare con {who}"), vec![]),
                (format!("il {who} ha inaugurato la mostra, bravi"), vec![]),
            ]
        };
        let authors: Vec<Author> = ["sindaco", "dirigente", "assessore", "segretario"]
            .iter()
            .map(|who| {
                let posts = rude(who);
                let refs: Vec<(&str, &[Category])> = posts.iter().map(|(t, l)| (t.as_str(), l.as_slice())).collect();
                author(who, &refs)
            })
            .collect();
        let config = Config {
            bits: 12,
            max_clean: 0.5,
            ..Config::default()
        };
        let groups = prepare(&authors, &[], &config);
        let refs: Vec<&Group> = groups.iter().collect();
        let model = train(&refs, &config);
        let again = train(&refs, &config);
        assert_eq!(model.to_bytes(), again.to_bytes());
        let analyzer = Analyzer::with_model(Policy::default(), None);
        let k = category_index(R).unwrap();
        let p = |text: &str| {
            let i = analyzer.inspect(text, config.bits, config.features);
            model.score(&i.features, &i.windows).probabilities[k]
        };
        assert!(p("il direttore è un incapace, che vergogna") > p("il direttore ha inaugurato la mostra al sole"));
    }
}
