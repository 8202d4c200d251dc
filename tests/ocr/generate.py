"""Builds the text-in-pictures corpus: forms, tables, notices and screenshots
carrying a citizen's identifiers, and clean pictures with text.

Sensitive pictures carry codici fiscali, IBANs and phone numbers (valid
ones, from Faker's Italian locale), names tied to administrative matters,
"RISERVATO" and protocol stamps. Clean pictures carry text that must not
warn: menus with prices, event posters, street signs, opening hours
("0800-1400"), a parcel label with its tracking code, shop signs with
surnames such as Praticò.

Each is drawn with one of the DejaVu / Liberation fonts (Debian's
fonts-dejavu and fonts-liberation) at 10-40 px, sometimes turned by up to
3 degrees, blurred, recompressed as JPEG, or held in a photograph (the
photographs scikit-image ships, as the logo corpus uses them).

    python generate.py OUT_DIR --seed N [--sensitive 200] [--clean 150]

writes the pictures and OUT_DIR/labels.jsonl:
{"file", "kind": "sensitive" | "clean", "style", "ids": [{"type", "value", "px"}]}
where `px` is the identifier's drawn height (its letters' box) in the
final picture's pixels. The same seed gives the same corpus.
"""

import argparse
import io
import json
import random
from pathlib import Path

import skimage
from faker import Faker
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
FONT_NAMES = [
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf",
    "DejaVuSansCondensed.ttf", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
    "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf",
]
PHOTOS = [
    "astronaut.png", "brick.png", "camera.png", "chelsea.png", "coffee.png",
    "coins.png", "grass.png", "gravel.png", "motorcycle_left.png", "rocket.jpg",
]
COMUNI = ["Esempio", "Roccaverde", "Montalto", "San Vito", "Pietrabianca", "Borgonuovo"]
MATTERS = [
    "domanda di contributo affitto", "verbale di contravvenzione", "istanza di rimborso TARI",
    "pratica di sfratto", "richiesta bonus sociale", "ricorso avverso la sanzione",
    "graduatoria alloggi popolari", "accertamento IMU",
]


def fonts():
    found = []
    for name in FONT_NAMES:
        for folder in FONT_DIRS:
            if (folder / name).exists():
                found.append(str(folder / name))
                break
    if not found:
        raise SystemExit("no DejaVu or Liberation fonts: run scripts/setup.sh")
    return found


def photographs():
    folder = Path(skimage.__file__).parent / "data"
    return [Image.open(folder / name).convert("RGB") for name in PHOTOS]


def phone(rng):
    mobile = f"3{rng.choice('2345689')}{rng.randint(0, 9)}"
    rest = f"{rng.randint(0, 9999999):07d}"
    return rng.choice([
        f"{mobile} {rest}",
        f"+39 {mobile} {rest}",
        f"{mobile} {rest[:3]} {rest[3:]}",
        f"0{rng.choice(['6', '2', '965', '81', '11', '55'])} {rng.randint(100000, 9999999)}",
    ])


class Page:
    """A drawing with a cursor, recording where identifiers go."""

    def __init__(self, rng, font_path, size, width, height, paper=(255, 255, 255)):
        self.rng = rng
        # Drawn on a large sheet, cut to the text at the end (see cut()):
        # no line runs off the page.
        self.width, self.height = width, height
        self.right = 0
        self.image = Image.new("RGB", (max(width, size * 60), max(height, size * 40)), paper)
        self.draw = ImageDraw.Draw(self.image)
        self.font_path = font_path
        self.size = size
        self.font = ImageFont.truetype(font_path, size)
        self.bold = ImageFont.truetype(font_path, round(size * 1.4))
        self.x = round(size * 1.5)
        self.y = round(size * 1.2)
        self.ids = []
        self.ink = rng.choice([(0, 0, 0), (30, 30, 30), (20, 30, 80), (60, 60, 60)])

    def fits(self):
        return self.y + self.size * 2 < max(self.height, self.image.height * 0.9)

    def line(self, text, ids=(), font=None, x=None, ink=None):
        """Draws one line; `ids` are (type, value) pairs appearing in it."""
        font = font or self.font
        x = self.x if x is None else x
        if not self.fits():
            return False
        self.draw.text((x, self.y), text, font=font, fill=ink or self.ink)
        self.right = max(self.right, self.draw.textbbox((x, self.y), text, font=font)[2])
        for kind, value in ids:
            box = self.draw.textbbox((0, 0), value, font=font)
            self.ids.append({"type": kind, "value": value, "px": box[3] - box[1]})
        self.y += round(font.size * 1.55)
        return True

    def stamp(self, text):
        """A red stamp, turned, somewhere on the right."""
        size = round(self.size * self.rng.uniform(1.3, 2.0))
        font = ImageFont.truetype(self.font_path, size)
        box = self.draw.textbbox((0, 0), text, font=font)
        w, h = box[2] - box[0] + size, box[3] - box[1] + size
        layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        d = ImageDraw.Draw(layer)
        d.rectangle((2, 2, w - 3, h - 3), outline=(200, 20, 20, 230), width=max(2, size // 10))
        d.text((size // 2, size // 2 - box[1]), text, font=font, fill=(200, 20, 20, 230))
        layer = layer.rotate(self.rng.uniform(-12, 12), expand=True, resample=Image.BICUBIC)
        # Below the text, on the right: stamps on the fields themselves
        # would hide what the corpus counts.
        x = max(self.x, self.right - layer.width - self.rng.randint(0, 60))
        y = self.y + self.size
        self.image.paste(layer, (x, y), layer)
        self.right = max(self.right, x + layer.width)
        self.y = y + layer.height

    def cut(self):
        """The sheet cut to its text, no smaller than the page asked for."""
        width = min(self.image.width, max(self.width, self.right + self.x))
        height = min(self.image.height, max(self.height, self.y + self.size))
        return self.image.crop((0, 0, width, height))


def person(fake, rng):
    return fake.first_name(), fake.last_name()


def sensitive_form(rng, fake, font, size):
    page = Page(rng, font, size, rng.randint(700, 1300), rng.randint(800, 1500), paper=(250, 249, 244))
    first, last = person(fake, rng)
    page.line(f"COMUNE DI {rng.choice(COMUNI).upper()}", font=page.bold)
    page.line(f"Oggetto: {rng.choice(MATTERS)}")
    page.line("")
    page.line(f"Cognome: {last}")
    page.line(f"Nome: {first}")
    cf = fake.ssn()
    page.line(f"Codice fiscale: {cf}", [("codice_fiscale", cf)])
    if rng.random() < 0.7:
        p = phone(rng)
        page.line(f"Telefono: {p}", [("phone", p)])
    if rng.random() < 0.6:
        iban = fake.iban()
        shown = iban if rng.random() < 0.5 else " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        page.line(f"IBAN: {shown}", [("iban", shown)])
    page.line(f"Residente in via {fake.street_name()} {rng.randint(1, 120)}")
    page.line(f"Data: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025   Firma ______________")
    page.stamp(rng.choice(["RISERVATO", f"Prot. n. {rng.randint(100, 99999)}/2025", "USO INTERNO"]))
    return page


def sensitive_table(rng, fake, font, size):
    """A management system's window: a bar, a title, a table of citizens."""
    page = Page(rng, font, size, rng.choice([1280, 1366, 1440, 1024]), rng.choice([720, 768, 900]))
    bar = rng.choice([(0, 102, 204), (40, 40, 60), (0, 120, 90), (120, 20, 40)])
    page.draw.rectangle((0, 0, page.image.width, size * 3), fill=bar)
    page.draw.text((size, size // 1.5), "Gestionale Pratiche - Ufficio Tributi", font=page.font, fill=(255, 255, 255))
    page.y = size * 4
    page.line("Elenco pratiche in istruttoria", font=page.bold)
    # Columns as a web table lays them out: the widest cell, then a gutter.
    cf_width = page.draw.textlength("MMMMMM00M00M000M", font=page.font)
    cols = [page.x, page.x + size * 11, round(page.x + size * 13 + cf_width)]
    for x, head in zip(cols, ["Nominativo", "Codice fiscale", "Telefono"]):
        page.draw.text((x, page.y), head, font=page.font, fill=(90, 90, 90))
    page.y += round(size * 1.8)
    while page.fits() and len(page.ids) < 12:
        first, last = person(fake, rng)
        cf, p = fake.ssn(), phone(rng)
        if page.y // size % 2:
            page.draw.rectangle((0, page.y - 4, page.image.width, page.y + size + 6), fill=(240, 244, 250))
        page.draw.text((cols[0], page.y), f"{last} {first[0]}.", font=page.font, fill=page.ink)
        page.draw.text((cols[1], page.y), cf, font=page.font, fill=page.ink)
        page.draw.text((cols[2], page.y), p, font=page.font, fill=page.ink)
        page.right = max(page.right, page.draw.textbbox((cols[2], page.y), p, font=page.font)[2])
        for kind, value in [("codice_fiscale", cf), ("phone", p)]:
            box = page.draw.textbbox((0, 0), value, font=page.font)
            page.ids.append({"type": kind, "value": value, "px": box[3] - box[1]})
        page.y += round(size * 1.9)
    return page


def sensitive_notice(rng, fake, font, size):
    page = Page(rng, font, size, rng.randint(800, 1300), rng.randint(600, 1000), paper=rng.choice([(255, 255, 255), (255, 252, 220)]))
    first, last = person(fake, rng)
    page.line("AVVISO - NON PUBBLICARE", font=page.bold)
    page.line(f"Il sig. {first} {last} ha presentato {rng.choice(MATTERS)}.")
    cf = fake.ssn()
    page.line(f"C.F. {cf}", [("codice_fiscale", cf)])
    if rng.random() < 0.5:
        p = phone(rng)
        page.line(f"Recapito: {p}", [("phone", p)])
    else:
        iban = fake.iban()
        page.line(f"Accredito su IBAN {iban}", [("iban", iban)])
    page.line(f"Prot. n. {rng.randint(1000, 99999)} del {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025")
    page.stamp(rng.choice(["RISERVATO", "RISERVATO - USO INTERNO"]))
    return page


def clean_menu(rng, fake, font, size):
    page = Page(rng, font, size, rng.randint(600, 1100), rng.randint(700, 1300), paper=rng.choice([(255, 250, 240), (250, 250, 250)]))
    page.line(f"Trattoria {fake.last_name()}", font=page.bold)
    page.line("Menu del giorno")
    for dish in rng.sample([
        "Tagliatelle al ragù", "Risotto ai funghi porcini", "Pasta alla Norma", "Orecchiette con le cime di rapa",
        "Bistecca alla fiorentina", "Frittura di paranza", "Parmigiana di melanzane", "Tiramisù della casa",
        "Cannoli siciliani", "Insalata mista", "Spaghetti alle vongole", "Gnocchi al pesto", "Baccalà alla vicentina",
    ], 8):
        page.line(f"{dish}  € {rng.randint(5, 28)},{rng.choice(['00', '50'])}")
    page.line(f"Coperto € 2,00 - Aperto {rng.choice(['12:00-15:00', '0800-1400', '19.00-23.00'])}")
    return page


def clean_poster(rng, fake, font, size):
    page = Page(rng, font, size, rng.randint(700, 1200), rng.randint(900, 1500), paper=rng.choice([(255, 240, 200), (220, 235, 255), (255, 255, 255)]))
    page.line(rng.choice(["Sagra della castagna", "Concerto in piazza", "Festa patronale", "Mostra di pittura", "Mercatino dell'antiquariato"]), font=page.bold)
    page.line(f"{rng.randint(1, 28)} {rng.choice(['maggio', 'giugno', 'luglio', 'ottobre'])} 2026 ore {rng.randint(16, 21)}:00")
    page.line(f"Piazza {rng.choice(['Garibaldi', 'Duomo', 'Mazzini', 'della Repubblica'])}")
    name = rng.choice(["Praticò", fake.last_name()])
    page.line(f"con {fake.first_name()} {name} e la banda musicale")
    page.line("Ingresso libero - Info 0800-1400 presso la Pro Loco")
    page.line(f"Orario mostra: {rng.choice(['0900-1300', '0800-1400', '10.00-18.00'])}")
    page.line("Si ringraziano gli sponsor")
    return page


def clean_sign(rng, fake, font, size):
    page = Page(rng, font, size * 2, rng.randint(600, 1000), rng.randint(300, 500), paper=rng.choice([(255, 255, 255), (20, 90, 40), (20, 60, 140)]))
    if page.image.getpixel((0, 0)) != (255, 255, 255):
        page.ink = (255, 255, 255)
    page.line(rng.choice([f"Via {fake.street_name()}", "Piazza Duomo", "ZTL - Zona a traffico limitato", "Centro storico", f"Farmacia Praticò"]), font=page.bold)
    page.line(rng.choice(["Varco attivo 0800-1400", "Parcheggio a pagamento", "Senso unico", "Orario 08.30-12.30"]))
    return page


def clean_parcel(rng, fake, font, size):
    page = Page(rng, font, size, rng.randint(600, 900), rng.randint(400, 700))
    page.line("SPEDIZIONE", font=page.bold)
    page.line(f"Tracking: 1Z {rng.randint(100, 999)} AA1 {rng.randint(10, 99):02d} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}")
    page.line(f"Peso {rng.randint(1, 20)},{rng.randint(0, 9)} kg - Colli 1/1")
    page.line("Consegna prevista entro 3 giorni lavorativi")
    page.line(f"Negozio {fake.last_name()} & Figli")
    return page


SENSITIVE = [sensitive_form, sensitive_form, sensitive_table, sensitive_notice]
CLEAN = [clean_menu, clean_poster, clean_sign, clean_parcel]


def finish(rng, page, photos):
    """Turns, blurs, or holds the drawing in a photograph; JPEG at the end.
    Returns the picture and the scale applied to it."""
    image = page.cut()
    scale = 1.0
    style = "screenshot"
    r = rng.random()
    if r < 0.35:
        # A photograph with the document in it, a little turned.
        style = "photo"
        photo = rng.choice(photos)
        w, h = image.width, image.height
        bw, bh = round(w * rng.uniform(1.15, 1.5)), round(h * rng.uniform(1.15, 1.5))
        pw, ph = photo.size
        cw, ch = rng.randint(pw // 2, pw), rng.randint(ph // 2, ph)
        x, y = rng.randint(0, pw - cw), rng.randint(0, ph - ch)
        base = photo.crop((x, y, x + cw, y + ch)).resize((bw, bh), Image.BICUBIC)
        doc = image.convert("RGBA").rotate(rng.uniform(-3, 3), expand=True, resample=Image.BICUBIC)
        base.paste(doc, ((bw - doc.width) // 2, (bh - doc.height) // 2), doc)
        image = base
    elif r < 0.6:
        style = "turned"
        image = image.rotate(rng.uniform(-3, 3), expand=True, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    if rng.random() < 0.4:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    if style == "photo" and rng.random() < 0.5:
        # Photos are often shrunk before they are posted.
        scale = rng.uniform(0.7, 1.0)
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.BICUBIC)
    buffer = io.BytesIO()
    if style == "screenshot" and rng.random() < 0.5:
        image.save(buffer, "PNG")
        ext = "png"
    else:
        image.save(buffer, "JPEG", quality=rng.randint(55, 92))
        ext = "jpg"
    return buffer.getvalue(), ext, scale, style


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sensitive", type=int, default=200)
    parser.add_argument("--clean", type=int, default=150)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fake = Faker("it_IT")
    fake.seed_instance(args.seed)
    font_paths = fonts()
    photos = photographs()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "labels.jsonl", "w") as labels:
        for i in range(args.sensitive + args.clean):
            sensitive = i < args.sensitive
            make = rng.choice(SENSITIVE if sensitive else CLEAN)
            size = rng.randint(11, 34)
            page = make(rng, fake, rng.choice(font_paths), size)
            data, ext, scale, style = finish(rng, page, photos)
            name = f"{'s' if sensitive else 'c'}{i:04d}-{make.__name__}.{ext}"
            (out / name).write_bytes(data)
            ids = [{**d, "px": round(d["px"] * scale)} for d in page.ids]
            record = {"file": name, "kind": "sensitive" if sensitive else "clean", "style": style, "ids": ids}
            labels.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
