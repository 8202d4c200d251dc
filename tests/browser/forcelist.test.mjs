// Force-installation as an IT office does it: the packed CRX and its update
// manifest on an update server (here on 127.0.0.1), an
// ExtensionInstallForcelist policy under /etc/chromium/policies/managed/,
// and no --load-extension. The policy file is removed afterwards.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import { HOSTS, ROOT, liveRegions, startServer } from './harness.mjs';

const POLICY_FILE = '/etc/chromium/policies/managed/riserbo-forcelist.json';
after(() => rmSync(POLICY_FILE, { force: true }));

test('ExtensionInstallForcelist installs the packed CRX from a local update server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'riserbo-force-'));
  const dist = join(dir, 'dist');
  const served = [];
  const updates = createServer((req, res) => {
    served.push(req.url.split('?')[0]);
    const file = req.url.startsWith('/updates.xml') ? 'updates.xml' : req.url.slice(1);
    try {
      const body = readFileSync(join(dist, file));
      res.writeHead(200, { 'content-type': file.endsWith('.xml') ? 'application/xml' : 'application/x-chrome-extension' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise(r => updates.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${updates.address().port}`;
  const pages = await startServer(dir);
  let context;
  try {
    // Package with a key made for this test, served from the update server.
    execFileSync('bash', ['scripts/package.sh'], {
      cwd: ROOT, stdio: 'ignore',
      env: { ...process.env, RISERBO_UPDATE_BASE: base, RISERBO_CRX_KEY: join(dir, 'key.pem') },
    });
    mkdirSync(dist, { recursive: true });
    const version = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version;
    for (const f of ['updates.xml', 'extension-id.txt', `riserbo-${version}.crx`]) {
      writeFileSync(join(dist, f), readFileSync(join(ROOT, 'dist', f)));
    }
    const id = readFileSync(join(dist, 'extension-id.txt'), 'utf8').trim();
    mkdirSync('/etc/chromium/policies/managed', { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ ExtensionInstallForcelist: [`${id};${base}/updates.xml`] }));

    // Background networking stays on: the update check is background work.
    // Playwright's own defaults would switch it and extensions off.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      env: { ...process.env, LANGUAGE: 'it' },
      ignoreDefaultArgs: ['--disable-background-networking', '--disable-extensions',
        '--disable-component-extensions-with-background-pages', '--disable-default-apps'],
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
        `--host-resolver-rules=${HOSTS.map(h => `MAP ${h} 127.0.0.1:${pages.port}`).join(', ')}`,
        '--ignore-certificate-errors'],
    });

    // Once installed, its content script warns on the site: reload until then.
    let regions = [];
    for (let attempt = 0; attempt < 20 && !regions.some(r => /dati personali/.test(r)); attempt++) {
      const page = await context.newPage();
      await page.goto('https://www.facebook.com/');
      await page.click('[data-lexical-editor="true"]');
      await page.keyboard.type('cf RSSMRA85T10A562S');
      for (let i = 0; i < 15 && !regions.some(r => /dati personali/.test(r)); i++) {
        await page.waitForTimeout(200);
        regions = await liveRegions(page);
      }
      await page.close();
    }
    assert.deepEqual(served.slice(0, 2), ['/updates.xml', `/riserbo-${version}.crx`]);
    assert.ok(regions.some(r => /dati personali/.test(r)), JSON.stringify(regions));
  } finally {
    await context?.close();
    rmSync(POLICY_FILE, { force: true });
    await pages.close();
    await new Promise(r => updates.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});
