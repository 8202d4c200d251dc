// Browser benchmark (a script, not a test): Riserbo in Debian's Chromium on
// the Lexical test page.
//   - analyse time per call, 5,000 characters, the wasm core in an extension
//     page (median, p95);
//   - keystroke-to-underline latency on a 5,000-character post typed into
//     Lexical: a keystroke completes a codice fiscale, the time until the
//     underline is painted is measured in the page (p95);
//   - the JS heap the content script adds to the page;
//   - a 12-megapixel JPEG attached: decoded and shrunk by the browser
//     (extension/content/images.js, as in the content script) and searched
//     for the logo by the wasm core (median, p95 of 15 runs);
//   - a send the extension holds: click to dialog on the X-like page, in a
//     browser just started (the first analysis may not be done) and warm;
//   - typing at the end of a 1 MB paste dense with identifiers: keystroke to
//     a settled analysis, and the longest task on the page's main thread;
//   - the popup opened while the service worker is asleep: time to content;
//   - the text in pictures (extension/ocr/): a 1,280×720 screenshot and a
//     12 MP photo of a notice, decoded and grayed by read.js, read by the
//     OCR worker in the offscreen document, analysed by the core in the
//     service worker (median, p95; `--ocr` runs this part alone).
// Run: node scripts/bench-browser.mjs [--ocr] (after scripts/build.sh).
import { inContentScript, launch, startServer } from '../tests/browser/harness.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = x => `${x.toFixed(2)} ms`;

const LINE = 'Oggi in ufficio abbiamo chiuso tante pratiche, domani riunione con i colleghi e poi pausa caffè. ';
const POST = LINE.repeat(Math.ceil(5000 / LINE.length)).slice(0, 4980) + ' cf RSSMRA85T10A562';

const dir = mkdtempSync(join(tmpdir(), 'riserbo-bench-'));
const server = await startServer(dir);

/** The longest task while typing at the end of a 1 MB paste in Lexical. */
async function longestTyping(context) {
  const page = await context.newPage();
  await page.goto('https://www.facebook.com/');
  await page.click('[data-lexical-editor="true"]');
  const line = 'il signor Bianchi via Roma 12 tel 333 1234567 multa 2024 ciao ';
  await page.evaluate(text => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector('[data-lexical-editor="true"]')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, line.repeat(16130));
  await page.waitForTimeout(3000);
  await page.keyboard.press('End');
  await page.evaluate(() => {
    window.longestTask = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.longestTask = Math.max(window.longestTask, e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.keyboard.type(' RSSMRA85T10A562SSSSSSSSSS', { delay: 100 });
  await page.waitForTimeout(1000);
  const longest = await page.evaluate(() => window.longestTask);
  await page.close();
  return longest;
}

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

/**
 * The text in pictures, end to end from an extension page: read.js decodes
 * and grays, the service worker passes the picture to the offscreen
 * document's OCR worker and analyses the words. Timed per picture.
 */
async function ocrBench(browser) {
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  const result = await ext.evaluate(async () => {
    for (const src of ['extension/content/images.js', 'extension/ocr/read.js']) {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = `${location.origin}/${src}`;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
    }
    const lines = ['Gestionale Pratiche - Ufficio Tributi', 'Istanza di rimborso TARI',
      'Cognome: Rossi   Nome: Mario', 'Codice fiscale: RSSMRA85T10A562S', 'Telefono: 333 1234567',
      'Stato: in istruttoria', 'Note: documentazione completa, in attesa di firma'];
    async function picture(width, height, size, type, noisy) {
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      if (noisy) {
        const noise = g.createImageData(width, height);
        let seed = 7;
        for (let i = 0; i < noise.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const v = 90 + (seed >>> 26);
          noise.data[i] = v; noise.data[i + 1] = v - 20; noise.data[i + 2] = v - 40; noise.data[i + 3] = 255;
        }
        g.putImageData(noise, 0, 0);
      }
      // The document (or the window) on it.
      const x0 = noisy ? width * 0.2 : 0, y0 = noisy ? height * 0.15 : 0;
      g.fillStyle = '#fbfaf5';
      g.fillRect(x0, y0, noisy ? width * 0.6 : width, noisy ? height * 0.7 : height);
      g.fillStyle = '#1a1a1a';
      g.font = `${size}px "DejaVu Sans", sans-serif`;
      lines.forEach((line, i) => g.fillText(line, x0 + size * 2, y0 + size * (3 + i * 2.2)));
      return new File([await canvas.convertToBlob(type === 'png' ? { type: 'image/png' } : { type: 'image/jpeg', quality: 0.9 })],
        `bench.${type}`, { type: `image/${type}` });
    }
    async function time(file, runs) {
      const total = [];
      let found = 0;
      for (let i = 0; i < runs + 2; i++) {
        const t0 = performance.now();
        found = (await riserbo.ocr.check(file)).length;
        if (i >= 2) total.push(performance.now() - t0);
      }
      return { total, found, size: file.size };
    }
    return {
      screen: await time(await picture(1280, 720, 24, 'png', false), 15),
      photo: await time(await picture(4000, 3000, 72, 'jpeg', true), 8),
    };
  });
  await ext.close();
  for (const [what, r] of [['1,280×720 screenshot', result.screen], ['12 MP photo of a notice', result.photo]]) {
    console.log(`text in a picture, ${what} (${(r.size / 1048576).toFixed(1)} MB, ${r.found} findings): read and analysed ` +
      `median ${ms(percentile(r.total, 0.5))}, p95 ${ms(percentile(r.total, 0.95))} (${r.total.length} runs)`);
  }
}

const browser = await launch({ port: server.port, userDataDir: join(dir, 'profile') });
if (process.argv.includes('--ocr')) {
  try {
    await ocrBench(browser);
  } finally {
    await browser.context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  // 1. The wasm core, timed inside a quiet extension page (the options page:
  // no observers or timers of its own running between calls).
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  const calls = await ext.evaluate(async text => {
    // The page's own origin: runtime.getURL gives the dynamic URL, for
    // content scripts only.
    const glue = await import(`${location.origin}/extension/core/riserbo_wasm.js`);
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

  // 1b. A 12 MP photo with the demo logo: the content script's own code
  // (images.js) in the same quiet page, then the wasm core.
  const photo = await ext.evaluate(async () => {
    for (const src of ['extension/content/namespace.js', 'extension/content/images.js']) {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = `${location.origin}/${src}`;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
    }
    const glue = await import(`${location.origin}/extension/core/riserbo_wasm.js`);
    const analyzer = new glue.Analyzer(null);
    // A busy 4000×3000 picture (noise defeats JPEG's easy cases) with the
    // coat of arms on it, encoded at quality 0.9.
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d');
    const noise = g.createImageData(4000, 3000);
    let seed = 7;
    for (let i = 0; i < noise.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const v = (i / 4) % 4000 / 16 + (seed >>> 24) / 4;
      noise.data[i] = v; noise.data[i + 1] = 255 - v; noise.data[i + 2] = (v * 3) % 256; noise.data[i + 3] = 255;
    }
    g.putImageData(noise, 0, 0);
    const logo = new Image();
    logo.src = `${location.origin}/icons/stemma-esempio.png`;
    await logo.decode();
    g.drawImage(logo, 2400, 900, 900, 1000);
    const file = new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'foto.jpg', { type: 'image/jpeg' });
    const decode = [], detect = [], total = [];
    let found = 0;
    for (let i = 0; i < 17; i++) {
      const t0 = performance.now();
      const { width, height, luma } = await riserbo.images.pixels(file);
      const t1 = performance.now();
      found = analyzer.analyzeImage(width, height, luma).length;
      const t2 = performance.now();
      if (i < 2) continue;
      decode.push(t1 - t0); detect.push(t2 - t1); total.push(t2 - t0);
    }
    return { decode, detect, total, found, size: file.size };
  });
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
      const size = CSS.highlights.get('mark-critical')?.size || 0;
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

  // 4. Click to dialog on the X-like page. The content script's own world
  // records the click's time and the moment the dialog is built.
  const instrument = page => inContentScript(page, `(() => {
    globalThis.shownAfter = [];
    let clicked = 0;
    // The guard stops the click itself from reaching any later listener;
    // the mouseup that makes it comes in the same task, just before.
    addEventListener('mouseup', e => { clicked = e.timeStamp; }, true);
    const confirmSend = riserbo.ui.confirmSend;
    riserbo.ui.confirmSend = view => {
      const dialog = confirmSend(view);
      shownAfter.push(performance.now() - clicked);
      return dialog;
    };
  })()`);
  const CF_POST = 'Il cf del signore è RSSMRA85T10A562S';
  const warmDialog = [];
  {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/');
    await page.click('.public-DraftEditor-content');
    await page.keyboard.type(CF_POST);
    await page.waitForTimeout(500);
    await instrument(page);
    for (let i = 0; i < 20; i++) {
      await page.click('[data-testid="tweetButtonInline"]');
      for (let tries = 0; tries < 100 && (await inContentScript(page, 'shownAfter.length')) <= i; tries++) await page.waitForTimeout(5);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(50);
    }
    warmDialog.push(...await inContentScript(page, 'shownAfter'));
    await page.close();
  }

  // 5. Typing at the end of a 1 MB paste dense with identifiers: how long
  // until the analysis settles, and the longest task on the page's main
  // thread while typing, with Riserbo and (below) without it: Lexical and
  // the browser's layout of a 1 MB paragraph take their share either way.
  const afterPaste = [];
  let longestAfterPaste = 0;
  {
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/');
    await page.click('[data-lexical-editor="true"]');
    const line = 'il signor Bianchi via Roma 12 tel 333 1234567 multa 2024 ciao ';
    await page.evaluate(text => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.querySelector('[data-lexical-editor="true"]')
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, line.repeat(16130));
    const counts = () => inContentScript(page, 'riserbo.ui.counts()');
    for (let i = 0; i < 600 && ((await counts()).findings < 48390 || (await counts()).partial); i++) await page.waitForTimeout(100);
    await page.keyboard.press('End');
    await page.evaluate(() => {
      window.longestTask = 0;
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.longestTask = Math.max(window.longestTask, e.duration);
      }).observe({ type: 'longtask' });
    });
    // Each keystroke completes or breaks a codice fiscale at the end: the
    // count moves only once the whole text has been analysed again.
    await page.keyboard.type(' RSSMRA85T10A562');
    let expected = (await counts()).findings;
    for (let i = 0; i < 10; i++) {
      const t0 = Date.now();
      await page.keyboard.press(i % 2 === 0 ? 'S' : 'Backspace');
      expected += i % 2 === 0 ? 1 : -1;
      for (let tries = 0; tries < 1000; tries++) {
        const c = await counts();
        if (c.findings === expected && !c.partial) break;
        await page.waitForTimeout(5);
      }
      afterPaste.push(Date.now() - t0);
    }
    longestAfterPaste = await page.evaluate(() => window.longestTask);
    await page.close();
  }
  let longestWithout = 0;

  // 6. The popup, opened while the service worker is asleep.
  const popupContent = [];
  {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
    const cdp = await browser.context.newCDPSession(page);
    for (let i = 0; i < 10; i++) {
      for (const t of (await cdp.send('Target.getTargets')).targetInfos.filter(t => t.type === 'service_worker')) {
        await cdp.send('Target.closeTarget', { targetId: t.targetId });
      }
      await page.waitForTimeout(300);
      const popup = await browser.context.newPage();
      // Records when the Ente's name and the tab's status are both shown.
      await popup.addInitScript(() => {
        new MutationObserver((_m, observer) => {
          const name = document.getElementById('ente-name');
          const status = document.getElementById('status-text');
          if (name && status && name.textContent !== 'Riserbo' && status.textContent) {
            window.contentAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await popup.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
      await popup.waitForFunction(() => window.contentAt !== undefined);
      popupContent.push(await popup.evaluate(() => window.contentAt));
      await popup.close();
    }
    await page.close();
  }

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
    longestWithout = await longestTyping(context);
    await context.close();
    return heap;
  })();

  // 4b. The same click in a browser just started, right after typing.
  const coldDialog = [];
  for (let i = 0; i < 5; i++) {
    const cold = await launch({ port: server.port, userDataDir: join(dir, `cold-${i}`) });
    const page = await cold.context.newPage();
    await page.goto('https://x.com/');
    await page.click('.public-DraftEditor-content');
    await page.keyboard.type(CF_POST);
    await instrument(page);
    await page.click('[data-testid="tweetButtonInline"]');
    for (let tries = 0; tries < 200 && !(await inContentScript(page, 'shownAfter.length')); tries++) await page.waitForTimeout(10);
    coldDialog.push(...await inContentScript(page, 'shownAfter'));
    await cold.context.close();
  }

  console.log(`analyse, 5,000 chars, wasm in Chromium (300 calls): median ${ms(percentile(calls, 0.5))}, ` +
    `p95 ${ms(percentile(calls, 0.95))}, p99 ${ms(percentile(calls, 0.99))}`);
  console.log(`keystroke to underline, 5,000-char post in Lexical (${latencies.length} keystrokes): median ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))}`);
  console.log(`12 MP JPEG (${(photo.size / 1048576).toFixed(1)} MB), logo ${photo.found ? 'found' : 'NOT found'}: ` +
    `decode and shrink median ${ms(percentile(photo.decode, 0.5))}, logo search median ${ms(percentile(photo.detect, 0.5))}, ` +
    `total median ${ms(percentile(photo.total, 0.5))}, p95 ${ms(percentile(photo.total, 0.95))}`);
  console.log(`click to dialog, X-like page: just started (${coldDialog.length} browsers) median ${ms(percentile(coldDialog, 0.5))}, ` +
    `max ${ms(Math.max(...coldDialog))}; warm (${warmDialog.length} clicks) median ${ms(percentile(warmDialog, 0.5))}, ` +
    `max ${ms(Math.max(...warmDialog))}`);
  console.log(`typing at the end of a 1 MB paste (48,390 findings): keystroke to settled analysis median ` +
    `${ms(percentile(afterPaste, 0.5))}, max ${ms(Math.max(...afterPaste))}; longest task on the page ${ms(longestAfterPaste)} (without Riserbo: ${ms(longestWithout)})`);
  console.log(`popup with the service worker asleep (${popupContent.length} openings): content after median ` +
    `${ms(percentile(popupContent, 0.5))}, max ${ms(Math.max(...popupContent))}`);
  await ocrBench(browser);
  console.log(`JS heap added to the page by the content script: ${((withExt - plain) / 1048576).toFixed(1)} MB (${(withExt / 1048576).toFixed(1)} MB with, ${(plain / 1048576).toFixed(1)} MB without)`);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
