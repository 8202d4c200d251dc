"""Generates the personal-data corpus: identifiers made by Faker's it_IT
provider, kept only when python-stdnum validates them, embedded in varied
Italian social-media sentences, some of them obfuscated; and benign
sentences full of numbers that look like identifiers but are not.

Every line is {"id", "text", "kind", "span"}: `kind` is the expected
finding kind (null for a benign sentence), `span` the identifier's
[start, end) in code points.
"""

import argparse
import json
import random

from faker import Faker
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.it import codicefiscale as std_cf
from stdnum.it import iva as std_iva

# Sentences an employee or a citizen might write; {v} is the identifier.
TEMPLATES = {
    "codice_fiscale": [
        "Il cf del signore allo sportello è {v}, qualcuno lo conosce?",
        "codice fiscale {v} ... ma vi pare normale??",
        "Mi ha lasciato il suo CF: {v}",
        "{v} ecco il codice, ditegli di richiamare",
        "ragazzi ma {v} non è quello della pratica di ieri? 😂",
        "cf {v}",
    ],
    "iban": [
        "Per la colletta mandate qui: {v} grazie!!",
        "IBAN del signore che ha chiesto il rimborso: {v}",
        "bonifico su {v}, causale regalo",
        "Mi ha scritto l'IBAN {v} su un foglietto 🙄",
        "{v}",
    ],
    "partita_iva": [
        "La ditta ha P.IVA {v}, fate voi...",
        "partita iva {v} ma non fattura mai",
        "Il fornitore (P. IVA {v}) non ha ancora consegnato",
        "fattura intestata a {v}",
    ],
    "license_plate": [
        "La Panda targata {v} è di nuovo in doppia fila davanti all'ufficio",
        "multa alla macchina {v} stamattina 😅",
        "Chi ha la {v}? Spostatela!",
        "auto {v} parcheggiata sul passo carrabile",
    ],
    "phone": [
        "Chiamatelo al {v} se volete",
        "il suo cell è {v}",
        "Numero della signora: {v}",
        "scrivetegli su whatsapp {v}",
        "mi ha lasciato il {v} per essere richiamato",
        "tel. {v}",
    ],
    "payment_card": [
        "Ha pagato con la carta {v}, ma è stata rifiutata",
        "carta n. {v} trovata sul bancone",
        "Numero della carta: {v} (chi l'ha persa?)",
        "{v} scad 12/27",
    ],
    "email": [
        "Scrivetegli a {v}",
        "la mail del tizio è {v} 😂",
        "Mi ha mandato un reclamo da {v}",
        "contatto: {v}",
    ],
}

# Look-alike numbers in sentences that hold no personal data.
BENIGN = [
    "Riunione spostata al {date}, portate i verbali",
    "Costa {price}, un affare!",
    "Il mio ordine n. {order} non è ancora arrivato",
    "Tracking {tracking}, spedizione in ritardo di nuovo",
    "Prendete la linea {bus} e scendete alla terza fermata",
    "Partita finita {score}, che rimonta!",
    "Sto leggendo un libro bellissimo, ISBN {isbn}",
    "Appuntamento alle {time} davanti al bar",
    "Abito a {cap} Roma da dieci anni",
    "In caso di emergenza chiamate il {service}",
    "Il numero verde {green} risponde dalle 9 alle 18",
    "Finalmente in ferie dal {date} al {date2}!",
    "Sconto del {percent}% sui libri di scuola",
    "Nel {year} eravamo in {people} alla maratona",
    "Codice articolo {article}, taglia M",
    "Scontrino n. {order} del {date}",
    "Ho fatto {steps} passi oggi 💪",
    "Bolletta da {price} euro, roba da matti",
    "Il volo AZ{flight} parte alle {time}",
    "La mia squadra ha vinto {score} contro la capolista",
    "Lotteria: il biglietto vincente è {ticket}",
    "Modello {model}, qualcuno lo ha provato?",
]


def obfuscate(rng, kind, value):
    """Writes an identifier the way people (or evaders) sometimes do."""
    choice = rng.random()
    if kind in ("email",):
        return value
    compact = value.replace(" ", "")
    if choice < 0.15:
        return value.lower()
    if choice < 0.25 and kind in ("codice_fiscale", "iban", "payment_card"):
        # Zero-width space somewhere inside.
        i = rng.randrange(1, len(compact) - 1)
        return compact[:i] + "\u200b" + compact[i:]
    if choice < 0.32 and kind in ("codice_fiscale", "iban", "payment_card", "partita_iva"):
        # Full-width digits.
        return "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in compact)
    if choice < 0.45 and kind in ("iban", "payment_card"):
        return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))
    if choice < 0.45 and kind == "codice_fiscale":
        return " ".join([compact[:3], compact[3:6], compact[6:11], compact[11:]])
    return value


def positives(rng, fake, per_kind):
    makers = {
        "codice_fiscale": (fake.ssn, std_cf.is_valid),
        "iban": (fake.iban, std_iban.is_valid),
        "partita_iva": (lambda: fake.company_vat(), std_iva.is_valid),
        # Faker draws every letter; real series skip I, O, Q and U.
        "license_plate": (fake.license_plate, lambda v: not set(v) & set("IOQU")),
        "phone": (fake.phone_number, lambda v: True),
        "payment_card": (fake.credit_card_number, std_luhn.is_valid),
        "email": (fake.email, lambda v: True),
    }
    out = []
    for kind, (make, valid) in makers.items():
        made = 0
        while made < per_kind:
            value = make()
            if not valid(value) or (kind == "codice_fiscale" and len(std_cf.compact(value)) != 16):
                continue
            if kind == "partita_iva" and rng.random() < 0.5:
                value = value[2:] if value.startswith("IT") else value
            written = obfuscate(rng, kind, value)
            template = rng.choice(TEMPLATES[kind])
            before, after = template.split("{v}")
            text = before + written + after
            out.append({"kind": kind, "text": text, "span": [len(before), len(before) + len(written)]})
            made += 1
    return out


def negatives(rng, count):
    def d(n):
        return "".join(str(rng.randrange(10)) for _ in range(n))

    out = []
    for _ in range(count):
        values = {
            "date": rng.choice([f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(2020, 2027)}",
                                f"{rng.randrange(1, 29)}.{rng.randrange(1, 13)}.{rng.randrange(20, 27)}",
                                f"{rng.randrange(2020, 2027)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"]),
            "date2": f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}",
            "price": rng.choice([f"€ {rng.randrange(1, 9)}.{d(3)},{d(2)}", f"{rng.randrange(1, 999)},{d(2)}€",
                                 f"{rng.randrange(10, 5000)} euro"]),
            "order": rng.choice([d(rng.randrange(6, 12)), f"{d(3)}-{d(7)}-{d(7)}", f"A{d(8)}"]),
            "tracking": rng.choice([f"RR{d(9)}IT", f"1Z{d(16)}", f"{d(4)} {d(4)} {d(4)} {d(4)}", d(12)]),
            "bus": str(rng.randrange(1, 999)),
            "score": f"{rng.randrange(0, 7)}-{rng.randrange(0, 7)}",
            "isbn": rng.choice([f"978-88-{d(2)}-{d(5)}-{d(1)}", f"978{d(10)}", f"88-{d(3)}-{d(4)}-X"]),
            "time": f"{rng.randrange(7, 23):02d}.{rng.choice(['00', '15', '30', '45'])}",
            "cap": "00" + d(3),
            "service": rng.choice(["112", "113", "115", "118", "1522", "1500", "116 117"]),
            "green": rng.choice([f"800 {d(6)}", f"800.{d(3)}.{d(3)}", f"803 {d(3)}", f"199 {d(3)} {d(3)}"]),
            "percent": str(rng.randrange(5, 70)),
            "year": str(rng.randrange(1950, 2026)),
            "people": str(rng.randrange(100, 20000)),
            "article": d(rng.randrange(8, 14)),
            "steps": f"{rng.randrange(2, 30)}.{d(3)}",
            "flight": d(4),
            "ticket": f"{rng.choice('ABCDEFGHLMN')}{d(6)}",
            "model": rng.choice([f"XR-{d(4)}", f"{d(3)}X{d(2)}", f"SM-A{d(3)}F"]),
        }
        text = rng.choice(BENIGN).format(**values)
        out.append({"kind": None, "text": text, "span": None})
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=62)
    parser.add_argument("--per-kind", type=int, default=400)
    parser.add_argument("--negatives", type=int, default=3000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fake = Faker("it_IT")
    Faker.seed(args.seed)
    rows = positives(rng, fake, args.per_kind) + negatives(rng, args.negatives)
    with open(args.out, "w", encoding="utf-8") as f:
        for i, row in enumerate(rows):
            f.write(json.dumps({"id": i, **row}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
