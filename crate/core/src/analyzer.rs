//! The analyzer: built once from a policy, then run on every keystroke.
//!
//! A post goes through the rules (identifiers, phrases, the meaning-level
//! rules) and the learned model ([`crate::model`]), and the two are
//! combined per category with the model's calibrated thresholds:
//!
//! - a validated identifier always stands;
//! - a rule's meaning-level finding stands unless the model, trained on
//!   many authors, finds the category unlikely (below `keep_rule`): then it
//!   is only a hint;
//! - where no rule spoke, the model warns on its own when it is confident
//!   (from `warn`), and hints when it is less so (from `hint`), underlining
//!   the clause whose words weighed most and naming them.

use std::ops::{Deref, Range};

use crate::detect::{self, Hit, Input};
use crate::fold::Folded;
use crate::logo::{Accept, Fingerprint, ImageError, LogoDetector, LogoMatch};
use crate::model::calibrate::Outcome;
use crate::model::features::{self, FeatureSet, Features};
use crate::model::{self, Model};
use crate::policy::RoleLevel;
use crate::rules::Rule;
use crate::semantic::{self, Post, Semantic};
use crate::{Category, Finding, Policy, Severity};

/// Analyses texts against one policy. Building it does the per-policy work
/// (reading the allowlist) so that `analyze` stays cheap.
pub struct Analyzer {
    policy: Policy,
    semantic: Semantic,
    /// Canonical forms of the allowlist's identifiers.
    allowlist: Vec<String>,
    logos: LogoDetector,
    model: Option<ModelRef>,
    /// The model's features of the words seen lately.
    words: features::WordCache,
}

/// The built-in model, or one trained for an evaluation.
enum ModelRef {
    Embedded(&'static Model),
    Owned(Box<Model>),
}

impl Deref for ModelRef {
    type Target = Model;
    fn deref(&self) -> &Model {
        match self {
            ModelRef::Embedded(m) => m,
            ModelRef::Owned(m) => m,
        }
    }
}

/// What a post looks like to the model and to the rules, before any
/// threshold: what training and calibration need.
pub struct Inspection {
    pub features: Features,
    /// The token ranges the model scores (see [`features::windows`]), and
    /// the byte span of each.
    pub windows: Vec<Range<usize>>,
    pub window_spans: Vec<Range<usize>>,
    /// Per category, where the rules first warned about it.
    pub rule_spans: [Option<Range<usize>>; 4],
    pub outcome: Outcome,
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
        // An entry with no letter or digit (" ", "-") names no identifier;
        // kept, its empty form would excuse whatever has an empty one.
        allowlist.retain(|form| form.chars().any(char::is_alphanumeric));
        allowlist.sort_unstable();
        allowlist.dedup();
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
            model: Model::embedded().map(ModelRef::Embedded),
            words: features::WordCache::default(),
        }
    }

    /// An analyzer with another model (or none: the rules alone), for
    /// evaluations.
    pub fn with_model(policy: Policy, model: Option<Model>) -> Analyzer {
        let mut analyzer = Analyzer::new(policy);
        analyzer.model = model.map(|m| ModelRef::Owned(Box::new(m)));
        analyzer
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every finding in `text`, ordered by position; offsets are bytes.
    pub fn analyze(&self, text: &str) -> Vec<Finding> {
        let input = Input::new(text);
        let post = self.semantic.post(text, &input.words);
        let (hits, mut excused) = self.rule_hits(&input, &post);
        let mut findings: Vec<(Finding, bool)> = Vec::with_capacity(hits.len());
        for hit in &hits {
            let span = hit.span.clone();
            match self.finding(hit.rule, hit.severity, span.clone(), text[span.clone()].to_string()) {
                Some(f) => findings.push((f, hit.rule.identifier)),
                // What the policy switched off is excused like what it lists.
                None => excused.push(span),
            }
        }
        if let Some(model) = self.model.as_deref() {
            let features = features::extract(
                &post,
                &rule_origins(&hits),
                model.bits,
                model.features,
                Some(&self.words),
            );
            let windows = features::windows(&post, model.features);
            let scores = model.score(&features, &windows);
            let probabilities = scores.probabilities;
            // One word is no sentence: a lone "nu" a picture's text reader
            // made of a sign's stroke scored as an insult. The model speaks
            // from two words on ("sindaco pagliaccio", "DSGA ladra.").
            let too_short = post
                .tokens
                .iter()
                .filter(|t| t.norm.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                .count()
                < 2;
            for (k, &category) in model::CATEGORIES.iter().enumerate() {
                let t = model.thresholds[k];
                let mut warned = false;
                for (f, identifier) in findings.iter_mut().filter(|(f, _)| f.category == category) {
                    if !*identifier && f.severity >= Severity::Warning && probabilities[k] < t.keep_rule {
                        f.severity = Severity::Hint;
                    }
                    warned |= f.severity >= Severity::Warning;
                }
                let disclaimed = category == Category::InstitutionalVoice && semantic::voice::disclaimed(&post);
                if !warned && !disclaimed && !too_short && probabilities[k] >= t.hint {
                    let severity = if probabilities[k] >= t.warn {
                        Severity::Warning
                    } else {
                        Severity::Hint
                    };
                    let window = model.features.windows.then(|| windows[scores.best[k]].clone());
                    if let Some(f) = self.learned(k, &post, &features, &windows, window, model, severity) {
                        // Numbers are the detectors' business: personal
                        // data the model finds on the strength of codes and
                        // dates ("Scontrino n. A45456761 del 2024-05-12"),
                        // with fewer than two words that speak of a person
                        // or a matter, is not reported, not even as a hint.
                        let codes_only = category == Category::PersonalData && worded(&f.evidence) < 2;
                        // What the policy excuses (the Ente's own
                        // switchboard, a rule it switched off) does not come
                        // back as the model's personal data.
                        let ente_own = category == Category::PersonalData
                            && excused.iter().any(|s| s.start < f.end && f.start < s.end);
                        if !ente_own && !codes_only {
                            findings.push((f, false));
                        }
                    }
                }
            }
        }
        let mut findings: Vec<Finding> = findings.into_iter().map(|(f, _)| f).collect();
        findings.sort_by_key(|f| (f.start, f.end));
        findings
    }

    /// The rules' hits: identifiers, phrases and meaning-level rules, with
    /// the policy's allowlist applied.
    fn rule_hits(&self, input: &Input, post: &Post) -> (Vec<Hit>, Vec<Range<usize>>) {
        let mut hits = detect::all(input);
        hits.extend(semantic::confidential::find(&self.semantic, post));
        hits.extend(semantic::voice::find(&self.semantic, post));
        hits.extend(semantic::reputation::find(&self.semantic, post));
        let (excused, hits): (Vec<Hit>, Vec<Hit>) =
            semantic::merge(hits).into_iter().partition(|hit| self.allowlisted(hit));
        (hits, excused.into_iter().map(|h| h.span).collect())
    }

    /// Is `hit` one of the Ente's own published identifiers? The allowlist
    /// names identifiers only: a meaning-level finding (a disclosure, the
    /// Ente's voice, an insult) is never excused by it, whatever it lists.
    fn allowlisted(&self, hit: &Hit) -> bool {
        if hit.rule.category != Category::PersonalData || self.allowlist.is_empty() {
            return false;
        }
        let listed = |form: &str| {
            form.chars().any(char::is_alphanumeric) && self.allowlist.binary_search_by(|a| a.as_str().cmp(form)).is_ok()
        };
        listed(&hit.canonical) || listed(&compact(&hit.canonical))
    }

    /// The model's own finding for category `k`: the window that scored
    /// (or the clause whose words weighed most), and those words.
    #[allow(clippy::too_many_arguments)]
    fn learned(
        &self,
        k: usize,
        post: &Post,
        features: &Features,
        windows: &[Range<usize>],
        window: Option<Range<usize>>,
        model: &Model,
        severity: Severity,
    ) -> Option<Finding> {
        let weights = model.token_weights(features, windows, k);
        let (span, evidence) = explain(post, &weights, window)?;
        let mut f = self.finding(LEARNED[k], severity, span.clone(), post.text[span].to_string())?;
        // The policy grades the model's confident findings; a middling one
        // stays a hint whatever the policy raises the rule to.
        f.severity = f.severity.min(if severity == Severity::Hint {
            Severity::Hint
        } else {
            Severity::Critical
        });
        f.evidence = evidence;
        Some(f)
    }

    /// What training and calibration need of `text`: the features (hashed
    /// into `2^bits` buckets) and which categories the rules warned about.
    pub fn inspect(&self, text: &str, bits: u32, set: FeatureSet) -> Inspection {
        let input = Input::new(text);
        let post = self.semantic.post(text, &input.words);
        let (hits, _) = self.rule_hits(&input, &post);
        let windows = features::windows(&post, set);
        let window_spans = windows
            .iter()
            .map(|w| {
                match (
                    post.tokens.get(w.start),
                    w.end.checked_sub(1).and_then(|e| post.tokens.get(e)),
                ) {
                    (Some(a), Some(b)) => a.span.start..b.span.end,
                    _ => 0..text.len(),
                }
            })
            .collect();
        let mut outcome = Outcome::default();
        let mut rule_spans: [Option<Range<usize>>; 4] = Default::default();
        for hit in &hits {
            let Some(k) = model::category_index(hit.rule.category) else {
                continue;
            };
            let Some(f) = self.finding(hit.rule, hit.severity, hit.span.clone(), String::new()) else {
                continue;
            };
            if f.severity >= Severity::Warning {
                if hit.rule.identifier {
                    outcome.identifier[k] = true;
                } else {
                    outcome.phrase[k] = true;
                }
                rule_spans[k].get_or_insert(hit.span.clone());
            }
        }
        Inspection {
            features: features::extract(&post, &rule_origins(&hits), bits, set, None),
            windows,
            window_spans,
            rule_spans,
            outcome,
        }
    }

    /// The Ente's logos in a picture given as RGBA (four bytes a pixel; the
    /// logo's colours are checked too) or as 8-bit luma (one byte a pixel,
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
        let found = self.logos.detect_pixels_with(width, height, luma, accept)?;
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
            // A model's finding is never graded up to critical: its
            // confidence is a probability, not a fact a rule recognised.
            None if rule.kind == "learned" => Some(severity),
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

/// The model's own rule of each category, in [`model::CATEGORIES`] order.
const LEARNED: [&Rule; 4] = [
    &crate::rules::PD_LEARNED,
    &crate::rules::CONF_LEARNED,
    &crate::rules::VOICE_LEARNED,
    &crate::rules::REP_LEARNED,
];

/// The rules that fired, as the model reads them: id and where.
fn rule_origins(hits: &[Hit]) -> Vec<(&'static str, usize)> {
    hits.iter().map(|h| (h.rule.id, h.span.start)).collect()
}

/// How many of `evidence` are words, not numbers or codes.
fn worded(evidence: &[String]) -> usize {
    evidence.iter().filter(|w| !w.chars().any(|c| c.is_numeric())).count()
}

/// Words too small to explain anything ("di", "il", "ci").
fn is_function_word(norm: &str) -> bool {
    norm.chars().count() < 3
        || matches!(
            norm,
            "che"
                | "per"
                | "con"
                | "del"
                | "della"
                | "dei"
                | "delle"
                | "nel"
                | "nella"
                | "non"
                | "una"
                | "uno"
                | "sono"
                | "come"
                | "anche"
                | "questo"
                | "questa"
                | "quello"
                | "quella"
                | "gli"
                | "alla"
                | "allo"
                | "dal"
                | "dalla"
                | "sul"
                | "sulla"
                | "piu"
                | "poi"
                | "gia"
                | "cosa"
                | "the"
                | "and"
        )
}

/// Longest clause the model underlines whole; past it, the best window.
const CLAUSE: usize = 25;
/// Longest window of words searched for the weightiest run.
const WINDOW: usize = 15;

/// The span to underline for token weights `weights` (the window that
/// scored when given; otherwise the sentence around the weightiest run of
/// words, or the run itself in a long sentence), and the words that
/// weighed most in it, as written.
fn explain(post: &Post, weights: &[f32], window: Option<Range<usize>>) -> Option<(Range<usize>, Vec<String>)> {
    let tokens = &post.tokens;
    if tokens.is_empty() {
        return None;
    }
    if let Some(w) = window.filter(|w| !w.is_empty() && w.end <= tokens.len()) {
        let evidence = weightiest_words(post, weights, w.start, w.end - 1);
        return Some((tokens[w.start].span.start..tokens[w.end - 1].span.end, evidence));
    }
    // The weightiest run of at most WINDOW tokens within one sentence.
    let mut best = (f32::MIN, 0, 0);
    for start in 0..tokens.len() {
        let mut sum = 0.0;
        for end in start..(start + WINDOW).min(tokens.len()) {
            if tokens[end].sentence != tokens[start].sentence {
                break;
            }
            sum += weights[end];
            if sum > best.0 {
                best = (sum, start, end);
            }
        }
    }
    let (_, start, end) = best;
    let sentence = tokens[start].sentence;
    let first = tokens[..start]
        .iter()
        .rposition(|t| t.sentence != sentence)
        .map_or(0, |i| i + 1);
    let last = start + tokens[start..].iter().take_while(|t| t.sentence == sentence).count() - 1;
    let (a, b) = if last - first < CLAUSE {
        (first, last)
    } else {
        (start, end)
    };
    Some((
        tokens[a].span.start..tokens[b].span.end,
        weightiest_words(post, weights, a, b),
    ))
}

/// Up to four words of tokens `a..=b` that pushed the score up most,
/// strongest first, as written; function words left out.
fn weightiest_words(post: &Post, weights: &[f32], a: usize, b: usize) -> Vec<String> {
    let tokens = &post.tokens;
    let mut ranked: Vec<usize> = (a..=b)
        .filter(|&i| weights[i] > 0.0 && !is_function_word(&tokens[i].norm))
        .collect();
    ranked.sort_by(|&x, &y| weights[y].total_cmp(&weights[x]).then(x.cmp(&y)));
    let mut evidence: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for i in ranked {
        if seen.contains(&tokens[i].norm.as_str()) {
            continue;
        }
        seen.push(&tokens[i].norm);
        evidence.push(post.text[tokens[i].span.clone()].to_string());
        if evidence.len() == 4 {
            break;
        }
    }
    evidence
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
    fn no_allowlist_entry_silences_a_meaning_level_finding() {
        let text = "A nome del Comune vi comunico che lo sportello resta chiuso. \
            Il sindaco è un incompetente. Vi giro il bando di gara prima che esca. \
            Il mio cf è RSSMRA85T10A562S";
        let categories = |allowlist: Vec<String>| {
            let policy = Policy {
                allowlist,
                ..Policy::default()
            };
            let mut c: Vec<Category> = Analyzer::with_model(policy, None)
                .analyze(text)
                .into_iter()
                .map(|f| f.category)
                .collect();
            c.dedup();
            c
        };
        let all = categories(Vec::new());
        assert_eq!(all.len(), 4, "{all:?}");
        // Entries built in code skip `Policy::validate`: blank, punctuation,
        // and what a meaning-level hit once carried as its canonical form.
        for entry in ["", " ", "\t", "-", ". /", "\u{200B}", "_"] {
            assert_eq!(categories(vec![entry.into()]), all, "{entry:?}");
        }
        // Listing the text of a finding does not excuse it either.
        let listed = vec!["il sindaco è un incompetente".into(), "sindaco incompetente".into()];
        assert_eq!(categories(listed), all);
        // An identifier the Ente lists is still excused.
        let without_cf: Vec<Category> = all.iter().copied().filter(|&c| c != Category::PersonalData).collect();
        assert_eq!(categories(vec!["RSSMRA85T10A562S".into()]), without_cf);
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

    /// A model that gives every post of every category probability `p`
    /// (all weights alike), with thresholds `t`.
    fn flat_model(p: f32, t: model::Thresholds) -> Model {
        let bits = 8;
        let logit = (p / (1.0 - p)).ln();
        Model::new(
            bits,
            FeatureSet {
                concepts: false,
                rules: false,
                windows: true,
                negation: false,
            },
            [logit; model::HEADS],
            [1e-6; model::HEADS],
            vec![1; model::HEADS << bits],
            [t; 4],
        )
    }

    /// Thresholds under which a flat model at 0.9 warns and one at 0.45 hints.
    const WARN_AT_HALF: model::Thresholds = model::Thresholds {
        warn: 0.5,
        keep_rule: 0.2,
        hint: 0.4,
    };

    #[test]
    fn a_confident_model_warns_alone_with_a_span_and_the_words_that_weighed() {
        let t = WARN_AT_HALF;
        let manager = Policy {
            role_level: Some(RoleLevel::Manager),
            ..Policy::default()
        };
        let analyzer = Analyzer::with_model(manager, Some(flat_model(0.9, t)));
        let text = "Buongiorno a tutti.\nDomenica festa grande in piazza col gelato!";
        let findings = analyzer.analyze(text);
        let learned: Vec<&Finding> = findings.iter().filter(|f| f.kind == "learned").collect();
        assert_eq!(learned.len(), 4, "{findings:?}");
        for f in learned {
            // Never graded up to critical, even for a manager.
            assert_eq!(f.severity, Severity::Warning);
            assert!(f.rule.ends_with(".learned") && !f.source.is_empty() && !f.message.is_empty());
            assert!(f.end > f.start && text[f.start..f.end] == f.text);
            assert!(!f.evidence.is_empty() && f.evidence.iter().all(|w| text.contains(w.as_str())));
            // A window is a sentence, not the whole post.
            assert!(!f.text.contains('\n'));
        }
        // Middling confidence is a hint; the policy can switch a rule off.
        let hinting = Analyzer::with_model(Policy::default(), Some(flat_model(0.45, t)));
        assert!(hinting.analyze(text).iter().all(|f| f.severity == Severity::Hint));
        let mut off = Policy::default();
        off.severity_overrides
            .insert("reputation.learned".into(), crate::policy::SeverityOverride::Off);
        let quiet = Analyzer::with_model(off, Some(flat_model(0.9, t)));
        assert!(quiet.analyze(text).iter().all(|f| f.rule != "reputation.learned"));
        // The policy's disclaimer, as the quick fix appends it, clears the
        // model's institutional voice as it clears the rules'.
        let disclaimed = format!("{text} {}", Policy::default().disclaimer_text);
        let categories: Vec<Category> = analyzer.analyze(&disclaimed).iter().map(|f| f.category).collect();
        assert!(!categories.contains(&Category::InstitutionalVoice), "{categories:?}");
        assert!(categories.contains(&Category::Reputation), "{categories:?}");
    }

    #[test]
    fn the_model_says_nothing_of_a_single_word() {
        let analyzer = Analyzer::with_model(Policy::default(), Some(flat_model(0.9, WARN_AT_HALF)));
        let learned = |text: &str| analyzer.analyze(text).iter().filter(|f| f.kind == "learned").count();
        for text in ["nu", "  Nu.\n", "ok 👍", "12 nu 34"] {
            assert_eq!(learned(text), 0, "{text:?}");
        }
        let two_words = analyzer.analyze("sindaco pagliaccio 🤡");
        assert!(two_words.iter().any(|f| f.kind == "learned"), "{two_words:?}");
    }

    #[test]
    fn the_model_finds_no_personal_data_in_codes_and_dates_alone() {
        let analyzer = Analyzer::with_model(Policy::default(), Some(flat_model(0.9, WARN_AT_HALF)));
        let personal = |text: &str| {
            analyzer
                .analyze(text)
                .into_iter()
                .filter(|f| f.category == Category::PersonalData)
                .count()
        };
        assert_eq!(personal("Scontrino n. A45456761 del 2024-05-12"), 0);
        assert_eq!(personal("la signora Ricci del terzo piano ha chiesto il sussidio"), 1);
    }

    #[test]
    fn a_rule_the_model_doubts_becomes_a_hint_and_identifiers_always_stand() {
        let t = model::Thresholds {
            warn: 0.9,
            keep_rule: 0.5,
            hint: 0.8,
        };
        let doubting = Analyzer::with_model(Policy::default(), Some(flat_model(0.1, t)));
        let text = "A nome del Comune vi comunico che lo sportello resta chiuso. Il mio cf è RSSMRA85T10A562S";
        let findings = doubting.analyze(text);
        let voice = findings
            .iter()
            .find(|f| f.category == Category::InstitutionalVoice)
            .unwrap();
        assert_eq!(voice.severity, Severity::Hint);
        let cf = findings.iter().find(|f| f.kind == "codice_fiscale").unwrap();
        assert_eq!(cf.severity, Severity::Critical);
        // The same rule stands when the model agrees.
        let agreeing = Analyzer::with_model(Policy::default(), Some(flat_model(0.6, t)));
        let voice = agreeing
            .analyze(text)
            .into_iter()
            .find(|f| f.category == Category::InstitutionalVoice)
            .unwrap();
        assert_eq!(voice.severity, Severity::Warning);
    }

    #[test]
    fn managers_get_voice_and_reputation_as_critical() {
        let text = "A nome del Comune vi comunico che lo sportello resta chiuso";
        let rules = |policy: Policy| Analyzer::with_model(policy, None).analyze(text)[0].severity;
        assert_eq!(rules(Policy::default()), Severity::Warning);
        let manager = Policy {
            role_level: Some(RoleLevel::Manager),
            ..Policy::default()
        };
        assert_eq!(rules(manager), Severity::Critical);
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
