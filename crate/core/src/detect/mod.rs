//! Detectors: each finds one kind of problem and knows nothing of the
//! browser, the CLI or the policy's severities. They report [`Hit`]s; the
//! [`crate::Analyzer`] turns hits into findings.

pub mod codice_fiscale;

use std::ops::Range;

use crate::rules::Rule;

/// A detector's raw result: which rule, where (byte offsets), and the
/// canonical form of what was found, used to match the policy's allowlist.
#[derive(Debug)]
pub struct Hit {
    pub rule: &'static Rule,
    pub span: Range<usize>,
    pub canonical: String,
}
