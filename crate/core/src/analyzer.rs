//! The analyzer: built once from a policy, then run on every keystroke.

use crate::detect::{self, Hit, Input};
use crate::fold::Folded;
use crate::{Finding, Policy};

/// Analyses texts against one policy. Building it does the per-policy work
/// (normalising the allowlist) so that `analyze` stays cheap.
pub struct Analyzer {
    policy: Policy,
    /// Allowlist entries folded to upper-case alphanumerics.
    allowlist: Vec<String>,
}

impl Analyzer {
    pub fn new(policy: Policy) -> Analyzer {
        let allowlist = policy.allowlist.iter().map(|s| compact(s)).collect();
        Analyzer { policy, allowlist }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every finding in `text`, ordered by position; offsets are bytes.
    pub fn analyze(&self, text: &str) -> Vec<Finding> {
        let mut hits = detect::all(&Input::new(text));
        hits.retain(|hit| !self.allowlist.contains(&compact(&hit.canonical)));
        let mut findings: Vec<Finding> = hits
            .into_iter()
            .filter_map(|hit| self.finding(text, hit))
            .collect();
        findings.sort_by_key(|f| (f.start, f.end));
        findings
    }

    fn finding(&self, text: &str, hit: Hit) -> Option<Finding> {
        let rule = hit.rule;
        let severity = match self.policy.severity_overrides.get(rule.id) {
            Some(o) => o.severity()?,
            None => hit.severity,
        };
        Some(Finding {
            category: rule.category,
            kind: rule.kind.into(),
            severity,
            start: hit.span.start,
            end: hit.span.end,
            text: text[hit.span].to_string(),
            rule: rule.id.into(),
            source: rule.source.into(),
            message: rule.message(&self.policy.language).into(),
        })
    }
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new(Policy::default())
    }
}

/// Upper-case alphanumerics only: how identifiers are compared.
fn compact(s: &str) -> String {
    Folded::new(s)
        .chars
        .into_iter()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Severity};

    #[test]
    fn reports_a_codice_fiscale_with_its_rule_and_source() {
        let text = "Il cittadino RSSMRA85T10A562S ha chiesto il rimborso";
        let findings = Analyzer::default().analyze(text);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.category, Category::PersonalData);
        assert_eq!(f.kind, "codice_fiscale");
        assert_eq!(f.severity, Severity::Critical);
        assert_eq!(&text[f.start..f.end], "RSSMRA85T10A562S");
        assert_eq!(f.rule, "personal_data.codice_fiscale");
        assert!(f.message.contains("art. 12 c.5"), "{}", f.message);
    }

    #[test]
    fn clean_text_has_no_findings() {
        assert!(Analyzer::default()
            .analyze("Bella giornata al mare con la famiglia!")
            .is_empty());
    }

    #[test]
    fn policy_allowlist_and_overrides_apply() {
        let text = "RSSMRA85T10A562S";
        let allow = Policy {
            allowlist: vec!["rss-mra-85t10-a562s".into()],
            ..Policy::default()
        };
        assert!(Analyzer::new(allow).analyze(text).is_empty());

        let mut lowered = Policy::default();
        lowered.severity_overrides.insert(
            "personal_data.codice_fiscale".into(),
            crate::policy::SeverityOverride::Hint,
        );
        assert_eq!(
            Analyzer::new(lowered).analyze(text)[0].severity,
            Severity::Hint
        );

        let mut off = Policy::default();
        off.severity_overrides.insert(
            "personal_data.codice_fiscale".into(),
            crate::policy::SeverityOverride::Off,
        );
        assert!(Analyzer::new(off).analyze(text).is_empty());
    }

    #[test]
    fn english_messages_follow_the_policy_language() {
        let en = Policy {
            language: "en".into(),
            ..Policy::default()
        };
        let f = &Analyzer::new(en).analyze("RSSMRA85T10A562S")[0];
        assert!(f.message.starts_with("This is a valid Italian tax code"));
    }
}
