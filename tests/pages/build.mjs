// Bundles the test pages (real Draft.js and Lexical editors from npm) into
// tests/pages/dist/, served by the browser tests at the real sites' names.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { x: join(here, 'src/x.jsx'), facebook: join(here, 'src/facebook.js') },
  bundle: true,
  outdir: out,
  format: 'iife',
  target: 'es2022',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  minify: true,
  logLevel: 'warning',
});
for (const f of ['x.html', 'facebook.html', 'pages.css']) copyFileSync(join(here, f), join(out, f));
// Draft.js needs its own stylesheet to lay out the placeholder and blocks.
copyFileSync(join(here, '../../node_modules/draft-js/dist/Draft.css'), join(out, 'Draft.css'));
