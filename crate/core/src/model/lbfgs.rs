//! Logistic regressions with an L2 penalty, fitted together by L-BFGS.
//!
//! Full-batch and sequential, so the result depends only on the data and
//! its order: the same corpora give the same weights on every machine (with
//! [`super::detmath`] for `exp` and `ln`). Sparse rows made of two binary
//! parts with a value each (a window of the post and the post around it),
//! as [`super::features`] makes them.
//!
//! The heads share the rows and are fitted as one problem, weights
//! interleaved (`heads * bucket + head`) as the asset stores them: each
//! bucket a row touches is then one memory access for every head, which is
//! where training spends its time. The objective is separable, so the
//! optimum is each head's own. The windows of one post share its context
//! part, which is read once per post, not once per window.

use super::detmath::{sigmoid, softplus};

/// One training row (a window): the buckets present, each with the row's
/// value, and per head its label and how much it counts (0 leaves it out).
pub struct Row<'a> {
    pub buckets: &'a [u32],
    pub value: f64,
    pub targets: Vec<(bool, f64)>,
}

/// The rows of one post, with the part they share (the post around each
/// window) and its value.
pub struct Group<'a> {
    pub context: &'a [u32],
    pub context_value: f64,
    pub rows: Vec<Row<'a>>,
}

/// How hard to fit.
#[derive(Clone, Copy, Debug)]
pub struct Fit<'a> {
    /// Inverse of the L2 penalty, as in scikit-learn: larger fits closer.
    pub c: f64,
    pub max_iterations: usize,
    /// How much each weight's penalty counts (interleaved like the
    /// weights); `None`: 1 for every weight.
    pub penalty: Option<&'a [f64]>,
}

/// Weights over `dim` buckets for each head (interleaved), and the biases.
pub struct Fitted {
    pub weights: Vec<f64>,
    pub bias: Vec<f64>,
    pub iterations: usize,
}

/// The objective (logistic loss plus penalty, summed over heads) and its
/// gradient at `theta` (interleaved weights, then the biases).
fn objective(groups: &[Group], heads: usize, theta: &[f64], fit: Fit, grad: &mut [f64]) -> f64 {
    let c = fit.c;
    let n = theta.len() - heads;
    let (w, b) = theta.split_at(n);
    grad.iter_mut().for_each(|g| *g = 0.0);
    let mut loss = 0.0;
    let mut around = vec![0.0f64; heads];
    let mut dot = vec![0.0f64; heads];
    let mut d = vec![0.0f64; heads];
    let mut d_around = vec![0.0f64; heads];
    let sum_into = |sums: &mut [f64], buckets: &[u32]| {
        sums.iter_mut().for_each(|x| *x = 0.0);
        for &j in buckets {
            let base = heads * j as usize;
            for (k, x) in sums.iter_mut().enumerate() {
                *x += w[base + k];
            }
        }
    };
    for group in groups {
        sum_into(&mut around, group.context);
        d_around.iter_mut().for_each(|x| *x = 0.0);
        for row in &group.rows {
            sum_into(&mut dot, row.buckets);
            for k in 0..heads {
                let (positive, weight) = row.targets[k];
                if weight <= 0.0 {
                    d[k] = 0.0;
                    continue;
                }
                let z = b[k] + row.value * dot[k] + group.context_value * around[k];
                let y = if positive { 1.0 } else { -1.0 };
                loss += weight * softplus(-y * z);
                d[k] = -weight * y * sigmoid(-y * z);
                d_around[k] += d[k];
            }
            for &j in row.buckets {
                let base = heads * j as usize;
                for k in 0..heads {
                    grad[base + k] += d[k] * row.value;
                }
            }
            for k in 0..heads {
                grad[n + k] += d[k];
            }
        }
        for &j in group.context {
            let base = heads * j as usize;
            for k in 0..heads {
                grad[base + k] += d_around[k] * group.context_value;
            }
        }
    }
    let mut penalty = 0.0;
    for j in 0..n {
        // A factor of 1 changes no bit: the plain penalty is the same sum.
        let factor = fit.penalty.map_or(1.0, |factors| factors[j]);
        penalty += factor * w[j] * w[j];
        grad[j] += factor * w[j] / c;
    }
    loss + penalty / (2.0 * c)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits `heads` logistic regressions over `dim` buckets.
pub fn fit(rows: &[Group], dim: usize, heads: usize, fit: Fit) -> Fitted {
    const MEMORY: usize = 10;
    let n = dim * heads + heads;
    let mut theta = vec![0.0; n];
    let mut grad = vec![0.0; n];
    let mut f = objective(rows, heads, &theta, fit, &mut grad);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(MEMORY);
    let mut direction = vec![0.0; n];
    let mut next = vec![0.0; n];
    let mut next_grad = vec![0.0; n];
    let mut iterations = 0;
    while iterations < fit.max_iterations {
        let gmax = grad.iter().fold(0.0f64, |m, g| m.max(g.abs()));
        if gmax < 1e-6 {
            break;
        }
        // Two-loop recursion: direction = -H grad.
        direction.copy_from_slice(&grad);
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let alpha = rho * dot(s, &direction);
            direction.iter_mut().zip(y).for_each(|(d, yi)| *d -= alpha * yi);
            alphas.push(alpha);
        }
        let gamma = match history.last() {
            Some((s, y, _)) => dot(s, y) / dot(y, y),
            None => 1.0 / gmax.max(1.0),
        };
        direction.iter_mut().for_each(|d| *d *= gamma);
        for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(y, &direction);
            direction
                .iter_mut()
                .zip(s)
                .for_each(|(d, si)| *d += (alpha - beta) * si);
        }
        direction.iter_mut().for_each(|d| *d = -*d);
        if dot(&grad, &direction) >= 0.0 {
            // Not a descent direction: start the memory again.
            history.clear();
            direction.iter_mut().zip(&grad).for_each(|(d, g)| *d = -g * gamma);
        }
        let slope = dot(&grad, &direction);
        // Backtracking until the Armijo condition holds.
        let mut step = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            next.iter_mut()
                .zip(&theta)
                .zip(&direction)
                .for_each(|((x, t), d)| *x = t + step * d);
            let f_next = objective(rows, heads, &next, fit, &mut next_grad);
            if f_next <= f + 1e-4 * step * slope {
                accepted = Some(f_next);
                break;
            }
            step *= 0.5;
        }
        let Some(f_next) = accepted else {
            break;
        };
        let s: Vec<f64> = next.iter().zip(&theta).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
        std::mem::swap(&mut theta, &mut next);
        std::mem::swap(&mut grad, &mut next_grad);
        let improvement = f - f_next;
        f = f_next;
        iterations += 1;
        if improvement <= 1e-10 * f.abs().max(1.0) {
            break;
        }
    }
    let bias = theta.split_off(dim * heads);
    Fitted {
        weights: theta,
        bias,
        iterations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buckets: &[u32], value: f64, targets: Vec<(bool, f64)>) -> Row<'_> {
        Row {
            buckets,
            value,
            targets,
        }
    }

    /// Each row a post of its own, with nothing around it.
    fn alone(rows: Vec<Row>) -> Vec<Group> {
        rows.into_iter()
            .map(|r| Group {
                context: &[],
                context_value: 0.0,
                rows: vec![r],
            })
            .collect()
    }

    const CFG: Fit = Fit {
        c: 10.0,
        max_iterations: 200,
        penalty: None,
    };

    const TEN: Fit = Fit {
        c: 10.0,
        max_iterations: 0,
        penalty: None,
    };

    #[test]
    fn separates_what_the_features_separate() {
        // Bucket 0 marks positives, bucket 1 negatives, bucket 2 is noise.
        let pos = [0u32, 2];
        let neg = [1u32, 2];
        let rows: Vec<Row> = (0..20)
            .map(|i| {
                let b: &[u32] = if i % 2 == 0 { &pos } else { &neg };
                row(b, 1.0 / 2f64.sqrt(), vec![(i % 2 == 0, 1.0)])
            })
            .collect();
        let fitted = fit(&alone(rows), 3, 1, CFG);
        let w = &fitted.weights;
        assert!(w[0] > 1.0 && w[1] < -1.0, "{w:?}");
        assert!(w[2].abs() < 0.5);
        // The penalty keeps weights finite on separable data.
        assert!(w[0] < 50.0);
    }

    #[test]
    fn matches_the_closed_form_of_a_single_feature() {
        // One always-present feature and next to no penalty: bias plus
        // weight is the log-odds of the labels, 3 of 4 positive.
        let only = [0u32];
        let rows: Vec<Row> = (0..4).map(|i| row(&only, 1.0, vec![(i < 3, 1.0)])).collect();
        let fitted = fit(
            &alone(rows),
            1,
            1,
            Fit {
                c: 1e6,
                max_iterations: 500,
                penalty: None,
            },
        );
        let z = fitted.weights[0] + fitted.bias[0];
        assert!((z - 3f64.ln()).abs() < 1e-3, "{z}");
    }

    #[test]
    fn a_shared_context_counts_once_per_window() {
        // Two windows sharing a context are the same problem as two rows
        // each carrying the context's buckets.
        let ctx = [2u32];
        let (a, b) = ([0u32], [1u32]);
        let shared = vec![Group {
            context: &ctx,
            context_value: 0.5,
            rows: vec![row(&a, 1.0, vec![(true, 1.0)]), row(&b, 1.0, vec![(false, 1.0)])],
        }];
        let mut theta = vec![0.3, -0.2, 0.7, 0.1];
        let mut g1 = vec![0.0; 4];
        let f1 = objective(&shared, 1, &theta, TEN, &mut g1);
        theta[2] += 1e-6;
        let mut g2 = vec![0.0; 4];
        let f2 = objective(&shared, 1, &theta, TEN, &mut g2);
        // The context's gradient is the finite difference of the loss.
        assert!(
            ((f2 - f1) / 1e-6 - g1[2]).abs() < 1e-4,
            "{} vs {}",
            (f2 - f1) / 1e-6,
            g1[2]
        );
    }

    #[test]
    fn heads_fitted_together_are_fitted_as_alone() {
        // Head 0 learns bucket 0, head 1 learns bucket 1; a weight of 0
        // leaves a row out of one head only.
        let a = [0u32];
        let b = [1u32];
        let rows: Vec<Row> = (0..12)
            .map(|i| match i % 3 {
                0 => row(&a, 1.0, vec![(true, 1.0), (false, 1.0)]),
                1 => row(&b, 1.0, vec![(false, 1.0), (true, 1.0)]),
                _ => row(&a, 1.0, vec![(false, 0.0), (false, 1.0)]),
            })
            .collect();
        let second_only: Vec<Row> = rows.iter().map(|r| row(r.buckets, 1.0, vec![r.targets[1]])).collect();
        let second = fit(&alone(second_only), 2, 1, CFG);
        let rows = alone(rows);
        let both = fit(&rows, 2, 2, CFG);
        for bucket in 0..2 {
            assert!((both.weights[2 * bucket + 1] - second.weights[bucket]).abs() < 1e-3);
        }
        assert!(both.weights[0] > 1.0 && both.weights[1] < 0.0);
        let again = fit(&rows, 2, 2, CFG);
        assert_eq!(again.weights, both.weights);
    }

    #[test]
    fn a_weight_penalised_more_grows_less() {
        // Buckets 0 and 1 are both present in every positive: alike to the
        // loss, so the penalty alone decides how the weight is shared.
        let both = [0u32, 1, 2];
        let neg = [2u32];
        let rows: Vec<Row> = (0..20)
            .map(|i| {
                if i % 2 == 0 {
                    row(&both, 1.0, vec![(true, 1.0)])
                } else {
                    row(&neg, 1.0, vec![(false, 1.0)])
                }
            })
            .collect();
        let rows = alone(rows);
        let even = fit(&rows, 3, 1, CFG);
        assert!((even.weights[0] - even.weights[1]).abs() < 1e-6);
        let factors = [1.0, 9.0, 1.0];
        let uneven = fit(
            &rows,
            3,
            1,
            Fit {
                penalty: Some(&factors),
                ..CFG
            },
        );
        // At the optimum the penalty's gradients match: w0 = 9 w1.
        let (w0, w1) = (uneven.weights[0], uneven.weights[1]);
        assert!(w0 > 0.5 && w1 > 0.0, "{w0} {w1}");
        assert!((w0 / w1 - 9.0).abs() < 0.1, "{w0} {w1}");
        // The gradient with factors is the loss's finite difference.
        let theta = vec![0.3, -0.2, 0.7, 0.1];
        let with = Fit {
            penalty: Some(&factors),
            ..TEN
        };
        let mut g1 = vec![0.0; 4];
        let f1 = objective(&rows, 1, &theta, with, &mut g1);
        let mut moved = theta.clone();
        moved[1] += 1e-6;
        let mut g2 = vec![0.0; 4];
        let f2 = objective(&rows, 1, &moved, with, &mut g2);
        assert!(((f2 - f1) / 1e-6 - g1[1]).abs() < 1e-4);
    }
}
