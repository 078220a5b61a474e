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
// that frame's registry. On huge pages only a window of them, around the viewport, is
// registered at once (WINDOW_RANGES below).

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
  // The window: at most this many ranges are registered at once. Chromium rebuilds the
  // markers of every registered range in the next frame after any change to highlights,
  // the DOM or style (HighlightRegistry::ValidateHighlightMarkers), about 10 us a range and
  // more for underlined ones, and that frame cannot be sliced; Firefox pays by the range
  // too, when the script registers them and in the reflow and paint that follow (halving
  // the window halved that frame there). On an ordinary article every range fits (400 is
  // an article of some 3,000 words) and nothing follows the reader; on a huge page the
  // registry holds the ranges of the sentences around the viewport, and the window moves
  // as the reader scrolls. Everything else (flagged(), rangesOf(), the card, the keyboard,
  // the popup's jumps) reads the content script's state, not the registry; a sentence
  // under the pointer is in view, so in the window, for highlightsFromPoint.
  const WINDOW_RANGES = 400;

  /**
   * A StaticRange over `[start, end)` of a block's text, or null when the table no longer
   * fits the page (text nodes gone or shortened).
   *
   * Static, not live: a browser updates every live Range of a document at each change to
   * its DOM, and the ranges of a long article made each node the page inserted or removed
   * cost up to a millisecond (2,000 insertions and removals on the 100,000-word bench page,
   * with its 14,000 ranges: 8 ms without them, 1.9 s with live ranges in Chromium, 5 ms
   * and 0.8 s in Firefox). A static range keeps its offsets when the page changes: ranges
   * are checked before painting (stillHolds) and the content script's observer re-reads
   * the article after a change. Geometry goes through one live range (liveCopy).
   * @param {import('./article.js').Block} block
   */
  function rangeFor(block, start, end) {
    if (!(end > start)) return null;
    const from = globalThis.SourcelightArticle.pointAt(block, start, 'start');
    const to = globalThis.SourcelightArticle.pointAt(block, end, 'end');
    if (!from || !to) return null;
    const startNode = block.nodes[from.index];
    const endNode = block.nodes[to.index];
    // What a live range checks when its bounds are set: in the nodes, start before end.
    if (from.offset > startNode.length || to.offset > endNode.length || from.index > to.index) return null;
    if (startNode === endNode && from.offset >= to.offset) return null;
    try {
      const Static = startNode.ownerDocument.defaultView?.StaticRange;
      if (Static) return new Static({ startContainer: startNode, startOffset: from.offset, endContainer: endNode, endOffset: to.offset });
    } catch {
      // an engine without StaticRange in this realm: a live range below
    }
    try {
      const range = startNode.ownerDocument.createRange();
      range.setStart(startNode, from.offset);
      range.setEnd(endNode, to.offset);
      return range.collapsed ? null : range;
    } catch {
      return null; // a node was shortened or moved since the block was read
    }
  }

  /** Per document, the one live Range that measures our static ones. */
  const scratch = new WeakMap();

  /**
   * A live Range with the bounds of `range` (itself when it is live), to measure or test
   * it; null when the bounds no longer fit the page. Valid until the next call: one live
   * range a document, however many sentences are measured.
   */
  function liveCopy(range) {
    if (typeof range.getClientRects === 'function') return range;
    const doc = range.startContainer.ownerDocument;
    let live = scratch.get(doc);
    if (!live) {
      live = doc.createRange();
      scratch.set(doc, live);
    }
    try {
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      return live;
    } catch {
      return null;
    }
  }

  /** The client rectangles of a range's text, in its document's viewport. */
  function clientRects(range) {
    return [...(liveCopy(range)?.getClientRects() ?? [])];
  }

  /** The bounding rectangle of a range's text, or null when it no longer fits the page. */
  function boundingRect(range) {
    return liveCopy(range)?.getBoundingClientRect() ?? null;
  }

  /** Whether a DOM point lies in a range. */
  function holdsPoint(range, node, offset) {
    try {
      return liveCopy(range)?.isPointInRange(node, offset) ?? false;
    } catch {
      return false; // a node from another document
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
    /**
     * What the last paint draws, in reading order: per sentence, its [name, range] pairs
     * (its own ranges first), and `before[i]`, the number of ranges before sentence i.
     * @type {{items: [string, Range][]}[]}
     */
    let drawn = [];
    let before = [0];
    // The registered window: sentences [from, to) of `drawn`.
    let from = 0;
    let to = 0;
    let following = false;
    let frame = 0;

    /**
     * Adds `range` to the highlight for `name` in its document in `into`, creating that
     * highlight when there is none; returns whether one was created.
     */
    function add(into, name, range) {
      const doc = range.startContainer.ownerDocument;
      let names = into.get(doc);
      if (!names) {
        names = new Map();
        into.set(doc, names);
      }
      let highlight = names.get(name);
      const created = !highlight;
      if (created) {
        const view = doc.defaultView;
        if (!view?.Highlight) return false;
        highlight = new view.Highlight();
        if (PRIORITY[name]) highlight.priority = PRIORITY[name];
        names.set(name, highlight);
      }
      highlight.add(range);
      return created;
    }

    /**
     * Registers the highlights of `next` for `names`, replacing ours and removing
     * those of ours that `next` lacks: one swap, so a repaint never flickers.
     */
    function swap(next, names) {
      const docs = new Set([...registered.keys(), ...next.keys()]);
      for (const doc of docs) {
        const registry = doc.defaultView?.CSS?.highlights;
        const current = registered.get(doc) ?? new Map();
        const after = next.get(doc) ?? new Map();
        for (const name of names) {
          const old = current.get(name);
          const fresh = after.get(name);
          if (fresh === old) continue;
          if (fresh) {
            registry?.set(name, fresh);
            current.set(name, fresh);
          } else if (old) {
            if (registry?.get(name) === old) registry.delete(name);
            old.clear();
            current.delete(name);
          }
        }
        registered.set(doc, current);
      }
    }

    /** Removes all our highlights everywhere and cancels a paint under way. */
    function clear() {
      generation += 1;
      clearTimeout(flashTimer);
      stopFollowing();
      drawn = [];
      before = [0];
      from = to = 0;
      swap(new Map(), Object.values(NAMES));
    }

    /**
     * Paints the sentences whose verdict is in `strong`, and named ones subtly when not.
     * Checks every range before painting it, in slices, then registers them (those of
     * the window, on a huge page) at once. Resolves to the ids painted strongly (all of
     * them, in the window or not), or null when a newer paint or a clear overtook this one.
     * @param {Paintable[]} sentences
     * @param {string[]} strong verdicts painted strongly
     */
    async function paint(sentences, strong) {
      const mine = ++generation;
      const nextDrawn = [];
      const nextBefore = [0];
      const painted = [];
      let deadline = performance.now() + SLICE_MS;
      for (let i = 0; i < sentences.length; i++) {
        if (i % 32 === 0 && performance.now() > deadline) {
          await nextSlice();
          if (mine !== generation) return null;
          deadline = performance.now() + SLICE_MS;
        }
        const s = sentences[i];
        const isStrong = strong.includes(s.verdict);
        if (!isStrong && s.verdict !== 'named') continue;
        if (!NAMES[s.verdict] || !s.ranges.length || !stillHolds(s.block, s.start, s.end)) continue;
        const items = s.ranges.map((range) => [NAMES[s.verdict], range]);
        if (isStrong) {
          for (const range of s.sourceRanges) items.push([NAMES.source, range]);
          for (const range of s.cueRanges) items.push([NAMES.cue, range]);
          painted.push(s.id);
        }
        nextDrawn.push({ items });
        nextBefore.push(nextBefore.at(-1) + items.length);
      }
      // Registering, and the browser's work on the highlights in the frame after it, get
      // a task of their own when the checks above took much of one.
      if (performance.now() > deadline - SLICE_MS / 2) {
        await nextSlice();
        if (mine !== generation) return null;
      }
      drawn = nextDrawn;
      before = nextBefore;
      if (before.at(-1) <= WINDOW_RANGES) {
        stopFollowing();
        register(0, drawn.length);
      } else {
        startFollowing();
        register(...windowAround(firstInView()));
      }
      return painted;
    }

    /** Registers sentences [first, last) of `drawn` as our verdict, source and cue highlights. */
    function register(first, last) {
      const next = new Map();
      for (let i = first; i < last; i++) {
        for (const [name, range] of drawn[i].items) add(next, name, range);
      }
      from = first;
      to = last;
      swap(next, [...VERDICT_NAMES, NAMES.source, NAMES.cue]);
    }

    /**
     * Moves the window to sentences [first, last) by its difference: the ranges of the
     * sentences that leave are taken out of the registered highlights, those of the
     * sentences that come in are added. Registering the whole window afresh cost a new
     * Highlight per name and, in Firefox, the re-adding of every range at each move.
     */
    function move(first, last) {
      if (last <= from || first >= to) {
        register(first, last);
        return;
      }
      for (let i = from; i < first; i++) takeOut(drawn[i].items);
      for (let i = Math.max(last, from); i < to; i++) takeOut(drawn[i].items);
      for (let i = first; i < from; i++) putIn(drawn[i].items);
      for (let i = Math.max(to, first); i < last; i++) putIn(drawn[i].items);
      from = first;
      to = last;
    }

    function takeOut(items) {
      for (const [name, range] of items) {
        registered.get(range.startContainer.ownerDocument)?.get(name)?.delete(range);
      }
    }

    function putIn(items) {
      for (const [name, range] of items) {
        // A name the window did not hold before (no cue in it, say) is registered now.
        if (add(registered, name, range)) {
          const doc = range.startContainer.ownerDocument;
          doc.defaultView?.CSS?.highlights?.set(name, registered.get(doc).get(name));
        }
      }
    }

    /**
     * The window around sentence `anchor` (the first in view): WINDOW_RANGES ranges, a
     * third of them before it (the reader goes down more often than up), fewer at the ends.
     * @returns {[number, number]}
     */
    function windowAround(anchor) {
      const count = drawn.length;
      let first = firstWithBefore(Math.max(0, before[anchor] - Math.floor(WINDOW_RANGES / 3)));
      let last = lastWithin(before[first] + WINDOW_RANGES);
      if (last === count) first = firstWithBefore(Math.max(0, before[count] - WINDOW_RANGES));
      return [first, Math.max(last, Math.min(count, first + 1))];
    }

    /** The first i with before[i] >= n (binary search); before.length when none. */
    function firstWithBefore(n) {
      let lo = 0;
      let hi = before.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before[mid] < n) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }

    /** The last index i (a window's end) with before[i] <= n. */
    function lastWithin(n) {
      return Math.max(0, firstWithBefore(n + 1) - 1);
    }

    /**
     * The first drawn sentence whose bottom is below the top of the viewport: a binary
     * search in reading order, which on an article is the order down the page (where it
     * is not, as in a frame or a multi-column layout, the window is placed near enough:
     * it spans many screens).
     */
    function firstInView() {
      let lo = 0;
      let hi = drawn.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((boundingRect(drawn[mid].items[0][1])?.bottom ?? 0) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return Math.min(lo, drawn.length - 1);
    }

    // Following the reader on huge pages: a scroll listener, capturing so scrolling
    // containers count too, that looks at most once a frame. A look reads a dozen
    // sentence rectangles (layout is clean while scrolling) and moves the window only
    // when the viewport nears its edge. Not an IntersectionObserver on the blocks: a
    // block may be one element holding a whole page, and an observer reports a frame
    // later at the earliest (never in a hidden tab), while the first paint must know
    // where the reader is at once.
    function startFollowing() {
      if (following) return;
      following = true;
      addEventListener('scroll', onScroll, { capture: true, passive: true });
      addEventListener('resize', onScroll, { passive: true });
    }

    function stopFollowing() {
      if (!following) return;
      following = false;
      removeEventListener('scroll', onScroll, { capture: true });
      removeEventListener('resize', onScroll);
      cancelAnimationFrame(frame);
      frame = 0;
    }

    function onScroll() {
      if (!frame) frame = requestAnimationFrame(follow);
    }

    function follow() {
      frame = 0;
      if (!following || !drawn.length) return;
      const anchor = firstInView();
      const nearTop = from > 0 && before[anchor] - before[from] < WINDOW_RANGES / 6;
      const nearBottom = to < drawn.length && before[to] - before[anchor] < WINDOW_RANGES / 3;
      if (nearTop || nearBottom) move(...windowAround(anchor));
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
    NAMES, rangeFor, stillHolds, clientRects, boundingRect, holdsPoint, createPainter, sentenceAt,
  });
})();
