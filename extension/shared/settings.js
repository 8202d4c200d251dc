// The employee's settings and the administrator's, with the precedence the
// IT office expects: managed policy > employee options (where not locked) >
// built-in default.
'use strict';

/**
 * @typedef {object} Settings
 * @property {'warn' | 'confirm' | 'block'} mode
 * @property {string[]} disabledSites
 * @property {string[]} pausedSites
 * @property {string[]} ignored The employee's words not to flag.
 */

const riserboSettings = {
  // The sites' keys, from the site table (extension/shared/sites.js).
  SITES: riserbo.sites.SITES.map(s => s.site),
  /** @type {Settings} */
  DEFAULTS: { mode: 'confirm', disabledSites: [], pausedSites: [], ignored: [] },

  /**
   * What the administrator set, read from managed storage: the first read
   * of a browser session takes seconds, so only what needs every field
   * (the hosts the administrator added) reads it; the rest reads admin().
   * @returns {Promise<Record<string, any>>}
   */
  async managed() {
    try {
      return (await chrome.storage.managed.get(null)) || {};
    } catch {
      return {};
    }
  },

  /**
   * What the administrator set and the worker found valid, from the cached
   * bootstrap. Before the worker has ever stored one (just installed),
   * `wait` reads managed storage (the options page and the popup, which
   * show the locks); content scripts do not wait, and apply the
   * administrator's settings when the worker stores them (every setting is
   * read again on a storage change).
   * @param {boolean} [wait]
   * @returns {Promise<Admin>}
   */
  async admin(wait = false) {
    const cached = await riserbo.protocol.cached();
    if (cached) return cached.admin;
    return wait ? this.managed() : {};
  },

  /**
   * The employee's own choices.
   * @returns {Promise<Settings>}
   */
  async own() {
    const stored = await chrome.storage.local.get(/** @type {any} */ (Object.keys(this.DEFAULTS)));
    return /** @type {Settings} */ ({ ...this.DEFAULTS, ...stored });
  },

  /**
   * Effective settings, which keys the administrator locked, and the
   * administrator's settings themselves.
   * @param {boolean} [wait] Wait for managed storage when nothing is cached.
   * @returns {Promise<{ settings: Settings, locked: Set<string>, managed: Admin }>}
   */
  async effective(wait = false) {
    const [admin, own, stored] = await Promise.all([this.admin(wait), this.own(), chrome.storage.local.get('ownSet')]);
    const locked = new Set(Array.isArray(admin.locked) ? admin.locked : []);
    const out = { ...own };
    // The administrator's mode applies unless the employee chose another
    // and the mode is not locked.
    const ownSet = /** @type {any} */ (stored.ownSet) || {};
    if ((admin.mode === 'warn' || admin.mode === 'confirm' || admin.mode === 'block')
        && (locked.has('mode') || !ownSet.mode)) out.mode = admin.mode;
    // Sites the administrator switched off are off, whatever the employee says.
    const adminOff = Object.entries(admin.sites || {}).filter(([, on]) => on === false).map(([site]) => site);
    out.disabledSites = [...new Set([...(locked.has('disabledSites') ? [] : own.disabledSites), ...adminOff])];
    if (locked.has('pausedSites')) out.pausedSites = [];
    if (locked.has('ignored')) out.ignored = [];
    return { settings: out, locked, managed: admin };
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
        && !riserbo.sites.SITES.some(s => s.site === host || s.hosts.some(h => (h.startsWith('*.')
          ? host.endsWith(h.slice(1)) || host === h.slice(2) : host === h))))
      .map(([host]) => host);
  },

  /** The hosts added by the administrator, each with whether it is granted. */
  async addedHosts() {
    const hosts = this.managedHosts((await this.admin(true)).sites);
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
    const entry = riserbo.sites.SITES.find(s => s.hosts.some(h => (h.startsWith('*.')
      ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h)));
    if (entry) return entry.site;
    return this.managedHosts(managedSites).includes(host) ? host : null;
  },
};
riserbo.settings = riserboSettings;
