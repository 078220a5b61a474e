// Firefox with the extension, driven over its own WebDriver BiDi (no geckodriver).
//
// Firefox is started with `--remote-debugging-port 0 --remote-allow-system-access`
// on a fresh profile; the BiDi address is read from its stderr. The extension is
// installed as a temporary add-on with `webExtension.install`, under a UUID pinned in
// the profile's prefs so its `moz-extension://` origin is known in advance.
//
// The system-access flag opens BiDi's privileged ("chrome") scope, used for what no
// web API can do: the reader's click on the toolbar button
// (`browserActionFor(extension).triggerAction(window)`, which opens the popup and
// grants activeTab) and the keyboard shortcut (`doCommand()` on the extension's
// `<key>` element, which also grants activeTab and fires `commands.onCommand`).
//
// Firefox exposes neither the background nor the content script's sandbox over BiDi;
// the extension is reached from an extension page opened as a background tab (the
// helper page the test build adds): messages, `runtime.getBackgroundPage()`, and
// `extension.getViews({type: 'popup'})` for the popup.

import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonSocket } from './json-socket.mjs';
import { HELPER_PAGE } from './build-variant.mjs';
import { callSource } from './page-functions.mjs';

export const FIREFOX_PATH = process.env.SOURCELIGHT_FIREFOX ?? '/usr/bin/firefox-esr';

// The UUID the extension gets in every test profile.
export const FIREFOX_EXTENSION_UUID = '5f0c1e2a-7b3d-4c8e-9a61-50c1a9e2e2e2';

// Prefs for a quiet, deterministic profile. The remote agent already applies its
// recommended automation prefs; these add what the tests need and silence the rest
// of the browser's own network traffic (updates, telemetry, safe browsing, remote
// settings, captive-portal and connectivity checks, prefetching).
function profilePrefs(extensionId) {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: FIREFOX_EXTENSION_UUID }),
    // "Always on for this site" and "every site" ask for optional permissions; headless
    // there is no one to answer a prompt.
    'extensions.webextOptionalPermissionPrompts': false,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'app.update.disabledForTesting': true,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.newtabpage.enabled': false,
    'browser.newtab.preload': false,
    'browser.discovery.enabled': false,
    'browser.search.update': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.tabs.warnOnClose': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'media.gmp-manager.updateEnabled': false,
    'geo.provider.network.url': '',
    'services.settings.server': 'data:,#remote-settings-disabled',
    'privacy.trackingprotection.enabled': false,
  };
}

// Downloads go to one folder without asking (the export test reads back what the popup saved).
function downloadPrefs(folder) {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': folder,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
  };
}

// Every request through one HTTP proxy, loopback included (the privacy test records them).
function proxyPrefs(proxy) {
  const { hostname, port } = new URL(proxy);
  return {
    'network.proxy.type': 1,
    'network.proxy.http': hostname,
    'network.proxy.http_port': Number(port),
    'network.proxy.ssl': hostname,
    'network.proxy.ssl_port': Number(port),
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}

export class FirefoxDriver {
  name = 'firefox';

  /**
   * @param {{extensionDir: string, manifest: object, profileDir: string, headless: boolean,
   *   proxy: string|null}} options
   */
  static async launch({ extensionDir, manifest, profileDir, headless, proxy }) {
    const extensionId = manifest.browser_specific_settings?.gecko?.id;
    if (!extensionId) throw new Error('the manifest has no browser_specific_settings.gecko.id');
    const downloadsDir = join(profileDir, 'downloads');
    await mkdir(downloadsDir, { recursive: true });
    const prefs = Object.entries({ ...profilePrefs(extensionId), ...downloadPrefs(downloadsDir), ...(proxy ? proxyPrefs(proxy) : {}) })
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n');
    await writeFile(join(profileDir, 'user.js'), `${prefs}\n`);

    const args = ['--no-remote', '--remote-debugging-port', '0', '--remote-allow-system-access'];
    if (headless) args.push('--headless');
    args.push('--profile', profileDir);
    // Its own process group, so close() can end Firefox and every content process it started.
    const child = spawn(FIREFOX_PATH, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    const driver = new FirefoxDriver(child, extensionId, manifest);
    driver.downloadsDir = downloadsDir;
    try {
      await driver.#start(extensionDir);
    } catch (error) {
      await driver.close();
      throw new Error(`${error.message}\nFirefox said:\n${driver.stderrTail}`);
    }
    return driver;
  }

  constructor(child, extensionId, manifest) {
    this.child = child;
    this.extensionId = extensionId;
    this.manifest = manifest;
    this.extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    this.stderrTail = '';
    this.exited = new Promise((done) => child.once('exit', done));
    child.stderr.on('data', (data) => {
      this.stderrTail = (this.stderrTail + data).slice(-8000);
    });
  }

  async #start(extensionDir) {
    const address = await new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('Firefox did not open WebDriver BiDi within 30 s')), 30_000);
      const look = () => {
        const match = this.stderrTail.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
        if (match) {
          clearTimeout(timer);
          this.child.stderr.off('data', look);
          done(match[1]);
        }
      };
      this.child.stderr.on('data', look);
      this.child.once('exit', (code) => fail(new Error(`Firefox exited (${code}) before BiDi was ready`)));
    });
    this.bidi = await JsonSocket.connect(`${address}/session`);
    await this.bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: false } } });
    await this.bidi.send('webExtension.install', { extensionData: { type: 'path', path: extensionDir } });
    const { contexts } = await this.bidi.send('browsingContext.getTree', { maxDepth: 0 });
    this.context = contexts[0].context;
    await this.bidi.send('browsingContext.setViewport', {
      context: this.context,
      viewport: { width: 1280, height: 800 },
    });
    // Opened now, not on first use: opening a tab later could close an open popup.
    await this.#helperContext();
  }

  async open(url) {
    await this.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  async url() {
    const { contexts } = await this.bidi.send('browsingContext.getTree', { root: this.context, maxDepth: 0 });
    return contexts[0].url;
  }

  /** Runs `fn(...args)` in the page's own realm. */
  async evaluate(fn, ...args) {
    return this.#evaluate({ context: this.context }, callSource(fn, args));
  }

  /**
   * Runs `fn(...args)` in a BiDi sandbox of the page: same DOM through Xrays, clean
   * globals. A new sandbox each time: a sandbox that once touched a frame while it still
   * held its initial about:blank document keeps seeing that document's highlights.
   */
  async evaluateClean(fn, ...args) {
    this.sandboxes = (this.sandboxes ?? 0) + 1;
    return this.#evaluate({ context: this.context, sandbox: `sourcelight-e2e-${this.sandboxes}` }, callSource(fn, args));
  }

  /** Runs `fn(...args)` in a fresh sandbox of every frame, top first; returns the results. */
  async evaluateCleanInFrames(fn, ...args) {
    const { contexts } = await this.bidi.send('browsingContext.getTree', { root: this.context });
    const frames = [];
    const collect = (node) => {
      frames.push(node.context);
      for (const child of node.children ?? []) collect(child);
    };
    collect(contexts[0]);
    const results = [];
    for (const context of frames) {
      this.sandboxes = (this.sandboxes ?? 0) + 1;
      try {
        results.push(await this.#evaluate({ context, sandbox: `sourcelight-e2e-${this.sandboxes}` }, callSource(fn, args)));
      } catch {
        // A frame that went away, or one closed to us.
      }
    }
    return results;
  }

  /** Runs `fn(...args)` in an extension page (the helper tab). */
  async evaluateInExtension(fn, ...args) {
    return this.#evaluate({ context: await this.#helperContext() }, callSource(fn, args));
  }

  /** The reader clicks the toolbar button while this tab is shown. */
  async clickToolbarButton() {
    // A second click while the popup is open would close it instead of opening it.
    await this.closePopup();
    await this.bidi.send('browsingContext.activate', { context: this.context });
    await this.#evaluateChrome(
      `(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(this.extensionId)}).extension;
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
      })()`,
    );
  }

  /**
   * The reader presses the shortcut of the manifest command `name`: `doCommand()` on
   * the `<key>` element Firefox made for it (found by its suggested key).
   */
  async pressCommand(name) {
    const suggested = this.manifest.commands?.[name]?.suggested_key?.default;
    if (!suggested) throw new Error(`the manifest has no command "${name}" with a default key`);
    const parts = suggested.split('+');
    const key = parts.pop();
    await this.bidi.send('browsingContext.activate', { context: this.context });
    await this.#evaluateChrome(
      `(() => {
        const widgetId = ${JSON.stringify(this.extensionId)}.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
        const keyset = document.getElementById('ext-keyset-id-' + widgetId);
        if (!keyset) throw new Error('Firefox made no keyset for the extension');
        const wanted = ${JSON.stringify(parts.map((p) => p.toLowerCase()).sort().join(','))};
        const element = [...keyset.children].find((k) =>
          (k.getAttribute('key') ?? '').toLowerCase() === ${JSON.stringify(key.toLowerCase())} &&
          (k.getAttribute('modifiers') ?? '').split(',').map((m) => m.trim()).sort().join(',') === wanted);
        if (!element) throw new Error('no <key> element for ${suggested}');
        element.doCommand();
      })()`,
    );
  }

  /** Runs `fn(popupWindow, ...args)` with the open popup's window (from the helper tab). */
  async evaluateInPopup(fn, ...args) {
    const context = await this.#helperContext();
    return this.#evaluate(
      { context },
      `(async () => {
        const deadline = Date.now() + 5000;
        let popup;
        while (!(popup = browser.extension.getViews({ type: 'popup' })[0])) {
          if (Date.now() > deadline) throw new Error('no popup is open');
          await new Promise((done) => setTimeout(done, 100));
        }
        if (popup.document.readyState !== 'complete') {
          await new Promise((done) => popup.addEventListener('load', done, { once: true }));
        }
        return (${fn})(popup, ...${JSON.stringify(args)});
      })()`,
    );
  }

  /**
   * A click at a point of the popup's viewport. The popup is no BiDi browsing context,
   * so this is a synthetic `click()` on the element there: not a user gesture (Firefox
   * refuses `permissions.request` from it).
   */
  async clickInPopup(x, y) {
    await this.evaluateInPopup(
      (win, px, py) => {
        const target = win.document.elementFromPoint(px, py);
        if (!target) throw new Error(`nothing at ${px},${py} in the popup`);
        target.click();
      },
      x,
      y,
    );
  }

  async closePopup() {
    await this.evaluateInExtension(() => {
      for (const view of browser.extension.getViews({ type: 'popup' })) view.close();
    }).catch(() => {});
  }

  /**
   * Opens an extension page (e.g. `options.html`) in a new tab; returns a small handle
   * with `evaluate(fn, ...args)`, `click(selector)` (real input events) and `close()`.
   */
  async openExtensionPage(path) {
    const { context } = await this.bidi.send('browsingContext.create', { type: 'tab' });
    await this.bidi.send('browsingContext.navigate', {
      context,
      url: `${this.extensionOrigin}/${path}`,
      wait: 'complete',
    });
    return {
      evaluate: (fn, ...args) => this.#evaluate({ context }, callSource(fn, args)),
      click: (selector) => this.realClick(context, selector),
      close: () => this.bidi.send('browsingContext.close', { context }).catch(() => {}),
    };
  }

  /** The text on the system clipboard, read from the privileged scope (no page may). */
  async readClipboard() {
    return this.#evaluateChrome(
      `(() => {
        const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
        transferable.init(null);
        transferable.addDataFlavor('text/plain');
        Services.clipboard.getData(transferable, Services.clipboard.kGlobalClipboard, window.browsingContext.currentWindowContext);
        const data = {};
        transferable.getTransferData('text/plain', data);
        return data.value.QueryInterface(Ci.nsISupportsString).data;
      })()`,
    );
  }

  /** A real pointer click (user gesture) at the centre of `selector` in a browsing context. */
  async realClick(context, selector) {
    const { x, y } = await this.#evaluate(
      { context },
      callSource(
        (sel) => {
          const element = document.querySelector(sel);
          if (!element) throw new Error(`nothing matches ${sel}`);
          element.scrollIntoView({ block: 'center' });
          const box = element.getBoundingClientRect();
          return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
        },
        [selector],
      ),
    );
    await this.bidi.send('input.performActions', {
      context,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x, y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  }

  async screenshot(path, { fullPage = true } = {}) {
    const { data } = await this.bidi.send('browsingContext.captureScreenshot', {
      context: this.context,
      origin: fullPage ? 'document' : 'viewport',
    });
    await writeFile(path, Buffer.from(data, 'base64'));
  }

  async close() {
    if (this.bidi && !this.bidi.closed) {
      await this.bidi.send('session.end', {}, { timeoutMs: 3000 }).catch(() => {});
      this.bidi.close();
    }
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const exited = await Promise.race([this.exited.then(() => true), sleep(5000).then(() => false)]);
      if (!exited) {
        try {
          process.kill(-this.child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  }

  /** Kills the process group synchronously (for process exit handlers). */
  killNow() {
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  async #helperContext() {
    if (!this.helperContext) {
      const { context } = await this.bidi.send('browsingContext.create', { type: 'tab', background: true });
      await this.bidi.send('browsingContext.navigate', {
        context,
        url: `${this.extensionOrigin}/${HELPER_PAGE}`,
        wait: 'complete',
      });
      this.helperContext = context;
    }
    return this.helperContext;
  }

  async #chromeContext() {
    if (!this.chromeContext) {
      const { contexts } = await this.bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
      this.chromeContext = contexts[0].context;
    }
    return this.chromeContext;
  }

  async #evaluateChrome(expression) {
    return this.#evaluate({ context: await this.#chromeContext() }, expression);
  }

  async #evaluate(target, expression) {
    const reply = await this.bidi.send('script.evaluate', {
      expression,
      target,
      awaitPromise: true,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0, maxObjectDepth: 50 },
      userActivation: true,
    });
    if (reply.type === 'exception') {
      const details = reply.exceptionDetails;
      throw new Error(details.text ?? 'evaluation failed');
    }
    return fromRemote(reply.result);
  }
}

/** Turns a BiDi remote value into a plain JavaScript value (JSON-like data only). */
export function fromRemote(value) {
  switch (value.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return value.value;
    case 'number':
      if (typeof value.value === 'number') return value.value;
      return { NaN: NaN, '-0': -0, Infinity: Infinity, '-Infinity': -Infinity }[value.value];
    case 'bigint':
      return BigInt(value.value);
    case 'array':
    case 'set':
      return (value.value ?? []).map(fromRemote);
    case 'object':
    case 'map': {
      const result = {};
      for (const [key, item] of value.value ?? []) {
        result[typeof key === 'string' ? key : String(fromRemote(key))] = fromRemote(item);
      }
      return result;
    }
    case 'date':
      return new Date(value.value);
    default:
      // Nodes, windows, functions...: describe rather than fail.
      return { type: value.type };
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
