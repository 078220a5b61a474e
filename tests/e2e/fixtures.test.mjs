// The fixture pages and their expected sourcing agree with each other: every expected
// sentence and every "outside" text is really on its page (or in the page's own script,
// for text that arrives later), so a browser test that fails points at the extension,
// not at a typo in the data. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { loadExpected, PAGES_DIR } from './harness/expected.mjs';

const VERDICTS = new Set(['named', 'anonymous', 'unattributed', 'none']);

function visibleText(html) {
  const decoded = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return decoded.replace(/\s+/g, ' ');
}

const pages = readdirSync(PAGES_DIR).filter((f) => f.endsWith('.expected.json'));

test('there are fixture pages with expected sourcing', () => {
  assert.ok(pages.length >= 12, `only ${pages.length} expected files`);
});

for (const file of pages) {
  const name = file.replace('.expected.json', '');
  test(`${name}: the expected sourcing matches the page`, () => {
    const expected = loadExpected(name);
    assert.equal(expected.page, `${name}.html`);
    const html = readFileSync(`${PAGES_DIR}${name}.html`, 'utf8');
    const text = visibleText(html);
    const scriptFile = `${PAGES_DIR}${name}.js`;
    const script = existsSync(scriptFile) ? readFileSync(scriptFile, 'utf8') : '';
    for (const sentence of expected.sentences) {
      assert.ok(VERDICTS.has(sentence.verdict), `bad verdict ${sentence.verdict}`);
      const where = sentence.phase && sentence.phase !== 'initial' ? script : text;
      assert.ok(where.includes(sentence.text), `not on the page: "${sentence.text}"`);
    }
    for (const outside of expected.outside) {
      assert.ok(text.includes(outside), `outside text not on the page: "${outside}"`);
    }
    for (const furniture of expected.furniture) {
      assert.ok(text.includes(furniture), `furniture not on the page: "${furniture}"`);
    }
    const texts = new Set(expected.sentences.map((s) => s.text));
    for (const gap of expected.engineGaps) {
      assert.ok(texts.has(gap.text), `engine gap names no expected sentence: "${gap.text}"`);
      assert.ok(gap.why, `engine gap without a reason: "${gap.text}"`);
    }
    if (expected.article === false) {
      assert.equal(expected.sentences.length, 0);
    } else {
      const claims = expected.sentences.filter((s) => s.verdict !== 'none');
      assert.ok(claims.length >= 8, `${name} has only ${claims.length} claims`);
      for (const verdict of ['named', 'unattributed']) {
        assert.ok(claims.some((s) => s.verdict === verdict), `${name} has no ${verdict} sentence`);
      }
    }
  });
}
