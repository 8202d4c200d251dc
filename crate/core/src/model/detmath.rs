//! `exp` and `ln` from additions, multiplications and divisions only.
//!
//! The platform's `f64::exp` comes from its libm, whose last bits differ
//! between C libraries and versions. Training must give the same weights on
//! every machine (a test compares them with the committed ones), so the
//! trainer uses these instead: IEEE 754 makes `+ - * /` exact the same
//! everywhere. Accuracy is a few units in the last place, far more than a
//! logistic loss needs.

const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// `e^x`, saturating outside the range of `f64`.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.0 {
        return f64::INFINITY;
    }
    if x < -745.0 {
        return 0.0;
    }
    // x = k ln2 + r with |r| <= ln2 / 2; e^r by its Taylor series.
    let k = (x / std::f64::consts::LN_2 + if x < 0.0 { -0.5 } else { 0.5 }) as i64;
    let r = (x - k as f64 * LN2_HI) - k as f64 * LN2_LO;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=17 {
        term = term * r / n as f64;
        sum += term;
    }
    scale_by_power_of_two(sum, k)
}

/// `x * 2^k` without leaving the normal range in the middle.
fn scale_by_power_of_two(mut x: f64, mut k: i64) -> f64 {
    while k > 1000 {
        x *= f64::from_bits(((1023 + 1000) as u64) << 52);
        k -= 1000;
    }
    while k < -1000 {
        x *= f64::from_bits(((1023 - 1000) as u64) << 52);
        k += 1000;
    }
    x * f64::from_bits(((1023 + k) as u64) << 52)
}

/// The natural logarithm of a positive finite `x`.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh((m-1)/(m+1)).
    let mut m = x;
    let mut e: i64 = 0;
    while m >= std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    while m < std::f64::consts::FRAC_1_SQRT_2 {
        m *= 2.0;
        e -= 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut n = 1.0;
    // |s| < 0.172: each term shrinks by at least 34 times.
    for _ in 0..12 {
        sum += term / n;
        term *= s2;
        n += 2.0;
    }
    2.0 * sum + e as f64 * LN2_HI + e as f64 * LN2_LO
}

/// The logistic function, `1 / (1 + e^-z)`.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp(-z))
    } else {
        let e = exp(z);
        e / (1.0 + e)
    }
}

/// `ln(1 + e^z)`, without overflow for large `z`.
pub fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + ln(1.0 + exp(-z))
    } else {
        ln(1.0 + exp(z))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_platform_to_a_few_ulps() {
        for i in -2000..=2000 {
            let x = i as f64 * 0.173;
            let (ours, theirs) = (exp(x), x.exp());
            assert!((ours - theirs).abs() <= theirs * 1e-14, "exp({x}): {ours} vs {theirs}");
        }
        for i in 1..=4000 {
            let x = i as f64 * 0.0371 + (i * i) as f64 * 1e-3;
            let (ours, theirs) = (ln(x), x.ln());
            assert!(
                (ours - theirs).abs() <= 1e-14 * theirs.abs().max(1.0),
                "ln({x}): {ours} vs {theirs}"
            );
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
    }

    #[test]
    fn logistic_helpers_are_stable_at_the_extremes() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(800.0) == 1.0 && sigmoid(-800.0) == 0.0);
        assert!((softplus(800.0) - 800.0).abs() < 1e-9);
        assert!(softplus(-800.0) >= 0.0 && softplus(-800.0) < 1e-300);
        assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-15);
    }
}
