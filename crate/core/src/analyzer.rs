//! The analyzer: built once from a policy, then run on every keystroke.

use std::ops::Range;

use crate::detect::{self, Input};
use crate::fold::Folded;
use crate::logo::{Accept, Fingerprint, ImageError, LogoDetector, LogoMatch};
use crate::policy::RoleLevel;
use crate::rules::Rule;
use crate::semantic::{self, Semantic};
use crate::{Category, Finding, Policy, Severity};

/// Analyses texts against one policy. Building it does the per-policy work
/// (reading the allowlist) so that `analyze` stays cheap.
pub struct Analyzer {
    policy: Policy,
    semantic: Semantic,
    /// Canonical forms of the allowlist's identifiers.
    allowlist: Vec<String>,
    logos: LogoDetector,
}

/// A finding in a picture: the rule broken and where in the picture.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ImageFinding {
    #[serde(flatten)]
    pub finding: Finding,
    /// The place, in the picture's pixels, and the match score.
    pub area: LogoMatch,
}

impl Analyzer {
    pub fn new(policy: Policy) -> Analyzer {
        // Each entry is read by the same detectors that read posts, so the
        // switchboard written "+39 0965 123456" in the policy matches
        // "0965/123456" in a post: both have the same canonical form.
        let mut allowlist: Vec<String> = Vec::new();
        for entry in &policy.allowlist {
            allowlist.extend(detect::all(&Input::new(entry)).into_iter().map(|hit| hit.canonical));
            allowlist.push(compact(entry));
        }
        let semantic = Semantic::new(&policy);
        // Policies are checked when read, so a fingerprint that does not
        // decode here can only come from a policy built in code: skip it.
        let prints: Vec<Fingerprint> = policy
            .logo_fingerprints
            .iter()
            .filter_map(|f| Fingerprint::decode(f).ok())
            .collect();
        Analyzer {
            policy,
            semantic,
            allowlist,
            logos: LogoDetector::new(&prints),
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every finding in `text`, ordered by position; offsets are bytes.
    pub fn analyze(&self, text: &str) -> Vec<Finding> {
        let input = Input::new(text);
        let mut hits = detect::all(&input);
        let post = self.semantic.post(text, &input.words);
        hits.extend(semantic::confidential::find(&self.semantic, &post));
        hits.extend(semantic::voice::find(&self.semantic, &post));
        hits.extend(semantic::reputation::find(&self.semantic, &post));
        let mut hits = semantic::merge(hits);
        hits.retain(|hit| {
            !self.allowlist.contains(&hit.canonical) && !self.allowlist.contains(&compact(&hit.canonical))
        });
        let mut findings: Vec<Finding> = hits
            .into_iter()
            .filter_map(|hit| self.finding(hit.rule, hit.severity, hit.span.clone(), text[hit.span].to_string()))
            .collect();
        findings.sort_by_key(|f| (f.start, f.end));
        findings
    }

    /// The Ente's logos in a picture given as 8-bit luma (one byte a pixel,
    /// see [`crate::logo::luma_from_rgba`]), best match first.
    pub fn analyze_image(&self, width: usize, height: usize, luma: &[u8]) -> Result<Vec<ImageFinding>, ImageError> {
        self.analyze_image_with(width, height, luma, Accept::DEFAULT)
    }

    /// As [`Analyzer::analyze_image`], with other match thresholds.
    pub fn analyze_image_with(
        &self,
        width: usize,
        height: usize,
        luma: &[u8],
        accept: Accept,
    ) -> Result<Vec<ImageFinding>, ImageError> {
        // A policy that switches the rule off spares the search too.
        let Some(finding) = self.finding(&crate::rules::LOGO, crate::rules::LOGO.severity, 0..0, String::new()) else {
            return Ok(Vec::new());
        };
        let found = self.logos.detect_luma_with(width, height, luma, accept)?;
        Ok(found
            .into_iter()
            .map(|area| ImageFinding {
                finding: finding.clone(),
                area,
            })
            .collect())
    }

    /// The severity this policy gives a finding of `rule` that its detector
    /// rated `severity`: the policy's override, or the rank's grading;
    /// `None` when the policy switches the rule off.
    pub fn severity(&self, rule: &Rule, severity: Severity) -> Option<Severity> {
        match self.policy.severity_overrides.get(rule.id) {
            Some(o) => o.severity(),
            None => Some(graded(severity, rule.category, self.policy.role_level)),
        }
    }

    /// The finding of `rule` at `span`, with the policy's severity override
    /// or the rank's grading; `None` when the policy switches the rule off.
    fn finding(&self, rule: &Rule, severity: Severity, span: Range<usize>, text: String) -> Option<Finding> {
        let severity = self.severity(rule, severity)?;
        Some(Finding {
            category: rule.category,
            kind: rule.kind.into(),
            severity,
            start: span.start,
            end: span.end,
            text,
            rule: rule.id.into(),
            source: rule.source.into(),
            message: rule.message(&self.policy.language).into(),
            evidence: Vec::new(),
        })
    }
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new(Policy::default())
    }
}

/// Conduct graded by rank (DPR 81/2023: the social media policy grades it
/// "in base al livello gerarchico e di responsabilità"): what a manager says
/// on their own profile is more easily taken for the Ente's voice, and
/// weighs more on its image.
fn graded(severity: Severity, category: Category, role: Option<RoleLevel>) -> Severity {
    let senior = matches!(role, Some(RoleLevel::Manager | RoleLevel::Executive));
    let exposed = matches!(category, Category::InstitutionalVoice | Category::Reputation);
    if senior && exposed && severity == Severity::Warning {
        Severity::Critical
    } else {
        severity
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
        assert_eq!(Analyzer::new(lowered).analyze(text)[0].severity, Severity::Hint);

        let mut off = Policy::default();
        off.severity_overrides.insert(
            "personal_data.codice_fiscale".into(),
            crate::policy::SeverityOverride::Off,
        );
        assert!(Analyzer::new(off).analyze(text).is_empty());
    }

    #[test]
    fn the_entes_published_contacts_are_never_flagged() {
        let policy = Policy {
            allowlist: vec![
                "+39 0965 123456".into(),
                "protocollo@pec.comune.esempio.it".into(),
                "IT60 X054 2811 1010 0000 0123 456".into(),
            ],
            ..Policy::default()
        };
        let analyzer = Analyzer::new(policy);
        let text = "Centralino 0965/123456, PEC Protocollo@pec.comune.esempio.it, \
            pagamenti su IT60X0542811101000000123456";
        assert!(analyzer.analyze(text).is_empty(), "{:?}", analyzer.analyze(text));
        // A citizen's number next to them still is.
        let kinds: Vec<String> = analyzer
            .analyze("cell del signore 333 1234567")
            .into_iter()
            .map(|f| f.kind)
            .collect();
        assert_eq!(kinds, ["phone"]);
    }

    #[test]
    fn obfuscated_identifiers_are_still_found() {
        let analyzer = Analyzer::default();
        for (text, kind) in [
            ("cell 3\u{200B}3\u{200B}3 1234567", "phone"),
            ("IT60X0542811101000000123456".replace('0', "O").as_str(), "iban"),
            ("ｍａｒｉｏ@gmail.com e basta", "email"),
            ("carta ４１１１ １１１１ １１１１ １１１１", "payment_card"),
        ] {
            let kinds: Vec<String> = analyzer.analyze(text).into_iter().map(|f| f.kind).collect();
            assert!(kinds.iter().any(|k| k == kind), "{text}: {kinds:?}");
        }
    }

    #[test]
    fn managers_get_voice_and_reputation_as_critical() {
        let text = "A nome del Comune vi comunico che lo sportello resta chiuso";
        assert_eq!(Analyzer::default().analyze(text)[0].severity, Severity::Warning);
        let manager = Policy {
            role_level: Some(RoleLevel::Manager),
            ..Policy::default()
        };
        assert_eq!(Analyzer::new(manager).analyze(text)[0].severity, Severity::Critical);
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

    #[test]
    fn the_policy_grades_or_switches_off_the_logo_rule() {
        // The demo coat of arms, drawn again from its own fingerprint.
        let print = crate::logo::Fingerprint::decode(crate::logo::DEMO_FINGERPRINT).unwrap();
        let (w, h) = (print.luma.width, print.luma.height);
        let luma: Vec<u8> = (0..w * h)
            .map(|i| {
                let value = if print.mask.pixels[i] > 0.5 {
                    print.luma.pixels[i]
                } else {
                    1.0
                };
                (value * 255.0).round() as u8
            })
            .collect();
        let found = Analyzer::default().analyze_image(w, h, &luma).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].finding.rule.as_str(), found[0].finding.severity),
            ("logo.ente", Severity::Critical)
        );
        let with = |value: &str| {
            let json = format!(r#"{{"severityOverrides": {{"logo.ente": "{value}"}}}}"#);
            Analyzer::new(Policy::from_json(&json).unwrap())
                .analyze_image(w, h, &luma)
                .unwrap()
        };
        assert_eq!(with("warning")[0].finding.severity, Severity::Warning);
        assert!(with("off").is_empty());
    }
}
