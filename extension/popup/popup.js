// The toolbar popup: who set the rules, the rules themselves, this tab's
// status with a per-site pause, and a box to try a text with the same core
// the sites use.
//
// It renders at once from what is cached (the bootstrap in storage.local,
// the tab's status in storage.session): the service worker may be asleep,
// and waking it, or reading the browser's managed storage, takes seconds.
// Text typed into "Prova un testo" before the core is ready is analysed as
// soon as it is.
'use strict';

(() => {
  const { t } = riserbo.i18n;
  const { protocol, engine, textModel, settings } = riserbo;
  /** @param {string} id */
  const $ = id => /** @type {HTMLElement} */ (document.getElementById(id));
  riserbo.i18n.apply();
  $('version').textContent = t('version', chrome.runtime.getManifest().version);

  // The rules, each with its source.
  for (let i = 1; chrome.i18n.getMessage(`rule${i}`); i++) {
    const item = document.createElement('li');
    const source = document.createElement('span');
    source.className = 'source';
    source.textContent = t('sourceLabel', t(`rule${i}Source`));
    item.append(t(`rule${i}`), source);
    $('rules').append(item);
  }

  setUpTry();
  protocol.bootstrap().then(showPolicy, error => console.warn('Riserbo: policy', error));
  protocol.onBootstrap(showPolicy);
  showStatus();
  showAddedHosts();

  /** @param {Bootstrap} bootstrap */
  function showPolicy({ policy }) {
    $('ente-name').textContent = policy.enteName || 'Riserbo';
    $('ente-logo').hidden = policy.enteName !== 'Comune di Esempio';
    // Whether attached pictures are searched for the Ente's logo.
    $('logo-check').textContent = policy.logos ? t('logoCheckOn', String(policy.logos)) : t('logoCheckOff');
    // And whether their text is read (policy imageText).
    $('image-text').textContent = t(policy.imageText === false ? 'imageTextOff' : 'imageTextOn');
    const link = /** @type {HTMLAnchorElement} */ ($('policy-url'));
    if (policy.policyUrl) link.href = policy.policyUrl;
    link.parentElement.hidden = !policy.policyUrl;
  }

  // Hosts the administrator added that still wait for the employee's consent.
  async function showAddedHosts() {
    const pending = (await settings.addedHosts()).filter(h => !h.granted).map(h => h.host);
    $('added-hosts').hidden = !pending.length;
    $('added-hosts-list').replaceChildren(...pending.map(host => {
      const item = document.createElement('li');
      item.textContent = t('managedHostPending', host);
      return item;
    }));
    // No await before the request: the browser wants it inside the click.
    $('grant-hosts').onclick = () => settings.grantHosts(pending).finally(showAddedHosts);
  }

  async function showStatus() {
    // As the toolbar popup it describes the active tab; opened as a page
    // (keyboard users, tests) it can be pointed at a tab with ?tab=ID.
    const given = Number(new URLSearchParams(location.search).get('tab'));
    const [tab] = given ? [{ id: given }] : await chrome.tabs.query({ active: true, currentWindow: true });
    const key = tab ? 'tab:' + tab.id : '';
    /** @type {TabStatus | null} */
    const status = key ? /** @type {TabStatus | undefined} */ ((await chrome.storage.session.get(key))[key]) : null;
    const { settings: current, locked, managed } = await settings.effective(true);
    const site = status && settings.siteOf(status.host, managed.sites);
    if (!status || !site) {
      $('status-text').textContent = t('statusUnsupported');
      return;
    }
    const paused = current.pausedSites.includes(site);
    $('status-text').textContent = t(paused ? 'statusPaused' : 'statusActive', status.host);
    if (!paused) {
      const where = { local: 'statusEngineLocal', worker: 'statusEngineWorker', starting: '' }[status.engine];
      $('status-detail').textContent = t('statusFindings', status.findings) + (where ? ` · ${t(where)}` : '');
    }
    if (locked.has('pausedSites')) {
      $('pause-locked').hidden = false;
      return;
    }
    const button = $('pause');
    button.hidden = false;
    button.textContent = t(paused ? 'resumeSite' : 'pauseSite');
    button.onclick = async () => {
      const own = await settings.own();
      const next = paused ? own.pausedSites.filter(s => s !== site) : [...new Set([...own.pausedSites, site])];
      await chrome.storage.local.set({ pausedSites: next });
      button.hidden = true;
      $('status-detail').textContent = '';
      await showStatus();
    };
  }

  function setUpTry() {
    const box = $('try');
    let ticket = 0;
    let queued = false;
    const run = async () => {
      queued = false;
      const mine = ++ticket;
      const model = textModel.read(box);
      if (model.text.trim() === '') {
        paint(model, null);
        return;
      }
      try {
        // Waits for the core the first time: what was typed meanwhile is
        // read again by the run each keystroke queued, the last one wins.
        const report = await engine.analyze('try', model.text, { words: [], occurrences: [] }, {
          stale: () => mine !== ticket,
        });
        if (mine === ticket && report) paint(model, report);
      } catch (error) {
        if (mine === ticket) $('try-summary').textContent = String(error.message || error);
      }
    };
    const schedule = () => {
      if (!queued) {
        queued = true;
        setTimeout(run, 0);
      }
    };
    new MutationObserver(schedule).observe(box, { subtree: true, childList: true, characterData: true });
    // Whatever the box holds already (a popup reopened by the browser).
    schedule();
  }

  /**
   * @param {{ text: string, segments: any[] }} model
   * @param {FindingsReport | null} report
   */
  function paint(model, report) {
    const findings = report ? report.findings : [];
    const names = { critical: 'mark-critical', warning: 'mark-warning', hint: 'mark-hint' };
    for (const severity of /** @type {Severity[]} */ (['critical', 'warning', 'hint'])) {
      const ranges = findings.filter(f => f.severity === severity)
        .map(f => textModel.range(model, f.start, f.end)).filter(Boolean);
      if (ranges.length) CSS.highlights.set(names[severity], new Highlight(...ranges));
      else CSS.highlights.delete(names[severity]);
    }
    $('try-summary').textContent = !report ? '' : report.total ? t('tryCount', report.total) : t('tryNone');
    const catalogue = engine.catalogue;
    const list = $('try-findings');
    list.replaceChildren(...findings.slice(0, 20).map(f => {
      const rule = protocol.rule(catalogue, f.rule);
      const item = document.createElement('li');
      item.dataset.severity = f.severity;
      const what = document.createElement('div');
      what.className = 'what';
      what.textContent = `${t('severity_' + f.severity)}: ${t('category_' + rule.category)} — «${model.text.slice(f.start, f.end).slice(0, 40)}»`;
      const why = document.createElement('div');
      why.textContent = protocol.message(catalogue, f.rule);
      const source = document.createElement('div');
      source.className = 'source';
      source.textContent = t('sourceLabel', rule.source);
      item.append(what, why, source);
      if (f.evidence && f.evidence.length) {
        const evidence = document.createElement('div');
        evidence.className = 'source';
        evidence.textContent = t('evidenceLabel', f.evidence.join(', '));
        item.append(evidence);
      }
      return item;
    }));
  }
})();
