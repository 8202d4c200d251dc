//! `riserbo check`: reading the input, running the analyzer, choosing the
//! exit status.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use riserbo_core::offsets::{self, Unit};
use riserbo_core::{Analyzer, Finding, Policy};
use serde_json::{json, Value};

use crate::{render, Failure, Format};

/// Lines of `--format jsonl` a worker checks at a time: enough that
/// starting threads costs nothing beside them, few enough that two cores
/// share a corpus of a few thousand posts evenly.
const CHUNK: usize = 256;

/// `jobs`: how many threads check `--format jsonl` lines at once.
pub fn run(file: Option<PathBuf>, policy: Option<PathBuf>, format: Format, jobs: usize) -> Result<u8, Failure> {
    let policy = policy_or_default(policy)?;
    let analyzer = Analyzer::new(policy.clone());
    let (name, bytes) = read_input(file.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());

    let mut blocking = false;
    let mut input_error = false;
    match format {
        Format::Text => {
            let input = utf8(&name, bytes)?;
            // Byte offsets: the renderer counts columns itself, once.
            let findings = analyzer.analyze(&input);
            blocking = findings.iter().any(Finding::is_blocking);
            let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            render::text(&mut out, &name, &input, &findings, color).map_err(write_failed)?;
        }
        Format::Json => {
            let input = utf8(&name, bytes)?;
            let findings = analyze(&analyzer, &input);
            blocking = findings.iter().any(Finding::is_blocking);
            writeln!(out, "{}", json!({ "findings": findings })).map_err(write_failed)?;
        }
        Format::Jsonl => {
            // Line by line: a line that is not UTF-8 is an error row, and
            // the others are still checked.
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let jobs = jobs.max(1).min(lines.len().div_ceil(CHUNK).max(1));
            // Each worker has its own analyzer: the word caches are behind
            // locks, and two threads taking turns on one would serialise.
            let mut analyzers = vec![analyzer];
            analyzers.extend((1..jobs).map(|_| Analyzer::new(policy.clone())));
            // Workers take the next chunk as they finish one; rows are
            // written in input order as soon as the chunks before them are
            // in, so the output is the same whatever the number of workers.
            let chunks: Vec<&[&[u8]]> = lines.chunks(CHUNK).collect();
            let queue = Queue {
                next: AtomicUsize::new(0),
                written: AtomicUsize::new(0),
                stop: AtomicBool::new(false),
                reach: AHEAD * jobs,
                total: chunks.len(),
            };
            let (send, receive) = std::sync::mpsc::channel::<(usize, Checked)>();
            std::thread::scope(|scope| -> Result<(), Failure> {
                for analyzer in &analyzers[1..] {
                    let (send, queue, chunks) = (send.clone(), &queue, &chunks);
                    scope.spawn(move || {
                        let _guard = StopOnPanic(&queue.stop);
                        while let Some(taken) = queue.claim() {
                            if send
                                .send((taken, check_lines(analyzer, taken * CHUNK, chunks[taken])))
                                .is_err()
                            {
                                return;
                            }
                        }
                    });
                }
                drop(send);
                // The calling thread is a worker too, and the writer.
                let mut waiting = std::collections::BTreeMap::new();
                let mut written = 0;
                while written < chunks.len() {
                    let n = queue.next.load(Ordering::SeqCst);
                    let within = n < chunks.len() && n < written + queue.reach;
                    if within {
                        // The writer only takes a chunk it need not wait for.
                        if queue
                            .next
                            .compare_exchange(n, n + 1, Ordering::SeqCst, Ordering::SeqCst)
                            .is_ok()
                        {
                            waiting.insert(n, check_lines(&analyzers[0], n * CHUNK, chunks[n]));
                        }
                    } else {
                        // The chunk due next is a worker's: wait for it. A
                        // closed channel means the workers stopped (one
                        // panicked): stop waiting and let the scope say so.
                        let Ok((i, checked)) = receive.recv() else { break };
                        waiting.insert(i, checked);
                    }
                    while let Ok((i, checked)) = receive.try_recv() {
                        waiting.insert(i, checked);
                    }
                    while let Some(checked) = waiting.remove(&written) {
                        if let Err(e) = out.write_all(&checked.rows) {
                            queue.stop.store(true, Ordering::SeqCst);
                            return Err(write_failed(e));
                        }
                        blocking |= checked.blocking;
                        input_error |= checked.input_error;
                        written += 1;
                        queue.written.store(written, Ordering::SeqCst);
                    }
                }
                Ok(())
            })?;
        }
    }
    out.flush().map_err(write_failed)?;
    Ok(if input_error {
        2
    } else if blocking {
        1
    } else {
        0
    })
}

/// The output rows of a chunk of `--format jsonl` lines.
struct Checked {
    rows: Vec<u8>,
    blocking: bool,
    input_error: bool,
}

/// Checks `lines`, the first of which is line `first` (from 0) of the input.
fn check_lines(analyzer: &Analyzer, first: usize, lines: &[&[u8]]) -> Checked {
    let mut checked = Checked {
        rows: Vec::with_capacity(lines.len() * 64),
        blocking: false,
        input_error: false,
    };
    for (index, line) in lines.iter().enumerate() {
        let record = match std::str::from_utf8(line) {
            Err(e) => Err(format!(
                "not UTF-8 text (invalid byte at column {})",
                e.valid_up_to() + 1
            )),
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => parse_record(line),
        };
        // Rows are written straight from the findings, with no JSON tree
        // built in between; writing to a Vec cannot fail.
        match record {
            Ok((id, text)) => {
                let findings = analyze(analyzer, &text);
                checked.blocking |= findings.iter().any(Finding::is_blocking);
                let row = Row {
                    id: &id,
                    findings: &findings,
                };
                serde_json::to_writer(&mut checked.rows, &row).expect("rows serialise to memory");
            }
            Err(error) => {
                checked.input_error = true;
                let row = json!({ "line": first + index + 1, "error": error });
                serde_json::to_writer(&mut checked.rows, &row).expect("rows serialise to memory");
            }
        }
        checked.rows.push(b'\n');
    }
    checked
}

/// How many chunks per worker may be checked ahead of the writer: the
/// rows waiting for an earlier, slower chunk stay bounded, whatever the
/// input.
const AHEAD: usize = 4;

/// The chunks of a `--format jsonl` input, shared by the workers.
struct Queue {
    /// The first chunk nobody has taken.
    next: AtomicUsize,
    /// How many chunks the writer has written.
    written: AtomicUsize,
    /// The writer failed or a worker panicked: take nothing more.
    stop: AtomicBool,
    /// How far past `written` a chunk may be taken.
    reach: usize,
    total: usize,
}

impl Queue {
    /// The next chunk for a worker, once the writer is near enough; `None`
    /// when none is left or the work stopped.
    fn claim(&self) -> Option<usize> {
        let taken = self.next.fetch_add(1, Ordering::SeqCst);
        if taken >= self.total {
            return None;
        }
        while taken >= self.written.load(Ordering::SeqCst) + self.reach {
            if self.stop.load(Ordering::SeqCst) {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        (!self.stop.load(Ordering::SeqCst)).then_some(taken)
    }
}

/// Stops the queue when a worker panics, so that the others do not wait
/// for a writer that will not go on.
struct StopOnPanic<'a>(&'a AtomicBool);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::SeqCst);
        }
    }
}

/// One output row of `--format jsonl`.
#[derive(serde::Serialize)]
struct Row<'a> {
    id: &'a Value,
    findings: &'a [Finding],
}

/// Findings with offsets in code points, as the CLI promises.
fn analyze(analyzer: &Analyzer, text: &str) -> Vec<Finding> {
    let mut findings = analyzer.analyze(text);
    offsets::convert(text, &mut findings, Unit::CodePoint);
    findings
}

/// One JSONL record: `{"id": ..., "text": "..."}`, read by the core's
/// strict reader (a key given twice is refused, not read on its last value).
fn parse_record(line: &str) -> Result<(Value, String), String> {
    let value = riserbo_core::json::parse(line.trim_end_matches('\r')).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(mut object) = value else {
        return Err("expected an object with \"id\" and \"text\"".into());
    };
    let id = object.remove("id").ok_or("missing \"id\"")?;
    match object.remove("text") {
        Some(Value::String(text)) => Ok((id, text)),
        Some(_) => Err("\"text\" must be a string".into()),
        None => Err("missing \"text\"".into()),
    }
}

pub fn policy_or_default(path: Option<PathBuf>) -> Result<Policy, Failure> {
    match path {
        Some(path) => load_policy(&path),
        None => Ok(Policy::default()),
    }
}

fn load_policy(path: &Path) -> Result<Policy, Failure> {
    let json =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("cannot read policy {}: {e}", path.display())))?;
    Policy::from_json(&json).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn read_input(file: Option<&Path>) -> Result<(String, Vec<u8>), Failure> {
    let mut bytes = Vec::new();
    let name = match file {
        None => "-".to_string(),
        Some(p) if p == Path::new("-") => "-".to_string(),
        Some(p) => p.display().to_string(),
    };
    if name == "-" {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("cannot read standard input: {e}")))?;
    } else {
        bytes = std::fs::read(&name).map_err(|e| Failure(format!("cannot read {name}: {e}")))?;
    }
    Ok((name, bytes))
}

/// The whole input as text, for the formats that read it as one post.
fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn write_failed(e: io::Error) -> Failure {
    Failure(format!("cannot write output: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_take_chunks_only_within_reach_of_the_writer() {
        let queue = Queue {
            next: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            reach: 2,
            total: 3,
        };
        assert_eq!(queue.claim(), Some(0));
        assert_eq!(queue.claim(), Some(1));
        // Chunk 2 is out of reach until the writer has written chunk 0: a
        // worker would wait; a stopped queue gives nothing instead.
        queue.stop.store(true, Ordering::SeqCst);
        assert_eq!(queue.claim(), None);
        let queue = Queue {
            next: AtomicUsize::new(2),
            written: AtomicUsize::new(1),
            stop: AtomicBool::new(false),
            reach: 2,
            total: 3,
        };
        assert_eq!(queue.claim(), Some(2));
        assert_eq!(queue.claim(), None, "no chunk is left");
    }
}
