// No page can tell that its visitor runs Riserbo (that is, that they are a
// public employee): the packaged files cannot be fetched at their static
// URLs under the extension's fixed ID, and nothing the page can read names
// the extension, not even while it shows findings.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, contentCounts, extensionId, start } from './harness.mjs';

const CF = 'RSSMRA85T10A562S';
let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.close(); });

/** Every file the package holds (scripts/package.sh), as a path from the root. */
function packagedFiles() {
  const out = ['manifest.json', 'schema.json'];
  const walk = dir => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path); else out.push(relative('.', path));
    }
  };
  for (const dir of ['_locales', 'icons', 'extension']) walk(dir);
  return out;
}

test('a page cannot fetch any packaged file at its static URL', async () => {
  const files = packagedFiles();
  assert.ok(files.includes('extension/core/riserbo_wasm_bg.wasm') && files.length > 30, files.join(' '));
  const page = await browser.context.newPage();
  try {
    await page.goto('https://www.facebook.com/');
    // The content script has loaded its core (through the dynamic URL).
    await page.click('[data-lexical-editor="true"]');
    await page.keyboard.type(`cf ${CF}`);
    for (let i = 0; i < 50 && (await contentCounts(page)).findings !== 1; i++) await page.waitForTimeout(100);
    assert.equal((await contentCounts(page)).findings, 1);
    const id = extensionId();
    assert.equal(id, browser.extensionId);
    const fetched = await page.evaluate(async ({ id, files }) => {
      const out = [];
      for (const file of files) {
        try {
          const response = await fetch(`chrome-extension://${id}/${file}`);
          out.push(`${file}: ${response.status}`);
        } catch {
          // Refused: what a page sees for an extension that is not there.
        }
      }
      return out;
    }, { id, files });
    assert.deepEqual(fetched, []);
    // Nor did the page see the content script load anything.
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map(e => e.name)
      .filter(name => !name.startsWith('https://www.facebook.com/')));
    assert.deepEqual(loaded, []);
  } finally {
    await page.close();
  }
});

test('nothing the page can read names the extension; underlines exist only while there are findings', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto('https://www.facebook.com/');
    await page.click('[data-lexical-editor="true"]');
    await page.keyboard.type(`cf ${CF}`);
    // Typed key by key, the code is a warning (a code short of letters)
    // before it is critical: wait for the final state, not the first mark.
    await page.waitForFunction(() => CSS.highlights.has('mark-critical'), null, { timeout: 5000 }).catch(() => {});
    for (let i = 0; i < 50 && (await contentCounts(page)).underlines !== 1; i++) await page.waitForTimeout(100);
    const seen = () => page.evaluate(() => {
      const names = [];
      for (const el of document.querySelectorAll('*')) {
        names.push(el.localName, ...[...el.attributes].map(a => `${a.name}=${a.value}`));
      }
      return {
        dom: names.filter(n => /riserbo|underlines|findings/i.test(n)),
        globals: Object.keys(window).filter(k => /riserbo/i.test(k)),
        highlights: [...CSS.highlights.keys()],
        sheets: [...document.styleSheets].map(s => s.href).filter(h => h && !h.startsWith('https://www.facebook.com/')),
      };
    });
    const withFinding = await seen();
    assert.deepEqual(withFinding.dom, []);
    assert.deepEqual(withFinding.globals, []);
    assert.deepEqual(withFinding.sheets, []);
    // The Highlight API's registry is the page's too: neutral names only.
    assert.deepEqual(withFinding.highlights, ['mark-critical']);
    // With nothing to underline, nothing is registered. (The whole text
    // goes: a codice fiscale short of one letter is still worth a hint.)
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    for (let i = 0; i < 50 && (await contentCounts(page)).underlines !== 0; i++) await page.waitForTimeout(100);
    assert.deepEqual((await seen()).highlights, []);
  } finally {
    await page.close();
  }
});
