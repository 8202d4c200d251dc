#!/usr/bin/env bash
# Times native `riserbo check` on the crafted texts of issue 13 item 1
# (crate/core/src/crafted.rs) at 100 KB, 1 MB and 4 MB, and a policy with
# 100,000 reserved terms on prose. Prints a Markdown table of CPU seconds
# (user + system; wall time on a shared machine measures the neighbours).
#   scripts/crafted-times.sh [RISERBO] [TIMEOUT_SECONDS]
# RISERBO (default target/release/riserbo) is the binary timed; the texts
# always come from target/release/riserbo, so an older build can be timed
# on the same inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/riserbo}
limit=${2:-120}
gen=${RISERBO_GEN:-target/release/riserbo}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
kinds="prose vi-informa comunica insults insults-one-sentence at-runs digit-dots identifiers"
sizes="102400 1048576 4194304"
time_one() { # file [policy] -> CPU seconds (user + system): the machine is shared
  local policy=()
  [ -n "${2:-}" ] && policy=(--policy "$2")
  local rc=0
  timeout "$limit" /usr/bin/time -f '%U %S' -o "$dir/time" "$bin" check "$1" "${policy[@]}" --format json >/dev/null 2>&1 || rc=$?
  if [ "$rc" = 124 ]; then echo "> ${limit} s"; else tail -n 1 "$dir/time" | awk '{printf "%.2f s", $1 + $2}'; fi
}
echo "| input | 100 KB | 1 MB | 4 MB |"
echo "|---|---|---|---|"
for kind in $kinds; do
  row="| $kind |"
  for size in $sizes; do
    "$gen" crafted "$kind" "$size" > "$dir/t"
    row="$row $(time_one "$dir/t") |"
  done
  echo "$row"
done
"$gen" crafted policy-terms 100000 > "$dir/policy.json"
row="| prose, 100,000 confidentialTerms |"
for size in $sizes; do
  "$gen" crafted prose "$size" > "$dir/t"
  row="$row $(time_one "$dir/t" "$dir/policy.json") |"
done
echo "$row"
