// The messages the extension's parts send each other, declared once.
//
// Loaded as a classic script everywhere (background via importScripts or the
// manifest, content scripts via scripting.executeScript, pages via <script>), so it
// only adds one frozen object to the global scope.
//
// Every message is a plain JSON-compatible object `{type, ...}`: Chrome serialises
// extension messages as JSON, Firefox uses structured clone.

/**
 * @typedef {'named'|'anonymous'|'unattributed'|'none'} Verdict
 *
 * @typedef {{id: number, start: number, end: number, verdict: Verdict, hedged: boolean,
 *   quote: boolean, reason: string,
 *   source: null | {text: string, block: number, start: number, end: number, kind: string, name: string|null},
 *   cue: null | {text: string, start: number, end: number}}} SentenceView
 *   Offsets are UTF-16 code units within the sentence's block.
 *
 * @typedef {{summary: {sentences: number, named: number, anonymous: number, unattributed: number,
 *   none: number, hedged: number},
 *   sources: {name: string, kind: string, sentences: number[]}[],
 *   anonymous_phrases: {name: string, kind: string, sentences: number[]}[],
 *   unattributed: number[], hedged: number[]}} Profile
 *   Sentence lists hold ids (SentenceView.id).
 *
 * @typedef {{lang: string, blocks: {sentences: SentenceView[]}[], profile: Profile}} AnalysisView
 *   or, for an article in a language the core does not read, `{unsupported: string}`: the
 *   code of the language found ('es', 'de', ... or 'und' for one it cannot name).
 *
 * @typedef {'ok'|'no-article'|'unsupported-language'|'unreadable'|'loading'|'error'} PageStatus
 */

globalThis.SOURCELIGHT_PROTOCOL = Object.freeze({
  // content script → background. `{type, blocks: string[], lang: string, declared?: string,
  // asJson?: boolean}`: `lang` is 'auto' (the text decides) or a language the core reads;
  // `declared` the page's own language tag, which only settles a text too short to tell;
  // reply `{ok: true, analysis: AnalysisView}` (with `asJson`: `{ok: true, json: string}`,
  // the AnalysisView as JSON) or `{ok: false, error: string}` (a sentence in the reader's
  // language). Huge articles come in several requests of about 30,000 characters, each
  // starting with the block before it as context. In Firefox the content script asks for
  // JSON: a reply is received in one task on the page's main thread, and Firefox clones
  // an object reply object by object into the content script's sandbox (content.js).

  ANALYSE: 'sourcelight/analyse',

  // content script → background. `{type, blocks: string[], lang: string, declared?: string}`:
  // the language the blocks would be read in, without the analysis; reply `{ok: true,
  // language: {lang: string} | {unsupported: string}}` or `{ok: false, error}`. A huge
  // article asks this first, on a sample of its blocks, so that all its pieces are then
  // read in the one language its whole text decides.
  DETECT: 'sourcelight/detect',

  // popup → content script. `{type, wait?: boolean, brief?: boolean, blocks?: [from, to]}`:
  // with `wait`, the reply comes once the page is no longer 'loading' (at most 30 s).
  // Reply PageState:
  // `{status: PageStatus, enabled: boolean, painted: Verdict[], anyway: boolean (the reader
  //   asked to analyse a page that holds no article, ANALYSE_ANYWAY), analysis?: AnalysisView,
  //   language?: string (with 'unsupported-language': the code of the language found),
  //   texts?: string[] (by sentence id), error?: string, url: string,
  //   timings?: {collectMs, analyseMs, paintMs, totalMs, copyMs?, parseMs?} (ms, from reading
  //   to painted; Readability's copy and parse tasks when it found the article),
  //   stats: {reads, analyses, lastAnalysedBlocks, blocks, method, readerable} (analysis
  //   requests so far; blocks analysed by the last update, which on a dynamic page is only
  //   the changed ones; how the article was found: 'reader-view', 'walker' or 'anyway';
  //   Reader View's own test of the page)}`.
  // A reply is copied in one piece on the page's main thread, and on a huge article the
  // whole state (every sentence with its text) runs to megabytes. So:
  // - `brief: true`: `analysis: {lang, profile}` and only the texts the popup shows, those
  //   of the first LIST_LIMIT ids of `profile.unattributed` and of `profile.hedged`;
  // - `blocks: [from, to]` (block indices, `to` excluded): `analysis: {lang, blocks,
  //   blocksFrom: from, blockCount}` with only those blocks' sentences (block i of the
  //   article is `blocks[i - from]`), only their texts, and no profile (a brief state has
  //   it): the whole state in pieces.
  GET_STATE: 'sourcelight/get-state',

  // The popup shows at most this many entries of each list (and says how many more).
  LIST_LIMIT: 200,

  // popup / background (keyboard command) → content script. `{type, on?: boolean,
  // brief?: boolean}`: with `on` absent, flips. Reply as GET_STATE (`brief` as there).
  SET_ENABLED: 'sourcelight/set-enabled',

  // popup → content script. `{type, painted: Verdict[], brief?: boolean}`: which verdicts
  // are painted strongly on this page (named ones are always drawn, subtly). Reply as
  // GET_STATE (`brief` as there).
  SET_PAINTED: 'sourcelight/set-painted',

  // popup → content script. `{type, id: number, brief?: boolean}`: scroll to the sentence
  // and flash it. Reply `{ok: boolean, ...PageState}` (`brief` as in GET_STATE).
  JUMP: 'sourcelight/jump',

  // popup → content script. `{type, brief?: boolean}`: the page holds no article (status
  // 'no-article') and the reader asks to analyse it anyway: its main content is read, prose
  // only, and painted, until the page navigates. Reply as GET_STATE once settled (`brief`
  // as there); still 'no-article' when the page holds no prose at all.
  ANALYSE_ANYWAY: 'sourcelight/analyse-anyway',

  // popup → content script. `{type, blocks?: [from, to]}` (block indices, `to` excluded; all
  // without): the material of the exported report (report.js), in pieces so that no reply
  // carries a huge article whole. Reply `{status, blocksFrom, blockCount, blocks: {text:
  // string, sentences: SentenceView[]}[], meta?: {title, url, published: string|null, lang,
  // profile: Profile}}`, `meta` with the piece that starts at block 0; only `{status}` when
  // the page has no analysis.
  GET_REPORT: 'sourcelight/get-report',

  // popup → background. `{type, tabId, brief?: boolean}`: make sure the content script
  // runs in the tab (activeTab grant) and the page is analysed; reply PageState, brief
  // as GET_STATE's unless `brief: false` (the popup shows the profile only), plus
  // `{siteMode: SiteMode, allSites: boolean, origin: string|null}`. A page the
  // extension may not run in replies `{status: 'unreadable', error, reason}` with
  // `reason` 'pdf', 'store', 'file' or 'browser'. Explicit activation ignores 'never':
  // the reader asked.
  ACTIVATE_TAB: 'sourcelight/activate-tab',

  // popup / options → background. `{type, origin}` (e.g. "https://news.example");
  // reply `{ok: true, siteMode: SiteMode, allSites: boolean}`.
  GET_SITE_MODE: 'sourcelight/get-site-mode',

  // popup / options → background. `{type, origin, mode: SiteMode}`; reply
  // `{ok: true, siteMode, allSites}` or `{ok: false, error}`.
  // 'always': the caller must first get the host permission from a user gesture
  //   (`permissions.request({origins: [sitePattern(origin)]})` in the popup); the
  //   background then registers the content scripts for that site, persisted.
  // 'never': no automatic run there (also under "all sites").
  // 'ask': forget the site; nothing runs until the reader asks.
  SET_SITE_MODE: 'sourcelight/set-site-mode',

  // popup / options → background. `{type, on: boolean}`; with `on` the caller first gets
  // `permissions.request({origins: ['http://*/*', 'https://*/*']})` from a user gesture.
  // Reply `{ok: true, allSites}` or `{ok: false, error}`.
  SET_ALL_SITES: 'sourcelight/set-all-sites',

  // options → background. `{type}`: forget every site setting and "all sites",
  // unregister the content scripts; reply `{ok: true}`.
  RESET_SITES: 'sourcelight/reset-sites',

  /**
   * The match pattern for a site, from its origin ("https://news.example:8443"):
   * what the popup passes to `permissions.request` for "always on this site".
   * Firefox ignores ports in match patterns (a pattern with one never matches),
   * so the pattern names scheme and host only.
   * @param {string} origin
   * @returns {string}
   */
  sitePattern(origin) {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
  },
});

/**
 * @typedef {'always'|'never'|'ask'} SiteMode
 */
