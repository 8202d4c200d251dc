#!/usr/bin/env bash
# README command 2: builds, then runs every test: the Rust unit and CLI
# tests (benchmarks run once as tests, so they cannot rot), then the browser
# tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
scripts/lint.sh

printf '\033[1m==> Rust tests\033[0m\n'
cargo test --workspace --all-targets

printf '\033[1m==> fuzzing: analyzer, policy reader, fingerprint decoder (FUZZ_SECONDS each)\033[0m\n'
scripts/fuzz.sh

printf '\033[1m==> personal data: generated corpus (Faker + python-stdnum)\033[0m\n'
.venv/bin/python tests/pii/evaluate.py target/release/riserbo

printf '\033[1m==> logos: generated corpus (coats of arms on photographs)\033[0m\n'
# Thresholds were set on the corpus of seed 1; this one (seed 2) was not
# used for tuning. 600 pictures with a logo, 600 without, 240 tincture
# look-alikes (the same drawings in other tinctures), which have a floor of
# their own.
rm -rf target/logo-corpus
.venv/bin/python tests/logos/generate.py target/logo-corpus --seed 2
.venv/bin/python tests/logos/evaluate.py target/release/riserbo target/logo-corpus --min-recall 0.95 --max-fp 0.005 --max-lookalike-fp 0.005

printf '\033[1m==> text in pictures: generated corpus (forms, tables, notices, clean posters)\033[0m\n'
# Tuned on seed 1; this one (seed 2) was not used. 160 pictures with
# identifiers, 120 clean ones with text; about 3 minutes on 2 cores.
rm -rf target/ocr-corpus
.venv/bin/python tests/ocr/generate.py target/ocr-corpus --seed 2 --sensitive 160 --clean 120
.venv/bin/python tests/ocr/evaluate.py target/release/riserbo target/ocr-corpus --min-recall 0.90 --max-clean 0.01

printf '\033[1m==> meaning-level detection: rules and learned model, leave-one-author-out\033[0m\n'
# The committed model is what training produces from the committed corpora.
target/release/riserbo train --check
# Each author of tests/corpus/authors/ is measured by a model trained and
# calibrated on the others only; floors on the pooled figures of what ships
# (measured on forty-five authors: F1 0.89 / 0.79 / 0.84 / 0.84, clean
# posts warned 2.3%; the floors sit a few points below, the issue's 0.85
# is not reached on three categories). About 40 minutes on 2 cores.
target/release/riserbo eval-authors --min-f1 0.70 --max-clean-warned 0.03
# Twelve authors held out of training, calibration and rule writing: what
# ships, measured on posts nobody tuned on (with the model of forty-five
# authors: F1 0.91 / 0.79 / 0.85 / 0.86, clean posts warned 1.0%).
cat tests/corpus/held-out/*.jsonl > target/held-out.jsonl
target/release/riserbo eval target/held-out.jsonl --min-f1 0.72 --max-clean-flagged 0.03
# The seed examples of doc. 003 are still flagged (the project's own
# corpus trains the model, so its other figures are not a measure).
target/release/riserbo eval tests/corpus/semantic.jsonl --require-seeds

printf '\033[1m==> extension: protocol and slicing, without a browser\033[0m\n'
node --test tests/extension/

printf '\033[1m==> browser tests\033[0m\n'
node --test --test-concurrency=1 tests/browser/
