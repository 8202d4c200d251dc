"""Builds the logo corpus: coats of arms pasted onto real photographs.

The logos are the six deliberately similar coats of arms in `arms/` (same
shield, same colours, same crown but one; the charge differs). Each picture
holds one of them, or none. The photographs are the sample images that
scikit-image ships inside its wheel (PyPI), used as they are, cropped,
rescaled and recoloured; flyers and screenshots are drawn here.

Transformations follow the issue: the logo at 15-90% of the picture's
shorter side (or alone in its picture, 1/4x to 4x), recompressed as JPEG
down to quality 40 or as WebP, in grayscale or tinted, with its margins cropped (to the outline, and up to 1% into it),
turned by up to 10 degrees.

Tincture look-alikes (issue 14): each coat of arms drawn again in other
tinctures, as neighbouring Comuni bear the same drawing (a green shield with
a red band where the Ente's is blue and gold). They are never the Ente's
logo: labelled with logo null, `lookalike` naming the drawing, kind
`lookalike-alone` (on white, as a profile picture) or `lookalike-embedded`
(on a photograph, flyer or screenshot). They keep their tinctures (no
grayscale or tint: a gray copy of a look-alike is the Ente's drawing), drawn
from the seven heraldic tinctures; at least one of the two is a colour
(black and silver arms are a gray rendering of the drawing).

    python generate.py OUT_DIR --seed N [--per-logo 100] [--plain 600] [--lookalikes 40]

writes the pictures and OUT_DIR/labels.jsonl ({"file", "logo", "kind"}).
The same seed gives the same corpus.
"""

import argparse
import io
import json
import random
from pathlib import Path

import cairosvg
import skimage
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps

HERE = Path(__file__).parent
ARMS = sorted(HERE.glob("arms/*.svg"))
# Photographs only: the samples that are drawings, charts or test patterns
# (the scikit-image logo, the chessboards, the phantom) are left out.
PHOTOS = [
    "astronaut.png", "brick.png", "camera.png", "cell.png", "chelsea.png",
    "clock_motion.png", "coffee.png", "coins.png", "grass.png", "gravel.png",
    "hubble_deep_field.jpg", "ihc.png", "moon.png", "motorcycle_left.png",
    "motorcycle_right.png", "page.png", "retina.jpg", "rocket.jpg", "text.png",
]
ASPECTS = [4 / 3, 3 / 4, 16 / 9, 1.0, 9 / 16]
# The arms' two tinctures (the field's blue, the gold of the other half and
# the crown) and the silver of the tower; the look-alikes change them.
BLUE, GOLD, SILVER = "#1d4f91", "#e3b23c", "#fff"
TINCTURES = {
    "azzurro": "#1d4f91", "oro": "#e3b23c", "rosso": "#b3202c", "verde": "#23763a",
    "porpora": "#6b2d6e", "nero": "#222222", "argento": "#f0f0f0",
}
# Tinctures with no hue: arms in these alone are a gray rendering of the
# drawing, which must still be found; colour cannot tell them apart.
ACHROMATIC = {"nero", "argento"}


def render(svg, height):
    """The logo as RGBA, `height` pixels tall, transparent around it."""
    png = cairosvg.svg2png(url=str(svg), output_height=height)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def lookalike(svg, rng):
    """The same drawing in other tinctures: a new pair for the field and
    the gold (at least one of them changed, never the same two), sometimes
    the tower in another metal; rendered like `render`."""
    names = list(TINCTURES)
    while True:
        field, gold = rng.sample(names, 2)
        if (TINCTURES[field], TINCTURES[gold]) != (BLUE, GOLD) and not {field, gold} <= ACHROMATIC:
            break
    tower = rng.choice(["argento", "argento", "oro"]) if gold != "oro" else "argento"
    text = svg.read_text()
    text = (text.replace(BLUE, "@field@").replace(GOLD, "@gold@")
            .replace('"' + SILVER + '"', '"@tower@"'))
    text = (text.replace("@field@", TINCTURES[field]).replace("@gold@", TINCTURES[gold])
            .replace("@tower@", TINCTURES[tower]))
    png = cairosvg.svg2png(bytestring=text.encode(), output_height=900)
    return Image.open(io.BytesIO(png)).convert("RGBA"), f"{field}/{gold}/{tower}"


def photographs():
    folder = Path(skimage.__file__).parent / "data"
    return [Image.open(folder / name).convert("RGB") for name in PHOTOS]


def canvas_size(rng):
    short = rng.randint(300, 1400)
    aspect = rng.choice(ASPECTS)
    return (short, round(short / aspect)) if aspect < 1 else (round(short * aspect), short)


def photo_canvas(rng, photos, size):
    photo = rng.choice(photos)
    w, h = photo.size
    cw, ch = rng.randint(w // 2, w), rng.randint(h // 2, h)
    x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    return photo.crop((x, y, x + cw, y + ch)).resize(size, Image.BICUBIC)


def flyer_canvas(rng, photos, size):
    """A notice or poster: a pale card with a coloured band and lines of
    text, sometimes held up in a photograph."""
    w, h = size
    if rng.random() < 0.5:
        base = photo_canvas(rng, photos, size)
        fw, fh = int(w * rng.uniform(0.5, 0.8)), int(h * rng.uniform(0.5, 0.8))
        fx, fy = rng.randint(0, w - fw), rng.randint(0, h - fh)
    else:
        base = Image.new("RGB", size)
        fw, fh, fx, fy = w, h, 0, 0
    card = Image.new("RGB", (fw, fh), tuple(rng.randint(225, 255) for _ in range(3)))
    draw = ImageDraw.Draw(card)
    band = tuple(rng.randint(0, 200) for _ in range(3))
    draw.rectangle((0, 0, fw, int(fh * rng.uniform(0.05, 0.15))), fill=band)
    line = max(4, fh // 40)
    y = int(fh * 0.2)
    while y < fh - line * 2:
        x0 = int(fw * rng.uniform(0.05, 0.15))
        draw.rectangle((x0, y, int(fw * rng.uniform(0.4, 0.95)), y + line // 2), fill=(40, 40, 40))
        y += line * rng.choice([1, 1, 2])
    base.paste(card, (fx, fy))
    return base


def screenshot_canvas(rng, photos, size):
    """A page of a social network: bars, panels, text, a photo in a post."""
    w, h = size
    dark = rng.random() < 0.3
    shot = Image.new("RGB", size, (24, 25, 26) if dark else (240, 242, 245))
    draw = ImageDraw.Draw(shot)
    panel = (36, 37, 38) if dark else (255, 255, 255)
    ink = (220, 220, 220) if dark else (50, 50, 50)
    draw.rectangle((0, 0, w, h // 14), fill=(24, 119, 242) if rng.random() < 0.5 else panel)
    x0, x1 = int(w * 0.2), int(w * 0.8)
    draw.rectangle((x0, h // 10, x1, h - h // 20), fill=panel)
    y = h // 10 + 10
    while y < h // 2:
        draw.rectangle((x0 + 20, y, x0 + 20 + rng.randint(w // 8, (x1 - x0) - 40), y + 4), fill=ink)
        y += 14
    picture = photo_canvas(rng, photos, (x1 - x0 - 40, max(10, h - h // 20 - y - 20)))
    shot.paste(picture, (x0 + 20, y + 10))
    return shot


def recolour(image, rng):
    """Grayscale, a tint, or nothing."""
    roll = rng.random()
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    if roll < 0.25:
        changed = ImageOps.grayscale(image).convert("RGB")
    elif roll < 0.5:
        dark = tuple(rng.randint(0, 90) for _ in range(3))
        light = tuple(rng.randint(160, 255) for _ in range(3))
        changed = ImageOps.colorize(ImageOps.grayscale(image), dark, light)
    else:
        return image
    if alpha is not None:
        changed.putalpha(alpha)
    return changed


def logo_tile(rng, renders, name, height, recoloured=True):
    """The logo at `height` pixels, recoloured, margins cut, turned."""
    tile = renders[name].resize(
        (max(1, round(renders[name].width * height / renders[name].height)), height), Image.LANCZOS
    )
    tile = tile.crop(tile.getbbox())
    w, h = tile.size
    cut = [rng.uniform(0, 0.01) for _ in range(4)]
    tile = tile.crop((int(w * cut[0]), int(h * cut[1]), w - int(w * cut[2]), h - int(h * cut[3])))
    if recoloured:
        tile = recolour(tile, rng)
    angle = rng.uniform(-10, 10)
    return tile.rotate(angle, resample=Image.BICUBIC, expand=True), angle


def finish(image, rng, path_stem):
    """Light, blur and compression, as a phone or a site would."""
    image = ImageEnhance.Brightness(image).enhance(rng.uniform(0.85, 1.15))
    image = ImageEnhance.Contrast(image).enhance(rng.uniform(0.85, 1.15))
    if rng.random() < 0.2:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    roll = rng.random()
    if roll < 0.7:
        path = path_stem.with_suffix(".jpg")
        image.convert("RGB").save(path, quality=rng.randint(40, 95))
    elif roll < 0.85:
        path = path_stem.with_suffix(".webp")
        image.convert("RGB").save(path, quality=rng.randint(60, 90))
    else:
        path = path_stem.with_suffix(".png")
        image.save(path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-logo", type=int, default=100)
    parser.add_argument("--plain", type=int, default=600)
    parser.add_argument("--lookalikes", type=int, default=40, help="tincture look-alikes per coat of arms")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    photos = photographs()
    renders = {svg.stem: render(svg, 900) for svg in ARMS}
    canvases = [photo_canvas] * 5 + [flyer_canvas] * 2 + [screenshot_canvas] * 2
    labels = []

    def emit(index, image, logo, kind, extra):
        path = finish(image, rng, args.out / f"{index:05d}")
        labels.append({"file": path.name, "logo": logo, "kind": kind, **extra})

    index = 0
    for name in sorted(renders):
        for _ in range(args.per_logo):
            if rng.random() < 0.1:
                # The logo alone in its picture, as a profile picture would
                # be: 1/4x to 4x of a 112-pixel original.
                tile, angle = logo_tile(rng, renders, name, rng.randint(28, 448))
                back = Image.new("RGBA", tile.size, (255, 255, 255, 255) if rng.random() < 0.7 else (0, 0, 0, 0))
                back.alpha_composite(tile)
                image = back if back.getextrema()[3][0] < 255 else back.convert("RGB")
                emit(index, image, name, "alone", {"angle": round(angle, 1)})
            else:
                canvas = rng.choice(canvases)
                size = canvas_size(rng)
                image = recolour(canvas(rng, photos, size), rng) if rng.random() < 0.2 else canvas(rng, photos, size)
                share = rng.uniform(0.15, 0.9)
                tile, angle = logo_tile(rng, renders, name, max(8, round(min(size) * share)))
                # Turning makes the tile larger: keep it inside the picture.
                if tile.width > size[0] or tile.height > size[1]:
                    tile.thumbnail(size)
                x = rng.randint(0, size[0] - tile.width)
                y = rng.randint(0, size[1] - tile.height)
                image = image.convert("RGB")
                image.paste(tile, (x, y), tile)
                emit(index, image, name, canvas.__name__.split("_")[0], {"share": round(share, 3), "angle": round(angle, 1)})
            index += 1
    for _ in range(args.plain):
        canvas = rng.choice(canvases)
        image = canvas(rng, photos, canvas_size(rng))
        image = recolour(image, rng)
        if rng.random() < 0.3:
            image = image.rotate(rng.uniform(-10, 10), resample=Image.BICUBIC)
        emit(index, image, None, canvas.__name__.split("_")[0], {})
        index += 1
    # Last, so the pictures above stay those of earlier corpora with the same seed.
    for svg in ARMS:
        for _ in range(args.lookalikes):
            drawn, tinctures = lookalike(svg, rng)
            others = {svg.stem: drawn}
            extra = {"lookalike": svg.stem, "tinctures": tinctures}
            if rng.random() < 0.4:
                tile, angle = logo_tile(rng, others, svg.stem, rng.randint(28, 448), recoloured=False)
                back = Image.new("RGBA", tile.size, (255, 255, 255, 255))
                back.alpha_composite(tile)
                emit(index, back.convert("RGB"), None, "lookalike-alone", {**extra, "angle": round(angle, 1)})
            else:
                canvas = rng.choice(canvases)
                size = canvas_size(rng)
                image = canvas(rng, photos, size)
                share = rng.uniform(0.15, 0.9)
                tile, angle = logo_tile(rng, others, svg.stem, max(8, round(min(size) * share)), recoloured=False)
                if tile.width > size[0] or tile.height > size[1]:
                    tile.thumbnail(size)
                x = rng.randint(0, size[0] - tile.width)
                y = rng.randint(0, size[1] - tile.height)
                image = image.convert("RGB")
                image.paste(tile, (x, y), tile)
                emit(index, image, None, "lookalike-embedded", {**extra, "share": round(share, 3), "angle": round(angle, 1)})
            index += 1
    with open(args.out / "labels.jsonl", "w") as out:
        for label in labels:
            out.write(json.dumps(label) + "\n")
    print(f"{len(labels)} pictures in {args.out}: {len(renders)} logos x {args.per_logo}, {args.plain} without a logo, "
          f"{len(ARMS)} x {args.lookalikes} tincture look-alikes")


if __name__ == "__main__":
    main()
