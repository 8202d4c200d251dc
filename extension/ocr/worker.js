// The OCR worker: reads the text of one gray picture at a time, off every
// page's main thread. Started by the offscreen document (Chromium) or the
// background page (Firefox); the files come from the extension's own origin.

import { start, read } from './engine.js';

/** @type {Promise<any> | null} */
let engine = null;
const load = name => fetch(new URL('./vendor/' + name, import.meta.url)).then(r => r.arrayBuffer());

self.onmessage = async event => {
  const { id, width, height, luma } = event.data;
  try {
    if (!engine) engine = start(load);
    const words = read(await engine, width, height, new Uint8Array(luma));
    self.postMessage({ id, words });
  } catch (error) {
    engine = null;
    self.postMessage({ id, error: String(error && error.message || error) });
  }
};
