//! The core as the browser sees it: one `Analyzer` class whose results carry
//! offsets in UTF-16 code units, the unit of DOM strings and ranges.
//!
//! Kept thin on purpose: every decision lives in `riserbo-core`, tested
//! natively; this layer only converts types at the boundary.

use riserbo_core::offsets::{self, Unit};
use riserbo_core::{Analyzer as CoreAnalyzer, Policy};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Analyzer {
    inner: CoreAnalyzer,
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

    /// The findings in `text`, as plain objects with UTF-16 offsets.
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsError> {
        let mut findings = self.inner.analyze(text);
        offsets::convert(text, &mut findings, Unit::Utf16);
        serde_wasm_bindgen::to_value(&findings).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The Ente's logos in a picture, given as 8-bit luma (one byte a
    /// pixel, composited over white: see `luma_from_rgba` in the core),
    /// as findings with the place in the picture. The browser decodes and
    /// shrinks the picture; no image codec runs here. Throws on a size
    /// beyond the core's limits.
    #[wasm_bindgen(js_name = analyzeImage)]
    pub fn analyze_image(&self, width: u32, height: u32, luma: &[u8]) -> Result<JsValue, JsError> {
        let findings = self
            .inner
            .analyze_image(width as usize, height as usize, luma)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&findings, &serializer).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The policy in effect, as a plain object.
    pub fn policy(&self) -> Result<JsValue, JsError> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(self.inner.policy(), &serializer).map_err(|e| JsError::new(&e.to_string()))
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
