//! Labelled posts, one file per author.
//!
//! Two formats are read: the authors' files (`tests/corpus/authors/`, with
//! `must_flag` spans and `also_ok`) and the project's own hand-written
//! corpus (`tests/corpus/semantic.jsonl`, with `split` and `seed`). Unknown
//! fields are ignored; a line that is not a post is an error naming it.

use std::path::Path;

use serde::Deserialize;

use super::calibrate::Truth;
use super::category_index;
use crate::Category;

/// One labelled post.
#[derive(Clone, Debug, Deserialize)]
pub struct LabelledPost {
    pub id: String,
    pub text: String,
    pub labels: Vec<Category>,
    /// For each label, a span of the text a warning should overlap.
    #[serde(default)]
    pub must_flag: Vec<String>,
    #[serde(default)]
    pub also_ok: Vec<Category>,
    #[serde(default)]
    pub seed: bool,
}

impl LabelledPost {
    /// The byte range of the span that carries `category`, if the author
    /// gave one and it is in the text.
    pub fn span_of(&self, category: Category) -> Option<std::ops::Range<usize>> {
        let i = self.labels.iter().position(|&c| c == category)?;
        let span = self
            .must_flag
            .get(i)
            .filter(|_| self.must_flag.len() == self.labels.len())?;
        let start = self.text.find(span.as_str())?;
        Some(start..start + span.len())
    }

    /// The post's labels and borderline categories, as the calibration and
    /// the measurements read them.
    pub fn truth(&self) -> Truth {
        let mut truth = Truth::default();
        for (categories, marks) in [(&self.labels, &mut truth.labels), (&self.also_ok, &mut truth.also_ok)] {
            for &c in categories {
                if let Some(k) = category_index(c) {
                    marks[k] = true;
                }
            }
        }
        truth
    }
}

/// One author's posts.
#[derive(Clone, Debug)]
pub struct Author {
    /// The file's name without its extension.
    pub name: String,
    pub posts: Vec<LabelledPost>,
}

impl Author {
    pub fn read(path: &Path) -> Result<Author, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut posts = Vec::new();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let post: LabelledPost =
                serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            posts.push(post);
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Author { name, posts })
    }

    /// Every `*.jsonl` file of `dir`, in name order.
    pub fn read_dir(dir: &Path) -> Result<Vec<Author>, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        paths.sort();
        paths.iter().map(|p| Author::read(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_formats_and_finds_the_span() {
        let a: LabelledPost = serde_json::from_str(
            r#"{"id": "a-1", "text": "ieri la giunta ha deciso", "labels": ["confidential"],
                "must_flag": ["la giunta ha deciso"], "also_ok": [], "note": "x"}"#,
        )
        .unwrap();
        assert_eq!(a.span_of(Category::Confidential), Some(5..24));
        assert_eq!(a.span_of(Category::Reputation), None);
        let k = category_index(Category::Confidential).unwrap();
        assert!(a.truth().labels[k] && a.truth().labels.iter().filter(|&&l| l).count() == 1);
        let b: LabelledPost =
            serde_json::from_str(r#"{"id": "c-1", "text": "ok", "labels": [], "split": "dev", "seed": true}"#).unwrap();
        assert!(b.seed && b.labels.is_empty() && b.span_of(Category::Confidential).is_none());
    }
}
