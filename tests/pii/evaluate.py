"""Measures Riserbo's personal-data detection on the generated corpus and
fails when it falls below the project's floors: recall >= 99.5% on the
identifiers, <= 1% of benign look-alike sentences flagged.

Usage: evaluate.py RISERBO_BINARY [--corpus FILE]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
RECALL_FLOOR = 0.995
FALSE_POSITIVE_CEILING = 0.01


def run_riserbo(binary, rows):
    feed = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    done = subprocess.run([binary, "check", "--format", "jsonl"], input=feed.encode(), capture_output=True)
    if done.returncode not in (0, 1):
        sys.exit(f"riserbo failed ({done.returncode}): {done.stderr.decode()}")
    return {r["id"]: r["findings"] for r in map(json.loads, done.stdout.decode().splitlines())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("riserbo")
    parser.add_argument("--corpus")
    args = parser.parse_args()
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        corpus = Path(tempfile.mkdtemp()) / "pii.jsonl"
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--out", str(corpus)], check=True)
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    findings = run_riserbo(args.riserbo, rows)

    total, found, flagged, hinted, benign = Counter(), Counter(), 0, Counter(), 0
    misses = []
    for row in rows:
        got = findings[row["id"]]
        if row["kind"] is None:
            benign += 1
            # Flagged, as everywhere else in the project: a finding at
            # warning or above (what the badge counts and the send guard
            # weighs). Hints are counted apart, by rule, and printed.
            warned = [f for f in got if f["severity"] != "hint"]
            if warned:
                flagged += 1
                misses.append(("falso positivo", row["text"], [f["kind"] for f in warned]))
            elif got:
                hinted[", ".join(sorted({f["rule"] for f in got}))] += 1
            continue
        total[row["kind"]] += 1
        start, end = row["span"]
        if any(f["kind"] == row["kind"] and f["start"] < end and start < f["end"] for f in got):
            found[row["kind"]] += 1
        else:
            misses.append(("mancato " + row["kind"], row["text"], [f["kind"] for f in got]))

    print(f"{'kind':16} {'recall':>8} {'found':>7}")
    for kind in sorted(total):
        print(f"{kind:16} {found[kind] / total[kind]:8.2%} {found[kind]:>4}/{total[kind]}")
    recall = sum(found.values()) / sum(total.values())
    fp_rate = flagged / benign
    print(f"{'all':16} {recall:8.2%} {sum(found.values()):>4}/{sum(total.values())}")
    print(f"benign sentences flagged: {fp_rate:.2%} ({flagged}/{benign})")
    for rules, n in hinted.most_common():
        print(f"benign sentences with a hint only ({rules}): {n}/{benign}")
    for what, text, kinds in misses[:15]:
        print(f"  {what}: {text!r} -> {kinds}")

    checks = [("recall >= 99.5%", recall >= RECALL_FLOOR), ("benign flagged <= 1%", fp_rate <= FALSE_POSITIVE_CEILING)]
    passed = sum(ok for _, ok in checks)
    for name, ok in checks:
        print(f"{'ok' if ok else 'FAILED'}: {name}")
    print(f"pii floors: {passed} passed, {len(checks) - passed} failed")
    sys.exit(0 if passed == len(checks) else 1)


if __name__ == "__main__":
    main()
