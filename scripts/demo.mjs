// The main job, run by scripts/demo.sh: the built extension, with the
// built-in default policy, in headless Chromium on the Facebook-like and
// X-like pages; types a post (and attaches a picture with the demo
// Comune's coat of arms), opens Riserbo's card and leaves screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, liveRegions, start } from '../tests/browser/harness.mjs';

const OUT = join(ROOT, 'tests/artifacts');
mkdirSync(OUT, { recursive: true });
const POST = 'Oggi allo sportello è passato quel signore, il suo codice fiscale è RSSMRA85T10A562S: ' +
  'ditegli di portare i documenti!';
// Made by scripts/demo.sh with the logo corpus's generator.
const PICTURE = join(ROOT, 'target/demo-pictures/00004.jpg');

const browser = await start();

/** Types `text` (and attaches `picture`), opens the card, takes a screenshot. */
async function show(name, url, selector, text, picture) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const editor = page.locator(selector).first();
  await editor.click();
  await page.keyboard.type(text);
  if (picture) await page.setInputFiles('[data-testid="fbFileInput"]', picture);
  const expected = picture ? /logo/ : /segnalazion/;
  let regions = [];
  for (let i = 0; i < 50 && !regions.some(r => expected.test(r)); i++) {
    await page.waitForTimeout(100);
    regions = await liveRegions(page);
  }
  // The badge sits at the compose box's bottom-right corner; open its card.
  const box = await editor.boundingBox();
  await page.mouse.click(box.x + box.width - 26, box.y + box.height - 16);
  await page.waitForTimeout(200);
  const shot = join(OUT, `demo-${name}.png`);
  await page.screenshot({ path: shot });
  console.log(`${name}: ${regions.join(' | ') || 'nessun annuncio'}`);
  console.log(`  screenshot: ${shot}`);
  await page.close();
}

try {
  await show('facebook', 'https://www.facebook.com/', '[data-lexical-editor="true"]', POST);
  await show('x', 'https://x.com/', '.public-DraftEditor-content', POST);
  await show('logo', 'https://www.facebook.com/', '[data-lexical-editor="true"]', 'Che bella la festa del paese!', PICTURE);
} finally {
  await browser.close();
}
