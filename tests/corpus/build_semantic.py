"""Builds tests/corpus/semantic.jsonl from the hand-written posts in src/.

Each src/<category>.txt holds posts of that category, one per line
(clean.txt: no category; mixed.txt: "label,label|text"). The split is
mechanical, fixed before any rule was written: within each file, even
lines go to `dev`, odd lines to `test`. `test` was held out until the first
measurement (see README); the rules were then tuned on dev and test, and
src/holdout.txt ("labels|text"), written before that tuning, was held out
until its own first measurement; src/holdout2.txt was written before the
rules were tuned on `holdout`, and is the split still held out.
The three text examples of doc. 003 are tagged `seed`.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
SEEDS = (
    "Non crederete mai a chi è stato scelto per il nuovo appalto del verde pubblico!",
    "Sono iniziate le assunzioni per i nuovi agenti di polizia locale.",
    "Sapete che il signor Bianchi ha ricevuto una multa salatissima?",
)

rows = []
for name in ["confidential", "institutional_voice", "reputation", "personal_data", "mixed", "clean"]:
    lines = [l for l in (HERE / "src" / f"{name}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    for i, line in enumerate(lines):
        if name == "mixed":
            labels, text = line.split("|", 1)
            labels = labels.split(",")
        else:
            labels, text = ([] if name == "clean" else [name]), line
        row = {"id": f"{name}-{i + 1:03d}", "text": text, "labels": sorted(labels), "split": "dev" if i % 2 == 0 else "test"}
        if text.startswith(SEEDS):
            row["seed"] = True
        rows.append(row)

for name in ["holdout", "holdout2"]:
    lines = (HERE / "src" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(l for l in lines if l.strip()):
        labels, text = line.split("|", 1)
        labels = [] if labels == "clean" else labels.split(",")
        rows.append({"id": f"{name}-{i + 1:03d}", "text": text, "labels": sorted(labels), "split": name})

with open(HERE / "semantic.jsonl", "w", encoding="utf-8") as f:
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
clean = sum(1 for r in rows if not r["labels"])
print(f"{len(rows)} posts, {clean} clean, {sum(r['split'] == 'holdout' for r in rows)} in the holdout, "
      f"{sum(1 for r in rows if r.get('seed'))} seeds")
