#!/usr/bin/env bash
# README command 1: builds everything, then runs Riserbo's main job on the
# built-in default policy: the extension in headless Chromium on the demo
# pages (screenshots under tests/artifacts/), and the CLI on a sample post.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh

# Sample pictures from the logo corpus's generator: a flyer with the demo
# Comune's coat of arms, a photo with a neighbour's, a photo with none.
rm -rf target/demo-pictures
.venv/bin/python tests/logos/generate.py target/demo-pictures --seed 3 --per-logo 1 --plain 1 >/dev/null

printf '\033[1m==> the extension on the demo pages\033[0m\n'
node scripts/demo.mjs

printf '\033[1m==> riserbo check tests/corpus/esempio-post.txt\033[0m\n'
status=0
target/release/riserbo check tests/corpus/esempio-post.txt || status=$?
# Exit status 1 means "findings to fix": expected for this sample.
[[ $status -le 1 ]] || exit "$status"

printf '\033[1m==> riserbo check-image: the demo logo, a neighbour coat of arms, no logo\033[0m\n'
status=0
target/release/riserbo check-image target/demo-pictures/00004.jpg target/demo-pictures/00003.jpg \
  target/demo-pictures/00006.png || status=$?
[[ $status -le 1 ]] || exit "$status"
