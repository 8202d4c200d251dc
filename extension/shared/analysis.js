// Turning the core's findings into the report a page receives, and cutting
// a long text into slices so that no single call to the core runs long.
//
// Shared by the service worker (long texts, sliced, within a time budget)
// and the local engines of content scripts and the popup (short texts, one
// slice): both apply the employee's filters, count, and cap the same way.
'use strict';

const riserboAnalysis = (() => {
  // A page underlines this many findings; the badge counts them all.
  const SHOWN = 200;
  // The send dialog lists this many of the findings that hold a post back;
  // the report carries them even when they come after the first SHOWN.
  const BLOCKING_LISTED = 4;
  // A slice of a long text: a few milliseconds of the core on ordinary
  // prose, tens on text dense with identifiers.
  const SLICE = 32768;
  // Text read on each side of a slice, so that what straddles a cut (an
  // IBAN written in groups, "cell." before a number) is still seen whole.
  const MARGIN = 400;

  /**
   * @param {string} text
   * @param {number} at
   */
  const splitsPair = (text, at) => {
    const code = text.charCodeAt(at);
    return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff;
  };

  /**
   * Where a slice starting at `start` ends: after a line break, a sentence
   * or a space in its second half, else at its length (never inside a
   * surrogate pair). Cuts depend only on the text from `start`, so an edit
   * near the end of a long text leaves the earlier slices as they were
   * (and their results reusable).
   * @param {string} text
   * @param {number} start
   */
  function cut(text, start) {
    const limit = start + SLICE;
    if (limit >= text.length) return text.length;
    const floor = start + SLICE / 2;
    const line = text.lastIndexOf('\n', limit - 1);
    if (line >= floor) return line + 1;
    for (const mark of ['. ', '! ', '? ']) {
      const end = text.lastIndexOf(mark, limit - 2);
      if (end >= floor) return end + 2;
    }
    for (let i = limit - 1; i >= floor; i--) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 0xa0) return i + 1;
    }
    return splitsPair(text, limit) ? limit - 1 : limit;
  }

  /**
   * @typedef {object} Slice
   * @property {number} start Owned range: findings starting here belong to it.
   * @property {number} end
   * @property {number} from The window given to the core, margins included.
   * @property {number} to
   */

  /**
   * The slices of `text`, in order; a short text is one slice.
   * @param {string} text
   * @returns {Slice[]}
   */
  function slices(text) {
    const out = [];
    for (let start = 0; start < text.length || out.length === 0;) {
      const end = cut(text, start);
      let from = Math.max(0, start - MARGIN);
      let to = Math.min(text.length, end + MARGIN);
      if (splitsPair(text, from)) from--;
      if (splitsPair(text, to)) to++;
      out.push({ start, end, from, to });
      if (end === start) break;
      start = end;
    }
    return out;
  }

  /**
   * The findings of one slice, from the core's findings of its window: those
   * that start in the slice's own range, in the window's offsets (so that
   * the same slice found again anywhere in a later text can reuse them).
   * @param {Finding[]} found
   * @param {Slice} slice
   * @returns {Finding[]}
   */
  function owned(found, slice) {
    const lo = slice.start - slice.from;
    const hi = slice.end - slice.from;
    return found.filter(f => f.start >= lo && f.start < hi);
  }

  /**
   * Findings moved by `by` UTF-16 units.
   * @param {Finding[]} found
   * @param {number} by
   * @returns {Finding[]}
   */
  const shift = (found, by) => (by ? found.map(f => ({ ...f, start: f.start + by, end: f.end + by })) : found);

  /**
   * Counts and caps the findings of one text as they come, slice by slice.
   */
  class Summary {
    /**
     * @param {string} text
     * @param {Filters} filters
     * @param {Catalogue} catalogue
     */
    constructor(text, filters, catalogue) {
      this.text = text;
      this.catalogue = catalogue;
      this.words = (filters && filters.words) || [];
      this.occurrences = new Set((filters && filters.occurrences) || []);
      /** @type {Finding[]} */
      this.shown = [];
      /** @type {Finding[]} */
      this.later = [];
      this.total = 0;
      /** @type {Record<Severity, number>} */
      this.counts = { hint: 0, warning: 0, critical: 0 };
    }

    /**
     * Did the employee ask not to see this finding?
     * @param {Finding} f
     */
    filtered(f) {
      const text = this.text.slice(f.start, f.end);
      if (this.occurrences.has(f.rule + '|' + text)) return true;
      if (!this.words.length || riserbo.protocol.rule(this.catalogue, f.rule).validated) return false;
      const lower = text.toLowerCase();
      return this.words.some(word => lower.includes(word));
    }

    /** @param {Finding[]} findings In text order, after those added before. */
    add(findings) {
      for (const f of findings) {
        if (this.filtered(f)) continue;
        this.total++;
        this.counts[f.severity]++;
        if (this.shown.length < SHOWN) this.shown.push(f);
        else if (this.later.length < BLOCKING_LISTED && riserbo.protocol.blocks(this.catalogue, f.severity)) {
          this.later.push(f);
        }
      }
    }

    /**
     * @param {number} analysed How far the text has been analysed.
     * @returns {FindingsReport}
     */
    report(analysed) {
      return {
        findings: this.shown.concat(this.later),
        total: this.total,
        counts: { ...this.counts },
        analysed,
        length: this.text.length,
      };
    }
  }

  /**
   * The report of a text analysed in one call (a local engine).
   * @param {string} text
   * @param {Finding[]} findings
   * @param {Filters} filters
   * @param {Catalogue} catalogue
   */
  function summarise(text, findings, filters, catalogue) {
    const summary = new Summary(text, filters, catalogue);
    summary.add(findings);
    return summary.report(text.length);
  }

  /**
   * A short hash of a string (53 bits, cyrb53), to recognise a slice seen
   * before without keeping its text.
   * @param {string} text
   */
  function hash(text) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }

  return { SHOWN, SLICE, MARGIN, slices, owned, shift, Summary, summarise, hash };
})();
riserbo.analysis = riserboAnalysis;
