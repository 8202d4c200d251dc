// The messages between Riserbo's parts, with their types: content scripts,
// the popup and the options page ask; the service worker answers. Every
// message is built and sent here, so `tsc --checkJs` (scripts/lint.sh)
// checks both ends against the same types.
//
// What crosses: a bootstrap (policy, rule catalogue, what pages show of the
// policy), fetched once per page and cached in storage.local by the worker
// so that nobody waits for the worker or for the browser's managed storage
// (the first read of which takes seconds); analyses, whose findings are
// rule id, severity and span, capped to what a page shows, with counts.
'use strict';

/**
 * @typedef {'hint' | 'warning' | 'critical'} Severity
 * @typedef {'mask' | 'disclaimer'} Fix
 *
 * @typedef {object} CatalogueRule A rule as the core exports it.
 * @property {string} id
 * @property {string} category
 * @property {string} kind
 * @property {Severity | null} severity Under this policy; null: switched off.
 * @property {string} source
 * @property {{ it: string, en: string }} messages
 * @property {Fix[]} fixes The quick fixes offered besides "Ignora".
 * @property {boolean} validated Never silenced by the employee's own word list.
 *
 * @typedef {object} Catalogue
 * @property {string} language The policy's language: which message to show.
 * @property {Severity[]} blocking Severities that hold a post back.
 * @property {CatalogueRule[]} rules
 *
 * @typedef {object} Finding A finding as the core reports it.
 * @property {string} rule
 * @property {Severity} severity
 * @property {number} start UTF-16 offset, inclusive.
 * @property {number} end UTF-16 offset, exclusive.
 * @property {string[]} [evidence] The words that weighed in a learned score.
 *
 * @typedef {object} ImageFinding A logo found in a picture.
 * @property {string} rule
 * @property {Severity} severity
 * @property {object} area Where in the picture.
 *
 * @typedef {object} Filters What the employee chose not to see.
 * @property {string[]} words Lower case; never applied to validated rules.
 * @property {string[]} occurrences "rule|text" of findings ignored in this box.
 *
 * @typedef {object} FindingsReport The analysis of one text, capped.
 * @property {Finding[]} findings The first ones by position, then the first
 *   blocking ones past the cap (the send dialog lists those).
 * @property {number} total Every finding, filters applied.
 * @property {Record<Severity, number>} counts Every finding, by severity.
 * @property {number} analysed UTF-16 units analysed from the start.
 * @property {number} length The text's length: analysed < length is partial.
 *
 * @typedef {object} WorkHours
 * @property {number[]} days 1 (Monday) to 7.
 * @property {string} start "HH:MM"
 * @property {string} end "HH:MM"
 *
 * @typedef {object} PagePolicy What pages show or use of the policy.
 * @property {string} enteName
 * @property {string} policyUrl
 * @property {string} disclaimerText
 * @property {WorkHours | null} workHours
 * @property {boolean} mediaReminder
 * @property {boolean} [imageText] Read the text in attached pictures.
 * @property {number} logos How many logo fingerprints: 0 turns picture checks off.
 *
 * @typedef {object} Admin The administrator's settings in force (valid ones only).
 * @property {string} [mode]
 * @property {string[]} [locked]
 * @property {Record<string, boolean>} [sites]
 *
 * @typedef {object} Bootstrap Everything a page needs once.
 * @property {number} schema
 * @property {string} version The core's version.
 * @property {string} policyJson The effective policy, for a local core.
 * @property {PagePolicy} policy
 * @property {Catalogue} catalogue
 * @property {Admin} admin
 * @property {string[]} notices Invalid fields of the administrator's policy.
 * @property {boolean} [provisional] The built-in policy, while the
 *   administrator's is read for the first time: never cached.
 *
 * @typedef {{ type: 'bootstrap' }} BootstrapRequest
 * @typedef {{ type: 'analyze', box: string, text: string, filters: Filters }} AnalyzeRequest
 * @typedef {{ type: 'image', width: number, height: number, luma: string }} ImageRequest
 * @typedef {{ type: 'status', engine: string, findings: number, paused: boolean }} StatusRequest
 * @typedef {{ type: 'ocr', width: number, height: number, luma: string }} OcrRequest
 * @typedef {BootstrapRequest | AnalyzeRequest | ImageRequest | StatusRequest | OcrRequest} WorkerRequest
 *
 * @typedef {{ report: FindingsReport } | { superseded: true }} AnalyzeReply
 * @typedef {{ findings: ImageFinding[] }} ImageReply
 * @typedef {object} OcrFinding A finding in the text read in a picture.
 * @property {string} rule
 * @property {Severity} severity
 * @property {number} start UTF-16 offset in the recognised text.
 * @property {number} end
 * @property {{ x: number, y: number, width: number, height: number }} area
 * @typedef {{ text: string, findings: OcrFinding[] }} OcrReply
 *
 * @typedef {object} TabStatus What a tab's content script last reported.
 * @property {'local' | 'worker' | 'starting'} engine
 * @property {number} findings
 * @property {boolean} paused
 * @property {string} host
 */

const riserboProtocol = (() => {
  // Bumped when the bootstrap's shape changes: an older cached one is
  // then ignored and the worker asked.
  const SCHEMA = 2;
  const BOOTSTRAP_KEY = 'bootstrap';

  /**
   * Sends a request to the service worker; rejects on an error reply.
   * @param {WorkerRequest} message
   * @returns {Promise<any>}
   */
  async function ask(message) {
    const reply = await chrome.runtime.sendMessage(message);
    if (!reply || reply.error) {
      throw new Error(reply ? reply.error : 'nessuna risposta dal service worker');
    }
    return reply;
  }

  /**
   * The bootstrap as cached by the worker, or null.
   * @returns {Promise<Bootstrap | null>}
   */
  async function cached() {
    const stored = /** @type {Bootstrap | undefined} */ ((await chrome.storage.local.get(BOOTSTRAP_KEY))[BOOTSTRAP_KEY]);
    return stored && stored.schema === SCHEMA ? stored : null;
  }

  /**
   * The bootstrap: from the cache when there is one (no wait for the
   * worker), else from the worker, which builds it.
   * @returns {Promise<Bootstrap>}
   */
  async function bootstrap() {
    return (await cached()) || ask({ type: 'bootstrap' });
  }

  /**
   * Calls `listener` with the new bootstrap whenever the worker stores one
   * (the administrator's policy changed).
   * @param {(bootstrap: Bootstrap) => void} listener
   */
  function onBootstrap(listener) {
    chrome.storage.onChanged.addListener((changes, area) => {
      const next = /** @type {Bootstrap | undefined} */ (changes[BOOTSTRAP_KEY] && changes[BOOTSTRAP_KEY].newValue);
      if (area === 'local' && next && next.schema === SCHEMA) {
        listener(next);
      }
    });
  }

  /**
   * The rule of a finding, or a stand-in for a rule this catalogue does not
   * know (a core newer than the cached catalogue): shown, never dropped.
   * @param {Catalogue} catalogue
   * @param {string} id
   * @returns {CatalogueRule}
   */
  function rule(catalogue, id) {
    const index = ruleIndex(catalogue);
    return index.get(id) || {
      id, category: id.split('.')[0], kind: id.split('.').pop(), severity: 'warning', source: '',
      messages: { it: id, en: id }, fixes: [], validated: false,
    };
  }
  /** @type {WeakMap<Catalogue, Map<string, CatalogueRule>>} */
  const indexes = new WeakMap();
  /** @param {Catalogue} catalogue */
  function ruleIndex(catalogue) {
    let index = indexes.get(catalogue);
    if (!index) {
      index = new Map(catalogue.rules.map(r => [r.id, r]));
      indexes.set(catalogue, index);
    }
    return index;
  }

  /**
   * The message of a rule in the catalogue's language.
   * @param {Catalogue} catalogue
   * @param {string} id
   */
  const message = (catalogue, id) => {
    const { messages } = rule(catalogue, id);
    return catalogue.language === 'en' ? messages.en : messages.it;
  };

  return {
    SCHEMA,
    BOOTSTRAP_KEY,
    bootstrap,
    cached,
    onBootstrap,
    rule,
    message,
    /**
     * Does this severity hold a post back?
     * @param {Catalogue} catalogue
     * @param {Severity} severity
     */
    blocks: (catalogue, severity) => catalogue.blocking.includes(severity),
    /**
     * Analyses `text` of compose box `box` in the worker. A newer request
     * for the same box supersedes this one.
     * @param {string} box
     * @param {string} text
     * @param {Filters} filters
     * @returns {Promise<AnalyzeReply>}
     */
    analyze: (box, text, filters) => ask({ type: 'analyze', box, text, filters }),
    /**
     * Searches a picture for the Ente's logo in the worker; the pixels
     * travel as base64, since messages are JSON.
     * @param {number} width
     * @param {number} height
     * @param {string} luma
     * @returns {Promise<ImageReply>}
     */
    image: (width, height, luma) => ask({ type: 'image', width, height, luma }),
    /**
     * Reads the text of a gray picture in the OCR worker and analyses it.
     * @param {number} width
     * @param {number} height
     * @param {string} luma base64
     * @returns {Promise<OcrReply>}
     */
    ocr: (width, height, luma) => ask({ type: 'ocr', width, height, luma }),
    /**
     * Tells the worker, for the popup, which engine runs in this tab and
     * how many findings its compose boxes hold.
     * @param {'local' | 'worker' | 'starting'} engine
     * @param {number} findings
     * @param {boolean} paused
     * @returns {Promise<void>}
     */
    status: (engine, findings, paused) => ask({ type: 'status', engine, findings, paused }).then(() => {}),
  };
})();
riserbo.protocol = riserboProtocol;
