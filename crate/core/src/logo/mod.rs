//! Finds the Ente's logo in a picture: the policy forbids the Ente's logo on
//! personal profiles and posts (doc. 003, "no logo del Comune nei propri
//! profili personali"; doc. 004).
//!
//! The core receives pixels, never files: the extension lets the browser
//! decode and shrink the picture, the command line decodes it with the
//! `image` crate, so no image codec runs here. Pixels arrive as RGBA (or
//! as 8-bit luma, when colour is not to be checked).
//!
//! How the search works, and why:
//!
//! 1. The picture is shrunk so its shorter side is [`WORKING_SIDE`] pixels
//!    and it holds at most [`WORKING_PIXELS`] ([`working_size`]).
//!    A logo that matters covers at least 15% of that side, so it is at
//!    least ~50 pixels there: enough to tell coats of arms apart, and a
//!    12-megapixel photo costs no more than a small one. A picture longer
//!    than [`MAX_ASPECT`] times its width (a 20,000×1 strip: shrinking its
//!    one-pixel side to 344 would make gigapixels of it) is refused.
//! 2. A pyramid of copies, each 12% smaller, brings the logo, whatever its
//!    size, to about [`hog::CELL`]·12 pixels in one of them; each copy is
//!    described by gradient histograms ([`hog`]), which survive JPEG,
//!    grayscale, tints and small shifts.
//! 3. A coarse pass slides the logo's description, with 2×2 cells pooled,
//!    over every copy; the best places (a few dozen) are then compared at
//!    full resolution, one level up and down, one cell around, and with the
//!    logo turned by −10° to +10°.
//!    Only the cells the logo covers (its mask) count, so the photo around
//!    a logo does not count against it.
//! 4. The best few places get the last word from the logo's own pixels
//!    ([`verify`]): laid over the picture at a refined position, size and
//!    angle, they must correlate as a whole and in every part. Gradients
//!    find; pixels decide, because only pixels tell the Ente's coat of arms
//!    from a neighbour's with the same shield and another crown. The
//!    thresholds, [`Accept::DEFAULT`], were set on the synthetic corpus
//!    (`tests/logos/`).
//! 5. Where the picture is in colour and the fingerprint has colours
//!    (version 2), the logo's tinctures are compared part by part
//!    ([`verify::Verifier::colour`]): a neighbour's arms with the same
//!    drawing in other tinctures are not the Ente's, while a gray or
//!    single-tint rendering of the Ente's still is.

pub mod fingerprint;
pub mod hog;
pub mod raster;
pub mod verify;

pub use fingerprint::{Fingerprint, FingerprintError};
pub use raster::{chroma_from_rgba, luma_from_rgba, Gray};

use hog::{Cells, BINS, CELL};
use serde::Serialize;
use verify::{Colour, Overlay, Pose, Verifier};

/// The fingerprint of the demo Comune's coat of arms, drawn for Riserbo
/// (`icons/stemma-esempio.svg`), made with `riserbo logo fingerprint`: the
/// default policy looks for it.
pub const DEMO_FINGERPRINT: &str = include_str!("demo-fingerprint.txt");

/// Shorter side, in pixels, of the picture the search runs on. The
/// extension shrinks pictures to this size itself before handing them over.
pub const WORKING_SIDE: usize = 344;
/// Most pixels of the picture the search runs on (344 × 1,376): a panorama
/// is shrunk below [`WORKING_SIDE`] rather than searched at gigapixels.
pub const WORKING_PIXELS: usize = 344 * 1376;
/// Longest side over shortest side beyond which a picture is refused: the
/// search's cost grows with this ratio, and no logo worth finding fills a
/// strip. 8:1 keeps banners (3:1, 4:1) and phone panoramas.
pub const MAX_ASPECT: u32 = 8;
/// Pictures larger than this are refused before decoding: a decompression
/// bomb must not take the memory of the browser's tab.
pub const MAX_PIXELS: u64 = 50_000_000;
pub const MAX_SIDE: u32 = 20_000;
/// Smallest logo looked for, as a share of the picture's shorter side.
pub const MIN_SHARE: f32 = 0.14;
/// When a place is the Ente's logo: the correlation over the whole logo
/// (−1…1), and the weakest correlation over its parts (the logo cut in a
/// 4×4 grid). The second is what tells a coat of arms from its neighbour's:
/// same shield, same tower, another crown fails in one part only.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accept {
    pub score: f32,
    pub parts: f32,
    /// The colour check's floors (shares of the colours' variation
    /// explained, see [`verify::Verifier::colour`]), over the whole logo
    /// and its weakest part: as the Ente's own colours under another light,
    /// or else as a single-tint rendering, which must fit closer. Not
    /// applied where the picture or the fingerprint has no colour.
    pub colour: f32,
    pub colour_parts: f32,
    pub tint: f32,
    pub tint_parts: f32,
}

impl Accept {
    /// Set on the development corpus (`tests/logos/`, seed 1); the test
    /// command measures a corpus made with another seed.
    pub const DEFAULT: Accept = Accept {
        score: 0.7,
        parts: 0.65,
        colour: 0.5,
        colour_parts: 0.7,
        tint: 0.9,
        tint_parts: 0.6,
    };
}

/// Longer side, in pixels, of the logo in the pyramid level that finds it.
const LOGO_PIXELS: f32 = 46.0;
/// Ratio between pyramid levels.
const LEVEL_STEP: f32 = 1.12;
/// Coarse score from which a place is looked at closely.
const COARSE_SCORE: f32 = 0.30;
/// Places looked at closely, per logo.
const CANDIDATES: usize = 24;
/// Gradient score from which a place goes to the pixel comparison.
const HOG_SCORE: f32 = 0.45;
/// Places compared pixel by pixel, per logo, best gradient scores first.
const VERIFIED: usize = 4;
const ROTATIONS: [f32; 5] = [-10.0, -5.0, 0.0, 5.0, 10.0];

/// Why a picture cannot be checked.
#[derive(Debug, PartialEq, Eq)]
pub enum ImageError {
    /// Width or height is zero, or the pixels do not fill them.
    Malformed,
    /// Larger than [`MAX_PIXELS`] or [`MAX_SIDE`].
    TooLarge { width: u32, height: u32 },
    /// One side more than [`MAX_ASPECT`] times the other.
    Elongated { width: u32, height: u32 },
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Malformed => f.write_str("the picture's pixels do not match its size"),
            ImageError::TooLarge { width, height } => write!(
                f,
                "the picture is {width}×{height} pixels: above {} megapixels or {MAX_SIDE} pixels a side it is not checked",
                MAX_PIXELS / 1_000_000
            ),
            ImageError::Elongated { width, height } => write!(
                f,
                "immagine di {width}×{height} pixel, troppo allungata (un lato oltre {MAX_ASPECT} volte l'altro): il logo non vi viene cercato"
            ),
        }
    }
}

impl std::error::Error for ImageError {}

/// Refuses sizes no supported site accepts, before anything is decoded.
pub fn check_dimensions(width: u32, height: u32) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::Malformed);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge { width, height });
    }
    if width.max(height) > width.min(height).saturating_mul(MAX_ASPECT) {
        return Err(ImageError::Elongated { width, height });
    }
    Ok(())
}

/// The size a picture is searched at: its shorter side at most
/// [`WORKING_SIDE`], its area at most [`WORKING_PIXELS`], never enlarged.
/// The extension computes the same before handing pixels over.
pub fn working_size(width: usize, height: usize) -> (usize, usize) {
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    let scale = (WORKING_SIDE as f64 / w.min(h))
        .min((WORKING_PIXELS as f64 / (w * h)).sqrt())
        .min(1.0);
    (
        ((w * scale).round() as usize).max(1),
        ((h * scale).round() as usize).max(1),
    )
}

/// Where a logo was found, in the pixels of the picture as given.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogoMatch {
    /// Which fingerprint of the policy matched (0 for the first).
    pub logo: usize,
    pub score: f32,
    /// The weakest part's correlation (see [`Accept`]).
    pub parts: f32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The colour check's scores when it ran: whole logo and weakest part
    /// as the Ente's own colours, then as a single tint (see [`Accept`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour: Option<[f32; 4]>,
}

/// The Ente's logos, ready to be looked for.
#[derive(Debug, Default)]
pub struct LogoDetector {
    templates: Vec<Template>,
}

impl LogoDetector {
    pub fn new(fingerprints: &[Fingerprint]) -> LogoDetector {
        LogoDetector {
            templates: fingerprints
                .iter()
                .enumerate()
                .map(|(i, f)| Template::new(i, f))
                .collect(),
        }
    }

    /// The logos in a picture given as 8-bit luma, best match first.
    pub fn detect_luma(&self, width: usize, height: usize, luma: &[u8]) -> Result<Vec<LogoMatch>, ImageError> {
        self.detect_luma_with(width, height, luma, Accept::DEFAULT)
    }

    /// As [`LogoDetector::detect_luma`], with other thresholds: for tuning
    /// and for the corpus reports.
    pub fn detect_luma_with(
        &self,
        width: usize,
        height: usize,
        luma: &[u8],
        accept: Accept,
    ) -> Result<Vec<LogoMatch>, ImageError> {
        if luma.len() != width * height {
            return Err(ImageError::Malformed);
        }
        self.detect_pixels_with(width, height, luma, accept)
    }

    /// The logos in a picture given as RGBA (four bytes a pixel) or as
    /// 8-bit luma (one byte a pixel, no colour check), best match first.
    pub fn detect_pixels_with(
        &self,
        width: usize,
        height: usize,
        pixels: &[u8],
        accept: Accept,
    ) -> Result<Vec<LogoMatch>, ImageError> {
        check_dimensions(
            u32::try_from(width).unwrap_or(u32::MAX),
            u32::try_from(height).unwrap_or(u32::MAX),
        )?;
        let rgba = match pixels.len() {
            n if n == width * height => false,
            n if n == width * height * 4 => true,
            _ => return Err(ImageError::Malformed),
        };
        if self.templates.is_empty() {
            return Ok(Vec::new());
        }
        let target = working_size(width, height);
        // Shrink in 8 bits first where the picture is large, so a 12 MP
        // photo never exists as floats.
        let (image, chroma) = if rgba {
            let luma = luma_from_rgba(pixels);
            let image = shrink8(width, height, &luma, target);
            drop(luma);
            let (blue, red) = chroma_from_rgba(pixels);
            let planes = [
                shrink8(width, height, &blue, target),
                shrink8(width, height, &red, target),
            ];
            (image, Some(planes))
        } else {
            (shrink8(width, height, pixels, target), None)
        };
        // Back to chroma values (gray 0.0); a gray picture has none.
        let chroma = chroma.map(|planes| {
            planes.map(|plane| Gray {
                pixels: plane.pixels.iter().map(|v| (v * 255.0 - 128.0) / 127.5).collect(),
                ..plane
            })
        });
        let chroma = chroma.filter(|planes| planes.iter().any(|p| p.pixels.iter().any(|v| v.abs() > 0.02)));
        let scale_back = width as f32 / image.width as f32;
        let mut found = self.detect_coloured(&image, chroma.as_ref(), accept);
        for m in &mut found {
            m.x = (m.x as f32 * scale_back) as u32;
            m.y = (m.y as f32 * scale_back) as u32;
            m.width = (m.width as f32 * scale_back) as u32;
            m.height = (m.height as f32 * scale_back) as u32;
        }
        Ok(found)
    }

    /// The logos in a picture already at or below the working size.
    pub fn detect(&self, image: &Gray, accept: Accept) -> Vec<LogoMatch> {
        self.detect_coloured(image, None, accept)
    }

    /// As [`LogoDetector::detect`], with the picture's chroma planes (blue,
    /// red; see [`chroma_from_rgba`]) at the same size for the colour check.
    pub fn detect_coloured(&self, image: &Gray, chroma: Option<&[Gray; 2]>, accept: Accept) -> Vec<LogoMatch> {
        let pyramid = Pyramid::new(image, chroma);
        let mut found = Vec::new();
        for template in &self.templates {
            if let Some(best) = template.search(&pyramid, accept) {
                found.push(best);
            }
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        found
    }
}

/// Shrinks an 8-bit plane to `target` (from [`working_size`]), averaging
/// whole blocks of pixels first (cheap, in integers) and finishing with an
/// exact area average.
fn shrink8(width: usize, height: usize, luma: &[u8], target: (usize, usize)) -> Gray {
    if target == (width, height) {
        return Gray::from_luma8(width, height, luma);
    }
    let block = (width / target.0).min(height / target.1).max(1);
    let (bw, bh) = (width / block, height / block);
    let mut pixels = Vec::with_capacity(bw * bh);
    let area = (block * block) as f32 * 255.0;
    for by in 0..bh {
        let mut row = vec![0u32; bw];
        for y in by * block..(by + 1) * block {
            let line = &luma[y * width..y * width + bw * block];
            for (bx, chunk) in line.chunks_exact(block).enumerate() {
                row[bx] += chunk.iter().map(|&v| u32::from(v)).sum::<u32>();
            }
        }
        pixels.extend(row.iter().map(|&s| s as f32 / area));
    }
    Gray::new(bw, bh, pixels).resized(target.0, target.1)
}

/// The picture at every size the logo is looked for at.
struct Pyramid {
    levels: Vec<Level>,
    /// Pixels added around the picture (see [`Gray::padded`]).
    margin: usize,
    /// The picture's chroma planes, padded likewise.
    chroma: Option<[Gray; 2]>,
}

struct Level {
    /// Level pixels per picture pixel.
    scale: f32,
    image: Gray,
    cells: Cells,
    pooled: Cells,
}

impl Pyramid {
    fn new(image: &Gray, chroma: Option<&[Gray; 2]>) -> Pyramid {
        let short = image.width.min(image.height) as f32;
        // No logo is looked for beyond three times the shorter side: in a
        // long picture that bounds the levels and the margin.
        let long = (image.width.max(image.height) as f32).min(3.0 * short);
        let margin = (long * 0.06).ceil() as usize + CELL;
        let padded = image.padded(margin);
        let mut levels = Vec::new();
        let mut logo = (short * MIN_SHARE).max(16.0);
        while logo <= long * 1.05 {
            let scale = LOGO_PIXELS / logo;
            let width = (padded.width as f32 * scale).round() as usize;
            let height = (padded.height as f32 * scale).round() as usize;
            // Shrink from the smallest level still at least twice as large:
            // as exact as shrinking the picture itself, a fraction of the work.
            let source = levels
                .iter()
                .rev()
                .find(|level: &&Level| level.scale <= 1.0 && level.scale >= 2.0 * scale)
                .map_or(&padded, |level| &level.image);
            let image = source.resized(width, height);
            let cells = hog::cells(&image);
            let pooled = cells.pooled();
            levels.push(Level {
                scale,
                image,
                cells,
                pooled,
            });
            logo *= LEVEL_STEP;
        }
        let chroma = chroma.map(|planes| planes.each_ref().map(|p| p.padded(margin)));
        Pyramid { levels, margin, chroma }
    }
}

/// One logo, described at the size and angles the search compares.
#[derive(Debug)]
struct Template {
    index: usize,
    /// Window size in cells (even, so 2×2 pooling tiles it).
    columns: usize,
    rows: usize,
    coarse: Descriptor,
    /// One per angle of [`ROTATIONS`].
    fine: Vec<Descriptor>,
    verifier: Verifier,
    /// Level pixels per fingerprint pixel in the level that finds the logo.
    drawn_scale: f32,
    /// The fingerprint's size in pixels.
    size: (f32, f32),
}

/// Which cells of a window count, and the logo's values there, centred and
/// scaled to unit length so that a dot product is a correlation.
#[derive(Debug)]
struct Descriptor {
    cells: Vec<(usize, usize)>,
    weights: Vec<f32>,
}

impl Descriptor {
    fn new(grid: &Cells, used: &[bool]) -> Descriptor {
        let mut cells = Vec::new();
        let mut weights = Vec::new();
        for row in 0..grid.rows {
            for column in 0..grid.columns {
                if used[row * grid.columns + column] {
                    cells.push((column, row));
                    weights.extend_from_slice(grid.cell(column, row));
                }
            }
        }
        let mean = weights.iter().sum::<f32>() / weights.len().max(1) as f32;
        for w in &mut weights {
            *w -= mean;
        }
        let norm = weights.iter().map(|w| w * w).sum::<f32>().sqrt().max(1e-6);
        for w in &mut weights {
            *w /= norm;
        }
        Descriptor { cells, weights }
    }

    /// Correlation with the window of `grid` whose first cell is at
    /// (`column`, `row`), its cells `stride` apart.
    #[inline]
    fn score(&self, grid: &Cells, column: usize, row: usize, stride: usize) -> f32 {
        let (mut dot, mut sum, mut squares) = (0.0f32, 0.0f32, 0.0f32);
        for (k, &(c, r)) in self.cells.iter().enumerate() {
            let values = grid.cell(column + c * stride, row + r * stride);
            let weights = &self.weights[k * BINS..(k + 1) * BINS];
            for b in 0..BINS {
                let v = values[b];
                dot += weights[b] * v;
                sum += v;
                squares += v * v;
            }
        }
        let n = self.weights.len() as f32;
        let variance = squares - sum * sum / n;
        if variance <= 1e-6 {
            0.0
        } else {
            dot / variance.sqrt()
        }
    }
}

impl Template {
    fn new(index: usize, print: &Fingerprint) -> Template {
        let (w, h) = (print.luma.width as f32, print.luma.height as f32);
        let scale = LOGO_PIXELS / w.max(h);
        let columns = 2 * ((w * scale / (2 * CELL) as f32).ceil() as usize).max(1);
        let rows = 2 * ((h * scale / (2 * CELL) as f32).ceil() as usize).max(1);
        let pad = background_for(print);
        let mut fine = Vec::new();
        let mut coarse = None;
        for degrees in ROTATIONS {
            let (drawing, used) = draw(print, columns, rows, scale, degrees, pad);
            let cells = hog::cells(&drawing);
            if degrees == 0.0 {
                // Pool the 2×2 blocks that tile the window.
                let pooled_all = cells.pooled();
                let (pc, pr) = (columns / 2, rows / 2);
                let mut values = Vec::with_capacity(pc * pr * BINS);
                let mut pooled_used = Vec::with_capacity(pc * pr);
                for r in 0..pr {
                    for c in 0..pc {
                        values.extend_from_slice(pooled_all.cell(2 * c, 2 * r));
                        pooled_used.push(
                            used[2 * r * columns + 2 * c]
                                || used[2 * r * columns + 2 * c + 1]
                                || used[(2 * r + 1) * columns + 2 * c]
                                || used[(2 * r + 1) * columns + 2 * c + 1],
                        );
                    }
                }
                let grid = Cells {
                    columns: pc,
                    rows: pr,
                    values,
                };
                coarse = Some(Descriptor::new(&grid, &pooled_used));
            }
            fine.push(Descriptor::new(&cells, &used));
        }
        Template {
            index,
            columns,
            rows,
            coarse: coarse.expect("0° is among the rotations"),
            fine,
            verifier: Verifier::new(print),
            drawn_scale: scale,
            size: (w, h),
        }
    }

    fn search(&self, pyramid: &Pyramid, accept: Accept) -> Option<LogoMatch> {
        // Coarse pass: every place of every level.
        let mut candidates: Vec<(f32, usize, usize, usize)> = Vec::new();
        for (l, level) in pyramid.levels.iter().enumerate() {
            let grid = &level.pooled;
            // A window spans `columns` cells: pooled cells 0, 2, …, columns − 2.
            if grid.columns + 1 < self.columns || grid.rows + 1 < self.rows {
                continue;
            }
            for row in 0..=grid.rows + 1 - self.rows {
                for column in 0..=grid.columns + 1 - self.columns {
                    let score = self.coarse.score(grid, column, row, 2);
                    if score >= COARSE_SCORE {
                        candidates.push((score, l, column, row));
                    }
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        // The best places that do not overlap a better one, with their area.
        let mut kept: Vec<((f32, usize, usize, usize), Rect)> = Vec::new();
        for candidate in candidates {
            if kept.len() == CANDIDATES {
                break;
            }
            let area = self.area(pyramid, candidate.1, candidate.2, candidate.3);
            if kept.iter().all(|(_, other)| overlap(*other, area) < 0.5) {
                kept.push((candidate, area));
            }
        }
        // Fine pass around each kept place: the best level, cell and angle.
        let mut poses: Vec<(f32, usize, usize, usize, usize)> = Vec::new();
        for &((_, l, column, row), _) in &kept {
            let (x, y) = (
                column as f32 / pyramid.levels[l].scale,
                row as f32 / pyramid.levels[l].scale,
            );
            let mut best: Option<(f32, usize, usize, usize, usize)> = None;
            for nl in l.saturating_sub(1)..(l + 2).min(pyramid.levels.len()) {
                let level = &pyramid.levels[nl];
                let (cx, cy) = ((x * level.scale).round() as isize, (y * level.scale).round() as isize);
                for dy in -1..=1isize {
                    for dx in -1..=1isize {
                        let (c, r) = (cx + dx, cy + dy);
                        if c < 0
                            || r < 0
                            || c as usize + self.columns > level.cells.columns
                            || r as usize + self.rows > level.cells.rows
                        {
                            continue;
                        }
                        let (c, r) = (c as usize, r as usize);
                        for (turn, descriptor) in self.fine.iter().enumerate() {
                            let score = descriptor.score(&level.cells, c, r, 1);
                            if best.is_none_or(|b| score > b.0) {
                                best = Some((score, nl, c, r, turn));
                            }
                        }
                    }
                }
            }
            poses.extend(best.filter(|b| b.0 >= HOG_SCORE));
        }
        poses.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Last word: the logo's pixels over the best few places.
        let mut best: Option<(Overlay, usize, Pose)> = None;
        for &(_, l, column, row, turn) in poses.iter().take(VERIFIED) {
            // Compare where the logo is about [`fingerprint::SIDE`] pixels:
            // its detail is all there, and nothing is lost to shrinking.
            let k = l.saturating_sub(3);
            let ratio = pyramid.levels[k].scale / pyramid.levels[l].scale;
            // Pixel edges to pixel centres (see `Gray::sample`): −0.5.
            let centre = |cell: usize, cells: usize| ((cell * CELL) as f32 + (cells * CELL) as f32 / 2.0) * ratio - 0.5;
            let start = Pose {
                x: centre(column, self.columns),
                y: centre(row, self.rows),
                scale: self.drawn_scale * ratio,
                degrees: ROTATIONS[turn],
            };
            let pose = self.verifier.refine(&pyramid.levels[k].image, start);
            let overlay = self.verifier.judge(&pyramid.levels[k].image, pose);
            if best
                .as_ref()
                .is_none_or(|b| overlay.whole + overlay.weakest > b.0.whole + b.0.weakest)
            {
                best = Some((overlay, k, pose));
            }
        }
        let (overlay, k, pose) = best?;
        if overlay.whole < accept.score || overlay.weakest < accept.parts {
            return None;
        }
        let colour = self.colour(pyramid, k, pose);
        let own_colours = |c: &Colour| c.own.0 >= accept.colour && c.own.1 >= accept.colour_parts;
        let one_tint = |c: &Colour| c.tint.0 >= accept.tint && c.tint.1 >= accept.tint_parts;
        if colour.is_some_and(|c| !own_colours(&c) && !one_tint(&c)) {
            return None;
        }
        let scale = pyramid.levels[k].scale;
        let (w, h) = (self.size.0 * pose.scale / scale, self.size.1 * pose.scale / scale);
        let (x, y) = (
            (pose.x + 0.5) / scale - pyramid.margin as f32 - w / 2.0,
            (pose.y + 0.5) / scale - pyramid.margin as f32 - h / 2.0,
        );
        Some(LogoMatch {
            logo: self.index,
            score: overlay.whole,
            parts: overlay.weakest,
            x: x.max(0.0) as u32,
            y: y.max(0.0) as u32,
            width: w as u32,
            height: h as u32,
            colour: colour.map(|c| [c.own.0, c.own.1, c.tint.0, c.tint.1]),
        })
    }

    /// The colour check at a pose of level `k`, on the picture's chroma
    /// (kept at the working size, padded like the levels).
    fn colour(&self, pyramid: &Pyramid, k: usize, pose: Pose) -> Option<Colour> {
        let [blue, red] = pyramid.chroma.as_ref()?;
        if !self.verifier.has_colours() {
            return None;
        }
        let level = &pyramid.levels[k].image;
        let (rx, ry) = (
            blue.width as f32 / level.width as f32,
            blue.height as f32 / level.height as f32,
        );
        let at = Pose {
            x: (pose.x + 0.5) * rx - 0.5,
            y: (pose.y + 0.5) * ry - 0.5,
            scale: pose.scale * (rx + ry) / 2.0,
            degrees: pose.degrees,
        };
        self.verifier.colour(blue, red, at)
    }

    /// The window at a level's cell position, in picture pixels.
    fn area(&self, pyramid: &Pyramid, level: usize, column: usize, row: usize) -> Rect {
        let scale = pyramid.levels[level].scale;
        let to_picture = |cells: usize| (cells * CELL) as f32 / scale;
        (
            to_picture(column) - pyramid.margin as f32,
            to_picture(row) - pyramid.margin as f32,
            to_picture(self.columns),
            to_picture(self.rows),
        )
    }
}

/// A rectangle in picture pixels: x, y, width, height.
type Rect = (f32, f32, f32, f32);

/// Intersection over union of two rectangles.
fn overlap(a: Rect, b: Rect) -> f32 {
    let w = (a.0 + a.2).min(b.0 + b.2) - a.0.max(b.0);
    let h = (a.1 + a.3).min(b.1 + b.3) - a.1.max(b.1);
    if w <= 0.0 || h <= 0.0 {
        return 0.0;
    }
    let inter = w * h;
    inter / (a.2 * a.3 + b.2 * b.3 - inter)
}

/// What to draw around the logo in its templates: the opposite of its rim,
/// so the outline always makes an edge (whichever way, since orientations
/// are unsigned).
fn background_for(print: &Fingerprint) -> f32 {
    let (w, h) = (print.mask.width, print.mask.height);
    let inside = |x: isize, y: isize| {
        x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h && print.mask.at(x as usize, y as usize) > 0.5
    };
    let (mut sum, mut count) = (0.0, 0.0);
    for y in 0..h as isize {
        for x in 0..w as isize {
            if inside(x, y) && !(inside(x - 1, y) && inside(x + 1, y) && inside(x, y - 1) && inside(x, y + 1)) {
                sum += print.luma.at(x as usize, y as usize);
                count += 1.0;
            }
        }
    }
    if count > 0.0 && sum / count > 0.5 {
        0.0
    } else {
        1.0
    }
}

/// Draws the logo centred in a window of `columns` × `rows` cells, scaled by
/// `scale` and turned by `degrees`; also says which cells it touches.
fn draw(print: &Fingerprint, columns: usize, rows: usize, scale: f32, degrees: f32, pad: f32) -> (Gray, Vec<bool>) {
    let (w, h) = (columns * CELL, rows * CELL);
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (tx, ty) = (print.luma.width as f32 / 2.0, print.luma.height as f32 / 2.0);
    let mut pixels = Vec::with_capacity(w * h);
    let mut coverage = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            // Inverse rotation, then back to thumbnail pixels.
            let u = (cos * dx + sin * dy) / scale + tx - 0.5;
            let v = (-sin * dx + cos * dy) / scale + ty - 0.5;
            let m = print.mask.sample(u, v).unwrap_or(0.0);
            let value = print.luma.sample(u, v).unwrap_or(pad);
            pixels.push(m * value + (1.0 - m) * pad);
            coverage.push(m);
        }
    }
    // A cell counts when the logo reaches within two pixels of it: the
    // outline's edge falls there.
    let mut used = vec![false; columns * rows];
    for row in 0..rows {
        for column in 0..columns {
            let y0 = (row * CELL).saturating_sub(2);
            let x0 = (column * CELL).saturating_sub(2);
            let touched = (y0..((row + 1) * CELL + 2).min(h))
                .any(|y| (x0..((column + 1) * CELL + 2).min(w)).any(|x| coverage[y * w + x] > 0.5));
            used[row * columns + column] = touched;
        }
    }
    (Gray::new(w, h, pixels), used)
}

#[cfg(test)]
mod tests;
