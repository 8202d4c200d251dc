// The parts of the extension's protocol that run without a browser: how a
// long text is cut into slices for the worker, and how a report is counted,
// filtered and capped. The scripts are loaded as the extension loads them
// (classic scripts sharing `riserbo`), in a fresh context.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createContext, runInContext } from 'node:vm';

const ROOT = join(import.meta.dirname, '../..');
const context = createContext({ chrome: {} });
for (const file of ['extension/content/namespace.js', 'extension/shared/protocol.js', 'extension/shared/analysis.js']) {
  runInContext(readFileSync(join(ROOT, file), 'utf8'), context, { filename: file });
}
const { analysis } = context.riserbo;
// Values made in the script's context, compared as plain data.
const plain = value => JSON.parse(JSON.stringify(value));

const catalogue = {
  language: 'it',
  blocking: ['warning', 'critical'],
  rules: [
    { id: 'personal_data.codice_fiscale', category: 'personal_data', kind: 'codice_fiscale', severity: 'critical',
      source: '', messages: { it: 'cf', en: 'cf' }, fixes: ['mask'], validated: true },
    { id: 'personal_data.phone', category: 'personal_data', kind: 'phone', severity: 'warning', source: '',
      messages: { it: 'tel', en: 'phone' }, fixes: ['mask'], validated: false },
    { id: 'confidential.tender', category: 'confidential', kind: 'tender', severity: 'hint', source: '',
      messages: { it: 'gara', en: 'tender' }, fixes: [], validated: false },
  ],
};

test('slices cover a long text exactly, cut after a line, a sentence or a space, never inside a surrogate pair', () => {
  const text = ('Una riga di testo qualunque, con parole. '.repeat(30) + '\n').repeat(60) + '😀'.repeat(40000);
  const slices = analysis.slices(text);
  assert.ok(slices.length > 3);
  assert.equal(slices[0].start, 0);
  assert.equal(slices.at(-1).end, text.length);
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    if (i > 0) assert.equal(s.start, slices[i - 1].end);
    assert.ok(s.end - s.start <= analysis.SLICE && s.end > s.start);
    assert.ok(s.from <= s.start && s.to >= s.end && s.start - s.from <= analysis.MARGIN + 1);
    for (const at of [s.start, s.end, s.from, s.to]) {
      const code = text.charCodeAt(at);
      assert.ok(at === text.length || code < 0xdc00 || code > 0xdfff, `cut inside a pair at ${at}`);
    }
  }
  // Prose is cut after a line break.
  assert.equal(text[slices[0].end - 1], '\n');
  assert.deepEqual(plain(analysis.slices('')), [{ start: 0, end: 0, from: 0, to: 0 }]);
  assert.equal(analysis.slices('breve').length, 1);
});

test('an edit near the end of a long text leaves the earlier slices as they were', () => {
  const text = 'il signor Bianchi via Roma 12 tel 333 1234567 multa 2024 ciao '.repeat(3000);
  const before = analysis.slices(text).map(s => text.slice(s.from, s.to));
  const edited = text + 'ok';
  const after = analysis.slices(edited).map(s => edited.slice(s.from, s.to));
  assert.equal(after.length, before.length);
  assert.deepEqual(after.slice(0, -1), before.slice(0, -1));
  assert.notEqual(after.at(-1), before.at(-1));
  assert.equal(analysis.hash(before[0]), analysis.hash(after[0]));
  assert.notEqual(analysis.hash(before.at(-1)), analysis.hash(after.at(-1)));
});

test('a slice keeps the findings that start in its own range, in its window\'s offsets', () => {
  const slice = { start: 100, end: 200, from: 60, to: 240 };
  const found = [10, 39, 40, 139, 140].map(start => ({ rule: 'personal_data.phone', severity: 'warning', start, end: start + 5 }));
  const owned = analysis.owned(found, slice);
  assert.deepEqual(plain(owned.map(f => f.start)), [40, 139]);
  assert.deepEqual(plain(analysis.shift(owned, slice.from).map(f => [f.start, f.end])), [[100, 105], [199, 204]]);
});

test('a report counts every finding, shows the first ones and the first blocking ones after them, applies the employee\'s filters', () => {
  const text = 'x'.repeat(5000);
  const findings = [];
  for (let i = 0; i < 300; i++) findings.push({ rule: 'confidential.tender', severity: 'hint', start: i * 10, end: i * 10 + 5 });
  for (let i = 300; i < 310; i++) findings.push({ rule: 'personal_data.phone', severity: 'warning', start: i * 10, end: i * 10 + 5 });
  const report = analysis.summarise(text, findings, { words: [], occurrences: [] }, catalogue);
  assert.equal(report.total, 310);
  assert.deepEqual(plain(report.counts), { hint: 300, warning: 10, critical: 0 });
  assert.equal(report.findings.length, analysis.SHOWN + 4);
  assert.deepEqual(plain(report.findings.slice(analysis.SHOWN).map(f => f.start)), [3000, 3010, 3020, 3030]);
  assert.equal(report.analysed, report.length);

  const words = 'chiamate il 333 1234567 oppure RSSMRA85T10A562S';
  const two = [
    { rule: 'personal_data.phone', severity: 'warning', start: 12, end: 23 },
    { rule: 'personal_data.codice_fiscale', severity: 'critical', start: 31, end: 47 },
  ];
  // A word on the employee's list silences what it matches, except a
  // validated identifier; an occurrence ignored in the box is gone.
  const filtered = analysis.summarise(words, two, { words: ['333', 'rssmra'], occurrences: [] }, catalogue);
  assert.deepEqual(plain(filtered.findings.map(f => f.rule)), ['personal_data.codice_fiscale']);
  const ignored = analysis.summarise(words, two, { words: [], occurrences: ['personal_data.codice_fiscale|RSSMRA85T10A562S'] },
    catalogue);
  assert.deepEqual(plain(ignored.findings.map(f => f.rule)), ['personal_data.phone']);
  assert.equal(ignored.total, 1);
});
