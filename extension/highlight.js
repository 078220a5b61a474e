// highlight.js: from the analysis' offsets to DOM Ranges, and from Ranges to paint.
//
// Painting uses the CSS Custom Highlight API only: ranges are registered under stable
// names (`sourcelight-named`, `sourcelight-anonymous`, `sourcelight-unattributed`, and
// the finer `sourcelight-source`, `sourcelight-cue`, `sourcelight-flash`) and styled by
// `::highlight()` rules in content.css. The page's text, DOM structure and layout are
// never touched, and pages and readers may restyle the names.
//
// Ranges are made once per sentence through the block's table (article.js) and checked
// before painting: if the page changed the text nodes since they were read, the range
// is not painted (the content script's observer re-reads the article soon after).
// Highlights are per document: ranges inside a same-origin iframe are registered with
// that frame's registry.

(() => {
  'use strict';

  const NAMES = Object.freeze({
    named: 'sourcelight-named',
    anonymous: 'sourcelight-anonymous',
    unattributed: 'sourcelight-unattributed',
    source: 'sourcelight-source',
    cue: 'sourcelight-cue',
    flash: 'sourcelight-flash',
  });
  const VERDICT_NAMES = [NAMES.named, NAMES.anonymous, NAMES.unattributed];
  // Finer highlights draw over the verdict's; the flash over everything.
  const PRIORITY = { [NAMES.source]: 1, [NAMES.cue]: 1, [NAMES.flash]: 2 };
  const LAYOUT_WHITESPACE = /[\t\n\r\f]/g;
  const { SLICE_MS, nextSlice } = globalThis.SourcelightArticle;
  const FLASH_MS = 1600;
  // Where registering ranges a slice at a time keeps the page responsive. Firefox adds
  // each range to its highlight as the script adds it, so a first paint in slices costs
  // a slice at a time, and one registration of tens of thousands of ranges is one long
  // task. Chromium instead rebuilds the markers of every registered range in the next
  // frame after any highlight changed, so slices there would pay for everything
  // registered so far at every frame: one registration at the end costs the least.
  const REGISTERS_INCREMENTALLY = /\bFirefox\//.test(globalThis.navigator?.userAgent ?? '');

  /**
   * A Range over `[start, end)` of a block's text, or null when the table no longer
   * fits the page (text nodes gone or shortened).
   * @param {import('./article.js').Block} block
   */
  function rangeFor(block, start, end) {
    if (!(end > start)) return null;
    const from = globalThis.SourcelightArticle.pointAt(block, start, 'start');
    const to = globalThis.SourcelightArticle.pointAt(block, end, 'end');
    if (!from || !to) return null;
    const startNode = block.nodes[from.index];
    const endNode = block.nodes[to.index];
    try {
      const range = startNode.ownerDocument.createRange();
      range.setStart(startNode, from.offset);
      range.setEnd(endNode, to.offset);
      return range.collapsed ? null : range;
    } catch {
      return null; // a node was shortened or moved since the block was read
    }
  }

  /**
   * Whether the text nodes under `[start, end)` of a block still hold the text they
   * held when the block was read.
   */
  function stillHolds(block, start, end) {
    const { nodes, starts, lengths, text } = block;
    // From the node holding `start` (a block may have thousands of nodes).
    const first = globalThis.SourcelightArticle.pointAt(block, start, 'start')?.index ?? 0;
    for (let i = first; i < nodes.length; i++) {
      const from = starts[i];
      const to = from + lengths[i];
      if (to <= start) continue;
      if (from >= end) break;
      const node = nodes[i];
      if (!node.isConnected || node.data.length !== lengths[i]) return false;
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (node.data.slice(a - from, b - from).replace(LAYOUT_WHITESPACE, ' ') !== text.slice(a, b)) return false;
    }
    return true;
  }


  /**
   * The painter: owns the highlights it registered, in every document it painted.
   * @typedef {{id: number, verdict: string, block: object, start: number, end: number,
   *   ranges: Range[], sourceRanges: Range[], cueRanges: Range[]}} Paintable
   */
  function createPainter() {
    /** @type {Map<Document, Map<string, Highlight>>} what is registered now */
    let registered = new Map();
    let flashTimer = 0;
    let generation = 0;

    /** A highlight for `name` in the document of `range`, created in `into`. */
    function add(into, name, range) {
      const doc = range.startContainer.ownerDocument;
      let names = into.get(doc);
      if (!names) {
        names = new Map();
        into.set(doc, names);
      }
      let highlight = names.get(name);
      if (!highlight) {
        const view = doc.defaultView;
        if (!view?.Highlight) return;
        highlight = new view.Highlight();
        if (PRIORITY[name]) highlight.priority = PRIORITY[name];
        names.set(name, highlight);
      }
      highlight.add(range);
    }

    /**
     * Registers the highlights of `next` for `names`, replacing ours and removing
     * those of ours that `next` lacks: one swap, so a repaint never flickers.
     */
    function swap(next, names) {
      const docs = new Set([...registered.keys(), ...next.keys()]);
      for (const doc of docs) {
        const registry = doc.defaultView?.CSS?.highlights;
        const before = registered.get(doc) ?? new Map();
        const after = next.get(doc) ?? new Map();
        for (const name of names) {
          const old = before.get(name);
          const fresh = after.get(name);
          if (fresh === old) continue; // registered already (a progressive first paint)
          if (fresh) {
            registry?.set(name, fresh);
            before.set(name, fresh);
          } else if (old) {
            if (registry?.get(name) === old) registry.delete(name);
            old.clear();
            before.delete(name);
          }
        }
        registered.set(doc, before);
      }
    }

    /** Removes all our highlights everywhere and cancels a paint under way. */
    function clear() {
      generation += 1;
      clearTimeout(flashTimer);
      swap(new Map(), Object.values(NAMES));
    }

    /**
     * Paints the sentences whose verdict is in `strong`, and named ones subtly when not.
     * Checks every range before painting it; works in slices and registers everything
     * at the end. Resolves to the ids painted strongly, or null when a newer paint or
     * a clear overtook this one.
     * @param {Paintable[]} sentences
     * @param {string[]} strong verdicts painted strongly
     */
    async function paint(sentences, strong) {
      const mine = ++generation;
      const next = new Map();
      const painted = [];
      const names = [...VERDICT_NAMES, NAMES.source, NAMES.cue];
      // Where the browser registers ranges incrementally, the first paint shows its
      // highlights slice by slice (nothing to flicker yet); otherwise, and for a repaint,
      // the new highlights are built aside and swapped in at once.
      const progressive = REGISTERS_INCREMENTALLY && !isPainted(names);
      let deadline = performance.now() + SLICE_MS;
      for (let i = 0; i < sentences.length; i++) {
        if (i % 32 === 0 && performance.now() > deadline) {
          if (progressive) swap(next, names);
          await nextSlice();
          if (mine !== generation) return null;
          deadline = performance.now() + SLICE_MS;
        }
        const s = sentences[i];
        const isStrong = strong.includes(s.verdict);
        if (!isStrong && s.verdict !== 'named') continue;
        if (!NAMES[s.verdict] || !s.ranges.length || !stillHolds(s.block, s.start, s.end)) continue;
        for (const range of s.ranges) add(next, NAMES[s.verdict], range);
        if (isStrong) {
          for (const range of s.sourceRanges) add(next, NAMES.source, range);
          for (const range of s.cueRanges) add(next, NAMES.cue, range);
          painted.push(s.id);
        }
      }
      if (mine !== generation) return null;
      swap(next, names);
      return painted;
    }

    function isPainted(names) {
      for (const byName of registered.values()) {
        if (names.some((name) => byName.has(name))) return true;
      }
      return false;
    }

    /** Briefly marks ranges (a jump's target). */
    function flash(ranges) {
      clearTimeout(flashTimer);
      const next = new Map();
      for (const range of ranges) add(next, NAMES.flash, range);
      swap(next, [NAMES.flash]);
      flashTimer = setTimeout(() => swap(new Map(), [NAMES.flash]), FLASH_MS);
    }

    /** Clears everything and cancels a paint under way. */
    function dispose() {
      clear();
      registered = new Map();
    }

    return { paint, clear, flash, dispose };
  }

  /**
   * The sentence ids under a point, through `highlightsFromPoint` where the browser has
   * it, else through the caret position and the ranges.
   * @param {number} x
   * @param {number} y
   * @param {WeakMap<Range, number>} idOfRange
   * @param {(node: Node, offset: number) => number|null} idAtPoint fallback lookup
   */
  function sentenceAt(x, y, idOfRange, idAtPoint) {
    const registry = globalThis.CSS?.highlights;
    if (registry && typeof registry.highlightsFromPoint === 'function') {
      for (const hit of registry.highlightsFromPoint(x, y)) {
        for (const range of hit.ranges ?? []) {
          const id = idOfRange.get(range);
          if (id !== undefined) return id;
        }
      }
      return null;
    }
    const caret = document.caretPositionFromPoint?.(x, y);
    if (caret) return idAtPoint(caret.offsetNode, caret.offset);
    const legacy = document.caretRangeFromPoint?.(x, y);
    return legacy ? idAtPoint(legacy.startContainer, legacy.startOffset) : null;
  }

  globalThis.SourcelightHighlight = Object.freeze({
    NAMES, rangeFor, stillHolds, createPainter, sentenceAt,
  });
})();
