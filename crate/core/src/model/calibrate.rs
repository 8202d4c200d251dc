//! Per-category thresholds, chosen on scores of posts the scoring model did
//! not see (out-of-fold), so that they hold on new authors.
//!
//! A category is warned about in a post when a validated identifier of it
//! was found, when a rule's meaning-level finding stands (the model's
//! probability is at least `keep_rule`), or when the model alone is
//! confident (at least `warn`). The thresholds maximise the sum of the
//! categories' F1 under a ceiling on the share of clean posts warned,
//! which is what teaches employees to ignore warnings.

use super::Thresholds;

/// What the analyzer saw in one post, before thresholds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    /// The model's probability per category.
    pub probabilities: [f32; 4],
    /// A validated identifier of the category (always warned about).
    pub identifier: [bool; 4],
    /// A rule's meaning-level finding of the category, at warning or above.
    pub phrase: [bool; 4],
}

/// What the post's author says it is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Truth {
    pub labels: [bool; 4],
    /// Categories a tool may warn about without being wrong.
    pub also_ok: [bool; 4],
}

impl Truth {
    pub fn clean(&self) -> bool {
        !self.labels.iter().any(|&l| l)
    }
}

impl Outcome {
    /// Is category `k` warned about under `t`?
    pub fn flagged(&self, k: usize, t: &Thresholds) -> bool {
        self.identifier[k]
            || (self.phrase[k] && self.probabilities[k] >= t.keep_rule)
            || self.probabilities[k] >= t.warn
    }
}

/// Candidate thresholds: 0.02 to 0.98 in steps of 0.02, and "never".
fn grid() -> Vec<f32> {
    let mut g: Vec<f32> = (1..=49).map(|i| i as f32 * 0.02).collect();
    g.push(1.01);
    g
}

/// Counts of one category under one pair of thresholds.
#[derive(Clone, Copy, Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    clean_flagged: u32,
}

impl Counts {
    fn f1(&self) -> f64 {
        let denominator = 2 * self.tp + self.fp + self.fn_;
        if denominator == 0 {
            0.0
        } else {
            f64::from(2 * self.tp) / f64::from(denominator)
        }
    }
}

/// The hint threshold that goes with a warning threshold: the model's
/// middling confidence is shown, but never pauses a post.
pub fn hint_for(warn: f32) -> f32 {
    (warn * 0.6).max(0.3).min(warn)
}

/// Thresholds for the four categories that keep the share of clean posts
/// warned at or under `max_clean`.
pub fn calibrate(posts: &[(Outcome, Truth)], max_clean: f64) -> [Thresholds; 4] {
    let grid = grid();
    let pairs: Vec<Thresholds> = grid
        .iter()
        .flat_map(|&warn| {
            grid.iter()
                .filter(move |&&keep| keep <= warn)
                .map(move |&keep| Thresholds {
                    warn,
                    keep_rule: keep,
                    hint: hint_for(warn),
                })
        })
        .collect();
    let clean_total = posts.iter().filter(|(_, t)| t.clean()).count().max(1) as f64;
    let counts: Vec<Vec<Counts>> = (0..4)
        .map(|k| {
            pairs
                .iter()
                .map(|t| {
                    let mut c = Counts::default();
                    for (o, truth) in posts {
                        let flagged = o.flagged(k, t);
                        match (truth.labels[k], flagged) {
                            (true, true) => c.tp += 1,
                            (true, false) => c.fn_ += 1,
                            (false, true) if !truth.also_ok[k] => {
                                c.fp += 1;
                                c.clean_flagged += u32::from(truth.clean());
                            }
                            _ => {}
                        }
                    }
                    c
                })
                .collect()
        })
        .collect();
    let choose = |lambda: f64| -> [Thresholds; 4] {
        let mut out = [pairs[0]; 4];
        for (k, slot) in out.iter_mut().enumerate() {
            let score = |c: &Counts| c.f1() - lambda * f64::from(c.clean_flagged) / clean_total;
            let mut best = 0;
            for (i, c) in counts[k].iter().enumerate() {
                // Ties go to the stricter pair, which comes later in the grid.
                if score(c) >= score(&counts[k][best]) {
                    best = i;
                }
            }
            *slot = pairs[best];
        }
        out
    };
    let clean_share = |t: &[Thresholds; 4]| -> f64 {
        let warned = posts
            .iter()
            .filter(|(o, truth)| truth.clean() && (0..4).any(|k| !truth.also_ok[k] && o.flagged(k, &t[k])))
            .count();
        warned as f64 / clean_total
    };
    // The smallest penalty on clean posts that meets the ceiling.
    let (mut low, mut high) = (0.0f64, 64.0f64);
    if clean_share(&choose(low)) <= max_clean {
        return choose(low);
    }
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if clean_share(&choose(mid)) <= max_clean {
            high = mid;
        } else {
            low = mid;
        }
    }
    choose(high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(p: f32, label: bool) -> (Outcome, Truth) {
        let mut o = Outcome::default();
        o.probabilities[1] = p;
        let mut t = Truth::default();
        t.labels[1] = label;
        (o, t)
    }

    #[test]
    fn keeps_clean_posts_under_the_ceiling() {
        // Positives score 0.5-0.9, clean posts 0.1-0.6: overlapping.
        let mut posts: Vec<(Outcome, Truth)> = (0..50).map(|i| post(0.5 + i as f32 * 0.008, true)).collect();
        posts.extend((0..100).map(|i| post(0.1 + i as f32 * 0.005, false)));
        let loose = calibrate(&posts, 1.0)[1];
        let strict = calibrate(&posts, 0.02)[1];
        assert!(strict.warn > loose.warn, "{strict:?} {loose:?}");
        let warned = posts[50..].iter().filter(|(o, _)| o.flagged(1, &strict)).count();
        assert!(warned <= 2, "{warned}");
        assert!(strict.hint <= strict.warn);
    }

    #[test]
    fn a_rule_the_model_doubts_is_not_kept() {
        // The rule fires on every post; the model tells them apart.
        let mut posts: Vec<(Outcome, Truth)> = Vec::new();
        for i in 0..40 {
            let (mut o, t) = post(if i < 20 { 0.6 } else { 0.05 }, i < 20);
            o.phrase[1] = true;
            posts.push((o, t));
        }
        let t = calibrate(&posts, 0.0)[1];
        assert!(t.keep_rule > 0.05 && t.keep_rule <= 0.6, "{t:?}");
        assert!(posts[..20].iter().all(|(o, _)| o.flagged(1, &t)));
    }
}
