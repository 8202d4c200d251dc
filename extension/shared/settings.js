// The employee's settings and the administrator's, with the precedence the
// IT office expects: managed policy > employee options (where not locked) >
// built-in default.
'use strict';

globalThis.riserboSettings = {
  SITES: ['x.com', 'twitter.com', 'facebook.com', 'messenger.com', 'instagram.com', 'linkedin.com', 'threads.net',
    'threads.com'],
  DEFAULTS: { mode: 'confirm', disabledSites: [], pausedSites: [], ignored: [] },

  /** What the administrator set, or {} (no managed storage, or none set). */
  async managed() {
    try {
      return (await chrome.storage.managed.get(null)) || {};
    } catch {
      return {};
    }
  },

  /** The employee's own choices. */
  async own() {
    return { ...this.DEFAULTS, ...(await chrome.storage.local.get(Object.keys(this.DEFAULTS))) };
  },

  /** Effective settings, and which keys the administrator locked. */
  async effective() {
    const [managed, own, stored] = await Promise.all([this.managed(), this.own(), chrome.storage.local.get('ownSet')]);
    const locked = new Set(Array.isArray(managed.locked) ? managed.locked : []);
    const out = { ...own };
    // The administrator's mode applies unless the employee chose another
    // and the mode is not locked.
    const ownSet = stored.ownSet || {};
    if (['warn', 'confirm', 'block'].includes(managed.mode) && (locked.has('mode') || !ownSet.mode)) out.mode = managed.mode;
    // Sites the administrator switched off are off, whatever the employee says.
    const adminOff = Object.entries(managed.sites || {}).filter(([, on]) => on === false).map(([site]) => site);
    out.disabledSites = [...new Set([...(locked.has('disabledSites') ? [] : own.disabledSites), ...adminOff])];
    if (locked.has('pausedSites')) out.pausedSites = [];
    if (locked.has('ignored')) out.ignored = [];
    return { settings: out, locked, managed };
  },

  /** The site key of a host name: "www.facebook.com" -> "facebook.com". */
  siteOf(host) {
    return this.SITES.find(s => host === s || host.endsWith('.' + s)) || null;
  },
};
