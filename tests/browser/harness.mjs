// Shared by the browser tests, the demo and the benchmarks: serves the test
// pages over HTTPS at the real sites' host names (x.com, www.facebook.com,
// web.whatsapp.com...) and starts Debian's Chromium with the unpacked
// extension, so the production manifest's match patterns are what is
// exercised.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '../..'));
const PAGES = join(ROOT, 'tests/pages/dist');
// Each host name and the test page served there, built from the editor the
// site really uses (tests/pages/build.mjs). mastodon.uno is a host no
// manifest names: it stands for a Mastodon instance an Ente adds in the
// policy's `sites`.
export const PAGE_OF_HOST = {
  'x.com': 'x', 'twitter.com': 'x', 'www.facebook.com': 'facebook', 'web.facebook.com': 'facebook',
  'www.linkedin.com': 'linkedin', 'www.instagram.com': 'instagram', 'www.threads.net': 'threads',
  'www.threads.com': 'threads', 'web.whatsapp.com': 'whatsapp', 'www.messenger.com': 'messenger',
  'web.telegram.org': 'telegram', 'www.youtube.com': 'youtube', 'www.reddit.com': 'reddit', 'mastodon.uno': 'mastodon',
};
// Paths that a site serves another client at: Telegram's "A" web client.
const PAGE_OF_PATH = [[/^web\.telegram\.org\/a\//, 'telegram-a']];
export const HOSTS = Object.keys(PAGE_OF_HOST);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * The extension's ID, fixed by the public key in manifest.json: the first
 * 128 bits of its SHA-256, written with the letters a-p.
 */
export function extensionId() {
  const { key } = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map(c => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** A self-signed certificate for the test host names, made per run. */
function certificate(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=riserbo-test',
    '-addext', 'subjectAltName=' + HOSTS.map(h => 'DNS:' + h).join(','), '-keyout', key, '-out', cert],
  { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * Serves the built pages: every path without an extension on a host gets
 * that host's page (PAGE_OF_HOST), as single-page apps do. `?csp=strict`
 * adds the kind of CSP the real sites send, without 'wasm-unsafe-eval'.
 * Every request is recorded.
 */
export async function startServer(dir, port = 0) {
  if (!existsSync(join(PAGES, 'x.html'))) throw new Error('test pages not built: run scripts/build.sh');
  const requests = [];
  const server = createServer(certificate(dir), (req, res) => {
    const url = new URL(req.url, `https://${req.headers.host}`);
    requests.push({ host: url.hostname, path: url.pathname, method: req.method });
    let file = url.pathname;
    if (file === '/' || !extname(file)) {
      const byPath = PAGE_OF_PATH.find(([pattern]) => pattern.test(url.hostname + file));
      file = `/${byPath ? byPath[1] : PAGE_OF_HOST[url.hostname] || 'x'}.html`;
    }
    const path = normalize(join(PAGES, file));
    if (!path.startsWith(PAGES) || !existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = { 'content-type': TYPES[extname(path)] || 'application/octet-stream' };
    if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = "script-src 'self'";
    res.writeHead(200, headers).end(readFileSync(path));
  });
  await new Promise(resolve => server.listen(port, '127.0.0.1', resolve));
  return { port: server.address().port, requests, close: () => new Promise(r => server.close(r)) };
}

/** Chromium with the extension loaded from the repository root. */
export async function launch({ port, userDataDir, extensionDir = ROOT, args = [], locale = 'it-IT' }) {
  const rules = HOSTS.map(h => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 700 },
    locale,
    // On Linux, Chromium's UI language (chrome.i18n) comes from the
    // environment; --lang only works on Windows.
    env: { ...process.env, LANGUAGE: locale.slice(0, 2), LANG: `${locale.replace('-', '_')}.UTF-8` },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors', `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`, ...args,
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}

/** Server and browser together, torn down by `close()`. */
export async function start(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'riserbo-'));
  const server = await startServer(dir);
  const browser = await launch({ port: server.port, userDataDir: join(dir, 'profile'), ...options });
  return {
    ...browser,
    server,
    async close() {
      await browser.context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser in "confirm" mode (sending is paused on a critical finding)
 * that records every URL the pages and the extension request, for the
 * tests that read pictures: their check must never leave the machine.
 */
export async function startRecording() {
  const browser = await start();
  browser.requests = [];
  browser.context.on('request', r => browser.requests.push(r.url()));
  await browser.worker.evaluate(() => chrome.storage.local.set({ mode: 'confirm', ownSet: { mode: true } }));
  return browser;
}

/** The recorded requests to neither the extension nor the test sites. */
export function outsideRequests(browser, sites) {
  return browser.requests.filter(url => {
    const { protocol, hostname } = new URL(url);
    return !['chrome-extension:', 'data:', 'blob:', 'about:'].includes(protocol) && !sites.test(hostname);
  });
}

/**
 * A PNG drawn by the browser, 1280×720: a window with a bar and `lines`
 * of text at 26 px, like a screenshot of a management system. Drawn in a
 * blank page, so no site CSP applies.
 */
export async function drawScreenshot(context, lines) {
  const page = await context.newPage();
  const base64 = await page.evaluate(async lines => {
    const canvas = document.createElement('canvas');
    canvas.width = 1280;
    canvas.height = 720;
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 1280, 720);
    g.fillStyle = '#0066cc';
    g.fillRect(0, 0, 1280, 70);
    g.fillStyle = '#1a1a1a';
    g.font = '26px "DejaVu Sans", "Liberation Sans", sans-serif';
    lines.forEach((line, i) => g.fillText(line, 60, 140 + i * 56));
    const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, lines);
  await page.close();
  return Buffer.from(base64, 'base64');
}

/** A file for `setInputFiles`. */
export const png = (name, buffer) => ({ name, mimeType: 'image/png', buffer });

/**
 * The accessibility tree of a page, closed shadow roots included, as
 * [{ role, name }] of the nodes that carry text.
 */
export async function accessibleNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map(n => [n.nodeId, n]));
  const text = n => {
    if (!n) return '';
    const own = n.name && n.name.value ? String(n.name.value) : '';
    if (own) return own;
    return (n.childIds || []).map(id => text(byId.get(id))).join('');
  };
  return nodes.filter(n => !n.ignored).map(n => ({ role: n.role && n.role.value, name: text(n) }));
}

/** The live regions' text (role status or alert) currently on the page. */
export async function liveRegions(page) {
  return (await accessibleNodes(page)).filter(n => n.role === 'status' || n.role === 'alert').map(n => n.name);
}

/** The names of the extension's highlights (extension/content/highlight.css). */
export const HIGHLIGHTS = ['mark-critical', 'mark-warning', 'mark-hint'];

/** Ranges painted by the CSS Custom Highlight API, as their text. */
export async function highlightedTexts(page) {
  return page.evaluate(names => {
    const out = [];
    for (const name of names) {
      const h = CSS.highlights.get(name);
      if (h) for (const r of h) out.push(r.toString());
    }
    return out;
  }, HIGHLIGHTS);
}

/** Riserbo's pre-send dialog, as { title, buttons }, or null when none is open. */
export async function sendDialog(page) {
  const nodes = await accessibleNodes(page);
  const box = nodes.find(n => n.role === 'alertdialog');
  return box ? { title: box.name, buttons: nodes.filter(n => n.role === 'button').map(n => n.name) } : null;
}

/** Waits for the dialog to open (or, with `present` false, to close). */
export async function waitForDialog(page, present = true) {
  for (let i = 0; i < 50; i++) {
    const d = await sendDialog(page);
    if (Boolean(d) === present) return d;
    await page.waitForTimeout(100);
  }
  throw new Error(present ? 'no dialog appeared' : 'the dialog did not close');
}

/** Polls `check` until it returns something truthy; fails naming `what`. */
export async function waitFor(check, what, tries = 60, every = 100) {
  let value;
  for (let i = 0; i < tries; i++) {
    value = await check();
    if (value) return value;
    await new Promise(r => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Evaluates `expression` in the content script's isolated world, where
 * `riserbo` lives (the page's own world cannot see it): over CDP, in the
 * execution context Chromium creates for the extension in this page.
 */
export async function inContentScript(page, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const mainFrame = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    const world = contexts.find(c => c.auxData && c.auxData.type === 'isolated' && c.auxData.frameId === mainFrame &&
      c.origin.startsWith('chrome-extension://'));
    if (!world) throw new Error('no content script in this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression, contextId: world.id, returnByValue: true, awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** The findings counted and underlines drawn on the page, as the content script knows them. */
export const contentCounts = page => inContentScript(page, 'riserbo.ui.counts()');
