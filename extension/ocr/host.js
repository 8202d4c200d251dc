// Where the OCR worker runs. Firefox's background page starts it itself;
// Chromium's service worker cannot start workers, so an offscreen document
// (offscreen.html) holds it. Either way the picture is read on the worker's
// own thread, never on a page's.

/** @param {string} base64 */
const fromBase64 = base64 => Uint8Array.from(atob(base64), c => c.charCodeAt(0));

/** A worker that reads gray pictures, one request at a time in order. */
export class Reader {
  constructor() {
    /** @type {Worker | null} */
    this.worker = null;
    this.next = 0;
    /** @type {Map<number, { resolve: (words: any[]) => void, reject: (error: Error) => void }>} */
    this.waiting = new Map();
  }

  start() {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = event => {
      const { id, words, error } = event.data;
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (!waiter) return;
      if (error) waiter.reject(new Error(error));
      else waiter.resolve(words);
    };
    worker.onerror = event => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(event.message || 'OCR worker failed'));
      this.waiting.clear();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  /**
   * The words of a gray picture given as base64.
   * @param {number} width
   * @param {number} height
   * @param {string} luma
   * @returns {Promise<any[]>}
   */
  read(width, height, luma) {
    const bytes = fromBase64(luma);
    if (bytes.length !== width * height) return Promise.reject(new Error('picture of the wrong size'));
    const worker = this.start();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, width, height, luma: bytes.buffer }, [bytes.buffer]);
    });
  }
}

/** @type {Promise<void> | null} */
let offscreen = null;

/**
 * The service worker's way to the OCR worker (Chromium): the offscreen
 * document, created on the first picture and kept.
 */
async function viaOffscreen(width, height, luma) {
  if (!offscreen) {
    offscreen = (async () => {
      const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      if (contexts.length) return;
      await chrome.offscreen.createDocument({
        url: 'extension/ocr/offscreen.html',
        reasons: ['WORKERS'],
        justification: 'Reads the text of attached pictures in a worker, locally.',
      });
    })();
    offscreen.catch(() => { offscreen = null; });
  }
  await offscreen;
  const reply = await chrome.runtime.sendMessage({ type: 'ocr-offscreen', width, height, luma });
  if (!reply || reply.error) throw new Error(reply ? reply.error : 'no reply from the OCR document');
  return reply.words;
}

/** @type {Reader | null} */
let own = null;

/**
 * The words of a gray picture (base64), read in a worker.
 * @param {number} width
 * @param {number} height
 * @param {string} luma
 */
export function readWords(width, height, luma) {
  if (typeof Worker === 'function') {
    own = own || new Reader();
    return own.read(width, height, luma);
  }
  return viaOffscreen(width, height, luma);
}
