//! Histograms of oriented gradients (Dalal and Triggs, 2005), the
//! description of a picture the detector compares logos with.
//!
//! Why gradients and not pixels: a logo recompressed, turned to grayscale,
//! tinted or printed darker keeps its edges where they were, and unsigned
//! orientations (0–180°) do not care which side of an edge is lighter. Each
//! 4×4-pixel cell keeps how much edge it holds in each of nine directions;
//! votes are shared between neighbouring cells and directions, so a shift of
//! a pixel or a rotation of a few degrees changes the description a little,
//! not abruptly. Each cell is then divided by the edge energy around it, so
//! a faint logo on a pale flyer counts as much as a sharp one.

use super::raster::Gray;

/// Pixels per cell side.
pub const CELL: usize = 4;
/// Orientation bins over 0–180°.
pub const BINS: usize = 9;

/// Below this edge energy around a cell, what the cell holds is noise (JPEG
/// ringing, sensor grain) and is not blown up by the normalisation.
const ENERGY_FLOOR: f32 = 0.25;

/// Normalised cell histograms of a raster: `BINS` values per cell, cells row
/// by row.
#[derive(Clone, Debug)]
pub struct Cells {
    pub columns: usize,
    pub rows: usize,
    pub values: Vec<f32>,
}

impl Cells {
    #[inline]
    pub fn cell(&self, column: usize, row: usize) -> &[f32] {
        let at = (row * self.columns + column) * BINS;
        &self.values[at..at + BINS]
    }

    /// Each value the sum of a 2×2 block of cells starting there: the coarse
    /// description the search scans first. One fewer column and row.
    pub fn pooled(&self) -> Cells {
        let columns = self.columns.saturating_sub(1);
        let rows = self.rows.saturating_sub(1);
        let mut values = vec![0.0; columns * rows * BINS];
        for row in 0..rows {
            for column in 0..columns {
                let out = &mut values[(row * columns + column) * BINS..][..BINS];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    for (o, v) in out.iter_mut().zip(self.cell(column + dx, row + dy)) {
                        *o += v;
                    }
                }
            }
        }
        Cells { columns, rows, values }
    }
}

/// The cells of `image`: `width / CELL` columns, `height / CELL` rows.
pub fn cells(image: &Gray) -> Cells {
    let columns = image.width / CELL;
    let rows = image.height / CELL;
    let mut hist = vec![0.0f32; columns * rows * BINS];
    if columns == 0 || rows == 0 {
        return Cells {
            columns,
            rows,
            values: hist,
        };
    }
    let (w, h) = (image.width, image.height);
    let px = &image.pixels;
    let bins_per_radian = BINS as f32 / std::f32::consts::PI;
    // Which two cell columns (rows) a pixel votes into, and the weight of
    // the second: the same for every row (column), so worked out once.
    let split = |i: usize| {
        let f = (i as f32 + 0.5) / CELL as f32 - 0.5;
        // `f` ≥ −0.375: truncation after +1 is a floor.
        let first = (f + 1.0) as isize - 1;
        (first, f - first as f32)
    };
    let column_split: Vec<(isize, f32)> = (0..w).map(split).collect();
    for y in 1..h - 1 {
        let (row0, wy1) = split(y);
        for x in 1..w - 1 {
            let gx = px[y * w + x + 1] - px[y * w + x - 1];
            let gy = px[(y + 1) * w + x] - px[(y - 1) * w + x];
            let magnitude = (gx * gx + gy * gy).sqrt();
            if magnitude < 1e-3 {
                continue;
            }
            // Bin centres at 10°, 30°, …: `b` in −0.5..8.5.
            let b = unsigned_angle(gx, gy) * bins_per_radian - 0.5;
            let b0 = (b + 1.0) as usize;
            let wb1 = b + 1.0 - b0 as f32;
            let bin0 = (b0 + BINS - 1) % BINS;
            let bin1 = b0 % BINS;
            let (column0, wx1) = column_split[x];
            for (dy, wy) in [(0, 1.0 - wy1), (1, wy1)] {
                let row = row0 + dy;
                if row < 0 || row >= rows as isize {
                    continue;
                }
                for (dx, wx) in [(0, 1.0 - wx1), (1, wx1)] {
                    let column = column0 + dx;
                    if column < 0 || column >= columns as isize {
                        continue;
                    }
                    let vote = magnitude * wx * wy;
                    let at = (row as usize * columns + column as usize) * BINS;
                    hist[at + bin0] += vote * (1.0 - wb1);
                    hist[at + bin1] += vote * wb1;
                }
            }
        }
    }
    Cells {
        columns,
        rows,
        values: normalise(&hist, columns, rows),
    }
}

/// Divides each cell by the root of the mean energy of the 3×3 cells around
/// it, then caps values so one very strong edge cannot drown the rest.
fn normalise(hist: &[f32], columns: usize, rows: usize) -> Vec<f32> {
    let energy: Vec<f32> = hist.chunks_exact(BINS).map(|c| c.iter().map(|v| v * v).sum()).collect();
    let mut out = vec![0.0; hist.len()];
    for row in 0..rows {
        for column in 0..columns {
            let mut sum = 0.0;
            let mut count = 0.0;
            for r in row.saturating_sub(1)..(row + 2).min(rows) {
                for c in column.saturating_sub(1)..(column + 2).min(columns) {
                    sum += energy[r * columns + c];
                    count += 1.0;
                }
            }
            let scale = 1.0 / (sum / count + ENERGY_FLOOR).sqrt();
            let at = (row * columns + column) * BINS;
            for i in at..at + BINS {
                out[i] = (hist[i] * scale).min(0.6);
            }
        }
    }
    out
}

/// The orientation of a gradient in `0..π`, ignoring its sign; a polynomial
/// arctangent (error below 0.3°) is plenty for 20° bins and several times
/// faster than `atan2` in WebAssembly.
#[inline]
fn unsigned_angle(gx: f32, gy: f32) -> f32 {
    use std::f32::consts::{FRAC_PI_2, PI};
    let (gx, gy) = if gy < 0.0 { (-gx, -gy) } else { (gx, gy) };
    let ax = gx.abs();
    let (small, large) = if ax < gy { (ax, gy) } else { (gy, ax) };
    let a = small / large.max(f32::MIN_POSITIVE);
    let s = a * a;
    let mut angle = ((-0.046_496_475 * s + 0.159_314_22) * s - 0.327_622_76) * s * a + a;
    if gy > ax {
        angle = FRAC_PI_2 - angle;
    }
    if gx < 0.0 {
        angle = PI - angle;
    }
    if angle >= PI {
        0.0
    } else {
        angle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arctangent_is_close_enough() {
        for step in 0..360 {
            let t = (step as f32).to_radians();
            let (gx, gy) = (t.cos(), t.sin());
            let expected = gy.atan2(gx).rem_euclid(std::f32::consts::PI);
            let got = unsigned_angle(gx, gy);
            let error = (got - expected)
                .abs()
                .min(std::f32::consts::PI - (got - expected).abs());
            assert!(error < 0.005, "{step}°: {got} vs {expected}");
        }
    }

    #[test]
    fn a_vertical_edge_votes_for_the_horizontal_gradient() {
        let mut pixels = vec![0.0; 16 * 16];
        for y in 0..16 {
            for x in 8..16 {
                pixels[y * 16 + x] = 1.0;
            }
        }
        let cells = cells(&Gray::new(16, 16, pixels));
        assert_eq!((cells.columns, cells.rows), (4, 4));
        let edge = cells.cell(1, 1);
        let strongest = (0..BINS).max_by(|&a, &b| edge[a].total_cmp(&edge[b])).unwrap();
        // Gradient along x: orientation 0°, shared between the first and the
        // last bin (each 20° wide, centred on 10° and 170°).
        assert!(strongest == 0 || strongest == BINS - 1, "{edge:?}");
        assert!(cells.cell(0, 0).iter().sum::<f32>() < 1e-6, "a flat cell holds nothing");
    }

    #[test]
    fn contrast_changes_little_after_normalisation() {
        let step = |high: f32| {
            let mut pixels = vec![0.0; 32 * 32];
            for y in 0..32 {
                for x in 0..32 {
                    pixels[y * 32 + x] = if (x / 8 + y / 8) % 2 == 0 { high } else { 0.0 };
                }
            }
            cells(&Gray::new(32, 32, pixels))
        };
        let (strong, faint) = (step(1.0), step(0.4));
        let diff: f32 = strong
            .values
            .iter()
            .zip(&faint.values)
            .map(|(a, b)| (a - b).abs())
            .sum();
        let total: f32 = strong.values.iter().sum();
        assert!(diff / total < 0.35, "relative difference {}", diff / total);
    }
}
