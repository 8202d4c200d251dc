#!/usr/bin/env bash
# Runs each cargo-fuzz target of fuzz/ for FUZZ_SECONDS (default 30), from
# the committed seeds of fuzz/seeds/TARGET (long texts among them, so the
# slow paths of issue 13 item 1 are reached). New inputs go to
# fuzz/corpus-run/ (git-ignored); a crash, or an input that takes more than
# 10 s, fails the run and is saved in fuzz/artifacts/.
#   scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(analyze policy fingerprint)
for target in "${targets[@]}"; do
  printf '\033[1m==> fuzz %s for %s s\033[0m\n' "$target" "$seconds"
  mkdir -p "fuzz/corpus-run/$target"
  # The stable toolchain: cargo-fuzz needs -Z flags, RUSTC_BOOTSTRAP allows them.
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "fuzz/corpus-run/$target" "fuzz/seeds/$target" \
    --sanitizer none -O -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
