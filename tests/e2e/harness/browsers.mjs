// One interface over Chromium and Firefox for the end-to-end tests.
//
//   const browser = await launch('firefox');          // or 'chromium'; {variant: 'shipped'}
//   await browser.open(server.pageUrl('news-basic.html'));
//   await browser.activate();                          // the reader clicks the toolbar button
//   const seen = await browser.highlights();           // {'sourcelight-named': ['…', …], …}
//   await browser.screenshot('news-basic');            // test-output/screenshots/firefox/news-basic.png
//   await browser.close();
//
// Each launch gets a fresh profile and a fresh copy of the built extension, both
// removed by close() (and, if a test dies before that, when the process exits). Use one
// browser per test file: Chromium's permission prompts that can never be answered
// headless leave the browser in a state that breaks later steps.
//
// What runs where:
// - `evaluate` runs in the page's own world; `evaluateClean` in a fresh realm with the
//   same DOM and untouched globals (Chromium isolated world, Firefox BiDi sandbox);
//   `highlights()` uses the clean realm, so hostile pages cannot fool it.
// - `sendToTab(message)` sends a protocol message to the content script from an
//   extension page, as the popup does; `state()` is GET_STATE.
// - `popup()` gives the real toolbar popup (opened by `activate()` or
//   `clickToolbarButton()`): `evaluate(fn)` runs `fn(popupWindow, ...args)`.

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { prepareExtension, REPO_ROOT } from './build-variant.mjs';
import { ChromiumDriver } from './chromium.mjs';
import { FirefoxDriver } from './firefox.mjs';
import { countRegisteredRanges, domFingerprint, layoutFingerprint, readHighlights } from './page-functions.mjs';

export const ALL_BROWSERS = ['chromium', 'firefox'];
// SOURCELIGHT_BROWSERS=firefox (or chromium) runs the suites in one browser only.
export const BROWSERS = (process.env.SOURCELIGHT_BROWSERS ?? ALL_BROWSERS.join(','))
  .split(',')
  .map((name) => name.trim())
  .filter((name) => ALL_BROWSERS.includes(name));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots');
export const HIGHLIGHT_PREFIX = 'sourcelight-';

/** The message names, read from the extension's own `protocol.js`. */
export const PROTOCOL = loadProtocol();

/**
 * The most ranges the extension registers at once (extension/highlight.js): on a page with
 * more, `CSS.highlights` holds the window around the viewport, not every sentence.
 */
export const WINDOW_RANGES = Number(
  readFileSync(join(REPO_ROOT, 'extension', 'highlight.js'), 'utf8').match(/const WINDOW_RANGES = (\d+);/)?.[1],
);

function loadProtocol() {
  const scope = {};
  scope.globalThis = scope;
  runInNewContext(readFileSync(join(REPO_ROOT, 'extension', 'protocol.js'), 'utf8'), scope);
  return scope.SOURCELIGHT_PROTOCOL;
}

// Everything still open, for the exit handler.
const live = new Set();
process.once('exit', () => {
  for (const session of live) session.abandon();
});
// Interrupted (Ctrl-C, a runner's timeout): clean up, then die of the same signal.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const session of live) session.abandon();
    process.kill(process.pid, signal);
  });
}

/**
 * Starts a browser with the extension.
 *
 * @param {'chromium'|'firefox'} browserName
 * @param {{variant?: 'test'|'shipped', sourceDir?: string, headless?: boolean, proxy?: string}} [options]
 *   `variant`: see build-variant.mjs. `headless` defaults to true unless
 *   SOURCELIGHT_HEADED=1 (and a display) asks otherwise. `proxy` ("http://127.0.0.1:PORT"):
 *   every request of the browser, loopback included, goes through it (proxy.mjs).
 */
export async function launch(browserName, options = {}) {
  if (!ALL_BROWSERS.includes(browserName)) {
    throw new Error(`unknown browser "${browserName}": use ${ALL_BROWSERS.join(' or ')}`);
  }
  const headless = options.headless ?? !(process.env.SOURCELIGHT_HEADED === '1' && process.env.DISPLAY);
  const extension = await prepareExtension(browserName, options);
  const profileDir = await mkdtemp(join(tmpdir(), `sourcelight-e2e-profile-${browserName}-`));
  const session = new BrowserSession(browserName, extension, profileDir);
  live.add(session);
  try {
    const Driver = browserName === 'chromium' ? ChromiumDriver : FirefoxDriver;
    session.driver = await Driver.launch({
      extensionDir: extension.dir,
      manifest: extension.manifest,
      profileDir,
      headless,
      proxy: options.proxy ?? null,
    });
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

export class BrowserSession {
  constructor(name, extension, profileDir) {
    this.name = name;
    this.extension = extension;
    this.profileDir = profileDir;
    this.driver = null;
  }

  get extensionId() {
    return this.driver.extensionId;
  }

  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  get extensionOrigin() {
    return this.driver.extensionOrigin;
  }

  /** Navigates the reader's tab and waits for the load event. */
  open(url) {
    return this.driver.open(url);
  }

  /** The reader's tab's current URL. */
  url() {
    return this.driver.url();
  }

  /** Runs `fn(...args)` (JSON arguments) or an expression in the page's own world. */
  evaluate(fn, ...args) {
    return this.driver.evaluate(fn, ...args);
  }

  /** Like evaluate, in a realm with the page's DOM but clean globals. */
  evaluateClean(fn, ...args) {
    return this.driver.evaluateClean(fn, ...args);
  }

  /** Runs `fn(...args)` in an extension page (extension APIs available). */
  evaluateInExtension(fn, ...args) {
    return this.driver.evaluateInExtension(fn, ...args);
  }

  /**
   * What the reader sees highlighted: `{name: [text, …]}` for every `sourcelight-*`
   * highlight, texts in document order with whitespace collapsed, touching ranges joined.
   */
  async highlights() {
    // Each document has its own registry: the page's first, then its frames'.
    const perFrame = await this.driver.evaluateCleanInFrames(readHighlights, HIGHLIGHT_PREFIX);
    const merged = {};
    for (const frame of perFrame) {
      for (const [name, texts] of Object.entries(frame)) merged[name] = [...(merged[name] ?? []), ...texts];
    }
    return Object.fromEntries(Object.keys(merged).sort().map((name) => [name, merged[name]]));
  }

  /**
   * How many ranges of the verdict, source and cue highlights are registered in the page
   * and its frames (not the flash of a jump's target: one sentence, for a moment).
   */
  async registeredRanges() {
    const perFrame = await this.driver.evaluateCleanInFrames(countRegisteredRanges, HIGHLIGHT_PREFIX, `${HIGHLIGHT_PREFIX}flash`);
    return perFrame.reduce((sum, n) => sum + n, 0);
  }

  /**
   * A fingerprint of the page's DOM and its frames' (see page-functions.mjs) to compare
   * before/after.
   */
  async domFingerprint(ignoreSelector = null) {
    const perFrame = await this.driver.evaluateCleanInFrames(domFingerprint, ignoreSelector);
    return perFrame.join('\n<#frame>\n');
  }

  /** A fingerprint of the page's layout (see page-functions.mjs) to compare before/after. */
  layoutFingerprint(ignoreSelector = null) {
    return this.driver.evaluateClean(layoutFingerprint, ignoreSelector);
  }

  /** The reader clicks the extension's toolbar button on this tab (opens the popup). */
  clickToolbarButton() {
    return this.driver.clickToolbarButton();
  }

  /**
   * Turns the extension on for the page and waits until the content script reports a
   * settled state (anything but 'loading'); returns that state (GET_STATE's reply).
   *
   * @param {{via?: 'toolbar'|'message', timeoutMs?: number, brief?: boolean}} [options]
   *   'toolbar' (default): the reader's click on the toolbar button, which opens the
   *   popup, which asks the background to activate the tab (the activeTab path).
   *   `brief`: poll with brief states (GET_STATE's `brief`), as the popup does: a full state
   *   of a huge article is megabytes copied on the page's main thread.
   *   'message' (default while the build has no popup page): sends ACTIVATE_TAB to the background from an extension page, as the
   *   popup does, without opening it; needs the 'test' variant's host permission.
   */
  async activate({ via = this.#hasPopup() ? 'toolbar' : 'message', timeoutMs = 15_000, brief = false } = {}) {
    if (via === 'toolbar') {
      await this.clickToolbarButton();
    } else if (via === 'message') {
      const tabId = await this.readerTabId();
      await this.driver.evaluateInExtension(
        (message) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(message),
        { type: PROTOCOL.ACTIVATE_TAB, tabId },
      );
    } else {
      throw new Error(`unknown activation "${via}": use "toolbar" or "message"`);
    }
    return this.waitForState((state) => state.status !== 'loading', { timeoutMs, brief });
  }

  // Until the build has a popup, the toolbar button opens nothing and activates nothing.
  #hasPopup() {
    const popup = this.extension.manifest.action?.default_popup;
    return Boolean(popup) && existsSync(join(this.extension.dir, popup));
  }

  /**
   * Sends a protocol message to the reader's tab's content script; resolves with its
   * reply (null when none). The reply crosses as one JSON string: the drivers' own
   * serialisation of a big object (BiDi remote values, value by value) takes seconds.
   */
  async sendToTab(message) {
    const tabId = await this.readerTabId();
    const json = await this.driver.evaluateInExtension(
      (id, msg) => (globalThis.browser ?? globalThis.chrome).tabs.sendMessage(id, msg)
        .then((reply) => JSON.stringify(reply ?? null)),
      tabId,
      message,
    );
    return JSON.parse(json);
  }

  /**
   * The content script's state (GET_STATE reply, `brief` as there); throws if no content
   * script answers.
   */
  state({ brief = false } = {}) {
    return this.sendToTab({ type: PROTOCOL.GET_STATE, ...(brief ? { brief } : {}) });
  }

  /**
   * The whole state, asked for in pieces of `blocksPerPiece` blocks (GET_STATE's
   * `blocks`) after a brief state for the profile, so that no single reply carries a huge
   * article: equal to state(), with `analysis` and `texts` put together again.
   */
  async stateInPieces({ blocksPerPiece = 2000 } = {}) {
    const head = await this.state({ brief: true });
    if (!head?.analysis) return head;
    const analysis = { lang: head.analysis.lang, blocks: [], profile: head.analysis.profile };
    const texts = [];
    let blockCount = 1;
    for (let from = 0; from < blockCount; from += blocksPerPiece) {
      const piece = await this.sendToTab({ type: PROTOCOL.GET_STATE, blocks: [from, from + blocksPerPiece] });
      if (!piece?.analysis?.blocks || (from > 0 && piece.analysis.blockCount !== blockCount)) {
        throw new Error('the article changed while its state was read in pieces');
      }
      blockCount = piece.analysis.blockCount;
      analysis.blocks.push(...piece.analysis.blocks);
      (piece.texts ?? []).forEach((text, id) => { if (text != null) texts[id] = text; });
    }
    return { ...head, analysis, texts };
  }

  /**
   * Polls state() until `predicate(state)` holds. A missing content script counts as
   * "not yet".
   */
  async waitForState(predicate, { timeoutMs = 15_000, brief = false } = {}) {
    let last = 'no content script answered';
    return waitFor(
      async () => {
        try {
          const state = await this.state({ brief });
          last = JSON.stringify(state)?.slice(0, 300);
          return state && predicate(state) ? state : null;
        } catch (error) {
          last = error.message;
          return null;
        }
      },
      { timeoutMs, what: () => `the extension's state (last: ${last})` },
    );
  }

  /** Polls highlights() until `predicate(highlights)` holds; returns them. */
  async waitForHighlights(
    predicate = (h) => Object.values(h).some((t) => t.length),
    { timeoutMs = 15_000, intervalMs = 100 } = {},
  ) {
    let last = {};
    return waitFor(
      async () => {
        last = await this.highlights();
        return predicate(last) ? last : null;
      },
      { timeoutMs, intervalMs, what: () => `highlights (last: ${JSON.stringify(last).slice(0, 300)})` },
    );
  }

  /** The tab id (extension API) of the reader's tab: the one tab that is not an extension page. */
  async readerTabId() {
    const tabs = await this.driver.evaluateInExtension(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      return (await api.tabs.query({})).map((tab) => ({ id: tab.id, url: tab.url ?? '', active: tab.active }));
    });
    const readers = tabs.filter((tab) => !tab.url.startsWith(this.extensionOrigin));
    if (readers.length === 0) throw new Error('no reader tab is open');
    return (readers.find((tab) => tab.active) ?? readers[0]).id;
  }

  /**
   * The open toolbar popup. `evaluate(fn, ...args)` runs `fn(popupWindow, ...args)`;
   * `text()` is its visible text; `click(selector)` clicks the element's centre (a real
   * user gesture in Chromium, a synthetic click in Firefox); `close()`.
   */
  popup() {
    const driver = this.driver;
    const handle = {
      evaluate: (fn, ...args) => driver.evaluateInPopup(fn, ...args),
      text: () => driver.evaluateInPopup((win) => win.document.body.innerText),
      async click(selector) {
        const point = await driver.evaluateInPopup((win, sel) => {
          const element = win.document.querySelector(sel);
          if (!element) throw new Error(`nothing in the popup matches ${sel}`);
          element.scrollIntoView({ block: 'nearest' });
          const box = element.getBoundingClientRect();
          return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
        }, selector);
        await driver.clickInPopup(point.x, point.y);
      },
      close: () => driver.closePopup(),
    };
    return handle;
  }

  /**
   * The reader presses the shortcut of manifest command `name`. Firefox only: simulated
   * keys never reach extension commands in Chromium (platform-notes); there, tests call
   * the background's command handler through `driver.evaluateInBackground`.
   */
  pressCommand(name) {
    if (!this.driver.pressCommand) {
      throw new Error('Chromium delivers no simulated key to extension commands; call the handler in the background instead');
    }
    return this.driver.pressCommand(name);
  }

  /** The folder the browser saves downloads to, without asking. */
  get downloadsDir() {
    return this.driver.downloadsDir;
  }

  /** The text on the clipboard (what the extension copied). */
  readClipboard() {
    return this.driver.readClipboard();
  }

  /** Opens an extension page (e.g. 'options.html') in its own tab. */
  openExtensionPage(path) {
    return this.driver.openExtensionPage(path);
  }

  /**
   * Saves a screenshot of the reader's tab (the whole page, or with `{fullPage: false}`
   * the viewport); prints and returns its path.
   */
  async screenshot(name, { fullPage = true } = {}) {
    const dir = join(SCREENSHOT_DIR, this.name);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.driver.screenshot(path, { fullPage });
    console.log(`screenshot: ${path}`);
    return path;
  }

  async close() {
    live.delete(this);
    await this.driver?.close().catch(() => {});
    await rm(this.profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    await this.extension.cleanup().catch(() => {});
  }

  /** Synchronous last resort when the process exits with the browser still open. */
  abandon() {
    this.driver?.killNow?.();
    rmSync(this.profileDir, { recursive: true, force: true });
    rmSync(this.extension.dir, { recursive: true, force: true });
  }
}

/** Calls `probe` until it returns something other than null/undefined/false. */
export async function waitFor(probe, { timeoutMs = 10_000, intervalMs = 100, what = () => 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}
