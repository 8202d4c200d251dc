//! What the analyzer reports: a span of the text, why it is a problem and
//! which rule says so.
//!
//! The category ids are a contract shared by the CLI, the wasm API, the
//! extension's UI and the managed policy: they are serialised in snake case
//! and must never be renamed.

use serde::{Deserialize, Serialize};

/// The five families of rules an employee can break on a social network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A citizen's personal data (DPR 62/2013 art. 12 c.5, GDPR).
    PersonalData,
    /// Office secrets and internal matters (art. 11-ter c.3, art. 12 c.5).
    Confidential,
    /// Speaking for the Ente from a personal profile (art. 11-ter c.1).
    InstitutionalVoice,
    /// Statements that harm the Ente's image or colleagues (art. 11-ter c.2).
    Reputation,
    /// The Ente's logo on a personal profile or post.
    Logo,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::PersonalData,
        Category::Confidential,
        Category::InstitutionalVoice,
        Category::Reputation,
        Category::Logo,
    ];

    /// The stable id, as serialised.
    pub fn id(self) -> &'static str {
        match self {
            Category::PersonalData => "personal_data",
            Category::Confidential => "confidential",
            Category::InstitutionalVoice => "institutional_voice",
            Category::Reputation => "reputation",
            Category::Logo => "logo",
        }
    }

    /// A short Italian label for people.
    pub fn label_it(self) -> &'static str {
        match self {
            Category::PersonalData => "dati personali",
            Category::Confidential => "informazioni riservate",
            Category::InstitutionalVoice => "voce istituzionale",
            Category::Reputation => "reputazione dell'Ente",
            Category::Logo => "logo dell'Ente",
        }
    }
}

/// How serious a finding is. The order matters: `Hint < Warning < Critical`,
/// and "warning or above" is what pauses sending and sets the CLI's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Hint,
    Warning,
    Critical,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

/// One problem found in a text.
///
/// `start` and `end` are byte offsets into the analysed `&str` (end
/// exclusive). Front ends convert them once, at their edge, to what their
/// users count: code points for the CLI, UTF-16 code units for the DOM (see
/// [`crate::offsets`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub category: Category,
    /// What was found, e.g. `codice_fiscale`.
    pub kind: String,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    /// The matched text, exactly as written.
    pub text: String,
    /// Stable rule id, e.g. `personal_data.codice_fiscale`.
    pub rule: String,
    /// The norm the rule comes from, e.g. "DPR 62/2013 art. 12 c.5".
    pub source: String,
    /// Plain Italian: what is wrong and which rule says so.
    pub message: String,
    /// The words of the text that weighed most in a learned model's score,
    /// as written, strongest first; empty for findings of the rules, whose
    /// span and message already say why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

impl Finding {
    /// True when this finding should stop a post or fail the CLI.
    pub fn is_blocking(&self) -> bool {
        self.severity >= Severity::Warning
    }
}
