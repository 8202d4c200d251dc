"""Writes each corpus picture as the extension reads it: shrunk to at most
2.8 megapixels, gray (BT.709), raw bytes, for evaluate-wasm.mjs.

    python gray.py CORPUS_DIR OUT_DIR
"""

import sys
from pathlib import Path

from PIL import Image

MAX_PIXELS = 2.8e6

corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(corpus.glob("*.*")):
    if path.suffix not in (".png", ".jpg"):
        continue
    image = Image.open(path).convert("RGB")
    scale = min(1.0, (MAX_PIXELS / (image.width * image.height)) ** 0.5)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.BICUBIC)
    (out / (path.name + ".gray")).write_bytes(image.convert("L", (0.2126, 0.7152, 0.0722, 0)).tobytes())
    (out / (path.name + ".size")).write_text(f"{image.width} {image.height}\n")
