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
 * How many ranges the highlights whose name starts with `prefix` hold in this document,
 * all but `except` (a name): what the extension has registered at once.
 */
export function countRegisteredRanges(prefix, except) {
  let count = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith(prefix) && name !== except) count += highlight.size;
  });
  return count;
}

/**
 * Reads every highlight whose name starts with `prefix`.
 *
 * @returns {{[name: string]: string[]}} for each highlight, the text of its ranges in
 *   document order with whitespace collapsed; ranges that touch inside one block (no
 *   character between them, e.g. one sentence split over an `<em>`) are joined.
 *   Highlights are per document: the harness runs this in every frame (browsers.mjs).
 */
export function readHighlights(prefix) {
  const clean = (text) => text.replace(/\s+/g, ' ').trim();
  const windows = [window];
  // The block a boundary point sits in: touching ranges are one sentence only inside one
  // block (two appended <p>s with no whitespace between them also "touch").
  const blockOf = (win, node) => {
    let el = node.nodeType === 1 ? node : node.parentElement;
    while (el && el.parentElement && win.getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const order = (a, b) => {
    try {
      return a.compareBoundaryPoints(Range.START_TO_START, b);
    } catch {
      return 0; // different trees (a shadow root and the document): keep registry order
    }
  };
  const result = {};
  for (const win of windows) {
    const registry = win.CSS?.highlights;
    if (!registry) continue;
    const names = [];
    registry.forEach((_highlight, name) => {
      if (name.startsWith(prefix)) names.push(name);
    });
    for (const name of names) {
      const ranges = [];
      registry.get(name).forEach((r) => {
        // A highlight may hold StaticRanges: make live Ranges to compare and read them.
        const range = win.document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        ranges.push(range);
      });
      ranges.sort(order);
      const merged = [];
      for (const range of ranges) {
        const last = merged[merged.length - 1];
        if (last && order(range, last) >= 0) {
          const gap = win.document.createRange();
          gap.setStart(last.endContainer, last.endOffset);
          let overlaps = false;
          try {
            overlaps = range.compareBoundaryPoints(Range.START_TO_END, last) <= 0;
          } catch {
            overlaps = false;
          }
          if (!overlaps) gap.setEnd(range.startContainer, range.startOffset);
          const touches =
            gap.toString() === '' && blockOf(win, last.endContainer) === blockOf(win, range.startContainer);
          if (overlaps || touches) {
            if (order(range, last) >= 0 && range.compareBoundaryPoints(Range.END_TO_END, last) > 0) {
              last.setEnd(range.endContainer, range.endOffset);
            }
            continue;
          }
        }
        merged.push(range);
      }
      const texts = merged.map((range) => clean(range.toString())).filter((text) => text !== '');
      result[name] = [...(result[name] ?? []), ...texts];
    }
  }
  const sorted = {};
  for (const name of Object.keys(result).sort()) sorted[name] = result[name];
  return sorted;
}

/**
 * A fingerprint of the page's own DOM: every element's tag and attributes and every
 * text node, in order, as one string, including open shadow roots (frames are
 * fingerprinted on their own, see browsers.mjs). Comparing it before and after activation shows whether the extension changed
 * the page (it must not: highlights live outside the DOM). `ignore` is a selector for
 * elements to skip (the card's host, which the extension adds while a card is open).
 * Iterative, so 5,000-deep pages do not overflow the stack.
 */
export function domFingerprint(ignore) {
  const parts = [];
  const stack = [{ node: document, close: null }];
  while (stack.length) {
    const { node, close } = stack.pop();
    if (close) {
      parts.push(close);
      continue;
    }
    const children = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    if (node.shadowRoot) children.unshift(node.shadowRoot);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child.nodeType === 1) {
        if (ignore && child.matches(ignore)) continue;
        stack.push({ node: null, close: `</${child.localName}>` });
        stack.push({ node: child, close: null });
      } else if (child.nodeType === 3) {
        stack.push({ node: { firstChild: null }, close: child.data });
      } else if (child.nodeType === 11) {
        stack.push({ node: null, close: '</#shadow-root>' });
        stack.push({ node: child, close: null });
      } else if (child.nodeType === 9) {
        stack.push({ node: child, close: null });
      }
    }
    if (node.nodeType === 1) {
      const attrs = [];
      for (const attr of node.attributes) attrs.push(`${attr.name}="${attr.value}"`);
      parts.push(`<${node.localName} ${attrs.sort().join(' ')}>`);
    } else if (node.nodeType === 11) {
      parts.push('<#shadow-root>');
    }
  }
  return parts.join('');
}

/**
 * A fingerprint of the page's layout: the document's scroll size and the rounded box of
 * the first `limit` elements in document order. Equal before and after activation when
 * the extension moved nothing (highlights are paint only).
 */
export function layoutFingerprint(ignore, limit = 3000) {
  const boxes = [document.documentElement.scrollWidth, document.documentElement.scrollHeight];
  const all = document.body ? document.body.getElementsByTagName('*') : [];
  for (let i = 0, n = 0; i < all.length && n < limit; i++) {
    const el = all[i];
    if (ignore && el.closest(ignore)) continue;
    const box = el.getBoundingClientRect();
    boxes.push(`${Math.round(box.left)},${Math.round(box.top + window.scrollY)},${Math.round(box.width)},${Math.round(box.height)}`);
    n++;
  }
  return boxes.join(' ');
}

/** Source text that calls `fn` with JSON-serialisable `args` (or an expression as is). */
export function callSource(fn, args) {
  if (typeof fn === 'string') {
    if (args.length) throw new Error('arguments need a function, not an expression');
    return fn;
  }
  return `(${fn})(...${JSON.stringify(args)})`;
}
