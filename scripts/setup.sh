#!/usr/bin/env bash
# Installs what building and testing Riserbo needs, on a fresh Debian machine
# with Rust and Node. Idempotent: every step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The JS glue must come from the same wasm-bindgen version the crate links;
# the version is read from the crate's exact pin.
wb_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' crate/wasm/Cargo.toml)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]]; then
  say "installing wasm-bindgen-cli $wb_version (takes a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# chromium-l10n carries the UI languages: without it chrome.i18n is always
# English and the Italian interface cannot be tested.
# Firefox ESR runs the Firefox package's test; zip and unzip package;
# libcairo2 lets CairoSVG render the coats of arms of the logo corpus.
if [[ ! -x /usr/bin/chromium || ! -f /usr/lib/chromium/locales/it.pak || ! -x /usr/bin/firefox-esr ]] \
    || ! command -v zip >/dev/null || ! command -v unzip >/dev/null || ! ldconfig -p | grep -q 'libcairo\.so\.2'; then
  say "installing Debian's Chromium with its translations, Firefox ESR, zip, unzip and cairo"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n firefox-esr zip unzip libcairo2 >/dev/null
fi

# The text in pictures: Debian's Tesseract 5 and its Italian model (the CLI
# runs it; the extension ships the same model, copied by build.sh), and the
# fonts the OCR corpus is drawn with.
if ! command -v tesseract >/dev/null || [[ ! -f /usr/share/tesseract-ocr/5/tessdata/ita.traineddata ]] \
    || [[ ! -d /usr/share/fonts/truetype/dejavu || ! -d /usr/share/fonts/truetype/liberation ]]; then
  say "installing Tesseract with its Italian model, DejaVu and Liberation fonts"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-ita \
    fonts-dejavu-core fonts-liberation >/dev/null
fi

if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Python tools for the generated corpora (personal data, logos), in the
# project's venv.
if [[ ! -x .venv/bin/python || tests/pii/requirements.txt -nt .venv/.installed \
    || tests/logos/requirements.txt -nt .venv/.installed || tests/ocr/requirements.txt -nt .venv/.installed ]]; then
  say "creating .venv for the corpus tools"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r tests/pii/requirements.txt -r tests/logos/requirements.txt \
    -r tests/ocr/requirements.txt
  touch .venv/.installed
fi
