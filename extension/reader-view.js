// reader-view.js: asks Mozilla's Readability, the algorithm of Firefox's Reader View
// (vendor/readability/, copied from the npm package by build.sh), which elements of the
// page are the article, without letting it touch the page.
//
// Readability rewrites the document it is given and hands back new HTML. So it is given a
// copy: the page's <body> imported into an inert document (one with no window: nothing in it
// loads, runs or is styled), each copied element carrying the index of the live element it
// was copied from in a `data-*` attribute. Readability moves, renames and drops elements but
// keeps attributes (it copies them when it renames a <div> into a <p>), so the elements of
// its article still carry their index: those are the live elements it chose. Measured on the
// 181 pages of the article-extraction benchmark, 99.95 % of its article's text sits under an
// element that maps back. Where it makes a new element for text it moved (a <div> of text
// becomes a new <p>), the text node itself is the one copied: a map from copied text nodes
// to live ones gives its live parent (unless Readability parsed its own HTML again, when its
// first try found too little: then the elements' indices alone say).
//
// Before parsing, the copy loses what the live page shows nobody or what is never article
// (hidden elements, scripts, styles, navigation, forms, ...: `prune`, from article.js), which
// spares Readability work and keeps it from choosing text the reader cannot see.
//
// Costs, on the main thread: the copy and its index are one task (median 4 ms on the
// benchmark's pages: importing a detached body parses no style sheet), Readability's parse is
// another that cannot be sliced (median 5.5 ms, p90 11 ms, up to about 110 ms on the slowest
// page of a busy machine). A page above MAX_ELEMENTS elements or MAX_CHARS characters of text
// (MAX_RAW_CHARS before the copy), or nested deeper than MAX_DEPTH, is not given to it (its
// parse would hold the page too long): the caller falls back to its own walker.

(() => {
  'use strict';

  const INDEX = 'data-sourcelight-index';
  // Above these, Readability's single task would pass the 50 ms budget on a busy machine.
  const MAX_ELEMENTS = 6000;
  const MAX_CHARS = 150_000;
  // Checked before the copy, on the live body's text, scripts and styles included (one string
  // built natively, a millisecond or two): copying the 100,000-word bench page just to find it
  // over MAX_CHARS was a task of 120 ms in Chromium and 200 ms in Firefox.
  const MAX_RAW_CHARS = 400_000;
  // Readability's time grows with the depth of nesting times the size (its walks climb to the
  // root from every node): a page nested deeper is left to the walker.
  const MAX_DEPTH = 256;
  // Never copied: what holds no article text and only costs Readability time.
  const NEVER_COPIED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'MATH', 'math', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED']);

  /** Whether Readability and its reader-ability test are there (they are in every build). */
  function available() {
    return typeof globalThis.Readability === 'function' && typeof globalThis.isProbablyReaderable === 'function';
  }

  /**
   * Whether the page is small enough for Readability's single task (cheap: one count).
   * @param {Document} doc
   */
  function fits(doc) {
    return available() && doc.body !== null && doc.getElementsByTagName('*').length <= MAX_ELEMENTS
      && (doc.body.textContent ?? '').length <= MAX_RAW_CHARS;
  }

  /**
   * Reader View's own test of whether a page is worth parsing: enough long paragraphs
   * (a fraction of a millisecond). It says no to some real articles, so it is one signal
   * among others, never the only gate.
   */
  function readerable(doc) {
    try {
      return available() && globalThis.isProbablyReaderable(doc);
    } catch {
      return false;
    }
  }

  /**
   * The inert copy of the page's body, indexed, without the pruned elements.
   * @param {Document} doc
   * @param {(el: Element, insideArticle: boolean) => boolean} prune
   * @returns {{copy: Document, live: Element[], unseen: Element[], texts: Map<Text, Text>} | null}
   *   `live[i]` is the element copied with index i; `unseen`, those left out of the copy;
   *   `texts`, each copied text node's live one.
   */
  function copyOf(doc, prune) {
    const copy = doc.implementation.createHTMLDocument(doc.title);
    // Imported, not cloned into the document: the copy's nodes belong to the inert document
    // from the start, and while detached no <style> in them is parsed.
    const body = copy.importNode(doc.body, true);
    const live = [];
    const texts = new Map(); // copied text node → live text node
    const dropped = [];
    // Live elements left out of the copy: seen, and not chosen (the walk must not take an
    // iframe or a hidden box for something added to the page since).
    const unseen = [];
    // Live and copied elements side by side, children in the same order (an import is exact).
    const stack = [[doc.body, body, false, 0]];
    while (stack.length) {
      const [from, to, insideArticle, depth] = stack.pop();
      if (depth > MAX_DEPTH) return null;
      to.setAttribute(INDEX, String(live.length));
      live.push(from);
      const fromNodes = from.childNodes;
      const toNodes = to.childNodes;
      for (let i = 0; i < fromNodes.length; i++) if (fromNodes[i].nodeType === 3) texts.set(toNodes[i], fromNodes[i]);
      const fromChildren = from.children;
      const toChildren = to.children;
      if (fromChildren.length !== toChildren.length) return null; // cannot happen; never map wrongly
      for (let i = 0; i < fromChildren.length; i++) {
        const child = fromChildren[i];
        if (NEVER_COPIED.has(child.tagName) || prune(child, insideArticle)) {
          dropped.push(toChildren[i]);
          unseen.push(child);
          continue;
        }
        stack.push([child, toChildren[i], insideArticle || child.tagName === 'ARTICLE', depth + 1]);
      }
    }
    for (const element of dropped) element.remove();
    copy.documentElement.replaceChild(body, copy.body);
    return { copy, live, unseen, texts };
  }

  /**
   * Runs Readability on a copy of `doc` and maps its article back to live elements.
   * Resolves null when the page is too big, Readability finds nothing, or its article maps
   * to no live element.
   *
   * @param {Document} doc
   * @param {{prune: (el: Element, insideArticle: boolean) => boolean, signal?: {aborted: boolean},
   *   nextSlice: () => Promise<void>}} options
   * @returns {Promise<{kept: Set<Element>, paths: Set<Element>, known: WeakSet<Element>,
   *   root: Element, chars: number, title: string|null} | null>} `kept`: the live elements Readability
   *   kept; `paths`: the elements between `root` and them that it did not keep (wrappers it
   *   removed); `known`: every live element it was shown (one the page adds later is not);
   *   `root`: the deepest live element holding every kept one; `chars`: the length of its
   *   article's text; `timings`: `{copyMs, parseMs}`, the two tasks' durations.
   */
  async function find(doc, { prune, signal, nextSlice }) {
    if (!fits(doc)) return null;
    const t0 = performance.now();
    const copied = copyOf(doc, prune);
    if (!copied || (copied.copy.body.textContent ?? '').length > MAX_CHARS) return null;
    const copyMs = performance.now() - t0;
    await nextSlice();
    if (signal?.aborted) return null;
    const t1 = performance.now();
    let article = null;
    try {
      // keepClasses: class names are not ours to clean, and cleaning them costs time.
      // The serializer hands back the article element itself instead of its HTML.
      article = new globalThis.Readability(copied.copy, { keepClasses: true, disableJSONLD: true, serializer: (el) => el }).parse();
    } catch {
      article = null;
    }
    const parseMs = performance.now() - t1;
    if (!article?.content) return null;
    await nextSlice();
    if (signal?.aborted) return null;
    const kept = new Set();
    for (const element of article.content.querySelectorAll(`[${INDEX}]`)) {
      const live = copied.live[Number(element.getAttribute(INDEX))];
      if (live?.isConnected) kept.add(live);
    }
    const walker = copied.copy.createTreeWalker(article.content, 4 /* NodeFilter.SHOW_TEXT */);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const parent = copied.texts.get(text)?.parentElement;
      if (parent?.isConnected) kept.add(parent);
    }
    if (!kept.size) return null;
    const root = commonAncestor(kept);
    // The elements between the root and the kept ones, which the walk must go through.
    const paths = new Set();
    for (const element of kept) {
      for (let at = element.parentElement; at && at !== root && !paths.has(at) && !kept.has(at); at = at.parentElement) {
        paths.add(at);
      }
    }
    return {
      kept, paths, known: new WeakSet([...copied.live, ...copied.unseen]), root, chars: article.length ?? 0, title: article.title ?? null,
      timings: { copyMs, parseMs },
    };
  }

  /** The deepest element holding all of `elements` (all in one document). */
  function commonAncestor(elements) {
    let root = null;
    let chain = null; // root's ancestors, itself included
    for (const element of elements) {
      if (!root) {
        root = element;
        chain = new Set();
        for (let at = root; at; at = at.parentElement) chain.add(at);
        continue;
      }
      // The first of the element's ancestors (itself included) on the root's chain.
      let at = element;
      while (at && !chain.has(at)) at = at.parentElement;
      if (!at) continue;
      // Drop the chain below the new root.
      for (let below = root; below && below !== at; below = below.parentElement) chain.delete(below);
      root = at;
    }
    return root;
  }

  globalThis.SourcelightReaderView = Object.freeze({ available, fits, readerable, find, commonAncestor });
})();
