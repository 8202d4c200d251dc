// Where the analysis runs.
//
// The fastest place is right here, in the content script's own copy of the
// wasm core: no message round trip. But a page whose Content-Security-Policy
// lacks 'wasm-unsafe-eval' stops WebAssembly from compiling in content
// scripts (Chromium applies the page's CSP to them), so then every analysis
// is sent to the extension's service worker instead, 2-4 ms away.
'use strict';

riserbo.engine = (() => {
  const coreUrl = path => chrome.runtime.getURL('extension/core/' + path);
  // Past this length (a long paste) an analysis can take tens of
  // milliseconds or more: it runs in the service worker, on its own thread,
  // so the page's main thread never waits for it.
  const LOCAL_LIMIT = 20000;
  const inWorker = async text => (await askWorker({ type: 'riserbo:analyze', text })).findings;
  // Messages to the worker are JSON: the pixels travel as base64.
  const imageInWorker = async (width, height, luma) =>
    (await askWorker({ type: 'riserbo:image', width, height, luma: toBase64(luma) })).findings;
  const worker = { analyze: inWorker, analyzeImage: imageInWorker };
  let ready = null;
  const state = { kind: 'starting', reason: '' };

  async function askWorker(message) {
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply || reply.error) {
      throw new Error(reply ? reply.error : 'nessuna risposta dal service worker');
    }
    return reply;
  }

  async function startLocal(policyJson) {
    const glue = await import(coreUrl('riserbo_wasm.js'));
    await glue.default({ module_or_path: coreUrl('riserbo_wasm_bg.wasm') });
    const analyzer = new glue.Analyzer(policyJson);
    return {
      analyze: text => analyzer.analyze(text),
      analyzeImage: (width, height, luma) => analyzer.analyzeImage(width, height, luma),
    };
  }

  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function start() {
    const { policyJson } = await askWorker({ type: 'riserbo:policy' });
    try {
      const local = await startLocal(policyJson);
      state.kind = 'local';
      return local;
    } catch (error) {
      // Expected on strict-CSP pages: fall back to the worker.
      state.kind = 'worker';
      state.reason = String(error && error.message || error);
      return worker;
    }
  }

  // A new managed policy: start over with it on the next analysis.
  const policyListeners = [];
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.policyStamp) {
      ready = null;
      for (const listener of policyListeners) listener();
    }
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
    onPolicyChange(listener) {
      policyListeners.push(listener);
    },
    /** Resolves to the findings of `text`, offsets in UTF-16 code units. */
    async analyze(text) {
      const core = await started();
      return text.length > LOCAL_LIMIT ? inWorker(text) : core.analyze(text);
    },
    /** Resolves to the logo findings of a picture given as 8-bit luma. */
    async analyzeImage(width, height, luma) {
      return (await started()).analyzeImage(width, height, luma);
    },
  };
})();
