// The extension's engine on the OCR corpus: tesseract-wasm with the shipped
// Italian model (extension/ocr/engine.js) and the wasm core's
// analyzeImageText, in Node, on pictures shrunk as read.js shrinks them
// (at most 2.8 MP) and grayed. A cross-check of tests/ocr/evaluate.py,
// which measures the CLI; not in the test command (slower).
//   .venv/bin/python tests/ocr/gray.py CORPUS OUT && node tests/ocr/evaluate-wasm.mjs CORPUS OUT [EVERY]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start, read } from '../../extension/ocr/engine.js';
import { Analyzer, initSync } from '../../extension/core/riserbo_wasm.js';

const [corpus, gray, every = '1'] = process.argv.slice(2);
const root = new URL('../../', import.meta.url);
initSync({ module: await readFile(new URL('extension/core/riserbo_wasm_bg.wasm', root)) });
const analyzer = new Analyzer(JSON.stringify({ logoFingerprints: [] }));
const load = name => readFile(new URL('extension/ocr/vendor/' + name, root)).then(b => b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
const engine = await start(load);
const RULES = { codice_fiscale: 'personal_data.codice_fiscale', iban: 'personal_data.iban', phone: 'personal_data.phone' };
const norm = s => s.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/I/g, '1');
const labels = (await readFile(join(corpus, 'labels.jsonl'), 'utf8')).trim().split('\n').map(l => JSON.parse(l))
  .filter((_, i) => i % Number(every) === 0);
let total = 0, hit = 0, clean = 0, warned = 0;
const times = [];
for (const label of labels) {
  const [width, height] = (await readFile(join(gray, label.file + '.size'), 'utf8')).trim().split(' ').map(Number);
  const luma = new Uint8Array(await readFile(join(gray, label.file + '.gray')));
  const t0 = performance.now();
  const { text, findings } = analyzer.analyzeImageText(read(engine, width, height, luma));
  times.push(performance.now() - t0);
  const shown = findings.map(f => ({ ...f, text: text.slice(f.start, f.end) }));
  if (label.kind === 'clean') {
    clean++;
    if (shown.some(f => f.severity !== 'hint')) warned++;
    continue;
  }
  for (const id of label.ids.filter(i => i.px >= 14)) {
    total++;
    const want = norm(id.value);
    if (shown.some(f => f.rule === RULES[id.type] && (norm(f.text) === want ||
      (id.type === 'phone' && want.endsWith(norm(f.text)) && norm(f.text).length >= want.length - 2)))) hit++;
  }
}
times.sort((a, b) => a - b);
console.log(`extension engine (Node), ${labels.length} pictures: identifiers >= 14 px ${hit}/${total} ` +
  `(${(100 * hit / total).toFixed(1)}%), clean with a warning ${warned}/${clean}; ` +
  `median ${times[times.length >> 1].toFixed(0)} ms per picture`);
