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
//!
//! Then colour, where the picture has some ([`Verifier::colour`]): a
//! neighbour's arms often share the Ente's drawing and differ only in
//! tinctures (a green shield with a gold band where the Ente's is blue with
//! a red one), which luma barely tells apart. The logo is cut in a 6×6 grid;
//! in each cell the picture's mean chroma under the logo (eroded, so JPEG's
//! colour bleeding at the outline does not count) is set against the
//! fingerprint's. Two explanations are allowed, and the better one is kept:
//! the Ente's own colours under another light (the picture's chroma a
//! positive multiple of the logo's plus a colour cast), or a single-tint
//! rendering (the picture's chroma a linear function of the logo's luma:
//! grayscale, sepia, a duotone). What neither explains is the colour score's
//! shortfall, measured over the whole logo and in each of its 3×3 parts, so
//! a charge or a band in another tincture sinks its part. A picture with no
//! colour under the logo (gray, one flat tint) is not judged by colour.

use super::fingerprint::Fingerprint;
use super::raster::Gray;

/// Parts whose pixels vary less than this (a flat field of colour) say
/// nothing by correlation and are not judged on their own.
const MIN_PART_SPREAD: f32 = 0.1;
const PARTS: usize = 4;
/// Cells per side of the grid colours are compared on, and parts per side
/// (2×2 cells each) of the colour check's weakest-part score.
const COLOUR_GRID: usize = 8;
const COLOUR_PARTS: usize = 4;
/// Below this spread of chroma across the logo's cells (a standard
/// deviation, chroma in −1…1), there is no colour to compare: a gray or
/// one-tint picture, or a monochrome logo.
const MIN_COLOUR_SPREAD: f32 = 0.04;
/// How much light, JPEG and filters may scale the logo's saturation, and
/// shift its colours (chroma, −1…1), in the own-colours explanation.
const MIN_GAIN: f32 = 0.5;
const MAX_GAIN: f32 = 1.6;
const MAX_CAST: f32 = 0.08;
/// A logo point counts for colour when the logo covers every fingerprint
/// pixel this close to it.
const COLOUR_EROSION: isize = 2;

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

/// How well the picture's colours under the logo match the logo's, under
/// each explanation: the share of their variation explained over the whole
/// logo (1 at best), and in its weakest part (may fall below 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colour {
    /// (whole, weakest part) if these are the Ente's own colours under
    /// another light.
    pub own: (f32, f32),
    /// (whole, weakest part) if this is a single-tint rendering.
    pub tint: (f32, f32),
}

/// A logo point for the colour check: (u, v) from the logo's centre, blue
/// and red chroma, luma, cell of the colour grid.
type ColourPoint = (f32, f32, f32, f32, f32, usize);

/// The fingerprint's pixels inside its mask, ready to be laid over.
#[derive(Debug)]
pub struct Verifier {
    /// (u, v) from the logo's centre, value, part.
    points: Vec<(f32, f32, f32, usize)>,
    parts: Vec<PartStats>,
    whole: PartStats,
    /// Empty when the fingerprint has no colours (version 1, or a
    /// monochrome logo).
    colour_points: Vec<ColourPoint>,
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
        let colour_points = colour_points(print);
        Verifier {
            points,
            parts,
            whole,
            colour_points,
        }
    }

    /// Whether this logo is checked by colour at all.
    pub fn has_colours(&self) -> bool {
        !self.colour_points.is_empty()
    }

    /// The colour check at `pose` over chroma planes of the same raster
    /// geometry as the pose; `None` when there is nothing to judge (no
    /// colours in the fingerprint, or none in the picture under the logo).
    pub fn colour(&self, blue: &Gray, red: &Gray, pose: Pose) -> Option<Colour> {
        if self.colour_points.is_empty() {
            return None;
        }
        let (sin, cos) = pose.degrees.to_radians().sin_cos();
        // Per cell: count, picture blue and red, logo blue, red and luma.
        let mut sums = vec![[0.0f32; 6]; COLOUR_GRID * COLOUR_GRID];
        for &(u, v, b, r, l, cell) in &self.colour_points {
            let x = pose.x + pose.scale * (cos * u - sin * v);
            let y = pose.y + pose.scale * (sin * u + cos * v);
            let (Some(pb), Some(pr)) = (blue.sample(x, y), red.sample(x, y)) else {
                continue;
            };
            let s = &mut sums[cell];
            for (k, value) in [1.0, pb, pr, b, r, l].into_iter().enumerate() {
                s[k] += value;
            }
        }
        let cells: Vec<(usize, [f32; 6])> = sums
            .into_iter()
            .enumerate()
            .filter(|(_, s)| s[0] >= 3.0)
            .map(|(i, s)| {
                (
                    i,
                    [s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0], s[4] / s[0], s[5] / s[0]],
                )
            })
            .collect();
        judge_colours(&cells)
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

/// The fingerprint's points for the colour check: inside the mask and away
/// from its outline, with the logo's chroma there.
fn colour_points(print: &Fingerprint) -> Vec<ColourPoint> {
    let Some([blue, red]) = &print.chroma else {
        return Vec::new();
    };
    let (w, h) = (print.mask.width, print.mask.height);
    let inside = |x: isize, y: isize| {
        x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h && print.mask.at(x as usize, y as usize) > 0.5
    };
    let half = |plane: &Gray, x: usize, y: usize| {
        let sx = ((x as f32 + 0.5) / 2.0 - 0.5).clamp(0.0, (plane.width - 1) as f32);
        let sy = ((y as f32 + 0.5) / 2.0 - 0.5).clamp(0.0, (plane.height - 1) as f32);
        plane.sample(sx, sy).unwrap_or(0.0)
    };
    let mut points = Vec::new();
    let mut cells = vec![[0.0f32; 3]; COLOUR_GRID * COLOUR_GRID];
    for y in 0..h {
        for x in 0..w {
            let (xi, yi) = (x as isize, y as isize);
            let interior = (-COLOUR_EROSION..=COLOUR_EROSION)
                .all(|dy| (-COLOUR_EROSION..=COLOUR_EROSION).all(|dx| inside(xi + dx, yi + dy)));
            if !interior {
                continue;
            }
            let cell = (x * COLOUR_GRID / w) + COLOUR_GRID * (y * COLOUR_GRID / h);
            let (b, r) = (half(blue, x, y), half(red, x, y));
            points.push((
                x as f32 + 0.5 - w as f32 / 2.0,
                y as f32 + 0.5 - h as f32 / 2.0,
                b,
                r,
                print.luma.at(x, y),
                cell,
            ));
            cells[cell][0] += 1.0;
            cells[cell][1] += b;
            cells[cell][2] += r;
        }
    }
    // A monochrome logo has no colours to check.
    let filled: Vec<(f32, f32, f32)> = cells
        .iter()
        .filter(|c| c[0] >= 3.0)
        .map(|c| (c[0], c[1] / c[0], c[2] / c[0]))
        .collect();
    if spread(filled.iter().map(|&(n, b, r)| (n, b, r))) < MIN_COLOUR_SPREAD {
        return Vec::new();
    }
    points
}

/// Weighted standard deviation of 2-D values given as (weight, x, y).
fn spread(values: impl Iterator<Item = (f32, f32, f32)> + Clone) -> f32 {
    let (mut n, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
    for (w, x, y) in values.clone() {
        n += w;
        sx += w * x;
        sy += w * y;
    }
    if n <= 0.0 {
        return 0.0;
    }
    let (mx, my) = (sx / n, sy / n);
    let var: f32 = values
        .map(|(w, x, y)| w * ((x - mx).powi(2) + (y - my).powi(2)))
        .sum::<f32>()
        / n;
    var.sqrt()
}

/// The colour verdict from per-cell means: (cell, [count, picture blue,
/// picture red, logo blue, logo red, logo luma]).
fn judge_colours(cells: &[(usize, [f32; 6])]) -> Option<Colour> {
    let total: f32 = cells.iter().map(|(_, c)| c[0]).sum();
    if cells.len() < 4 || total <= 0.0 {
        return None;
    }
    let mean = |k: usize| cells.iter().map(|(_, c)| c[0] * c[k]).sum::<f32>() / total;
    let m: Vec<f32> = (0..6).map(|k| if k == 0 { 0.0 } else { mean(k) }).collect();
    // Centred values per cell: picture (pb, pr), logo (lb, lr), luma l.
    let centred: Vec<(usize, f32, [f32; 5])> = cells
        .iter()
        .map(|(i, c)| {
            (
                *i,
                c[0],
                [c[1] - m[1], c[2] - m[2], c[3] - m[3], c[4] - m[4], c[5] - m[5]],
            )
        })
        .collect();
    let variance = centred
        .iter()
        .map(|(_, w, c)| w * (c[0] * c[0] + c[1] * c[1]))
        .sum::<f32>()
        / total;
    if variance.sqrt() < MIN_COLOUR_SPREAD {
        return None;
    }
    // The Ente's colours under another light: picture = g·logo + cast, the
    // gain g within what light, JPEG and a site's filter do to saturation,
    // the cast (a white balance) small. A neighbour's other tincture is
    // neither, however the fit bends.
    let (mut cross, mut norm) = (0.0f32, 0.0f32);
    for (_, w, c) in &centred {
        cross += w * (c[0] * c[2] + c[1] * c[3]);
        norm += w * (c[2] * c[2] + c[3] * c[3]);
    }
    let gain = if norm > 1e-9 { cross / norm } else { 0.0 }.clamp(MIN_GAIN, MAX_GAIN);
    let (mut cast_b, mut cast_r) = (m[1] - gain * m[3], m[2] - gain * m[4]);
    let length = cast_b.hypot(cast_r);
    if length > MAX_CAST {
        cast_b *= MAX_CAST / length;
        cast_r *= MAX_CAST / length;
    }
    let own: Vec<(usize, f32, f32)> = cells
        .iter()
        .map(|(i, c)| {
            (
                *i,
                c[0],
                (c[1] - gain * c[3] - cast_b).powi(2) + (c[2] - gain * c[4] - cast_r).powi(2),
            )
        })
        .collect();
    // A single tint: picture = a·luma + b, per chroma plane.
    let luma_norm: f32 = centred.iter().map(|(_, w, c)| w * c[4] * c[4]).sum();
    let slope = |k: usize| {
        if luma_norm > 1e-9 {
            centred.iter().map(|(_, w, c)| w * c[k] * c[4]).sum::<f32>() / luma_norm
        } else {
            0.0
        }
    };
    let (sb, sr) = (slope(0), slope(1));
    let tint: Vec<(usize, f32, f32)> = centred
        .iter()
        .map(|(i, w, c)| (*i, *w, (c[0] - sb * c[4]).powi(2) + (c[1] - sr * c[4]).powi(2)))
        .collect();
    Some(Colour {
        own: scores(&own, total, variance),
        tint: scores(&tint, total, variance),
    })
}

/// The share of the colours' variation a fit explains over the whole logo
/// and in its weakest part, from per-cell (cell, weight, squared residual).
fn scores(residuals: &[(usize, f32, f32)], total: f32, variance: f32) -> (f32, f32) {
    let whole = 1.0 - residuals.iter().map(|(_, w, e)| w * e).sum::<f32>() / total / variance;
    let mut parts = [(0.0f32, 0.0f32); COLOUR_PARTS * COLOUR_PARTS];
    let per = COLOUR_GRID / COLOUR_PARTS;
    for &(i, w, e) in residuals {
        let part = (i % COLOUR_GRID) / per + COLOUR_PARTS * ((i / COLOUR_GRID) / per);
        parts[part].0 += w;
        parts[part].1 += w * e;
    }
    let weakest = parts
        .iter()
        .filter(|(w, _)| *w > 0.0)
        .map(|(w, e)| 1.0 - e / w / variance)
        .fold(whole, f32::min);
    (whole, weakest)
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
            chroma: None,
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
