//! `riserbo logo fingerprint` and `riserbo check-image`: pictures on the
//! command line.
//!
//! Only the formats the social networks accept are decoded (JPEG, PNG,
//! WebP, GIF), recognised by their content, not their name. The size is
//! read from the header and checked against the core's limits before a
//! single pixel is decoded, and the decoder runs with a memory ceiling, so a
//! decompression bomb is refused, not obeyed. A picture that would need more
//! memory than `--max-memory` is reported as such and the batch goes on. A
//! JPEG cut short (no end marker after its last scan) is decoded as far as
//! it goes and reported as partly unreadable, never as a clean "no logo".

use std::io::Write;
use std::path::{Path, PathBuf};

use image::{ImageFormat, ImageReader, Limits};
use riserbo_core::logo::{self, Fingerprint};
use riserbo_core::{Analyzer, Policy};
use serde_json::json;

use crate::{Failure, Format};

const FORMATS: &[ImageFormat] = &[ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP, ImageFormat::Gif];

/// A picture decoded to RGBA.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
    /// The file ends before its pixels do (a truncated JPEG): what could be
    /// decoded is here, the rest is gray.
    pub partial: bool,
}

/// Memory a picture may take to decode and check, by default (MiB).
pub const MAX_MEMORY_MIB: u64 = 1024;

/// Bytes needed to check a picture of this size: the decoder's RGBA and its
/// working copy, then luma and two chroma planes.
fn memory_needed(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height) * (4 * 2 + 3)
}

/// Whether a JPEG file stops before its end marker: after its last
/// start-of-scan (FF DA) no end-of-image (FF D9) follows. Inside scan data a
/// byte FF is always followed by 00 or a restart marker, so neither pair
/// can appear there by chance.
fn jpeg_truncated(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xff, 0xda]);
    match last_scan {
        Some(at) => !bytes[at..].windows(2).any(|w| w == [0xff, 0xd9]),
        None => true,
    }
}

/// Reads and decodes a picture, or says in one line why it cannot.
pub fn load(path: &Path) -> Result<Picture, String> {
    load_within(path, MAX_MEMORY_MIB)
}

/// As [`load`], refusing pictures that need more than `max_memory_mib`.
pub fn load_within(path: &Path, max_memory_mib: u64) -> Result<Picture, String> {
    let open = || {
        ImageReader::open(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .with_guessed_format()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let reader = open()?;
    match reader.format() {
        Some(format) if FORMATS.contains(&format) => {}
        Some(format) => {
            return Err(format!(
                "{}: {} pictures are not checked (JPEG, PNG, WebP and GIF are)",
                path.display(),
                format
                    .extensions_str()
                    .first()
                    .unwrap_or(&"this kind of")
                    .to_uppercase()
            ))
        }
        None => return Err(format!("{}: not a JPEG, PNG, WebP or GIF picture", path.display())),
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("{}: damaged picture ({e})", path.display()))?;
    logo::check_dimensions(width, height).map_err(|e| format!("{}: {e}", path.display()))?;
    let budget = max_memory_mib.saturating_mul(1 << 20);
    let needed = memory_needed(width, height);
    if needed > budget {
        return Err(format!(
            "{}: memoria insufficiente: un'immagine di {width}×{height} pixel richiede circa {} MiB, oltre il limite di {max_memory_mib} MiB (--max-memory)",
            path.display(),
            needed.div_ceil(1 << 20)
        ));
    }
    let mut reader = open()?;
    let partial = reader.format() == Some(ImageFormat::Jpeg)
        && jpeg_truncated(&std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?);
    let mut limits = Limits::default();
    limits.max_image_width = Some(logo::MAX_SIDE);
    limits.max_image_height = Some(logo::MAX_SIDE);
    // What is left of the budget once the core's planes are counted.
    limits.max_alloc = Some(budget - u64::from(width) * u64::from(height) * 3);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "{}: memoria insufficiente per decodificare l'immagine (limite di {max_memory_mib} MiB, --max-memory)",
            path.display()
        ),
        e => format!("{}: damaged picture ({e})", path.display()),
    })?;
    let rgba = decoded.into_rgba8();
    Ok(Picture {
        width: rgba.width() as usize,
        height: rgba.height() as usize,
        rgba: rgba.into_raw(),
        partial,
    })
}

/// `riserbo logo fingerprint FILE`: prints the fingerprint to put in the
/// policy's `logoFingerprints`.
pub fn fingerprint(file: &Path) -> Result<u8, Failure> {
    let picture = load(file).map_err(Failure)?;
    let print = Fingerprint::from_rgba(picture.width, picture.height, &picture.rgba)
        .map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    writeln!(std::io::stdout(), "{}", print.encode()).map_err(|e| Failure(format!("cannot write output: {e}")))?;
    Ok(0)
}

/// `riserbo check-image FILE…`: looks for the policy's logos in each
/// picture. Exit 1 when one is found, 2 when a picture could not be read.
pub fn check(
    files: &[PathBuf],
    policy: Policy,
    format: Format,
    accept: logo::Accept,
    text: bool,
    max_memory_mib: u64,
) -> Result<u8, Failure> {
    // The text in the pictures (crate::ocr), unless the policy or --no-text
    // turns it off.
    let reader = crate::ocr::Reader::new(text && policy.image_text);
    if policy.logo_fingerprints.is_empty() && !reader.on() {
        return Err(Failure(
            "the policy has no logoFingerprints and the text is not read: nothing to look for".into(),
        ));
    }
    let analyzer = Analyzer::new(policy);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let write_failed = |e: std::io::Error| Failure(format!("cannot write output: {e}"));
    let (mut found_any, mut failed) = (false, false);
    let mut records = Vec::new();
    for file in files {
        let result = load_within(file, max_memory_mib).and_then(|p| {
            let logos = analyzer
                .analyze_image_with(p.width, p.height, &p.rgba, accept)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let text = reader
                .check(&analyzer, &p)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok((logos, text, p.partial))
        });
        let name = file.display().to_string();
        match result {
            Ok((findings, text, partial)) => {
                found_any |= findings.iter().any(|f| f.finding.is_blocking());
                found_any |= text
                    .as_ref()
                    .is_some_and(|t| t.findings.iter().any(|f| f.finding.is_blocking()));
                // Part of the picture could not be read: not a clean result.
                failed |= partial;
                let warning = partial.then_some(PARTIAL);
                if partial && format == Format::Text {
                    writeln!(out, "{name}: {PARTIAL}: controllata solo la parte leggibile").map_err(write_failed)?;
                }
                if let (Format::Text, Some(text)) = (format, &text) {
                    crate::ocr::write_text(&mut out, &name, text).map_err(write_failed)?;
                }
                match format {
                    Format::Text if findings.is_empty() && partial => {
                        writeln!(out, "{name}: nessun logo dell'Ente nella parte leggibile").map_err(write_failed)?
                    }
                    Format::Text if findings.is_empty() => {
                        writeln!(out, "{name}: nessun logo dell'Ente").map_err(write_failed)?
                    }
                    Format::Text => {
                        for f in &findings {
                            let a = &f.area;
                            writeln!(
                                out,
                                "{name}: {} — logo dell'Ente alla posizione {},{} ({}×{} px), somiglianza {:.2}\n  {}\n  fonte: {}",
                                crate::render::severity_word(f.finding.severity),
                                a.x,
                                a.y,
                                a.width,
                                a.height,
                                a.score,
                                f.finding.message,
                                f.finding.source
                            )
                            .map_err(write_failed)?;
                        }
                    }
                    Format::Json => records.push(record(&name, &findings, text.as_ref(), warning)),
                    Format::Jsonl => {
                        writeln!(out, "{}", record(&name, &findings, text.as_ref(), warning)).map_err(write_failed)?
                    }
                }
            }
            Err(message) => {
                failed = true;
                match format {
                    Format::Text => eprintln!("riserbo: {message}"),
                    Format::Json => records.push(json!({ "file": name, "error": message })),
                    Format::Jsonl => {
                        writeln!(out, "{}", json!({ "file": name, "error": message })).map_err(write_failed)?
                    }
                }
            }
        }
    }
    if format == Format::Json {
        writeln!(out, "{}", json!({ "images": records })).map_err(write_failed)?;
    }
    Ok(if failed {
        2
    } else if found_any {
        1
    } else {
        0
    })
}

/// What a truncated picture is called in the reports.
const PARTIAL: &str = "immagine in parte illeggibile (file troncato)";

/// One picture's record in JSON: its findings, and a warning when it could
/// be read only in part.
fn record<T: serde::Serialize>(
    name: &str,
    findings: &[riserbo_core::ImageFinding],
    text: Option<&T>,
    warning: Option<&str>,
) -> serde_json::Value {
    let mut record = json!({ "file": name, "findings": findings, "text": text });
    if let Some(warning) = warning {
        record["warning"] = json!(warning);
    }
    record
}
