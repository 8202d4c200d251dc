"""Comparison report: Riserbo and Microsoft Presidio's analyzer on the same
generated personal-data corpus, in the same run: recall and precision per
kind, and throughput. A script, not a test: run it with scripts/compare-presidio.sh.

Presidio runs with its Italian recognizers and its generic ones (IBAN,
credit card, e-mail, phone) enabled for Italian, on a blank spaCy pipeline,
since no trained model can be downloaded here (its NER-based entities are
therefore out of the comparison).
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy
import tldextract

# Presidio's e-mail recognizer asks tldextract, which would fetch the public
# suffix list from the network; use the snapshot tldextract ships instead.
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    ItDriverLicenseRecognizer,
    ItFiscalCodeRecognizer,
    ItIdentityCardRecognizer,
    ItPassportRecognizer,
    ItVatCodeRecognizer,
    PhoneRecognizer,
)

HERE = Path(__file__).parent
RISERBO_REPEAT = 10
PRESIDIO_KINDS = {
    "IT_FISCAL_CODE": "codice_fiscale",
    "IT_VAT_CODE": "partita_iva",
    "IBAN_CODE": "iban",
    "CREDIT_CARD": "payment_card",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "IT_DRIVER_LICENSE": "id_document",
    "IT_IDENTITY_CARD": "id_document",
    "IT_PASSPORT": "id_document",
}


class BlankItalianEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on spacy.blank('it'): tokens, no NER."""

    def __init__(self):
        super().__init__(models=[{"lang_code": "it", "model_name": "blank"}])

    def load(self):
        self.nlp = {"it": spacy.blank("it")}


def presidio_analyzer():
    registry = RecognizerRegistry(supported_languages=["it"])
    for recognizer in (
        ItFiscalCodeRecognizer(), ItVatCodeRecognizer(), ItDriverLicenseRecognizer(),
        ItIdentityCardRecognizer(), ItPassportRecognizer(),
        CreditCardRecognizer(supported_language="it"), EmailRecognizer(supported_language="it"),
        IbanRecognizer(supported_language="it"), PhoneRecognizer(supported_language="it", supported_regions=("IT", "GB", "DE", "FR", "US")),
    ):
        registry.add_recognizer(recognizer)
    engine = BlankItalianEngine()
    engine.load()
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["it"])


def score(rows, detections):
    """Per-kind recall and precision; detections: id -> [(kind, start, end)]."""
    positives, hit, correct, made = Counter(), Counter(), Counter(), Counter()
    for row in rows:
        found = detections.get(row["id"], [])
        if row["kind"]:
            positives[row["kind"]] += 1
            start, end = row["span"]
            if any(k == row["kind"] and s < end and start < e for k, s, e in found):
                hit[row["kind"]] += 1
        for k, s, e in found:
            made[k] += 1
            if row["kind"] == k and s < row["span"][1] and row["span"][0] < e:
                correct[k] += 1
    return positives, hit, correct, made


def fmt(n, d):
    return f"{n / d:6.1%}" if d else "   n/a"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("riserbo")
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--negatives", type=int, default=1500)
    args = parser.parse_args()
    corpus = Path(tempfile.mkdtemp()) / "pii.jsonl"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--out", str(corpus), "--per-kind", str(args.per_kind),
                    "--negatives", str(args.negatives)], check=True)
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]

    feed = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    done = subprocess.run([args.riserbo, "check", "--format", "jsonl"], input=feed.encode(), capture_output=True)
    # Throughput: the corpus ten times over in one process, so that starting
    # the process (a few milliseconds) weighs as little as building
    # Presidio's engine, which is not timed; once on every core (the CLI's
    # default) and once on one thread, as Presidio runs here.
    repeated = (feed * RISERBO_REPEAT).encode()
    riserbo_seconds = {}
    for label, jobs in (("every core", []), ("one thread", ["--jobs", "1"])):
        t0 = time.perf_counter()
        subprocess.run([args.riserbo, "check", "--format", "jsonl", *jobs], input=repeated, capture_output=True)
        riserbo_seconds[label] = (time.perf_counter() - t0) / RISERBO_REPEAT
    # What Riserbo warns about (warning or above); its hints are counted apart.
    riserbo, riserbo_hints = {}, 0
    for line in done.stdout.decode().splitlines():
        out = json.loads(line)
        riserbo[out["id"]] = [(f["kind"], f["start"], f["end"]) for f in out["findings"] if f["severity"] != "hint"]
        riserbo_hints += not riserbo[out["id"]] and bool(out["findings"])

    analyzer = presidio_analyzer()
    presidio = {0.0: {}, 0.5: {}}
    t0 = time.perf_counter()
    for row in rows:
        results = analyzer.analyze(text=row["text"], language="it")
        for threshold in presidio:
            presidio[threshold][row["id"]] = [
                (PRESIDIO_KINDS[r.entity_type], r.start, r.end)
                for r in results if r.entity_type in PRESIDIO_KINDS and r.score >= threshold
            ]
    presidio_seconds = time.perf_counter() - t0

    systems = [("Riserbo", riserbo), ("Presidio", presidio[0.0]), ("Presidio ≥0.5", presidio[0.5])]
    scored = [(name, score(rows, d)) for name, d in systems]
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    header = "| kind | " + " | ".join(f"{name} recall | {name} precision" for name, _ in scored) + " |"
    print(header)
    print("|" + "---|" * (1 + 2 * len(scored)))
    for kind in kinds:
        cells = []
        for _, (positives, hit, correct, made) in scored:
            cells += [fmt(hit[kind], positives[kind]), fmt(correct[kind], made[kind])]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    benign = [r for r in rows if not r["kind"]]
    for name, d in systems:
        flagged = sum(1 for r in benign if d.get(r["id"]))
        print(f"{name}: benign sentences flagged {flagged}/{len(benign)} ({flagged / len(benign):.1%})")
    print(f"Riserbo: texts with a hint only {riserbo_hints}/{len(rows)}")
    presidio_rate = len(rows) / presidio_seconds
    print(f"throughput on {len(rows)} texts: Presidio {presidio_rate:,.0f} texts/s (one thread)")
    for label, seconds in riserbo_seconds.items():
        rate = len(rows) / seconds
        print(f"  Riserbo CLI, {label}: {rate:,.0f} texts/s ({seconds / len(rows) * 1e6:.1f} µs a text, "
              f"{rate / presidio_rate:.0f}× Presidio)")

if __name__ == "__main__":
    main()
