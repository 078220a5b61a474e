// article.js: finds the article on the page and reads it as blocks of text, each with a
// table from text offsets (UTF-16) back to the live DOM text nodes.
//
// Why our own heuristic rather than Mozilla's Readability: Readability works on a clone
// of the document, rewrites that clone and returns HTML. We need the opposite: live
// text nodes, untouched, to build DOM Ranges for highlights and to observe the article
// as it changes. Mapping Readability's output back to live nodes would cost a clone of
// the whole page (megabytes on the huge pages we must survive) plus a second matching
// pass, and its recursive walks are not sliced. What we keep from it are its ideas:
// score containers by the paragraph text under them, drop "unlikely candidates" by
// tag, role, class and id, and distrust link-heavy blocks.
//
// One walk does everything, iteratively (an explicit stack, never recursion: pages
// nest 5,000 deep) and in slices that yield to the page every few milliseconds:
// - it skips chrome (nav, menus, header/footer outside an article, asides, comments,
//   related lists, cookie banners, ads, forms, editable areas, hidden and script
//   content, fixed and sticky overlays, unless a box of these holds the article);
// - it cuts the text into blocks at block-level elements (by computed display), so
//   inline elements (<em>, <a>, <q>, <span>) stay inside their sentence; <br> becomes
//   a virtual line break that maps to no node;
// - it enters open shadow roots (through their slots) and same-origin iframes.
// Then the article root is the deepest container holding most of the paragraph text.
//
// Whitespace (tab, newline, CR, form feed) is replaced by a space of the same length,
// so offsets into the block text are offsets into the page's text. The page's DOM is
// only read, never changed.

(() => {
  'use strict';

  // ---------------------------------------------------------------------------------
  // What is never read. All patterns in one place, created once.

  const SKIPPED_TAGS = new Set([
    'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
    'FORM', 'NAV', 'ASIDE', 'MENU', 'DIALOG', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT',
    'EMBED', 'HEAD', 'TITLE', 'META', 'LINK', 'IMG', 'PICTURE', 'SOURCE', 'LABEL', 'FIELDSET',
  ]);
  // Site chrome when it is not part of an article (an article's own <header> holds its
  // headline and standfirst).
  const CHROME_OUTSIDE_ARTICLE = new Set(['HEADER', 'FOOTER']);
  const SKIPPED_ROLES = new Set([
    'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar',
    'toolbar', 'dialog', 'alertdialog', 'form', 'tablist', 'tree', 'listbox', 'comment',
    'feed', 'marquee', 'timer',
  ]);
  // Class and id words of chrome, matched as whole words (camelCase split first), so
  // that "shadow", "heading" or "download" never match "ad" or "nav".
  const UNLIKELY = new RegExp(
    '(?:^|[\\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|comments?|commentary-list|disqus|replies|'
    + 'related|recommended|recommendations?|read-?also|also-?read|see-?also|more-?stories|most-?read|'
    + 'popular|trending|share|sharing|social|cookies?|consent|gdpr|cmp|banner|ad|ads|advert|adverts|'
    + 'advertisement|adslot|sponsor|sponsored|promo|promotion|newsletter|subscribe|signup|paywall|'
    + 'sidebar|widget|footer|masthead|toolbar|popup|modal|overlay|outbrain|taboola|tags|skip-link)'
    + '(?=$|[\\s_-])', 'i');
  const CAMEL_BOUNDARY = /([a-z])([A-Z])/g;
  const LAYOUT_WHITESPACE = /[\t\n\r\f]/g;
  const INLINE_DISPLAYS = new Set(['inline', 'inline-block', 'inline-flex', 'inline-grid', 'contents', 'ruby', 'ruby-text']);
  const HEADING = /^H[1-6]$/;
  const LIST_LIKE = new Set(['LI', 'DD', 'DT', 'TD', 'TH']);

  // Slices: work this long, then let the page run (nextSlice). Shared with highlight.js
  // and content.js, so the page gets the same share of the main thread from every step.
  const SLICE_MS = 8;
  const CHECK_EVERY = 64;
  // Scoring: a paragraph-like block counts when it has this much text.
  const MIN_PARAGRAPH = 30;
  // A page is an article when its root holds this much paragraph text, and some
  // container holds two paragraphs or more side by side with this much text: a home
  // page's teasers sit one per card, an article's paragraphs share a parent.
  const MIN_ARTICLE_CHARS = 200;
  const MIN_SIBLING_CHARS = 120;
  const MIN_ARTICLE_PARAGRAPHS = 2;
  // A block this long is a paragraph of its own, not a headline or a byline.
  const LONG_PARAGRAPH = 120;
  // Ancestors a block's score is credited to (Readability credits a few levels too).
  const SCORE_LEVELS = 6;
  // The root is the deepest container holding this share of the best container's text.
  const ROOT_SHARE = 0.8;

  /**
   * @typedef {{el: Element, text: string, nodes: Text[], starts: number[], lengths: number[],
   *   linkChars: number}} Block
   * `nodes[i]` holds `text.slice(starts[i], starts[i] + lengths[i])`; offsets between
   * entries are virtual (line breaks) and map to no node.
   */

  // ---------------------------------------------------------------------------------
  // The cheap check: no style, no walk; used before anything else on "all sites".

  /** Whether the document plausibly holds an article: a few milliseconds at most. */
  function looksLikeArticle(doc = document) {
    const type = doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
    if (/article/i.test(type)) return true;
    if (doc.querySelector('article, [itemprop="articleBody"]')) return true;
    let long = 0;
    let chars = 0;
    const paragraphs = doc.getElementsByTagName('p');
    for (let i = 0; i < paragraphs.length && i < 400; i++) {
      const length = paragraphs[i].textContent.length;
      if (length >= 80) {
        long += 1;
        chars += length;
        if (long >= 3 && chars >= MIN_ARTICLE_CHARS) return true;
      }
    }
    // An article inside a shadow root or a same-origin frame: worth the full look.
    return hasReadableFrame(doc) || hasShadowHost(doc);
  }

  /** A same-origin frame with some text (ad frames are cross-origin: unreadable, skipped). */
  function hasReadableFrame(doc) {
    const frames = doc.getElementsByTagName('iframe');
    for (let i = 0; i < frames.length && i < 10; i++) {
      let body = null;
      try {
        body = frames[i].contentDocument?.body ?? null;
      } catch {
        body = null;
      }
      if (body && body.textContent.length >= MIN_ARTICLE_CHARS) return true;
    }
    return false;
  }

  function hasShadowHost(doc) {
    // Custom elements are the usual hosts; checking only them keeps this cheap.
    const all = doc.body?.getElementsByTagName('*') ?? [];
    for (let i = 0; i < all.length && i < 5000; i++) {
      if (all[i].shadowRoot && all[i].tagName.includes('-')) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------
  // The walk

  function classWords(el) {
    const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') ?? '';
    return `${cls} ${el.id}`.replace(CAMEL_BOUNDARY, '$1-$2');
  }

  /** The style of an element, or null when it is not rendered as text we should read. */
  function readableStyle(el) {
    const view = el.ownerDocument.defaultView;
    if (!view) return null;
    const style = view.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return null;
    // Fixed and sticky boxes are overlays (cookie banners, sticky bars), unless an app
    // shell pins the whole page in one.
    if ((style.position === 'fixed' || style.position === 'sticky') && !holdsMainContent(el)) return null;
    return style;
  }

  /**
   * Whether to skip an element and everything under it. `insideArticle`: an <article>
   * or the chosen root is an ancestor (its own header and footer are content).
   */
  function isSkipped(el, insideArticle) {
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return true;
    if (!insideArticle && CHROME_OUTSIDE_ARTICLE.has(tag)) return true;
    if (el.hidden || el.inert || el.getAttribute('aria-hidden') === 'true') return true;
    if (el.isContentEditable || el.hasAttribute('contenteditable')) return true;
    const role = el.getAttribute('role');
    if (role && SKIPPED_ROLES.has(role)) return true;
    if (el.getAttribute('aria-modal') === 'true') return true;
    if (UNLIKELY.test(classWords(el)) && !holdsMainContent(el)) return true;
    return false;
  }

  /**
   * A wrapper named after what sits beside it ("layout with-sidebar", "has-comments")
   * still holds the article: checked only when a class word matched, so it stays cheap.
   */
  function holdsMainContent(el) {
    if (el.querySelector('article, main, [role="main"], [itemprop="articleBody"]')) return true;
    const inside = el.getElementsByTagName('p').length;
    return inside >= 3 && inside >= el.ownerDocument.getElementsByTagName('p').length / 2;
  }

  /** The children the reader sees: a shadow tree instead of the light one, slots' nodes. */
  function renderedChildren(el) {
    if (el.shadowRoot) return el.shadowRoot.childNodes;
    if (el.tagName === 'SLOT') {
      const assigned = el.assignedNodes({ flatten: true });
      return assigned.length ? assigned : el.childNodes;
    }
    if (el.tagName === 'IFRAME') {
      let body = null;
      try {
        body = el.contentDocument?.body ?? null; // null for cross-origin frames
      } catch {
        body = null;
      }
      return body ? [body] : [];
    }
    return el.childNodes;
  }

  /**
   * Lets the page run, then resumes: a message posted to ourselves is an ordinary task,
   * queued behind the page's own tasks. Not `scheduler.yield()`: its continuations run
   * ahead of the page's tasks, so a long job in slices would still hold the page's
   * timers and messages back until it ends. Not `setTimeout(0)`: nested timers are
   * clamped to 4 ms, a third of every slice lost.
   */
  function nextSlice() {
    return new Promise((resolve) => {
      try {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = () => {
          port1.close();
          resolve();
        };
        port2.postMessage(null);
      } catch {
        setTimeout(resolve, 0);
      }
    });
  }

  /**
   * Walks `start` (an element) into blocks. `isRoot`: `start` was chosen as the article
   * root, so it is read even if it looks like chrome. Returns the blocks and, for
   * scoring, each container's paragraph text and the range of blocks under it.
   *
   * @param {Element} start
   * @param {{signal?: {aborted: boolean}, scoring?: boolean, insideArticle?: boolean}} options
   */
  async function walk(start, { signal, scoring = false, insideArticle = false } = {}) {
    /** @type {Block[]} */
    const blocks = [];
    const score = scoring ? new Map() : null; // container → paragraph chars under it (near levels)
    const siblings = scoring ? new Map() : null; // container → {chars, count} of its own paragraphs
    const spans = scoring ? new Map() : null; // container → [first block, end block)
    let current = null;
    let deadline = performance.now() + SLICE_MS;
    let steps = 0;

    const flush = () => {
      if (!current) return;
      const block = current;
      current = null;
      if (!block.nodes.length) return;
      block.text = block.parts.join('').replace(LAYOUT_WHITESPACE, ' ');
      delete block.parts;
      const length = block.text.trim().length;
      if (!length) return;
      if (isLinkList(block, length)) return;
      blocks.push(block);
      if (scoring) credit(block, length);
    };

    // Stack frames: an element entered, its rendered children and where we are in them.
    const stack = [];
    const credit = (block, length) => {
      if (length < MIN_PARAGRAPH || HEADING.test(block.el.tagName)) return;
      let level = 0;
      for (let i = stack.length - 1; i >= 0 && level < SCORE_LEVELS; i--) {
        const el = stack[i].el;
        if (el === block.el) continue;
        score.set(el, (score.get(el) ?? 0) + length);
        if (level === 0) {
          const own = siblings.get(el) ?? { chars: 0, count: 0 };
          own.chars += length;
          own.count += 1;
          siblings.set(el, own);
        }
        level += 1;
      }
    };

    // Shadow roots and frame documents crossed: a MutationObserver on the article root
    // does not see into them, so the content script observes them too.
    const subtrees = [];
    const enter = (el, style) => {
      const isBlock = !INLINE_DISPLAYS.has(style.display);
      if (el.shadowRoot) subtrees.push({ host: el, tree: el.shadowRoot });
      else if (el.tagName === 'IFRAME' && el.contentDocument?.body) subtrees.push({ host: el, tree: el.contentDocument.body });
      const article = (stack.length ? stack[stack.length - 1].insideArticle : insideArticle) || el.tagName === 'ARTICLE';
      if (isBlock) flush();
      stack.push({
        el, children: renderedChildren(el), index: 0, isBlock, insideArticle: article,
        blockEl: isBlock ? el : (stack.length ? stack[stack.length - 1].blockEl : el),
        inLink: el.tagName === 'A' || (stack.length ? stack[stack.length - 1].inLink : false),
        firstBlock: blocks.length,
      });
    };

    const startStyle = readableStyle(start);
    if (!startStyle) return { blocks, score, spans, siblings, subtrees };
    enter(start, startStyle);

    while (stack.length) {
      if (signal?.aborted) return { blocks: [], score, spans, siblings, subtrees, aborted: true };
      if (++steps % CHECK_EVERY === 0 && performance.now() > deadline) {
        await nextSlice();
        deadline = performance.now() + SLICE_MS;
      }
      const frame = stack[stack.length - 1];
      if (frame.index >= frame.children.length) {
        stack.pop();
        if (frame.isBlock) flush();
        if (scoring && (score.has(frame.el) || frame.el.tagName === 'ARTICLE')) {
          spans.set(frame.el, [frame.firstBlock, blocks.length]);
        }
        continue;
      }
      const node = frame.children[frame.index++];
      if (node.nodeType === 3 /* TEXT_NODE */) {
        addText(node, frame);
      } else if (node.nodeType === 1 /* ELEMENT_NODE */) {
        if (node.tagName === 'BR') {
          if (current?.nodes.length) addVirtual(' ');
          continue;
        }
        if (isSkipped(node, frame.insideArticle)) continue;
        const style = readableStyle(node);
        if (!style) continue;
        enter(node, style);
      }
    }
    flush();
    return { blocks, score, spans, siblings, subtrees };

    function addText(node, frame) {
      const data = node.data;
      if (!data.length) return;
      if (current && current.el !== frame.blockEl) flush();
      if (!current) {
        if (!data.trim()) return; // indentation between blocks
        current = { el: frame.blockEl, parts: [], nodes: [], starts: [], lengths: [], linkChars: 0, length: 0 };
      }
      current.nodes.push(node);
      current.starts.push(current.length);
      current.lengths.push(data.length);
      current.parts.push(data);
      current.length += data.length;
      if (frame.inLink) current.linkChars += data.trim().length;
    }

    function addVirtual(text) {
      current.parts.push(text);
      current.length += text.length;
    }
  }

  /** Lists of links ("related", "read also", tag clouds) rather than prose. */
  function isLinkList(block, length) {
    const share = block.linkChars / length;
    if (LIST_LIKE.has(block.el.tagName)) return share > 0.5;
    return share > 0.8 && length < 200;
  }

  // ---------------------------------------------------------------------------------
  // Finding the article

  /**
   * Finds the article in `doc` and reads its blocks.
   * @returns {Promise<{root: Element|null, blocks: Block[], subtrees?: Node[], aborted?: boolean}>}
   *   `subtrees`: shadow roots and frame bodies inside the root, to observe as well.
   */
  async function read(doc = document, { signal } = {}) {
    const body = doc.body;
    if (!body) return { root: null, blocks: [] };
    const walked = await walk(body, { signal, scoring: true });
    if (walked.aborted) return { root: null, blocks: [], aborted: true };
    const root = chooseRoot(walked, body);
    if (!root) return { root: null, blocks: [] };
    const [first, end] = walked.spans.get(root) ?? [0, walked.blocks.length];
    const subtrees = walked.subtrees.filter(({ host }) => isComposedAncestor(root, host)).map(({ tree }) => tree);
    return { root, blocks: walked.blocks.slice(first, end), subtrees };
  }

  function isComposedAncestor(ancestor, node) {
    for (let at = node; at; at = parentOf(at)) if (at === ancestor) return true;
    return false;
  }

  function chooseRoot({ blocks, score, spans, siblings }, body) {
    let best = 0;
    for (const chars of score.values()) best = Math.max(best, chars);
    if (best < MIN_ARTICLE_CHARS) return null;
    let side = 0;
    for (const { chars, count } of siblings.values()) if (count >= 2) side = Math.max(side, chars);
    if (side < MIN_SIBLING_CHARS) return null;
    // The deepest container with most of the best one's text: ancestors further up
    // add chrome, descendants lose paragraphs split over sibling containers.
    let root = null;
    let rootDepth = -1;
    for (const [el, chars] of score) {
      if (chars < best * ROOT_SHARE) continue;
      const depth = depthOf(el);
      if (depth > rootDepth) {
        root = el;
        rootDepth = depth;
      }
    }
    if (!root) return null;
    const [first, end] = spans.get(root) ?? [0, blocks.length];
    const paragraphs = blocks.slice(first, end).filter((b) => b.text.trim().length >= MIN_PARAGRAPH).length;
    if (paragraphs < MIN_ARTICLE_PARAGRAPHS) return null;
    // Climb to the enclosing <article> or a wrapper or two that add headings and short
    // lines (headline, standfirst, byline, captions) but no further paragraphs.
    const rootChars = score.get(root) ?? 0;
    let chosen = root;
    for (let level = 0; level < 3 && !isArticleElement(chosen); level++) {
      const parent = parentOf(chosen);
      if (!parent || parent === body || !spans.has(parent)) break;
      const [pFirst, pEnd] = spans.get(parent);
      const [cFirst, cEnd] = spans.get(chosen) ?? [first, end];
      const extra = blocks.slice(pFirst, cFirst).concat(blocks.slice(cEnd, pEnd));
      const extraChars = extra.reduce((n, b) => n + b.text.trim().length, 0);
      if (extra.some((b) => b.text.trim().length >= LONG_PARAGRAPH) || extraChars > rootChars * 0.25) break;
      chosen = parent;
    }
    return chosen;
  }

  function isArticleElement(el) {
    return el.tagName === 'ARTICLE' || el.getAttribute?.('itemprop') === 'articleBody';
  }

  /** The parent in the composed tree (out of shadow roots and frames). */
  function parentOf(node) {
    if (node.parentElement) return node.parentElement;
    const parent = node.parentNode;
    if (parent?.host) return parent.host;
    return node.ownerDocument?.defaultView?.frameElement ?? null;
  }

  function depthOf(el) {
    let depth = 0;
    for (let node = el; node; node = parentOf(node)) depth += 1;
    return depth;
  }

  /** Reads the blocks under an already chosen root again (the article changed). */
  async function readRoot(root, { signal } = {}) {
    // The root was chosen as the article: its own header and footer are content.
    const walked = await walk(root, { signal, insideArticle: true });
    return { root, blocks: walked.blocks, subtrees: walked.subtrees.map(({ tree }) => tree), aborted: walked.aborted };
  }

  // ---------------------------------------------------------------------------------
  // Pure logic on blocks (tested in node: tests/js/)

  /**
   * The DOM point for a text offset in a block. `bias` decides offsets that fall on the
   * seam between two nodes or in a virtual gap: 'start' of a range takes the next node,
   * 'end' the previous one, so a range never starts at the end of a node.
   * @param {{starts: number[], lengths: number[]}} table
   * @param {number} offset
   * @param {'start'|'end'} bias
   * @returns {{index: number, offset: number} | null}
   */
  function pointAt(table, offset, bias) {
    const { starts, lengths } = table;
    const n = starts.length;
    if (!n) return null;
    // The last node starting at or before the offset (binary search).
    let lo = 0;
    let hi = n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (bias === 'start') {
      if (found < 0) return { index: 0, offset: 0 };
      if (offset < starts[found] + lengths[found]) return { index: found, offset: offset - starts[found] };
      return found + 1 < n ? { index: found + 1, offset: 0 } : { index: found, offset: lengths[found] };
    }
    // 'end': an offset at a node's start belongs to the end of the previous node.
    while (found > 0 && offset <= starts[found]) found -= 1;
    if (found < 0) return { index: 0, offset: 0 };
    return { index: found, offset: Math.min(offset - starts[found], lengths[found]) };
  }

  /**
   * Which blocks of a new reading are new or changed compared with the old one.
   * Blocks are matched by element and text in order; a block whose text is unchanged
   * keeps its analysis even when the page replaced its text nodes.
   * @param {{el: object, text: string}[]} before
   * @param {{el: object, text: string}[]} after
   * @returns {{previous: (number|null)[], changed: number[]}} `previous[i]` is the index
   *   of `after[i]` in `before`, null when new or changed; `changed` lists those i.
   */
  function diffBlocks(before, after) {
    const byKey = new Map();
    before.forEach((block, i) => {
      const key = block.text;
      const list = byKey.get(key) ?? [];
      list.push(i);
      byKey.set(key, list);
    });
    const used = new Set();
    const match = (block, sameElement) => {
      const found = (byKey.get(block.text) ?? []).find((i) => !used.has(i) && (!sameElement || before[i].el === block.el));
      if (found === undefined) return null;
      used.add(found);
      return found;
    };
    // Same element and text first, then same text in a new element (a re-rendered block).
    const previous = after.map((block) => match(block, true));
    previous.forEach((p, i) => { if (p === null) previous[i] = match(after[i], false); });
    const changed = [];
    previous.forEach((p, i) => { if (p === null) changed.push(i); });
    return { previous, changed };
  }

  /**
   * The runs of changed blocks to analyse, each with the block before it as context
   * (a quote's speaker or "he added" often sits in the previous paragraph).
   * @param {number[]} changed sorted block indices
   * @returns {{context: number|null, blocks: number[]}[]}
   */
  function changedRuns(changed) {
    const runs = [];
    for (const index of changed) {
      const last = runs[runs.length - 1];
      if (last && last.blocks[last.blocks.length - 1] === index - 1) last.blocks.push(index);
      else runs.push({ context: index > 0 ? index - 1 : null, blocks: [index] });
    }
    return runs;
  }

  /**
   * Splits runs so that none holds more than `maxChars` of text (a run's first block may
   * exceed it alone). Each piece keeps the block before it as context, so a message and
   * its reply stay small on huge pages and carry-over from the previous paragraph holds.
   * @param {{context: number|null, blocks: number[]}[]} runs
   * @param {string[]} texts block texts by index
   * @param {number} maxChars
   */
  function splitRuns(runs, texts, maxChars) {
    const pieces = [];
    for (const run of runs) {
      let piece = { context: run.context, blocks: [] };
      let chars = 0;
      for (const index of run.blocks) {
        const length = texts[index].length;
        if (piece.blocks.length && chars + length > maxChars) {
          pieces.push(piece);
          piece = { context: piece.blocks[piece.blocks.length - 1], blocks: [] };
          chars = 0;
        }
        piece.blocks.push(index);
        chars += length;
      }
      if (piece.blocks.length) pieces.push(piece);
    }
    return pieces;
  }

  /**
   * Merges analyses of changed blocks into the analysis of the blocks that did not
   * change, as if the whole article had been analysed: sentence ids in reading order,
   * block indices of the new reading, and a profile rebuilt from the sentences and the
   * old and new profile lists (entries are grouped by name, as the core does).
   *
   * @param {{blocks: {sentences: object[]}[], profile: object, lang: string}} old
   *   the analysis of the previous reading
   * @param {(number|null)[]} previous from diffBlocks
   * @param {{run: {context: number|null, blocks: number[]}, analysis: object}[]} fresh
   *   the analysis of each run, whose blocks are [context?, ...run.blocks]
   * @returns {object} an AnalysisView over the new reading
   */
  function mergeAnalysis(old, previous, fresh) {
    const steps = mergeSteps(old, previous, fresh);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * mergeAnalysis in slices that yield to the page (a huge article has a hundred
   * thousand sentences). Resolves to null when `signal.aborted` became true meanwhile.
   * @param {{aborted: boolean}} [signal]
   */
  async function mergeAnalysisInSlices(old, previous, fresh, signal) {
    const steps = mergeSteps(old, previous, fresh);
    let deadline = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() > deadline) {
        await nextSlice();
        if (signal?.aborted) return null;
        deadline = performance.now() + SLICE_MS;
      }
    }
  }

  /** The work of mergeAnalysis, pausing (`yield`) every few blocks and list entries. */
  function* mergeSteps(old, previous, fresh) {
    // For every block of the new reading, its sentences and where their ids came from.
    const perBlock = previous.map(() => null);
    const oldToNew = new Map();
    previous.forEach((p, i) => { if (p !== null) oldToNew.set(p, i); });
    // A source written in a block that changed or went away has no place any more: -1.
    const fromOld = (b) => oldToNew.get(b) ?? -1;
    previous.forEach((p, i) => {
      if (p !== null) perBlock[i] = { sentences: old.blocks[p]?.sentences ?? [], origin: 'old', blockMap: fromOld };
    });
    yield;
    for (let runIndex = 0; runIndex < fresh.length; runIndex++) {
      const { run, analysis } = fresh[runIndex];
      const offset = run.context === null ? 0 : 1;
      const toArticle = (b) => (b < offset ? run.context : run.blocks[b - offset]);
      run.blocks.forEach((blockIndex, k) => {
        perBlock[blockIndex] = {
          sentences: analysis.blocks[k + offset]?.sentences ?? [], origin: runIndex, blockMap: toArticle,
        };
      });
      yield;
    }

    // New ids in reading order; remember old → new per origin.
    const idMaps = new Map(); // origin → Map(oldId → newId)
    const idMap = (origin) => {
      if (!idMaps.has(origin)) idMaps.set(origin, new Map());
      return idMaps.get(origin);
    };
    const blocks = [];
    const summary = { sentences: 0, named: 0, anonymous: 0, unattributed: 0, none: 0, hedged: 0 };
    const unattributed = [];
    const hedged = [];
    let nextId = 0;
    for (let b = 0; b < perBlock.length; b++) {
      const entry = perBlock[b];
      const sentences = (entry?.sentences ?? []).map((s) => {
        const id = nextId++;
        idMap(entry.origin).set(s.id, id);
        const source = s.source ? { ...s.source, block: entry.blockMap(s.source.block) } : null;
        summary.sentences += 1;
        if (s.verdict in summary) summary[s.verdict] += 1;
        if (s.verdict === 'unattributed') unattributed.push(id);
        if (s.hedged) {
          summary.hedged += 1;
          hedged.push(id);
        }
        return { ...s, id, source };
      });
      blocks.push({ sentences });
      if (b % 16 === 15) yield;
    }

    // Entries grouped by name: a map per list, so a page with thousands of sources
    // does not search a list for every entry.
    const lists = { sources: new Map(), anonymous_phrases: new Map() };
    const addEntries = function* (profile, origin) {
      const ids = idMaps.get(origin);
      if (!profile || !ids) return;
      for (const listName of ['sources', 'anonymous_phrases']) {
        let count = 0;
        for (const entry of profile[listName] ?? []) {
          const sentences = entry.sentences.map((id) => ids.get(id)).filter((id) => id !== undefined);
          if (++count % 64 === 0) yield;
          if (!sentences.length) continue;
          const list = lists[listName];
          const same = list.get(entry.name);
          if (same) for (const id of sentences) same.sentences.push(id); // no spread: lists run long
          else list.set(entry.name, { name: entry.name, kind: entry.kind, sentences });
        }
      }
    };
    yield* addEntries(old.profile, 'old');
    for (let runIndex = 0; runIndex < fresh.length; runIndex++) yield* addEntries(fresh[runIndex].analysis.profile, runIndex);
    const profileLists = {};
    for (const [listName, byName] of Object.entries(lists)) {
      const list = [...byName.values()];
      for (const entry of list) entry.sentences.sort((a, b) => a - b);
      list.sort((a, b) => a.sentences[0] - b.sentences[0]); // order of first appearance
      profileLists[listName] = list;
      yield;
    }
    const lang = fresh.length ? fresh[fresh.length - 1].analysis.lang : old.lang;
    return { lang, blocks, profile: { summary, ...profileLists, unattributed, hedged } };
  }

  globalThis.SourcelightArticle = Object.freeze({
    looksLikeArticle, read, readRoot, pointAt, diffBlocks, changedRuns, splitRuns, mergeAnalysis,
    mergeAnalysisInSlices, SLICE_MS, nextSlice,
  });
})();
