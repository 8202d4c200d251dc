// Riserbo's service worker: runs the wasm core where the extension's own CSP
// applies, for content scripts on pages whose CSP forbids compiling
// WebAssembly (facebook.com and x.com send such a CSP) and for long texts.
//
// It also owns the effective policy: it builds the bootstrap every page
// needs (policy, rule catalogue) and caches it in storage.local, where
// content scripts and the popup read it without waking the worker.

import './content/namespace.js';
import './shared/protocol.js';
import './shared/analysis.js';
import init, { Analyzer, validatePolicy, version } from './core/riserbo_wasm.js';
// Hosts the administrator added in `sites` get the content script there.
import './managed-hosts.js';
// The text in attached pictures, read in a worker (extension/ocr/).
import { readWords } from './ocr/host.js';

const { protocol, analysis } = riserbo;
// A request's share of the worker: past it, the reply says how far the
// text was analysed, and the page asks again for the rest. Requests from
// other tabs and boxes run in between.
const BUDGET_MS = 200;

const coreReady = init();

/**
 * @typedef {object} Engine
 * @property {Analyzer} analyzer
 * @property {Bootstrap} bootstrap
 */

/**
 * The effective policy: the core's built-in default, the finding messages in
 * the browser's language, and on top what the IT office set through
 * enterprise policies (chrome.storage.managed). Each managed field is tried
 * on its own: a malformed one is reported and falls back to the default,
 * the others apply. Protection never switches off because of a typo.
 * @returns {Promise<Engine>}
 */
async function build() {
  // The browser's first read of managed storage takes seconds: nobody
  // waits for it while a cached bootstrap exists (see start()).
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get(null)) || {};
  } catch {
    // No managed storage in this browser or profile: defaults apply.
  }
  await coreReady;
  /** @type {Record<string, any>} */
  let applied = { language: chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'it' };
  // The core names each bad field by its path ("mode: unknown variant…").
  const notices = validatePolicy(JSON.stringify(managed));
  for (const [field, value] of Object.entries(managed)) {
    const candidate = { ...applied, [field]: value };
    try {
      new Analyzer(JSON.stringify(candidate)).free();
      applied = candidate;
    } catch {
      // Reported above; the default stays for this field.
    }
  }
  const built = compose(applied, notices);
  // Content scripts and pages listen for a new bootstrap. The worker
  // restarts often (MV3 stops it when idle): store only one that really
  // changed, or every tab would re-analyse for nothing.
  const stored = await protocol.cached();
  if (JSON.stringify(stored) !== JSON.stringify(built.bootstrap)) {
    await chrome.storage.local.set({ [protocol.BOOTSTRAP_KEY]: built.bootstrap });
  }
  return built;
}

/**
 * The analyzer and bootstrap of a policy given as its fields.
 * @param {Record<string, any>} applied
 * @param {string[]} notices
 * @returns {Engine}
 */
function compose(applied, notices) {
  const policyJson = JSON.stringify(applied);
  const analyzer = new Analyzer(policyJson);
  const policy = analyzer.policy();
  /** @type {Bootstrap} */
  const bootstrap = {
    schema: protocol.SCHEMA,
    version: version(),
    policyJson,
    policy: {
      enteName: policy.enteName,
      policyUrl: policy.policyUrl,
      disclaimerText: policy.disclaimerText,
      workHours: policy.workHours || null,
      mediaReminder: policy.mediaReminder !== false,
      imageText: policy.imageText !== false,
      logos: (policy.logoFingerprints || []).length,
    },
    catalogue: analyzer.catalogue(),
    admin: { mode: applied.mode, locked: applied.locked, sites: applied.sites },
    notices,
  };
  return { analyzer, bootstrap };
}

/**
 * The engine to answer with at once: the cached bootstrap's, while the
 * managed policy is read again in the background (it may have changed
 * while the browser was closed). With no cache yet (just installed), the
 * built-in policy answers until the administrator's is read: it is never
 * stored, and the one that replaces it is, so every page picks it up.
 * @returns {Promise<Engine>}
 */
async function start() {
  const fresh = build();
  fresh.then(built => use(Promise.resolve(built)), error => console.warn('Riserbo: policy', error));
  const stored = await protocol.cached();
  await coreReady;
  if (stored && stored.version === version()) {
    try {
      return { analyzer: new Analyzer(stored.policyJson), bootstrap: stored };
    } catch {
      // A cache this core cannot read: the built-in policy, until then.
    }
  }
  const provisional = compose({ language: chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'it' }, []);
  provisional.bootstrap.provisional = true;
  return provisional;
}

/** @type {Promise<Engine>} */
let engine;
/** @param {Promise<Engine>} next */
function use(next) {
  engine = next;
  // Findings cached per box came from the previous policy.
  boxes.clear();
}

/**
 * The compose boxes being analysed, by tab, frame and box: the latest
 * request's number and the findings of the slices it saw (by a hash of
 * each slice's text), so that typing at the end of a long text analyses
 * only the slice that changed. At most BOXES, least recently used out.
 * @type {Map<string, { seq: number, cache: Map<string, Finding[]> }>}
 */
const boxes = new Map();
const BOXES = 32;

use(start());

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') use(build());
});

const yieldToEvents = () => new Promise(resolve => setTimeout(resolve, 0));

/**
 * Analyses a text slice by slice, within the budget; a newer request for
 * the same box makes this one stop at its next slice.
 * @param {chrome.runtime.MessageSender} sender
 * @param {AnalyzeRequest} message
 * @returns {Promise<AnalyzeReply>}
 */
async function analyze(sender, message) {
  const key = `${sender.tab ? sender.tab.id : 'extension'}:${sender.frameId || 0}:${message.box}`;
  const box = boxes.get(key) || { seq: 0, cache: new Map() };
  boxes.delete(key);
  boxes.set(key, box);
  if (boxes.size > BOXES) boxes.delete(boxes.keys().next().value);
  const seq = ++box.seq;
  const { analyzer, bootstrap } = await engine;
  const deadline = performance.now() + BUDGET_MS;
  const text = String(message.text);
  const summary = new analysis.Summary(text, message.filters, bootstrap.catalogue);
  /** @type {Map<string, Finding[]>} */
  const used = new Map();
  let analysed = 0;
  for (const slice of analysis.slices(text)) {
    if (box.seq !== seq) return { superseded: true };
    const window = text.slice(slice.from, slice.to);
    const id = `${analysis.hash(window)}:${window.length}:${slice.start - slice.from}:${slice.end - slice.from}`;
    let found = box.cache.get(id);
    if (!found) {
      if (analysed > 0 && performance.now() > deadline) break;
      found = analysis.owned(analyzer.analyze(window), slice);
      if (text.length > analysis.SLICE) await yieldToEvents();
    }
    used.set(id, found);
    summary.add(analysis.shift(found, slice.from));
    analysed = slice.end;
  }
  if (box.seq !== seq) return { superseded: true };
  // A partial analysis keeps what it did not reach: the next request
  // for the rest may find those slices unchanged.
  if (analysed < text.length) for (const [id, found] of box.cache) if (!used.has(id)) used.set(id, found);
  box.cache = used;
  return { report: summary.report(analysed) };
}

/**
 * @param {WorkerRequest} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<any> | null}
 */
function handle(message, sender) {
  switch (message && message.type) {
    case 'bootstrap':
      return engine.then(e => e.bootstrap);
    case 'analyze':
      return analyze(sender, /** @type {AnalyzeRequest} */ (message));
    case 'image': {
      const { width, height, luma } = /** @type {ImageRequest} */ (message);
      return engine.then(({ analyzer }) => {
        const bytes = Uint8Array.from(atob(String(luma)), c => c.charCodeAt(0));
        return { findings: analyzer.analyzeImage(Number(width), Number(height), bytes) };
      });
    }
    case 'ocr': {
      // Read in the worker, analysed here: `{ text, findings }`.
      const { width, height, luma } = /** @type {OcrRequest} */ (message);
      return readWords(Number(width), Number(height), String(luma))
        .then(words => engine.then(({ analyzer }) => analyzer.analyzeImageText(words)));
    }
    case 'status':
      return recordTabStatus(sender, /** @type {StatusRequest} */ (message));
    default:
      return null;
  }
}

/**
 * What each tab's content script last reported (engine in use, findings in
 * its compose boxes), for the toolbar popup. Session storage is memory only:
 * it never reaches the disk, and holds counts, never text.
 * @param {chrome.runtime.MessageSender} sender
 * @param {StatusRequest} message
 */
async function recordTabStatus(sender, message) {
  if (!sender.tab) return {};
  /** @type {TabStatus} */
  const status = {
    engine: message.engine === 'local' || message.engine === 'worker' ? message.engine : 'starting',
    findings: Number(message.findings) || 0,
    paused: Boolean(message.paused),
    host: sender.url ? new URL(sender.url).hostname : '',
  };
  await chrome.storage.session.set({ ['tab:' + sender.tab.id]: status });
  return {};
}

chrome.tabs.onRemoved.addListener(tabId => {
  chrome.storage.session.remove('tab:' + tabId);
  for (const key of [...boxes.keys()]) if (key.startsWith(tabId + ':')) boxes.delete(key);
});

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
