//! The core as the browser sees it: one `Analyzer` class whose results carry
//! offsets in UTF-16 code units, the unit of DOM strings and ranges.
//!
//! Kept thin on purpose: every decision lives in `riserbo-core`, tested
//! natively; this layer only converts types at the boundary.
//!
//! Findings cross the boundary as rule id, severity and span (plus the
//! words that weighed, for a learned score): what a rule says, where it
//! comes from and which fixes it offers are in the catalogue, fetched once.

use riserbo_core::catalogue::Catalogue;
use riserbo_core::logo::LogoMatch;
use riserbo_core::offsets::{self, Unit};
use riserbo_core::picture_text::{self, OcrWord};
use riserbo_core::{Analyzer as CoreAnalyzer, Finding, Policy, Severity};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Analyzer {
    inner: CoreAnalyzer,
}

/// A finding as the extension receives it.
#[derive(Serialize)]
struct Reported<'a> {
    rule: &'a str,
    severity: Severity,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    evidence: &'a [String],
}

impl<'a> From<&'a Finding> for Reported<'a> {
    fn from(f: &'a Finding) -> Self {
        Reported {
            rule: &f.rule,
            severity: f.severity,
            start: f.start,
            end: f.end,
            evidence: &f.evidence,
        }
    }
}

/// A logo found in a picture: the rule, and where in the picture.
#[derive(Serialize)]
struct ReportedImage<'a> {
    rule: &'a str,
    severity: Severity,
    area: &'a LogoMatch,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
impl Analyzer {
    /// Builds an analyzer from a policy JSON string, or the built-in default
    /// policy when none is given. Throws an `Error` naming the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<Analyzer, JsError> {
        let policy = match policy_json {
            Some(json) => Policy::from_json(&json).map_err(|e| JsError::new(&e.to_string()))?,
            None => Policy::default(),
        };
        Ok(Analyzer {
            inner: CoreAnalyzer::new(policy),
        })
    }

    /// The findings in `text`, ordered by position, as
    /// `{rule, severity, start, end, evidence?}` with UTF-16 offsets.
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsError> {
        let mut findings = self.inner.analyze(text);
        offsets::convert(text, &mut findings, Unit::Utf16);
        to_js(&findings.iter().map(Reported::from).collect::<Vec<_>>())
    }

    /// The Ente's logos in a picture, given as RGBA (four bytes a pixel, as
    /// a canvas gives them; the logo's colours are checked too) or as 8-bit
    /// luma (one byte a pixel, composited over white: see `luma_from_rgba`
    /// in the core), as
    /// `{rule, severity, area}` with the place in the picture. The browser
    /// decodes and shrinks the picture; no image codec runs here. Throws on
    /// a size beyond the core's limits.
    #[wasm_bindgen(js_name = analyzeImage)]
    pub fn analyze_image(&self, width: u32, height: u32, luma: &[u8]) -> Result<JsValue, JsError> {
        let found = self
            .inner
            .analyze_image(width as usize, height as usize, luma)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let reported: Vec<ReportedImage> = found
            .iter()
            .map(|f| ReportedImage {
                rule: &f.finding.rule,
                severity: f.finding.severity,
                area: &f.area,
            })
            .collect();
        to_js(&reported)
    }

    /// The rules under this analyzer's policy: messages in both languages,
    /// sources, fixes, severities (see `riserbo_core::catalogue`).
    /// The text an OCR engine read in a picture (`[{text, x, y, width,
    /// height, confidence, line}]`), analysed: `{text, findings: [{rule,
    /// severity, start, end, area}]}`, offsets in UTF-16 code units of
    /// `text`, areas in the picture's pixels.
    #[wasm_bindgen(js_name = analyzeImageText)]
    pub fn analyze_image_text(&self, words: JsValue) -> Result<JsValue, JsError> {
        let words: Vec<OcrWord> = serde_wasm_bindgen::from_value(words).map_err(|e| JsError::new(&e.to_string()))?;
        let text = picture_text::layout(&words);
        let found = text.findings(&self.inner);
        let areas: Vec<picture_text::Area> = found.iter().map(|f| f.area).collect();
        let mut findings: Vec<Finding> = found.into_iter().map(|f| f.finding).collect();
        offsets::convert(&text.text, &mut findings, Unit::Utf16);
        #[derive(Serialize)]
        struct ReportedText<'a> {
            #[serde(flatten)]
            finding: Reported<'a>,
            area: picture_text::Area,
        }
        #[derive(Serialize)]
        struct Reading<'a> {
            text: &'a str,
            findings: Vec<ReportedText<'a>>,
        }
        to_js(&Reading {
            text: &text.text,
            findings: findings
                .iter()
                .zip(areas)
                .map(|(f, area)| ReportedText {
                    finding: f.into(),
                    area,
                })
                .collect(),
        })
    }

    pub fn catalogue(&self) -> Result<JsValue, JsError> {
        to_js(&Catalogue::of(&self.inner))
    }

    /// The policy in effect, as a plain object.
    pub fn policy(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.policy())
    }
}

/// Every problem of a policy, each naming its field: what the popup and
/// the options page show the employee when the administrator's policy has
/// a bad field.
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(json: &str) -> Vec<String> {
    Policy::validate(json)
}

/// The version of the core, to show in the popup and in bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
