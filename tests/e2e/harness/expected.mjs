// The fixture pages' expected sourcing, and the comparison of it with what the reader
// sees highlighted.
//
// Each page `pages/<name>.html` has `pages/<name>.expected.json`, written by a careful
// reader from the text (verdict-rules.md), not from the engine's output:
//   sentences:  [{text, verdict, phase?}] every sentence of the article's prose in
//               reading order, whitespace collapsed; `phase` on pages that change after load.
//   furniture:  the article's own texts that are not its prose (headline, standfirst,
//               subheadings, byline, dateline and times, captions and credits, "Read also"
//               links): never read and never highlighted (issue 16).
//   outside:    texts outside the article (navigation, sidebars, comments, banners,
//               editable areas, hidden text) that must never be highlighted.
//   engineGaps: [{text, engine, why}] sentences where the engine, at the time of
//               writing, disagrees with the careful reader. The expected verdict stays
//               the reader's; the comparison reports these apart instead of failing, and
//               says when a gap is closed so the entry can be removed.
//   article:    false for a page that holds no article (nothing may be highlighted).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = fileURLToPath(new URL('../pages/', import.meta.url));
export const PAINTABLE = ['named', 'anonymous', 'unattributed'];
const HIGHLIGHT = (verdict) => `sourcelight-${verdict}`;

/** Reads `pages/<page>.expected.json` (`page` with or without `.html`). */
export function loadExpected(page) {
  const name = page.replace(/\.html$/, '');
  const data = JSON.parse(readFileSync(`${PAGES_DIR}${name}.expected.json`, 'utf8'));
  data.engineGaps ??= [];
  data.outside ??= [];
  data.furniture ??= [];
  data.sentences ??= [];
  return data;
}

/**
 * Compares highlights (`{name: [text]}`, from `browser.highlights()`) with a page's
 * expected sourcing.
 *
 * @param {object} expected  from loadExpected
 * @param {{[name: string]: string[]}} seen
 * @param {{painted?: string[], phases?: string[]}} [options] `painted`: the verdicts that
 *   have a highlight now (the extension paints named sentences subtly even when the
 *   reader's `painted` setting leaves them out); `phases`: which phases' sentences are
 *   on the page (default: those without a phase and 'initial').
 * @returns {{mismatches: string[], gaps: string[], gapsClosed: string[], checked: number}}
 *   `mismatches` are failures; `gaps` known engine gaps still open; `gapsClosed` gaps
 *   the engine now gets right.
 */
export function compareHighlights(expected, seen, { painted = PAINTABLE, phases = ['initial'] } = {}) {
  const mismatches = [];
  const gaps = [];
  const gapsClosed = [];
  const present = expected.sentences.filter((s) => !s.phase || phases.includes(s.phase));
  const absent = expected.sentences.filter((s) => s.phase && !phases.includes(s.phase));
  // Only the verdict highlights: the finer ones (source, cue, flash) mark parts of them.
  const verdictNames = new Set(PAINTABLE.map(HIGHLIGHT));
  const allSeen = Object.entries(seen)
    .filter(([name]) => verdictNames.has(name))
    .flatMap(([name, texts]) => texts.map((text) => ({ name, text })));

  let checked = 0;
  for (const sentence of present) {
    const want = sentence.verdict !== 'none' && painted.includes(sentence.verdict) ? [HIGHLIGHT(sentence.verdict)] : [];
    const exact = allSeen.filter((h) => h.text === sentence.text).map((h) => h.name);
    // A 'none' sentence (or an unpainted verdict) must not be inside any highlight either.
    const inside = want.length === 0 ? allSeen.filter((h) => h.text.includes(sentence.text)).map((h) => h.name) : exact;
    const right = same(inside, want);
    const gap = expected.engineGaps.find((g) => g.text === sentence.text);
    const describe = `"${sentence.text}" (${sentence.verdict}): expected ${want.join(', ') || 'no highlight'}, seen ${inside.join(', ') || 'no highlight'}`;
    if (gap) {
      (right ? gapsClosed : gaps).push(describe);
      continue;
    }
    checked += 1;
    if (!right) mismatches.push(describe);
  }

  const gapTexts = new Set(expected.engineGaps.map((g) => g.text));
  const known = new Set(present.map((s) => s.text));
  for (const { name, text } of allSeen) {
    for (const outside of expected.outside) {
      if (text.includes(outside) || outside.includes(text)) {
        mismatches.push(`"${text}" is highlighted (${name}) but lies outside the article`);
      }
    }
    for (const furniture of expected.furniture) {
      if (text.includes(furniture) || furniture.includes(text)) {
        mismatches.push(`"${text}" is highlighted (${name}) but is the article's furniture, not its prose`);
      }
    }
    for (const gone of absent) {
      if (text.includes(gone.text)) mismatches.push(`"${text}" is highlighted (${name}) but is not on the page now`);
    }
    if (!known.has(text) && ![...gapTexts].some((g) => g.includes(text) || text.includes(g))) {
      const covers = present.some((s) => text.includes(s.text) || s.text.includes(text));
      const elsewhere = [...expected.outside, ...expected.furniture].some((o) => text.includes(o) || o.includes(text));
      if (!covers && !elsewhere) {
        mismatches.push(`"${text}" is highlighted (${name}) but is no sentence of the article`);
      } else if (covers) {
        mismatches.push(`"${text}" is highlighted (${name}) but its sentence boundaries differ from the expected ones`);
      }
    }
  }
  return { mismatches, gaps, gapsClosed, checked };
}

function same(a, b) {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/**
 * Compares highlights with the extension's own analysis (a GET_STATE reply with
 * `analysis` and `texts`): every sentence whose verdict is visible (named always, the
 * others when painted) is highlighted under its verdict's name with exactly its text,
 * and nothing else is. This tests the reading and the painting (offsets, ranges,
 * frames, shadow roots, surrogate pairs), whatever the engine's verdicts.
 * `window`: a page with more ranges than the extension registers at once (WINDOW_RANGES),
 * where the registry holds only the sentences around the viewport: every highlighted text
 * is then an analysed sentence of that verdict, highlighted no more often than analysed,
 * and something is highlighted.
 *
 * @returns {string[]} mismatches (at most `limit`)
 */
export function alignmentMismatches(state, seen, { limit = 20, window = false } = {}) {
  const clean = (text) => text.replace(/\s+/g, ' ').trim();
  const visible = new Set(['named', ...(state.painted ?? [])]);
  const count = (map, name, text) => {
    const inner = map.get(name) ?? new Map();
    inner.set(text, (inner.get(text) ?? 0) + 1);
    map.set(name, inner);
  };
  const want = new Map();
  for (const block of state.analysis?.blocks ?? []) {
    for (const sentence of block.sentences) {
      if (sentence.verdict === 'none' || !visible.has(sentence.verdict)) continue;
      const text = clean(state.texts?.[sentence.id] ?? '');
      if (text) count(want, HIGHLIGHT(sentence.verdict), text);
    }
  }
  const got = new Map();
  for (const verdict of PAINTABLE) {
    for (const text of seen[HIGHLIGHT(verdict)] ?? []) count(got, HIGHLIGHT(verdict), text);
  }
  const mismatches = [];
  for (const name of new Set([...want.keys(), ...got.keys()])) {
    const wanted = want.get(name) ?? new Map();
    const have = got.get(name) ?? new Map();
    for (const text of new Set([...wanted.keys(), ...have.keys()])) {
      const w = wanted.get(text) ?? 0;
      const h = have.get(text) ?? 0;
      if ((window ? h > w : w !== h) && mismatches.length < limit) {
        mismatches.push(`${name}: "${text.slice(0, 160)}" analysed ${w} time(s), highlighted ${h} time(s)`);
      }
    }
  }
  if (window && got.size === 0 && want.size > 0) mismatches.push('nothing is highlighted');
  return mismatches;
}

/** Reports a comparison's known engine gaps, and those the engine now reads right, as diagnostics. */
export function reportGaps(t, result) {
  for (const gap of result.gaps) t.diagnostic(`known engine gap: ${gap}`);
  for (const closed of result.gapsClosed) t.diagnostic(`engine gap now closed (remove it from engineGaps): ${closed}`);
}
