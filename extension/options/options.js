// The options page: what the employee may change, and what the
// administrator set, shown locked ("impostato dall'amministratore").
'use strict';

(async () => {
  /** @param {string} id */
  const $ = id => /** @type {any} */ (document.getElementById(id));
  riserbo.i18n.apply();
  // Whether the text in attached pictures is read (policy imageText).
  riserbo.protocol.bootstrap().then(({ policy }) => {
    $('image-text').textContent = chrome.i18n.getMessage(policy.imageText === false ? 'imageTextOff' : 'imageTextOn');
  }, () => {});
  const { settings, locked } = await riserbo.settings.effective(true);

  for (const input of document.querySelectorAll(/** @type {'input'} */ ('input[name="mode"]'))) input.checked = input.value === settings.mode;
  for (const site of riserbo.settings.SITES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'site';
    box.value = site;
    box.checked = !settings.disabledSites.includes(site);
    label.append(box, ' ', site);
    $('sites').append(label);
  }
  $('ignored').value = settings.ignored.join('\n');

  // Locked settings: disabled, with who set them.
  for (const [key, fieldset] of [['mode', 'mode-set'], ['disabledSites', 'sites-set'], ['ignored', 'ignored-set']]) {
    if (locked.has(key)) {
      $(fieldset).disabled = true;
      $(fieldset).querySelector('.locked').hidden = false;
    }
  }

  // Hosts the administrator added: which ones still wait for consent.
  async function showAddedHosts() {
    const hosts = await riserbo.settings.addedHosts();
    $('added-hosts').hidden = !hosts.length;
    $('added-hosts-list').replaceChildren(...hosts.map(({ host, granted }) => {
      const item = document.createElement('li');
      item.textContent = riserbo.i18n.t(granted ? 'managedHostGranted' : 'managedHostPending', host);
      return item;
    }));
    const pending = hosts.filter(h => !h.granted).map(h => h.host);
    $('grant-hosts').hidden = !pending.length;
    // No await before the request: the browser wants it inside the click.
    $('grant-hosts').onclick = () => riserbo.settings.grantHosts(pending).finally(showAddedHosts);
  }
  await showAddedHosts();

  $('form').addEventListener('submit', async event => {
    event.preventDefault();
    /** @type {Record<string, unknown>} */
    const update = {};
    if (!locked.has('mode')) {
      update.mode = document.querySelector(/** @type {'input'} */ ('input[name="mode"]:checked'))?.value || 'confirm';
      update.ownSet = { mode: true };
    }
    if (!locked.has('disabledSites')) {
      update.disabledSites = [...document.querySelectorAll(/** @type {'input'} */ ('input[name="site"]'))].filter(b => !b.checked).map(b => b.value);
    }
    if (!locked.has('ignored')) {
      update.ignored = $('ignored').value.split('\n').map(s => s.trim()).filter(Boolean).slice(0, 500);
    }
    await chrome.storage.local.set(update);
    $('saved').textContent = riserbo.i18n.t('saved');
  });
})();
