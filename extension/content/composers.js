// Where this page's compose boxes and send buttons are, from the site table
// (extension/shared/sites.js), across open shadow roots.
//
// A listener on the window sees an event from inside a shadow root as if
// it came from the shadow host, and `contains()` or `closest()` stop at a
// shadow root's edge. Everything here therefore starts from
// `event.composedPath()` and walks up through shadow hosts.
'use strict';

riserbo.composers = (() => {
  const { SITES, FAMILIES, SEND_NAMES } = riserbo.sites;
  const NAMES = new Set(SEND_NAMES);
  const BUTTON = 'button, [role="button"], input[type="submit"]';
  // A send button's compose box is looked for this many levels above it,
  // and a button known by name never reaches past a post of the feed (the
  // site table's `posts` add to these) or a form.
  const LEVELS = 8;
  const BOUNDARY = 'article, [role="article"], form';
  const DIALOG = '[role="dialog"], dialog';

  const hostMatches = (pattern, host) => (pattern.startsWith('*.')
    ? host === pattern.slice(2) || host.endsWith(pattern.slice(1))
    : host === pattern);
  let site = SITES.find(s => s.hosts.some(h => hostMatches(h, location.hostname))) || null;
  let buttonSelector = site && site.buttons.length ? site.buttons.join(',') : null;

  /**
   * A host the administrator added in the policy's `sites`
   * ({"mastodon.uno": true}): watched with the added hosts' editor rules.
   */
  function addManagedHost(sites) {
    if (site || !riserbo.settings.managedHosts(sites).includes(location.hostname)) return;
    site = { site: location.hostname, label: location.hostname, hosts: [location.hostname],
      editors: riserbo.sites.ADDED_HOST_EDITORS, buttons: [] };
    buttonSelector = null;
  }

  /** The element an event happened on, inside open shadow roots too. */
  function origin(event) {
    const path = event.composedPath();
    return path.length ? path[0] : event.target;
  }

  /** The parent, or for the top of a shadow tree its host. */
  function parentOf(node) {
    if (node.parentElement) return node.parentElement;
    const parent = node.parentNode;
    return parent && parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE && parent.host ? parent.host : null;
  }

  /** Is `node` inside `box`, counting what lies in shadow roots below it? */
  function containsDeep(box, node) {
    for (let n = node; n; n = parentOf(n)) if (n === box) return true;
    return false;
  }

  /**
   * Does `b` come after `a` in the page (shadow-including tree order: a
   * host's shadow tree before its children)?
   */
  function follows(a, b) {
    const inScope = new Map();
    for (let n = a; n; n = n.getRootNode().host || null) inScope.set(n.getRootNode(), n);
    for (let m = b; m; m = m.getRootNode().host || null) {
      const n = inScope.get(m.getRootNode());
      if (!n) continue;
      if (n === m) return n !== b;
      return Boolean(n.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
    }
    return false;
  }

  /** The text a node shows, reading slots as the page renders them. */
  function shownText(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
    if (node.tagName === 'SLOT') {
      const assigned = node.assignedNodes({ flatten: true });
      return (assigned.length ? assigned : [...node.childNodes]).map(shownText).join('');
    }
    if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return '';
    return [...node.childNodes].map(shownText).join('');
  }

  /** A button's accessible name, lower case, without trailing dots. */
  function accessibleName(el) {
    let name = el.getAttribute('aria-label') || '';
    if (!name && el.getAttribute('aria-labelledby')) {
      const root = el.getRootNode();
      name = el.getAttribute('aria-labelledby').split(/\s+/)
        .map(id => (root.getElementById ? root.getElementById(id) : null))
        .filter(Boolean).map(shownText).join(' ');
    }
    if (!name && el.tagName === 'INPUT') name = el.value || '';
    if (!name) name = shownText(el);
    if (!name) name = el.getAttribute('title') || '';
    return name.replace(/\s+/g, ' ').trim().toLowerCase().replace(/[.…!]+$/u, '');
  }

  const disabled = el => el.disabled === true || el.getAttribute('aria-disabled') === 'true';

  /**
   * The send button a click or key press landed on: { button, byName,
   * inDialog }, or null. `byName`: recognised by its name only, so it must
   * follow its editor; `inDialog`: one of the site's `dialogNames`.
   */
  function sendButton(event) {
    const path = event.composedPath().filter(n => n.nodeType === Node.ELEMENT_NODE);
    const at = path.findIndex(el => el.matches(BUTTON));
    if (at < 0 || disabled(path[at])) return null;
    const button = path[at];
    // The button itself, an icon inside it, or its wrapper two levels up.
    if (buttonSelector && path.slice(0, at + 3).some(el => el.matches(buttonSelector))) {
      return { button, byName: false, inDialog: false };
    }
    const name = accessibleName(button);
    if (site && site.dialogNames && site.dialogNames.includes(name) && path.some(el => el.matches(DIALOG))) {
      return { button, byName: false, inDialog: true };
    }
    if (NAMES.has(name)) return { button, byName: true, inDialog: false };
    return null;
  }

  /** The editor rule of the site table that `editor` falls under, or null. */
  function ruleFor(editor) {
    if (!site) return null;
    for (const rule of site.editors) {
      const family = FAMILIES[rule.family];
      if (!family) continue;
      if (rule.path && !new RegExp(rule.path).test(location.pathname)) continue;
      if (!editor.matches(rule.match || family.editor)) continue;
      return { family: rule.family, enter: rule.enter || family.enter };
    }
    return null;
  }

  /** Does Enter alone send what `editor` holds? */
  function enterSends(editor) {
    const rule = ruleFor(editor);
    if (rule) return rule.enter === 'send';
    const multiline = editor.getAttribute('aria-multiline') === 'true' || editor.tagName === 'TEXTAREA';
    return !multiline;
  }

  /**
   * Open shadow roots under `root` (not nested ones: each found root is
   * walked in turn by the caller), for sites whose editors live there.
   */
  function shadowRootsIn(root) {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) if (el.shadowRoot) found.push(el.shadowRoot);
    return found;
  }

  /** What a button name never reaches past, on this site. */
  const boundary = () => (site && site.posts ? `${BOUNDARY}, ${site.posts}` : BOUNDARY);

  return {
    DIALOG,
    LEVELS,
    boundary,
    addManagedHost,
    containsDeep,
    enterSends,
    follows,
    origin,
    parentOf,
    sendButton,
    shadowRootsIn,
    get site() { return site; },
    get walksShadowRoots() { return Boolean(site && site.shadowRoots); },
  };
})();
