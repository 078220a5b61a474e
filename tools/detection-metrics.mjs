// The scores of tools/article-detection.mjs, kept apart so that node tests can check them
// (tests/js/detection-metrics.test.mjs) without a browser or the benchmark's pages.
//
// Words are what the benchmark's own evaluate.py calls tokens: runs of Unicode word
// characters (`\w+` in Python), case kept, punctuation and spacing ignored. So a sentence
// "is inside the article" when its words, in order, are a run of the article body's words,
// whatever quotation marks, dashes or line breaks either side uses.

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

/** The words of a text, as evaluate.py's `_tokenize` finds them. */
export function words(text) {
  return String(text ?? '').match(WORD) ?? [];
}

/** The n-word shingles of a list of words, counted (evaluate.py's `_all_shingles`). */
function shingles(tokens, n) {
  const counts = new Map();
  // Like evaluate.py: a text shorter than n words is one shorter shingle, an empty one none.
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n);
    if (!shingle.length) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * True positives, false positives and false negatives of a predicted text against the
 * true one over n-word shingles, normalised to sum to 1 as evaluate.py does (so that long
 * articles weigh no more than short ones). n = 4 is the benchmark's measure; n = 1 is a
 * bag of words.
 * @returns {[number, number, number]}
 */
export function shingleMatch(trueText, predText, n = 4) {
  const truth = shingles(words(trueText), n);
  const pred = shingles(words(predText), n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...pred.keys()])) {
    const t = truth.get(key) ?? 0;
    const p = pred.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [tp, fp, fn];
}

function precisionOf([tp, fp, fn]) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf([tp, fp, fn]) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/**
 * Precision, recall and F1 over pages, as evaluate.py's `metrics_from_tp_fp_fns`:
 * precision is the mean over pages that predicted something, recall the mean over pages
 * whose truth holds something, F1 the harmonic mean of the two means.
 * @param {[number, number, number][]} perPage
 */
export function scoreOverPages(perPage) {
  const precision = mean(perPage.filter(([tp, fp]) => tp + fp > 0).map(precisionOf));
  const recall = mean(perPage.filter(([tp, , fn]) => tp + fn > 0).map(recallOf));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

/**
 * A text to look sentences up in: its words joined by single spaces, with a space at each
 * end, and its 4-word shingles.
 */
export function lookupText(text) {
  const tokens = words(text);
  return { joined: ` ${tokens.join(' ')} `, shingles: shingles(tokens, 4) };
}

/**
 * How much of a sentence lies in a text (a lookupText): 1 when its words, in order, are a
 * run of the text's words; else the share of its 4-word shingles found there (0 for a
 * sentence of fewer than 4 words that is not found whole); null for a sentence with no
 * words at all (only punctuation), which counts for nothing either way.
 */
export function shareInside(sentence, text) {
  const tokens = words(sentence);
  if (!tokens.length) return null;
  if (text.joined.includes(` ${tokens.join(' ')} `)) return 1;
  if (tokens.length < 4) return 0;
  const own = shingles(tokens, 4);
  let found = 0;
  let total = 0;
  for (const [key, count] of own) {
    total += count;
    found += Math.min(count, text.shingles.get(key) ?? 0);
  }
  return total ? found / total : 0;
}

/** A sentence's key for comparing two readings: its words, joined. */
export function sentenceKey(sentence) {
  return words(sentence).join(' ');
}

/**
 * How far two readings of a page agree on which sentences are the article: the sentences
 * both read over those either read (by key, each counted once); null when neither read any.
 */
export function agreement(keysA, keysB) {
  const a = new Set(keysA.filter(Boolean));
  const b = new Set(keysB.filter(Boolean));
  if (!a.size && !b.size) return null;
  let both = 0;
  for (const key of a) if (b.has(key)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * How a text (a lookupText) meets a page's expected strings, as trafilatura's tests give
 * them: of the strings that must be in the extraction, how many are (`present`); of those
 * that must not, how many are not (`absent`). A string is in the text when its words, in
 * order, are a run of the text's words; a string with no words counts for nothing.
 * @param {{must?: string[], mustNot?: string[]}} expect
 */
export function expectedStrings({ must = [], mustNot = [] }, text) {
  const inText = (strings) => strings.map((s) => shareInside(s, text)).filter((share) => share !== null).map((share) => share === 1);
  const mustFound = inText(must);
  const mustNotFound = inText(mustNot);
  return {
    must: mustFound.length, present: mustFound.filter(Boolean).length,
    mustNot: mustNotFound.length, absent: mustNotFound.filter((found) => !found).length,
  };
}
