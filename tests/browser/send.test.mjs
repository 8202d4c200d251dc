// The check before sending, on every send path of the test pages (which
// publish as the real sites do): the post button, Ctrl+Enter, Enter in a
// comment box. Also: the text is never altered, user text never becomes
// HTML, and the extension makes no network request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibleNodes, contentCounts, highlightedTexts, liveRegions, start } from './harness.mjs';

const CF = 'RSSMRA85T10A562S';
let browser;
const requests = [];
before(async () => {
  browser = await start();
  browser.context.on('request', r => requests.push(r.url()));
});
after(async () => { await browser?.close(); });

async function setMode(mode) {
  await browser.worker.evaluate(m => chrome.storage.local.set({ mode: m, ownSet: { mode: true } }), mode);
}

async function dialog(page) {
  const nodes = await accessibleNodes(page);
  const box = nodes.find(n => n.role === 'alertdialog');
  return box ? { title: box.name, buttons: nodes.filter(n => n.role === 'button').map(n => n.name) } : null;
}

async function waitForDialog(page, present = true) {
  for (let i = 0; i < 50; i++) {
    const d = await dialog(page);
    if (Boolean(d) === present) return d;
    await page.waitForTimeout(100);
  }
  assert.fail(present ? 'no dialog appeared' : 'the dialog did not close');
}

/** Opens a page and types `text`; waits until its findings are announced. */
async function open(url, selector, text, announced = /segnalazion/) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.click(selector);
  await page.keyboard.type(text);
  for (let i = 0; i < 50 && !(await liveRegions(page)).some(r => announced.test(r)); i++) {
    await page.waitForTimeout(100);
  }
  return page;
}

const X = ['https://x.com/', '.public-DraftEditor-content'];
const FB = ['https://www.facebook.com/', '[aria-label="A cosa stai pensando?"]'];
const published = page => page.locator('.published').allTextContents();

test('confirm: the post button is paused; "Pubblica comunque" publishes the text unchanged', async () => {
  await setMode('confirm');
  const page = await open(...X, `Il cf del signore è ${CF}`);
  await page.click('[data-testid="tweetButtonInline"]');
  const d = await waitForDialog(page);
  assert.equal(d.title, 'Prima di pubblicare');
  assert.ok(d.buttons.includes('Modifica') && d.buttons.includes('Pubblica comunque'), JSON.stringify(d));
  assert.deepEqual(await published(page), []);
  assert.equal(await page.locator(X[1]).innerText(), `Il cf del signore è ${CF}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForDialog(page, false);
  assert.deepEqual(await published(page), [`Il cf del signore è ${CF}`]);
  await page.close();
});

test('confirm: Ctrl+Enter is paused; "Modifica" keeps the text and the cursor in the editor', async () => {
  await setMode('confirm');
  const page = await open(...X, `cf ${CF}`);
  await page.keyboard.press('Control+Enter');
  await waitForDialog(page);
  await page.keyboard.press('Escape');
  await waitForDialog(page, false);
  assert.deepEqual(await published(page), []);
  await page.keyboard.type(' ok');
  assert.equal(await page.locator(X[1]).innerText(), `cf ${CF} ok`);
  await page.close();
});

test('confirm: Enter in a comment box is paused, and sends when confirmed', async () => {
  await setMode('confirm');
  const page = await browser.context.newPage();
  await page.goto(FB[0]);
  await page.click('#add-comment');
  await page.click('[aria-label="Scrivi un commento…"]');
  await page.keyboard.type(`Il signor Bianchi ha ricevuto una multa salatissima`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await waitForDialog(page);
  assert.deepEqual(await published(page), []);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForDialog(page, false);
  assert.deepEqual(await published(page), ['Il signor Bianchi ha ricevuto una multa salatissima']);
  await page.close();
});

test('confirm: a post sent right after typing is checked on its latest text', async () => {
  await setMode('confirm');
  const page = await browser.context.newPage();
  await page.goto(FB[0]);
  await page.click(FB[1]);
  await page.keyboard.type(`cf ${CF}`);
  // No wait: the click may come before the analysis of the last keystroke.
  await page.click('[aria-label="Pubblica"]');
  await waitForDialog(page);
  assert.deepEqual(await published(page), []);
  await page.close();
});

test('block: critical findings cannot be sent', async () => {
  await setMode('block');
  const page = await open(...FB, `IBAN del signore: IT60X0542811101000000123456`);
  await page.click('[aria-label="Pubblica"]');
  const d = await waitForDialog(page);
  assert.equal(d.title, 'Questo testo non può essere pubblicato');
  assert.ok(!d.buttons.includes('Pubblica comunque'), JSON.stringify(d));
  await page.keyboard.press('Enter');
  await waitForDialog(page, false);
  assert.deepEqual(await published(page), []);
  assert.equal(await page.locator(FB[1]).innerText(), 'IBAN del signore: IT60X0542811101000000123456');
  await page.close();
});

test('warn: nothing is ever paused', async () => {
  await setMode('warn');
  const page = await open(...FB, `cf ${CF}`);
  assert.deepEqual(await highlightedTexts(page), [CF]);
  await page.click('[aria-label="Pubblica"]');
  await page.waitForTimeout(300);
  assert.equal(await dialog(page), null);
  assert.deepEqual(await published(page), [`cf ${CF}`]);
  await page.close();
});

test('a clean post is sent at once in confirm mode', async () => {
  await setMode('confirm');
  const page = await open(...X, 'Buona domenica a tutti!', /nessun problema/);
  await page.click('[data-testid="tweetButtonInline"]');
  await page.waitForTimeout(300);
  assert.equal(await dialog(page), null);
  assert.deepEqual(await published(page), ['Buona domenica a tutti!']);
  await page.close();
});

test('user text is shown as text, never as HTML', async () => {
  await setMode('confirm');
  const page = await open(...FB, `<img src=x onerror="window.__pwned=1"> ${CF}`);
  await page.click('[aria-label="Pubblica"]');
  await waitForDialog(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.keyboard.press('Escape');
  await page.close();
});

test('several editors on one page, one added after load, are each watched', async () => {
  await setMode('confirm');
  const page = await browser.context.newPage();
  await page.goto(X[0]);
  await page.click('#add-reply');
  await page.click('#add-reply');
  const editors = page.locator('.public-DraftEditor-content');
  assert.equal(await editors.count(), 3);
  await editors.nth(2).click();
  await page.keyboard.type(`cf ${CF}`);
  await editors.nth(0).click();
  await page.keyboard.type('Che bella giornata');
  for (let i = 0; i < 50 && (await highlightedTexts(page)).length === 0; i++) await page.waitForTimeout(100);
  assert.deepEqual(await highlightedTexts(page), [CF]);
  const regions = await liveRegions(page);
  assert.ok(regions.some(r => /dati personali/.test(r)) && regions.some(r => /nessun problema/.test(r)), JSON.stringify(regions));
  await page.close();
});

test('attaching a photo brings a gentle reminder about offices, documents and colleagues', async () => {
  const page = await browser.context.newPage();
  await page.goto(X[0]);
  // A 1x1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.setInputFiles('[data-testid="fileInput"]', { name: 'ufficio.png', mimeType: 'image/png', buffer: png });
  for (let i = 0; i < 30 && !(await liveRegions(page)).some(r => /foto o un video/.test(r)); i++) await page.waitForTimeout(100);
  assert.ok((await liveRegions(page)).some(r => /foto o un video/.test(r)));
  await page.close();
});

test('a send while a long paste is still being analysed opens the dialog at once, saying so, then lists the findings', async () => {
  await setMode('confirm');
  const page = await browser.context.newPage();
  try {
    await page.goto(FB[0]);
    await page.click(FB[1]);
    const line = 'il signor Bianchi via Roma 12 tel 333 1234567 multa 2024 ciao ';
    // Pasted, and the post button pressed as soon as the editor shows it
    // (the next task): the worker takes far longer than that on 1 MB.
    await page.evaluate(async text => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('[data-lexical-editor="true"]')
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      await new Promise(resolve => setTimeout(resolve, 0));
      document.querySelector('[aria-label="Pubblica"]').click();
    }, line.repeat(16000));
    // Read from the content script's world: the accessibility tree of a
    // page holding 1 MB of text is too slow to poll.
    const dialog = async () => (await contentCounts(page)).dialog;
    for (let i = 0; i < 50 && (await dialog()) === null; i++) await page.waitForTimeout(20);
    assert.equal(await dialog(), 'Controllo del testo in corso');
    for (let i = 0; i < 300 && (await dialog()) === 'Controllo del testo in corso'; i++) await page.waitForTimeout(100);
    assert.equal(await dialog(), 'Prima di pubblicare');
    assert.deepEqual(await published(page), []);
  } finally {
    await page.close();
  }
});

test('in a browser just started, a send right after typing is held with the dialog, never swallowed', async () => {
  const cold = await start();
  try {
    const page = await cold.context.newPage();
    await page.goto(X[0]);
    await page.click(X[1]);
    await page.keyboard.type(`Il cf del signore è ${CF}`);
    await page.click('[data-testid="tweetButtonInline"]');
    const d = await waitForDialog(page);
    assert.equal(d.title, 'Prima di pubblicare');
    assert.deepEqual(await published(page), []);
  } finally {
    await cold.close();
  }
});

test('the extension made no network request', () => {
  const outside = requests.filter(url => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'chrome-extension:' && !['x.com', 'www.facebook.com'].includes(hostname);
  });
  assert.deepEqual(outside, []);
  // What the test server saw: only the pages and their own assets.
  const paths = new Set(browser.server.requests.map(r => r.path));
  for (const path of paths) assert.match(path, /^\/($|x\.js|facebook\.js|pages\.css|Draft\.css|favicon\.ico)/, path);
});
