// Hosts the administrator adds in the policy's `sites` ({"mastodon.uno":
// true}): the Ente's Mastodon instance, a forum. The manifest cannot list them in advance, and asking for every
// site at install would be far more than Riserbo needs. So the manifest
// declares `https://*/*` only as an optional host permission; the employee
// grants each named host once (popup or options page, one click), and this
// module registers the content script there with
// chrome.scripting.registerContentScripts. Hosts the policy drops, or whose
// permission is withdrawn, lose it again.
//
// On these hosts the core runs in the service worker: the wasm files are
// web-accessible to the table's sites only, so no other page can probe for
// the extension.
import './content/namespace.js';
import './shared/protocol.js';
import './shared/sites.js';
import './shared/settings.js';

// Set by the shared scripts just imported, as on the extension's pages.
const riserboSettings = riserbo.settings;

const SCRIPT_ID = 'riserbo-managed-hosts';

async function grantedHosts() {
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get('sites')) || {};
  } catch {
    // No managed storage: no added hosts.
  }
  const granted = [];
  for (const host of riserboSettings.managedHosts(managed.sites)) {
    if (await chrome.permissions.contains({ origins: [riserboSettings.originOf(host)] })) granted.push(host);
  }
  return granted;
}

async function sync() {
  const matches = (await grantedHosts()).map(host => riserboSettings.originOf(host));
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) {
    if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  // The same files, in the same order, as the manifest's content script.
  const { js, css } = chrome.runtime.getManifest().content_scripts[0];
  /** @type {chrome.scripting.RegisteredContentScript} */
  const script = { id: SCRIPT_ID, matches, js, css, runAt: 'document_idle', persistAcrossSessions: true };
  if (registered.length && registered[0].matches.join() === matches.join()) return;
  if (registered.length) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
}

// One synchronisation at a time, in the order they were asked for.
let queue = Promise.resolve();
export function syncManagedHosts() {
  queue = queue.then(sync).catch(error => console.warn('Riserbo: siti aggiunti dall\'Ente', error));
  return queue;
}

chrome.permissions.onAdded.addListener(syncManagedHosts);
chrome.permissions.onRemoved.addListener(syncManagedHosts);
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') syncManagedHosts();
});
syncManagedHosts();
