// Sites remove and re-create their editors (closing and reopening a chat,
// single-page navigation). Each composer here is opened, given a finding
// (a watch, a badge, an underline), and closed, 200 times; what the page
// holds must not grow with the count: its event listeners and DOM nodes
// (Chromium's counters), the JS heap its renderer shares with the content
// script, and what the content script itself keeps (its watches and
// observed shadow roots).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { start, waitFor } from './harness.mjs';

const CYCLES = 200;
const WARM_UP = 20;
const CF = 'RSSMRA85T10A562S';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.close(); });

/** A CDP session on `page`, able to evaluate in Riserbo's isolated world. */
async function probe(page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', e => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = await waitFor(() => contexts.find(c => c.auxData && c.auxData.type === 'isolated' && c.name === 'Riserbo'),
    "Riserbo's isolated world");
  return {
    /** The findings the page's compose boxes hold, as the content script counts them. */
    async findings() {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'riserbo.ui.counts().findings', contextId: world.id,
        returnByValue: true });
      return result.value;
    },
    async stats() {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'riserbo.stats()', contextId: world.id, returnByValue: true });
      return result.value;
    },
    async measure() {
      await cdp.send('HeapProfiler.collectGarbage');
      const counters = await cdp.send('Memory.getDOMCounters');
      const heap = await cdp.send('Runtime.getHeapUsage');
      return { listeners: counters.jsEventListeners, nodes: counters.nodes, heap: heap.usedSize, ...(await this.stats()) };
    },
  };
}

// One probe a page, so that counting findings opens no session each time.
const probes = new WeakMap();
function probeOf(page) {
  if (!probes.has(page)) probes.set(page, probe(page));
  return probes.get(page);
}
const findings = async page => (await probeOf(page)).findings();

async function repeat(page, cycle) {
  const p = await probeOf(page);
  for (let i = 0; i < WARM_UP; i++) await cycle();
  const first = await p.measure();
  for (let i = 0; i < CYCLES; i++) await cycle();
  const last = await p.measure();
  console.log(`${new URL(page.url()).hostname}: before ${JSON.stringify(first)}, after ${CYCLES} more ${JSON.stringify(last)}`);
  // A leak of one listener or a few nodes per composer would show as
  // hundreds; a leaked watch with its badge and observers as megabytes.
  assert.ok(last.listeners - first.listeners < 20, `listeners ${first.listeners} -> ${last.listeners}`);
  assert.ok(last.nodes - first.nodes < 100, `DOM nodes ${first.nodes} -> ${last.nodes}`);
  // The page itself (Lexical, V8) grows by about as much with Riserbo paused:
  // the heap is a coarse bound, the counters and the watches the precise one.
  assert.ok(last.heap - first.heap < 1_500_000, `heap ${first.heap} -> ${last.heap} bytes`);
  // What stays on the page between cycles (Reddit's collapsed comment
  // input, a textarea in a shadow root) is watched as before, no more.
  assert.equal(last.watches, first.watches);
  assert.equal(last.shadowRoots, first.shadowRoots);
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0, 'an underline outlived its editor');
}

test(`a chat composer opened and closed ${CYCLES} times leaks nothing (WhatsApp Web, Lexical)`, { timeout: 300000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://web.whatsapp.com/');
  await repeat(page, async () => {
    await page.click('[data-name="Anna"]');
    await page.click('#main [aria-label="Scrivi un messaggio"]');
    await page.keyboard.insertText(`cf ${CF}`);
    await waitFor(async () => (await findings(page)) === 1, 'the finding', 500, 20);
    await page.click('[aria-label="Chiudi chat"]');
    await waitFor(async () => (await findings(page)) === 0, 'the composer let go', 500, 20);
  });
  await page.close();
});

test(`a composer in shadow roots opened and closed ${CYCLES} times leaks nothing (Reddit, Lit)`, { timeout: 300000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/italy/comments/1/biblioteca/');
  await repeat(page, async () => {
    await page.click('faceplate-textarea-input textarea');
    await page.click('reddit-rte [contenteditable]');
    await page.keyboard.insertText(`cf ${CF}`);
    await waitFor(async () => (await findings(page)) === 1, 'the finding', 500, 20);
    await page.click('shreddit-composer >> text=Annulla');
    await waitFor(async () => (await findings(page)) === 0, 'the composer let go', 500, 20);
  });
  await page.close();
});
