// Riserbo's service worker: runs the wasm core where the extension's own CSP
// applies, for content scripts on pages whose CSP forbids compiling
// WebAssembly (facebook.com and x.com send such a CSP).
//
// It also owns the effective policy, so that a content script that does run
// the core locally builds its analyzer from the same policy.

import init, { Analyzer, version } from './core/riserbo_wasm.js';

// The built-in default policy (the core's own), with the finding messages in
// the browser's language. Managed settings are merged here in a later step.
const policyJson = JSON.stringify({ language: chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'it' });

const analyzerReady = init().then(() => new Analyzer(policyJson));

function handle(message, sender) {
  switch (message && message.type) {
    case 'riserbo:analyze':
      return analyzerReady.then(analyzer => ({ findings: analyzer.analyze(String(message.text)) }));
    case 'riserbo:policy':
      return analyzerReady.then(analyzer => ({ policyJson, policy: analyzer.policy(), version: version() }));
    case 'riserbo:status':
      return recordTabStatus(sender, message);
    default:
      return null;
  }
}

// What each tab's content script last reported (engine in use, findings in
// its compose boxes), for the toolbar popup. Session storage is memory only:
// it never reaches the disk, and holds counts, never text.
async function recordTabStatus(sender, message) {
  if (!sender.tab) return {};
  const status = {
    engine: ['local', 'worker'].includes(message.engine) ? message.engine : 'starting',
    findings: Number(message.findings) || 0,
    paused: Boolean(message.paused),
    host: sender.url ? new URL(sender.url).hostname : '',
  };
  await chrome.storage.session.set({ ['tab:' + sender.tab.id]: status });
  return {};
}

chrome.tabs.onRemoved.addListener(tabId => chrome.storage.session.remove('tab:' + tabId));

// Listeners must be registered synchronously at start-up, or a message that
// wakes the worker is lost.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const reply = handle(message, sender);
  if (!reply) {
    return false;
  }
  reply.then(sendResponse, error => sendResponse({ error: String(error && error.message || error) }));
  return true;
});
