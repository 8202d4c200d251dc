#!/usr/bin/env bash
# README command 2: builds, then runs every test: the Rust unit and CLI
# tests (benchmarks run once as tests, so they cannot rot), then the browser
# tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh

printf '\033[1m==> Rust tests\033[0m\n'
cargo test --workspace --all-targets

printf '\033[1m==> personal data: generated corpus (Faker + python-stdnum)\033[0m\n'
.venv/bin/python tests/pii/evaluate.py target/release/riserbo

printf '\033[1m==> browser tests\033[0m\n'
node --test --test-concurrency=1 tests/browser/
