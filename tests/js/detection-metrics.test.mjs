// The scores of tools/article-detection.mjs. The expected figures of shingleMatch and
// scoreOverPages are what the benchmark's evaluate.py prints for the same texts (worked
// out once by hand and with its functions), so that the tool's figures can be compared
// with the benchmark's published ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agreement, lookupText, scoreOverPages, sentenceKey, shareInside, shingleMatch, words,
} from '../../tools/detection-metrics.mjs';

const close = (actual, expected) => {
  assert.equal(actual.length, expected.length);
  actual.forEach((x, i) => assert.ok(Math.abs(x - expected[i]) < 1e-9, `${actual} != ${expected}`));
};

test('words are runs of word characters, punctuation and spacing ignored, accents kept', () => {
  assert.deepEqual(words('“It’s over,” said Zoë — 3.5 km.'), ['It', 's', 'over', 'said', 'Zoë', '3', '5', 'km']);
  assert.deepEqual(words(''), []);
});

test('shingle matching counts as evaluate.py does, normalised per page', () => {
  const truth = 'The port reopened on Monday after the storm, officials said.';
  // Seven of the prediction's ten 4-word shingles are true ones, none is missing.
  close(shingleMatch(truth, `Menu. ${truth} Share this`), [0.7, 0.3, 0]);
  close(shingleMatch('a b c d e', 'a b c d e'), [1, 0, 0]);
  // A text shorter than a shingle is one shorter shingle.
  close(shingleMatch('one two three', 'one two three'), [1, 0, 0]);
  close(shingleMatch('one two three', ''), [0, 0, 1]);
  close(shingleMatch('a a b', 'a b b', 1), [0.5, 0.25, 0.25]);
});

test('precision and recall are means over pages, F1 their harmonic mean', () => {
  const { precision, recall, f1 } = scoreOverPages([[0.5, 0.25, 0.25], [0, 0, 1], [1, 0, 0]]);
  // The page that predicted nothing counts for recall only.
  assert.ok(Math.abs(precision - 0.8333333333333333) < 1e-9);
  assert.ok(Math.abs(recall - 0.5555555555555556) < 1e-9);
  assert.ok(Math.abs(f1 - 0.6666666666666667) < 1e-9);
});

test('a sentence is inside when its words are a run of the text, else by its shingles', () => {
  const body = lookupText('The council met on Tuesday. “We will rebuild the bridge,” the mayor said on Tuesday night.');
  assert.equal(shareInside('"We will rebuild the bridge," the mayor said', body), 1);
  assert.equal(shareInside('Photo: the bridge', body), 0);
  // Six words, three shingles, two of them in the body.
  assert.ok(Math.abs(shareInside('the mayor said on Wednesday night', body) - 1 / 3) < 1e-9);
  // Words must be whole: "Tues" is not "Tuesday".
  assert.equal(shareInside('met on Tues', body), 0);
  assert.equal(shareInside('…', body), null);
});

test('agreement is the sentences both read over those either read', () => {
  const a = ['One two.', 'Three four.', 'Five.'].map(sentenceKey);
  const b = ['One two!', 'Five.', 'Six.'].map(sentenceKey);
  assert.equal(agreement(a, b), 2 / 4);
  assert.equal(agreement([], []), null);
  assert.equal(agreement(a, []), 0);
});
