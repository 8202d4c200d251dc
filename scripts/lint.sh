#!/usr/bin/env bash
# The gates every commit passes: formatting, Clippy with warnings as errors,
# documentation without broken links, ESLint on the extension's code and
# the type checker on its JSDoc types (after scripts/build.sh, which writes
# the core's type declarations).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "cargo fmt --check"
cargo fmt --all --check
say "cargo clippy -D warnings"
cargo clippy -q --workspace --all-targets -- -D warnings
say "cargo doc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc -q --workspace --no-deps
say "eslint extension/"
npx --no-install eslint extension/
say "tsc --checkJs extension/"
npx --no-install tsc -p .
