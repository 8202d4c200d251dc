// Reads a picture the employee attaches, so the core can look for the
// Ente's logo in it. The picture never leaves the browser: the browser
// decodes and shrinks it here, and the core receives its pixels (RGBA: the
// logo's colours are checked too).
//
// Before anything is decoded, the first bytes say what the file is and how
// large: only the formats the sites accept (JPEG, PNG, WebP, GIF) are
// decoded, and a picture beyond the core's limits (a decompression bomb, a
// 200-megapixel panorama, a 20,000×1 strip) is refused with a message
// instead of filling the tab's memory.
'use strict';

riserbo.images = (() => {
  // The core's limits (riserbo_core::logo): keep these in step.
  const WORKING_SIDE = 344;
  const WORKING_PIXELS = 344 * 1376;
  const MAX_PIXELS = 50e6;
  const MAX_SIDE = 20000;
  const MAX_ASPECT = 8;
  // The headers that matter are in the first bytes, after at most a large
  // EXIF block (64 KiB) and its thumbnail.
  const HEAD_BYTES = 256 * 1024;
  const MAX_BYTES = 100 * 1024 * 1024;

  /** A refusal with the reason to show the employee (an i18n key). */
  class Refused extends Error {
    constructor(key, ...args) {
      super(key);
      this.key = key;
      this.args = args;
    }
  }

  const be16 = (b, i) => (b[i] << 8) | b[i + 1];
  const le16 = (b, i) => b[i] | (b[i + 1] << 8);
  const le24 = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
  const ascii = (b, i, n) => String.fromCharCode(...b.subarray(i, i + n));

  /** { format, width, height } from a picture's first bytes, or null. */
  function probe(b) {
    if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') {
      const view = new DataView(b.buffer, b.byteOffset);
      return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
    }
    if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') {
      return { format: 'gif', width: le16(b, 6), height: le16(b, 8) };
    }
    if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
      const chunk = ascii(b, 12, 4);
      if (chunk === 'VP8 ') return { format: 'webp', width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
      if (chunk === 'VP8L') {
        return {
          format: 'webp',
          width: 1 + (((b[22] & 0x3f) << 8) | b[21]),
          height: 1 + (((b[24] & 0x0f) << 10) | (b[23] << 2) | ((b[22] & 0xc0) >> 6)),
        };
      }
      if (chunk === 'VP8X') return { format: 'webp', width: 1 + le24(b, 24), height: 1 + le24(b, 27) };
      return null;
    }
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
      // Walk the JPEG segments to the frame header (SOF0-SOF15 but the
      // table markers C4, C8, CC), which holds the size.
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return null;
        const marker = b[i + 1];
        if (marker === 0xff) { i++; continue; }
        if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
          return { format: 'jpeg', width: be16(b, i + 7), height: be16(b, i + 5) };
        }
        if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
        i += 2 + be16(b, i + 2);
      }
      return null;
    }
    return null;
  }

  /**
   * The scale the core searches a picture at (riserbo_core::logo::
   * working_size): shorter side at most WORKING_SIDE, at most
   * WORKING_PIXELS in all, never enlarged.
   */
  const workingScale = (width, height) =>
    Math.min(1, WORKING_SIDE / Math.min(width, height), Math.sqrt(WORKING_PIXELS / (width * height)));

  /**
   * The picture as gray pixels, its shorter side shrunk to the core's
   * working size by the browser's own decoder (which, for a JPEG, can
   * decode straight at the smaller size).
   */
  async function pixels(file) {
    if (file.size > MAX_BYTES) throw new Refused('imageTooLarge');
    // Copied into an array of our own: in Firefox the file's bytes belong
    // to the page, and views on them (subarray, DataView) are refused.
    const head = Uint8Array.from(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
    const info = probe(head);
    if (!info) throw new Refused('imageUnsupported');
    if (!info.width || !info.height) throw new Refused('imageUnreadable');
    if (info.width > MAX_SIDE || info.height > MAX_SIDE || info.width * info.height > MAX_PIXELS) {
      throw new Refused('imageTooLarge');
    }
    // A strip (20,000×1) would be searched at gigapixels.
    if (Math.max(info.width, info.height) > MAX_ASPECT * Math.min(info.width, info.height)) {
      throw new Refused('imageElongated');
    }
    const scale = workingScale(info.width, info.height);
    const frame = await decodeSmall(file, info, scale);
    try {
      // The frame's own size: EXIF orientation may have turned the picture.
      const width = Math.max(1, Math.round(frame.width * workingScale(frame.width, frame.height)));
      const height = Math.max(1, Math.round(frame.height * width / frame.width));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.imageSmoothingQuality = 'medium';
      context.drawImage(frame.image, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      // RGBA, as the core takes it (one byte a pixel would be gray).
      return { width, height, luma: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    } finally {
      frame.image.close();
    }
  }

  /**
   * Decodes the picture near the size it will be searched at. WebCodecs'
   * ImageDecoder can decode a JPEG straight at 1/2, 1/4 or 1/8 of its size
   * (a 12 MP photo then never exists in full); where it is missing,
   * createImageBitmap decodes and shrinks.
   */
  async function decodeSmall(file, info, scale) {
    const type = 'image/' + info.format;
    if (typeof ImageDecoder === 'function' && (await ImageDecoder.isTypeSupported(type).catch(() => false))) {
      let decoder;
      try {
        decoder = new ImageDecoder({
          type,
          // The file's bytes: a photo is a few megabytes, read once.
          data: await file.arrayBuffer(),
          desiredWidth: Math.ceil(info.width * scale),
          desiredHeight: Math.ceil(info.height * scale),
        });
        const { image } = await decoder.decode({ frameIndex: 0 });
        return { image, width: image.displayWidth, height: image.displayHeight };
      } catch {
        throw new Refused('imageUnreadable');
      } finally {
        if (decoder) decoder.close();
      }
    }
    const resize = scale >= 1 ? {}
      : { resizeWidth: Math.max(1, Math.round(info.width * scale)), resizeHeight: Math.max(1, Math.round(info.height * scale)) };
    try {
      const image = await createImageBitmap(file, { ...resize, resizeQuality: 'medium' });
      return { image, width: image.width, height: image.height };
    } catch {
      throw new Refused('imageUnreadable');
    }
  }

  const isPicture = file => /^image\//.test(file.type) || /\.(jpe?g|png|gif|webp)$/i.test(file.name || '');

  return {
    Refused,
    isPicture,
    probe,
    pixels,
    /** The logo findings of a picture, each carrying the file's name. */
    async check(file) {
      const { width, height, luma } = await pixels(file);
      const findings = await riserbo.engine.analyzeImage(width, height, luma);
      const name = file.name || 'immagine';
      return findings.map(f => ({ ...f, text: name, image: name }));
    },
  };
})();
