// The text in a picture the employee attaches (content script). The page's
// main thread only decodes and shrinks the picture (the browser's decoder)
// and turns it gray; the text is read by Tesseract in the extension's OCR
// worker (extension/ocr/host.js) and analysed by the core there. Nothing
// leaves the browser.
//
// Reading takes about a second: the employee sees "sto leggendo
// l'immagine…", and a send meanwhile waits with the dialog saying so, at
// most TIMEOUT_MS: past it the picture counts as checked, with a message
// that its text was not read, and the post goes as the employee chooses.
'use strict';

riserbo.ocr = (() => {
  // Pictures are read at most this large: a screenshot as it is, a 12 MP
  // photo shrunk (about 1,900 × 1,400), within the time budget.
  const MAX_PIXELS = 2.8e6;
  const TIMEOUT_MS = 8000;

  /** Gray pixels of the picture at the reading size. */
  async function gray(file) {
    const head = Uint8Array.from(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer()));
    const info = riserbo.images.probe(head);
    if (!info || !info.width || !info.height) throw new riserbo.images.Refused('imageUnreadable');
    const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (info.width * info.height)));
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, scale < 1
        ? { resizeWidth: Math.max(1, Math.round(info.width * scale)), resizeHeight: Math.max(1, Math.round(info.height * scale)), resizeQuality: 'high' }
        : {});
    } catch {
      throw new riserbo.images.Refused('imageUnreadable');
    }
    try {
      // EXIF orientation may have turned the picture: its own size counts.
      const { width, height } = bitmap;
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.fillStyle = '#fff';
      context.fillRect(0, 0, width, height);
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, width, height);
      const luma = new Uint8Array(width * height);
      for (let i = 0, p = 0; i < luma.length; i++, p += 4) {
        luma[i] = (2126 * data[p] + 7152 * data[p + 1] + 722 * data[p + 2] + 5000) / 10000;
      }
      // Areas are reported in the picture's own pixels.
      return { width, height, luma, back: info.width / width };
    } finally {
      bitmap.close();
    }
  }

  /** @param {Uint8Array} bytes */
  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  class TimedOut extends Error {}

  return {
    TimedOut,
    TIMEOUT_MS,
    /**
     * The findings of the text in a picture, each with the picture's name,
     * its place, and the recognised line it is in (`context`, with the
     * finding's offsets in it). Rejects with TimedOut past `budget` ms.
     * @param {File} file
     * @param {number} [budget]
     */
    async check(file, budget = TIMEOUT_MS) {
      let timer;
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new TimedOut('timeout')), budget); });
      try {
        return await Promise.race([timeout, (async () => {
          const { width, height, luma, back } = await gray(file);
          const { text, findings } = await riserbo.protocol.ocr(width, height, toBase64(luma));
          const name = file.name || 'immagine';
          return findings.map(f => {
            const from = text.lastIndexOf('\n', f.start - 1) + 1;
            const to = text.indexOf('\n', f.end) < 0 ? text.length : text.indexOf('\n', f.end);
            const scale = v => Math.round(v * back);
            return {
              rule: f.rule,
              severity: f.severity,
              // Shown and ignored as the words it covers, in this picture.
              text: text.slice(f.start, f.end),
              image: name,
              area: { x: scale(f.area.x), y: scale(f.area.y), width: scale(f.area.width), height: scale(f.area.height) },
              context: { line: text.slice(from, to), start: f.start - from, end: f.end - from },
              start: 0,
              end: 0,
            };
          });
        })()]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
})();
