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
    return text => analyzer.analyze(text);
  }

  async function start() {
    const { policyJson } = await askWorker({ type: 'riserbo:policy' });
    try {
      const analyze = await startLocal(policyJson);
      state.kind = 'local';
      return analyze;
    } catch (error) {
      // Expected on strict-CSP pages: fall back to the worker.
      state.kind = 'worker';
      state.reason = String(error && error.message || error);
      return inWorker;
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

  return {
    state,
    onPolicyChange(listener) {
      policyListeners.push(listener);
    },
    /** Resolves to the findings of `text`, offsets in UTF-16 code units. */
    async analyze(text) {
      if (!ready) {
        ready = start();
        ready.catch(() => { ready = null; });
      }
      const analyze = await ready;
      return text.length > LOCAL_LIMIT ? inWorker(text) : analyze(text);
    },
  };
})();
