// Every editor family of the site table, on pages built from the editor each
// site really uses, served at the site's real host name with the production
// manifest: inline warnings while typing, the pre-send check on every send
// path the site has ("Modifica" keeps the text, "Pubblica comunque" sends it
// once, unchanged), keys that only make a new line, buttons that only open a
// composer, and no request to any other host.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOSTS, highlightedTexts, liveRegions, sendDialog, start, waitFor, waitForDialog } from './harness.mjs';

const CF = 'RSSMRA85T10A562S';

/**
 * `open`: what to click first to get the composer; `paths`: the ways the
 * site sends (a key, or { click: selector }); `newline`: keys that only add
 * a line there; `traps`: buttons named like send buttons that only open or
 * focus a composer; `textarea`: no underline is drawn in a textarea (the
 * badge and the live region warn instead).
 */
const CASES = [
  { name: 'LinkedIn post (Quill)', url: 'https://www.linkedin.com/feed/', editor: '#share-editor .ql-editor',
    paths: [{ click: '.share-actions__primary-action' }], newline: ['Enter'] },
  { name: 'LinkedIn comment (Quill)', url: 'https://www.linkedin.com/feed/', open: '#social-comment',
    editor: '#comment-editor .ql-editor', paths: [{ click: '.comments-comment-box__submit-button--cr' }],
    newline: ['Enter'], traps: ['#social-comment'] },
  { name: 'Instagram comment (textarea)', url: 'https://www.instagram.com/p/C0mune/', editor: 'textarea', textarea: true,
    paths: ['Enter', { click: '#post-comment' }], newline: ['Shift+Enter'] },
  { name: 'Instagram caption (Lexical)', url: 'https://www.instagram.com/', open: '#create',
    editor: '[aria-label="Scrivi una didascalia..."]', paths: [{ click: '#new-post [role="button"]' }], newline: ['Enter'] },
  { name: 'Instagram Direct (Lexical chat)', url: 'https://www.instagram.com/direct/t/1/', editor: '[aria-label="Messaggio"]',
    paths: ['Enter', { click: '#direct [role="button"]' }], newline: ['Shift+Enter'] },
  { name: 'Threads post (Lexical)', url: 'https://www.threads.net/', editor: '#new-thread [data-composer]',
    paths: [{ click: '#new-thread .post' }, 'Control+Enter'], newline: ['Enter'], traps: ['#reply'] },
  { name: 'Threads reply (Lexical)', url: 'https://www.threads.com/@comune_di_esempio/post/1', open: '#reply',
    editor: '#reply-box [data-composer]', paths: [{ click: '#reply-box .post' }] },
  { name: 'WhatsApp Web (Lexical chat)', url: 'https://web.whatsapp.com/', open: '[data-name="Anna"]',
    editor: '#main [aria-label="Scrivi un messaggio"]', paths: ['Enter', { click: '#main [aria-label="Invia"]' }],
    newline: ['Shift+Enter'] },
  { name: 'Messenger (Lexical chat)', url: 'https://www.messenger.com/t/1/', editor: '#composer',
    paths: ['Enter', { click: '[aria-label="Premi Invio per inviare"]' }], newline: ['Shift+Enter'] },
  { name: 'Facebook comment (Lexical)', url: 'https://www.facebook.com/', open: '#add-comment',
    editor: '[aria-label="Scrivi un commento…"]', paths: ['Enter'], newline: ['Shift+Enter'], traps: ['#add-comment'] },
  { name: 'Telegram Web (plain contenteditable)', url: 'https://web.telegram.org/k/', editor: '.input-message-input',
    paths: ['Enter', { click: '.btn-send' }], newline: ['Shift+Enter'] },
  { name: 'Telegram Web A (plain contenteditable, keys moved into it)', url: 'https://web.telegram.org/a/',
    editor: '#editable-message-text', paths: ['Enter', { click: '.Button.send' }], newline: ['Shift+Enter'] },
  { name: 'YouTube comment (#contenteditable-root)', url: 'https://www.youtube.com/watch?v=consiglio',
    editor: 'ytd-commentbox >> #contenteditable-root', paths: [{ click: 'ytd-commentbox >> #submit-button button' }],
    newline: ['Enter'], traps: ['#reply-button-end button'] },
  { name: 'YouTube reply', url: 'https://www.youtube.com/watch?v=consiglio', open: '#reply-button-end button',
    editor: '#replies #contenteditable-root', paths: [{ click: '#replies #submit-button button' }],
    traps: ['#reply-button-end button'] },
  { name: 'Reddit comment (Lexical in nested shadow roots)', url: 'https://www.reddit.com/r/italy/comments/1/biblioteca/',
    open: 'faceplate-textarea-input textarea', editor: 'reddit-rte [contenteditable]',
    paths: [{ click: 'button[slot="submit-button"]' }, 'Control+Enter'], newline: ['Enter'] },
];

let browser;
const requests = [];
before(async () => {
  browser = await start();
  browser.context.on('request', r => requests.push(r.url()));
});
after(async () => { await browser?.close(); });

const published = page => page.locator('.published').allTextContents();
const editorText = (page, selector) => page.locator(selector).first()
  .evaluate(el => (el.tagName === 'TEXTAREA' ? el.value : el.innerText).replace(/\n+$/, ''));

async function trigger(page, path) {
  if (typeof path === 'string') await page.keyboard.press(path);
  else await page.click(path.click);
}

/** Types `text` and waits until its codice fiscale is announced (and underlined). */
async function typeAndWait(page, spec, text) {
  await page.locator(spec.editor).first().click();
  await page.keyboard.type(text);
  await waitFor(async () => (await liveRegions(page)).some(r => /dati personali/.test(r)), 'the finding announced');
  if (!spec.textarea) {
    await waitFor(async () => (await highlightedTexts(page)).includes(CF), 'the codice fiscale underlined');
  }
}

async function noDialogAndNothingSent(page, before, what) {
  await page.waitForTimeout(300);
  assert.equal(await sendDialog(page), null, `${what} opened the pre-send dialog`);
  assert.deepEqual(await published(page), before, `${what} sent something`);
}

for (const spec of CASES) {
  describe(spec.name, () => {
    test('warns while typing; every send path is paused; "Modifica" keeps the text; "Pubblica comunque" sends it once',
      async () => {
        const page = await browser.context.newPage();
        try {
          await page.goto(spec.url);
          if (spec.open) await page.click(spec.open);
          let sent = [];
          // Keys that only make a new line never pause and never send.
          for (const key of spec.newline || []) {
            await typeAndWait(page, spec, `Riga del signore ${CF}`);
            await page.keyboard.press(key);
            await noDialogAndNothingSent(page, sent, `${key} in the editor`);
            assert.match(await page.locator(spec.editor).first().evaluate(el => el.value ?? el.innerText), /\n/);
            await page.keyboard.press('Control+A');
            await page.keyboard.press('Backspace');
            await waitFor(async () => (await editorText(page, spec.editor)).trim() === '', 'the editor emptied');
          }
          for (const [i, path] of spec.paths.entries()) {
            const text = `Messaggio ${i + 1}: il cf del signore è ${CF}`;
            await typeAndWait(page, spec, text);
            for (const trap of spec.traps || []) {
              await page.click(trap);
              await noDialogAndNothingSent(page, sent, `clicking ${trap}`);
              await page.locator(spec.editor).first().focus();
            }
            await trigger(page, path);
            const d = await waitForDialog(page);
            assert.equal(d.title, 'Prima di pubblicare');
            assert.ok(d.buttons.includes('Modifica') && d.buttons.includes('Pubblica comunque'), JSON.stringify(d));
            assert.deepEqual(await published(page), sent, 'sent while the dialog was open');
            // "Modifica" (Escape): nothing sent, the text as typed.
            await page.keyboard.press('Escape');
            await waitForDialog(page, false);
            assert.deepEqual(await published(page), sent);
            assert.equal(await editorText(page, spec.editor), text);
            // Again, and "Pubblica comunque": sent exactly once, unchanged.
            await trigger(page, path);
            await waitForDialog(page);
            await page.keyboard.press('Tab');
            await page.keyboard.press('Enter');
            await waitForDialog(page, false);
            sent = [...sent, text];
            await waitFor(async () => (await published(page)).length === sent.length, 'the message sent');
            await page.waitForTimeout(300);
            assert.deepEqual(await published(page), sent, JSON.stringify(path));
          }
        } finally {
          await page.close();
        }
      });
  });
}

test('a clean message is sent at once on every path, with no dialog', async () => {
  for (const spec of CASES.filter(c => /WhatsApp|Reddit|LinkedIn comment/.test(c.name))) {
    const page = await browser.context.newPage();
    try {
      await page.goto(spec.url);
      if (spec.open) await page.click(spec.open);
      for (const path of spec.paths) {
        const before = await published(page);
        await page.locator(spec.editor).first().click();
        await page.keyboard.type('Buona giornata a tutti');
        await waitFor(async () => (await liveRegions(page)).some(r => /nessun problema/.test(r)), 'the clean text announced');
        await trigger(page, path);
        await waitFor(async () => (await published(page)).length === before.length + 1, `${spec.name}: sent`);
        assert.equal(await sendDialog(page), null);
      }
    } finally {
      await page.close();
    }
  }
});

test('the extension made no request to any other host', () => {
  const outside = requests.filter(url => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'chrome-extension:' && !HOSTS.includes(hostname);
  });
  assert.deepEqual(outside, []);
  const paths = new Set(browser.server.requests.map(r => r.path));
  for (const path of paths) {
    assert.match(path, /^\/([a-zA-Z0-9@_/-]*\/?|[a-z][a-z-]*\.(js|css)|quill\.core\.css|favicon\.ico)$/, path);
  }
});
