// Firefox ESR (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi): the Firefox package installs, warns on the Lexical page, finds the
// demo logo in an attached picture, and takes the Ente's configuration from
// policies.json ("3rdparty"); the chat family (WhatsApp Web's Lexical
// composer) and the Quill family (LinkedIn) are paused before sending and
// sent once when confirmed. Firefox has no host-resolver flag:
// network.dns.localDomains sends the test hosts to 127.0.0.1, where the
// test pages are served on port 443.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { HIGHLIGHTS, ROOT, startServer } from './harness.mjs';

const sleep = ms => new Promise(r => setTimeout(r, ms));
const POLICIES = '/usr/lib/firefox-esr/distribution/policies.json';
const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const kept = existsSync(POLICIES) ? readFileSync(POLICIES) : null;
after(() => {
  if (kept) writeFileSync(POLICIES, kept); else rmSync(POLICIES, { force: true });
});

let dir;
let server;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'riserbo-firefox-'));
  writeFileSync(POLICIES, JSON.stringify({
    policies: { '3rdparty': { Extensions: { [GECKO_ID]: { enteName: 'Comune di Firefox', confidentialTerms: ['Progetto Aurora'] } } } },
  }));
  execFileSync('bash', ['scripts/package.sh'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, RISERBO_CRX_KEY: join(dir, 'key.pem') } });
  const version = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).version;
  const unpacked = join(dir, 'extension');
  execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'tests/logos/generate.py'), join(dir, 'pictures'),
    '--seed', '3', '--per-logo', '1', '--plain', '0', '--lookalikes', '0'], { stdio: 'ignore' });
  execFileSync('unzip', ['-q', join(ROOT, 'dist', `riserbo-${version}-firefox.zip`), '-d', unpacked]);
  // A screenshot with a codice fiscale and a clean poster, for the text in pictures.
  execFileSync(join(ROOT, '.venv/bin/python'), ['-c', `
import sys
from PIL import Image, ImageDraw, ImageFont
font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 26)
for name, lines in [('schermata.png', ['Gestionale Pratiche - Ufficio Tributi', 'Istanza di rimborso TARI',
        'Codice fiscale: RSSMRA85T10A562S', 'Stato: in istruttoria']),
        ('locandina.png', ['Sagra della castagna', 'Domenica 12 ottobre ore 18:00', 'Piazza Garibaldi - ingresso libero'])]:
    image = Image.new('RGB', (1280, 720), 'white')
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 120 + i * 56), line, font=font, fill=(20, 20, 20))
    image.save(sys.argv[1] + '/' + name)
`, dir], { stdio: 'ignore' });

  server = await startServer(dir, 443);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: join(dir, 'profile'),
    extraPrefsFirefox: {
      'network.dns.localDomains': 'www.facebook.com,web.whatsapp.com,www.linkedin.com', 'intl.locale.requested': 'it',
    },
  });
  await browser.installExtension(unpacked);
}, { timeout: 180000 });
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// What a page can see of Riserbo: its underlines (CSS.highlights, under
// neutral names), a post held back, and the focus on an element of no name
// it knows while the dialog is open. Nothing else names it.
const underlines = page => page.evaluate(names => names.reduce((n, name) => n + (CSS.highlights.get(name)?.size || 0), 0),
  HIGHLIGHTS);

test('Firefox ESR: the package installs, warns on the Lexical page, and reads policies.json', { timeout: 180000 }, async () => {
  const page = await browser.newPage();
  const editor = '[data-lexical-editor="true"]';
  // The content script may need a moment after installation: reload until it runs.
  for (let attempt = 0; attempt < 10 && (await underlines(page)) === 0; attempt++) {
    await page.goto('https://www.facebook.com/');
    await page.click(editor);
    await page.keyboard.type('cf RSSMRA85T10A562S e il Progetto Aurora');
    for (let i = 0; i < 20 && (await underlines(page)) === 0; i++) await sleep(250);
  }
  // The codice fiscale, and the reserved term from policies.json.
  for (let i = 0; i < 20 && (await underlines(page)) !== 2; i++) await sleep(250);
  assert.equal(await underlines(page), 2);
  assert.equal(await page.$eval(editor, el => el.innerText), 'cf RSSMRA85T10A562S e il Progetto Aurora');
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('riserbo')), false);

  // A picture attached to a clean post: with another Comune's coat of
  // arms it is sent; with the demo Comune's (the corpus generator's, seed
  // 3) it is held back: the send waits for the picture's check, then the
  // dialog opens.
  const labels = readFileSync(join(dir, 'pictures', 'labels.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l));
  const other = labels.find(l => l.logo && l.logo !== 'esempio').file;
  const published = () => page.$$eval('.published', els => els.length);
  const post = async picture => {
    await page.click(editor);
    await page.keyboard.type('Buongiorno a tutti');
    const picker = await page.$('[data-testid="fbFileInput"]');
    await picker.uploadFile(join(dir, 'pictures', picture));
    await page.click('[aria-label="Pubblica"]');
  };
  await page.goto('https://www.facebook.com/');
  await post(other);
  for (let i = 0; i < 40 && (await published()) !== 1; i++) await sleep(250);
  assert.equal(await published(), 1, 'a picture without the Ente\'s logo is sent');
  await post('00004.jpg');
  await sleep(4000);
  assert.equal(await published(), 1, 'a picture with the Ente\'s logo is held back');
  assert.ok(await dialogOpen(page));
  await page.close();
});

test('Firefox ESR: a screenshot with a codice fiscale is held back, a clean poster is sent', { timeout: 120000 }, async () => {
  // The OCR worker runs from the background page (Firefox's event page).
  const page = await browser.newPage();
  const editor = '[data-lexical-editor="true"]';
  await page.goto('https://www.facebook.com/');
  const published = () => page.$$eval('.published', els => els.length);
  const post = async (picture, text) => {
    await page.click(editor);
    await page.keyboard.type(text);
    const picker = await page.$('[data-testid="fbFileInput"]');
    await picker.uploadFile(join(dir, picture));
    await page.click('[aria-label="Pubblica"]');
  };
  await post('locandina.png', 'Vi aspettiamo alla sagra');
  for (let i = 0; i < 60 && (await published()) !== 1; i++) await sleep(250);
  assert.equal(await published(), 1, 'a clean poster is sent');
  await post('schermata.png', 'Giornata piena');
  // The send waits for the reading, then the dialog opens; nothing is sent.
  for (let i = 0; i < 60 && !(await dialogOpen(page)); i++) await sleep(250);
  assert.ok(await dialogOpen(page), 'the screenshot with a codice fiscale holds the post');
  assert.equal(await published(), 1);
  await page.close();
});

const CF = 'RSSMRA85T10A562S';

/**
 * Opens `url`, runs `prepare`, types `text` in `editor` and waits for its
 * finding (reloading while the freshly installed content script is not yet
 * there).
 */
async function openAndType(url, prepare, editor, text) {
  const page = await browser.newPage();
  const findings = () => underlines(page);
  for (let attempt = 0; attempt < 10 && (await findings()) === 0; attempt++) {
    await page.goto(url);
    await prepare(page);
    await page.click(editor);
    await page.keyboard.type(text);
    for (let i = 0; i < 20 && (await findings()) === 0; i++) await sleep(250);
  }
  assert.equal(await findings(), 1);
  return page;
}

// The dialog lives in a closed shadow root, out of the page's reach; while
// it is open, the focus is on its buttons, so the page sees its host: an
// element under <html> with a name made up for the page load.
const dialogOpen = page => page.evaluate(() => {
  const focused = document.activeElement;
  return Boolean(focused && focused.parentElement === document.documentElement && focused.localName.includes('-'));
});
const sent = page => page.$$eval('.published', items => items.map(i => i.textContent));

/** `send` is paused; "Modifica" keeps the text; "Pubblica comunque" sends it once. */
async function pausedThenSentOnce(page, editor, text, send) {
  await send();
  for (let i = 0; i < 20 && !(await dialogOpen(page)); i++) await sleep(100);
  assert.ok(await dialogOpen(page), 'no pre-send dialog');
  assert.deepEqual(await sent(page), []);
  await page.keyboard.press('Escape');
  await sleep(200);
  assert.equal(await dialogOpen(page), false);
  assert.deepEqual(await sent(page), []);
  assert.equal((await page.$eval(editor, el => el.innerText)).trim(), text);
  await send();
  for (let i = 0; i < 20 && !(await dialogOpen(page)); i++) await sleep(100);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 20 && (await sent(page)).length === 0; i++) await sleep(100);
  await sleep(300);
  assert.deepEqual(await sent(page), [text]);
}

test('Firefox ESR: a WhatsApp Web chat (Lexical) is paused on Enter and on the send icon, and sent once', { timeout: 120000 }, async () => {
  const editor = '#main [aria-label="Scrivi un messaggio"]';
  const text = `Il cf del signore è ${CF}`;
  for (const send of [page => page.keyboard.press('Enter'), page => page.click('#main [aria-label="Invia"]')]) {
    const page = await openAndType('https://web.whatsapp.com/', p => p.click('[data-name="Anna"]'), editor, text);
    // Shift+Enter is a new line, never a send.
    await page.keyboard.down('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Shift');
    await sleep(300);
    assert.equal(await dialogOpen(page), false);
    await page.keyboard.press('Backspace');
    await pausedThenSentOnce(page, editor, text, () => send(page));
    await page.close();
  }
});

test('Firefox ESR: LinkedIn posts and comments (Quill) are paused on their buttons, and sent once', { timeout: 120000 }, async () => {
  const text = `Il cf del signore è ${CF}`;
  const post = await openAndType('https://www.linkedin.com/feed/', async () => {}, '#share-editor .ql-editor', text);
  await pausedThenSentOnce(post, '#share-editor .ql-editor', text, () => post.click('.share-actions__primary-action'));
  await post.close();
  const comment = await openAndType('https://www.linkedin.com/feed/', p => p.click('#social-comment'), '#comment-editor .ql-editor', text);
  await pausedThenSentOnce(comment, '#comment-editor .ql-editor', text,
    () => comment.click('.comments-comment-box__submit-button--cr'));
  await comment.close();
});
