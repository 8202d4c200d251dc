// Finds the compose boxes on the page and keeps each one's findings current.
//
// Rich editors (Draft.js, Lexical) cancel the browser's own input handling
// and rewrite their DOM themselves, so `input` events are unreliable; a
// MutationObserver on the editor sees every change whoever makes it. The
// extension only reads the editor; it writes into it only for a quick fix
// the employee asks for, through the editor's own input path.
'use strict';

(() => {
  const { textModel, engine, ui, protocol, composers } = riserbo;
  const EDITABLE = 'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';
  let boxes = 0;

  /**
   * A finding as the page shows it: the core's, with the text it covers
   * (or, for a picture, the file's name).
   * @typedef {Finding & { text: string, image?: string }} Shown
   */

  /** One compose box being watched. */
  class Watch {
    /** @param {HTMLElement} editor */
    constructor(editor) {
      this.editor = editor;
      // The worker keeps the findings of a long text's slices per box.
      this.id = String(++boxes);
      // Occurrences the employee chose to ignore, as "rule|text".
      /** @type {Set<string>} */
      this.ignoredHere = new Set();
      // Logo findings of pictures attached to this post, until it is sent.
      /** @type {Shown[]} */
      this.imageFindings = [];
      this.hadText = false;
      /** @type {Array<{ severity: Severity, range: Range }>} */
      this.ranges = [];
      this.panel = new ui.Panel(editor, {
        ignore: f => {
          this.ignoredHere.add(f.rule + '|' + f.text);
          this.schedule();
          editor.focus({ preventScroll: true });
        },
        mask: f => this.replaceSpan(f, mask(f.text)),
        disclaimer: () => this.appendDisclaimer(),
      });
      /** @type {FindingsReport | null} The latest report, partial or not. */
      this.report = null;
      // Pictures of this post being searched for the logo.
      this.pictures = 0;
      // Each analysis has a ticket; only the latest one's result is shown.
      this.ticket = 0;
      this.done = 0;
      this.pending = false;
      /** @type {Array<(value?: unknown) => void>} */
      this.waiters = [];
      this.observer = new MutationObserver(() => this.schedule());
      this.observer.observe(editor, { subtree: true, childList: true, characterData: true });
      // A compose box that grows or re-wraps moves its badge and underlines.
      this.resizes = new ResizeObserver(() => placeAll());
      this.resizes.observe(editor);
      this.onInput = () => this.schedule();
      if (editor.tagName === 'TEXTAREA') editor.addEventListener('input', this.onInput);
      this.schedule();
    }

    /** Coalesces bursts of changes into one analysis, as soon as possible. */
    schedule() {
      if (this.pending) return;
      this.pending = true;
      setTimeout(() => this.run(), 0);
    }

    /**
     * Analyses the text as it is now. A change meanwhile starts another
     * analysis, which supersedes this one (the worker stops a long one at
     * its next slice); a long text shows its findings part by part.
     */
    async run() {
      this.pending = false;
      const ticket = ++this.ticket;
      const stale = () => ticket !== this.ticket || this.pending;
      try {
        const model = textModel.read(this.editor);
        // A compose box emptied after holding text was published (or
        // cleared): its attachments went with it.
        const hasText = model.text.trim() !== '';
        if (this.hadText && !hasText) this.imageFindings = [];
        this.hadText = hasText;
        const filters = { words: ignoredWords, occurrences: [...this.ignoredHere] };
        const report = await engine.analyze(this.id, model.text, filters, {
          onPartial: partial => { if (!stale()) this.show(model, partial); },
          stale,
        });
        if (ticket !== this.ticket || !report) return;
        this.show(model, report);
      } catch (error) {
        if (ticket !== this.ticket) return;
        // Never pretend the text is clean when it was not checked.
        console.warn('Riserbo: analisi non riuscita', error);
        this.report = null;
        ui.setRanges(this.editor, []);
        this.panel.fail();
        reportStatus();
      } finally {
        if (ticket === this.ticket) {
          this.done = ticket;
          if (this.settled()) {
            const waiters = this.waiters;
            this.waiters = [];
            for (const resolve of waiters) resolve();
          }
        }
      }
    }

    /**
     * Adds what was found in a picture attached to this post.
     * @param {Shown[]} findings
     */
    addImageFindings(findings) {
      this.imageFindings = this.imageFindings.filter(f => !findings.some(g => g.image === f.image)).concat(findings);
      this.schedule();
    }

    /** Have the text as it is now and the pictures been analysed (or failed)? */
    settled() {
      return !this.pending && this.pictures === 0 && this.done === this.ticket &&
        (!this.report || this.report.analysed >= this.report.length);
    }

    /** A picture of this post has been checked (found or not). */
    picturesChecked() {
      this.pictures--;
      this.schedule();
    }

    /** Resolves once the current text has been analysed. */
    idle() {
      return this.settled() ? Promise.resolve() : new Promise(resolve => this.waiters.push(resolve));
    }

    /**
     * What the send guard weighs: the findings of the text so far and the
     * pictures', and whether the text is analysed to its end.
     */
    outlook() {
      return { ...this.panel.view, settled: this.settled() };
    }

    /**
     * @param {{ text: string, segments: any[], textarea?: boolean }} model
     * @param {FindingsReport} report
     */
    show(model, report) {
      this.report = report;
      /** @type {Shown[]} */
      const shown = report.findings.map(f => ({ ...f, text: model.text.slice(f.start, f.end) }));
      const ranges = [];
      if (!model.textarea) {
        // The report carries the first findings only (a pasted spreadsheet
        // can hold thousands): underlining those makes the point and keeps
        // paint cheap.
        for (const f of shown) {
          const range = textModel.range(model, f.start, f.end);
          if (range) ranges.push({ severity: f.severity, range });
        }
      }
      ui.setRanges(this.editor, ranges);
      this.ranges = ranges;
      const images = this.imageFindings.filter(f => !this.ignoredHere.has(f.rule + '|' + f.text));
      const counts = { ...report.counts };
      for (const f of images) counts[f.severity]++;
      this.panel.render({
        findings: shown.concat(images),
        total: report.total + images.length,
        counts,
        partial: report.analysed < report.length ? report.analysed / Math.max(1, report.length) : null,
        catalogue: engine.catalogue,
      });
      reportStatus();
    }

    /**
     * A quick fix: replaces the finding's span through the editor's own input
     * path (select it, then insertText), so Draft.js and Lexical update
     * their state and their undo history; Ctrl+Z reverts it.
     * @param {Shown} finding
     * @param {string} replacement
     */
    replaceSpan(finding, replacement) {
      const model = textModel.read(this.editor);
      const range = textModel.range(model, finding.start, finding.end);
      // The text may have changed since the finding: never edit blindly.
      if (range && range.toString() === finding.text) this.insertAt(range, replacement);
    }

    async appendDisclaimer() {
      const { policy } = await engine.bootstrap();
      const model = textModel.read(this.editor);
      const end = textModel.range(model, model.text.length, model.text.length);
      if (end && policy.disclaimerText) this.insertAt(end, ' ' + policy.disclaimerText);
    }

    /**
     * Types `text` over `range`, as the employee would: one undo step.
     * @param {Range} range
     * @param {string} text
     */
    insertAt(range, text) {
      this.editor.focus({ preventScroll: true });
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand('insertText', false, text);
    }

    destroy() {
      this.observer.disconnect();
      this.resizes.disconnect();
      this.editor.removeEventListener('input', this.onInput);
      ui.setRanges(this.editor, []);
      this.panel.destroy();
      // Whoever waits to send from this box is not left waiting.
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  const watches = new Map();

  /** "RSSMRA85T10A562S" -> "RS••••••••••••2S": keeps the first and last two. */
  function mask(text) {
    const chars = [...text];
    const positions = chars.map((c, i) => (/[\p{L}\p{N}]/u.test(c) ? i : -1)).filter(i => i >= 0);
    const keep = new Set([...positions.slice(0, 2), ...positions.slice(-2)]);
    const alphanumeric = new Set(positions);
    return chars.map((c, i) => (alphanumeric.has(i) && !keep.has(i) ? '•' : c)).join('');
  }

  // The employee's "words not to flag", sent with every analysis: the
  // engine leaves out what they match, except findings of validated rules
  // (a codice fiscale, an IBAN: the catalogue says which). Read through the
  // effective settings: an administrator can lock the list.
  /** @type {string[]} */
  let ignoredWords = [];
  const refreshIgnored = async () => {
    const next = (await riserbo.settings.effective()).settings.ignored.map(w => w.toLowerCase());
    if (next.join('\n') === ignoredWords.join('\n')) return;
    ignoredWords = next;
    for (const watch of watches.values()) watch.schedule();
  };
  refreshIgnored();
  chrome.storage.onChanged.addListener(refreshIgnored);

  // Tells the service worker which engine runs here and how many findings
  // the page's compose boxes hold, when that changes: the popup shows it.
  let lastStatus = '';
  function reportStatus() {
    let findings = 0;
    for (const watch of watches.values()) findings += watch.panel.view.total;
    const status = [engine.state.kind, findings, !active];
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    protocol.status(engine.state.kind, findings, !active).catch(() => {});
  }

  // Paused by the employee for this site, or disabled by the administrator:
  // Riserbo then watches nothing here, and says so to the popup.
  let site = riserbo.settings.siteOf(location.hostname);
  let active = true;
  async function refreshActive() {
    const { settings, managed } = await riserbo.settings.effective();
    // A host the administrator added: its family comes from the policy.
    composers.addManagedHost(managed.sites);
    site = riserbo.settings.siteOf(location.hostname, managed.sites);
    const next = !settings.pausedSites.includes(site) && !settings.disabledSites.includes(site);
    if (next === active) return;
    active = next;
    if (!active) {
      for (const watch of watches.values()) watch.destroy();
      watches.clear();
    } else {
      scan();
    }
    reportStatus();
  }
  chrome.storage.onChanged.addListener(refreshActive);
  engine.onPolicyChange(() => {
    for (const watch of watches.values()) watch.schedule();
  });

  function attach(editor) {
    if (!active) return;
    const root = textModel.editorRoot(editor);
    if (!root || watches.has(root)) return;
    watches.set(root, new Watch(root));
    // The document's observer does not see inside shadow roots: watch the
    // one this editor lives in, to see it go or come back.
    const tree = root.getRootNode();
    if (tree !== document && tree.host) observeRoot(tree);
  }

  // Shadow roots holding (or, on sites that keep their editors there, able
  // to hold) compose boxes, each with its observer; dropped when their host
  // leaves the page, so re-created components leak nothing.
  const shadowRoots = new Map();
  function observeRoot(tree) {
    if (shadowRoots.has(tree)) return;
    const observer = new MutationObserver(queueScan);
    observer.observe(tree, { childList: true, subtree: true });
    // A file picker's "change" does not leave its shadow root (the event is
    // not composed): listen where it happens, as on the document.
    tree.addEventListener('change', pickerChanged, true);
    shadowRoots.set(tree, observer);
  }

  function scan() {
    if (active && composers.walksShadowRoots) {
      // Breadth first through nested open shadow roots.
      const queue = [document];
      for (let i = 0; i < queue.length; i++) {
        for (const tree of composers.shadowRootsIn(queue[i])) {
          observeRoot(tree);
          queue.push(tree);
        }
      }
    }
    for (const [tree, observer] of shadowRoots) {
      if (!tree.host.isConnected) {
        observer.disconnect();
        shadowRoots.delete(tree);
      }
    }
    for (const tree of [document, ...shadowRoots.keys()]) {
      for (const el of tree.querySelectorAll(EDITABLE)) attach(el);
    }
    for (const [editor, watch] of watches) {
      if (!editor.isConnected) {
        watch.destroy();
        watches.delete(editor);
      }
    }
  }

  // Editors come and go as single-page apps navigate: rescan at most once a
  // frame after the document changes.
  let scanQueued = false;
  function queueScan() {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(() => {
      scanQueued = false;
      scan();
    });
  }
  new MutationObserver(queueScan).observe(document.documentElement, { childList: true, subtree: true });
  // Where the focus really went, even inside a shadow root.
  document.addEventListener('focusin', e => attach(composers.origin(e)), true);

  // The watch of the editor an event comes from, or of the editor a send
  // button belongs to (the nearest one sharing an ancestor with it).
  const watchFor = target => watches.get(textModel.editorRoot(target)) || null;
  // `levels` ancestors up (through shadow hosts), never from `stop` (an
  // element holding everything); `accept` may refuse an editor.
  const watchNear = (element, levels = composers.LEVELS, stop = null, accept = (/** @type {Element} */ _editor) => true) => {
    let box = composers.parentOf(element);
    for (let depth = 0; box && box !== stop && depth < levels; depth++, box = composers.parentOf(box)) {
      for (const [editor, watch] of watches) if (composers.containsDeep(box, editor) && accept(editor)) return watch;
    }
    return null;
  };
  /**
   * The compose box a send button belongs to. A button known only by its
   * name ("Commenta", "Rispondi") belongs to the nearest composer: the first
   * box up from it that holds a compose box decides, and only a compose box
   * above the button counts (above a comment box sits the button that
   * opened it). Nor does a name reach past a post of the feed or a form.
   */
  function watchOfButton({ button, byName, inDialog }) {
    if (inDialog) {
      let dialog = button;
      while (dialog && !dialog.matches(composers.DIALOG)) dialog = composers.parentOf(dialog);
      return dialog ? watchNear(button, Infinity, null, editor => composers.containsDeep(dialog, editor)) : null;
    }
    if (!byName) return watchNear(button);
    const boundary = composers.boundary();
    let box = composers.parentOf(button);
    for (let depth = 0; box && depth < composers.LEVELS; depth++, box = composers.parentOf(box)) {
      const inside = [...watches.values()].filter(w => composers.containsDeep(box, w.editor));
      if (inside.length) {
        // The last compose box before the button.
        const before = inside.filter(w => composers.follows(w.editor, button));
        return before.reduce((last, w) => (last && composers.follows(w.editor, last.editor) ? last : w), null);
      }
      if (box.matches(boundary)) return null;
    }
    return null;
  }
  riserbo.sendGuard.install({ watchFor, watchOfButton, enterSends: composers.enterSends });

  // Alt+Shift+R in a compose box opens its findings, focus on the first action.
  window.addEventListener('keydown', event => {
    if (!(event.altKey && event.shiftKey && event.code === 'KeyR')) return;
    const watch = watchFor(composers.origin(event));
    if (!watch) return;
    event.preventDefault();
    event.stopPropagation();
    watch.panel.openForKeyboard();
  }, true);

  // Hovering an underline opens the card of its compose box.
  let hoverQueued = false;
  document.addEventListener('mousemove', event => {
    if (hoverQueued) return;
    hoverQueued = true;
    const target = composers.origin(event);
    requestAnimationFrame(() => {
      hoverQueued = false;
      const watch = watchFor(target);
      if (!watch || !watch.panel.card.hidden) return;
      const over = watch.ranges.some(({ range }) => [...range.getClientRects()].some(r =>
        event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom));
      if (over) watch.panel.toggle(true);
    });
  }, { passive: true });

  let placeQueued = false;
  const placeAll = () => {
    if (placeQueued) return;
    placeQueued = true;
    requestAnimationFrame(() => {
      placeQueued = false;
      for (const watch of watches.values()) watch.panel.place();
      ui.reflow();
    });
  };
  window.addEventListener('scroll', placeAll, { passive: true, capture: true });
  window.addEventListener('resize', placeAll, { passive: true });

  // While on duty (the policy's workHours), a reminder once a day per site:
  // personal social use from the workplace is not allowed (doc. 001 p.7,
  // doc. 004). Gentle: it informs, it never blocks.
  async function remindIfOnDuty() {
    const hours = (await engine.bootstrap().catch(() => null))?.policy.workHours;
    if (!hours || !site || !active) return;
    const now = new Date();
    const day = now.getDay() === 0 ? 7 : now.getDay();
    const minutes = now.getHours() * 60 + now.getMinutes();
    const at = hhmm => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    if (!hours.days.includes(day) || minutes < at(hours.start) || minutes >= at(hours.end)) return;
    const key = `reminded:${site}:${now.toISOString().slice(0, 10)}`;
    if ((await chrome.storage.local.get(key))[key]) return;
    await chrome.storage.local.set({ [key]: true });
    ui.remind(chrome.i18n.getMessage('workHoursReminder'));
  }

  // Attaching a photo or a video (file picker, paste, drop) brings a gentle
  // reminder: offices, documents and colleagues are not photographed or
  // filmed without authorisation (doc. 000, 003, 004). It never blocks.
  // Each picture is also searched for the Ente's logo (doc. 003, 004): a
  // match becomes a finding of the compose box it is attached to, weighed
  // before sending like any other; a picture chosen outside a compose box
  // (a profile or cover picture) gets an alert of its own.
  const isMedia = file => /^(image|video)\//.test(file.type) || riserbo.images.isPicture(file);
  async function attachments(files, watch) {
    files = [...(files || [])].filter(isMedia);
    if (!active || !files.length) return;
    // Until its pictures are checked, the post's analysis is not finished:
    // a send meanwhile is held with the dialog saying so.
    if (watch) watch.pictures++;
    try {
      await checkPictures(files, watch);
    } finally {
      if (watch) watch.picturesChecked();
    }
  }
  async function checkPictures(files, watch) {
    const bootstrap = await engine.bootstrap().catch(() => null);
    if (!bootstrap || bootstrap.policy.mediaReminder) ui.remind(chrome.i18n.getMessage('mediaReminder'));
    // The text in the pictures (extension/ocr/), unless the policy says imageText: false.
    const readText = Boolean(bootstrap && bootstrap.policy.imageText !== false && riserbo.ocr);
    if (!bootstrap || (!bootstrap.policy.logos && !readText)) return;
    // One time budget for the text of all the pictures attached at once:
    // a send never waits longer than that for them.
    const deadline = Date.now() + (readText ? riserbo.ocr.TIMEOUT_MS : 0);
    // A post holds a few pictures; a folder dropped by mistake is not read whole.
    for (const file of files.filter(riserbo.images.isPicture).slice(0, 10)) {
      let findings;
      try {
        findings = bootstrap.policy.logos ? await riserbo.images.check(file) : [];
        if (readText) findings = findings.concat(await pictureText(file, Math.max(0, deadline - Date.now())));
      } catch (error) {
        // Refused or unreadable: say so, never block the post for it.
        const key = error instanceof riserbo.images.Refused ? error.key : 'imageUnreadable';
        if (!(error instanceof riserbo.images.Refused)) console.warn('Riserbo: immagine non controllata', String(error && error.stack || error));
        ui.remind(chrome.i18n.getMessage(key, [file.name || '']));
        continue;
      }
      if (!findings.length) continue;
      const target = watch && watch.editor.isConnected ? watch : null;
      if (target) target.addImageFindings(findings);
      else {
        const f = findings[0];
        const message = protocol.message(bootstrap.catalogue, f.rule);
        const where = f.context
          ? chrome.i18n.getMessage('imageTextPlace', [f.image, f.area.x, f.area.y, f.area.width, f.area.height].map(String)) + ' «' + f.context.line + '»'
          : chrome.i18n.getMessage('logoInPicture', [file.name || '']);
        ui.remind(where + ' ' + message, true);
      }
    }
  }
  // Reads a picture's text, saying so while it does; past the timeout the
  // picture counts as checked, with a word that its text was not read.
  async function pictureText(file, budget) {
    const notice = ui.remind(chrome.i18n.getMessage('readingImage', [file.name || '']));
    try {
      return await riserbo.ocr.check(file, budget);
    } catch (error) {
      if (error instanceof riserbo.ocr.TimedOut) ui.remind(chrome.i18n.getMessage('imageTextTimeout', [file.name || '']));
      else throw error;
      return [];
    } finally {
      if (notice) notice.remove();
    }
  }
  // The compose box a file picker belongs to: sites put the picker in the
  // box's toolbar, a few levels from the editor. A picker with no editor
  // close by (a profile or cover picture) belongs to none.
  const watchOfPicker = input => watchNear(input, 6, document.body);
  function pickerChanged(/** @type {Event} */ e) {
    const input = composers.origin(e);
    if (input instanceof HTMLInputElement && input.type === 'file') attachments(input.files, watchOfPicker(input));
  }
  document.addEventListener('change', pickerChanged, true);
  document.addEventListener('paste', e => {
    const target = composers.origin(e);
    attachments(e.clipboardData && e.clipboardData.files, watchFor(target) || watchNear(target));
  }, true);
  document.addEventListener('drop', e => {
    const target = composers.origin(e);
    attachments(e.dataTransfer && e.dataTransfer.files, watchFor(target) || watchNear(target));
  }, true);

  // What the content script holds, for the leak test (the isolated world is
  // out of the page's reach): counts, never text.
  riserbo.stats = () => ({ watches: watches.size, shadowRoots: shadowRoots.size });

  refreshActive().finally(() => {
    remindIfOnDuty();
    scan();
    reportStatus();
  });
})();
