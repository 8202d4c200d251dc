"""Measures the text reading of `riserbo check-image` on the corpus of
generate.py: recall of the identifiers (codici fiscali, IBANs, phone
numbers) drawn at least --min-px high, and the share of clean pictures
with any warning read in their text.

    python evaluate.py RISERBO CORPUS_DIR [--min-recall 0.90] [--max-clean 0.01] [--jobs 2]

Exit 1 when a floor is not met. The logo search is switched off (empty
logoFingerprints): its own corpus measures it.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RULES = {
    "codice_fiscale": "personal_data.codice_fiscale",
    "iban": "personal_data.iban",
    "phone": "personal_data.phone",
}


def norm(s):
    """Upper-case alphanumerics; O and I as the digits they are confused
    with (the codice fiscale's detector reads them so where they belong)."""
    return re.sub(r"[^0-9A-Z]", "", s.upper()).replace("O", "0").replace("I", "1")


def found(ident, findings):
    want = norm(ident["value"])
    for f in findings:
        if f["rule"] != RULES[ident["type"]]:
            continue
        got = norm(f["text"])
        # A phone's "+39" may be read or not; the rest must match.
        if got == want or (ident["type"] == "phone" and want.endswith(got) and len(got) >= len(want) - 2):
            return True
    return False


def run(riserbo, policy, files):
    out = subprocess.run(
        [riserbo, "check-image", "--policy", policy, "--format", "jsonl", *map(str, files)],
        capture_output=True, text=True,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"riserbo failed ({out.returncode}): {out.stderr.strip()}")
    records = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        if r.get("text") is None:
            sys.exit("riserbo did not read the text: is tesseract-ocr-ita installed?")
        records[Path(r["file"]).name] = r
    return records


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("riserbo")
    parser.add_argument("corpus")
    parser.add_argument("--min-px", type=int, default=14)
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-clean", type=float)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    labels = [json.loads(l) for l in open(corpus / "labels.jsonl")]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as policy:
        json.dump({"logoFingerprints": []}, policy)
    files = [corpus / l["file"] for l in labels]
    chunks = [files[i::args.jobs * 4] for i in range(args.jobs * 4)]
    records = {}
    with ThreadPoolExecutor(args.jobs) as pool:
        for part in pool.map(lambda c: run(args.riserbo, policy.name, c), chunks):
            records.update(part)
    Path(policy.name).unlink()

    total, hit = Counter(), Counter()
    small_total = small_hit = 0
    clean = clean_warned = 0
    by_style = Counter()
    for label in labels:
        findings = records[label["file"]]["text"]["findings"]
        warned = [f for f in findings if f["severity"] in ("warning", "critical")]
        if label["kind"] == "clean":
            clean += 1
            if warned:
                clean_warned += 1
                if args.errors:
                    print(f"false alarm {label['file']}: {[(f['rule'], f['text']) for f in warned]}")
            continue
        for ident in label["ids"]:
            ok = found(ident, findings)
            if ident["px"] >= args.min_px:
                total[ident["type"]] += 1
                hit[ident["type"]] += ok
                by_style[(label["style"], ok)] += 1
                if not ok and args.errors:
                    print(f"missed {label['file']}: {ident['type']} {ident['value']!r} ({ident['px']} px)")
            else:
                small_total += 1
                small_hit += ok

    all_total, all_hit = sum(total.values()), sum(hit.values())
    recall = all_hit / max(1, all_total)
    clean_rate = clean_warned / max(1, clean)
    print(f"identifiers at least {args.min_px} px high: {all_hit}/{all_total} found ({recall:.1%})")
    for kind in sorted(total):
        print(f"  {kind:<16} {hit[kind]}/{total[kind]} ({hit[kind] / total[kind]:.1%})")
    for style in sorted({s for s, _ in by_style}):
        n = by_style[(style, True)] + by_style[(style, False)]
        print(f"  in {style:<13} {by_style[(style, True)]}/{n} ({by_style[(style, True)] / n:.1%})")
    if small_total:
        print(f"smaller identifiers (not in the floor): {small_hit}/{small_total} ({small_hit / small_total:.1%})")
    print(f"clean pictures with a warning: {clean_warned}/{clean} ({clean_rate:.1%})")
    failed = False
    if args.min_recall is not None and recall < args.min_recall:
        print(f"FAIL: recall {recall:.1%} below {args.min_recall:.0%}")
        failed = True
    if args.max_clean is not None and clean_rate > args.max_clean:
        print(f"FAIL: {clean_rate:.1%} of clean pictures warned, above {args.max_clean:.0%}")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
