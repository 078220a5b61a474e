// content.js: the content script's conductor. Reads the article (article.js), asks the
// background for the analysis, paints it (highlight.js), answers the popup, and keeps
// the highlights true while the page changes.
//
// It is injected by the toolbar button or the shortcut (scripting.executeScript) or, on
// sites the reader enabled, by a registered content script at document_idle. Injected
// again, it first tears down the instance before it. It never changes the page's DOM.
//
// ## The API for card.js and navigate.js (keep it stable)
// `globalThis.__sourcelight`, in the content scripts' isolated world:
// - `state`: `{status: 'loading'|'ok'|'no-article'|'unsupported-language'|'unreadable'|'error',
//     error: string|null, language: string|null (the code of the language found, with
//     'unsupported-language'),
//     enabled: boolean, painted: Verdict[] (painted strongly; named ones are drawn subtly
//     when 'named' is not among them), analysis: AnalysisView|null,
//     sentences: Map<id, {id, verdict, view: SentenceView, text: string, ranges: AbstractRange[]}>,
//     timings: {collectMs, analyseMs, paintMs, totalMs, copyMs?, parseMs?}|null}`; read it, never write it.
// - `on(event, fn)` / `off(event, fn)`: `'painted'` after every paint (also repaints after
//   the page changed: ids and ranges may have changed), `'cleared'` when highlights go.
// - `sentenceAt(x, y)`: the id of the highlighted sentence under a viewport point, or null.
// - `rangesOf(id)`: the sentence's ranges (empty when unknown): StaticRanges where the
//   browser has them (highlight.js says why), so measure them with
// - `clientRects(range)` / `boundingRect(range)`: a range's rectangles in its viewport.
// - `scrollToSentence(id)`: scrolls it into view and flashes it; false when unknown.
// - `flagged()`: ids of the sentences painted strongly, in reading order.
// - `flaggedElsewhere()`: those of them outside the top document's own tree (in shadow
//   roots or same-origin frames), in reading order; empty on most pages, and cheap.
// - `teardown()`: removes everything this instance added (listeners, observers, highlights).
//
// Performance marks `sourcelight:request` (analysis requested) and `sourcelight:painted`
// (highlights registered) go to the page's timeline where the browser shares it with
// content scripts; the durations are always in `state.timings`.

(() => {
  'use strict';

  globalThis.__sourcelight?.teardown?.();

  const api = globalThis.browser ?? globalThis.chrome;
  const P = globalThis.SOURCELIGHT_PROTOCOL;
  const Article = globalThis.SourcelightArticle;
  const Highlight = globalThis.SourcelightHighlight;

  const VERDICTS = ['named', 'anonymous', 'unattributed'];
  const DEFAULT_PAINTED = ['anonymous', 'unattributed'];
  // Dynamic pages: wait for a quiet moment, but never longer than the maximum, so a page
  // rewriting its text every 10 ms costs one re-read every two seconds, not a storm.
  const QUIET_MS = 400;
  const MAX_WAIT_MS = 2000;
  // Above this share of changed blocks, analysing everything again is simpler and as cheap.
  const FULL_REANALYSIS_SHARE = 0.5;
  // Single-page apps render after the URL changes: look for an article for this long.
  const ARTICLE_WAIT_MS = 10000;
  const URL_CHECK_MS = 500;
  const STATE_WAIT_MS = 30000;
  const { SLICE_MS, nextSlice } = Article;
  // Text per analysis message: small replies keep each parse in the page short.
  const CHUNK_CHARS = 30000;
  // Analyses as JSON strings in Firefox only (ANALYSE's `asJson`, protocol.js). There an
  // object reply is cloned object by object into the content script's sandbox, on the
  // page's main thread: with strings, request to highlights went from 1.2 s to 0.6 s on
  // the 100,000-word page and from 32 to 27 ms (median) on the 2,000-word one. In Chromium
  // strings were a little slower (2,000 words 15.3 to 16.2 ms, 100,000 words 392 to 401 ms).
  const ANALYSES_AS_JSON = /\bFirefox\//.test(globalThis.navigator?.userAgent ?? '');

  const state = {
    status: 'loading',
    error: null,
    language: null,
    enabled: true,
    painted: DEFAULT_PAINTED,
    analysis: null,
    sentences: new Map(),
    timings: null,
  };
  // Counters the tests and the popup may read through GET_STATE. `method`: how the article
  // was found ('reader-view', 'walker', or 'anyway' when the reader asked), `readerable`:
  // Reader View's own test of the page (article.js).
  const stats = { reads: 0, analyses: 0, lastAnalysedBlocks: 0, blocks: 0, method: null, readerable: null };

  const events = { painted: new Set(), cleared: new Set() };
  const painter = Highlight.createPainter();
  const statusWaiters = new Set();

  let root = null;
  let filter = null; // Readability's choice of elements under the root, for re-reads (article.js)
  let title = null; // the article's title as Readability read it, for the exported report
  let subtrees = []; // shadow roots and frame bodies inside the root
  // The reader asked to analyse a page that holds no article ("Analyse anyway" in the
  // popup): its main content is read until the page navigates.
  let anyway = false;
  /** @type {import('./article.js').Block[]} */
  let blocks = [];
  /** Paintables in reading order (highlight.js). */
  let entries = [];
  let flaggedIds = [];
  let idOfRange = new WeakMap();
  let elsewhereIds = new Set(); // sentences in shadow roots or frames
  let nodeIndex = null; // Text → ids of painted sentences, for the caret fallback
  let run = { aborted: false }; // the current reading; aborted by a newer one or teardown
  let observer = null;
  let articleWatcher = null;
  let quietTimer = 0;
  let maxWaitTimer = 0;
  let refreshing = false;
  let refreshAgain = false;
  let lastUrl = withoutHash(location.href);
  let torndown = false;

  // ---------------------------------------------------------------------------------
  // Reading, analysing, painting

  async function start() {
    run.aborted = true;
    const mine = { aborted: false };
    run = mine;
    stopObserving();
    forgetAnalysis();
    setStatus('loading');
    if (!isReadableDocument()) {
      state.error = say('statusUnreadable', 'This page cannot be read.');
      setStatus('unreadable');
      return;
    }
    try {
      const settings = await readSettings();
      if (mine.aborted) return;
      state.painted = settings.painted;
      // Under "all sites" (not a site the reader chose), stay out of pages that do not
      // even look like articles: no walk, no message.
      if (settings.autoEverywhere && !Article.looksLikeArticle(document)) {
        finishWithoutArticle(mine);
        return;
      }
      const t0 = performance.now();
      const found = await Article.read(document, { signal: mine, anyway });
      if (mine.aborted) return;
      stats.reads += 1;
      stats.method = found.method ?? null;
      stats.readerable = found.readerable ?? null;
      if (!found.root || !found.blocks.length) {
        finishWithoutArticle(mine);
        return;
      }
      const collectMs = performance.now() - t0;
      root = found.root;
      filter = found.filter ?? null;
      title = found.filter?.title ?? null;
      subtrees = found.subtrees ?? [];
      blocks = found.blocks;
      const t1 = performance.now();
      mark('sourcelight:request');
      const reply = await analyseAll(blocks.map((b) => b.text), mine);
      if (mine.aborted) return;
      if (!reply.ok) {
        fail(reply.error);
        return;
      }
      if (reply.analysis.unsupported) {
        finishUnsupported(reply.analysis.unsupported);
        return;
      }
      const analyseMs = performance.now() - t1;
      state.analysis = reply.analysis;
      stats.lastAnalysedBlocks = blocks.length;
      const t2 = performance.now();
      await rebuild(mine);
      if (mine.aborted) return;
      await paintNow(mine);
      if (mine.aborted) return;
      const paintMs = performance.now() - t2;
      state.timings = { collectMs, analyseMs, paintMs, totalMs: performance.now() - t0, ...found.timings };
      setStatus('ok');
      observe();
    } catch (error) {
      if (!mine.aborted) fail(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * An article in a language the core does not read: nothing is painted (rules made for
   * another language would paint it wrong), and the popup names the language found.
   */
  function finishUnsupported(language) {
    forgetAnalysis();
    state.language = language;
    setStatus('unsupported-language');
  }

  function finishWithoutArticle(mine) {
    forgetAnalysis();
    setStatus('no-article');
    watchForArticle(mine);
  }

  /** Drops the previous page's analysis and highlights (SPA navigation, a new reading). */
  function forgetAnalysis() {
    const hadHighlights = flaggedIds.length > 0 || entries.length > 0;
    painter.clear();
    root = null;
    filter = null;
    title = null;
    subtrees = [];
    blocks = [];
    entries = [];
    flaggedIds = [];
    nodeIndex = null;
    idOfRange = new WeakMap();
    elsewhereIds = new Set();
    state.analysis = null;
    state.language = null;
    state.sentences = new Map();
    state.timings = null;
    if (hadHighlights) emit('cleared');
  }

  /** An HTML page with a body: not an XML or SVG document, an image or a plugin's view. */
  function isReadableDocument() {
    const type = document.contentType ?? 'text/html';
    return Boolean(document.body) && (type === 'text/html' || type === 'application/xhtml+xml');
  }

  function fail(message) {
    state.error = message || say('errorNotAnalysed', 'The page could not be analysed.');
    setStatus('error');
  }

  /**
   * The page's declared language: `<html lang>`, else a content-language meta. The core
   * weighs it below the text (many pages declare a language they are not written in).
   */
  function declaredLanguage() {
    return document.documentElement?.lang
      || document.querySelector('meta[http-equiv="content-language" i]')?.content
      || '';
  }

  /** `lang`: 'auto' (the text decides), or the language already found for this article. */
  async function analyse(texts, lang) {
    try {
      const reply = await api.runtime.sendMessage({
        type: P.ANALYSE, blocks: texts, lang, declared: declaredLanguage(), asJson: ANALYSES_AS_JSON,
      });
      if (reply?.ok && typeof reply.json === 'string') return { ok: true, analysis: JSON.parse(reply.json) };
      return reply ?? { ok: false, error: say('errorNoAnswer', 'The extension’s background did not answer.') };
    } catch {
      return { ok: false, error: say('errorNoAnswer', 'The extension’s background did not answer.') };
    }
  }

  /** A sentence in the reader's language (_locales), English otherwise. */
  function say(key, english) {
    try {
      return api.i18n?.getMessage(key) || english;
    } catch {
      return english;
    }
  }

  /**
   * The analysis of a whole article: one message when it is small; on huge pages, pieces
   * of about CHUNK_CHARS, each with the block before it as context, merged in order. A
   * huge article's language is decided first, on blocks spread over all of it, so that
   * every piece is read in that one language. `lang` is the article's language when an
   * earlier analysis found it, else 'auto'.
   */
  async function analyseAll(texts, mine, lang = 'auto') {
    const chars = texts.reduce((n, t) => n + t.length, 0);
    if (chars <= CHUNK_CHARS) {
      stats.analyses += 1;
      return analyse(texts, lang);
    }
    if (lang === 'auto') {
      const found = await detectLanguage(texts, chars);
      if (!found.ok || mine.aborted) return found;
      if (found.language.unsupported) return { ok: true, analysis: found.language };
      lang = found.language.lang;
    }
    const everything = { context: null, blocks: texts.map((_, i) => i) };
    const reply = await analyseRuns(texts, [everything], mine, lang);
    if (!reply.ok || mine.aborted) return reply;
    const nothing = { lang, blocks: [], profile: null };
    const analysis = await Article.mergeAnalysisInSlices(nothing, texts.map(() => null), reply.fresh, mine);
    return analysis ? { ok: true, analysis } : { ok: false, error: null };
  }

  /**
   * The language of a huge article, asked on every k-th block so that the message stays
   * about CHUNK_CHARS long: `{ok: true, language: {lang} | {unsupported}}`.
   */
  async function detectLanguage(texts, chars) {
    const stride = Math.ceil(chars / CHUNK_CHARS);
    const sample = texts.filter((_, i) => i % stride === 0);
    try {
      const reply = await api.runtime.sendMessage({ type: P.DETECT, blocks: sample, lang: 'auto', declared: declaredLanguage() });
      return reply ?? { ok: false, error: say('errorNoAnswer', 'The extension’s background did not answer.') };
    } catch {
      return { ok: false, error: say('errorNoAnswer', 'The extension’s background did not answer.') };
    }
  }

  /**
   * Analyses runs of blocks (each after its context block), in pieces of bounded size.
   * The requests go out a few per slice (each is copied on sending), without waiting
   * for replies: the background answers them in turn, and the page receives each small
   * reply as its own short task.
   */
  async function analyseRuns(texts, runs, mine, lang) {
    const pieces = Article.splitRuns(runs, texts, CHUNK_CHARS);
    const pending = [];
    let deadline = performance.now() + SLICE_MS;
    for (const piece of pieces) {
      if (performance.now() > deadline) {
        await nextSlice();
        if (mine.aborted) break;
        deadline = performance.now() + SLICE_MS;
      }
      const indices = piece.context === null ? piece.blocks : [piece.context, ...piece.blocks];
      pending.push(analyse(indices.map((i) => texts[i]), lang));
    }
    const replies = await Promise.all(pending);
    stats.analyses += pending.length;
    if (mine.aborted) return { ok: false, error: null };
    const failed = replies.find((reply) => !reply.ok);
    if (failed) return failed;
    return { ok: true, fresh: pieces.map((run, i) => ({ run, analysis: replies[i].analysis })) };
  }

  /** Ranges and sentence records from `blocks` and `state.analysis`, in slices. */
  async function rebuild(mine) {
    const analysis = state.analysis;
    const nextEntries = [];
    const sentences = new Map();
    const ranges = new WeakMap();
    const elsewhere = new Set();
    // Only an article in or with shadow roots or frames has sentences outside the document.
    const mayBeElsewhere = subtrees.length > 0 || root?.getRootNode() !== document;
    let deadline = performance.now() + SLICE_MS;
    for (let b = 0; b < analysis.blocks.length && b < blocks.length; b++) {
      if (performance.now() > deadline) {
        await nextSlice();
        if (mine.aborted) return;
        deadline = performance.now() + SLICE_MS;
      }
      const block = blocks[b];
      for (const view of analysis.blocks[b].sentences) {
        const range = Highlight.rangeFor(block, view.start, view.end);
        const sentenceRanges = range ? [range] : [];
        const sourceBlock = view.source ? blocks[view.source.block] : null;
        const sourceRange = sourceBlock ? Highlight.rangeFor(sourceBlock, view.source.start, view.source.end) : null;
        const cueRange = view.cue ? Highlight.rangeFor(block, view.cue.start, view.cue.end) : null;
        for (const r of sentenceRanges) ranges.set(r, view.id);
        if (mayBeElsewhere && range && range.startContainer.getRootNode() !== document) elsewhere.add(view.id);
        nextEntries.push({
          id: view.id, verdict: view.verdict, block, start: view.start, end: view.end, ranges: sentenceRanges,
          sourceRanges: sourceRange ? [sourceRange] : [], cueRanges: cueRange ? [cueRange] : [],
        });
        sentences.set(view.id, {
          id: view.id, verdict: view.verdict, view, text: block.text.slice(view.start, view.end), ranges: sentenceRanges,
        });
      }
    }
    entries = nextEntries;
    state.sentences = sentences;
    idOfRange = ranges;
    elsewhereIds = elsewhere;
  }

  /**
   * Lets the task that registered the highlights end before a reply waiting for the new
   * state is made and copied (a brief state is a few milliseconds in Firefox): the
   * registration and the browser's frame after it are enough for one turn of the page.
   * (The status itself changes with the paint: card.js and navigate.js, injected late,
   * take 'ok' to mean that 'painted' has been emitted.)
   */
  function afterPaint() {
    return nextSlice();
  }

  async function paintNow(mine) {
    if (!state.enabled) {
      painter.clear();
      flaggedIds = [];
      emit('cleared');
      return;
    }
    const painted = await painter.paint(entries, state.painted);
    if (painted === null || mine.aborted) return;
    mark('sourcelight:painted');
    flaggedIds = painted;
    nodeIndex = null;
    emit('painted');
  }

  // ---------------------------------------------------------------------------------
  // Dynamic pages

  function observe() {
    stopObserving();
    if (!root) return;
    observeAgain();
  }

  /** Observes the root and the current subtrees, keeping the pending timers. */
  function observeAgain() {
    observer?.disconnect();
    observer = new MutationObserver(onMutations);
    for (const target of [root, ...subtrees]) {
      observer.observe(target, { childList: true, subtree: true, characterData: true });
    }
  }

  function sameList(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  function stopObserving() {
    observer?.disconnect();
    observer = null;
    articleWatcher?.disconnect();
    articleWatcher = null;
    clearTimeout(quietTimer);
    clearTimeout(maxWaitTimer);
    quietTimer = 0;
    maxWaitTimer = 0;
  }

  function onMutations() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(flushChanges, QUIET_MS);
    if (!maxWaitTimer) maxWaitTimer = setTimeout(flushChanges, MAX_WAIT_MS);
  }

  function flushChanges() {
    clearTimeout(quietTimer);
    clearTimeout(maxWaitTimer);
    quietTimer = 0;
    maxWaitTimer = 0;
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refresh().catch((error) => fail(error instanceof Error ? error.message : String(error)));
  }

  /** Re-reads the article root, analyses only the blocks that changed, repaints. */
  async function refresh() {
    const mine = run;
    if (!root?.isConnected) {
      start();
      return;
    }
    refreshing = true;
    try {
      const reread = await Article.readRoot(root, { signal: mine, filter, anyway });
      if (mine.aborted || reread.aborted) return;
      stats.reads += 1;
      if (!reread.blocks.length) {
        start();
        return;
      }
      const { previous, changed } = Article.diffBlocks(blocks, reread.blocks);
      let analysis;
      const texts = reread.blocks.map((b) => b.text);
      // The article's language was found when it was first read; a few changed blocks
      // are too little text to decide it again.
      const lang = state.analysis?.lang ?? 'auto';
      if (changed.length > reread.blocks.length * FULL_REANALYSIS_SHARE) {
        const reply = await analyseAll(texts, mine, lang);
        if (mine.aborted) return;
        if (!reply.ok) return fail(reply.error);
        analysis = reply.analysis;
        stats.lastAnalysedBlocks = reread.blocks.length;
      } else {
        const reply = await analyseRuns(texts, Article.changedRuns(changed), mine, lang);
        if (mine.aborted) return;
        if (!reply.ok) return fail(reply.error);
        stats.lastAnalysedBlocks = changed.length;
        analysis = await Article.mergeAnalysisInSlices(state.analysis, previous, reply.fresh, mine);
        if (mine.aborted) return;
      }
      blocks = reread.blocks;
      state.analysis = analysis;
      if (!sameList(subtrees, reread.subtrees ?? [])) {
        subtrees = reread.subtrees ?? [];
        observeAgain();
      }
      await rebuild(mine);
      if (mine.aborted) return;
      await paintNow(mine);
      if (!mine.aborted && state.status !== 'ok') setStatus('ok');
    } finally {
      refreshing = false;
      if (refreshAgain && !mine.aborted) {
        refreshAgain = false;
        onMutations();
      }
    }
  }

  /** No article yet: a single-page app may still be rendering it. */
  function watchForArticle(mine) {
    articleWatcher?.disconnect();
    if (!document.body) return;
    const until = performance.now() + ARTICLE_WAIT_MS;
    let timer = 0;
    articleWatcher = new MutationObserver(() => {
      if (performance.now() > until) {
        articleWatcher?.disconnect();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!mine.aborted && state.status === 'no-article') start();
      }, QUIET_MS);
    });
    articleWatcher.observe(document.body, { childList: true, subtree: true });
  }

  function withoutHash(href) {
    const i = href.indexOf('#');
    return i < 0 ? href : href.slice(0, i);
  }

  /** History navigation by a single-page app: start afresh on the new content. */
  function checkUrl() {
    const now = withoutHash(location.href);
    if (now === lastUrl) return;
    lastUrl = now;
    root = null;
    anyway = false;
    start();
  }
  const urlTimer = setInterval(checkUrl, URL_CHECK_MS);
  const onPopState = () => setTimeout(checkUrl, 0);
  addEventListener('popstate', onPopState);

  // ---------------------------------------------------------------------------------
  // Messages from the popup and the background

  function onMessage(message, sender, sendResponse) {
    if (sender?.id && sender.id !== api.runtime.id) return false;
    const handler = handlerFor(message?.type);
    if (!handler) return false;
    Promise.resolve(handler(message)).then(sendResponse, (error) => {
      sendResponse({ ...publicState(), status: 'error', error: String(error?.message ?? error) });
    });
    return true;
  }

  function handlerFor(type) {
    switch (type) {
      case P.GET_STATE: return onGetState;
      case P.SET_ENABLED: return onSetEnabled;
      case P.SET_PAINTED: return onSetPainted;
      case P.JUMP: return onJump;
      case P.ANALYSE_ANYWAY: return onAnalyseAnyway;
      case P.GET_REPORT: return onGetReport;
      default: return null;
    }
  }

  async function onGetState({ wait, brief, blocks: page }) {
    if (wait && state.status === 'loading') {
      await settled();
      await afterPaint();
    }
    return publicState({ brief, page });
  }

  async function onSetEnabled({ on, brief }) {
    state.enabled = typeof on === 'boolean' ? on : !state.enabled;
    if (state.enabled && (state.status === 'error' || state.status === 'no-article')) {
      start();
      await settled();
    } else if (state.status === 'ok') {
      await paintNow(run);
      await afterPaint();
    }
    return publicState({ brief });
  }

  /** The reader asks to analyse a page that holds no article: its main content is read. */
  async function onAnalyseAnyway({ brief }) {
    anyway = true;
    start();
    await settled();
    await afterPaint();
    return publicState({ brief });
  }

  /**
   * The report's material, a piece of blocks at a time (protocol.js GET_REPORT): each
   * block's text and sentence views; with the first piece, what the report says about the
   * page. The popup turns it into JSON and Markdown (report.js).
   */
  async function onGetReport({ blocks: page }) {
    const analysis = state.analysis;
    if (state.status !== 'ok' || !analysis) return { status: state.status };
    const from = Math.max(0, Number(page?.[0]) || 0);
    const to = Math.min(analysis.blocks.length, Array.isArray(page) ? Number(page[1]) || 0 : analysis.blocks.length);
    const piece = [];
    for (let b = from; b < Math.max(from, to); b++) piece.push({ text: blocks[b]?.text ?? '', sentences: analysis.blocks[b].sentences });
    const reply = { status: state.status, blocksFrom: from, blockCount: analysis.blocks.length, blocks: piece };
    if (from === 0) {
      reply.meta = { title: articleTitle(), url: location.href, published: publishedDate(), lang: analysis.lang, profile: analysis.profile };
    }
    return reply;
  }

  /** The article's title: Readability's reading of it, else its first heading, else the page's. */
  function articleTitle() {
    const heading = root?.querySelector?.('h1') ?? document.querySelector('h1');
    const text = (title ?? heading?.textContent ?? document.title ?? '').replace(/\s+/g, ' ').trim();
    return text || document.title;
  }

  /** The publication date the page states (meta tags, the article's <time>), as written; or null. */
  function publishedDate() {
    const meta = document.querySelector('meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]');
    const time = root?.querySelector?.('time[datetime]') ?? document.querySelector('article time[datetime]');
    return meta?.getAttribute('content') || time?.getAttribute('datetime') || null;
  }

  async function onSetPainted({ painted, brief }) {
    state.painted = validPainted(painted);
    if (state.status === 'ok') {
      await paintNow(run);
      await afterPaint();
    }
    return publicState({ brief });
  }

  async function onJump({ id, brief }) {
    return { ok: scrollToSentence(id), ...publicState({ brief }) };
  }

  /**
   * The state for the popup. Every reply is copied as a whole on the page's main
   * thread, so what goes in is bounded where it can be:
   * - `brief`: the profile and only the texts the popup shows (the first LIST_LIMIT of
   *   its sentence lists), not every sentence's view.
   * - `page` ([from, to), block indices): the views and texts of those blocks only, no
   *   profile (a brief state has it), so a reader of the whole state of a huge article
   *   (the tests) takes it in pieces.
   */
  function publicState({ brief = false, page = null } = {}) {
    const analysis = state.analysis;
    let view = analysis;
    let texts = [];
    if (analysis && brief) {
      view = { lang: analysis.lang, profile: analysis.profile };
      for (const id of shownIds(analysis.profile)) texts[id] = state.sentences.get(id)?.text;
    } else if (analysis && Array.isArray(page)) {
      const from = Math.max(0, Number(page[0]) || 0);
      const to = Math.min(analysis.blocks.length, Number(page[1]) || 0);
      const blocksShown = analysis.blocks.slice(from, Math.max(from, to));
      view = { lang: analysis.lang, blocks: blocksShown, blocksFrom: from, blockCount: analysis.blocks.length };
      for (const block of blocksShown) {
        for (const sentence of block.sentences) texts[sentence.id] = state.sentences.get(sentence.id)?.text;
      }
    } else if (analysis) {
      texts = [];
      for (const [id, sentence] of state.sentences) texts[id] = sentence.text;
    }
    return {
      status: state.status,
      enabled: state.enabled,
      anyway,
      painted: state.painted,
      ...(view ? { analysis: view, texts } : {}),
      ...(state.error ? { error: state.error } : {}),
      ...(state.language ? { language: state.language } : {}),
      ...(state.timings ? { timings: state.timings } : {}),
      stats: { ...stats, blocks: blocks.length },
      url: location.href,
    };
  }

  /** The sentences whose text the popup shows: the first entries of its sentence lists. */
  function shownIds(profile) {
    const limit = P.LIST_LIMIT;
    return new Set([...(profile.unattributed ?? []).slice(0, limit), ...(profile.hedged ?? []).slice(0, limit)]);
  }

  function settled() {
    if (state.status !== 'loading') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, STATE_WAIT_MS);
      function done() {
        clearTimeout(timer);
        statusWaiters.delete(done);
        resolve();
      }
      statusWaiters.add(done);
    });
  }

  function setStatus(status) {
    state.status = status;
    if (status !== 'error' && status !== 'unreadable') state.error = null;
    if (status !== 'loading') for (const done of [...statusWaiters]) done();
  }

  // ---------------------------------------------------------------------------------
  // Settings

  async function readSettings() {
    let stored = {};
    try {
      stored = await api.storage.local.get(['painted', 'allSites', 'sites']);
    } catch {
      stored = {};
    }
    const sites = stored.sites && typeof stored.sites === 'object' ? stored.sites : {};
    return {
      painted: validPainted(stored.painted),
      autoEverywhere: stored.allSites === true && sites[location.origin] !== 'always',
    };
  }

  function validPainted(list) {
    return Array.isArray(list) ? VERDICTS.filter((v) => list.includes(v)) : DEFAULT_PAINTED;
  }

  function onStorageChanged(changes, area) {
    if (area !== 'local' || !changes.painted) return;
    state.painted = validPainted(changes.painted.newValue);
    if (state.status === 'ok') paintNow(run);
  }

  // ---------------------------------------------------------------------------------
  // The API for card.js and navigate.js

  function emit(event) {
    for (const fn of events[event]) {
      try {
        fn(state);
      } catch (error) {
        console.error('sourcelight:', event, error);
      }
    }
  }

  function sentenceAt(x, y) {
    const id = Highlight.sentenceAt(x, y, idOfRange, idAtPoint);
    return id ?? null;
  }

  function idAtPoint(node, offset) {
    if (!nodeIndex) {
      nodeIndex = new Map();
      for (const entry of entries) {
        if (!isDrawn(entry.verdict)) continue;
        if (!entry.ranges.length) continue;
        for (const text of textNodesOf(entry)) {
          const ids = nodeIndex.get(text) ?? [];
          ids.push(entry.id);
          nodeIndex.set(text, ids);
        }
      }
    }
    for (const id of nodeIndex.get(node) ?? []) {
      const range = state.sentences.get(id)?.ranges[0];
      if (range && Highlight.holdsPoint(range, node, offset)) return id;
    }
    return null;
  }

  /** The text nodes under the sentence, from its block's table. */
  function textNodesOf(entry) {
    const { nodes, starts, lengths } = entry.block;
    return nodes.filter((_, i) => starts[i] < entry.end && starts[i] + lengths[i] > entry.start);
  }

  function isDrawn(verdict) {
    return state.enabled && (state.painted.includes(verdict) || verdict === 'named');
  }

  function scrollToSentence(id) {
    const sentence = state.sentences.get(id);
    const range = sentence?.ranges[0];
    if (!range) return false;
    const element = range.startContainer.parentElement;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    element?.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    painter.flash(sentence.ranges);
    return true;
  }

  function mark(name) {
    try {
      performance.mark(name);
    } catch {
      // marks are a convenience for the benchmarks
    }
  }


  function teardown() {
    if (torndown) return;
    torndown = true;
    run.aborted = true;
    stopObserving();
    clearInterval(urlTimer);
    removeEventListener('popstate', onPopState);
    api.runtime.onMessage.removeListener(onMessage);
    api.storage?.onChanged?.removeListener(onStorageChanged);
    painter.dispose();
    emit('cleared');
    events.painted.clear();
    events.cleared.clear();
    for (const done of [...statusWaiters]) done();
    entries = [];
    blocks = [];
    root = null;
    state.sentences = new Map();
    if (globalThis.__sourcelight === exposed) delete globalThis.__sourcelight;
  }

  const exposed = Object.freeze({
    state,
    on(event, fn) { events[event]?.add(fn); },
    off(event, fn) { events[event]?.delete(fn); },
    sentenceAt,
    rangesOf: (id) => state.sentences.get(id)?.ranges ?? [],
    clientRects: Highlight.clientRects,
    boundingRect: Highlight.boundingRect,
    scrollToSentence,
    flagged: () => [...flaggedIds],
    flaggedElsewhere: () => (elsewhereIds.size ? flaggedIds.filter((id) => elsewhereIds.has(id)) : []),
    teardown,
  });
  globalThis.__sourcelight = exposed;

  api.runtime.onMessage.addListener(onMessage);
  api.storage?.onChanged?.addListener(onStorageChanged);
  start();
})();
