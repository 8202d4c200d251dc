//! A logo's fingerprint: what the administrator puts in the policy so that
//! the extension can recognise the Ente's logo.
//!
//! It is a small normalised drawing of the logo, not a hash: a grayscale
//! thumbnail (longer side 64 pixels) cut to the logo's outline, plus the
//! outline itself as a mask. The detector derives everything it compares
//! (rotated copies, gradient histograms) from it when the policy loads, so
//! a better detector in a later version reads the same fingerprints. A coat
//! of arms is public; its thumbnail reveals nothing.
//!
//! Text form, version 2 (written since the colour check):
//! `riserbo-logo:2:` and base64 of
//! `[width, height, luma × width·height, mask bits × ⌈width·height / 8⌉,
//! blue chroma × cw·ch, red chroma × cw·ch]`, where cw × ch is half the
//! thumbnail (`⌈width / 2⌉ × ⌈height / 2⌉`) and each chroma byte is
//! `128 + 127.5·c` (see [`super::raster::chroma_from_rgba`]). Colour needs
//! less detail than shapes, and JPEG keeps it at half resolution anyway.
//!
//! Version 1 (`riserbo-logo:1:`, the same without the two chroma planes) is
//! still read: such a logo is found by its drawing alone, without the colour
//! check; making its fingerprint again adds the colours.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use super::raster::{chroma_byte, chroma_from_rgba, chroma_plane, luma_from_rgba, Gray};

const PREFIX: &str = "riserbo-logo:2:";
const PREFIX_V1: &str = "riserbo-logo:1:";
/// Longer side of the thumbnail.
pub const SIDE: usize = 64;

/// A decoded fingerprint.
#[derive(Clone, Debug, PartialEq)]
pub struct Fingerprint {
    /// The logo in grayscale, cut to its bounding box.
    pub luma: Gray,
    /// 1.0 inside the logo, 0.0 outside.
    pub mask: Gray,
    /// The logo's colours at half the thumbnail's size: blue and red
    /// chroma, 0.0 for gray. `None` for a version-1 fingerprint.
    pub chroma: Option<[Gray; 2]>,
}

/// Why a picture or a string cannot give a fingerprint.
#[derive(Debug, PartialEq, Eq)]
pub enum FingerprintError {
    NotAFingerprint,
    Corrupt,
    EmptyPicture,
}

impl std::fmt::Display for FingerprintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FingerprintError::NotAFingerprint => {
                "not a logo fingerprint (it must start with \"riserbo-logo:2:\" or \"riserbo-logo:1:\")"
            }
            FingerprintError::Corrupt => "the fingerprint is damaged (copy it again from `riserbo logo fingerprint`)",
            FingerprintError::EmptyPicture => "the picture shows no logo: it is empty or of one colour",
        })
    }
}

impl std::error::Error for FingerprintError {}

impl Fingerprint {
    /// The fingerprint of a logo given as RGBA pixels (a PNG with or without
    /// transparency, a JPEG on a plain background).
    ///
    /// The logo is what is not background: transparent pixels when there
    /// are any, otherwise the pixels not connected to the border through
    /// colours close to the corners' (the white or coloured field around a
    /// logo in a JPEG).
    pub fn from_rgba(width: usize, height: usize, rgba: &[u8]) -> Result<Fingerprint, FingerprintError> {
        if width == 0 || height == 0 || rgba.len() != width * height * 4 {
            return Err(FingerprintError::EmptyPicture);
        }
        let transparent = rgba.chunks_exact(4).any(|p| p[3] < 250);
        let inside: Vec<bool> = if transparent {
            rgba.chunks_exact(4).map(|p| p[3] >= 128).collect()
        } else {
            background_fill(width, height, rgba).into_iter().map(|bg| !bg).collect()
        };
        let count = inside.iter().filter(|&&v| v).count();
        if count < 16 {
            return Err(FingerprintError::EmptyPicture);
        }
        // No background found (a logo filling its picture): all of it is logo.
        let inside = if count * 100 > width * height * 99 {
            vec![true; width * height]
        } else {
            inside
        };
        let (mut x0, mut y0, mut x1, mut y1) = (width, height, 0, 0);
        for y in 0..height {
            for x in 0..width {
                if inside[y * width + x] {
                    x0 = x0.min(x);
                    y0 = y0.min(y);
                    x1 = x1.max(x + 1);
                    y1 = y1.max(y + 1);
                }
            }
        }
        let luma8 = luma_from_rgba(rgba);
        let crop = |values: &dyn Fn(usize) -> f32| {
            let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
            for y in y0..y1 {
                for x in x0..x1 {
                    pixels.push(values(y * width + x));
                }
            }
            Gray::new(x1 - x0, y1 - y0, pixels)
        };
        let luma = crop(&|i| f32::from(luma8[i]) / 255.0);
        let mask = crop(&|i| if inside[i] { 1.0 } else { 0.0 });
        let (w, h) = (x1 - x0, y1 - y0);
        let scale = SIDE as f32 / w.max(h) as f32;
        let tw = ((w as f32 * scale).round() as usize).clamp(1, SIDE);
        let th = ((h as f32 * scale).round() as usize).clamp(1, SIDE);
        let mut mask = mask.resized(tw, th);
        for v in &mut mask.pixels {
            *v = if *v >= 0.5 { 1.0 } else { 0.0 };
        }
        let mut luma = luma.resized(tw, th);
        // Eight bits per pixel is what the text form keeps.
        for v in &mut luma.pixels {
            *v = (*v * 255.0).round() / 255.0;
        }
        let (blue, red) = chroma_from_rgba(rgba);
        let (cw, ch) = (tw.div_ceil(2), th.div_ceil(2));
        let plane = |bytes: Vec<u8>| {
            let full = crop(&|i| (f32::from(bytes[i]) - 128.0) / 127.5);
            let mut half = full.resized(cw, ch);
            for v in &mut half.pixels {
                *v = (f32::from(chroma_byte(*v)) - 128.0) / 127.5;
            }
            half
        };
        let chroma = Some([plane(blue), plane(red)]);
        Ok(Fingerprint { luma, mask, chroma })
    }

    /// The text form, for the policy.
    pub fn encode(&self) -> String {
        let (w, h) = (self.luma.width, self.luma.height);
        let mut bytes = vec![w as u8, h as u8];
        bytes.extend(self.luma.pixels.iter().map(|v| (v * 255.0).round() as u8));
        let mut bits = vec![0u8; (w * h).div_ceil(8)];
        for (i, v) in self.mask.pixels.iter().enumerate() {
            if *v >= 0.5 {
                bits[i / 8] |= 1 << (i % 8);
            }
        }
        bytes.extend(bits);
        match &self.chroma {
            Some(planes) => {
                for plane in planes {
                    bytes.extend(plane.pixels.iter().map(|&v| chroma_byte(v)));
                }
                format!("{PREFIX}{}", STANDARD_NO_PAD.encode(bytes))
            }
            None => format!("{PREFIX_V1}{}", STANDARD_NO_PAD.encode(bytes)),
        }
    }

    /// Reads the text form back; blanks and line breaks inside it (a
    /// fingerprint wrapped by an e-mail client or an editor) are ignored.
    pub fn decode(text: &str) -> Result<Fingerprint, FingerprintError> {
        let text = text.trim();
        let (body, coloured) = match (text.strip_prefix(PREFIX), text.strip_prefix(PREFIX_V1)) {
            (Some(body), _) => (body, true),
            (None, Some(body)) => (body, false),
            (None, None) => return Err(FingerprintError::NotAFingerprint),
        };
        let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = STANDARD_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|_| FingerprintError::Corrupt)?;
        let (&w, &h) = (
            bytes.first().ok_or(FingerprintError::Corrupt)?,
            bytes.get(1).ok_or(FingerprintError::Corrupt)?,
        );
        let (w, h) = (usize::from(w), usize::from(h));
        let n = w * h;
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        let colour_bytes = if coloured { 2 * cw * ch } else { 0 };
        if w == 0 || h == 0 || w > SIDE || h > SIDE || bytes.len() != 2 + n + n.div_ceil(8) + colour_bytes {
            return Err(FingerprintError::Corrupt);
        }
        let luma = Gray::from_luma8(w, h, &bytes[2..2 + n]);
        let bits = &bytes[2 + n..2 + n + n.div_ceil(8)];
        let mask = Gray::new(w, h, (0..n).map(|i| f32::from((bits[i / 8] >> (i % 8)) & 1)).collect());
        if mask.pixels.iter().sum::<f32>() < 16.0 {
            return Err(FingerprintError::Corrupt);
        }
        let chroma = coloured.then(|| {
            let planes = &bytes[2 + n + n.div_ceil(8)..];
            [
                chroma_plane(cw, ch, &planes[..cw * ch]),
                chroma_plane(cw, ch, &planes[cw * ch..]),
            ]
        });
        Ok(Fingerprint { luma, mask, chroma })
    }
}

/// Marks the background: pixels reachable from the border through colours
/// within a tolerance of the border's dominant colour.
fn background_fill(width: usize, height: usize, rgba: &[u8]) -> Vec<bool> {
    let colour = |i: usize| [rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]];
    // The most common of the four corners is the field around the logo.
    let corners = [0, width - 1, (height - 1) * width, height * width - 1].map(colour);
    let field = *corners
        .iter()
        .max_by_key(|c| corners.iter().filter(|d| close(c, d)).count())
        .expect("four corners");
    let mut background = vec![false; width * height];
    let mut stack: Vec<usize> = Vec::new();
    for x in 0..width {
        stack.push(x);
        stack.push((height - 1) * width + x);
    }
    for y in 0..height {
        stack.push(y * width);
        stack.push(y * width + width - 1);
    }
    while let Some(i) = stack.pop() {
        if background[i] || !close(&colour(i), &field) {
            continue;
        }
        background[i] = true;
        let (x, y) = (i % width, i / width);
        if x > 0 {
            stack.push(i - 1);
        }
        if x + 1 < width {
            stack.push(i + 1);
        }
        if y > 0 {
            stack.push(i - width);
        }
        if y + 1 < height {
            stack.push(i + width);
        }
    }
    background
}

fn close(a: &[u8; 3], b: &[u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dark disc on white, `size` pixels square, as RGBA.
    pub(crate) fn disc(size: usize, alpha: bool) -> Vec<u8> {
        let mut rgba = Vec::new();
        let c = size as f32 / 2.0;
        for y in 0..size {
            for x in 0..size {
                let inside = (x as f32 + 0.5 - c).hypot(y as f32 + 0.5 - c) < c * 0.6;
                match (inside, alpha) {
                    (true, _) => rgba.extend([20, 40, 120, 255]),
                    (false, true) => rgba.extend([0, 0, 0, 0]),
                    (false, false) => rgba.extend([255, 255, 255, 255]),
                }
            }
        }
        rgba
    }

    #[test]
    fn the_logo_is_cut_to_its_outline_with_or_without_transparency() {
        for alpha in [true, false] {
            let print = Fingerprint::from_rgba(200, 200, &disc(200, alpha)).unwrap();
            assert_eq!((print.luma.width, print.luma.height), (SIDE, SIDE));
            let inside: f32 = print.mask.pixels.iter().sum::<f32>() / (SIDE * SIDE) as f32;
            assert!(
                (inside - std::f32::consts::FRAC_PI_4).abs() < 0.03,
                "disc covers {inside}"
            );
        }
    }

    #[test]
    fn the_text_form_round_trips_and_survives_wrapping() {
        let print = Fingerprint::from_rgba(90, 90, &disc(90, true)).unwrap();
        let text = print.encode();
        assert!(text.starts_with("riserbo-logo:2:"));
        assert_eq!(Fingerprint::decode(&text).unwrap(), print);
        let wrapped: String = text
            .chars()
            .enumerate()
            .flat_map(|(i, c)| (i % 60 == 59).then_some('\n').into_iter().chain([c]))
            .collect();
        assert_eq!(Fingerprint::decode(&format!("  {wrapped}\n")).unwrap(), print);
    }

    #[test]
    fn version_one_fingerprints_are_still_read_without_colours() {
        let print = Fingerprint::from_rgba(90, 90, &disc(90, true)).unwrap();
        let chroma = print.chroma.clone().expect("a new fingerprint has colours");
        // The disc is dark blue: blue chroma above gray, red below.
        let centre = |plane: &Gray| plane.at(plane.width / 2, plane.height / 2);
        assert!(centre(&chroma[0]) > 0.1 && centre(&chroma[1]) < -0.05, "{chroma:?}");
        let old = Fingerprint {
            chroma: None,
            ..print.clone()
        };
        let text = old.encode();
        assert!(text.starts_with("riserbo-logo:1:"));
        let read = Fingerprint::decode(&text).unwrap();
        assert_eq!(read.chroma, None);
        assert_eq!((&read.luma, &read.mask), (&print.luma, &print.mask));
        // A version-2 body under the version-1 prefix is damaged, not misread.
        let relabelled = print.encode().replacen("riserbo-logo:2:", "riserbo-logo:1:", 1);
        assert_eq!(Fingerprint::decode(&relabelled), Err(FingerprintError::Corrupt));
    }

    #[test]
    fn damaged_or_foreign_strings_are_refused() {
        let text = Fingerprint::from_rgba(90, 90, &disc(90, true)).unwrap().encode();
        assert_eq!(
            Fingerprint::decode("stemma.png"),
            Err(FingerprintError::NotAFingerprint)
        );
        assert_eq!(
            Fingerprint::decode(&text[..text.len() - 10]),
            Err(FingerprintError::Corrupt)
        );
        assert_eq!(
            Fingerprint::decode("riserbo-logo:1:!!!"),
            Err(FingerprintError::Corrupt)
        );
    }

    #[test]
    fn a_blank_picture_has_no_logo() {
        let white = vec![255u8; 50 * 50 * 4];
        assert_eq!(
            Fingerprint::from_rgba(50, 50, &white),
            Err(FingerprintError::EmptyPicture)
        );
    }
}
