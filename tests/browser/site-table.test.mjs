// The site table (extension/shared/sites.js) is the one place that says
// where Riserbo runs: the manifest must list exactly its hosts, every
// family it names must exist, and every site must have a test page served
// at its host name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { PAGE_OF_HOST, ROOT } from './harness.mjs';

const context = vm.createContext({ riserbo: {} });
vm.runInContext(readFileSync(join(ROOT, 'extension/shared/sites.js'), 'utf8'), context);
// Through JSON: arrays made in another realm never deep-equal ours.
const { SITES, FAMILIES, SEND_NAMES, ADDED_HOST_EDITORS } = JSON.parse(JSON.stringify(context.riserbo.sites));
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const patterns = SITES.flatMap(s => s.hosts).map(h => `https://${h}/*`);

test('the manifest runs the content script, and exposes the core, on exactly the table\'s hosts', () => {
  assert.deepEqual(manifest.content_scripts.map(c => c.matches), [patterns]);
  assert.deepEqual(manifest.web_accessible_resources.map(w => w.matches), [patterns]);
  // Hosts beyond the table only as optional permissions, granted one by one.
  assert.equal(manifest.host_permissions, undefined);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*']);
  // offscreen: Chromium's service worker reads pictures' text through an
  // offscreen document's worker (extension/ocr/host.js).
  assert.deepEqual(manifest.permissions, ['storage', 'scripting', 'offscreen']);
});

test('every rule names an existing family, and site keys are unique', () => {
  for (const rule of [...SITES.flatMap(s => s.editors), ...ADDED_HOST_EDITORS]) {
    assert.ok(FAMILIES[rule.family], `unknown family ${rule.family}`);
    assert.ok(!rule.enter || ['send', 'newline'].includes(rule.enter), JSON.stringify(rule));
  }
  const keys = SITES.map(s => s.site);
  assert.equal(new Set(keys).size, keys.length);
});

test('send buttons are named in Italian and English, and found by stable attributes only', () => {
  for (const name of ['pubblica', 'invia', 'rispondi', 'commenta', 'post', 'send', 'reply']) assert.ok(SEND_NAMES.includes(name), name);
  for (const name of SEND_NAMES) assert.equal(name, name.toLowerCase().trim());
  // Generated class names (Meta's "x1i0vuye", CSS modules' hashes) change
  // with every deployment: none may appear in a selector.
  for (const selector of SITES.flatMap(s => s.buttons)) {
    for (const [, cls] of selector.matchAll(/\.([\w-]+)/g)) {
      assert.ok(!/^x[0-9a-z]{5,8}$/.test(cls) && !/[0-9a-f]{5,}/.test(cls), `${selector}: ${cls} looks generated`);
    }
  }
});

test('every host of the table has a test page served at its name', () => {
  for (const host of SITES.flatMap(s => s.hosts)) {
    const name = host.startsWith('*.') ? 'www' + host.slice(1) : host;
    assert.ok(PAGE_OF_HOST[name], `no test page for ${host}`);
  }
});
