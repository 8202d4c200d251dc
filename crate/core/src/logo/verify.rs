//! The last word on a candidate place: the logo's own pixels, laid over the
//! picture at the exact position, size and angle, compared by normalised
//! cross-correlation.
//!
//! Gradient histograms find the logo well but blur its details: a
//! neighbouring Comune's arms with the same shield and another crown
//! describe almost alike. Pixels do not. Normalised correlation ignores
//! brightness and contrast, so grayscale and tinted copies (which keep the
//! order of light and dark) still correlate; and it is computed per part of
//! the logo too (a 4×4 grid): a different crown or tower sinks its part's
//! correlation even when the whole still looks alike. A part that is
//! nearly flat (a field of one colour) is not judged on its own.
//!
//! Correlation needs a precise overlay, so the pose found by the search is
//! first refined by a small coordinate descent on position, size and angle.

use super::fingerprint::Fingerprint;
use super::raster::Gray;

/// Parts whose pixels vary less than this (a flat field of colour) say
/// nothing by correlation and are not judged on their own.
const MIN_PART_SPREAD: f32 = 0.1;
const PARTS: usize = 4;

/// Where the logo lies in a raster: its centre, raster pixels per
/// fingerprint pixel, and its angle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
    pub degrees: f32,
}

/// Correlations of an overlay.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Overlay {
    pub whole: f32,
    pub weakest: f32,
}

/// The fingerprint's pixels inside its mask, ready to be laid over.
#[derive(Debug)]
pub struct Verifier {
    /// (u, v) from the logo's centre, value, part.
    points: Vec<(f32, f32, f32, usize)>,
    parts: Vec<PartStats>,
    whole: PartStats,
}

#[derive(Clone, Copy, Debug, Default)]
struct PartStats {
    n: f32,
    sum: f32,
    squares: f32,
    judged: bool,
}

impl PartStats {
    fn spread(&self) -> f32 {
        (self.squares / self.n - (self.sum / self.n).powi(2)).max(0.0).sqrt()
    }
}

impl Verifier {
    pub fn new(print: &Fingerprint) -> Verifier {
        let (w, h) = (print.luma.width, print.luma.height);
        let mut points = Vec::new();
        let mut parts = vec![PartStats::default(); PARTS * PARTS];
        let mut whole = PartStats::default();
        for y in 0..h {
            for x in 0..w {
                if print.mask.at(x, y) < 0.5 {
                    continue;
                }
                let value = print.luma.at(x, y);
                let part = (x * PARTS / w) + PARTS * (y * PARTS / h);
                points.push((
                    x as f32 + 0.5 - w as f32 / 2.0,
                    y as f32 + 0.5 - h as f32 / 2.0,
                    value,
                    part,
                ));
                for stats in [&mut parts[part], &mut whole] {
                    stats.n += 1.0;
                    stats.sum += value;
                    stats.squares += value * value;
                }
            }
        }
        // Grouped by part, so a part can be compared on its own.
        points.sort_by_key(|p| p.3);
        for stats in &mut parts {
            stats.judged = stats.n >= 12.0 && stats.spread() >= MIN_PART_SPREAD;
        }
        whole.judged = true;
        Verifier { points, parts, whole }
    }

    /// The points of each part, in order (points are grouped by part).
    fn part_points(&self) -> impl Iterator<Item = (&PartStats, &[(f32, f32, f32, usize)])> {
        let mut start = 0;
        self.parts.iter().map(move |stats| {
            let end = start + stats.n as usize;
            let points = &self.points[start..end];
            start = end;
            (stats, points)
        })
    }

    /// Σ image·logo, Σ image and Σ image² over `points` laid over `image`
    /// at `pose`, moved by (`du`, `dv`) fingerprint pixels. Points falling
    /// outside the raster count as a mid-gray that matches nothing.
    fn sums(points: &[(f32, f32, f32, usize)], image: &Gray, pose: Pose, du: f32, dv: f32) -> (f32, f32, f32) {
        let (sin, cos) = pose.degrees.to_radians().sin_cos();
        let (mut cross, mut sum, mut squares) = (0.0f32, 0.0f32, 0.0f32);
        for &(u, v, t, _) in points {
            let (u, v) = (u + du, v + dv);
            let x = pose.x + pose.scale * (cos * u - sin * v);
            let y = pose.y + pose.scale * (sin * u + cos * v);
            let value = image.sample(x, y).unwrap_or(0.5);
            cross += value * t;
            sum += value;
            squares += value * value;
        }
        (cross, sum, squares)
    }

    /// The whole logo's correlation with `image` at `pose`.
    pub fn whole(&self, image: &Gray, pose: Pose) -> f32 {
        let (mut cross, mut sum, mut squares) = (0.0f32, 0.0f32, 0.0f32);
        for (_, points) in self.part_points() {
            let part = Self::sums(points, image, pose, 0.0, 0.0);
            cross += part.0;
            sum += part.1;
            squares += part.2;
        }
        correlation(&self.whole, cross, sum, squares)
    }

    /// The whole logo's correlation at `pose`, and its weakest part's, each
    /// part free to move by a pixel of the fingerprint: a residual turn or
    /// a lens's bend moves parts a little, a different crown does not come
    /// to match by moving.
    pub fn judge(&self, image: &Gray, pose: Pose) -> Overlay {
        let whole = self.whole(image, pose);
        let mut weakest = whole;
        for (stats, points) in self.part_points().filter(|(stats, _)| stats.judged) {
            let mut best = f32::MIN;
            for du in [-1.0, 0.0, 1.0] {
                for dv in [-1.0, 0.0, 1.0] {
                    let (cross, sum, squares) = Self::sums(points, image, pose, du, dv);
                    best = best.max(correlation(stats, cross, sum, squares));
                }
            }
            weakest = weakest.min(best);
        }
        Overlay { whole, weakest }
    }

    /// Moves `pose` to where the whole logo correlates best, trying steps in
    /// position, size and angle and halving them when none helps.
    pub fn refine(&self, image: &Gray, mut pose: Pose) -> Pose {
        let mut best = self.whole(image, pose);
        // Steps: position in fingerprint pixels (scaled), size ratio, degrees.
        let (mut shift, mut zoom, mut turn) = (2.0f32, 0.04f32, 2.5f32);
        for _ in 0..3 {
            let mut improved = true;
            let mut rounds = 0;
            while improved && rounds < 6 {
                improved = false;
                rounds += 1;
                let step = shift * pose.scale;
                // (dx, dy, size factor, turn)
                let moves = [
                    (step, 0.0, 1.0, 0.0),
                    (-step, 0.0, 1.0, 0.0),
                    (0.0, step, 1.0, 0.0),
                    (0.0, -step, 1.0, 0.0),
                    (0.0, 0.0, 1.0 + zoom, 0.0),
                    (0.0, 0.0, 1.0 / (1.0 + zoom), 0.0),
                    (0.0, 0.0, 1.0, turn),
                    (0.0, 0.0, 1.0, -turn),
                ];
                for (dx, dy, grow, degrees) in moves {
                    let candidate = Pose {
                        x: pose.x + dx,
                        y: pose.y + dy,
                        scale: pose.scale * grow,
                        degrees: (pose.degrees + degrees).clamp(-12.5, 12.5),
                    };
                    let whole = self.whole(image, candidate);
                    if whole > best + 1e-4 {
                        best = whole;
                        pose = candidate;
                        improved = true;
                    }
                }
            }
            shift /= 2.0;
            zoom /= 2.0;
            turn /= 2.0;
        }
        pose
    }
}

/// Pearson correlation of a part of the logo with the pixels under it.
fn correlation(stats: &PartStats, cross: f32, sum: f32, squares: f32) -> f32 {
    let n = stats.n;
    let covariance = cross - sum * stats.sum / n;
    let image_var = squares - sum * sum / n;
    let logo_var = stats.squares - stats.sum * stats.sum / n;
    if image_var <= 1e-6 || logo_var <= 1e-6 {
        0.0
    } else {
        covariance / (image_var * logo_var).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pose(x: f32, y: f32, scale: f32, degrees: f32) -> Pose {
        Pose { x, y, scale, degrees }
    }

    fn checker() -> Fingerprint {
        let (w, h) = (40, 40);
        let luma = Gray::new(
            w,
            h,
            (0..w * h)
                .map(|i| if (i % w / 10 + i / w / 10) % 2 == 0 { 0.9 } else { 0.1 })
                .collect(),
        );
        Fingerprint {
            luma,
            mask: Gray::filled(w, h, 1.0),
        }
    }

    #[test]
    fn an_exact_overlay_correlates_fully_and_survives_a_tint() {
        let print = checker();
        let verifier = Verifier::new(&print);
        let image = print.luma.padded(20);
        // The logo covers pixels 20..60, whose centres span 20.0..=59.0.
        let pose = pose(39.5, 39.5, 1.0, 0.0);
        let exact = verifier.judge(&image, pose);
        assert!(exact.whole > 0.99 && exact.weakest > 0.99, "{exact:?}");
        let tinted = Gray::new(
            image.width,
            image.height,
            image.pixels.iter().map(|v| 0.3 + v * 0.4).collect(),
        );
        assert!(verifier.whole(&tinted, pose) > 0.99);
    }

    #[test]
    fn refinement_finds_a_shifted_larger_logo() {
        let print = checker();
        let verifier = Verifier::new(&print);
        let big = print.luma.resized(48, 48).padded(30);
        // True centre (53.5, 53.5), scale 1.2; start 3 px and 10% off.
        let start = pose(57.0, 52.0, 1.1, 3.0);
        let before = verifier.whole(&big, start);
        let pose = verifier.refine(&big, start);
        let after = verifier.whole(&big, pose);
        assert!(
            after > 0.9 && after > before + 0.2,
            "{before:?} → {after:?} at {pose:?}"
        );
        assert!(
            (pose.x - 53.5).abs() < 1.5 && (pose.scale - 1.2).abs() < 0.05,
            "{pose:?}"
        );
    }
}
