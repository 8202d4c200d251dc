//! The text in a picture, for `riserbo check-image`: read by Debian's
//! Tesseract 5 (`tesseract-ocr` with the Italian model of
//! `tesseract-ocr-ita`) run as a subprocess, then analysed by the same
//! core that reads posts.
//!
//! The extension runs the same engine (Tesseract 5, compiled to
//! WebAssembly by tesseract-wasm) with the same Italian model, so what the
//! corpus measures here is what the extension sees. The picture is handed
//! to Tesseract already decoded, as a gray PNG on its standard input: the
//! limits of [`crate::picture::load`] apply, and Tesseract never opens a
//! file of its own.
//!
//! Page segmentation mode 11 ("sparse text") reads screenshots, forms and
//! notices photographed at an angle better than the default, which merges
//! columns and drops the colons of opening hours.

use std::io::Write;
use std::process::{Command, Stdio};

use image::{GrayImage, ImageEncoder};
use riserbo_core::offsets::{self, Unit};
use riserbo_core::picture_text::{layout, Area, OcrWord, PictureFinding, PictureText};
use riserbo_core::{Analyzer, Finding};
use serde::Serialize;

use crate::picture::Picture;

/// The program, overridable for a Tesseract installed elsewhere.
fn program() -> String {
    std::env::var("RISERBO_TESSERACT").unwrap_or_else(|_| "tesseract".into())
}

/// Longer sides are shrunk to this before reading (a 12 MP photo passes).
const MAX_SIDE: usize = 4200;

/// A finding of the text read in a picture (offsets in code points of the
/// recognised text), with its place in the picture's pixels.
pub type TextFinding = PictureFinding;

/// Is Tesseract there, with the Italian model? `Err` says what to install.
pub fn available() -> Result<(), String> {
    let missing = "the text in pictures is not read: install Debian's tesseract-ocr and tesseract-ocr-ita \
                   (apt-get install tesseract-ocr tesseract-ocr-ita), or pass --no-text";
    let output = Command::new(program())
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| missing.to_string())?;
    let langs = String::from_utf8_lossy(&output.stdout);
    if langs.lines().any(|l| l.trim() == "ita") {
        Ok(())
    } else {
        Err(missing.to_string())
    }
}

/// The gray picture, shrunk to [`MAX_SIDE`] when larger, as PNG bytes,
/// and the factor from its pixels back to the picture's.
fn gray_png(picture: &Picture) -> Result<(Vec<u8>, f64), String> {
    let luma = riserbo_core::logo::luma_from_rgba(&picture.rgba);
    let gray = GrayImage::from_raw(picture.width as u32, picture.height as u32, luma)
        .ok_or("picture buffer of the wrong size")?;
    let long = picture.width.max(picture.height);
    let (gray, back) = if long > MAX_SIDE {
        let scale = MAX_SIDE as f64 / long as f64;
        let w = ((picture.width as f64 * scale).round() as u32).max(1);
        let h = ((picture.height as f64 * scale).round() as u32).max(1);
        (
            image::imageops::resize(&gray, w, h, image::imageops::FilterType::Triangle),
            1.0 / scale,
        )
    } else {
        (gray, 1.0)
    };
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(gray.as_raw(), gray.width(), gray.height(), image::ExtendedColorType::L8)
        .map_err(|e| format!("cannot encode the picture for Tesseract: {e}"))?;
    Ok((png, back))
}

/// Reads the text of a decoded picture.
pub fn read(picture: &Picture) -> Result<PictureText, String> {
    let (png, back) = gray_png(picture)?;
    let mut child = Command::new(program())
        .args(["stdin", "stdout", "-l", "ita", "--psm", "11", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tesseract: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for tesseract")?;
    // Written from a thread: Tesseract may start answering before it has
    // read everything, and both pipes have a limited size.
    let writer = std::thread::spawn(move || stdin.write_all(&png));
    let output = child.wait_with_output().map_err(|e| format!("tesseract failed: {e}"))?;
    let _ = writer.join();
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(format!("tesseract failed: {}", err.lines().last().unwrap_or("").trim()));
    }
    Ok(layout(&parse_tsv(&String::from_utf8_lossy(&output.stdout), back)))
}

/// The words of Tesseract's TSV (level 5 rows), boxes scaled by `back`;
/// each (block, paragraph, line) of Tesseract's is a line.
fn parse_tsv(tsv: &str, back: f64) -> Vec<OcrWord> {
    let mut words = Vec::new();
    let mut last = None;
    let mut line = 0;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<f64>().unwrap_or(0.0);
        let key = (cols[2], cols[3], cols[4]);
        if last.is_some_and(|k| k != key) {
            line += 1;
        }
        last = Some(key);
        let scaled = |v: f64| (v * back).round() as u32;
        words.push(OcrWord {
            text: cols[11].trim().to_string(),
            x: scaled(num(6)),
            y: scaled(num(7)),
            width: scaled(num(8)),
            height: scaled(num(9)),
            confidence: (num(10) / 100.0) as f32,
            line,
        });
    }
    words
}

/// The analyzer's findings in the text of a picture, each with its place;
/// offsets in code points of `text.text`.
pub fn findings(analyzer: &Analyzer, text: &PictureText) -> Vec<TextFinding> {
    let found = text.findings(analyzer);
    let areas: Vec<Area> = found.iter().map(|f| f.area).collect();
    let mut converted: Vec<Finding> = found.into_iter().map(|f| f.finding).collect();
    offsets::convert(&text.text, &mut converted, Unit::CodePoint);
    converted
        .into_iter()
        .zip(areas)
        .map(|(finding, area)| PictureFinding { finding, area })
        .collect()
}

/// The text of one picture and what the analyzer found in it.
#[derive(Debug, Serialize)]
pub struct TextReport {
    /// The recognised text.
    pub text: String,
    pub findings: Vec<TextFinding>,
}

/// Reads the text of the pictures of one `check-image` run: off when the
/// policy says so (`imageText: false`) or `--no-text` is given; when
/// Tesseract is missing, says once what to install and checks the logos
/// alone.
pub struct Reader {
    on: bool,
}

impl Reader {
    pub fn new(wanted: bool) -> Reader {
        if !wanted {
            return Reader { on: false };
        }
        match available() {
            Ok(()) => Reader { on: true },
            Err(message) => {
                eprintln!("riserbo: {message}");
                Reader { on: false }
            }
        }
    }

    pub fn on(&self) -> bool {
        self.on
    }

    /// The text and its findings, or `None` when text is not read.
    pub fn check(&self, analyzer: &Analyzer, picture: &Picture) -> Result<Option<TextReport>, String> {
        if !self.on {
            return Ok(None);
        }
        let text = read(picture)?;
        let findings = findings(analyzer, &text);
        Ok(Some(TextReport {
            text: text.text,
            findings,
        }))
    }
}

/// The text format: one paragraph per finding, with the words read around
/// it and carets under it.
pub fn write_text(out: &mut impl Write, name: &str, text: &TextReport) -> std::io::Result<()> {
    for f in &text.findings {
        let a = &f.area;
        writeln!(
            out,
            "{name}: {} — testo nell'immagine alla posizione {},{} ({}×{} px)\n  {}",
            crate::render::severity_word(f.finding.severity),
            a.x,
            a.y,
            a.width,
            a.height,
            f.finding.message
        )?;
        // The line of the recognised text it is on, the span underlined.
        let chars: Vec<char> = text.text.chars().collect();
        let (start, end) = (f.finding.start.min(chars.len()), f.finding.end.min(chars.len()));
        let line_start = chars[..start].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
        let line_end = chars[end..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |i| end + i);
        let line: String = chars[line_start..line_end].iter().collect();
        writeln!(out, "  | {line}")?;
        writeln!(
            out,
            "  | {}{}",
            " ".repeat(start - line_start),
            "^".repeat((end - start).max(1))
        )?;
        writeln!(out, "  [{}] fonte: {}", f.finding.rule, f.finding.source)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
        1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n\
        5\t1\t1\t1\t1\t1\t10\t20\t60\t18\t95.1\tCodice\n\
        5\t1\t1\t1\t1\t2\t80\t20\t70\t18\t93.0\tfiscale:\n\
        5\t1\t1\t1\t1\t3\t160\t22\t200\t18\t91.2\tRSSMRA85T10A562S\n\
        5\t1\t2\t1\t1\t1\t300\t300\t40\t30\t12.0\t~~\n\
        5\t1\t3\t1\t1\t1\t10\t400\t90\t20\t88.0\tRiservato\n";

    #[test]
    fn tsv_rows_become_words_with_lines_confidence_and_scaled_boxes() {
        let words = parse_tsv(TSV, 2.0);
        assert_eq!(words.len(), 5);
        assert_eq!(words[2].text, "RSSMRA85T10A562S");
        assert_eq!(
            (words[2].x, words[2].y, words[2].width, words[2].height),
            (320, 44, 400, 36)
        );
        assert_eq!(words.iter().map(|w| w.line).collect::<Vec<_>>(), [0, 0, 0, 1, 2]);
        assert!((words[3].confidence - 0.12).abs() < 1e-6);
        // The unsure word is left out of the text.
        assert_eq!(layout(&words).text, "Codice fiscale: RSSMRA85T10A562S\nRiservato");
    }

    #[test]
    fn the_analyzer_reads_the_recognised_text() {
        let analyzer = Analyzer::new(riserbo_core::Policy::default());
        let text = layout(&parse_tsv(TSV, 1.0));
        let found = findings(&analyzer, &text);
        let cf = found
            .iter()
            .find(|f| f.finding.rule == "personal_data.codice_fiscale")
            .expect("the codice fiscale is found");
        assert_eq!(cf.finding.text, "RSSMRA85T10A562S");
        assert_eq!((cf.area.x, cf.area.width), (160, 200));
        // Offsets in code points of the recognised text.
        assert_eq!(cf.finding.start, "Codice fiscale: ".chars().count());
    }
}
