// A host the Ente adds in the policy's `sites` (here mastodon.uno, a
// Mastodon instance: React and a plain textarea), through a real managed
// policy file read by Debian's Chromium.
//
// The manifest asks for such hosts only as optional permissions: until the
// employee consents, nothing runs there, and the popup and the options page
// ask for that consent. Chromium's consent prompt is browser UI that no test
// can click, so the second test loads a copy of the extension in which the
// host is already granted (a required host permission), and checks what the
// grant leads to: the service worker registers the content script there,
// and the compose box is checked on every send path Mastodon has.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, extensionId, liveRegions, sendDialog, start, waitFor, waitForDialog } from './harness.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/riserbo-added-sites-test.json`;
const CF = 'RSSMRA85T10A562S';
const MASTODON = 'https://mastodon.uno/home';

function writePolicy(config) {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extensionId()]: config } } }));
}
after(() => rmSync(POLICY_FILE, { force: true }));

const registered = browser => browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());

test('a host added by the policy waits for the employee\'s consent, and nothing runs there before it', async () => {
  writePolicy({ sites: { 'mastodon.uno': true, 'linkedin.com': false } });
  const browser = await start();
  try {
    await waitFor(async () => (await browser.worker.evaluate(() => chrome.storage.managed.get(null))).sites, 'the managed policy');
    assert.deepEqual(await registered(browser), []);

    // The popup names the host and asks for it; the request goes to the
    // browser from the click itself, for that host only.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
    await waitFor(async () => !(await popup.isHidden('#added-hosts')), 'the added host in the popup');
    assert.deepEqual(await popup.locator('#added-hosts-list li').allTextContents(), ['mastodon.uno: in attesa del tuo consenso']);
    await popup.evaluate(() => {
      chrome.permissions.request = request => {
        window.asked = request;
        return Promise.resolve(false);
      };
    });
    await popup.click('#grant-hosts');
    assert.deepEqual(await popup.evaluate(() => window.asked), { origins: ['https://mastodon.uno/*'] });

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
    await waitFor(async () => !(await options.isHidden('#added-hosts')), 'the added host in the options');
    assert.deepEqual(await options.locator('#added-hosts-list li').allTextContents(), ['mastodon.uno: in attesa del tuo consenso']);
    // A site of the table switched off is not an added host.
    assert.equal(await options.isChecked('input[name="site"][value="linkedin.com"]'), false);

    const page = await browser.context.newPage();
    await page.goto(MASTODON);
    await page.click('textarea.autosuggest-textarea__textarea');
    await page.keyboard.type(`cf ${CF}`);
    await page.waitForTimeout(500);
    // The content script draws its badge in an element of its own under
    // <html> (a made-up custom element name): there is none.
    assert.equal(await page.evaluate(() => [...document.documentElement.children].filter(e => e.localName.includes('-')).length),
      0, 'the content script ran without consent');
  } finally {
    await browser.close();
    rmSync(POLICY_FILE, { force: true });
  }
});

test('once granted, the added host gets the content script and every Mastodon send path is checked', async () => {
  writePolicy({ sites: { 'mastodon.uno': true } });
  // The extension as it is once the employee said yes to mastodon.uno.
  const dir = mkdtempSync(join(tmpdir(), 'riserbo-granted-'));
  for (const part of ['schema.json', '_locales', 'icons', 'extension']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['https://mastodon.uno/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const browser = await start({ extensionDir: dir });
  try {
    assert.equal(browser.extensionId, extensionId());
    const scripts = await waitFor(async () => {
      const list = await registered(browser);
      return list.length ? list : null;
    }, 'the content script registered for the added host');
    assert.deepEqual(scripts.map(s => s.matches), [['https://mastodon.uno/*']]);
    assert.deepEqual(scripts[0].js, manifest.content_scripts[0].js);

    const page = await browser.context.newPage();
    await page.goto(MASTODON);
    const textarea = 'textarea.autosuggest-textarea__textarea';
    const published = () => page.locator('.published').allTextContents();
    const typeAndWait = async text => {
      await page.click(textarea);
      await page.keyboard.type(text);
      await waitFor(async () => (await liveRegions(page)).some(r => /dati personali/.test(r)), 'the finding announced');
    };

    // Enter is a new line in Mastodon; "Rispondi" on a post of the timeline
    // only starts a reply.
    await typeAndWait(`Riga ${CF}`);
    await page.keyboard.press('Enter');
    await page.click('article.status [aria-label="Rispondi"]');
    await page.waitForTimeout(300);
    assert.equal(await sendDialog(page), null);
    assert.deepEqual(await published(), []);
    await page.fill(textarea, '');

    let sent = [];
    const paths = [
      ['Control+Enter', () => page.keyboard.press('Control+Enter')],
      ['the "Pubblica" button', () => page.click('.compose-form__submit button')],
      ['Enter in the content warning field', async () => {
        await page.click('.spoiler-input__input');
        await page.keyboard.press('Enter');
      }],
    ];
    for (const [i, [what, send]] of paths.entries()) {
      const text = `Post ${i + 1}: il cf del signore è ${CF}`;
      await typeAndWait(text);
      await send();
      await waitForDialog(page);
      await page.keyboard.press('Escape');
      await waitForDialog(page, false);
      assert.deepEqual(await published(), sent, what);
      assert.equal(await page.inputValue(textarea), text);
      await send();
      await waitForDialog(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForDialog(page, false);
      sent = [...sent, text];
      await waitFor(async () => (await published()).length === sent.length, `${what}: sent`);
      await page.waitForTimeout(300);
      assert.deepEqual(await published(), sent, what);
    }
  } finally {
    await browser.close();
    rmSync(POLICY_FILE, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
