// Browser benchmark (a script, not a test): Riserbo in Debian's Chromium on
// the Lexical test page.
//   - analyse time per call, 5,000 characters, the wasm core in an extension
//     page (median, p95);
//   - keystroke-to-underline latency on a 5,000-character post typed into
//     Lexical: a keystroke completes a codice fiscale, the time until the
//     underline is painted is measured in the page (p95);
//   - the JS heap the content script adds to the page.
// Run: node scripts/bench-browser.mjs (after scripts/build.sh).
import { launch, startServer } from '../tests/browser/harness.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = x => `${x.toFixed(2)} ms`;

const LINE = 'Oggi in ufficio abbiamo chiuso tante pratiche, domani riunione con i colleghi e poi pausa caffè. ';
const POST = LINE.repeat(Math.ceil(5000 / LINE.length)).slice(0, 4980) + ' cf RSSMRA85T10A562';

const dir = mkdtempSync(join(tmpdir(), 'riserbo-bench-'));
const server = await startServer(dir);

async function heapOf(browser, withExtension) {
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  await page.click('[aria-label="A cosa stai pensando?"]');
  await page.keyboard.insertText(POST);
  await page.waitForTimeout(1500);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return metrics.find(m => m.name === 'JSHeapUsedSize').value;
}

const browser = await launch({ port: server.port, userDataDir: join(dir, 'profile') });
try {
  // 1. The wasm core, timed inside a quiet extension page (the options page:
  // no observers or timers of its own running between calls).
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  const calls = await ext.evaluate(async text => {
    const glue = await import(chrome.runtime.getURL('extension/core/riserbo_wasm.js'));
    await glue.default();
    const analyzer = new glue.Analyzer(null);
    for (let i = 0; i < 20; i++) analyzer.analyze(text);
    const out = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      analyzer.analyze(text);
      out.push(performance.now() - t0);
    }
    return out;
  }, POST + 'S');
  await ext.close();

  // 2. Keystroke to underline, in the Lexical page.
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  await page.click('[aria-label="A cosa stai pensando?"]');
  await page.keyboard.insertText(POST);
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    window.marks = [];
    let last = 0;
    const tick = () => {
      const size = CSS.highlights.get('riserbo-critical')?.size || 0;
      if (size !== last) {
        window.marks.push({ size, at: performance.now() });
        last = size;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const latencies = [];
  for (let i = 0; i < 40; i++) {
    const start = await page.evaluate(() => performance.now());
    await page.keyboard.press(i % 2 === 0 ? 'S' : 'Backspace');
    const want = i % 2 === 0 ? 1 : 0;
    let mark = null;
    for (let tries = 0; tries < 100 && !mark; tries++) {
      mark = await page.evaluate(([t, w]) => window.marks.find(m => m.at > t && m.size === w) || null, [start, want]);
      if (!mark) await page.waitForTimeout(5);
    }
    if (mark) latencies.push(mark.at - start);
  }
  await page.close();

  // 3. Heap: the page with the extension, minus the page without it.
  const withExt = await heapOf(browser, true);
  await browser.context.close();
  const plain = await (async () => {
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(join(dir, 'plain'), {
      executablePath: '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP www.facebook.com 127.0.0.1:${server.port}`,
        '--ignore-certificate-errors', '--disable-background-networking'],
    });
    const heap = await heapOf({ context }, false);
    await context.close();
    return heap;
  })();

  console.log(`analyse, 5,000 chars, wasm in Chromium (300 calls): median ${ms(percentile(calls, 0.5))}, ` +
    `p95 ${ms(percentile(calls, 0.95))}, p99 ${ms(percentile(calls, 0.99))}`);
  console.log(`keystroke to underline, 5,000-char post in Lexical (${latencies.length} keystrokes): median ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}`);
  console.log(`JS heap added to the page by the content script: ${((withExt - plain) / 1048576).toFixed(1)} MB (${(withExt / 1048576).toFixed(1)} MB with, ${(plain / 1048576).toFixed(1)} MB without)`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
