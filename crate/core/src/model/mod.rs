//! The learned scorer: a logistic regression per category over hashed word
//! and letter-piece features ([`features`]), trained on posts by many
//! authors ([`train`]) and embedded in the core at build time.
//!
//! Why a model beside the rules: hand-written lexicons fit the phrasing of
//! whoever wrote them. Measured on authors they never saw, the rules found
//! less than half of the confidential, institutional-voice and reputation
//! posts; a linear model trained on ten other authors finds most of them.
//! The rules stay for what they are good at: validated identifiers, precise
//! spans and specific explanations. The analyzer combines the two (see
//! [`crate::Analyzer`]): a rule's meaning-level finding stands when the
//! model does not contradict it, and the model alone warns when it is
//! confident, pointing at the words that weighed.
//!
//! Five heads share the features: one per category, and one for "any
//! violation", trained on every positive of every category. A category's
//! score is the geometric mean of its head and the shared one: measured
//! leave-one-author-out, the shared head, having seen four times the
//! positives, tells clean posts from violations better, and clean posts
//! warned are what the thresholds must hold down.
//!
//! The asset (`crate/core/model/riserbo.model`) is what `riserbo train`
//! writes from the committed corpora; a test checks that it is current.
//! Its layout, little-endian: `RSBM`, version 2, hash bits, feature-set
//! byte, number of heads; per head bias, scale and the three thresholds as
//! `f32` (the shared head's are unused); then `i8` weights, the heads of
//! one bucket side by side so that a lookup touches one cache line.

pub mod calibrate;
pub mod corpus;
pub mod detmath;
pub mod features;
pub mod lbfgs;
pub mod train;

use std::sync::OnceLock;

pub use features::{FeatureSet, Features};

use crate::Category;

/// The categories the model scores, in the asset's order.
pub const CATEGORIES: [Category; 4] = [
    Category::PersonalData,
    Category::Confidential,
    Category::InstitutionalVoice,
    Category::Reputation,
];

/// The heads: the categories, then "any violation".
pub const HEADS: usize = 5;
/// The shared head's index.
pub const ANY: usize = 4;

/// Index of `category` in [`CATEGORIES`].
pub fn category_index(category: Category) -> Option<usize> {
    CATEGORIES.iter().position(|&c| c == category)
}

/// Where a category's probability turns into findings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// From here the model warns on its own.
    pub warn: f32,
    /// Below this a rule's meaning-level finding of the category is shown
    /// as a hint only: the model, trained on many authors, doubts it.
    pub keep_rule: f32,
    /// From here (and below `warn`) the model adds a hint.
    pub hint: f32,
}

/// A trained model: weights and calibrated thresholds.
pub struct Model {
    pub bits: u32,
    pub features: FeatureSet,
    pub bias: [f32; HEADS],
    pub scale: [f32; HEADS],
    pub thresholds: [Thresholds; 4],
    /// `HEADS << bits` weights: bucket `b`, head `k` at `HEADS * b + k`.
    weights: Weights,
}

enum Weights {
    Static(&'static [u8]),
    Owned(Vec<i8>),
}

impl Weights {
    fn get(&self, i: usize) -> i8 {
        match self {
            Weights::Static(bytes) => bytes[i] as i8,
            Weights::Owned(v) => v[i],
        }
    }
}

const MAGIC: &[u8; 4] = b"RSBM";
const VERSION: u8 = 2;
const HEADER: usize = 8 + HEADS * 5 * 4;

/// Why an asset could not be read.
#[derive(Debug, PartialEq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../model/riserbo.model");

impl Model {
    /// The model built into the core, read once; `None` if the build
    /// carries none (the asset is empty before the first training).
    pub fn embedded() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                if EMBEDDED_BYTES.is_empty() {
                    return None;
                }
                Some(Model::parse(EMBEDDED_BYTES, true).expect("the embedded model is written by riserbo train"))
            })
            .as_ref()
    }

    /// Reads an asset; `borrow` keeps the weights in `bytes` (static data)
    /// instead of copying them.
    fn parse(bytes: &'static [u8], borrow: bool) -> Result<Model, ModelError> {
        let (mut model, body) = Model::header(bytes)?;
        model.weights = if borrow {
            Weights::Static(body)
        } else {
            Weights::Owned(body.iter().map(|&b| b as i8).collect())
        };
        Ok(model)
    }

    /// Reads an asset from bytes the caller owns.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (mut model, body) = Model::header(bytes)?;
        model.weights = Weights::Owned(body.iter().map(|&b| b as i8).collect());
        Ok(model)
    }

    fn header(bytes: &[u8]) -> Result<(Model, &[u8]), ModelError> {
        let bad = |what: &str| ModelError(format!("not a Riserbo model: {what}"));
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(bad("no header"));
        }
        if bytes[4] != VERSION {
            return Err(bad("unknown version"));
        }
        let bits = u32::from(bytes[5]);
        if !(8..=24).contains(&bits) || usize::from(bytes[7]) != HEADS {
            return Err(bad("bad sizes"));
        }
        let f = |i: usize| f32::from_le_bytes(bytes[8 + 4 * i..12 + 4 * i].try_into().unwrap());
        let mut model = Model {
            bits,
            features: FeatureSet::from_byte(bytes[6]),
            bias: [0.0; HEADS],
            scale: [0.0; HEADS],
            thresholds: [Thresholds {
                warn: 1.0,
                keep_rule: 0.0,
                hint: 1.0,
            }; 4],
            weights: Weights::Owned(Vec::new()),
        };
        for k in 0..HEADS {
            model.bias[k] = f(5 * k);
            model.scale[k] = f(5 * k + 1);
            if k < 4 {
                model.thresholds[k] = Thresholds {
                    warn: f(5 * k + 2),
                    keep_rule: f(5 * k + 3),
                    hint: f(5 * k + 4),
                };
            }
        }
        let body = &bytes[HEADER..];
        if body.len() != HEADS << bits {
            return Err(bad("weights of the wrong length"));
        }
        Ok((model, body))
    }

    /// The asset's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + (HEADS << self.bits));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, self.bits as u8, self.features.to_byte(), HEADS as u8]);
        let unused = Thresholds {
            warn: 0.0,
            keep_rule: 0.0,
            hint: 0.0,
        };
        for k in 0..HEADS {
            let t = self.thresholds.get(k).copied().unwrap_or(unused);
            for v in [self.bias[k], self.scale[k], t.warn, t.keep_rule, t.hint] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend((0..HEADS << self.bits).map(|i| self.weights.get(i) as u8));
        out
    }

    /// A model from trained weights (`HEADS << bits` of them, interleaved).
    pub fn new(
        bits: u32,
        features: FeatureSet,
        bias: [f32; HEADS],
        scale: [f32; HEADS],
        weights: Vec<i8>,
        thresholds: [Thresholds; 4],
    ) -> Model {
        assert_eq!(weights.len(), HEADS << bits);
        Model {
            bits,
            features,
            bias,
            scale,
            thresholds,
            weights: Weights::Owned(weights),
        }
    }

    /// The weight of `bucket` for head `k`, dequantised.
    pub fn weight(&self, bucket: u32, k: usize) -> f32 {
        f32::from(self.weights.get(HEADS * bucket as usize + k)) * self.scale[k]
    }

    /// Each category's probability for a post with these features, scored
    /// in `windows` (see [`features::windows`]): the best window's.
    ///
    /// Reads the same distinct buckets as [`Features::split`], which
    /// training uses, without sorting them: integer sums do not depend on
    /// the order, and scoring runs on every keystroke.
    pub fn score(&self, features: &Features, windows: &[std::ops::Range<usize>]) -> Scores {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            self.score_with(features, windows, &mut scratch)
        })
    }

    fn score_with(&self, features: &Features, windows: &[std::ops::Range<usize>], scratch: &mut Scratch) -> Scores {
        scratch.prepare(self.bits);
        let (context, context_len) = if self.features.windows {
            let buckets = features.buckets.iter().map(|&b| features::context_bucket(b, self.bits));
            self.distinct_sums(buckets, &mut scratch.seen)
        } else {
            ([0; HEADS], 0)
        };
        let context_value = features::part_value(context_len, features::CONTEXT_WEIGHT);
        // The features' buckets grouped by window (a counting sort), as
        // `Features::split` assigns them.
        let parts = windows.len().max(1);
        let window_of = |token: u32| {
            if token == features::NO_TOKEN {
                0
            } else {
                windows.partition_point(|r| r.end <= token as usize).min(parts - 1)
            }
        };
        scratch.starts.clear();
        scratch.starts.resize(parts + 1, 0);
        for &(_, token) in &features.origins {
            scratch.starts[window_of(token) + 1] += 1;
        }
        for w in 0..parts {
            scratch.starts[w + 1] += scratch.starts[w];
        }
        scratch.grouped.clear();
        scratch.grouped.resize(features.origins.len(), 0);
        scratch.fill.clear();
        scratch.fill.extend_from_slice(&scratch.starts[..parts]);
        for &(bucket, token) in &features.origins {
            let w = window_of(token);
            scratch.grouped[scratch.fill[w]] = bucket;
            scratch.fill[w] += 1;
        }
        let mut scores = Scores {
            probabilities: [0.0; 4],
            best: [0; 4],
        };
        let mut best = [f32::MIN; 4];
        for w in 0..parts {
            let part = &scratch.grouped[scratch.starts[w]..scratch.starts[w + 1]];
            let (sums, len) = self.distinct_sums(part.iter().copied(), &mut scratch.seen);
            let value = features::part_value(len, 1.0);
            let p = |k: usize| {
                let z = self.bias[k] + self.scale[k] * (value * sums[k] as f32 + context_value * context[k] as f32);
                detmath::sigmoid(f64::from(z)) as f32
            };
            let any = p(ANY);
            for (k, best) in best.iter_mut().enumerate() {
                let score = (p(k) * any).sqrt();
                if score > *best {
                    *best = score;
                    scores.best[k] = w;
                }
            }
        }
        scores.probabilities = best;
        scores
    }

    /// The sums of the quantised weights of the distinct buckets among
    /// `buckets`, per head, and how many distinct buckets there were.
    /// `seen` (a bit per bucket) is clear on entry and left clear.
    fn distinct_sums(&self, buckets: impl Iterator<Item = u32> + Clone, seen: &mut [u64]) -> ([i32; HEADS], usize) {
        let mut sums = [0i32; HEADS];
        let mut distinct = 0;
        for b in buckets.clone() {
            let (word, bit) = (b as usize / 64, 1u64 << (b % 64));
            if seen[word] & bit != 0 {
                continue;
            }
            seen[word] |= bit;
            distinct += 1;
            let base = HEADS * b as usize;
            for (k, sum) in sums.iter_mut().enumerate() {
                *sum += i32::from(self.weights.get(base + k));
            }
        }
        for b in buckets {
            seen[b as usize / 64] = 0;
        }
        (sums, distinct)
    }

    /// How much each token pushed category `k` up or down (its head and the
    /// shared one), within its own window (the context part belongs to no
    /// single word).
    pub fn token_weights(&self, features: &Features, windows: &[std::ops::Range<usize>], k: usize) -> Vec<f32> {
        let tokens = windows.last().map_or(0, |w| w.end);
        let split = features.split(windows, self.bits, self.features);
        let mut out = vec![0.0f32; tokens];
        for &(bucket, token) in &features.origins {
            let Some(slot) = out.get_mut(token as usize) else {
                continue;
            };
            let w = windows
                .partition_point(|r| r.end <= token as usize)
                .min(split.windows.len() - 1);
            let weight = self.weight(bucket, k) + self.weight(bucket, ANY);
            *slot += weight * features::part_value(split.windows[w].len(), 1.0);
        }
        out
    }
}

/// Buffers scoring reuses from post to post, one set per thread.
#[derive(Default)]
struct Scratch {
    /// A bit per bucket: which buckets a part has counted already.
    seen: Vec<u64>,
    /// Where each window's buckets start in `grouped`, and one past the end.
    starts: Vec<usize>,
    /// Where the next bucket of each window goes, while grouping.
    fill: Vec<usize>,
    /// The features' buckets, window after window.
    grouped: Vec<u32>,
}

impl Scratch {
    fn prepare(&mut self, bits: u32) {
        let words = (1usize << bits).div_ceil(64);
        if self.seen.len() != words {
            self.seen = vec![0; words];
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// A post's scores: per category, the probability and the window it came
/// from.
#[derive(Clone, Copy, Debug)]
pub struct Scores {
    pub probabilities: [f32; 4],
    pub best: [usize; 4],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let bits = 8;
        let weights: Vec<i8> = (0..HEADS << bits).map(|i| (i % 7) as i8 - 3).collect();
        let t = Thresholds {
            warn: 0.8,
            keep_rule: 0.2,
            hint: 0.6,
        };
        Model::new(
            bits,
            FeatureSet {
                concepts: true,
                rules: false,
                windows: false,
                negation: false,
            },
            [0.5, -1.0, 0.0, 2.0, 0.3],
            [0.01, 0.02, 0.03, 0.04, 0.05],
            weights,
            [t; 4],
        )
    }

    #[test]
    fn the_asset_round_trips_and_damage_is_named() {
        let model = tiny();
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.thresholds, model.thresholds);
        assert_eq!(back.features, model.features);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"RSBM").is_err());
        let mut wrong = bytes.clone();
        wrong[4] = 9;
        assert_eq!(
            Model::from_bytes(&wrong).err().unwrap().0,
            "not a Riserbo model: unknown version"
        );
    }

    #[test]
    fn probabilities_are_the_logistic_of_the_summed_weights() {
        let model = tiny();
        let features = Features {
            buckets: vec![1, 2],
            origins: vec![(1, 0), (2, 1)],
        };
        let whole = vec![std::ops::Range { start: 0, end: 2 }];
        let p = model.score(&features, &whole).probabilities;
        let value = 1.0 / 2f32.sqrt();
        let logistic = |k: usize| {
            let z = model.bias[k] + (model.weight(1, k) + model.weight(2, k)) * value;
            1.0 / (1.0 + (-z).exp())
        };
        for (k, p) in p.iter().enumerate() {
            assert!((p - (logistic(k) * logistic(ANY)).sqrt()).abs() < 1e-6);
        }
        let per_token = model.token_weights(&features, &whole, 3);
        assert!((per_token[0] - (model.weight(1, 3) + model.weight(1, ANY)) * value).abs() < 1e-7);
    }

    /// The scorer counts each window's distinct buckets without sorting;
    /// training reads them through `Features::split`. Both must see the
    /// same vector, or what ships would score another model than trained.
    #[test]
    fn scoring_reads_the_same_buckets_as_training() {
        let Some(model) = Model::embedded() else { return };
        let semantic = crate::semantic::Semantic::new(&crate::Policy::default());
        let long = "il dirigente non capisce niente, e la gara non è ancora pubblicata. ".repeat(9);
        for text in [
            "",
            "ok",
            "Buongiorno a tutti! La riunione di ieri? Riservata 🤫 #comune",
            "la signora Ricci del terzo piano prende la 104, l'ho vista in ufficio. Che vergogna",
            long.as_str(),
        ] {
            let post = semantic.post(text, &crate::words::words(text));
            let features = features::extract(&post, &[], model.bits, model.features, None);
            let windows = features::windows(&post, model.features);
            let split = features.split(&windows, model.bits, model.features);
            let sums = |buckets: &[u32]| {
                let mut sums = [0i32; HEADS];
                for &b in buckets {
                    for (k, sum) in sums.iter_mut().enumerate() {
                        *sum += i32::from(model.weights.get(HEADS * b as usize + k));
                    }
                }
                sums
            };
            let context = sums(&split.context);
            let context_value = features::part_value(split.context.len(), features::CONTEXT_WEIGHT);
            let mut expected = [f32::MIN; 4];
            for part in &split.windows {
                let (s, value) = (sums(part), features::part_value(part.len(), 1.0));
                let p = |k: usize| {
                    let z = model.bias[k] + model.scale[k] * (value * s[k] as f32 + context_value * context[k] as f32);
                    detmath::sigmoid(f64::from(z)) as f32
                };
                for (k, e) in expected.iter_mut().enumerate() {
                    *e = e.max((p(k) * p(ANY)).sqrt());
                }
            }
            // Twice: the scratch bits must be left clear for the next post.
            for _ in 0..2 {
                assert_eq!(model.score(&features, &windows).probabilities, expected, "{text:?}");
            }
        }
    }
}
