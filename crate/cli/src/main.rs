//! `riserbo`: the command-line face of the core, for the Segretario testing a
//! policy, the IT office scripting checks, and the project's own evaluation.
//!
//! Exit status is a contract: 0 when nothing of severity warning or above was
//! found, 1 when something was, 2 on usage or input errors (with one line on
//! stderr saying what went wrong).

mod check;
mod eval;
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
        Command::Check { file, policy, format } => check::run(file, policy, format),
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
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message)) => {
            eprintln!("riserbo: {message}");
            ExitCode::from(2)
        }
    }
}
