//! The catalogue of rules: what each detector enforces, where the rule comes
//! from and how it is explained to the employee.
//!
//! Rule ids are stable: the managed policy refers to them (severity
//! overrides), the extension stores them (ignored findings), and tests pin
//! them. Sources cite the law and the documents in `shared/seeds/` by their
//! number (doc. 000–004), so an employee can always look the rule up.

use crate::{Category, Severity};

/// One rule an employee can break.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    pub kind: &'static str,
    /// Severity before the policy's overrides.
    pub severity: Severity,
    pub source: &'static str,
    pub message_it: &'static str,
    pub message_en: &'static str,
}

impl Rule {
    pub fn message(&self, language: &str) -> &'static str {
        if language == "en" {
            self.message_en
        } else {
            self.message_it
        }
    }
}

pub const CODICE_FISCALE: Rule = Rule {
    id: "personal_data.codice_fiscale",
    category: Category::PersonalData,
    kind: "codice_fiscale",
    severity: Severity::Critical,
    source: "DPR 62/2013 art. 12 c.5 e art. 11-ter c.3; Reg. UE 2016/679; doc. 001 p.3",
    message_it: "Questo è un codice fiscale valido: identifica una persona. \
        Un dato personale conosciuto per ragioni d'ufficio non si pubblica sui social \
        (DPR 62/2013 art. 12 c.5).",
    message_en: "This is a valid Italian tax code: it identifies a person. \
        Personal data learnt at work must not be published on social media \
        (DPR 62/2013 art. 12 c.5).",
};

/// Every rule, for listing and for validating policy overrides.
pub const ALL: &[&Rule] = &[&CODICE_FISCALE];

/// The rule with this id, if any.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}
