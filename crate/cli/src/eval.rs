//! `riserbo eval`: precision, recall and F1 per category on a labelled
//! corpus, and the share of clean posts with any warning. Floors given on
//! the command line turn it into a test: exit status 1 when one is missed.
//!
//! Each corpus line: `{"id", "text", "labels": [...], "split", "seed"?,
//! "also_ok"?}`. A post counts as flagged for a category when it has a
//! finding of that category at severity warning or above, as the extension
//! would warn. A warning of a category the author lists in `also_ok` (a
//! borderline case, such as one's own phone number in a sale ad) is
//! neither a hit nor a false alarm, as in `eval-authors`.

use std::collections::BTreeMap;
use std::path::Path;

use riserbo_core::{Analyzer, Category, Policy};
use serde::Deserialize;

use crate::Failure;

#[derive(Deserialize)]
struct Post {
    id: String,
    text: String,
    labels: Vec<Category>,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    seed: bool,
    #[serde(default)]
    also_ok: Vec<Category>,
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

pub struct Floors {
    pub min_f1: Option<f64>,
    pub max_clean_flagged: Option<f64>,
    pub require_seeds: bool,
}

pub fn run(file: &Path, split: &str, policy: Policy, floors: Floors, show_errors: bool) -> Result<u8, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let mut posts = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let post: Post =
            serde_json::from_str(line).map_err(|e| Failure(format!("{}:{}: {e}", file.display(), n + 1)))?;
        if split == "all" || post.split.as_deref() == Some(split) {
            posts.push(post);
        }
    }
    if posts.is_empty() {
        return Err(Failure(format!("no post of split `{split}` in {}", file.display())));
    }
    let analyzer = Analyzer::new(policy);
    let mut counts: BTreeMap<Category, Counts> = BTreeMap::new();
    let (mut clean, mut clean_flagged, mut seeds, mut seeds_flagged) = (0, 0, 0, 0);
    for post in &posts {
        let findings: Vec<_> = analyzer
            .analyze(&post.text)
            .into_iter()
            .filter(|f| f.is_blocking())
            .collect();
        let predicted: Vec<Category> = findings
            .iter()
            .map(|f| f.category)
            .filter(|c| !post.also_ok.contains(c))
            .collect();
        for category in Category::ALL {
            let expected = post.labels.contains(&category);
            let got = predicted.contains(&category);
            let c = counts.entry(category).or_default();
            match (expected, got) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
            if show_errors && expected != got {
                let what = if got { "in più" } else { "mancato" };
                let rules: Vec<&str> = findings
                    .iter()
                    .filter(|f| f.category == category)
                    .map(|f| f.rule.as_str())
                    .collect();
                println!("  {what} {} [{}] {:?} {}", category.id(), post.id, rules, post.text);
            }
        }
        if post.labels.is_empty() {
            clean += 1;
            clean_flagged += usize::from(!predicted.is_empty());
        }
        if post.seed {
            seeds += 1;
            seeds_flagged += usize::from(post.labels.iter().all(|l| predicted.contains(l)));
        }
    }

    println!("split `{split}`: {} posts, {clean} clean", posts.len());
    println!(
        "{:<20} {:>9} {:>7} {:>6} {:>8}",
        "category", "precision", "recall", "F1", "posts"
    );
    let mut ok = true;
    for (category, c) in &counts {
        let support = c.tp + c.fn_;
        if support == 0 {
            continue;
        }
        let precision = ratio(c.tp, c.tp + c.fp);
        let recall = ratio(c.tp, support);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        println!(
            "{:<20} {:>9.3} {:>7.3} {:>6.3} {:>8}",
            category.id(),
            precision,
            recall,
            f1,
            support
        );
        if floors.min_f1.is_some_and(|min| f1 < min) {
            println!("FAILED: F1 of {} below {}", category.id(), floors.min_f1.unwrap());
            ok = false;
        }
    }
    let share = ratio(clean_flagged, clean);
    println!(
        "clean posts with a warning: {:.1}% ({clean_flagged}/{clean})",
        share * 100.0
    );
    if floors.max_clean_flagged.is_some_and(|max| share > max) {
        println!(
            "FAILED: more than {:.1}% of clean posts warned",
            floors.max_clean_flagged.unwrap() * 100.0
        );
        ok = false;
    }
    if seeds > 0 {
        println!("seed examples flagged: {seeds_flagged}/{seeds}");
        if floors.require_seeds && seeds_flagged < seeds {
            println!("FAILED: not every seed example is flagged");
            ok = false;
        }
    }
    Ok(if ok { 0 } else { 1 })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
