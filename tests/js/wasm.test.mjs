// The built wasm module (pkg/, made by ./build.sh) as JavaScript sees it: the same
// file the extension ships, loaded the way a module loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const root = new URL('../../', import.meta.url);
const glue = await import(new URL('pkg/sourcelight.js', root));
glue.initSync({ module: await readFile(new URL('pkg/sourcelight_bg.wasm', root)) });

const VERDICTS = ['named', 'anonymous', 'unattributed', 'none'];

test('analyses blocks and returns JSON-compatible views', () => {
  const blocks = ['The council said the bridge will close.', 'It opened in 1931.'];
  const result = glue.analyse({ blocks, lang: 'en' });
  // A JSON round trip must not change it: Chrome serialises messages as JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  assert.equal(result.lang, 'en');
  assert.equal(result.blocks.length, 2);
  for (const [i, block] of result.blocks.entries()) {
    for (const s of block.sentences) {
      assert.ok(VERDICTS.includes(s.verdict), s.verdict);
      assert.ok(s.reason.length > 0);
      assert.ok(0 <= s.start && s.start < s.end && s.end <= blocks[i].length);
    }
  }
  assert.equal(result.profile.summary.sentences, 2);
});

test('offsets slice the JavaScript string at the sentence', () => {
  const block = 'Émilie 👩🏽‍💻 wrote the code. She said it works.';
  const [first, second] = glue.analyse({ blocks: [block] }).blocks[0].sentences;
  assert.equal(block.slice(first.start, first.end), 'Émilie 👩🏽‍💻 wrote the code.');
  assert.equal(block.slice(second.start, second.end), 'She said it works.');
  assert.equal(block.slice(second.cue.start, second.cue.end), second.cue.text);
});

test('a malformed request throws an Error with a sentence', () => {
  assert.throws(() => glue.analyse({ blocks: 'not a list' }), /malformed/);
  assert.throws(() => glue.analyse({ blocks: [], lang: 'xx' }), /unknown language/);
});

test('reports its version', () => {
  assert.match(glue.version(), /^\d+\.\d+\.\d+$/);
});
