//! The detector on drawn coats of arms. The real measurements (rendered
//! SVG logos on photographs, JPEG, tints) are in `tests/logos/`; these pin
//! the behaviour that must never change.

use super::*;

#[derive(Clone, Copy, PartialEq)]
enum Charge {
    Tower,
    Cross,
}

/// A coat of arms, `size` pixels tall, as RGBA on transparency: a shield
/// with a dark rim, parted blue and gold, with a charge.
fn arms(size: usize, charge: Charge) -> (usize, usize, Vec<u8>) {
    let (w, h) = (size * 9 / 10, size);
    let mut rgba = vec![0u8; w * h * 4];
    let s = size as f32 / 100.0;
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 / s, y as f32 / s);
            let shield = |m: f32| {
                fx >= 5.0 + m
                    && fx <= 85.0 - m
                    && fy >= 5.0 + m
                    && (fy <= 55.0 || (fx - 45.0).hypot(fy - 55.0) <= 40.0 - m)
            };
            if !shield(0.0) {
                continue;
            }
            let mut colour = if !shield(4.0) {
                [16, 41, 77]
            } else if fx < 45.0 {
                [29, 79, 145]
            } else {
                [227, 178, 60]
            };
            let on_charge = match charge {
                Charge::Tower => {
                    ((32.0..58.0).contains(&fx) && (35.0..80.0).contains(&fy))
                        || ((32.0..58.0).contains(&fx)
                            && (27.0..35.0).contains(&fy)
                            && ((fx - 32.0) / 6.5) as i32 % 2 == 0)
                }
                Charge::Cross => {
                    ((39.0..51.0).contains(&fx) && (20.0..85.0).contains(&fy))
                        || ((18.0..72.0).contains(&fx) && (38.0..50.0).contains(&fy))
                }
            };
            if on_charge {
                colour = if charge == Charge::Tower && (41.0..49.0).contains(&fx) && fy > 62.0 {
                    [16, 41, 77]
                } else {
                    [250, 250, 250]
                };
            }
            let at = (y * w + x) * 4;
            rgba[at..at + 4].copy_from_slice(&[colour[0], colour[1], colour[2], 255]);
        }
    }
    (w, h, rgba)
}

/// A smooth, busy background: the kind of texture a photograph has.
fn background(width: usize, height: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let waves: Vec<(f32, f32, f32, f32)> = (0..6)
        .map(|_| {
            let r = |n: u32| (n % 1000) as f32 / 1000.0;
            (
                r(next()) * 0.2,
                r(next()) * 0.2,
                r(next()) * std::f32::consts::TAU,
                20.0 + r(next()) * 40.0,
            )
        })
        .collect();
    let mut rgba = Vec::with_capacity(width * height * 4);
    for y in 0..height {
        for x in 0..width {
            let v: f32 = waves
                .iter()
                .map(|(a, b, p, amp)| ((x as f32 * a + y as f32 * b + p).sin()) * amp)
                .sum();
            let noise = (next() % 20) as f32;
            let g = (128.0 + v * 0.8 + noise).clamp(0.0, 255.0) as u8;
            rgba.extend([g, g.saturating_sub(20), g.saturating_add(10), 255]);
        }
    }
    rgba
}

/// Pastes `logo` (RGBA) onto `picture` at (x, y), honouring transparency.
fn paste(picture: &mut [u8], width: usize, logo: &(usize, usize, Vec<u8>), x: usize, y: usize) {
    let (lw, lh, pixels) = logo;
    for ly in 0..*lh {
        for lx in 0..*lw {
            let src = &pixels[(ly * lw + lx) * 4..][..4];
            if src[3] > 0 {
                let dst = ((y + ly) * width + x + lx) * 4;
                picture[dst..dst + 4].copy_from_slice(src);
            }
        }
    }
}

fn detector(charge: Charge) -> LogoDetector {
    let (w, h, rgba) = arms(240, charge);
    LogoDetector::new(&[Fingerprint::from_rgba(w, h, &rgba).unwrap()])
}

fn luma(rgba: &[u8]) -> Vec<u8> {
    luma_from_rgba(rgba)
}

#[test]
fn the_logo_is_found_in_a_larger_picture_at_several_sizes() {
    let detector = detector(Charge::Tower);
    for (size, seed) in [(70, 1), (120, 2), (200, 3), (330, 4)] {
        let (width, height) = (640, 480);
        let mut picture = background(width, height, seed);
        paste(&mut picture, width, &arms(size, Charge::Tower), 40, 30);
        let found = detector.detect_luma(width, height, &luma(&picture)).unwrap();
        assert_eq!(found.len(), 1, "logo of {size} px not found");
        let m = &found[0];
        assert!(m.score >= Accept::DEFAULT.score && m.parts >= Accept::DEFAULT.parts);
        // The match is where the logo is, roughly its size.
        let centre = (m.x + m.width / 2, m.y + m.height / 2);
        let expected = (40 + size as u32 * 9 / 20, 30 + size as u32 / 2);
        assert!(
            centre.0.abs_diff(expected.0) < size as u32 / 4 && centre.1.abs_diff(expected.1) < size as u32 / 4,
            "{m:?}"
        );
    }
}

#[test]
fn a_logo_alone_in_its_picture_is_found() {
    let detector = detector(Charge::Tower);
    for size in [30, 100, 400] {
        let (w, h, rgba) = arms(size, Charge::Tower);
        let found = detector.detect_luma(w, h, &luma(&rgba)).unwrap();
        assert_eq!(found.len(), 1, "logo alone at {size} px not found");
    }
}

#[test]
fn a_different_charge_on_the_same_shield_is_not_the_logo() {
    let detector = detector(Charge::Tower);
    let (width, height) = (640, 480);
    let mut picture = background(width, height, 7);
    paste(&mut picture, width, &arms(200, Charge::Cross), 200, 100);
    assert_eq!(detector.detect_luma(width, height, &luma(&picture)).unwrap(), vec![]);
}

#[test]
fn pictures_without_the_logo_give_nothing() {
    let detector = detector(Charge::Tower);
    for seed in 10..20 {
        let picture = background(500, 400, seed);
        assert_eq!(
            detector.detect_luma(500, 400, &luma(&picture)).unwrap(),
            vec![],
            "seed {seed}"
        );
    }
    let flat = vec![200u8; 300 * 300];
    assert_eq!(detector.detect_luma(300, 300, &flat).unwrap(), vec![]);
}

#[test]
fn no_fingerprint_no_search() {
    let picture = background(100, 100, 1);
    assert_eq!(
        LogoDetector::new(&[]).detect_luma(100, 100, &luma(&picture)).unwrap(),
        vec![]
    );
}

#[test]
fn sizes_beyond_the_limits_are_refused_before_any_work() {
    assert_eq!(
        check_dimensions(8000, 8000),
        Err(ImageError::TooLarge {
            width: 8000,
            height: 8000
        })
    );
    assert_eq!(
        check_dimensions(30_000, 10),
        Err(ImageError::TooLarge {
            width: 30_000,
            height: 10
        })
    );
    assert_eq!(check_dimensions(0, 10), Err(ImageError::Malformed));
    assert!(check_dimensions(4000, 3000).is_ok());
    let detector = detector(Charge::Tower);
    assert_eq!(detector.detect_luma(10, 10, &[0; 99]), Err(ImageError::Malformed));
}

#[test]
fn strips_are_refused_and_the_working_size_is_bounded_by_both_sides() {
    // A 20,000×1 strip passes the size limits; shrinking its shorter side
    // to the working size would make it 6.9 gigapixels.
    for (w, h) in [(20_000, 1), (1, 20_000), (900, 100)] {
        assert_eq!(
            check_dimensions(w, h),
            Err(ImageError::Elongated { width: w, height: h })
        );
    }
    let message = ImageError::Elongated {
        width: 20_000,
        height: 1,
    }
    .to_string();
    assert!(
        message.contains("20000×1") && message.contains("troppo allungata"),
        "{message}"
    );
    assert!(check_dimensions(800, 100).is_ok());
    let detector = detector(Charge::Tower);
    assert!(matches!(
        detector.detect_luma(20_000, 1, &vec![0; 20_000]),
        Err(ImageError::Elongated { .. })
    ));
    // Ordinary photos: shorter side 344. Banners and panoramas: at most
    // WORKING_PIXELS. Small pictures: never enlarged.
    assert_eq!(working_size(4000, 3000), (459, 344));
    assert_eq!(working_size(3000, 4000), (344, 459));
    let (w, h) = working_size(8000, 1000);
    assert!(w * h <= WORKING_PIXELS + 2000 && h < WORKING_SIDE, "{w}×{h}");
    assert_eq!(working_size(200, 100), (200, 100));
    // An 8:1 banner is searched, within the bound.
    let (bw, bh) = (2400, 300);
    let banner: Vec<u8> = (0..bw * bh).map(|i| ((i % bw) * 7 % 256) as u8).collect();
    assert_eq!(detector.detect_luma(bw, bh, &banner).unwrap(), vec![]);
}
