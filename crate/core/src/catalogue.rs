//! The rule catalogue as a front end receives it: every rule with what a
//! finding of it needs to be shown (category, messages in both languages,
//! source), the quick fixes it offers and the severity the policy gives it.
//!
//! The extension fetches it once per page and receives findings as rule id,
//! severity and span only, so a page with thousands of findings does not get
//! the same message thousands of times, and no front end keeps its own list
//! of which rules can be masked or which findings hold a post back.

use serde::Serialize;

use crate::rules::{self, Fix, Rule};
use crate::{Analyzer, Category, Severity};

/// The rules in force under one policy.
#[derive(Clone, Debug, Serialize)]
pub struct Catalogue {
    /// The policy's language (`it` or `en`): which message to show.
    pub language: String,
    /// The severities that hold a post back before sending (in `block`
    /// mode, `critical` ones cannot be sent at all).
    pub blocking: Vec<Severity>,
    pub rules: Vec<CatalogueRule>,
}

/// One rule of the catalogue.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogueRule {
    pub id: &'static str,
    pub category: Category,
    pub kind: &'static str,
    /// The severity of its findings under this policy before context raises
    /// it (a phone number called "cell." is critical); `None` when the
    /// policy switches the rule off.
    pub severity: Option<Severity>,
    pub source: &'static str,
    pub messages: Messages,
    pub fixes: &'static [Fix],
    /// Never silenced by the employee's own list of words not to flag.
    pub validated: bool,
}

/// A rule's message in each language the extension speaks.
#[derive(Clone, Debug, Serialize)]
pub struct Messages {
    pub it: &'static str,
    pub en: &'static str,
}

impl Catalogue {
    /// Every rule, as `analyzer`'s policy applies it.
    pub fn of(analyzer: &Analyzer) -> Catalogue {
        Catalogue {
            language: analyzer.policy().language.clone(),
            blocking: [Severity::Hint, Severity::Warning, Severity::Critical]
                .into_iter()
                .filter(|&s| s >= Severity::Warning)
                .collect(),
            rules: rules::ALL.iter().map(|rule| entry(analyzer, rule)).collect(),
        }
    }
}

fn entry(analyzer: &Analyzer, rule: &'static Rule) -> CatalogueRule {
    CatalogueRule {
        id: rule.id,
        category: rule.category,
        kind: rule.kind,
        severity: analyzer.severity(rule, rule.severity),
        source: rule.source,
        messages: Messages {
            it: rule.message_it,
            en: rule.message_en,
        },
        fixes: rule.fixes(),
        validated: rule.validated(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn rule<'a>(catalogue: &'a Catalogue, id: &str) -> &'a CatalogueRule {
        catalogue.rules.iter().find(|r| r.id == id).unwrap()
    }

    #[test]
    fn every_rule_is_listed_once_with_both_messages() {
        let catalogue = Catalogue::of(&Analyzer::default());
        assert_eq!(catalogue.rules.len(), rules::ALL.len());
        for entry in &catalogue.rules {
            assert!(
                !entry.messages.it.is_empty() && !entry.messages.en.is_empty(),
                "{}",
                entry.id
            );
            assert_eq!(catalogue.rules.iter().filter(|r| r.id == entry.id).count(), 1);
        }
        assert_eq!(catalogue.blocking, [Severity::Warning, Severity::Critical]);
    }

    #[test]
    fn identifiers_are_masked_and_the_entes_voice_gets_a_disclaimer() {
        let catalogue = Catalogue::of(&Analyzer::default());
        assert_eq!(rule(&catalogue, "personal_data.codice_fiscale").fixes, [Fix::Mask]);
        assert_eq!(rule(&catalogue, "personal_data.phone").fixes, [Fix::Mask]);
        assert_eq!(
            rule(&catalogue, "institutional_voice.on_behalf").fixes,
            [Fix::Disclaimer]
        );
        assert_eq!(rule(&catalogue, "reputation.denigration").fixes, [Fix::Disclaimer]);
        // A home address is not an identifier: masking the civic number
        // alone would leave the street.
        assert!(rule(&catalogue, "personal_data.address").fixes.is_empty());
        assert!(rule(&catalogue, "confidential.tender").fixes.is_empty());
        assert!(rule(&catalogue, "personal_data.iban").validated);
        assert!(rule(&catalogue, "logo.ente").validated);
        assert!(!rule(&catalogue, "personal_data.phone").validated);
    }

    #[test]
    fn the_policy_sets_each_rules_severity() {
        let policy = Policy::from_json(
            r#"{"roleLevel": "manager", "language": "en",
                "severityOverrides": {"personal_data.phone": "off", "confidential.tender": "critical"}}"#,
        )
        .unwrap();
        let catalogue = Catalogue::of(&Analyzer::new(policy));
        assert_eq!(catalogue.language, "en");
        assert_eq!(rule(&catalogue, "personal_data.phone").severity, None);
        assert_eq!(
            rule(&catalogue, "confidential.tender").severity,
            Some(Severity::Critical)
        );
        // Managers speaking for the Ente: graded up.
        assert_eq!(
            rule(&catalogue, "institutional_voice.on_behalf").severity,
            Some(Severity::Critical)
        );
        assert_eq!(
            rule(&catalogue, "personal_data.email").severity,
            Some(Severity::Warning)
        );
    }

    #[test]
    fn it_serialises_as_the_extension_reads_it() {
        let json = serde_json::to_value(Catalogue::of(&Analyzer::default())).unwrap();
        let cf = &json["rules"][0];
        assert_eq!(cf["id"], "personal_data.codice_fiscale");
        assert_eq!(cf["category"], "personal_data");
        assert_eq!(cf["severity"], "critical");
        assert_eq!(cf["fixes"], serde_json::json!(["mask"]));
        assert!(cf["messages"]["it"].as_str().unwrap().contains("codice fiscale"));
        assert_eq!(json["blocking"], serde_json::json!(["warning", "critical"]));
    }
}
