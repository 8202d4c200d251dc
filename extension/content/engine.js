// Where the analysis runs.
//
// The fastest place is right here, in the content script's own copy of the
// wasm core: no message round trip. But a page whose Content-Security-Policy
// lacks 'wasm-unsafe-eval' stops WebAssembly from compiling in content
// scripts (Chromium applies the page's CSP to them), so then every analysis
// is sent to the extension's service worker instead, 2-4 ms away. Long
// texts always go there: the worker analyses them slice by slice, within a
// time budget, on its own thread.
'use strict';

/**
 * @typedef {object} LocalCore
 * @property {(text: string) => Finding[]} analyze
 * @property {(width: number, height: number, luma: Uint8Array) => ImageFinding[]} analyzeImage
 */

const riserboEngine = (() => {
  const { protocol, analysis } = riserbo;
  // In a content script, the core's files are reachable only through the
  // extension's dynamic URL (manifest: use_dynamic_url), which
  // runtime.getURL gives and a page cannot guess. The extension's own pages
  // (the popup) load them from their own origin, where the dynamic one is
  // refused.
  const ownPage = location.protocol === 'chrome-extension:' || location.protocol === 'moz-extension:';
  /** @param {string} path */
  const coreUrl = path => (ownPage ? `${location.origin}/extension/core/${path}` : chrome.runtime.getURL('extension/core/' + path));
  // Past this length an analysis could take tens of milliseconds: it runs
  // in the service worker, so the page's main thread never waits for it.
  const LOCAL_LIMIT = 20000;
  /** @type {{ kind: 'starting' | 'local' | 'worker', reason: string }} */
  const state = { kind: 'starting', reason: '' };
  /** @type {Promise<{ local: LocalCore | null, bootstrap: Bootstrap }> | null} */
  let ready = null;

  /**
   * @param {string} policyJson
   * @returns {Promise<LocalCore>}
   */
  async function startLocal(policyJson) {
    const glue = await import(coreUrl('riserbo_wasm.js'));
    await glue.default({ module_or_path: coreUrl('riserbo_wasm_bg.wasm') });
    const analyzer = new glue.Analyzer(policyJson);
    return {
      analyze: text => analyzer.analyze(text),
      analyzeImage: (width, height, luma) => analyzer.analyzeImage(width, height, luma),
    };
  }

  /** @param {Uint8Array} bytes */
  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  /** @type {Bootstrap | null} */
  let current = null;

  async function start() {
    const bootstrap = await protocol.bootstrap();
    current = bootstrap;
    try {
      const local = await startLocal(bootstrap.policyJson);
      state.kind = 'local';
      return { local, bootstrap };
    } catch (error) {
      // Expected on strict-CSP pages: fall back to the worker.
      state.kind = 'worker';
      state.reason = String(error && error.message || error);
      return { local: null, bootstrap };
    }
  }

  // A new policy: start over with it, then tell whoever re-analyses.
  /** @type {Array<() => void>} */
  const policyListeners = [];
  protocol.onBootstrap(() => {
    ready = null;
    for (const listener of policyListeners) listener();
  });

  function started() {
    if (!ready) {
      ready = start();
      ready.catch(() => { ready = null; });
    }
    return ready;
  }

  return {
    state,
    /** The catalogue of the bootstrap in use, once there is one. */
    get catalogue() {
      return current ? current.catalogue : null;
    },
    /** Resolves to the bootstrap in use (policy, catalogue). */
    async bootstrap() {
      return (await started()).bootstrap;
    },
    /** @param {() => void} listener */
    onPolicyChange(listener) {
      policyListeners.push(listener);
    },
    /**
     * The report of `text` (offsets in UTF-16 code units), or null when a
     * newer request for the same box superseded this one. A long text is
     * analysed in the worker in parts: each partial report goes to
     * `onPartial`, and the worker is asked for the rest until the text is
     * done or `stale()` says it changed.
     * @param {string} box
     * @param {string} text
     * @param {Filters} filters
     * @param {{ onPartial?: (report: FindingsReport) => void, stale?: () => boolean }} [options]
     * @returns {Promise<FindingsReport | null>}
     */
    async analyze(box, text, filters, { onPartial = () => {}, stale = () => false } = {}) {
      const { local, bootstrap } = await started();
      if (local && text.length <= LOCAL_LIMIT) {
        return analysis.summarise(text, local.analyze(text), filters, bootstrap.catalogue);
      }
      for (;;) {
        const reply = await protocol.analyze(box, text, filters);
        if (!('report' in reply)) return null;
        if (reply.report.analysed >= reply.report.length || stale()) return reply.report;
        onPartial(reply.report);
      }
    },
    /**
     * The logo findings of a picture given as RGBA (or 8-bit luma: no colour check).
     * @param {number} width
     * @param {number} height
     * @param {Uint8Array} luma
     * @returns {Promise<ImageFinding[]>}
     */
    async analyzeImage(width, height, luma) {
      const { local } = await started();
      if (local) return local.analyzeImage(width, height, luma);
      return (await protocol.image(width, height, toBase64(luma))).findings;
    },
  };
})();
riserbo.engine = riserboEngine;
