// Without the CSS Custom Highlight API (older Firefox ESR), underlines are
// drawn as an overlay from the ranges' client rects. Chromium cannot switch
// the API off, so the developer setting `forceOverlay` selects that path.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contentCounts, liveRegions, start } from './harness.mjs';

let browser;
before(async () => {
  browser = await start();
  await browser.worker.evaluate(() => chrome.storage.local.set({ forceOverlay: true }));
});
after(async () => { await browser?.close(); });

test('underlines are drawn as an overlay when the Highlight API is missing', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  await page.click('[aria-label="A cosa stai pensando?"]');
  await page.keyboard.type('cf RSSMRA85T10A562S e IBAN IT60X0542811101000000123456');
  for (let i = 0; i < 50 && !(await liveRegions(page)).some(r => /dati personali/.test(r)); i++) await page.waitForTimeout(100);
  const count = async () => (await contentCounts(page)).underlines;
  for (let i = 0; i < 30 && (await count()) !== 2; i++) await page.waitForTimeout(100);
  assert.equal(await count(), 2);
  // Drawn as boxes, not as highlights.
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
  // The editor's DOM holds only the text: nothing was inserted into it.
  assert.equal(await page.locator('[aria-label="A cosa stai pensando?"] *:not(p):not(span):not(br)').count(), 0);
  await page.screenshot({ path: 'tests/artifacts/overlay.png' });
  await page.close();
});
