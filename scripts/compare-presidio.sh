#!/usr/bin/env bash
# The comparison report of issue 3: Riserbo and Presidio on the same
# generated corpus. Not a test; installs presidio-analyzer into .venv once.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
if ! .venv/bin/python -c 'import presidio_analyzer' 2>/dev/null; then
  .venv/bin/pip install -q --disable-pip-version-check presidio-analyzer==2.2.366
fi
.venv/bin/python tests/pii/compare_presidio.py target/release/riserbo "$@"
