// The pure parts of extension/article.js: the offset table lookup that turns the
// engine's UTF-16 offsets into DOM points, the diff that finds changed blocks on a
// dynamic page, and the merge of their fresh analysis into the old one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
await import(new URL('extension/article.js', root));
const { pointAt, diffBlocks, changedRuns, splitRuns, mergeAnalysis, mergeAnalysisInSlices } = globalThis.SourcelightArticle;

// A block read from `<p>He said <em>"no"</em><br>today.</p>`: three text nodes and a
// virtual space for the <br> at offset 12.
const TABLE = { starts: [0, 8, 13], lengths: [8, 4, 6] };

test('pointAt finds the node and offset inside a node', () => {
  assert.deepEqual(pointAt(TABLE, 3, 'start'), { index: 0, offset: 3 });
  assert.deepEqual(pointAt(TABLE, 9, 'start'), { index: 1, offset: 1 });
  assert.deepEqual(pointAt(TABLE, 15, 'end'), { index: 2, offset: 2 });
});

test('pointAt puts a range start on the seam into the next node, a range end into the previous', () => {
  // Offset 8 is both the end of "He said " and the start of '"no"'.
  assert.deepEqual(pointAt(TABLE, 8, 'start'), { index: 1, offset: 0 });
  assert.deepEqual(pointAt(TABLE, 8, 'end'), { index: 0, offset: 8 });
});

test('pointAt maps the virtual <br> space to the nodes around it', () => {
  // Offset 12 is the virtual space: a start goes to the next node, an end stays before it.
  assert.deepEqual(pointAt(TABLE, 12, 'start'), { index: 2, offset: 0 });
  assert.deepEqual(pointAt(TABLE, 12, 'end'), { index: 1, offset: 4 });
  assert.deepEqual(pointAt(TABLE, 13, 'end'), { index: 1, offset: 4 });
});

test('pointAt clamps offsets past the end and handles an empty table', () => {
  assert.deepEqual(pointAt(TABLE, 19, 'end'), { index: 2, offset: 6 });
  assert.deepEqual(pointAt(TABLE, 40, 'start'), { index: 2, offset: 6 });
  assert.deepEqual(pointAt(TABLE, 0, 'start'), { index: 0, offset: 0 });
  assert.equal(pointAt({ starts: [], lengths: [] }, 0, 'start'), null);
});

test('pointAt agrees with a linear scan on a long table (binary search)', () => {
  const starts = [];
  const lengths = [];
  let at = 0;
  for (let i = 0; i < 500; i++) {
    starts.push(at);
    lengths.push(1 + (i % 7));
    at += 1 + (i % 7) + (i % 5 === 0 ? 1 : 0); // some virtual gaps
  }
  for (let offset = 0; offset < at; offset += 3) {
    let expected = 0;
    for (let i = 0; i < starts.length; i++) if (starts[i] <= offset) expected = i;
    const inside = offset < starts[expected] + lengths[expected];
    const point = pointAt({ starts, lengths }, offset, 'start');
    if (inside) assert.deepEqual(point, { index: expected, offset: offset - starts[expected] });
    else assert.equal(point.offset, 0, `a start in a gap goes to the next node (offset ${offset})`);
  }
});

const el = (name) => ({ name });

test('diffBlocks keeps unchanged blocks, even when the page replaced their element', () => {
  const a = el('a');
  const b = el('b');
  const c = el('c');
  const before = [{ el: a, text: 'One.' }, { el: b, text: 'Two.' }, { el: c, text: 'Three.' }];
  const after = [{ el: a, text: 'One.' }, { el: el('b2'), text: 'Two.' }, { el: c, text: 'Three, changed.' }, { el: el('d'), text: 'Four.' }];
  const { previous, changed } = diffBlocks(before, after);
  assert.deepEqual(previous, [0, 1, null, null]);
  assert.deepEqual(changed, [2, 3]);
});

test('diffBlocks matches repeated texts one to one', () => {
  const x = el('x');
  const y = el('y');
  const before = [{ el: x, text: 'Same.' }];
  const after = [{ el: y, text: 'Same.' }, { el: x, text: 'Same.' }];
  const { previous, changed } = diffBlocks(before, after);
  assert.deepEqual(previous, [null, 0], 'the block with the same element keeps the old analysis');
  assert.deepEqual(changed, [0]);
});

test('changedRuns groups neighbours and gives each run the block before it as context', () => {
  assert.deepEqual(changedRuns([0, 1, 4, 6, 7]), [
    { context: null, blocks: [0, 1] },
    { context: 3, blocks: [4] },
    { context: 5, blocks: [6, 7] },
  ]);
  assert.deepEqual(changedRuns([]), []);
});

test('splitRuns keeps pieces under the size, each with the block before it as context', () => {
  const texts = ['aaaa', 'bbbb', 'cccc', 'dddddddddddd', 'ee', 'ff'];
  assert.deepEqual(splitRuns([{ context: null, blocks: [0, 1, 2, 3, 4, 5] }], texts, 8), [
    { context: null, blocks: [0, 1] },
    { context: 1, blocks: [2] },
    { context: 2, blocks: [3] }, // longer than the limit alone: a piece of its own
    { context: 3, blocks: [4, 5] },
  ]);
  assert.deepEqual(splitRuns([{ context: 4, blocks: [5] }], texts, 8), [{ context: 4, blocks: [5] }]);
});

// Analysis-shaped values, as the wasm returns them.
function sentence(id, verdict, extra = {}) {
  return { id, start: 0, end: 4, verdict, hedged: false, quote: false, reason: 'r', source: null, cue: null, ...extra };
}

test('mergeAnalysis renumbers ids in reading order and remaps blocks and profile lists', () => {
  const old = {
    lang: 'en',
    blocks: [
      { sentences: [sentence(0, 'named', { source: { text: 'Ana Ruiz', block: 0, start: 0, end: 8, kind: 'person', name: 'Ana Ruiz' } })] },
      { sentences: [sentence(1, 'unattributed')] },
      { sentences: [sentence(2, 'named', { source: { text: 'she', block: 2, start: 0, end: 3, kind: 'person', name: 'Ana Ruiz' } })] },
    ],
    profile: {
      summary: { sentences: 3, named: 2, anonymous: 0, unattributed: 1, none: 0, hedged: 0 },
      sources: [{ name: 'Ana Ruiz', kind: 'person', sentences: [0, 2] }],
      anonymous_phrases: [],
      unattributed: [1],
      hedged: [],
    },
  };
  // The page inserted a block after the first one and changed the second.
  const previous = [0, null, null, 2];
  const run = { context: 0, blocks: [1, 2] };
  const fresh = {
    lang: 'en',
    blocks: [
      { sentences: [sentence(0, 'named', { source: { text: 'Ana Ruiz', block: 0, start: 0, end: 8, kind: 'person', name: 'Ana Ruiz' } })] },
      { sentences: [sentence(1, 'anonymous', { hedged: true, source: { text: 'officials', block: 1, start: 0, end: 9, kind: 'vague_group', name: null } })] },
      { sentences: [sentence(2, 'named', { source: { text: 'she', block: 0, start: 0, end: 3, kind: 'person', name: 'Ana Ruiz' } }), sentence(3, 'unattributed')] },
    ],
    profile: {
      summary: { sentences: 4, named: 2, anonymous: 1, unattributed: 1, none: 0, hedged: 1 },
      sources: [{ name: 'Ana Ruiz', kind: 'person', sentences: [0, 2] }],
      anonymous_phrases: [{ name: 'officials', kind: 'vague_group', sentences: [1] }],
      unattributed: [3],
      hedged: [1],
    },
  };
  const merged = mergeAnalysis(old, previous, [{ run, analysis: fresh }]);

  const ids = merged.blocks.flatMap((b) => b.sentences.map((s) => s.id));
  assert.deepEqual(ids, [0, 1, 2, 3, 4]);
  assert.deepEqual(merged.blocks.map((b) => b.sentences.map((s) => s.verdict)),
    [['named'], ['anonymous'], ['named', 'unattributed'], ['named']]);
  // Source blocks now index the new reading: the context block 0 stays 0, the run's
  // block 1 is the article's block 1, the old block 2 moved to 3.
  assert.equal(merged.blocks[1].sentences[0].source.block, 1);
  assert.equal(merged.blocks[2].sentences[0].source.block, 0);
  assert.equal(merged.blocks[3].sentences[0].source.block, 3);
  assert.deepEqual(merged.profile.summary, { sentences: 5, named: 3, anonymous: 1, unattributed: 1, none: 0, hedged: 1 });
  assert.deepEqual(merged.profile.sources, [{ name: 'Ana Ruiz', kind: 'person', sentences: [0, 2, 4] }]);
  assert.deepEqual(merged.profile.anonymous_phrases, [{ name: 'officials', kind: 'vague_group', sentences: [1] }]);
  assert.deepEqual(merged.profile.unattributed, [3]);
  assert.deepEqual(merged.profile.hedged, [1]);
  assert.deepEqual(JSON.parse(JSON.stringify(merged)), merged, 'stays JSON-compatible for messages');
});

test('mergeAnalysis drops sentences of removed blocks from every list', () => {
  const old = {
    lang: 'en',
    blocks: [{ sentences: [sentence(0, 'unattributed')] }, { sentences: [sentence(1, 'unattributed')] }],
    profile: { summary: { sentences: 2, named: 0, anonymous: 0, unattributed: 2, none: 0, hedged: 0 },
      sources: [], anonymous_phrases: [], unattributed: [0, 1], hedged: [] },
  };
  const merged = mergeAnalysis(old, [1], []);
  assert.equal(merged.blocks.length, 1);
  assert.deepEqual(merged.profile.unattributed, [0]);
  assert.equal(merged.profile.summary.sentences, 1);
});

// A big article in pieces, as the content script merges the replies for one: the version
// that yields to the page gives exactly the same analysis, and stops when a newer reading
// aborts it.
function bigPieces(blockCount) {
  const runs = [];
  for (let first = 0; first < blockCount; first += 100) {
    const blocks = [];
    for (let b = first; b < Math.min(first + 100, blockCount); b++) blocks.push(b);
    runs.push({ context: first > 0 ? first - 1 : null, blocks });
  }
  return runs.map((run) => {
    const indices = run.context === null ? run.blocks : [run.context, ...run.blocks];
    let id = 0;
    const blocks = indices.map((b) => ({
      sentences: [sentence(id++, 'named', { source: { text: 'Ana Silva', block: 0, start: 0, end: 4, kind: 'person', name: 'Ana Silva' } }),
        sentence(id++, b % 3 ? 'unattributed' : 'anonymous', { hedged: b % 5 === 0 })],
    }));
    const ids = (verdict) => blocks.flatMap((block) => block.sentences.filter((x) => x.verdict === verdict).map((x) => x.id));
    const profile = {
      summary: { sentences: id, named: 0, anonymous: 0, unattributed: 0, none: 0, hedged: 0 },
      sources: [{ name: 'Ana Silva', kind: 'person', sentences: ids('named') }],
      anonymous_phrases: [{ name: 'officials', kind: 'anonymous', sentences: ids('anonymous') }],
      unattributed: ids('unattributed'),
      hedged: blocks.flatMap((block) => block.sentences.filter((x) => x.hedged).map((x) => x.id)),
    };
    return { run, analysis: { lang: 'en', blocks, profile } };
  });
}

test('mergeAnalysisInSlices gives what mergeAnalysis gives, and stops when aborted', async () => {
  const count = 20000;
  const fresh = bigPieces(count);
  const nothing = { lang: 'auto', blocks: [], profile: null };
  const previous = new Array(count).fill(null);
  const whole = mergeAnalysis(nothing, previous, fresh);
  assert.equal(whole.profile.summary.sentences, 2 * count);
  assert.deepEqual(await mergeAnalysisInSlices(nothing, previous, fresh, { aborted: false }), whole);
  const signal = { aborted: false };
  const merging = mergeAnalysisInSlices(nothing, previous, fresh, signal);
  signal.aborted = true;
  assert.equal(await merging, null);
});

// With the real engine: analysing the changed blocks (with their context) and merging
// gives what analysing the whole article gives, for blocks that stand on their own.
const pkg = new URL('pkg/sourcelight.js', root);
test('mergeAnalysis of partial analyses equals a full analysis (real wasm)', { skip: !existsSync(pkg) && 'pkg/ not built: run ./build.sh' }, async () => {
  const glue = await import(pkg);
  glue.initSync({ module: await readFile(new URL('pkg/sourcelight_bg.wasm', root)) });
  const analyse = (blocks) => glue.analyse({ blocks, lang: 'en' });
  const before = [
    'The ferry to Oster Isle will stop running in May, the island council said on Friday.',
    'Ticket sales fell by a third last year.',
    'Critics say the decision was taken in secret.',
  ];
  const after = [
    before[0],
    'The harbour master, Tomas Brenn, said the pier needs repairs.',
    before[1],
    'People close to the operator said it had lost money for years.',
    before[2],
  ];
  const oldBlocks = before.map((text, i) => ({ el: i, text }));
  const newBlocks = after.map((text) => ({ el: oldBlocks.find((b) => b.text === text)?.el ?? text, text }));
  const { previous, changed } = diffBlocks(oldBlocks, newBlocks);
  assert.deepEqual(changed, [1, 3]);
  const fresh = changedRuns(changed).map((run) => {
    const indices = run.context === null ? run.blocks : [run.context, ...run.blocks];
    return { run, analysis: analyse(indices.map((i) => after[i])) };
  });
  const merged = mergeAnalysis(analyse(before), previous, fresh);
  const full = analyse(after);
  assert.deepEqual(merged.blocks, full.blocks);
  assert.deepEqual(merged.profile, full.profile);
});

// The rules that keep the article's furniture out (headings, captions and credits, bylines
// and datelines, links, labels, calls to action), on the table the command-line tool runs
// too (src/cli/extract/prose.rs), so that both read the same sentences of a page.
test('classify gives every block of the shared table its kind', async () => {
  const table = JSON.parse(await readFile(new URL('tests/fixtures/prose-kinds.json', root), 'utf8'));
  const { classify } = globalThis.SourcelightArticle;
  for (const { text, tally = {}, kind } of table.cases) {
    const block = {
      text, chars: text.replace(/\s+/g, ' ').trim().length,
      linkChars: tally.link ?? 0, bold: tally.bold ?? 0, heading: tally.heading ?? 0, caption: tally.caption ?? 0, meta: tally.meta ?? 0,
    };
    assert.equal(classify(block), kind, text);
  }
});
