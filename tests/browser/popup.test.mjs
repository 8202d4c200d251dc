// The toolbar popup and the options page: content, status and pause of a
// tab, "Prova un testo", accessibility (axe-core) and screenshots in both
// languages, kept as test artefacts.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, highlightedTexts, liveRegions, start } from './harness.mjs';

const require = createRequire(import.meta.url);
const CF = 'RSSMRA85T10A562S';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** Serious and critical axe-core violations on the page. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

for (const lang of ['it', 'en']) {
  describe(`popup and options, ${lang}`, () => {
    let browser;
    const ext = path => `chrome-extension://${browser.extensionId}/extension/${path}`;
    before(async () => {
      browser = await start({ locale: lang === 'en' ? 'en-US' : 'it-IT' });
    });
    after(async () => { await browser?.close(); });

    test('the popup shows the Ente, the rules with sources and the privacy promise; no serious a11y issue', async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 380, height: 900 });
      await page.goto(ext('popup/popup.html'));
      // The policy has arrived when the logo check says what it found.
      await page.waitForFunction(() => document.getElementById('logo-check').textContent !== '');
      // The default policy names no Ente: the popup shows the product's name.
      assert.equal(await page.textContent('#ente-name'), 'Riserbo');
      assert.equal(await page.locator('#rules li').count(), 11);
      assert.match(await page.textContent('#rules li:first-child'), /DPR 62\/2013 art\. 11-ter c\.1/);
      const heading = await page.textContent('#policy-heading');
      assert.equal(heading, lang === 'en' ? 'The rules to keep in mind on social media' : 'Le regole da ricordare sui social');
      // The default policy carries the demo Comune's logo.
      assert.match(await page.textContent('#logo-check'), lang === 'en' ? /fingerprints in the policy: 1/ : /impronte nella policy: 1/);
      assert.match(await page.textContent('footer'), lang === 'en' ? /Nothing you type leaves the browser/ : /Niente di ciò che scrivi lascia il browser/);
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `popup-${lang}.png`), fullPage: true });
      await page.close();
    });

    test('"Prova un testo" underlines and explains with the same core', async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 380, height: 900 });
      await page.goto(ext('popup/popup.html'));
      await page.click('#try');
      await page.keyboard.type('A nome del Comune vi comunico che il cf del signore è RSSMRA85T10A562S');
      await page.waitForFunction(() => document.querySelectorAll('#try-findings li').length >= 2);
      const items = await page.locator('#try-findings li').allTextContents();
      const personal = lang === 'en' ? /personal data/ : /dati personali/;
      const voice = lang === 'en' ? /institutional voice/ : /voce istituzionale/;
      assert.ok(items.some(i => personal.test(i)), items.join('\n'));
      assert.ok(items.some(i => voice.test(i)), items.join('\n'));
      // Finding messages come from the core in the UI's language.
      assert.ok(items.some(i => (lang === 'en' ? /valid Italian tax code/ : /codice fiscale valido/).test(i)), items.join('\n'));
      assert.ok((await highlightedTexts(page)).includes('RSSMRA85T10A562S'));
      await page.screenshot({ path: join(ARTIFACTS, `popup-try-${lang}.png`), fullPage: true });
      await page.close();
    });

    test('the options page saves the employee\'s choices; no serious a11y issue', async () => {
      const page = await browser.context.newPage();
      await page.goto(ext('options/options.html'));
      await page.waitForSelector('input[name="site"]');
      assert.equal(await page.isChecked('input[name="mode"][value="confirm"]'), true, 'default mode');
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `options-${lang}.png`), fullPage: true });
      await page.check('input[name="mode"][value="block"]');
      await page.uncheck('input[name="site"][value="linkedin.com"]');
      await page.click('button[type="submit"]');
      await page.waitForFunction(() => document.getElementById('saved').textContent !== '');
      const stored = await browser.worker.evaluate(() => chrome.storage.local.get(null));
      assert.equal(stored.mode, 'block');
      assert.deepEqual(stored.disabledSites, ['linkedin.com']);
      await page.close();
    });
  });
}

test('the popup reports a tab\'s findings and pauses Riserbo on that site', async () => {
  const browser = await start();
  try {
    const site = await browser.context.newPage();
    await site.goto('https://www.facebook.com/');
    await site.click('[data-lexical-editor="true"]');
    await site.keyboard.type('cf RSSMRA85T10A562S');
    await site.waitForFunction(() => true);
    for (let i = 0; i < 50 && !(await liveRegions(site)).some(r => /dati personali/.test(r)); i++) await site.waitForTimeout(100);
    const statuses = await browser.worker.evaluate(() => chrome.storage.session.get(null));
    const [key] = Object.keys(statuses).filter(k => statuses[k].host === 'www.facebook.com' && statuses[k].findings === 1);
    assert.ok(key, JSON.stringify(statuses));

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html?tab=${key.slice(4)}`);
    await popup.waitForFunction(() => document.getElementById('status-detail').textContent !== '');
    assert.match(await popup.textContent('#status-text'), /Attivo su www\.facebook\.com/);
    assert.match(await popup.textContent('#status-detail'), /Segnalazioni nei riquadri di scrittura: 1/);

    await popup.click('#pause');
    await popup.waitForFunction(() => /In pausa/.test(document.getElementById('status-text').textContent));
    // On the site, the underline and the badge are gone; the text is untouched.
    for (let i = 0; i < 50 && (await highlightedTexts(site)).length; i++) await site.waitForTimeout(100);
    assert.deepEqual(await highlightedTexts(site), []);
    assert.ok(!(await liveRegions(site)).some(r => /Riserbo/.test(r)));
    assert.equal(await site.locator('[data-lexical-editor="true"]').innerText(), 'cf RSSMRA85T10A562S');
  } finally {
    await browser.close();
  }
});

test('with the service worker asleep, the popup renders from the cache and analyses what was typed before the core was ready, without waking it', async () => {
  const browser = await start();
  try {
    const ext = `chrome-extension://${browser.extensionId}/extension/`;
    const page = await browser.context.newPage();
    await page.goto(ext + 'options/options.html');
    // The worker caches the bootstrap once it has read the managed policy.
    for (let i = 0; i < 100 && !(await page.evaluate(async () => Boolean((await chrome.storage.local.get('bootstrap')).bootstrap))); i++) {
      await page.waitForTimeout(100);
    }
    const cdp = await browser.context.newCDPSession(page);
    const workers = async () => (await cdp.send('Target.getTargets')).targetInfos.filter(t => t.type === 'service_worker');
    for (const worker of await workers()) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    for (let i = 0; i < 50 && (await workers()).length; i++) await page.waitForTimeout(100);
    assert.equal((await workers()).length, 0, 'the worker is asleep');

    const popup = await browser.context.newPage();
    await popup.goto(ext + 'popup/popup.html', { waitUntil: 'commit' });
    // Typed at once, while the core is still being compiled.
    await popup.locator('#try').click();
    await popup.keyboard.insertText(`cf ${CF}`);
    await popup.waitForFunction(() => document.querySelectorAll('#try-findings li').length === 1);
    // The default policy names no Ente: the popup names the product.
    assert.equal(await popup.textContent('#ente-name'), 'Riserbo');
    assert.match(await popup.textContent('#logo-check'), /impronte nella policy: 1/);
    assert.match(await popup.textContent('#try-findings'), /codice fiscale valido/);
    assert.deepEqual(await highlightedTexts(popup), [CF]);
    assert.equal((await workers()).length, 0, 'nothing woke the worker');
  } finally {
    await browser.close();
  }
});
