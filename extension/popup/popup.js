// The toolbar popup: who set the rules, the rules themselves, this tab's
// status with a per-site pause, and a box to try a text with the same core
// the sites use.
'use strict';

(async () => {
  const { t } = riserboI18n;
  const $ = id => document.getElementById(id);
  riserboI18n.apply();
  $('version').textContent = riserboI18n.t('version', chrome.runtime.getManifest().version);

  // The rules, each with its source.
  for (let i = 1; chrome.i18n.getMessage(`rule${i}`); i++) {
    const item = document.createElement('li');
    const source = document.createElement('span');
    source.className = 'source';
    source.textContent = riserboI18n.t('sourceLabel', riserboI18n.t(`rule${i}Source`));
    item.append(riserboI18n.t(`rule${i}`), source);
    $('rules').append(item);
  }

  const info = await chrome.runtime.sendMessage({ type: 'riserbo:policy' }).catch(() => null);
  const policy = (info && info.policy) || {};
  $('ente-name').textContent = policy.enteName || 'Riserbo';
  if (policy.enteName !== 'Comune di Esempio') $('ente-logo').hidden = true;
  // Whether attached pictures are searched for the Ente's logo.
  const logos = (policy.logoFingerprints || []).length;
  $('logo-check').textContent = logos ? t('logoCheckOn', String(logos)) : t('logoCheckOff');
  if (policy.policyUrl) $('policy-url').href = policy.policyUrl; else $('policy-url').parentElement.hidden = true;

  await showStatus();
  await showAddedHosts();
  setUpTry();

  // Hosts the administrator added that still wait for the employee's consent.
  async function showAddedHosts() {
    const pending = (await riserboSettings.addedHosts()).filter(h => !h.granted).map(h => h.host);
    $('added-hosts').hidden = !pending.length;
    $('added-hosts-list').replaceChildren(...pending.map(host => {
      const item = document.createElement('li');
      item.textContent = t('managedHostPending', host);
      return item;
    }));
    // No await before the request: the browser wants it inside the click.
    $('grant-hosts').onclick = () => riserboSettings.grantHosts(pending).finally(showAddedHosts);
  }

  async function showStatus() {
    // As the toolbar popup it describes the active tab; opened as a page
    // (keyboard users, tests) it can be pointed at a tab with ?tab=ID.
    const given = Number(new URLSearchParams(location.search).get('tab'));
    const [tab] = given ? [{ id: given }] : await chrome.tabs.query({ active: true, currentWindow: true });
    const key = tab ? 'tab:' + tab.id : '';
    const status = key ? (await chrome.storage.session.get(key))[key] : null;
    const { settings, locked, managed } = await riserboSettings.effective();
    const site = status && riserboSettings.siteOf(status.host, managed.sites);
    if (!status || !site) {
      $('status-text').textContent = t('statusUnsupported');
      return;
    }
    const paused = settings.pausedSites.includes(site);
    $('status-text').textContent = t(paused ? 'statusPaused' : 'statusActive', status.host);
    if (!paused) {
      const engine = { local: 'statusEngineLocal', worker: 'statusEngineWorker' }[status.engine];
      $('status-detail').textContent = t('statusFindings', status.findings) + (engine ? ` · ${t(engine)}` : '');
    }
    if (locked.has('pausedSites')) {
      $('pause-locked').hidden = false;
      return;
    }
    const button = $('pause');
    button.hidden = false;
    button.textContent = t(paused ? 'resumeSite' : 'pauseSite');
    button.onclick = async () => {
      const own = await riserboSettings.own();
      const next = paused ? own.pausedSites.filter(s => s !== site) : [...new Set([...own.pausedSites, site])];
      await chrome.storage.local.set({ pausedSites: next });
      button.hidden = true;
      $('status-detail').textContent = '';
      await showStatus();
    };
  }

  function setUpTry() {
    const box = $('try');
    let queued = false;
    const run = async () => {
      queued = false;
      const model = riserbo.textModel.read(box);
      let findings;
      try {
        findings = await riserbo.engine.analyze(model.text);
      } catch (error) {
        $('try-summary').textContent = String(error.message || error);
        return;
      }
      paint(model, findings);
    };
    new MutationObserver(() => {
      if (!queued) {
        queued = true;
        setTimeout(run, 0);
      }
    }).observe(box, { subtree: true, childList: true, characterData: true });
  }

  function paint(model, findings) {
    for (const severity of ['critical', 'warning', 'hint']) {
      const ranges = findings.filter(f => f.severity === severity)
        .map(f => riserbo.textModel.range(model, f.start, f.end)).filter(Boolean);
      if (ranges.length) CSS.highlights.set('riserbo-' + severity, new Highlight(...ranges));
      else CSS.highlights.delete('riserbo-' + severity);
    }
    $('try-summary').textContent = model.text.trim() === '' ? ''
      : findings.length ? t('tryCount', findings.length) : t('tryNone');
    const list = $('try-findings');
    list.replaceChildren(...findings.slice(0, 20).map(f => {
      const item = document.createElement('li');
      item.dataset.severity = f.severity;
      const what = document.createElement('div');
      what.className = 'what';
      what.textContent = `${t('severity_' + f.severity)}: ${t('category_' + f.category)} — «${f.text.slice(0, 40)}»`;
      const why = document.createElement('div');
      why.textContent = f.message;
      const source = document.createElement('div');
      source.className = 'source';
      source.textContent = t('sourceLabel', f.source);
      item.append(what, why, source);
      return item;
    }));
  }
})();
