// Bundles the test pages (real Draft.js, Lexical, Quill, Polymer, Lit and
// React editors from npm, pinned in package.json) into tests/pages/dist/,
// served by the browser tests at the real sites' names.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// One page per site, each at src/NAME.js(x) and NAME.html; the harness
// serves them at the sites' host names.
const PAGES = ['x', 'facebook', 'linkedin', 'instagram', 'threads', 'whatsapp', 'messenger', 'telegram', 'telegram-a',
  'youtube', 'reddit', 'mastodon'];
const JSX = new Set(['x', 'mastodon']);
const out = join(here, 'dist');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: Object.fromEntries(PAGES.map(name => [name, join(here, 'src', name + (JSX.has(name) ? '.jsx' : '.js'))])),
  bundle: true,
  outdir: out,
  format: 'iife',
  target: 'es2022',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  minify: true,
  logLevel: 'warning',
});
for (const f of [...PAGES.map(name => name + '.html'), 'pages.css']) copyFileSync(join(here, f), join(out, f));
// Draft.js and Quill need their own stylesheets to lay out placeholders and blocks.
copyFileSync(join(here, '../../node_modules/draft-js/dist/Draft.css'), join(out, 'Draft.css'));
copyFileSync(join(here, '../../node_modules/quill/dist/quill.core.css'), join(out, 'quill.core.css'));
