//! Riserbo's core: finds, in a post an Italian public employee is about to
//! publish, what the code of conduct (DPR 62/2013, art. 11-ter added by
//! DPR 81/2023) and the Ente's social media policy forbid.
//!
//! The core is plain Rust with no knowledge of browsers: the wasm bindings
//! (`riserbo-wasm`) and the command line (`riserbo-cli`) are thin layers on
//! top of [`Analyzer`]. Detectors live in [`detect`], one module per kind of
//! problem; [`rules`] holds what each one enforces and why.

mod analyzer;
pub mod catalogue;
#[doc(hidden)]
pub mod crafted;
pub mod detect;
mod finding;
pub mod fold;
pub mod json;
pub mod logo;
pub mod model;
pub mod offsets;
pub mod picture_text;
pub mod policy;
pub mod rules;
pub mod semantic;
pub mod words;

pub use analyzer::{Analyzer, ImageFinding, Inspection};
pub use finding::{Category, Finding, Severity};
pub use policy::{Mode, Policy, PolicyError};
