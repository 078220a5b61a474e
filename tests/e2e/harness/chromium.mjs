// Chromium with the unpacked extension, driven by playwright-core.
//
// Playwright drives pages; two things it does not expose go over a second,
// browser-level DevTools connection (launched with `--remote-debugging-port=0`, the
// port read from `DevToolsActivePort` in the profile folder):
// - `Extensions.triggerAction({id, targetId})`: a real click on the toolbar button for
//   one tab (opens the popup and grants activeTab), with the tab's *tab* target id;
// - the popup, which is not a Playwright page: it is attached as a DevTools target and
//   evaluated in directly, and clicked with real input events.
// The content script's isolated world is reached through a DevTools session on the
// page (`Runtime.enable` lists it as an isolated context of the extension's origin).
//
// Simulated keys never reach extension commands in Chromium (platform-notes), so
// there is no keyboard-command helper here.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { JsonSocket } from './json-socket.mjs';
import { HELPER_PAGE } from './build-variant.mjs';
import { callSource } from './page-functions.mjs';

export const CHROMIUM_PATH = process.env.SOURCELIGHT_CHROMIUM ?? '/usr/bin/chromium';

export class ChromiumDriver {
  name = 'chromium';

  /**
   * @param {{extensionDir: string, profileDir: string, headless: boolean, proxy: string|null}} options
   */
  static async launch({ extensionDir, profileDir, headless, proxy }) {
    const args = [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      '--no-default-browser-check',
      '--remote-debugging-port=0',
    ];
    if (proxy) {
      // `<-loopback>` removes Chromium's built-in bypass for 127.0.0.1 and localhost.
      args.push(`--proxy-server=${proxy}`, '--proxy-bypass-list=<-loopback>');
    }
    // Chromium refuses to start its sandbox as root.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless,
      args,
      viewport: { width: 1280, height: 800 },
    });
    const driver = new ChromiumDriver(context, profileDir);
    // Downloads go to one folder without asking (the export test reads back what was saved).
    driver.downloadsDir = join(profileDir, 'downloads');
    try {
      await driver.#start();
    } catch (error) {
      await driver.close();
      throw error;
    }
    return driver;
  }

  constructor(context, profileDir) {
    this.context = context;
    this.profileDir = profileDir;
    this.devtools = null;
    this.popupSession = null;
  }

  async #start() {
    const worker =
      this.context.serviceWorkers()[0] ??
      (await this.context.waitForEvent('serviceworker', { timeout: 15_000 }));
    this.serviceWorker = worker;
    this.extensionId = new URL(worker.url()).host;
    this.extensionOrigin = `chrome-extension://${this.extensionId}`;
    this.#watch(this.context.pages()[0] ?? (await this.context.newPage()));
    const [port, path] = (await readFile(join(this.profileDir, 'DevToolsActivePort'), 'utf8')).split('\n');
    this.devtools = await JsonSocket.connect(`ws://127.0.0.1:${port}${path}`);
    await this.devtools.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: this.downloadsDir });
    // Opened now, not on first use: opening a tab later would close an open popup.
    await this.#helperPage();
  }

  async open(url) {
    // A crashed renderer (some hostile pages do that to Chromium by themselves) leaves a
    // dead page: carry on in a fresh tab.
    if (this.crashed || this.page.isClosed()) {
      await this.page.close().catch(() => {});
      this.#watch(await this.context.newPage());
    }
    await this.page.goto(url, { waitUntil: 'load' });
  }

  #watch(page) {
    this.page = page;
    this.crashed = false;
    page.on('crash', () => {
      this.crashed = true;
    });
  }

  url() {
    return this.page.url();
  }

  /**
   * Runs `fn(...args)` in the page's own main world. Straight through DevTools rather
   * than Playwright's evaluate, whose helper script would trip over a page that
   * overwrote `Array.prototype` or `JSON`.
   */
  async evaluate(fn, ...args) {
    return runtimeEvaluate(await this.#pageSession(), callSource(fn, args));
  }

  /** Runs `fn(...args)` in a fresh isolated world of the page: same DOM, clean globals. */
  async evaluateClean(fn, ...args) {
    const session = await this.#pageSession();
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'sourcelight-e2e',
    });
    return runtimeEvaluate(session, callSource(fn, args), { contextId: executionContextId });
  }

  /** Runs `fn(...args)` in a clean world of every frame, top first; returns the results. */
  async evaluateCleanInFrames(fn, ...args) {
    const session = await this.#pageSession();
    const { frameTree } = await session.send('Page.getFrameTree');
    const frames = [];
    const collect = (node) => {
      frames.push(node.frame.id);
      for (const child of node.childFrames ?? []) collect(child);
    };
    collect(frameTree);
    const results = [];
    for (const frameId of frames) {
      try {
        const { executionContextId } = await session.send('Page.createIsolatedWorld', {
          frameId,
          worldName: 'sourcelight-e2e',
        });
        results.push(await runtimeEvaluate(session, callSource(fn, args), { contextId: executionContextId }));
      } catch {
        // A cross-origin frame lives in another process: the extension cannot paint there.
      }
    }
    return results;
  }

  /**
   * Runs `fn(...args)` in the extension's content-script world on the page (where
   * `globalThis.__sourcelight` lives). Chromium only: Firefox exposes no such realm.
   */
  async evaluateInContentScript(fn, ...args) {
    const session = await this.#pageSession();
    const contexts = [];
    const collect = ({ context }) => contexts.push(context);
    // Enabling the Runtime domain reports every existing execution context at once.
    session.on('Runtime.executionContextCreated', collect);
    await session.send('Runtime.enable');
    await session.send('Runtime.disable');
    session.off('Runtime.executionContextCreated', collect);
    const world = contexts.find(
      (c) => c.origin === this.extensionOrigin && c.auxData?.frameId && c.auxData?.type === 'isolated',
    );
    if (!world) throw new Error('the extension has no content script on this page');
    return runtimeEvaluate(session, callSource(fn, args), { contextId: world.id });
  }

  /** Runs `fn(...args)` in the extension's service worker. */
  async evaluateInBackground(fn, ...args) {
    return this.serviceWorker.evaluate(callSource(fn, args));
  }

  /**
   * Runs `fn(...args)` in an extension page (the helper tab): the extension's APIs,
   * from an extension origin, as the popup would use them.
   */
  async evaluateInExtension(fn, ...args) {
    const helper = await this.#helperPage();
    return helper.evaluate(callSource(fn, args));
  }

  /** The reader clicks the toolbar button while this tab is shown. */
  async clickToolbarButton() {
    // A popup left open from an earlier click belongs to the old page: close it first.
    await this.closePopup();
    await this.page.bringToFront();
    const { targetInfos } = await this.devtools.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    // Tab targets carry their page's URL; the harness never shows one URL in two tabs.
    const tab = targetInfos.find((t) => t.url === this.page.url());
    if (!tab) throw new Error(`no tab target shows ${this.page.url()}`);
    await this.devtools.send('Extensions.triggerAction', { id: this.extensionId, targetId: tab.targetId });
  }

  /** The popup's window, if one is open, as a DevTools session id. */
  async popupTarget({ timeoutMs = 5000 } = {}) {
    const popupUrl = `${this.extensionOrigin}/popup.html`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { targetInfos } = await this.devtools.send('Target.getTargets');
      const target = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(popupUrl));
      if (target) {
        if (this.popupSession?.targetId !== target.targetId) {
          const { sessionId } = await this.devtools.send('Target.attachToTarget', {
            targetId: target.targetId,
            flatten: true,
          });
          this.popupSession = { targetId: target.targetId, sessionId };
        }
        return this.popupSession;
      }
      if (Date.now() > deadline) throw new Error('no popup is open');
      await sleep(100);
    }
  }

  /** Runs `fn(popupWindow, ...args)` inside the open popup. */
  async evaluateInPopup(fn, ...args) {
    const { sessionId } = await this.popupTarget();
    const session = { send: (method, params) => this.devtools.send(method, params, { sessionId }) };
    return runtimeEvaluate(session, `(${fn})(window, ...${JSON.stringify(args)})`);
  }

  /** A real mouse click (a user gesture) at a point of the popup's viewport. */
  async clickInPopup(x, y) {
    const { sessionId } = await this.popupTarget();
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.devtools.send(
        'Input.dispatchMouseEvent',
        { type, x, y, button: 'left', clickCount: 1 },
        { sessionId },
      );
    }
  }

  async closePopup() {
    const popupUrl = `${this.extensionOrigin}/popup.html`;
    const { targetInfos } = await this.devtools.send('Target.getTargets');
    for (const target of targetInfos) {
      if (target.type === 'page' && target.url.startsWith(popupUrl)) {
        await this.devtools.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
      }
    }
    this.popupSession = null;
  }

  /**
   * The text on the clipboard, read in the reader's tab, which the test grants the right to
   * read it (Chromium grants no permission to an extension's origin this way; the extension
   * itself never reads the clipboard). The tab must be a web page.
   */
  async readClipboard() {
    const { origin } = new URL(this.page.url());
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await this.page.bringToFront();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Opens an extension page (e.g. `options.html`) in its own tab; returns a Playwright page. */
  async openExtensionPage(path) {
    const page = await this.context.newPage();
    await page.goto(`${this.extensionOrigin}/${path}`);
    return page;
  }

  async screenshot(path, { fullPage = true } = {}) {
    await this.page.screenshot({ path, fullPage });
  }

  async close() {
    this.devtools?.close();
    await this.context.close().catch(() => {});
  }

  async #pageSession() {
    if (!this.pageSession || this.pageSessionPage !== this.page) {
      this.pageSession = await this.context.newCDPSession(this.page);
      this.pageSessionPage = this.page;
    }
    return this.pageSession;
  }

  async #helperPage() {
    if (!this.helper || this.helper.isClosed()) {
      this.helper = await this.context.newPage();
      await this.helper.goto(`${this.extensionOrigin}/${HELPER_PAGE}`);
      // The reader's tab stays the active one: the popup acts on the active tab.
      await this.page.bringToFront();
    }
    return this.helper;
  }
}

async function runtimeEvaluate(session, expression, extra = {}) {
  const reply = await session.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
    userGesture: true,
    ...extra,
  });
  if (reply.exceptionDetails) {
    const details = reply.exceptionDetails;
    throw new Error(details.exception?.description ?? details.text);
  }
  return reply.result.value;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
