// The employee's settings and the administrator's, with the precedence the
// IT office expects: managed policy > employee options (where not locked) >
// built-in default.
'use strict';

globalThis.riserboSettings = {
  // The sites' keys, from the site table (extension/shared/sites.js).
  SITES: riserboSites.SITES.map(s => s.site),
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

  /**
   * Hosts outside the site table that the administrator switched on in the
   * policy's `sites` ({"mastodon.uno": true}). Each needs the employee's
   * consent once (an optional host permission) before the content script
   * can run there.
   */
  managedHosts(managedSites) {
    return Object.entries(managedSites || {})
      .filter(([host, on]) => on === true
        && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host)
        && !riserboSites.SITES.some(s => s.site === host || s.hosts.some(h => (h.startsWith('*.')
          ? host.endsWith(h.slice(1)) || host === h.slice(2) : host === h))))
      .map(([host]) => host);
  },

  /** The hosts added by the administrator, each with whether it is granted. */
  async addedHosts() {
    const hosts = this.managedHosts((await this.managed()).sites);
    const out = [];
    for (const host of hosts) out.push({ host, granted: await chrome.permissions.contains({ origins: [this.originOf(host)] }) });
    return out;
  },

  /**
   * Asks the browser to let Riserbo run on `hosts`. Must be called straight
   * from a click: the browser refuses a request without a user gesture.
   */
  grantHosts(hosts) {
    return chrome.permissions.request({ origins: hosts.map(h => this.originOf(h)) });
  },

  /** The match pattern that grants a host, as the permission request names it. */
  originOf(host) {
    return `https://${host}/*`;
  },

  /**
   * The site key of a host name: "www.facebook.com" -> "facebook.com"; a
   * host the administrator added to `managedSites` is its own key.
   */
  siteOf(host, managedSites = {}) {
    const entry = riserboSites.SITES.find(s => s.hosts.some(h => (h.startsWith('*.')
      ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h)));
    if (entry) return entry.site;
    return this.managedHosts(managedSites).includes(host) ? host : null;
  },
};
