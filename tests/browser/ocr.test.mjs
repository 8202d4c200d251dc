// The text in attached pictures, on the X-like (Draft.js, strict CSP),
// Facebook-like (Lexical) and Reddit-like (shadow roots) pages in Chromium:
// a screenshot of a management system with a codice fiscale pauses the
// post, and the dialog and the card name the finding, the picture and its
// place; a clean poster does not.
// The OCR runs in the extension's worker (an offscreen document here), with
// the Italian model shipped in the package: no network request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accessibleNodes, drawScreenshot, inContentScript, liveRegions, outsideRequests, png, startRecording } from './harness.mjs';

let browser;
before(async () => { browser = await startRecording(); });
after(async () => { await browser?.close(); });

const screenshot = lines => drawScreenshot(browser.context, lines);

async function poll(page, read, found, failure, tries = 200) {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (found(value)) return value;
    await page.waitForTimeout(100);
  }
  assert.fail(failure);
}
const waitFor = (page, pattern) => poll(page, () => liveRegions(page), texts => texts.some(t => pattern.test(t)),
  `nothing matched ${pattern}`);

const FORM = [
  'Gestionale Pratiche - Ufficio Tributi',
  'Istanza di rimborso TARI',
  'Cognome: Rossi   Nome: Mario',
  'Codice fiscale: RSSMRA85T10A562S',
  'Stato: in istruttoria',
];
const POSTER = [
  'Sagra della castagna',
  'Domenica 12 ottobre ore 18:00',
  'Piazza Garibaldi - ingresso libero',
  'Musica con la banda del paese',
];

test('X-like page: a screenshot with a codice fiscale pauses the post, the finding names the picture', { timeout: 90000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://x.com/');
  await page.click('.public-DraftEditor-content');
  await page.keyboard.type('Che giornata in ufficio');
  await page.setInputFiles('[data-testid="fileInput"]', png('schermata.png', await screenshot(FORM)));
  // The reading is announced while it runs, then the finding is counted.
  await waitFor(page, /Sto leggendo l'immagine schermata\.png/);
  const regions = await waitFor(page, /1 segnalazione/);
  assert.ok(regions.some(r => /1 segnalazione/.test(r)), JSON.stringify(regions));
  await page.click('[data-testid="tweetButtonInline"]');
  const nodes = await poll(page, () => accessibleNodes(page), n => n.some(x => x.role === 'alertdialog'), 'no dialog', 50);
  const names = nodes.map(n => n.name).join('\n');
  assert.match(names, /codice fiscale/i);
  assert.deepEqual(await page.locator('.published').allTextContents(), []);
  await page.close();
});

test('Reddit-like page: a picture chosen with the picker inside the composer\'s shadow root is read and weighed', { timeout: 90000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/italy/comments/1/biblioteca/');
  await page.click('faceplate-textarea-input textarea');
  await page.click('reddit-rte [contenteditable]');
  await page.keyboard.type('Guardate che roba');
  // Playwright's CSS reaches into open shadow roots; the page's "change"
  // event does not leave them.
  await page.setInputFiles('shreddit-composer input[type="file"]', png('gestionale.png', await screenshot(FORM)));
  await waitFor(page, /1 segnalazione/);
  await page.click('shreddit-composer >> text=Commenta');
  const nodes = await poll(page, () => accessibleNodes(page), n => n.some(x => x.role === 'alertdialog'), 'no dialog', 50);
  assert.match(nodes.map(n => n.name).join('\n'), /codice fiscale/i);
  assert.deepEqual(await page.locator('.published').allTextContents(), []);
  await page.close();
});

test('Facebook-like page: the card shows the recognised line; a clean poster is not held', { timeout: 90000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  const editor = '[aria-label="A cosa stai pensando?"]';
  await page.click(editor);
  await page.keyboard.type('Vi aspettiamo');
  await page.setInputFiles('[data-testid="fbFileInput"]', png('pratica.png', await screenshot(FORM)));
  await waitFor(page, /1 segnalazione/);
  await page.click(editor);
  await page.keyboard.press('Alt+Shift+KeyR');
  const card = (await accessibleNodes(page)).map(n => n.name).join('\n');
  assert.match(card, /pratica\.png/);
  assert.match(card, /RSSMRA85T10A562S/);
  await page.close();

  const clean = await browser.context.newPage();
  await clean.goto('https://www.facebook.com/');
  await clean.click(editor);
  await clean.keyboard.type('Vi aspettiamo alla sagra');
  await clean.setInputFiles('[data-testid="fbFileInput"]', png('locandina.png', await screenshot(POSTER)));
  await waitFor(clean, /Sto leggendo l'immagine locandina\.png/);
  // Read to its end: the notice goes, nothing is reported.
  await poll(clean, () => liveRegions(clean), t => !t.some(r => /Sto leggendo/.test(r)), 'still reading');
  assert.ok((await liveRegions(clean)).some(r => /nessun problema/.test(r)), JSON.stringify(await liveRegions(clean)));
  await clean.click('[aria-label="Pubblica"]');
  await poll(clean, () => clean.locator('.published').count(), n => n > 0, 'the clean post was not sent', 50);
  assert.deepEqual(await clean.locator('.published').allTextContents(), ['Vi aspettiamo alla sagra']);
  await clean.close();
});

test('a reading past its time budget never holds the post: it is sent, with a message', { timeout: 90000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  const editor = '[aria-label="A cosa stai pensando?"]';
  await page.click(editor);
  await page.keyboard.type('Buona serata');
  // A budget of 1 ms: the reading cannot finish in it.
  await inContentScript(page, 'riserbo.ocr.TIMEOUT_MS = 1');
  await page.setInputFiles('[data-testid="fbFileInput"]', png('lenta.png', await screenshot(FORM)));
  await waitFor(page, /lenta\.png non è stato letto in tempo/);
  await page.click('[aria-label="Pubblica"]');
  await poll(page, () => page.locator('.published').count(), n => n > 0, 'the post was held', 50);
  assert.deepEqual(await page.locator('.published').allTextContents(), ['Buona serata']);
  await page.close();
});

test('the options page and the popup say that the text in pictures is read', async () => {
  for (const path of ['options/options.html', 'popup/popup.html']) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/extension/${path}`);
    await page.locator('#image-text').filter({ hasText: /se ne legge il testo/ }).waitFor({ timeout: 10000 });
    await page.close();
  }
});

test('pictures are read without any network request', () => {
  assert.deepEqual(outsideRequests(browser, /(^|\.)(x|twitter|facebook|reddit)\.com$/), []);
});
