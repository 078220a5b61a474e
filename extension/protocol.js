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
 *
 * @typedef {'ok'|'no-article'|'unreadable'|'loading'|'error'} PageStatus
 */

globalThis.SOURCELIGHT_PROTOCOL = Object.freeze({
  // content script → background. `{type, blocks: string[], lang: string}`;
  // reply `{ok: true, analysis: AnalysisView}` or `{ok: false, error: string}`.
  ANALYSE: 'sourcelight/analyse',

  // popup → content script. `{type}`; reply `{status: PageStatus, enabled: boolean,
  // painted: Verdict[], analysis?: AnalysisView, texts?: string[] (by sentence id), error?: string}`.
  GET_STATE: 'sourcelight/get-state',

  // popup / background (keyboard command) → content script. `{type, on?: boolean}`:
  // with `on` absent, flips. Reply as GET_STATE.
  SET_ENABLED: 'sourcelight/set-enabled',

  // popup → content script. `{type, painted: Verdict[]}`: which verdicts are painted.
  SET_PAINTED: 'sourcelight/set-painted',

  // popup → content script. `{type, id: number}`: scroll to the sentence and flash it.
  JUMP: 'sourcelight/jump',

  // popup → background. `{type, tabId}`: make sure the content script runs in the
  // tab (activeTab grant) and the page is analysed; reply as GET_STATE.
  ACTIVATE_TAB: 'sourcelight/activate-tab',
});
