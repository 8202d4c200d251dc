//! `riserbo`: the command-line face of the core, for the Segretario testing a
//! policy, the IT office scripting checks, and the project's own evaluation.
//!
//! Exit status is a contract: 0 when nothing of severity warning or above was
//! found, 1 when something was, 2 on usage or input errors (with one line on
//! stderr saying what went wrong).

/// See the dependency's comment in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod check;
mod eval;
mod learn;
mod ocr;
mod picture;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "riserbo", version, about = "Controlla i post prima della pubblicazione")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a text (a file, or standard input) against the policy.
    Check {
        /// The file to check; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// A policy JSON file; the built-in default policy otherwise.
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// How many threads check the lines of `--format jsonl` at once;
        /// every core by default. The output is the same in any case.
        #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
    },
    /// Look for the Ente's logo in pictures (JPEG, PNG, WebP, GIF) and
    /// check the text in them (read by Tesseract, when installed).
    /// Exit status 1 when a logo or a warning is found, 2 when a picture
    /// cannot be read.
    CheckImage {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A policy JSON file with `logoFingerprints`; the default policy
        /// (the demo Comune's coat of arms) otherwise.
        #[arg(long)]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Do not read the text in the pictures (Tesseract), only look
        /// for the logo.
        #[arg(long)]
        no_text: bool,
        /// Report places from this whole-logo similarity (tuning only).
        #[arg(long, hide = true)]
        min_score: Option<f32>,
        /// Report places from this weakest-part similarity (tuning only).
        #[arg(long, hide = true)]
        min_parts: Option<f32>,
        /// Report places from these colour scores, whole and weakest part
        /// (tuning only).
        #[arg(long, hide = true)]
        min_colour: Option<f32>,
        #[arg(long, hide = true)]
        min_colour_parts: Option<f32>,
        /// Memory a picture may take to decode and check, in MiB: a larger
        /// one is reported and the others are still checked.
        #[arg(long, default_value_t = picture::MAX_MEMORY_MIB)]
        max_memory: u64,
    },
    /// The Ente's logo: make the fingerprint the policy needs.
    Logo {
        #[command(subcommand)]
        command: LogoCommand,
    },
    /// Check a policy file, or print a template to start from.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Measure precision, recall and F1 per category on a labelled corpus.
    Eval {
        /// JSONL: {"id", "text", "labels": [...], "split"}.
        file: PathBuf,
        /// Which posts: `dev`, `test` or `all`.
        #[arg(long, default_value = "all")]
        split: String,
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Fail (exit 1) when a category's F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Fail when more than this share of clean posts gets a warning.
        #[arg(long)]
        max_clean_flagged: Option<f64>,
        /// Fail unless every post tagged `seed` is flagged.
        #[arg(long)]
        require_seeds: bool,
        /// Print every wrong post.
        #[arg(long)]
        errors: bool,
    },
    /// Train the learned scorer on one corpus file per author and write the
    /// model the core embeds (`--check`: compare with it instead).
    Train {
        #[command(flatten)]
        corpora: CorporaArgs,
        /// Where the model goes.
        #[arg(long, default_value = "crate/core/model/riserbo.model")]
        out: PathBuf,
        /// Exit 1 unless `--out` is what training produces.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        training: TrainingArgs,
    },
    /// Print a text crafted to stress the analyzer (`KIND BYTES`), or a
    /// policy with N reserved terms (`policy-terms N`); for benchmarks.
    #[command(hide = true)]
    Crafted { kind: String, size: usize },
    /// Measure rules, model and both leave-one-author-out: each author is
    /// measured by a model trained and calibrated on the others only.
    EvalAuthors {
        #[command(flatten)]
        corpora: CorporaArgs,
        #[command(flatten)]
        training: TrainingArgs,
        /// Fail (exit 1) when a category's pooled F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Fail when more than this share of clean posts gets a warning.
        #[arg(long)]
        max_clean_warned: Option<f64>,
        /// Print every wrong post of the combination.
        #[arg(long)]
        errors: bool,
    },
}

#[derive(clap::Args)]
struct CorporaArgs {
    /// A folder of `*.jsonl` files, one per author.
    #[arg(long, default_value = "tests/corpus/authors")]
    corpus: PathBuf,
    /// Files that train but do not calibrate or count (the project's own).
    #[arg(long, default_value = "tests/corpus/semantic.jsonl")]
    also: Vec<PathBuf>,
}

/// Training settings; the defaults are what the shipped model uses.
#[derive(clap::Args)]
struct TrainingArgs {
    #[arg(long, hide = true)]
    bits: Option<u32>,
    #[arg(long, hide = true)]
    c: Option<f64>,
    #[arg(long, hide = true)]
    max_clean: Option<f64>,
    #[arg(long, hide = true)]
    folds: Option<usize>,
    #[arg(long, hide = true)]
    max_iterations: Option<usize>,
    #[arg(long, hide = true)]
    no_concepts: bool,
    #[arg(long, hide = true)]
    no_rules: bool,
    #[arg(long, hide = true)]
    windows: Option<bool>,
    #[arg(long, hide = true)]
    clean_weight: Option<f64>,
    #[arg(long, hide = true)]
    negation: Option<bool>,
    /// The smoothing of the per-weight penalty; 0 for a plain L2 penalty.
    #[arg(long, hide = true)]
    ratio_prior: Option<f64>,
}

impl TrainingArgs {
    fn config(&self) -> riserbo_core::model::train::Config {
        let mut c = riserbo_core::model::train::Config::default();
        c.bits = self.bits.unwrap_or(c.bits);
        c.c = self.c.unwrap_or(c.c);
        c.max_clean = self.max_clean.unwrap_or(c.max_clean);
        c.folds = self.folds.unwrap_or(c.folds);
        c.max_iterations = self.max_iterations.unwrap_or(c.max_iterations);
        c.features.concepts &= !self.no_concepts;
        c.features.rules &= !self.no_rules;
        c.features.windows = self.windows.unwrap_or(c.features.windows);
        c.clean_weight = self.clean_weight.unwrap_or(c.clean_weight);
        c.features.negation = self.negation.unwrap_or(c.features.negation);
        if let Some(alpha) = self.ratio_prior {
            c.ratio_prior = (alpha > 0.0).then_some(alpha);
        }
        c
    }
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Report every problem of a policy file, each with its field path.
    /// Exit status 0 when it is valid, 1 when it has problems.
    Validate { file: PathBuf },
    /// Print a complete policy with example values.
    Template,
}

#[derive(Subcommand)]
enum LogoCommand {
    /// Print the fingerprint of a logo picture, for `logoFingerprints`.
    /// Best from a PNG with a transparent background; a JPEG on a plain
    /// field works too.
    Fingerprint { file: PathBuf },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: the line, a caret under the span, the message.
    Text,
    /// `{"findings": [...]}` for the whole input.
    Json,
    /// One `{"id", "text"}` object per input line, one `{"id", "findings"}` out.
    Jsonl,
}

/// What ended a command early: printed as one line, exit status 2.
pub struct Failure(pub String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid usage");
            eprintln!("riserbo: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check {
            file,
            policy,
            format,
            jobs,
        } => {
            let jobs = jobs.map_or_else(
                || std::thread::available_parallelism().map_or(1, usize::from),
                usize::from,
            );
            check::run(file, policy, format, jobs)
        }
        Command::CheckImage {
            files,
            policy,
            format,
            no_text,
            min_score,
            min_parts,
            min_colour,
            min_colour_parts,
            max_memory,
        } => {
            let mut accept = riserbo_core::logo::Accept::DEFAULT;
            accept.score = min_score.unwrap_or(accept.score);
            accept.parts = min_parts.unwrap_or(accept.parts);
            accept.colour = min_colour.unwrap_or(accept.colour);
            accept.colour_parts = min_colour_parts.unwrap_or(accept.colour_parts);
            if min_colour.is_some_and(|c| c < -1.0) {
                // Tuning: report every place, whatever its colours.
                (accept.tint, accept.tint_parts) = (f32::MIN, f32::MIN);
            }
            check::policy_or_default(policy)
                .and_then(|policy| picture::check(&files, policy, format, accept, !no_text, max_memory))
        }
        Command::Logo {
            command: LogoCommand::Fingerprint { file },
        } => picture::fingerprint(&file),
        Command::Policy {
            command: PolicyCommand::Template,
        } => {
            use std::io::Write;
            writeln!(std::io::stdout(), "{}", policy_template())
                .map(|_| 0)
                .map_err(|e| Failure(format!("cannot write output: {e}")))
        }
        Command::Policy {
            command: PolicyCommand::Validate { file },
        } => validate_policy(&file),
        Command::Eval {
            file,
            split,
            policy,
            min_f1,
            max_clean_flagged,
            require_seeds,
            errors,
        } => {
            let floors = eval::Floors {
                min_f1,
                max_clean_flagged,
                require_seeds,
            };
            check::policy_or_default(policy).and_then(|policy| eval::run(&file, &split, policy, floors, errors))
        }
        Command::Train {
            corpora,
            out,
            check,
            training,
        } => learn::Corpora::read(&corpora.corpus, &corpora.also)
            .and_then(|c| learn::train_command(&c, &out, check, training.config())),
        Command::Crafted { kind, size } => crafted(&kind, size),
        Command::EvalAuthors {
            corpora,
            training,
            min_f1,
            max_clean_warned,
            errors,
        } => learn::Corpora::read(&corpora.corpus, &corpora.also).and_then(|c| {
            let floors = learn::Floors {
                min_f1,
                max_clean_warned,
            };
            learn::eval_authors(&c, training.config(), floors, errors)
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            eprintln!("riserbo: {message}");
            ExitCode::from(2)
        }
    }
}

fn crafted(kind: &str, size: usize) -> Result<u8, Failure> {
    use std::io::Write;
    let text = if kind == "policy-terms" {
        serde_json::to_string(&riserbo_core::crafted::policy_with_terms(size)).expect("a policy serialises")
    } else {
        riserbo_core::crafted::text(kind, size).ok_or_else(|| {
            Failure(format!(
                "unknown kind {kind}: one of {}, policy-terms",
                riserbo_core::crafted::KINDS.join(", ")
            ))
        })?
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map(|_| 0)
        .map_err(|e| Failure(format!("cannot write output: {e}")))
}

fn validate_policy(file: &std::path::Path) -> Result<u8, Failure> {
    let json = std::fs::read_to_string(file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let problems = riserbo_core::Policy::validate(&json);
    if problems.is_empty() {
        println!("{}: valid policy", file.display());
        return Ok(0);
    }
    for problem in &problems {
        println!("{}: {problem}", file.display());
    }
    Ok(1)
}

/// Every field, with example values an IT office replaces.
fn policy_template() -> String {
    let example = serde_json::json!({
        "enteName": "Comune di Esempio",
        "enteAliases": ["il Comune", "il sindaco", "la giunta", "il mio ufficio", "in ufficio"],
        "policyUrl": "https://www.comune.esempio.example/social-media-policy",
        "mode": "confirm",
        "locked": ["mode"],
        "sites": {"x.com": true, "facebook.com": true, "instagram.com": true, "linkedin.com": true, "threads.net": true},
        "confidentialTerms": ["Progetto Fenice", "Ufficio Gare Riservate"],
        "allowlist": ["+39 0965 123456", "protocollo@pec.comune.esempio.example", "IT60X0542811101000000123456"],
        "severityOverrides": {"personal_data.license_plate": "hint"},
        "roleLevel": "employee",
        "disclaimerText": "Le opinioni espresse sono personali e non rappresentano quelle del Comune di Esempio.",
        "workHours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "14:00"},
        "logoFingerprints": [riserbo_core::logo::DEMO_FINGERPRINT.trim()],
        "mediaReminder": true,
        "imageText": true,
        "language": "it"
    });
    let text = serde_json::to_string_pretty(&example).expect("a JSON value");
    debug_assert!(riserbo_core::Policy::validate(&text).is_empty());
    text
}
