// Firefox ESR (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi): the Firefox package installs, warns on the Lexical page, finds the
// demo logo in an attached picture, and takes the Ente's configuration from
// policies.json ("3rdparty"). Firefox has no
// host-resolver flag: network.dns.localDomains sends www.facebook.com to
// 127.0.0.1, where the test pages are served on port 443.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { ROOT, startServer } from './harness.mjs';

const POLICIES = '/usr/lib/firefox-esr/distribution/policies.json';
const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const kept = existsSync(POLICIES) ? readFileSync(POLICIES) : null;
after(() => {
  if (kept) writeFileSync(POLICIES, kept); else rmSync(POLICIES, { force: true });
});

test('Firefox ESR: the package installs, warns on the Lexical page, and reads policies.json', { timeout: 180000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'riserbo-firefox-'));
  writeFileSync(POLICIES, JSON.stringify({
    policies: { '3rdparty': { Extensions: { [GECKO_ID]: { enteName: 'Comune di Firefox', confidentialTerms: ['Progetto Aurora'] } } } },
  }));
  execFileSync('bash', ['scripts/package.sh'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, RISERBO_CRX_KEY: join(dir, 'key.pem') } });
  const version = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version;
  const unpacked = join(dir, 'extension');
  execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'tests/logos/generate.py'), join(dir, 'pictures'),
    '--seed', '3', '--per-logo', '1', '--plain', '0'], { stdio: 'ignore' });
  execFileSync('unzip', ['-q', join(ROOT, 'dist', `riserbo-${version}-firefox.zip`), '-d', unpacked]);

  const server = await startServer(dir, 443);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: join(dir, 'profile'),
    extraPrefsFirefox: { 'network.dns.localDomains': 'www.facebook.com', 'intl.locale.requested': 'it' },
  });
  try {
    await browser.installExtension(unpacked);
    const page = await browser.newPage();
    const underlines = () => page.evaluate(() => document.querySelector('riserbo-ui')?.dataset.underlines || '0');
    // The content script may need a moment after installation: reload until it runs.
    for (let attempt = 0; attempt < 10 && (await underlines()) === '0'; attempt++) {
      await page.goto('https://www.facebook.com/');
      await page.click('[data-lexical-editor="true"]');
      await page.keyboard.type('cf RSSMRA85T10A562S e il Progetto Aurora');
      for (let i = 0; i < 20 && (await underlines()) === '0'; i++) await new Promise(r => setTimeout(r, 250));
    }
    // The codice fiscale, and the reserved term from policies.json.
    for (let i = 0; i < 20 && (await underlines()) !== '2'; i++) await new Promise(r => setTimeout(r, 250));
    assert.equal(await underlines(), '2');
    assert.equal(await page.$eval('[data-lexical-editor="true"]', el => el.innerText), 'cf RSSMRA85T10A562S e il Progetto Aurora');
    // A picture with the demo Comune's coat of arms (the corpus generator's,
    // seed 3): a third finding, in the same compose box.
    const findings = () => page.evaluate(() => document.querySelector('riserbo-ui')?.dataset.findings || '0');
    assert.equal(await findings(), '2');
    const picker = await page.$('[data-testid="fbFileInput"]');
    await picker.uploadFile(join(dir, 'pictures', '00004.jpg'));
    for (let i = 0; i < 40 && (await findings()) !== '3'; i++) await new Promise(r => setTimeout(r, 250));
    assert.equal(await findings(), '3');
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
