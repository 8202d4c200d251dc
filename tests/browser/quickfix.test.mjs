// Quick fixes through the editor's own input path, on real Draft.js and
// Lexical editors: only the span changes, nothing is duplicated or lost,
// and Ctrl+Z reverts it. Without a quick fix, the extension leaves the text
// and the undo history to the user alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { highlightedTexts, liveRegions, start } from './harness.mjs';

const EDITORS = [
  { name: 'Lexical', url: 'https://www.facebook.com/', selector: '[aria-label="A cosa stai pensando?"]' },
  { name: 'Draft.js', url: 'https://x.com/', selector: '.public-DraftEditor-content' },
];
let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.close(); });

async function typed(editor, text, announced = /segnalazion/) {
  const page = await browser.context.newPage();
  await page.goto(editor.url);
  await page.click(editor.selector);
  await page.keyboard.type(text);
  for (let i = 0; i < 50 && !(await liveRegions(page)).some(r => announced.test(r)); i++) await page.waitForTimeout(100);
  return page;
}
const textOf = (page, editor) => page.locator(editor.selector).innerText();
async function waitText(page, editor, expected) {
  for (let i = 0; i < 30 && (await textOf(page, editor)) !== expected; i++) await page.waitForTimeout(100);
  assert.equal(await textOf(page, editor), expected);
}

for (const editor of EDITORS) {
  test(`${editor.name}: "Oscura il dato" masks only the code, and Ctrl+Z brings it back`, async () => {
    const original = 'Il cf è RSSMRA85T10A562S, grazie';
    const page = await typed(editor, original);
    await page.keyboard.press('Alt+Shift+R');
    await page.keyboard.press('Enter'); // the first action: "Oscura il dato"
    await waitText(page, editor, 'Il cf è RS••••••••••••2S, grazie');
    for (let i = 0; i < 30 && (await highlightedTexts(page)).length; i++) await page.waitForTimeout(100);
    assert.deepEqual(await highlightedTexts(page), []);
    await page.keyboard.press('Control+z');
    await waitText(page, editor, original);
    await page.close();
  });

  test(`${editor.name}: "Aggiungi disclaimer" appends the policy's text, undone by Ctrl+Z`, async () => {
    const original = 'A nome del Comune vi comunico che lo sportello resterà chiuso';
    const page = await typed(editor, original);
    await page.keyboard.press('Alt+Shift+R');
    await page.keyboard.press('Enter'); // "Aggiungi disclaimer"
    const disclaimer = "Le opinioni espresse sono personali e non rappresentano quelle dell'ente per cui lavoro.";
    await waitText(page, editor, `${original} ${disclaimer}`);
    // With the disclaimer, the post no longer speaks for the Ente.
    for (let i = 0; i < 30 && !(await liveRegions(page)).some(r => /nessun problema/.test(r)); i++) await page.waitForTimeout(100);
    assert.ok((await liveRegions(page)).some(r => /nessun problema/.test(r)));
    await page.keyboard.press('Control+z');
    await waitText(page, editor, original);
    await page.close();
  });

  test(`${editor.name}: "Ignora" hides the occurrence and leaves the text alone`, async () => {
    const original = 'cf RSSMRA85T10A562S';
    const page = await typed(editor, original);
    await page.keyboard.press('Alt+Shift+R');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Ignora"
    for (let i = 0; i < 30 && (await highlightedTexts(page)).length; i++) await page.waitForTimeout(100);
    assert.deepEqual(await highlightedTexts(page), []);
    assert.equal(await textOf(page, editor), original);
    await page.close();
  });

  test(`${editor.name}: without a quick fix, undo holds only the user's typing`, async () => {
    const page = await typed(editor, 'Il sindaco è un incompetente');
    // Undo everything the user typed: the editor ends empty, nothing of
    // Riserbo's in between (no extra steps, no duplicated text).
    for (let i = 0; i < 40 && (await textOf(page, editor)).trim() !== ''; i++) await page.keyboard.press('Control+z');
    assert.equal((await textOf(page, editor)).trim(), '');
    await page.close();
  });
}
