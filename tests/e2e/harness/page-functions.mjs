// Functions the harness runs inside pages. Each is self-contained (it is sent as
// source text) and runs in a clean realm where it can: Chromium's isolated world or a
// Firefox BiDi sandbox, so a page that overwrites `Range`, `CSS`, `Array.prototype`
// or `JSON` cannot change what the test sees.
//
// Where the extension's highlights are visible (verified in Chromium 156 and Firefox
// 153): `CSS.highlights` is one registry per document, shared by every realm. The
// highlights a content script registers in its isolated world (Chromium) or Xray
// sandbox (Firefox) are visible, with the same ranges, to the page's own scripts, to
// a DevTools isolated world and to a BiDi sandbox. In a Firefox sandbox the
// registry's iterators are refused ("Xray wrapping of iterators not supported"), so
// these functions walk it with `forEach`, which works in every realm.

/**
 * Reads every highlight whose name starts with `prefix`.
 *
 * @returns {{[name: string]: string[]}} for each highlight, the text of its ranges in
 *   document order with whitespace collapsed; ranges that touch inside one block (no
 *   character between them, e.g. one sentence split over an `<em>`) are joined.
 */
export function readHighlights(prefix) {
  const clean = (text) => text.replace(/\s+/g, ' ').trim();
  const copy = (r) => {
    // A highlight may hold StaticRanges: make live Ranges to compare and read them.
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range;
  };
  // The block a boundary point sits in: touching ranges are one sentence only inside one
  // block (two appended <p>s with no whitespace between them also "touch").
  const blockOf = (node) => {
    let el = node.nodeType === 1 ? node : node.parentElement;
    while (el && el.parentElement && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const names = [];
  CSS.highlights.forEach((_highlight, name) => {
    if (name.startsWith(prefix)) names.push(name);
  });
  names.sort();
  const result = {};
  for (const name of names) {
    const ranges = [];
    CSS.highlights.get(name).forEach((r) => ranges.push(copy(r)));
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last) {
        const gap = document.createRange();
        gap.setStart(last.endContainer, last.endOffset);
        const overlaps = range.compareBoundaryPoints(Range.START_TO_END, last) <= 0;
        if (!overlaps) gap.setEnd(range.startContainer, range.startOffset);
        const touches = gap.toString() === '' && blockOf(last.endContainer) === blockOf(range.startContainer);
        if (overlaps || touches) {
          if (range.compareBoundaryPoints(Range.END_TO_END, last) > 0) {
            last.setEnd(range.endContainer, range.endOffset);
          }
          continue;
        }
      }
      merged.push(range);
    }
    result[name] = merged.map((range) => clean(range.toString())).filter((text) => text !== '');
  }
  return result;
}

/**
 * A fingerprint of the page's own DOM: every element's tag and attributes and every
 * text node, in order, as one string. Comparing it before and after activation shows
 * whether the extension changed the page (it must not: highlights live outside the
 * DOM). `ignore` is a selector for subtrees to skip (e.g. a card host the extension is
 * allowed to add at the end of the body).
 */
export function domFingerprint(ignore) {
  const parts = [];
  const walk = (node, depth) => {
    if (depth > 10000) return;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        if (ignore && child.matches(ignore)) continue;
        const attrs = [];
        for (const attr of child.attributes) attrs.push(`${attr.name}="${attr.value}"`);
        parts.push(`<${child.localName} ${attrs.sort().join(' ')}>`);
        walk(child, depth + 1);
        parts.push(`</${child.localName}>`);
      } else if (child.nodeType === 3) {
        parts.push(child.data);
      }
    }
  };
  walk(document, 0);
  return parts.join('');
}

/** Source text that calls `fn` with JSON-serialisable `args` (or an expression as is). */
export function callSource(fn, args) {
  if (typeof fn === 'string') {
    if (args.length) throw new Error('arguments need a function, not an expression');
    return fn;
  }
  return `(${fn})(...${JSON.stringify(args)})`;
}
