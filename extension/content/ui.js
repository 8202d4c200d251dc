// Everything Riserbo shows on a page: underlines, a badge per compose box,
// a card listing the findings, and a live region for screen readers.
//
// The badge and card live in one closed shadow root, so the page's CSS
// cannot restyle them and the page's scripts cannot read them. User text
// only ever reaches the DOM through textContent, never as HTML.
//
// Nothing the page can see names the extension: the shadow root's host is
// an element with a name made up per page load and no attributes, and the
// underlines' highlights have neutral names and are registered only while
// there is something to underline (CSS.highlights is readable by the page).
'use strict';

/**
 * What a compose box shows: its findings (the first ones, with their
 * text), how many there are, and how much of the text was analysed.
 * @typedef {object} PanelView
 * @property {Array<Finding & { text: string, image?: string }>} findings
 * @property {number} total
 * @property {Record<Severity, number>} counts
 * @property {number | null} partial Share of the text analysed, while partial.
 * @property {Catalogue | null} catalogue
 */

const riserboUi = (() => {
  // The card lists this many findings; the badge counts them all.
  const MAX_LISTED = 30;
  /**
   * @param {string} key
   * @param {...(string | number)} subs
   */
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
  /** @param {string} id */
  const categoryLabel = id => t('category_' + id);
  // The names of the highlights (see highlight.css): neutral words, so a
  // page that lists CSS.highlights learns nothing about who set them.
  const HIGHLIGHTS = { critical: 'mark-critical', warning: 'mark-warning', hint: 'mark-hint' };
  /** @type {PanelView} */
  const EMPTY = { findings: [], total: 0, counts: { hint: 0, warning: 0, critical: 0 }, partial: null, catalogue: null };

  const STYLE = `
    :host { all: initial !important; }
    .box { position: absolute; z-index: 2147483646; font: 13px/1.4 system-ui, sans-serif; }
    .badge { display: inline-flex; align-items: center; gap: 4px; min-width: 24px; height: 24px;
      padding: 0 8px; border-radius: 12px; border: 1px solid #8a8a8a; background: #fff; color: #1f1f1f;
      cursor: pointer; font: inherit; font-weight: 600; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
    .badge[data-level="critical"] { background: #c5221f; border-color: #8c1816; color: #fff; }
    .badge[data-level="warning"] { background: #fce8b2; border-color: #b06000; color: #3c2a00; }
    .badge[data-level="none"] { opacity: .75; }
    .badge[data-level="error"] { background: #e8eaed; border-style: dashed; }
    .badge:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
    .card { position: absolute; right: 0; top: 30px; width: 340px; max-height: 320px; overflow: auto;
      background: #fff; color: #1f1f1f; border: 1px solid #c4c4c4; border-radius: 8px;
      box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 8px 12px; }
    .card[data-side="up"] { top: auto; bottom: 30px; }
    .card[hidden] { display: none; }
    .card h2 { font-size: 14px; margin: 4px 0 8px; }
    .card ul { list-style: none; margin: 0; padding: 0; }
    .card li { border-top: 1px solid #eee; padding: 8px 0; }
    .card .what { font-weight: 600; }
    .card .what[data-severity="critical"] { color: #a50e0e; }
    .card .what[data-severity="warning"] { color: #7a4300; }
    .card q { font-family: ui-monospace, monospace; background: #f3f3f3; padding: 0 3px; }
    .card .source { color: #555; font-size: 12px; margin-top: 4px; }
    .card .evidence { color: #333; font-size: 12px; margin-top: 4px; font-style: italic; }
    .card .actions { display: flex; gap: 8px; margin-top: 6px; flex-wrap: wrap; }
    .card .actions button { font: inherit; font-size: 12.5px; padding: 3px 10px; border-radius: 6px;
      border: 1px solid #0b5cad; background: #fff; color: #0b5cad; cursor: pointer; }
    .card .actions button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
    .card .hint { color: #555; font-size: 12px; margin: 8px 0 0; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
      white-space: nowrap; }
  `;

  /** @type {ShadowRoot | null} */
  let shadow = null;
  /** @type {HTMLElement | null} */
  let host = null;
  /** A custom element name no page uses and no one can look for. */
  function hostName() {
    const letters = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), b => String.fromCharCode(97 + b % 26)).join('');
    return `${letters()}-${letters()}`;
  }
  function root() {
    if (!shadow) {
      host = document.createElement(hostName());
      // Closed: page scripts get null from host.shadowRoot.
      shadow = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      shadow.append(style);
      document.documentElement.append(host);
    }
    return shadow;
  }

  // One highlight per severity, shared by every editor on the page.
  const rangesByEditor = new Map();
  let HIGHLIGHT_API = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  // A developer setting forces the overlay where the API exists, so the
  // fallback path is tested in Chromium too (Chromium cannot turn it off).
  chrome.storage.local.get('forceOverlay').then(r => {
    if (r.forceOverlay) HIGHLIGHT_API = false;
  });
  const OVERLAY_COLOURS = { critical: '#c5221f', warning: '#b06000', hint: '#1a73e8' };
  let overlay = null;

  /**
   * Where the CSS Custom Highlight API is missing (older Firefox ESR), the
   * underlines are drawn as boxes in the shadow root, placed from each
   * range's client rects and redrawn on scroll, resize and re-wrap. Like
   * the highlights, they add nothing to the editor's DOM.
   */
  function paintOverlay() {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.setAttribute('aria-hidden', 'true');
      overlay.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;z-index:2147483645';
      root().append(overlay);
    }
    const marks = [];
    for (const list of rangesByEditor.values()) {
      for (const { severity, range } of list) {
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          const mark = document.createElement('div');
          mark.style.cssText = `position:absolute;left:${r.left + scrollX}px;top:${r.top + scrollY}px;` +
            `width:${r.width}px;height:${r.height}px;border-bottom:2px solid ${OVERLAY_COLOURS[severity]};` +
            `background:${OVERLAY_COLOURS[severity]}1a`;
          marks.push(mark);
        }
      }
    }
    overlay.replaceChildren(...marks);
  }

  function paintHighlights() {
    if (!HIGHLIGHT_API) {
      paintOverlay();
      return;
    }
    for (const severity of /** @type {Severity[]} */ (['critical', 'warning', 'hint'])) {
      const ranges = [];
      for (const list of rangesByEditor.values()) {
        for (const item of list) if (item.severity === severity) ranges.push(item.range);
      }
      if (ranges.length) CSS.highlights.set(HIGHLIGHTS[severity], new Highlight(...ranges));
      else CSS.highlights.delete(HIGHLIGHTS[severity]);
    }
  }

  /**
   * The rule of a finding, from the catalogue of the view it is shown in.
   * @param {PanelView} view
   * @param {{ rule: string }} finding
   */
  const ruleOf = (view, finding) => riserbo.protocol.rule(view.catalogue || { language: 'it', blocking: [], rules: [] },
    finding.rule);

  /**
   * @param {PanelView} view
   * @param {{ rule: string }} finding
   */
  function describe(view, finding) {
    const { category, kind } = ruleOf(view, finding);
    // A category of one kind (the logo) needs no second name.
    if (kind === category) return categoryLabel(category);
    // The model names no kind of its own: say that it is a judgement.
    if (kind === 'learned') return `${categoryLabel(category)} (${t('kindLearned')})`;
    return `${categoryLabel(category)} (${kind.replace(/_/g, ' ')})`;
  }

  /**
   * @param {PanelView} view
   * @param {{ rule: string }} finding
   */
  function messageOf(view, finding) {
    return view.catalogue ? riserbo.protocol.message(view.catalogue, finding.rule) : finding.rule;
  }

  /** @param {PanelView} view */
  function summary(view) {
    if (view.partial !== null) return t('livePartial', view.total);
    if (!view.total) return t('liveNone');
    const what = [...new Set(view.findings.map(f => describe(view, f)))].join('; ');
    return view.total === 1 ? t('liveSummaryOne', what) : t('liveSummary', view.total, what);
  }

  /** @param {PanelView} view */
  const level = view => (view.counts.critical ? 'critical' : view.counts.warning ? 'warning' : view.total ? 'hint' : 'none');
  /** @param {number} share */
  const percent = share => Math.floor(share * 100);

  // Every panel on the page, for the counts the tests read from the
  // content script's world (never from the page's).
  /** @type {Set<Panel>} */
  const panels = new Set();

  /** The badge, card and live region of one compose box. */
  class Panel {
    /**
     * @param {HTMLElement} editor
     * @param {{ ignore: (f: any) => void, mask: (f: any) => void, disclaimer: () => void }} actions
     *   Run from the card's buttons.
     */
    constructor(editor, actions) {
      panels.add(this);
      this.editor = editor;
      this.actions = actions;
      this.box = document.createElement('div');
      this.box.className = 'box';
      this.badge = document.createElement('button');
      this.badge.className = 'badge';
      this.badge.type = 'button';
      this.badge.setAttribute('aria-expanded', 'false');
      this.card = document.createElement('div');
      this.card.className = 'card';
      this.card.hidden = true;
      this.card.setAttribute('role', 'dialog');
      this.card.setAttribute('aria-label', t('cardLabel'));
      this.live = document.createElement('div');
      this.live.className = 'sr-only';
      this.live.setAttribute('role', 'status');
      this.box.append(this.card, this.badge, this.live);
      root().append(this.box);
      this.badge.addEventListener('click', () => this.toggle());
      this.box.addEventListener('keydown', e => {
        if (e.key === 'Escape' && !this.card.hidden) {
          this.toggle(false);
          this.editor.focus();
        }
      });
      /** @type {PanelView} */
      this.view = EMPTY;
      /** @type {string | null} */
      this.signature = null;
      this.render(EMPTY);
    }

    toggle(open = this.card.hidden) {
      this.card.hidden = !open;
      this.badge.setAttribute('aria-expanded', String(open));
    }

    /** Opens the card and moves keyboard focus to its first action. */
    openForKeyboard() {
      this.toggle(true);
      const first = this.card.querySelector('button') || this.badge;
      first.focus();
    }

    /** @param {PanelView} view */
    render(view) {
      const before = summary(this.view);
      this.view = view;
      this.badge.dataset.level = level(view);
      const count = view.total ? `⚠ ${view.total}` : '✓';
      // "analisi parziale" in the badge itself: the employee sees that
      // the rest of the text is still being checked.
      this.badge.textContent = view.partial !== null ? `${count} · ${t('badgePartialText')}` : count;
      this.badge.setAttribute('aria-label', view.partial !== null ? t('badgePartial', percent(view.partial), view.total)
        : view.total ? t('badgeFindings', view.total) : t('badgeNone'));
      const text = summary(view);
      // Announce only changes, so typing does not make the reader chatter.
      if (text !== before || !this.live.textContent) this.live.textContent = text;
      // Rebuild the card only when its findings change: rebuilding under a
      // keyboard user would destroy the button they are on.
      const signature = view.findings.slice(0, MAX_LISTED).map(f => `${f.rule}|${f.start}|${f.text}`).join('\n') +
        `\n${view.total}|${view.partial === null ? '' : percent(view.partial)}`;
      if (signature !== this.signature) {
        this.signature = signature;
        this.renderCard();
      }
      this.place();
    }

    /** The text could not be checked: say so, rather than show "clean". */
    fail() {
      this.view = EMPTY;
      this.signature = null;
      this.badge.dataset.level = 'error';
      this.badge.textContent = '?';
      this.badge.setAttribute('aria-label', t('badgeError'));
      this.live.textContent = t('liveError');
      const title = document.createElement('h2');
      title.textContent = t('cardErrorTitle');
      const why = document.createElement('p');
      why.textContent = t('cardErrorText');
      this.card.replaceChildren(title, why);
      this.place();
    }

    renderCard() {
      const view = this.view;
      const title = document.createElement('h2');
      title.textContent = view.total ? t('cardTitle') : t('cardNone');
      /** @type {HTMLElement[]} */
      const parts = [title];
      if (view.partial !== null) {
        const partial = document.createElement('p');
        partial.className = 'hint';
        partial.textContent = t('cardPartial', percent(view.partial));
        parts.push(partial);
      }
      const list = document.createElement('ul');
      for (const f of view.findings.slice(0, MAX_LISTED)) {
        const rule = ruleOf(view, f);
        const item = document.createElement('li');
        const what = document.createElement('div');
        what.className = 'what';
        what.dataset.severity = f.severity;
        what.textContent = `${t('severity_' + f.severity)}: ${describe(view, f)} `;
        const quote = document.createElement('q');
        quote.textContent = f.text.length > 40 ? f.text.slice(0, 39) + '…' : f.text;
        what.append(quote);
        const why = document.createElement('div');
        why.textContent = messageOf(view, f);
        const source = document.createElement('div');
        source.className = 'source';
        source.textContent = t('sourceLabel', rule.source);
        item.append(what, why);
        // Text read in a picture: where, and its line with the finding underlined.
        if ('context' in f) item.append(pictureLine(f));
        // The words a learned model weighed, when it made the finding.
        if (f.evidence && f.evidence.length) {
          const evidence = document.createElement('div');
          evidence.className = 'evidence';
          evidence.textContent = t('evidenceLabel', f.evidence.join(', '));
          item.append(evidence);
        }
        const actions = document.createElement('div');
        actions.className = 'actions';
        /**
         * @param {string} label
         * @param {() => void} run
         */
        const action = (label, run) => {
          const button = document.createElement('button');
          button.type = 'button';
          button.textContent = t(label);
          button.addEventListener('click', () => {
            this.toggle(false);
            run();
          });
          actions.append(button);
        };
        // The rule says which fixes apply; a picture has no span to mask.
        if (rule.fixes.includes('mask') && !f.image) action('actionMask', () => this.actions.mask(f));
        if (rule.fixes.includes('disclaimer')) action('actionDisclaimer', () => this.actions.disclaimer());
        action('actionIgnore', () => this.actions.ignore(f));
        item.append(source, actions);
        list.append(item);
      }
      parts.push(list);
      const rest = view.total - Math.min(view.findings.length, MAX_LISTED);
      if (rest > 0) {
        const more = document.createElement('p');
        more.textContent = t('cardMore', rest);
        parts.push(more);
      }
      const hint = document.createElement('p');
      hint.className = 'hint';
      hint.textContent = t('shortcutHint');
      parts.push(hint);
      this.card.replaceChildren(...parts);
    }

    /** Keeps the badge at the bottom-right corner of the compose box. */
    place() {
      const r = this.editor.getBoundingClientRect();
      const visible = r.width > 0 && r.height > 0;
      this.box.style.display = visible ? '' : 'none';
      if (!visible) return;
      this.box.style.left = `${window.scrollX + r.right - 40}px`;
      this.box.style.top = `${window.scrollY + r.bottom - 28}px`;
      // Open the card on the side of the badge with room for it.
      const roomBelow = window.innerHeight - r.bottom;
      this.card.dataset.side = roomBelow < 340 && r.bottom > 360 ? 'up' : 'down';
    }

    destroy() {
      panels.delete(this);
      this.box.remove();
    }
  }

  const DIALOG_STYLE = `
    .backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); z-index: 2147483647;
      display: flex; align-items: center; justify-content: center; font: 15px/1.45 system-ui, sans-serif; }
    .dialog { background: #fff; color: #1f1f1f; max-width: 460px; width: calc(100% - 32px); border-radius: 12px;
      padding: 20px 24px; box-shadow: 0 8px 32px rgba(0,0,0,.35); }
    .dialog h2 { font-size: 18px; margin: 0 0 8px; }
    .dialog ul { padding-left: 20px; margin: 8px 0; }
    .dialog li { margin-bottom: 6px; }
    .dialog .actions { display: flex; gap: 12px; justify-content: flex-end; margin-top: 16px; }
    .dialog button { font: inherit; font-weight: 600; padding: 8px 16px; border-radius: 8px; cursor: pointer; }
    .dialog .edit { background: #0b5cad; color: #fff; border: 0; }
    .dialog .send { background: #fff; color: #a50e0e; border: 1px solid #a50e0e; }
    .dialog button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
  `;

  /**
   * What the send dialog says: the findings that hold the post back, whether
   * it may not be sent at all, and, while the text is still being analysed,
   * how much of it was.
   * @typedef {object} DialogView
   * @property {Array<{ rule: string }>} problems
   * @property {boolean} blocked
   * @property {number | null} pending Share analysed, while the analysis runs.
   * @property {Catalogue | null} catalogue
   */

  /**
   * Asks whether to publish a text with findings: `choice` resolves 'send'
   * or 'edit'. With `blocked`, only editing is offered. While the analysis
   * is still running, the dialog says so at once, and `update` fills it in
   * when the analysis ends; `close` ends it without the employee (a text
   * found clean once analysed is sent as asked).
   * @param {DialogView} view
   * @returns {{ choice: Promise<'send' | 'edit'>, update: (view: DialogView) => void, close: (choice: 'send' | 'edit') => void }}
   */
  function confirmSend(view) {
    const shadowRoot = root();
    if (!shadowRoot.querySelector('style[data-dialog]')) {
      const style = document.createElement('style');
      style.dataset.dialog = '';
      style.textContent = DIALOG_STYLE;
      shadowRoot.append(style);
    }
    // Where the employee was: focus and caret come back exactly there, or a
    // rich editor would put the caret at its start (a cursor jump).
    // In a shadow root (Reddit's composer) the document names only the host:
    // read the focus and the caret where they really are.
    let previous = /** @type {HTMLElement | null} */ (document.activeElement);
    while (previous && previous.shadowRoot && previous.shadowRoot.activeElement) {
      previous = /** @type {HTMLElement} */ (previous.shadowRoot.activeElement);
    }
    const selection = document.getSelection();
    const tree = previous && previous.getRootNode();
    /** @type {Range | null} */
    let caret = null;
    if (selection && tree instanceof ShadowRoot && /** @type {any} */ (selection).getComposedRanges) {
      const [r] = /** @type {any} */ (selection).getComposedRanges({ shadowRoots: [tree] });
      if (r) {
        caret = document.createRange();
        caret.setStart(r.startContainer, r.startOffset);
        caret.setEnd(r.endContainer, r.endOffset);
      }
    } else if (selection && selection.rangeCount) {
      caret = selection.getRangeAt(0).cloneRange();
    }
    const backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    const dialog = document.createElement('div');
    dialog.className = 'dialog';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    dialog.setAttribute('aria-describedby', 'dialog-body');
    const title = document.createElement('h2');
    title.id = 'dialog-title';
    const body = document.createElement('div');
    body.id = 'dialog-body';
    const actions = document.createElement('div');
    actions.className = 'actions';
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'edit';
    edit.textContent = t('dialogEdit');
    const send = document.createElement('button');
    send.type = 'button';
    send.className = 'send';
    send.textContent = t('dialogSend');
    actions.append(edit, send);
    dialog.append(title, body, actions);
    backdrop.append(dialog);

    /** @param {DialogView} next */
    const fill = next => {
      const pending = next.pending !== null;
      title.textContent = t(next.blocked ? 'dialogTitleBlocked' : pending ? 'dialogTitlePending' : 'dialogTitle');
      const intro = document.createElement('p');
      intro.textContent = next.blocked ? t('dialogBlocked')
        : pending ? t('dialogPending', percent(next.pending)) : t('dialogIntro');
      /** @type {HTMLElement[]} */
      const parts = [intro];
      if (next.problems.length) {
        if (pending) {
          const found = document.createElement('p');
          found.textContent = t('dialogPendingFound');
          parts.push(found);
        }
        const list = document.createElement('ul');
        const shown = { ...EMPTY, catalogue: next.catalogue };
        for (const f of next.problems.slice(0, 4)) {
          const item = document.createElement('li');
          const what = document.createElement('strong');
          what.textContent = `${categoryLabel(ruleOf(shown, f).category)}: `;
          item.append(what, messageOf(shown, f));
          list.append(item);
        }
        parts.push(list);
      }
      body.replaceChildren(...parts);
      const hadFocus = shadowRoot.activeElement === send;
      send.hidden = next.blocked;
      if (hadFocus && send.hidden) edit.focus();
    };
    fill(view);
    shadowRoot.append(backdrop);
    edit.focus();

    /** @type {(choice: 'send' | 'edit') => void} */
    let close = () => {};
    /** @type {Promise<'send' | 'edit'>} */
    const choice = new Promise(resolve => {
      let open = true;
      close = chosen => {
        if (!open) return;
        open = false;
        backdrop.remove();
        if (previous && previous.focus) previous.focus({ preventScroll: true });
        if (caret) {
          selection.removeAllRanges();
          selection.addRange(caret);
        }
        resolve(chosen);
      };
      edit.addEventListener('click', () => close('edit'));
      send.addEventListener('click', () => close('send'));
      dialog.addEventListener('keydown', event => {
        // Keys typed in the dialog stay in the dialog, never reach the page.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          close('edit');
        } else if (event.key === 'Tab') {
          // Focus stays within the dialog's buttons.
          const buttons = send.hidden ? [edit] : [edit, send];
          const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (shadowRoot.activeElement));
          event.preventDefault();
          buttons[(at + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus();
        }
      });
    });
    return { choice, update: fill, close: chosen => close(chosen) };
  }

  /**
   * Where a finding of a picture's text is, and the line read there with
   * the finding underlined (as text, never as markup).
   * @param {any} f
   */
  function pictureLine(f) {
    const block = document.createElement('div');
    block.className = 'picture-text';
    const where = document.createElement('div');
    where.className = 'source';
    where.textContent = t('imageTextPlace', f.image, f.area.x, f.area.y, f.area.width, f.area.height);
    const line = document.createElement('div');
    const { line: text, start, end } = f.context;
    const marked = document.createElement('u');
    marked.textContent = text.slice(start, end);
    line.append(text.slice(0, start), marked, text.slice(end));
    block.append(where, line);
    return block;
  }

  /**
   * A dismissible notice at the bottom of the page: gentle, or `urgent`
   * (announced at once by screen readers, red edge) for a finding that has
   * no compose box to show on.
   */
  function remind(text, urgent = false) {
    const box = document.createElement('div');
    box.setAttribute('role', urgent ? 'alert' : 'status');
    box.style.cssText = 'position:fixed;left:16px;bottom:16px;max-width:420px;z-index:2147483646;background:#fff;' +
      'color:#1f1f1f;border:1px solid #0b5cad;border-left:6px solid #0b5cad;border-radius:8px;padding:10px 14px;' +
      'font:14px/1.45 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.2)';
    if (urgent) box.style.borderLeftColor = '#b3261e';
    const message = document.createElement('p');
    message.style.margin = '0 0 8px';
    message.textContent = text;
    const ok = document.createElement('button');
    ok.type = 'button';
    ok.textContent = t('workHoursOk');
    ok.style.cssText = 'font:inherit;padding:4px 12px;border-radius:6px;border:1px solid #0b5cad;background:#fff;color:#0b5cad';
    ok.addEventListener('click', () => box.remove());
    box.append(message, ok);
    root().append(box);
    return box;
  }

  return {
    confirmSend,
    remind,
    /** Redraws what depends on layout (the overlay underlines). */
    reflow() {
      if (!HIGHLIGHT_API && rangesByEditor.size) paintOverlay();
    },
    Panel,
    /**
     * @param {HTMLElement} editor
     * @param {Array<{ severity: Severity, range: Range }>} items
     */
    setRanges(editor, items) {
      if (items.length) rangesByEditor.set(editor, items); else rangesByEditor.delete(editor);
      paintHighlights();
    },
    /**
     * The findings counted, the underlines drawn and the send dialog's
     * title on this page, for the tests, which read them from the content
     * script's own world: the page sees none of them.
     */
    counts() {
      let findings = 0;
      let underlines = 0;
      let partial = false;
      for (const panel of panels) {
        findings += panel.view.total;
        partial = partial || panel.view.partial !== null;
      }
      for (const list of rangesByEditor.values()) underlines += list.length;
      const title = shadow && shadow.querySelector('.backdrop h2');
      return { findings, underlines, partial, dialog: title ? title.textContent : null };
    },
  };
})();
riserbo.ui = riserboUi;
