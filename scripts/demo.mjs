// The main job, run by scripts/demo.sh: the built extension, with the
// built-in default policy, in headless Chromium on the Facebook-like and
// X-like pages; types a post, opens Riserbo's card and leaves screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, liveRegions, start } from '../tests/browser/harness.mjs';

const OUT = join(ROOT, 'tests/artifacts');
mkdirSync(OUT, { recursive: true });
const POST = 'Oggi allo sportello è passato quel signore, il suo codice fiscale è RSSMRA85T10A562S: ' +
  'ditegli di portare i documenti!';

const browser = await start();
try {
  for (const [name, url, selector] of [
    ['facebook', 'https://www.facebook.com/', '[data-lexical-editor="true"]'],
    ['x', 'https://x.com/', '.public-DraftEditor-content'],
  ]) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const editor = page.locator(selector).first();
    await editor.click();
    await page.keyboard.type(POST);
    let regions = [];
    for (let i = 0; i < 50 && !regions.some(r => /segnalazion/.test(r)); i++) {
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

  // A picture with the demo Comune's coat of arms attached to a post.
  const page = await browser.context.newPage();
  await page.goto('https://www.facebook.com/');
  const editor = page.locator('[data-lexical-editor="true"]').first();
  await editor.click();
  await page.keyboard.type('Che bella la festa del paese!');
  await page.setInputFiles('[data-testid="fbFileInput"]', join(ROOT, 'target/demo-pictures/00004.jpg'));
  let regions = [];
  for (let i = 0; i < 50 && !regions.some(r => /logo/.test(r)); i++) {
    await page.waitForTimeout(100);
    regions = await liveRegions(page);
  }
  const box = await editor.boundingBox();
  await page.mouse.click(box.x + box.width - 26, box.y + box.height - 16);
  await page.waitForTimeout(200);
  const shot = join(OUT, 'demo-logo.png');
  await page.screenshot({ path: shot });
  console.log(`picture: ${regions.join(' | ') || 'nessun annuncio'}`);
  console.log(`  screenshot: ${shot}`);
  await page.close();
} finally {
  await browser.close();
}
