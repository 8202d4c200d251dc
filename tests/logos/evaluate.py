"""Measures logo detection on a corpus made by generate.py.

Every coat of arms in `arms/` is in turn the Ente's logo: its fingerprint
comes from `riserbo logo fingerprint` on the SVG rendered to PNG, exactly as
an administrator would make it. One policy holds all six, so one run of
`riserbo check-image` per picture says which logos it sees. For each logo,
the pictures holding it are its positives; all the others (photographs with
no logo, the five similar coats of arms, the tincture look-alikes) are its
negatives.

The tincture look-alikes (the same drawings in other tinctures) are also
reported apart: a look-alike picture is a false positive when any logo is
reported in it, and their share has a floor of its own.

    python evaluate.py RISERBO CORPUS_DIR [--min-recall 0.95] [--max-fp 0.005] [--max-lookalike-fp 0.005]

Exit status 1 when a floor is not met, on the pooled figures, on the demo
Comune's logo (`esempio`) or on the look-alikes.
"""

import argparse
import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cairosvg

HERE = Path(__file__).parent
ARMS = sorted(HERE.glob("arms/*.svg"))


def fingerprints(riserbo, out):
    prints = []
    for svg in ARMS:
        png = out / f"{svg.stem}.fingerprint.png"
        cairosvg.svg2png(url=str(svg), write_to=str(png), output_height=400)
        result = subprocess.run([riserbo, "logo", "fingerprint", str(png)], capture_output=True, text=True, check=True)
        prints.append(result.stdout.strip())
    return prints


def check(riserbo, policy, files, extra=()):
    result = subprocess.run(
        # The logo search alone: the text in pictures has its own corpus
        # (tests/ocr), and reading every photograph here would only add time.
        [riserbo, "check-image", "--no-text", "--format", "jsonl", "--policy", str(policy), *extra,
         *map(str, files)],
        capture_output=True, text=True,
    )
    if result.returncode not in (0, 1):
        sys.exit(f"riserbo check-image failed ({result.returncode}): {result.stdout[-500:]} {result.stderr[-500:]}")
    return [json.loads(line) for line in result.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("riserbo")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min-recall", type=float, default=0.95)
    parser.add_argument("--max-fp", type=float, default=0.005)
    parser.add_argument("--max-lookalike-fp", type=float, default=0.005)
    parser.add_argument("--errors", action="store_true", help="list every wrong picture")
    parser.add_argument("--dump", type=Path, help="write every picture's label and record (tuning)")
    parser.add_argument("--extra", default="", help="more check-image arguments, as --extra='--min-colour=0.4' (tuning)")
    args = parser.parse_args()

    names = [svg.stem for svg in ARMS]
    policy = args.corpus / "policy.json"
    policy.write_text(json.dumps({"logoFingerprints": fingerprints(args.riserbo, args.corpus)}))
    labels = [json.loads(line) for line in open(args.corpus / "labels.jsonl")]
    files = [args.corpus / label["file"] for label in labels]
    batches = [files[i:i + 50] for i in range(0, len(files), 50)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [record for batch in pool.map(lambda b: check(args.riserbo, policy, b, args.extra.split()), batches) for record in batch]

    if args.dump:
        with open(args.dump, "w") as out:
            for label, record in zip(labels, results):
                out.write(json.dumps({"label": label, "record": record}) + "\n")
    seen = {}
    for label, record in zip(labels, results):
        if "error" in record:
            sys.exit(f"{label['file']}: {record['error']}")
        seen[label["file"]] = {names[f["area"]["logo"]] for f in record["findings"]}

    rows = []
    pooled = {"tp": 0, "pos": 0, "fp": 0, "neg": 0}
    def is_plain(label):
        return label["logo"] is None and "lookalike" not in label

    plain_flagged = sum(1 for label in labels if is_plain(label) and seen[label["file"]])
    plain = sum(1 for label in labels if is_plain(label))
    wrong = []
    for name in names:
        tp = pos = fp = neg = fp_plain = 0
        for label in labels:
            hit = name in seen[label["file"]]
            if label["logo"] == name:
                pos += 1
                tp += hit
                if not hit:
                    wrong.append(f"missed {name}: {label}")
            else:
                neg += 1
                fp += hit
                fp_plain += hit and label["logo"] is None
                if hit:
                    wrong.append(f"false {name}: {label}")
        rows.append((name, tp, pos, fp, neg, fp_plain))
        for key, value in zip(("tp", "pos", "fp", "neg"), (tp, pos, fp, neg)):
            pooled[key] += value

    print(f"{'logo':<16} {'recall':>16} {'false positives':>22} {'of which photos':>16}")
    for name, tp, pos, fp, neg, fp_plain in rows:
        print(f"{name:<16} {tp:>5}/{pos:<4} {tp / pos:7.2%} {fp:>6}/{neg:<5} {fp / neg:8.2%} {fp_plain:>16}")
    recall = pooled["tp"] / pooled["pos"]
    fp_rate = pooled["fp"] / pooled["neg"]
    print(f"{'all logos':<16} {pooled['tp']:>5}/{pooled['pos']:<4} {recall:7.2%} "
          f"{pooled['fp']:>6}/{pooled['neg']:<5} {fp_rate:8.2%}")
    print(f"pictures without a logo flagged: {plain_flagged}/{plain}")
    by_kind = {}
    for label in labels:
        if label["logo"] is not None:
            kind = by_kind.setdefault(label["kind"], [0, 0])
            kind[0] += label["logo"] in seen[label["file"]]
            kind[1] += 1
    print("recall by kind: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_kind.items())))
    lookalikes = [label for label in labels if "lookalike" in label]
    look_fp = sum(1 for label in lookalikes if seen[label["file"]])
    look_rate = look_fp / len(lookalikes) if lookalikes else 0.0
    if lookalikes:
        parts = []
        for kind in sorted({label["kind"] for label in lookalikes}):
            group = [label for label in lookalikes if label["kind"] == kind]
            parts.append(f"{kind} {sum(1 for label in group if seen[label['file']])}/{len(group)}")
        own = sum(1 for label in lookalikes if label["lookalike"] in seen[label["file"]])
        print(f"tincture look-alikes reported as a logo: {look_fp}/{len(lookalikes)} {look_rate:.2%} "
              f"({', '.join(parts)}; as their own drawing's logo {own})")
    if args.errors:
        print("\n".join(wrong))

    demo = next(row for row in rows if row[0] == "esempio")
    failures = []
    if recall < args.min_recall:
        failures.append(f"pooled recall {recall:.2%} < {args.min_recall:.2%}")
    if fp_rate > args.max_fp:
        failures.append(f"pooled false positives {fp_rate:.2%} > {args.max_fp:.2%}")
    if demo[1] / demo[2] < args.min_recall:
        failures.append(f"demo logo recall {demo[1] / demo[2]:.2%} < {args.min_recall:.2%}")
    if demo[3] / demo[4] > args.max_fp:
        failures.append(f"demo logo false positives {demo[3] / demo[4]:.2%} > {args.max_fp:.2%}")
    if look_rate > args.max_lookalike_fp:
        failures.append(f"tincture look-alikes reported {look_rate:.2%} > {args.max_lookalike_fp:.2%}")
    if failures:
        sys.exit("FLOOR NOT MET: " + "; ".join(failures))


if __name__ == "__main__":
    main()
