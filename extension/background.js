// Riserbo's service worker: runs the wasm core where the extension's own CSP
// applies, for content scripts on pages whose CSP forbids compiling
// WebAssembly (facebook.com and x.com send such a CSP).
//
// It also owns the effective policy, so that a content script that does run
// the core locally builds its analyzer from the same policy.

import init, { Analyzer, validatePolicy, version } from './core/riserbo_wasm.js';
// Hosts the administrator added in `sites` get the content script there.
import './managed-hosts.js';

const coreReady = init();
let policyJson = null;
let analyzerReady = buildAnalyzer();

/**
 * The effective policy: the core's built-in default, the finding messages in
 * the browser's language, and on top what the IT office set through
 * enterprise policies (chrome.storage.managed). Each managed field is tried
 * on its own: a malformed one is reported and falls back to the default,
 * the others apply. Protection never switches off because of a typo.
 */
async function buildAnalyzer() {
  await coreReady;
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get(null)) || {};
  } catch {
    // No managed storage in this browser or profile: defaults apply.
  }
  let policy = { language: chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'it' };
  // The core names each bad field by its path ("mode: unknown variant…").
  const notices = validatePolicy(JSON.stringify(managed));
  for (const [field, value] of Object.entries(managed)) {
    const candidate = { ...policy, [field]: value };
    try {
      new Analyzer(JSON.stringify(candidate)).free();
      policy = candidate;
    } catch {
      // Reported above; the default stays for this field.
    }
  }
  policyJson = JSON.stringify(policy);
  // Content scripts and pages listen for the stamp to pick up a new policy.
  // The worker restarts often (MV3 stops it when idle): announce only a
  // policy that really changed, or every tab would re-analyse for nothing.
  const previous = await chrome.storage.local.get(['policyApplied', 'policyNotices']);
  if (previous.policyApplied !== policyJson || JSON.stringify(previous.policyNotices) !== JSON.stringify(notices)) {
    await chrome.storage.local.set({ policyApplied: policyJson, policyNotices: notices, policyStamp: Date.now() });
  }
  return new Analyzer(policyJson);
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') analyzerReady = buildAnalyzer();
});

function handle(message, sender) {
  switch (message && message.type) {
    case 'riserbo:analyze':
      return analyzerReady.then(analyzer => ({ findings: analyzer.analyze(String(message.text)) }));
    case 'riserbo:image':
      return analyzerReady.then(analyzer => {
        const luma = Uint8Array.from(atob(String(message.luma)), c => c.charCodeAt(0));
        return { findings: analyzer.analyzeImage(Number(message.width), Number(message.height), luma) };
      });
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
