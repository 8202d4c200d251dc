//! Grayscale rasters and the three resamplings the detector needs: area
//! averaging to shrink a picture, bilinear sampling to enlarge it, and an
//! affine warp to draw a logo rotated.
//!
//! The search works on luma in `0.0..=1.0`: the logo must be found in
//! grayscale and tinted copies too, and the shapes (outline, crown, tower)
//! carry what tells one coat of arms from another. Colour comes back only at
//! the end, as two chroma planes ([`chroma_from_rgba`]), to tell the Ente's
//! tinctures from a neighbour's (see [`super::verify`]).

/// A grayscale picture, row by row, values in `0.0..=1.0`.
#[derive(Clone, Debug, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f32>,
}

impl Gray {
    pub fn new(width: usize, height: usize, pixels: Vec<f32>) -> Gray {
        assert_eq!(pixels.len(), width * height, "a raster needs width × height pixels");
        Gray { width, height, pixels }
    }

    pub fn filled(width: usize, height: usize, value: f32) -> Gray {
        Gray::new(width, height, vec![value; width * height])
    }

    /// From 8-bit luma, one byte per pixel.
    pub fn from_luma8(width: usize, height: usize, luma: &[u8]) -> Gray {
        Gray::new(width, height, luma.iter().map(|&v| f32::from(v) / 255.0).collect())
    }

    #[inline]
    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.pixels[y * self.width + x]
    }

    /// Bilinear sample at a real position, `None` outside the raster.
    pub fn sample(&self, x: f32, y: f32) -> Option<f32> {
        if x < 0.0 || y < 0.0 || x > (self.width - 1) as f32 || y > (self.height - 1) as f32 {
            return None;
        }
        let (x0, y0) = (x as usize, y as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let top = self.at(x0, y0) * (1.0 - fx) + self.at(x1, y0) * fx;
        let bottom = self.at(x0, y1) * (1.0 - fx) + self.at(x1, y1) * fx;
        Some(top * (1.0 - fy) + bottom * fy)
    }

    /// The picture at a new size: area average when shrinking (every source
    /// pixel counts, so thin strokes survive), bilinear when enlarging.
    pub fn resized(&self, width: usize, height: usize) -> Gray {
        let width = width.max(1);
        let height = height.max(1);
        if width == self.width && height == self.height {
            return self.clone();
        }
        if width <= self.width && height <= self.height {
            let rows = shrink_axis(&self.pixels, self.width, self.height, width, true);
            let pixels = shrink_axis(&rows, width, self.height, height, false);
            return Gray::new(width, height, pixels);
        }
        let sx = self.width as f32 / width as f32;
        let sy = self.height as f32 / height as f32;
        let mut pixels = Vec::with_capacity(width * height);
        for y in 0..height {
            let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (self.height - 1) as f32);
            for x in 0..width {
                let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (self.width - 1) as f32);
                pixels.push(self.sample(fx, fy).unwrap_or(0.0));
            }
        }
        Gray::new(width, height, pixels)
    }

    /// The picture with `margin` pixels added on every side, repeating the
    /// edge: a logo that touches the border of its picture still fits in the
    /// detector's window.
    pub fn padded(&self, margin: usize) -> Gray {
        let width = self.width + 2 * margin;
        let height = self.height + 2 * margin;
        let mut pixels = Vec::with_capacity(width * height);
        for y in 0..height {
            let sy = y.saturating_sub(margin).min(self.height - 1);
            for x in 0..width {
                let sx = x.saturating_sub(margin).min(self.width - 1);
                pixels.push(self.at(sx, sy));
            }
        }
        Gray::new(width, height, pixels)
    }
}

/// Area-average resampling along one axis (`horizontal`, or else vertical)
/// from `from` to `to` samples, `to <= from`. The weights of each output
/// sample are worked out once and applied to whole rows, so the vertical
/// pass reads memory in order.
fn shrink_axis(src: &[f32], width: usize, height: usize, to: usize, horizontal: bool) -> Vec<f32> {
    let from = if horizontal { width } else { height };
    let ratio = from as f32 / to as f32;
    let weights: Vec<Vec<(usize, f32)>> = (0..to)
        .map(|i| {
            let start = i as f32 * ratio;
            let end = start + ratio;
            (start as usize..(end.ceil() as usize).min(from))
                .map(|j| (j, (end.min(j as f32 + 1.0) - start.max(j as f32)).max(0.0) / ratio))
                .filter(|&(_, w)| w > 0.0)
                .collect()
        })
        .collect();
    if horizontal {
        let mut out = Vec::with_capacity(to * height);
        for row in src.chunks_exact(width) {
            out.extend(
                weights
                    .iter()
                    .map(|taps| taps.iter().map(|&(j, w)| row[j] * w).sum::<f32>()),
            );
        }
        out
    } else {
        let mut out = vec![0.0; width * to];
        for (i, taps) in weights.iter().enumerate() {
            let target = &mut out[i * width..(i + 1) * width];
            for &(j, w) in taps {
                for (t, v) in target.iter_mut().zip(&src[j * width..(j + 1) * width]) {
                    *t += v * w;
                }
            }
        }
        out
    }
}

/// 8-bit luma of RGBA pixels, composited over white (a transparent PNG shows
/// on a white page), with the sRGB weights of ITU-R BT.709. The extension
/// computes the same numbers in JavaScript before handing pixels over.
pub fn luma_from_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| {
            let luma = (2126 * u32::from(p[0]) + 7152 * u32::from(p[1]) + 722 * u32::from(p[2]) + 5000) / 10000;
            let alpha = u32::from(p[3]);
            ((luma * alpha + 255 * (255 - alpha) + 127) / 255) as u8
        })
        .collect()
}

/// The two chroma planes of RGBA pixels, composited over white like
/// [`luma_from_rgba`]: blue minus luma and red minus luma (as in Y′CbCr,
/// unscaled), each stored as `128 + 127.5·c`, so 128 is gray. A brighter or
/// duller light scales both; a colour cast shifts them.
pub fn chroma_from_rgba(rgba: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let n = rgba.len() / 4;
    let (mut blue, mut red) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for p in rgba.chunks_exact(4) {
        let alpha = f32::from(p[3]) / 255.0;
        let over = |c: u8| (f32::from(c) * alpha + 255.0 * (1.0 - alpha)) / 255.0;
        let (r, g, b) = (over(p[0]), over(p[1]), over(p[2]));
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        blue.push(chroma_byte(b - y));
        red.push(chroma_byte(r - y));
    }
    (blue, red)
}

/// A chroma value (−1…1) as a byte, 128 for gray.
pub fn chroma_byte(c: f32) -> u8 {
    (128.0 + 127.5 * c).round().clamp(0.0, 255.0) as u8
}

/// A chroma plane's bytes back as values, 0.0 for gray.
pub fn chroma_plane(width: usize, height: usize, bytes: &[u8]) -> Gray {
    Gray::new(
        width,
        height,
        bytes.iter().map(|&v| (f32::from(v) - 128.0) / 127.5).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chroma_is_gray_for_grays_and_signed_for_colours() {
        let (blue, red) = chroma_from_rgba(&[10, 10, 10, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0]);
        assert_eq!(blue[0], 128);
        assert_eq!(red[0], 128);
        assert!(red[1] > 200 && blue[1] < 128, "red: {} {}", blue[1], red[1]);
        assert!(blue[2] > 200 && red[2] < 128, "blue: {} {}", blue[2], red[2]);
        // Transparent shows the white page: gray.
        assert_eq!((blue[3], red[3]), (128, 128));
    }

    #[test]
    fn shrinking_keeps_the_mean() {
        let src = Gray::new(4, 2, vec![0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0]);
        let small = src.resized(2, 1);
        assert_eq!(small.pixels, vec![0.75, 0.25]);
        let odd = Gray::new(3, 1, vec![0.0, 0.3, 0.9]).resized(2, 1);
        assert!(
            (odd.pixels[0] - 0.1).abs() < 1e-6 && (odd.pixels[1] - 0.7).abs() < 1e-6,
            "{:?}",
            odd.pixels
        );
    }

    #[test]
    fn enlarging_interpolates() {
        let big = Gray::new(2, 1, vec![0.0, 1.0]).resized(4, 1);
        assert_eq!(big.pixels, vec![0.0, 0.25, 0.75, 1.0]);
    }

    #[test]
    fn padding_repeats_the_edge() {
        let padded = Gray::new(2, 1, vec![0.2, 0.8]).padded(1);
        assert_eq!((padded.width, padded.height), (4, 3));
        assert_eq!(&padded.pixels[4..8], &[0.2, 0.2, 0.8, 0.8]);
    }

    #[test]
    fn luma_composites_transparency_over_white() {
        assert_eq!(
            luma_from_rgba(&[0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 255]),
            vec![0, 255, 255, 54]
        );
    }
}
