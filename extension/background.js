// The background: owns the wasm core, injects the content scripts, keeps the site settings.
//
// Chrome runs this file as a service worker (it imports the protocol and the wasm glue
// itself); Firefox runs it as an event page after the manifest's `background.scripts`
// have loaded the same two files. The analysis runs here rather than in the content
// script because Chrome applies the page's CSP to WebAssembly compiled in a content
// script: on pages with `script-src 'self'` the core would not even compile.
//
// The wasm instance is created lazily on the first analysis and kept while the
// background lives. A trap (a panic aborts in release builds) poisons an instance: its
// stack pointer and allocator are left mid-operation. So a trap is answered with a plain
// error, the glue is evaluated again to get a fresh closure, and the next request gets a
// fresh instance of the already compiled module.
//
// Site settings live in `storage.local` (`sites`, `allSites`), never page text. They are
// turned into `scripting.registerContentScripts` registrations by `syncRegistrations`,
// which diffs what is registered against what the settings and granted permissions ask
// for; it runs whenever the background starts and after every change, so registrations
// survive browser restarts in both browsers.

if (typeof importScripts === 'function') {
  importScripts('protocol.js', 'wasm/sourcelight.js');
}

const api = globalThis.browser ?? globalThis.chrome;
const P = globalThis.SOURCELIGHT_PROTOCOL;

const GLUE_PATH = 'wasm/sourcelight.js';
const WASM_PATH = 'wasm/sourcelight_bg.wasm';

// Injected in this order (layout.md); each is a classic script adding one global. The
// UI's scripts build on content.js's API; injected apart, so a broken or missing one
// never stops the highlights. Readability (Firefox's Reader View, vendor/ is copied from its
// npm package by build.sh) adds `Readability` and `isProbablyReaderable` to the content
// scripts' own world, never the page's.
const CORE_SCRIPTS = [
  'protocol.js', 'vendor/readability/Readability.js', 'vendor/readability/Readability-readerable.js',
  'reader-view.js', 'article.js', 'highlight.js', 'content.js',
];
const UI_SCRIPTS = ['card.js', 'navigate.js'];
const CONTENT_SCRIPTS = [...CORE_SCRIPTS, ...UI_SCRIPTS];
const CONTENT_CSS = ['content.css'];
const ALL_SITES_ORIGINS = ['http://*/*', 'https://*/*'];
const REGISTRATION_PREFIX = 'sourcelight-';
const ALL_SITES_ID = 'sourcelight-all-sites';
const STYLES_SUFFIX = '-styles';
// Firefox applies a document's author sheets to highlights in the document's own tree
// only, so an article in a shadow root would be painted unstyled; a user sheet reaches
// every tree, and the page's own `::highlight(sourcelight-*)` rules still win, as the
// stable names promise. Chrome styles shadow trees' highlights from author sheets but
// drops the backgrounds of a user sheet's highlights, and rejects `cssOrigin` in a
// registration: there the styles stay an author sheet. (`getBrowserInfo` is Firefox's.)
const USER_CSS = typeof api.runtime.getBrowserInfo === 'function' ? { cssOrigin: 'user' } : {};

// Sentences the popup may show, in the reader's language (_locales), English otherwise.
const MESSAGES = Object.freeze({
  trapped: ['errorEngineTrapped', 'The analyser stopped on this page’s text (an internal error). It has been restarted: try again.'],
  restartFailed: ['errorEngineRestartFailed', 'The analyser stopped and could not be restarted. Reload the extension.'],
  badRequest: ['errorBadRequest', 'The analysis request held no list of text blocks.'],
  unreadable: ['statusUnreadable', 'This page cannot be read: browser pages, extension stores and built-in viewers are closed to extensions.'],
  noPermission: ['errorNoPermission', 'The browser has not granted access to this site.'],
  noTab: ['errorNoTab', 'There is no page to read in this tab.'],
});
// Extension stores refuse every extension's scripts.
const STORE_HOSTS = /^(chromewebstore\.google\.com|chrome\.google\.com|addons\.mozilla\.org|microsoftedge\.microsoft\.com)$/;

function say([key, english]) {
  try {
    return api.i18n?.getMessage(key) || english;
  } catch {
    return english;
  }
}

// ---------------------------------------------------------------------------------------
// The wasm core

const analyser = {
  /** @type {Promise<WebAssembly.Module>|null} compiled once, reused by every instance */
  module: null,
  /** @type {Promise<void>|null} the current instance, ready */
  instance: null,
};

function compileModule() {
  analyser.module ??= (async () => {
    const response = await fetch(api.runtime.getURL(WASM_PATH));
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // Some extension schemes do not report `application/wasm`; bytes always work.
      return WebAssembly.compile(await response.arrayBuffer());
    }
  })();
  analyser.module.catch(() => { analyser.module = null; });
  return analyser.module;
}

function ensureInstance() {
  analyser.instance ??= (async () => {
    const module = await compileModule();
    await wasm_bindgen({ module_or_path: module });
  })();
  analyser.instance.catch(() => { analyser.instance = null; });
  return analyser.instance;
}

/**
 * Evaluates the glue again so that `wasm_bindgen` is a fresh closure with no instance;
 * the next `ensureInstance` instantiates the compiled module anew.
 */
async function reloadGlue() {
  analyser.instance = null;
  if (typeof importScripts === 'function') {
    // A service worker may re-import a script it imported at start-up.
    importScripts(GLUE_PATH);
    return;
  }
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = GLUE_PATH;
    script.onload = () => { script.remove(); resolve(); };
    script.onerror = () => { script.remove(); reject(new Error('glue did not load')); };
    document.head.append(script);
  });
}

/**
 * Calls the core: `analyse` (the analysis) or `detect` (the language it would be read in).
 * @param {'analyse'|'detect'} call
 * @param {{blocks: string[], lang: string, declared: string}} request
 * @returns {Promise<{ok: true, analysis: object} | {ok: false, error: string}>}
 */
async function runCore(call, request) {
  await ensureInstance();
  const before = wasm_bindgen;
  try {
    return { ok: true, analysis: wasm_bindgen[call](request) };
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) {
      return { ok: false, error: plainWords(error) };
    }
    console.error('sourcelight: the wasm core trapped', error);
    try {
      await reloadGlue();
      if (wasm_bindgen === before) throw new Error('the glue kept its old instance');
      await ensureInstance();
      return { ok: false, error: say(MESSAGES.trapped) };
    } catch (restartError) {
      console.error('sourcelight: restarting the wasm core failed', restartError);
      return { ok: false, error: say(MESSAGES.restartFailed) };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Messages: one listener, one switch, one small function per case

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlerFor(message?.type);
  if (!handler) return false;
  handler(message, sender).then(sendResponse, (error) => {
    console.error('sourcelight:', message.type, error);
    sendResponse({ ok: false, error: plainWords(error) });
  });
  return true;
});

function handlerFor(type) {
  switch (type) {
    case P.ANALYSE: return onAnalyse;
    case P.DETECT: return onDetect;
    case P.ACTIVATE_TAB: return onActivateTab;
    case P.GET_SITE_MODE: return onGetSiteMode;
    case P.SET_SITE_MODE: return onSetSiteMode;
    case P.SET_ALL_SITES: return onSetAllSites;
    case P.RESET_SITES: return onResetSites;
    default: return null;
  }
}

/** The request the core reads, from a message's fields; null when they are malformed. */
function coreRequest({ blocks, lang, declared }) {
  if (!Array.isArray(blocks) || !blocks.every((b) => typeof b === 'string')) return null;
  return { blocks, lang: typeof lang === 'string' ? lang : 'auto', declared: typeof declared === 'string' ? declared : '' };
}

async function onAnalyse(message) {
  const request = coreRequest(message);
  if (!request) return { ok: false, error: say(MESSAGES.badRequest) };
  const asJson = message.asJson === true;
  const reply = await runCore('analyse', request);
  // One string crosses to the page in one copy; an analysis object is thousands of small
  // objects, which Firefox clones one by one on the page's main thread (protocol.js).
  return reply.ok && asJson ? { ok: true, json: JSON.stringify(reply.analysis) } : reply;
}

async function onDetect(message) {
  const request = coreRequest(message);
  if (!request) return { ok: false, error: say(MESSAGES.badRequest) };
  const reply = await runCore('detect', request);
  return reply.ok ? { ok: true, language: reply.analysis } : reply;
}

async function onActivateTab({ tabId, brief = true }) {
  if (!Number.isInteger(tabId)) return { status: 'error', error: say(MESSAGES.noTab) };
  const tab = await api.tabs.get(tabId).catch(() => null);
  const origin = originOf(tab?.url);
  const settings = await readSettings();
  const site = { origin, siteMode: origin ? siteModeOf(settings, origin) : 'ask', allSites: settings.allSites };
  try {
    const state = await ensureContentScript(tabId, Boolean(brief));
    return { ...state, ...site };
  } catch (error) {
    console.error('sourcelight: cannot run in the tab', error);
    return {
      status: 'unreadable', reason: unreadableReason(tab?.url), enabled: false, painted: [],
      error: say(MESSAGES.unreadable), ...site,
    };
  }
}

/** Why a tab is closed to us, for the popup's message: 'pdf', 'store', 'file' or 'browser'. */
function unreadableReason(url) {
  try {
    const parsed = new URL(url);
    if (/\.pdf$/i.test(parsed.pathname)) return 'pdf';
    if (STORE_HOSTS.test(parsed.hostname)) return 'store';
    if (parsed.protocol === 'file:') return 'file';
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return undefined;
  } catch {
    // no URL: a browser page we may not even see
  }
  return 'browser';
}

async function onGetSiteMode({ origin }) {
  const settings = await readSettings();
  return { ok: true, siteMode: siteModeOf(settings, origin), allSites: settings.allSites };
}

async function onSetSiteMode({ origin, mode }) {
  const parsed = originOf(origin);
  if (!parsed || !['always', 'never', 'ask'].includes(mode)) {
    return { ok: false, error: `Cannot set “${mode}” for “${origin}”.` };
  }
  const settings = await readSettings();
  const pattern = P.sitePattern(parsed);
  if (mode === 'always' && !settings.allSites && !(await api.permissions.contains({ origins: [pattern] }))) {
    return { ok: false, error: say(MESSAGES.noPermission) };
  }
  const sites = { ...settings.sites };
  if (mode === 'ask') delete sites[parsed];
  else sites[parsed] = mode;
  await api.storage.local.set({ sites });
  if (mode !== 'always' && !settings.allSites) await dropSitePermission(pattern);
  await syncRegistrations();
  return { ok: true, siteMode: mode, allSites: settings.allSites };
}

async function onSetAllSites({ on }) {
  if (on && !(await api.permissions.contains({ origins: ALL_SITES_ORIGINS }))) {
    return { ok: false, error: say(MESSAGES.noPermission) };
  }
  await api.storage.local.set({ allSites: Boolean(on) });
  await syncRegistrations();
  return { ok: true, allSites: Boolean(on) };
}

async function onResetSites() {
  await api.storage.local.remove(['sites', 'allSites']);
  await syncRegistrations();
  return { ok: true };
}

// ---------------------------------------------------------------------------------------
// Injection into one tab (popup button, keyboard command)

/** The content script's state in the tab, injecting it first when it is not there. */
async function ensureContentScript(tabId, brief = false) {
  const running = await askTab(tabId, { type: P.GET_STATE, wait: true, brief });
  if (running) return running;
  await injectInto(tabId);
  const state = await askTab(tabId, { type: P.GET_STATE, wait: true, brief });
  if (!state) throw new Error('the content script did not answer');
  return state;
}

async function injectInto(tabId) {
  const target = { tabId };
  await insertStyles(tabId);
  // Chrome throws when a file cannot be injected; Firefox reports it in the results.
  const results = await api.scripting.executeScript({ target, files: CORE_SCRIPTS });
  const failed = results?.find((result) => result.error);
  if (failed) throw new Error(String(failed.error));
  for (const file of UI_SCRIPTS) {
    try {
      await api.scripting.executeScript({ target, files: [file] });
    } catch (error) {
      console.error('sourcelight: could not inject', file, error);
    }
  }
}

/**
 * The highlight styles go into every frame: the content script reads a same-origin
 * iframe's article from the top frame and paints it in that frame's registry. Frames we
 * may not enter make the call fail in some versions; the top frame alone is enough then.
 *
 * In Firefox as a user style sheet (see USER_CSS).
 */
async function insertStyles(tabId) {
  const css = { files: CONTENT_CSS, ...(USER_CSS.cssOrigin ? { origin: 'USER' } : {}) };
  try {
    await api.scripting.insertCSS({ ...css, target: { tabId, allFrames: true } });
  } catch {
    await api.scripting.insertCSS({ ...css, target: { tabId } });
  }
}

/** Sends to the tab's top frame; null when nothing there listens. */
async function askTab(tabId, message) {
  try {
    return (await api.tabs.sendMessage(tabId, message, { frameId: 0 })) ?? null;
  } catch {
    return null;
  }
}

api.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-highlights') toggleHighlights(tab).catch((e) => console.error('sourcelight:', e));
});

/** The keyboard command: first press analyses the page, later presses flip the highlights. */
async function toggleHighlights(tab) {
  const tabId = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return null;
  // Brief replies: nothing here reads the analysis, and a full one of a huge page is
  // megabytes copied on the page's main thread.
  const running = await askTab(tabId, { type: P.GET_STATE, brief: true });
  if (!running) {
    await injectInto(tabId);
    return askTab(tabId, { type: P.GET_STATE, brief: true });
  }
  return askTab(tabId, { type: P.SET_ENABLED, brief: true });
}

// ---------------------------------------------------------------------------------------
// Site settings → content script registrations

async function readSettings() {
  const { sites = {}, allSites = false } = await api.storage.local.get(['sites', 'allSites']);
  return { sites, allSites: allSites === true };
}

function siteModeOf(settings, origin) {
  const parsed = originOf(origin);
  return (parsed && settings.sites[parsed]) || 'ask';
}

/** `https://host:port` for a web page's URL, null for anything else. */
function originOf(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

async function dropSitePermission(pattern) {
  try {
    await api.permissions.remove({ origins: [pattern] });
  } catch {
    // Chrome refuses to remove an origin the manifest lists (test builds); nothing to do.
  }
}

/** The registrations the settings and the granted permissions ask for, by id. */
async function wantedRegistrations() {
  const { sites, allSites } = await readSettings();
  // Scripts in the top frame only (it reads same-origin frames itself), styles in every frame.
  const wanted = new Map();
  const want = (id, site) => {
    wanted.set(id, { ...site, id, js: CONTENT_SCRIPTS, runAt: 'document_idle', allFrames: false });
    wanted.set(`${id}${STYLES_SUFFIX}`, {
      ...site, id: `${id}${STYLES_SUFFIX}`, css: CONTENT_CSS, runAt: 'document_idle', allFrames: true, ...USER_CSS,
    });
  };
  const never = Object.entries(sites).filter(([, mode]) => mode === 'never').map(([o]) => P.sitePattern(o));
  if (allSites && (await api.permissions.contains({ origins: ALL_SITES_ORIGINS }))) {
    const excludeMatches = [...new Set(never)];
    want(ALL_SITES_ID, { matches: ALL_SITES_ORIGINS, ...(excludeMatches.length ? { excludeMatches } : {}) });
    return wanted;
  }
  for (const [origin, mode] of Object.entries(sites)) {
    if (mode !== 'always') continue;
    const pattern = P.sitePattern(origin);
    const id = `${REGISTRATION_PREFIX}site-${pattern}`;
    if (wanted.has(id) || !(await api.permissions.contains({ origins: [pattern] }))) continue;
    want(id, { matches: [pattern] });
  }
  return wanted;
}

let syncing = Promise.resolve();
/** Brings the registered content scripts in line with the settings; serialised. */
function syncRegistrations() {
  syncing = syncing.then(syncNow, syncNow);
  return syncing;
}

async function syncNow() {
  const wanted = await wantedRegistrations();
  const registered = (await api.scripting.getRegisteredContentScripts())
    .filter((script) => script.id.startsWith(REGISTRATION_PREFIX));
  const stale = registered
    .filter((script) => !wanted.has(script.id) || !sameRegistration(script, wanted.get(script.id)))
    .map((script) => script.id);
  if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale });
  const kept = new Set(registered.map((s) => s.id).filter((id) => !stale.includes(id)));
  const missing = [...wanted.values()].filter((script) => !kept.has(script.id));
  if (!missing.length) return;
  try {
    await api.scripting.registerContentScripts(missing);
  } catch (error) {
    // Chrome refuses a registration naming a file the build lacks: keep the highlights.
    console.error('sourcelight: registering with the UI scripts failed', error);
    await api.scripting.registerContentScripts(missing.map((script) => (script.js ? { ...script, js: CORE_SCRIPTS } : script)));
  }
}

function sameRegistration(a, b) {
  const list = (x) => JSON.stringify([...(x ?? [])].sort());
  return list(a.matches) === list(b.matches) && list(a.excludeMatches) === list(b.excludeMatches)
    && JSON.stringify(a.js ?? []) === JSON.stringify(b.js ?? []) && JSON.stringify(a.css ?? []) === JSON.stringify(b.css ?? [])
    && Boolean(a.allFrames) === Boolean(b.allFrames) && (a.cssOrigin ?? 'author') === (b.cssOrigin ?? 'author');
}

api.permissions.onRemoved?.addListener(() => { syncRegistrations().catch(console.error); });
api.permissions.onAdded?.addListener(() => { syncRegistrations().catch(console.error); });
// Every start of the background (browser start, install, a service worker waking up):
// the diff is cheap and idempotent, and it restores registrations a browser dropped.
syncRegistrations().catch((e) => console.error('sourcelight: registering content scripts failed', e));

// ---------------------------------------------------------------------------------------

function plainWords(error) {
  const text = error instanceof Error ? error.message : String(error ?? '');
  return text || 'Something went wrong.';
}
