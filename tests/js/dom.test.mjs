// The popup's text helpers (extension/dom.js) on their own: list entries are shortened
// at a word boundary and never split a character in two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

function loadDom() {
  const scope = { chrome: { i18n: { getMessage: () => '' } } };
  scope.globalThis = scope;
  runInNewContext(readFileSync(new URL('../../extension/dom.js', import.meta.url), 'utf8'), scope);
  return scope.SOURCELIGHT_DOM;
}

const { shorten } = loadDom();

test('short sentences are shown whole, with their spaces tidied', () => {
  assert.equal(shorten('  The bridge   stays shut.\n'), 'The bridge stays shut.');
});

test('long sentences are cut at a word boundary and marked with an ellipsis', () => {
  const sentence = 'The council said on Monday that the swing bridge linking the old town to the harbour will remain closed until October.';
  const shown = shorten(sentence);
  assert.ok(shown.length <= 91, shown);
  assert.ok(shown.endsWith('…'));
  assert.ok(sentence.startsWith(shown.slice(0, -1)), 'a prefix of the sentence');
  assert.match(shown, / the harbour will…$/, 'whole words only');
});

test('an astral character at the cut is dropped, not halved', () => {
  const shown = shorten(`${'a'.repeat(89)}😀${' word'.repeat(10)}`);
  assert.doesNotMatch(shown, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  assert.ok(shown.endsWith('…'));
});
