// The exported report (extension/report.js): the JSON's offsets are UTF-8 bytes into its
// own text whatever the characters (the extension counts UTF-16 units within a block), a
// source in another block is placed in that block, and page text is escaped in Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';

await import(new URL('../../extension/report.js', import.meta.url));
const { toJson, toMarkdown, fileName, escape } = globalThis.SOURCELIGHT_REPORT;

const blocks = [
  { text: 'Zoë’s café closes', sentences: [{ id: 0, start: 0, end: 17, verdict: 'none', hedged: false, quote: false, source: null, cue: null, reason: 'The headline is not a claim.' }] },
  {
    text: '“It is over 🚲,” said Zoë Ørsted. The *café* shut on [Monday].',
    sentences: [
      { id: 1, start: 0, end: 33, verdict: 'named', hedged: false, quote: true, source: { text: 'Zoë Ørsted', block: 1, start: 22, end: 32, kind: 'person', name: 'Zoë Ørsted' }, cue: { text: 'said', start: 17, end: 21 }, reason: 'Attributed.' },
      { id: 2, start: 34, end: 63, verdict: 'unattributed', hedged: true, quote: false, source: null, cue: null, reason: 'No source.' },
    ],
  },
  { text: 'She added it would reopen.', sentences: [{ id: 3, start: 0, end: 26, verdict: 'named', hedged: false, quote: false, source: { text: 'Zoë Ørsted', block: 1, start: 22, end: 32, kind: 'person', name: 'Zoë Ørsted' }, cue: { text: 'added', start: 4, end: 9 }, reason: 'Carried over.' }] },
];
const report = {
  title: 'Zoë’s café closes', url: 'https://news.example/cafe', published: null, lang: 'en', date: '2026-12-07T10:00:00.000Z', version: '0.1.0', blocks,
  profile: {
    summary: { sentences: 4, named: 2, anonymous: 0, unattributed: 1, none: 1, hedged: 1 },
    sources: [{ name: 'Zoë Ørsted', kind: 'person', sentences: [1, 3] }], anonymous_phrases: [], unattributed: [2], hedged: [2],
  },
};
const bytes = (text, start, end) => Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');

test('JSON offsets are UTF-8 bytes into input.text, for sentences, sources and cues', () => {
  const json = toJson(report);
  assert.equal(json.input.text, blocks.map((b) => b.text).join('\n\n'));
  assert.equal(json.sentences.length, 4);
  for (const s of json.sentences) {
    assert.equal(bytes(json.input.text, s.start, s.end), s.text);
    for (const part of [s.source, s.cue].filter(Boolean)) assert.equal(bytes(json.input.text, part.start, part.end), part.text);
  }
  assert.equal(json.sentences[1].text, '“It is over 🚲,” said Zoë Ørsted.');
  assert.equal(json.sentences[3].source.text, 'Zoë Ørsted', 'a source in another block is placed there');
  assert.equal(json.sentences[3].paragraph, 2);
  assert.deepEqual(json.sources, [{ name: 'Zoë Ørsted', kind: 'person', sentences: 2 }]);
  assert.deepEqual(Object.keys(json).slice(0, 6), ['lang', 'input', 'sentences', 'sources', 'anonymous_phrases', 'summary']);
});

test('Markdown lists every flagged sentence with its source and cue, page text escaped', () => {
  const t = (key, ...subs) => `${key}${subs.length ? `(${subs.join(',')})` : ''}`;
  const markdown = toMarkdown(report, t, { percent: (x) => `${Math.round(x * 100)} %`, number: String });
  assert.ok(markdown.startsWith('# popupReportTitle(Zoë’s café closes)\n'));
  assert.match(markdown, /^1\. \*\*verdictShortNamed\*\*: “It is over 🚲,” said Zoë Ørsted\.$/m);
  assert.match(markdown, /^2\. \*\*verdictShortUnattributed\*\* · \*popupReportHedgedOne\*: The \\\*café\\\* shut on \\\[Monday\\\]\.$/m);
  assert.match(markdown, /^ {3}- popupReportSource: Zoë Ørsted \(kindPerson\)$/m);
  assert.match(markdown, /^ {3}- popupReportCue: added$/m);
  assert.ok(!markdown.includes('Zoë’s café closes\n\n'), 'the headline (none) is no flagged sentence');
});

test('escape keeps markup and links inert; file names are safe', () => {
  assert.equal(escape('<img src=x> [a](b) *x* _y_ `z` |t|'), '\\<img src=x\\> \\[a\\](b) \\*x\\* \\_y\\_ \\`z\\` \\|t\\|');
  assert.equal(escape('two\nlines'), 'two lines');
  assert.equal(fileName(report, 'json'), 'sourcelight-news.example-2026-12-07.json');
  assert.equal(fileName({ ...report, url: 'not a url' }, 'md'), 'sourcelight-page-2026-12-07.md');
});
