// The OCR engine: Tesseract 5 compiled to WebAssembly (tesseract-wasm, BSD-2)
// with the Italian model of Debian's tesseract-ocr-ita, both shipped in the
// extension (extension/ocr/vendor/, copied by scripts/build.sh): nothing is
// downloaded at run time. Runs in a worker (worker.js), never on a page's
// main thread; this module is also what the Node benchmark loads.

import { createOCREngine, layoutFlags } from './vendor/tesseract-wasm.js';

/**
 * Starts an engine from the bytes of the wasm build and of the model.
 * @param {(name: string) => Promise<ArrayBuffer>} load
 */
export async function start(load) {
  // The SIMD build: every browser the manifest allows (Chromium 91+,
  // Firefox 128+) runs it, so the package leaves out the fallback build.
  const [wasmBinary, model] = await Promise.all([load('tesseract-core.wasm'), load('ita.traineddata')]);
  const engine = await createOCREngine({ wasmBinary });
  engine.loadModel(model);
  // Sparse text (page segmentation mode 11), as the CLI: screenshots,
  // tables and photographed notices are not pages of prose.
  engine.setVariable('tessedit_pageseg_mode', '11');
  return engine;
}

/**
 * The words of a gray picture: text, box, confidence (0-1) and line number.
 * @param {any} engine
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} luma
 */
export function read(engine, width, height, luma) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, p = 0; i < luma.length; i++, p += 4) {
    rgba[p] = rgba[p + 1] = rgba[p + 2] = luma[i];
    rgba[p + 3] = 255;
  }
  engine.loadImage({ width, height, data: rgba });
  const items = engine.getTextBoxes('word');
  engine.clearImage();
  let line = -1;
  return items.map(item => {
    if (item.flags & layoutFlags.StartOfLine || line < 0) line++;
    return {
      text: item.text,
      x: item.rect.left,
      y: item.rect.top,
      width: Math.max(1, item.rect.right - item.rect.left),
      height: Math.max(1, item.rect.bottom - item.rect.top),
      confidence: item.confidence,
      line,
    };
  });
}
