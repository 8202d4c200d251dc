#!/usr/bin/env bash
# Builds the CLI, the wasm core with its JS glue under extension/core/, and
# the browser test pages. The repository root then loads as an unpacked
# extension.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "building the riserbo CLI"
cargo build --release -q -p riserbo-cli

say "building the wasm core"
cargo build --release -q --target wasm32-unknown-unknown -p riserbo-wasm
rm -rf extension/core
wasm-bindgen --target web --out-dir extension/core \
  target/wasm32-unknown-unknown/release/riserbo_wasm.wasm
wasm=extension/core/riserbo_wasm_bg.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'wasm size: %s bytes raw, %s bytes gzipped (%d KiB)\n' "$raw" "$gz" $((gz / 1024))

say "copying the OCR engine and the Italian model into extension/ocr/vendor"
# tesseract-wasm (npm, BSD-2) and Debian's tesseract-ocr-ita model: shipped
# with the extension, never downloaded at run time.
vendor=extension/ocr/vendor
mkdir -p "$vendor"
cp node_modules/tesseract-wasm/dist/lib.js "$vendor/tesseract-wasm.js"
# The SIMD build only: every browser the manifest allows runs it.
cp node_modules/tesseract-wasm/dist/tesseract-core.wasm "$vendor/"
rm -f "$vendor/tesseract-core-fallback.wasm"
cp /usr/share/tesseract-ocr/5/tessdata/ita.traineddata "$vendor/"

say "building the test pages"
node tests/pages/build.mjs
