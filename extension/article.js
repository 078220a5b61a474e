// article.js: finds the article on the page and reads its prose as blocks of text, each
// with a table from text offsets (UTF-16) back to the live DOM text nodes.
//
// Finding the article is first asked of Mozilla's Readability, the algorithm of Firefox's
// Reader View (reader-view.js runs it on an inert copy of the page and maps its choice back
// to live elements); measured on the 181 pages of the article-extraction benchmark, it finds
// the article where our own heuristic painted menus, teaser cards and video pages
// (docs/article-detection.md). Our walker below reads the elements it chose. When
// Readability cannot be used (a page too big for its single task, an article in a shadow
// root or a same-origin frame, which the copy does not hold) or finds nothing that passes
// the article test, the walker finds the article itself with the same ideas: score
// containers by the paragraph text under them, drop "unlikely candidates" by tag, role,
// class and id, and distrust link-heavy blocks.
//
// Only prose is read. Every block is classed as it is read, and headings, captions and
// credits, bylines, datelines and times, link lists, short labels ("More on this story",
// "Image source, Getty"), calls to action and teaser cards (a linked heading with a line or
// two of summary) are left out: they are not the article's claims, and a highlight on one
// is a false accusation on someone's page. A page whose prose is too short, or mostly
// teasers, or a video page's description, holds no article: nothing is painted unless the
// reader asks for it anyway (`anyway`).
//
// One walk does everything, iteratively (an explicit stack, never recursion: pages
// nest 5,000 deep) and in slices that yield to the page every few milliseconds:
// - it skips chrome (nav, menus, header/footer outside an article, asides, comments,
//   related lists, cookie banners, ads, forms, editable areas, hidden and script
//   content, fixed and sticky overlays, unless a box of these holds the article);
// - it cuts the text into blocks at block-level elements (by computed display), so
//   inline elements (<em>, <a>, <q>, <span>) stay inside their sentence; <br> becomes
//   a virtual line break that maps to no node, and two of them end the block (text set
//   in one <div> with blank lines between its paragraphs);
// - it enters open shadow roots (through their slots) and same-origin iframes.
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
    'NAV', 'ASIDE', 'MENU', 'DIALOG', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT',
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
  // Class and id words, matched as whole words (camelCase split first), so that
  // "shadow", "heading" or "download" never match "ad" or "nav".
  const wholeWords = (words) => new RegExp(`(?:^|[\\s_-])(?:${words})(?=$|[\\s_-])`, 'i');
  // Chrome: never read, unless a box of these holds the article.
  const UNLIKELY = wholeWords(
    'nav|navbar|navigation|menu|breadcrumbs?|comments?|commentary-list|disqus|replies|'
    + 'related|recommended|recommendations?|read-?also|also-?read|see-?also|more-?stories|most-?read|'
    + 'popular|trending|share|sharing|social|cookies?|consent|gdpr|cmp|banner|ad|ads|advert|adverts|'
    + 'advertisement|adslot|sponsor|sponsored|promo|promos|promotion|newsletter|subscribe|signup|paywall|'
    + 'sidebar|widget|footer|masthead|toolbar|popup|modal|overlay|outbrain|taboola|tags|skip-link|'
    + 'teaser|teasers|recirc|recirculation|more-?on|more-?from|more-?news|you-?may-?like|'
    + 'around-?the-?web|top-?stories|editors-?picks|newsletters');
  // Furniture of the article, read (it may hold the article's own wrappers) but never prose.
  const CAPTION_WORDS = wholeWords(
    'captions?|figcaption|credits?|photo-?credit|image-?credit|copyright|courtesy|media-?caption|'
    + 'image-?caption|photo-?caption|wp-caption-text|picture-?credit');
  const META_WORDS = wholeWords(
    'bylines?|by-?line|authors?|author-?bio|author-?info|contributors?|dateline|timestamp|datetime|'
    + 'date|dates|time|pubdate|publish-?date|published|updated|meta|kicker|eyebrow|tag-?list|topics|'
    + 'keywords|reading-?time|read-?time|comment-?count|comments-?count|standfirst|dek|strapline|'
    + 'subtitle|sub-?headline');
  const CAMEL_BOUNDARY = /([a-z])([A-Z])/g;
  const LAYOUT_WHITESPACE = /[\t\n\r\f]/g;
  const SPACES = /\s+/g;
  // Scripts written without spaces between words (Han, kana, Hangul, Thai, ...).
  const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3134f}]/gu;
  const INLINE_DISPLAYS = new Set(['inline', 'inline-block', 'inline-flex', 'inline-grid', 'contents', 'ruby', 'ruby-text']);
  const HEADING = /^H[1-6]$/;
  const CAPTION_TAGS = new Set(['FIGURE', 'FIGCAPTION', 'CAPTION']);
  const META_TAGS = new Set(['TIME', 'ADDRESS']);
  const BOLD_TAGS = new Set(['B', 'STRONG']);
  // Prose ends a sentence; a label, a kicker or a button's text does not.
  // (Closing quotes, brackets, an emoji or a symbol may follow the stop.)
  const ENDS_SENTENCE = /[.!?…:;。！？]["'”’»)\]\s\u200d\ufe0f\u2190-\u2bff\u{1f000}-\u{1faff}]*$/u;
  const RELATIVE_TIME = new RegExp(
    '^(?:(?:last |first )?(?:updated|published|posted|modified|edited)\\s*:?\\s*)?'
    + '(?:\\d+|an?|one|a few)\\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\\s+ago\\b'
    + '|^(?:mis à jour |publié )?il y a (?:\\d+|une?|quelques) (?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois|ans?)\\b', 'i');
  // What a dateline is made of: once these are taken out, nothing is left.
  const DATE_WORDS = new RegExp(
    '\\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|'
    + 'oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|'
    + 'fri(?:day)?|sat(?:urday)?|sun(?:day)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|'
    + 'octobre|novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|today|yesterday|'
    + 'aujourd’hui|hier|updated|published|posted|last|modified|on|at|le|à|am|pm|a\\.m|p\\.m|utc|gmt|bst|cet|'
    + 'cest|est|edt|pst|pdt|et|pt|mis à jour|publié|st|nd|rd|th|er)\\b|\\d+', 'giu');
  const DATELINE_MAX = 100;
  // Credits and captions by their words: "Photo: …", "Image source, …", "(AP Photo/…)".
  const CREDIT = /^(?:photos?|images?|pictures?|video|illustrations?|graphics?|photograph|footage|credits?|source|foto)\s*(?:credit|source|by)?\s*[:/,|©]|\((?:AP|AFP|EPA|Reuters|Getty|PA|Bloomberg|Xinhua)\s*(?:Photos?|Images?|Pool|via)\b[^)]*\)|^©|^(?:media|image) caption/i;
  // Calls to action and pointers elsewhere, short.
  const CALL_TO_ACTION = /^(?:share (?:this|it|on|the (?:story|article))|subscribe\b|sign up\b|follow us\b|download (?:the|our) app|click here|tap here|read more\b|read also\b|see also\b|more on this\b|related\s*:|related (?:stories|articles|content|links|topics)\b|watch\s*:|listen\s*:|advertisement\b|sponsored\b|lire aussi\b|à lire aussi\b|abonnez-vous\b|partager\b)/i;
  const CALL_TO_ACTION_MAX = 160;
  // Headings of lists of other stories: the list under such a heading, or the box that opens
  // with it, is not the article ("More on this story", "Related", "Most read").
  const RELATED_HEADING = /^(?:more on this(?: story)?|related(?: stories| articles| content| coverage| topics| links)?|read more|read also|also read|see also|most read|most popular|more from\b.*|more stories|you may also like|you might also like|recommended(?: for you)?|what to read next|lire aussi|à lire aussi|sur le même sujet|les plus lus)\s*:?$/i;
  const RELATED_HEADING_MAX = 60;

  // Slices: work this long, then let the page run (nextSlice). Shared with highlight.js
  // and content.js, so the page gets the same share of the main thread from every step.
  const SLICE_MS = 8;
  const CHECK_EVERY = 64;
  // Scoring: a paragraph-like block counts when it has this much text.
  const MIN_PARAGRAPH = 30;
  // A line this short that ends no sentence is a label ("More on this story"), not prose.
  const SHORT_LINE = 80;
  // A page holds an article when its prose has this much text in this many paragraphs (or
  // one paragraph of LONE_PARAGRAPH), and some container holds two paragraphs or more side
  // by side with MIN_SIBLING_CHARS (the walker's own test: a home page's teasers sit one
  // per card, an article's paragraphs share a parent).
  const MIN_ARTICLE_CHARS = 250;
  const MIN_ARTICLE_PARAGRAPHS = 2;
  const LONE_PARAGRAPH = 400;
  const MIN_SIBLING_CHARS = 120;
  // A teaser card: a container holding a linked label (its heading) and at most this much
  // prose in at most two blocks.
  const TEASER_PROSE_CHARS = 400;
  const TEASER_MAX_BLOCKS = 6;
  // A page of teasers: at least this many cards, holding more prose than everything else.
  const MIN_TEASERS = 5;
  // A video page (it says so in its metadata) holds an article only with this much prose
  // beside the video: a description of a few lines is not one.
  const VIDEO_PAGE_PROSE = 1500;
  // A block this long is a paragraph of its own, not a headline or a byline.
  const LONG_PARAGRAPH = 120;
  // Ancestors a block's score is credited to (Readability credits a few levels too).
  const SCORE_LEVELS = 6;
  // The root is the deepest container holding this share of the best container's text.
  const ROOT_SHARE = 0.8;

  /**
   * @typedef {{el: Element, text: string, nodes: Text[], starts: number[], lengths: number[],
   *   chars: number, linkChars: number, kind: 'prose'|'heading'|'caption'|'meta'|'links'|'label',
   *   teaser?: boolean}} Block
   * `nodes[i]` holds `text.slice(starts[i], starts[i] + lengths[i])`; offsets between
   * entries are virtual (line breaks) and map to no node. `chars`: the visible length of
   * `text` (white space collapsed), by which every threshold is measured. Only prose blocks that are not
   * teasers are read; the others are kept by the walk for the tests of the article.
   */

  // ---------------------------------------------------------------------------------
  // The cheap check: no style, no walk; used before anything else on "all sites".

  /** Whether the document plausibly holds an article: a few milliseconds at most. */
  function looksLikeArticle(doc = document) {
    const type = doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
    if (/article/i.test(type)) return true;
    if (doc.querySelector('article, [itemprop="articleBody"]')) return true;
    if (globalThis.SourcelightReaderView?.readerable(doc)) return true;
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

  /** Whether the page says it is a video's page (Open Graph type or JSON-LD), cheaply. */
  function isVideoPage(doc) {
    const type = doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
    if (/^video/i.test(type)) return true;
    if (/article/i.test(type)) return false;
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      const text = script.textContent ?? '';
      if (text.length > 100_000) continue;
      if (/"@type"\s*:\s*"(?:News|Blog|Reportage|Analysis|Opinion)?Article"|"@type"\s*:\s*"BlogPosting"/.test(text)) return false;
      if (/"@type"\s*:\s*"VideoObject"/.test(text)) return true;
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
   * `articleChars`: in a walk of Readability's choice, the length of the root's text; a box
   * named like chrome that holds half of it is the article's own wrapper.
   */
  function isSkipped(el, insideArticle, articleChars = 0) {
    if (isNeverRead(el, insideArticle)) return true;
    return UNLIKELY.test(classWords(el)) && !holdsMainContent(el, articleChars);
  }

  /** What is never read whatever its neighbours: by tag, role, attributes. */
  function isNeverRead(el, insideArticle) {
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return true;
    // A form is a sign-in box or a comment field, unless the site wraps its whole page in
    // one (ASP.NET pages do).
    if (tag === 'FORM' && !holdsMainContent(el)) return true;
    if (!insideArticle && CHROME_OUTSIDE_ARTICLE.has(tag)) return true;
    if (el.hidden || el.inert || el.getAttribute('aria-hidden') === 'true') return true;
    if (el.isContentEditable || el.hasAttribute('contenteditable')) return true;
    const role = el.getAttribute('role');
    if (role && SKIPPED_ROLES.has(role)) return true;
    if (el.getAttribute('aria-modal') === 'true') return true;
    return false;
  }

  /**
   * For the copy Readability parses: what is never read and what nobody sees. Not the class
   * words: Readability has its own list, with exceptions for the article's wrappers.
   */
  function isPruned(el, insideArticle) {
    return isNeverRead(el, insideArticle) || !readableStyle(el);
  }

  /**
   * A wrapper named after what sits beside it ("layout with-sidebar", "has-comments")
   * still holds the article: checked only when a class word matched, so it stays cheap.
   * `articleChars`: see isSkipped.
   */
  function holdsMainContent(el, articleChars = 0) {
    if (articleChars > 0) return el.textContent.length * 2 >= articleChars;
    if (el.querySelector('article, main, [role="main"], [itemprop="articleBody"]')) return true;
    const inside = el.getElementsByTagName('p').length;
    return inside >= 3 && inside >= el.ownerDocument.getElementsByTagName('p').length / 2;
  }

  /**
   * What an element makes of the text under it that is not prose: a heading, a caption or
   * credit, the article's furniture (byline, dateline, time, tags), or null. Class words
   * count only on an element that does not hold the article itself.
   */
  function ownKind(el) {
    const tag = el.tagName.toUpperCase();
    if (HEADING.test(tag) || tag === 'HGROUP' || el.getAttribute('role') === 'heading') return 'heading';
    if (CAPTION_TAGS.has(tag)) return 'caption';
    if (META_TAGS.has(tag)) return 'meta';
    // An article's own header: headline, standfirst, byline, dateline.
    if (tag === 'HEADER') return holdsMainContent(el) ? null : 'meta';
    const words = classWords(el);
    if (words.length < 2) return null;
    const kind = CAPTION_WORDS.test(words) ? 'caption' : META_WORDS.test(words) ? 'meta' : null;
    return kind && !holdsMainContent(el) ? kind : null;
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
   * What a block is, from the elements its text sits in and from the text itself.
   * @param {object} block with `text`, `linkChars` and the characters under each kind
   * @returns {Block['kind']}
   */
  function classify(block) {
    const text = block.text.trim();
    const length = block.chars;
    for (const kind of ['heading', 'caption', 'meta']) if (block[kind] * 2 >= length) return kind;
    if (block.linkChars * 2 > length) return 'links';
    const endsSentence = ENDS_SENTENCE.test(text);
    // Subheadings set in bold in their own paragraph.
    if (!endsSentence && block.bold * 10 >= length * 9) return 'heading';
    if (RELATIVE_TIME.test(text) || isDateline(text)) return 'meta';
    if (CREDIT.test(text)) return 'caption';
    if (!endsSentence && length < SHORT_LINE) return 'label';
    if (length < CALL_TO_ACTION_MAX && CALL_TO_ACTION.test(text)) return 'label';
    return 'prose';
  }

  /**
   * A list of other stories: an element that opens with, or follows, a heading such as
   * "More on this story" or "Most read" (RELATED_HEADING). Cheap: two neighbours looked at.
   */
  function isRelatedList(el) {
    return isRelatedHeading(el.firstElementChild) || (!HEADING.test(el.tagName) && isRelatedHeading(el.previousElementSibling));
  }

  function isRelatedHeading(el) {
    if (!el || !(HEADING.test(el.tagName) || el.getAttribute('role') === 'heading' || BOLD_TAGS.has(el.tagName))) return false;
    const text = el.textContent.replace(SPACES, ' ').trim();
    return text.length <= RELATED_HEADING_MAX && RELATED_HEADING.test(text);
  }

  /** A short line made only of a date, a time and the words around them. */
  function isDateline(text) {
    if (text.length > DATELINE_MAX) return false;
    const left = text.replace(DATE_WORDS, ' ').replace(/[^\p{L}]+/gu, '');
    return left.length < 3;
  }

  /**
   * Walks `start` (an element) into blocks. Returns the blocks (of every kind, see Block)
   * and, for scoring, each container's paragraph text and the range of blocks under it.
   *
   * @param {Element} start
   * @param {{signal?: {aborted: boolean}, scoring?: boolean, insideArticle?: boolean,
   *   filter?: {kept: Set<Element>, paths: Set<Element>, known: WeakSet<Element>, chars: number}}} options
   *   `filter`: Readability's choice (reader-view.js): of the elements it was shown, only
   *   those it kept are read, and those between them and the root are gone through; an
   *   element it never saw (added since, or in a shadow root) is read as usual.
   */
  async function walk(start, { signal, scoring = false, insideArticle = false, filter = null } = {}) {
    const articleChars = filter ? filter.chars : 0;
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
      block.chars = visibleLength(block.text);
      if (!block.chars) return;
      block.kind = classify(block);
      blocks.push(block);
      if (scoring && block.kind === 'prose') credit(block, block.chars);
    };

    // Stack frames: an element entered, its rendered children and where we are in them.
    const stack = [];
    const credit = (block, length) => {
      if (length < MIN_PARAGRAPH) return;
      block.credited = [];
      let level = 0;
      for (let i = stack.length - 1; i >= 0 && level < SCORE_LEVELS; i--) {
        const el = stack[i].el;
        if (el === block.el) continue;
        score.set(el, (score.get(el) ?? 0) + length);
        block.credited.push(el);
        if (level === 0) {
          const own = siblings.get(el) ?? { chars: 0, count: 0 };
          own.chars += length;
          own.count += 1;
          siblings.set(el, own);
        }
        level += 1;
      }
    };

    /**
     * A container just closed: if it is a teaser card (a linked label and a line or two of
     * prose), its prose is a summary of another page, not this one's article.
     */
    const closeContainer = (frame) => {
      const count = blocks.length - frame.firstBlock;
      if (count < 2 || count > TEASER_MAX_BLOCKS || frame.el === start) return;
      let label = false;
      let prose = 0;
      let chars = 0;
      for (let i = frame.firstBlock; i < blocks.length; i++) {
        const block = blocks[i];
        if (block.teaser) return;
        // The card's heading: a short line that is mostly a link (a linked <h3> or not).
        if (block.linkChars * 2 > block.chars && block.chars < LONG_PARAGRAPH * 2) label = true;
        else if (block.kind === 'prose') {
          prose += 1;
          chars += block.chars;
        }
      }
      if (!label || prose < 1 || prose > 2 || chars > TEASER_PROSE_CHARS) return;
      for (let i = frame.firstBlock; i < blocks.length; i++) {
        const block = blocks[i];
        if (block.kind !== 'prose') continue;
        block.teaser = true;
        if (scoring) uncredit(block);
      }
    };

    const uncredit = (block) => {
      const length = block.chars;
      (block.credited ?? []).forEach((el, level) => {
        score.set(el, score.get(el) - length);
        if (level === 0) {
          const own = siblings.get(el);
          own.chars -= length;
          own.count -= 1;
        }
      });
    };

    // Shadow roots and frame documents crossed: a MutationObserver on the article root
    // does not see into them, so the content script observes them too.
    const subtrees = [];
    const enter = (el, style) => {
      const isBlock = !INLINE_DISPLAYS.has(style.display);
      if (el.shadowRoot) subtrees.push({ host: el, tree: el.shadowRoot });
      else if (el.tagName === 'IFRAME' && el.contentDocument?.body) subtrees.push({ host: el, tree: el.contentDocument.body });
      const parent = stack.length ? stack[stack.length - 1] : null;
      const article = (parent ? parent.insideArticle : insideArticle) || el.tagName === 'ARTICLE';
      if (isBlock) flush();
      stack.push({
        el, children: renderedChildren(el), index: 0, isBlock, insideArticle: article,
        blockEl: isBlock ? el : (parent ? parent.blockEl : el),
        inLink: el.tagName === 'A' || (parent ? parent.inLink : false),
        bold: BOLD_TAGS.has(el.tagName) || (parent ? parent.bold : false),
        kind: (parent ? parent.kind : null) ?? ownKind(el),
        // An element Readability did not keep, on the way to one it kept: not its own text.
        ownText: !filter || !filter.paths.has(el),
        firstBlock: blocks.length,
      });
    };
    const filtered = (el) => filter !== null && !filter.kept.has(el) && !filter.paths.has(el) && filter.known.has(el);

    const startStyle = readableStyle(start);
    if (!startStyle) return { blocks, score, spans, siblings, subtrees };
    enter(start, startStyle);

    let breaks = 0; // <br>s in a row, with only white space between them
    while (stack.length) {
      if (signal?.aborted) return { blocks: [], score, spans, siblings, subtrees, aborted: true };
      if (++steps % CHECK_EVERY === 0 && performance.now() > deadline) {
        await nextSlice();
        deadline = performance.now() + SLICE_MS;
      }
      const frame = stack[stack.length - 1];
      if (frame.index >= frame.children.length) {
        stack.pop();
        if (frame.isBlock) {
          flush();
          closeContainer(frame);
        }
        if (scoring && (score.has(frame.el) || frame.el.tagName === 'ARTICLE')) {
          spans.set(frame.el, [frame.firstBlock, blocks.length]);
        }
        continue;
      }
      const node = frame.children[frame.index++];
      if (node.nodeType === 3 /* TEXT_NODE */) {
        if (!frame.ownText) continue;
        if (node.data.trim()) breaks = 0;
        addText(node, frame);
      } else if (node.nodeType === 1 /* ELEMENT_NODE */) {
        if (node.tagName === 'BR') {
          // Two line breaks in a row end a paragraph set without <p>s.
          if (++breaks >= 2) flush();
          else if (current?.nodes.length) addVirtual(' ');
          continue;
        }
        breaks = 0;
        if (filtered(node) || isSkipped(node, frame.insideArticle, articleChars) || isRelatedList(node)) continue;
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
        current = {
          el: frame.blockEl, parts: [], nodes: [], starts: [], lengths: [], length: 0,
          linkChars: 0, bold: 0, heading: 0, caption: 0, meta: 0,
        };
      }
      current.nodes.push(node);
      current.starts.push(current.length);
      current.lengths.push(data.length);
      current.parts.push(data);
      current.length += data.length;
      const chars = visibleLength(data);
      if (frame.inLink) current.linkChars += chars;
      if (frame.bold) current.bold += chars;
      if (frame.kind) current[frame.kind] += chars;
    }

    function addVirtual(text) {
      current.parts.push(text);
      current.length += text.length;
    }
  }

  /** Characters a reader sees: white space collapsed, none at the ends. */
  function visibleLength(text) {
    return text.replace(SPACES, ' ').trim().length;
  }

  /**
   * The blocks that are read: prose, not teasers; teasers too when the reader asked for a
   * page that holds no article to be read anyway (a section front's main content is them).
   */
  function proseOf(blocks, { teasers = false } = {}) {
    return blocks.filter((block) => block.kind === 'prose' && (teasers || !block.teaser));
  }

  /**
   * Whether blocks read from a root (of every kind, as the walk returns them) are an
   * article: enough prose, not mostly teasers, not a video's description.
   */
  function isArticle(blocks, doc) {
    let chars = 0;
    let paragraphs = 0;
    let longest = 0;
    let teasers = 0;
    let teaserChars = 0;
    for (const block of blocks) {
      if (block.kind !== 'prose') continue;
      // A character of a script written without spaces carries about a word's share of a
      // sentence: it counts twice (as in the command-line tool).
      const length = block.chars + (block.text.match(UNSPACED)?.length ?? 0);
      if (block.teaser) {
        teasers += 1;
        teaserChars += length;
        continue;
      }
      chars += length;
      longest = Math.max(longest, length);
      if (length >= MIN_PARAGRAPH) paragraphs += 1;
    }
    if (chars < MIN_ARTICLE_CHARS) return false;
    if (paragraphs < MIN_ARTICLE_PARAGRAPHS && longest < LONE_PARAGRAPH) return false;
    if (teasers >= MIN_TEASERS && teaserChars > chars) return false;
    if (chars < VIDEO_PAGE_PROSE && isVideoPage(doc)) return false;
    return true;
  }

  // ---------------------------------------------------------------------------------
  // Finding the article

  /**
   * Finds the article in `doc` and reads its prose.
   *
   * @param {Document} doc
   * @param {{signal?: {aborted: boolean}, anyway?: boolean}} options `anyway`: the reader
   *   asked to analyse the page even though it holds no article: its main content is read
   *   (Readability's choice, else the walker's, else the whole body), prose only.
   * @returns {Promise<{root: Element|null, blocks: Block[], subtrees?: Node[], aborted?: boolean,
   *   filter?: object|null, method?: 'reader-view'|'walker'|'anyway', readerable?: boolean}>}
   *   `subtrees`: shadow roots and frame bodies inside the root, to observe as well;
   *   `filter`: Readability's choice, for readRoot.
   */
  async function read(doc = document, { signal, anyway = false } = {}) {
    const body = doc.body;
    if (!body) return { root: null, blocks: [] };
    const ReaderView = globalThis.SourcelightReaderView;
    const fits = ReaderView?.fits(doc) ?? false;
    // Reader View's own test, reported in the state (it reads the whole article's text once:
    // not on pages too big for Readability anyway).
    const readerable = fits ? ReaderView.readerable(doc) : null;
    let fallback = null;
    if (fits) {
      const found = await ReaderView.find(doc, { prune: isPruned, signal, nextSlice });
      if (signal?.aborted) return { root: null, blocks: [], aborted: true };
      if (found) {
        const walked = await walk(found.root, { signal, insideArticle: true, filter: found });
        if (walked.aborted) return { root: null, blocks: [], aborted: true };
        const reading = {
          root: found.root, blocks: proseOf(walked.blocks), subtrees: walked.subtrees.map(({ tree }) => tree),
          filter: found, method: 'reader-view', readerable, timings: found.timings,
        };
        if (isArticle(walked.blocks, doc)) return withHeadline(reading, signal);
        const main = proseOf(walked.blocks, { teasers: true });
        if (main.length) fallback = { ...reading, blocks: main };
      }
    }
    const walked = await walk(body, { signal, scoring: true });
    if (walked.aborted) return { root: null, blocks: [], aborted: true };
    const root = chooseRoot(walked, body);
    if (root) {
      const [first, end] = walked.spans.get(root) ?? [0, walked.blocks.length];
      const blocks = walked.blocks.slice(first, end);
      const subtrees = walked.subtrees.filter(({ host }) => isComposedAncestor(root, host)).map(({ tree }) => tree);
      const reading = { root, blocks: proseOf(blocks), subtrees, filter: null, method: 'walker', readerable };
      if (isArticle(blocks, doc)) return withHeadline(reading, signal);
      const main = proseOf(blocks, { teasers: true });
      if (!fallback && main.length) fallback = { ...reading, blocks: main };
    }
    if (!anyway) return { root: null, blocks: [], readerable };
    if (fallback) return withHeadline({ ...fallback, method: 'anyway' }, signal);
    const everything = proseOf(walked.blocks, { teasers: true });
    return { root: everything.length ? body : null, blocks: everything, subtrees: walked.subtrees.map(({ tree }) => tree), filter: null, method: 'anyway', readerable };
  }

  /**
   * The reading with the article's headline as its first block. The core takes an
   * article's first block, when it is one sentence, for the headline ("The headline is not
   * a claim"), as the command-line tool's extraction gives it; without one, the article's
   * first paragraph would be taken for it. Read, never painted: the core's verdict on a
   * headline is `none`. The headline is the root's first <h1>, else the last <h1> before
   * the root outside the site's header, navigation and footer; on a page without one, the
   * title Readability read (or the page's, less the site's name) as a block of text alone,
   * which maps to no node and is never painted.
   */
  async function withHeadline(reading, signal) {
    const heading = headlineElement(reading.root);
    const walked = heading ? await walk(heading, { signal, insideArticle: true }) : { blocks: [] };
    const parts = walked.blocks.filter((block) => block.nodes.length);
    if (walked.aborted) return reading;
    if (!parts.length) {
      const text = titleText(reading);
      if (!text) return reading;
      const virtual = { el: null, nodes: [], starts: [], lengths: [], text, kind: 'heading', headline: true };
      virtual.chars = visibleLength(text);
      return { ...reading, blocks: [virtual, ...reading.blocks] };
    }
    // One block, even when the heading's lines are set as blocks of their own.
    const headline = { el: heading, nodes: [], starts: [], lengths: [], text: '', kind: 'heading', headline: true };
    for (const part of parts) {
      const offset = headline.text.length + (headline.text ? 1 : 0);
      headline.text += (headline.text ? ' ' : '') + part.text;
      part.nodes.forEach((node, i) => {
        headline.nodes.push(node);
        headline.starts.push(part.starts[i] + offset);
        headline.lengths.push(part.lengths[i]);
      });
    }
    headline.chars = visibleLength(headline.text);
    return { ...reading, blocks: [headline, ...reading.blocks] };
  }

  /** Readability's title, else the document's without the site's name ("Story | Site"). */
  function titleText(reading) {
    const doc = reading.root?.ownerDocument;
    let title = (reading.filter?.title ?? doc?.title ?? '').replace(SPACES, ' ').trim();
    if (!reading.filter?.title) {
      const parts = title.split(/\s[|–—-]\s/);
      if (parts.length > 1 && parts[0].split(' ').length >= 3) title = parts[0];
    }
    return title;
  }

  function headlineElement(root) {
    if (!root?.ownerDocument) return null;
    const inside = root.querySelector?.('h1');
    if (inside) return inside;
    let before = null;
    for (const h1 of root.ownerDocument.getElementsByTagName('h1')) {
      if (!(h1.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      if (!h1.closest('nav, footer, aside, header:not(article header)')) before = h1;
    }
    return before;
  }

  function isComposedAncestor(ancestor, node) {
    for (let at = node; at; at = parentOf(at)) if (at === ancestor) return true;
    return false;
  }

  function chooseRoot({ blocks, score, spans, siblings }, body) {
    let best = 0;
    for (const chars of score.values()) best = Math.max(best, chars);
    if (best < MIN_PARAGRAPH) return null;
    let side = 0;
    for (const { chars, count } of siblings.values()) if (count >= 2) side = Math.max(side, chars);
    // A lone long paragraph (a brief) has no sibling; the article test decides about it.
    if (side < MIN_SIBLING_CHARS && best < LONE_PARAGRAPH) return null;
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
    // Climb to the enclosing <article> or a wrapper or two that add headings and short
    // lines (headline, standfirst, byline, captions) but no further paragraphs.
    const rootChars = score.get(root) ?? 0;
    let chosen = root;
    for (let level = 0; level < 3 && !isArticleElement(chosen); level++) {
      const parent = parentOf(chosen);
      if (!parent || parent === body || !spans.has(parent)) break;
      const [pFirst, pEnd] = spans.get(parent);
      const [cFirst, cEnd] = spans.get(chosen) ?? [first, end];
      const extra = proseOf(blocks.slice(pFirst, cFirst).concat(blocks.slice(cEnd, pEnd)));
      const extraChars = extra.reduce((n, b) => n + b.chars, 0);
      if (extra.some((b) => b.chars >= LONG_PARAGRAPH) || extraChars > rootChars * 0.25) break;
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

  /**
   * Reads the prose under an already chosen root again (the article changed), through
   * the same Readability choice (`filter`) when there was one: what it dropped stays out,
   * what the page added since is read. `anyway`: as read().
   */
  async function readRoot(root, { signal, filter = null, anyway = false } = {}) {
    // The root was chosen as the article: its own header and footer are content.
    const walked = await walk(root, { signal, insideArticle: true, filter });
    const blocks = proseOf(walked.blocks, { teasers: anyway });
    const reading = { root, blocks, subtrees: walked.subtrees.map(({ tree }) => tree), aborted: walked.aborted };
    return walked.aborted || !reading.blocks.length ? reading : withHeadline(reading, signal);
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
    looksLikeArticle, read, readRoot, classify, pointAt, diffBlocks, changedRuns, splitRuns, mergeAnalysis,
    mergeAnalysisInSlices, SLICE_MS, nextSlice,
  });
})();
