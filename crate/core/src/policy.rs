//! The Ente's social media policy, as the analyzer and the extension read it.
//!
//! The same JSON format is used by the CLI (`--policy FILE`), the managed
//! storage of the browser (filled by the IT office through enterprise
//! policies) and the built-in default. Field names are camelCase because
//! browsers' managed-storage schemas are written that way. Every field has a
//! default, so a partial policy is a valid policy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Severity;

/// What the extension does before a post with findings is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Underline only.
    Warn,
    /// Pause sending and ask the employee to confirm.
    #[default]
    Confirm,
    /// Critical findings cannot be sent.
    Block,
}

/// A policy's change to a rule's severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeverityOverride {
    Off,
    Hint,
    Warning,
    Critical,
}

impl SeverityOverride {
    pub fn severity(self) -> Option<Severity> {
        match self {
            SeverityOverride::Off => None,
            SeverityOverride::Hint => Some(Severity::Hint),
            SeverityOverride::Warning => Some(Severity::Warning),
            SeverityOverride::Critical => Some(Severity::Critical),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// The Ente's name, e.g. "Comune di Esempio".
    pub ente_name: String,
    /// Other ways employees refer to the Ente or its organs.
    pub ente_aliases: Vec<String>,
    /// Where the full social media policy is published.
    pub policy_url: String,
    pub mode: Mode,
    /// The disclaimer the quick fix adds to a post.
    pub disclaimer_text: String,
    /// Words the Ente treats as reserved: project code names, internal offices.
    pub confidential_terms: Vec<String>,
    /// The Ente's own public identifiers (switchboard, PEC, payment IBAN),
    /// never flagged. Compared without spaces, dots, dashes or case.
    pub allowlist: Vec<String>,
    /// Rule id to severity, or `off`.
    pub severity_overrides: BTreeMap<String, SeverityOverride>,
    /// Language of the messages: `it` or `en`.
    pub language: String,
    /// Settings the employee cannot change in the extension (`mode`,
    /// `disabledSites`, `pausedSites`, `ignored`).
    pub locked: Vec<String>,
    /// Sites switched on or off, by name (`facebook.com`: false).
    pub sites: BTreeMap<String, bool>,
    /// The employee's hierarchical level, which grades severities
    /// (`employee`, `officer`, `manager`, `executive`).
    pub role_level: Option<RoleLevel>,
    /// Working hours, for the reminder on personal social use while on duty.
    pub work_hours: Option<WorkHours>,
    /// Fingerprints of the Ente's logos (`riserbo logo fingerprint`).
    pub logo_fingerprints: Vec<String>,
    /// Remind, when a photo or video is attached, that offices, documents
    /// and colleagues are not filmed or photographed without authorisation.
    pub media_reminder: bool,
    /// Read the text in attached pictures (OCR, locally) and analyse it
    /// like a post's.
    pub image_text: bool,
}

/// The employee's place in the hierarchy: the sources ask for conduct rules
/// "graduate in base al livello gerarchico e di responsabilità".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleLevel {
    Employee,
    Officer,
    Manager,
    Executive,
}

/// Days (1 = Monday … 7 = Sunday) and a daily span, "08:00" to "14:00".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkHours {
    pub days: Vec<u8>,
    pub start: String,
    pub end: String,
}

impl Default for Policy {
    /// The policy of an Ente that configured nothing: every rule on, no
    /// Ente named, so that whatever Ente the employee names is taken for
    /// their own ("a nome del Comune di Cesenatico" speaks for it). The
    /// demo Comune's coat of arms stands in for a logo, so the picture
    /// check can be tried.
    fn default() -> Policy {
        Policy {
            ente_name: String::new(),
            ente_aliases: vec![
                "il Comune".into(),
                "il sindaco".into(),
                "la giunta".into(),
                "il mio ufficio".into(),
                "in ufficio".into(),
            ],
            policy_url: String::new(),
            mode: Mode::Confirm,
            disclaimer_text: "Le opinioni espresse sono personali e non rappresentano \
                quelle dell'ente per cui lavoro."
                .into(),
            confidential_terms: Vec::new(),
            allowlist: Vec::new(),
            severity_overrides: BTreeMap::new(),
            language: "it".into(),
            locked: Vec::new(),
            sites: BTreeMap::new(),
            role_level: None,
            work_hours: None,
            // The demo Comune's coat of arms (icons/stemma-esempio.svg).
            logo_fingerprints: vec![crate::logo::DEMO_FINGERPRINT.trim().into()],
            media_reminder: true,
            image_text: true,
        }
    }
}

/// Why a policy could not be read.
#[derive(Debug)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// Reads a policy from JSON. Missing fields take the default's values.
    ///
    /// The same reader as [`Policy::validate`] (a byte order mark skipped,
    /// duplicate keys refused, see [`crate::json`]): a policy is accepted
    /// exactly when validation finds no problem.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let problems = Policy::validate(json);
        if !problems.is_empty() {
            return Err(PolicyError(problems.join("; ")));
        }
        let value = crate::json::parse(json).map_err(|e| PolicyError(format!("policy JSON: {e}")))?;
        let policy: Policy = serde_json::from_value(value).map_err(|e| PolicyError(format!("policy JSON: {e}")))?;
        policy.check()?;
        Ok(policy)
    }

    /// Every problem in a policy, each with the path of its field, reading
    /// each field on its own so that one bad field does not hide the others.
    pub fn validate(json: &str) -> Vec<String> {
        let value = match crate::json::parse(json) {
            Ok(v) => v,
            Err(e) => return vec![format!("(file): not valid JSON: {e}")],
        };
        let Some(object) = value.as_object() else {
            return vec!["(file): the policy must be a JSON object".into()];
        };
        let mut problems = Vec::new();
        for (field, value) in object {
            let single = serde_json::json!({ field: value });
            match serde_json::from_value::<Policy>(single) {
                Ok(policy) => {
                    if let Err(e) = policy.check() {
                        problems.push(e.0);
                    }
                }
                Err(e) => problems.push(format!(
                    "{field}: {}",
                    e.to_string().replace(" at line 1 column", " (column")
                )),
            }
        }
        problems
    }

    fn check(&self) -> Result<(), PolicyError> {
        if let Some(hours) = &self.work_hours {
            let time_ok = |t: &str| {
                let mut parts = t.split(':');
                let h = parts.next().and_then(|h| h.parse::<u8>().ok());
                let m = parts.next().and_then(|m| m.parse::<u8>().ok());
                // "24:00" closes a day that ends at midnight.
                matches!((h, m, parts.next()), (Some(h), Some(m), None) if (h < 24 && m < 60) || (h == 24 && m == 0))
            };
            if !hours.days.iter().all(|d| (1..=7).contains(d)) {
                return Err(PolicyError(
                    "workHours.days: days go from 1 (Monday) to 7 (Sunday)".into(),
                ));
            }
            if !time_ok(&hours.start) || !time_ok(&hours.end) {
                return Err(PolicyError(
                    "workHours.start/end: times are written HH:MM, e.g. \"08:00\"".into(),
                ));
            }
        }
        const LOCKABLE: &[&str] = &["mode", "disabledSites", "pausedSites", "ignored"];
        if let Some(bad) = self.locked.iter().find(|k| !LOCKABLE.contains(&k.as_str())) {
            return Err(PolicyError(format!(
                "locked: `{bad}` is not a setting (use {})",
                LOCKABLE.join(", ")
            )));
        }
        for rule in self.severity_overrides.keys() {
            if crate::rules::by_id(rule).is_none() {
                return Err(PolicyError(format!("severityOverrides: unknown rule id `{rule}`")));
            }
        }
        for (i, print) in self.logo_fingerprints.iter().enumerate() {
            if let Err(e) = crate::logo::Fingerprint::decode(print) {
                return Err(PolicyError(format!("logoFingerprints[{i}]: {e}")));
            }
        }
        // A list entry with no letter or digit names nothing: a blank
        // allowlist entry once excused every meaning-level finding.
        let lists: [(&str, &Vec<String>, &str); 3] = [
            ("allowlist", &self.allowlist, "names no identifier"),
            ("confidentialTerms", &self.confidential_terms, "names no word"),
            ("enteAliases", &self.ente_aliases, "names no word"),
        ];
        for (field, list, what) in lists {
            if let Some((i, bad)) = list
                .iter()
                .enumerate()
                .find(|(_, e)| !e.chars().any(char::is_alphanumeric))
            {
                return Err(PolicyError(format!(
                    "{field}[{i}]: `{bad}` {what} (no letter or digit): remove it"
                )));
            }
        }
        if !matches!(self.language.as_str(), "it" | "en") {
            return Err(PolicyError(format!(
                "language: `{}` is not supported (use `it` or `en`)",
                self.language
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_logo_fingerprint_is_named() {
        let problems = Policy::validate(r#"{"logoFingerprints": ["stemma.png"]}"#);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("logoFingerprints[0]: not a logo fingerprint"),
            "{problems:?}"
        );
        assert!(Policy::from_json(r#"{"logoFingerprints": []}"#)
            .unwrap()
            .logo_fingerprints
            .is_empty());
    }

    #[test]
    fn partial_policy_keeps_defaults() {
        let p = Policy::from_json(r#"{"enteName": "Comune di Prova", "mode": "block"}"#).unwrap();
        assert_eq!(p.ente_name, "Comune di Prova");
        assert_eq!(p.mode, Mode::Block);
        assert_eq!(p.language, "it");
    }

    #[test]
    fn rejects_unknown_fields_rules_and_languages() {
        assert!(Policy::from_json(r#"{"enteNome": "x"}"#)
            .unwrap_err()
            .0
            .contains("enteNome"));
        let err = Policy::from_json(r#"{"severityOverrides": {"nope": "off"}}"#).unwrap_err();
        assert!(err.0.contains("nope"), "{err}");
        assert!(Policy::from_json(r#"{"language": "fr"}"#).is_err());
    }

    #[test]
    fn validate_names_every_bad_field_by_path() {
        let problems = Policy::validate(
            r#"{"enteName": "Comune di Prova", "mode": "sometimes", "workHours": {"days": [1, 9], "start": "8", "end": "14:00"},
                "locked": ["colour"], "enteNome": "x"}"#,
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("mode:")), "{problems:?}");
        assert!(
            problems.iter().any(|p| p.starts_with("workHours.days:")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.starts_with("locked:")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("enteNome")), "{problems:?}");
        assert!(Policy::validate("{}").is_empty());
        assert!(Policy::validate(r#"{"workHours": {"days": [1], "start": "00:00", "end": "24:00"}}"#).is_empty());
        assert!(!Policy::validate(r#"{"workHours": {"days": [1], "start": "00:00", "end": "24:01"}}"#).is_empty());
        assert_eq!(Policy::validate("[1]"), ["(file): the policy must be a JSON object"]);
    }

    #[test]
    fn blank_or_punctuation_entries_are_named_and_refused() {
        for (json, field) in [
            (r#"{"allowlist": [" "]}"#, "allowlist[0]"),
            (r#"{"allowlist": ["+39 0965 123456", ""]}"#, "allowlist[1]"),
            (r#"{"allowlist": ["\t\n"]}"#, "allowlist[0]"),
            (r#"{"allowlist": ["-.-"]}"#, "allowlist[0]"),
            (r#"{"confidentialTerms": ["Fenice", "  "]}"#, "confidentialTerms[1]"),
            (r#"{"enteAliases": ["..."]}"#, "enteAliases[0]"),
        ] {
            let problems = Policy::validate(json);
            assert_eq!(problems.len(), 1, "{json}: {problems:?}");
            assert!(problems[0].starts_with(field), "{json}: {problems:?}");
            assert!(Policy::from_json(json).is_err(), "{json}");
        }
        assert!(Policy::validate(r#"{"allowlist": ["+39 0965 123456"]}"#).is_empty());
    }

    #[test]
    fn validate_and_from_json_read_alike() {
        // A duplicate key is refused by both, wherever it is.
        for json in [
            r#"{"mode": "warn", "mode": "block"}"#,
            r#"{"workHours": {"days": [1], "days": [2], "start": "08:00", "end": "14:00"}}"#,
        ] {
            let problems = Policy::validate(json);
            assert!(
                problems.len() == 1 && problems[0].contains("duplicate key"),
                "{json}: {problems:?}"
            );
            assert!(Policy::from_json(json).unwrap_err().0.contains("duplicate key"));
        }
        // A byte order mark is accepted by both.
        let bom = "\u{FEFF}{\"mode\": \"block\"}";
        assert!(Policy::validate(bom).is_empty());
        assert_eq!(Policy::from_json(bom).unwrap().mode, Mode::Block);
    }

    #[test]
    fn default_round_trips_through_json() {
        let json = serde_json::to_string(&Policy::default()).unwrap();
        assert_eq!(Policy::from_json(&json).unwrap(), Policy::default());
    }
}
