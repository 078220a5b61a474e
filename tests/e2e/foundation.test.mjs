// The foundation, end to end, in both browsers: the built extension loads, the
// reader's click on the toolbar button analyses the page in the background with the
// real wasm core, and the sentences the reader sees highlighted are the expected ones,
// under the expected highlight names. On an ordinary page and behind a strict
// Content-Security-Policy (where Chrome would refuse wasm in a content script).
//
// Run: node --test --test-concurrency=1 tests/e2e/   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BROWSERS, launch, PROTOCOL, SCREENSHOT_DIR } from './harness/browsers.mjs';
import { REPO_ROOT } from './harness/build-variant.mjs';
import { compareHighlights, loadExpected, PAINTABLE } from './harness/expected.mjs';
import { startServer } from './harness/server.mjs';

const CRATE_VERSION = readFileSync(`${REPO_ROOT}Cargo.toml`, 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];

const KNOWN_HIGHLIGHTS = [...PAINTABLE, 'source', 'cue', 'flash'].map((name) => `sourcelight-${name}`);

// Elements the extension may add to the page (its card's shadow host): not page DOM.
const OWN_ELEMENTS = 'sourcelight-card, [id^="sourcelight"], [data-sourcelight]';

console.log(`screenshots: ${SCREENSHOT_DIR}`);

/** The core's version, asked of the wasm instance in the extension's background. */
async function backgroundWasmVersion(browser) {
  if (browser.name === 'chromium') {
    return browser.driver.evaluateInBackground(() => globalThis.wasm_bindgen.version());
  }
  return browser.evaluateInExtension(async () => {
    const background = await globalThis.browser.runtime.getBackgroundPage();
    return background.wasm_bindgen.version();
  });
}

/** Checks the highlights against the page's expected sourcing; reports known engine gaps. */
function assertSourcing(t, expected, seen, painted) {
  const result = compareHighlights(expected, seen, { painted });
  for (const gap of result.gaps) t.diagnostic(`known engine gap: ${gap}`);
  for (const closed of result.gapsClosed) t.diagnostic(`engine gap now closed (remove it from engineGaps): ${closed}`);
  assert.deepEqual(result.mismatches, [], `highlights differ from ${expected.page}'s expected sourcing`);
  assert.ok(result.checked >= 5, `only ${result.checked} sentences could be checked on ${expected.page}`);
}

for (const browserName of BROWSERS) {
  describe(`foundation in ${browserName}`, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await launch(browserName);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /**
     * Opens a page, clicks the toolbar button and checks what the reader sees, first
     * with the default painted verdicts, then with all three painted.
     */
    async function checkPage(t, page, { csp = false, screenshot }) {
      const expected = loadExpected(page);
      await browser.open(server.pageUrl(page, { csp }));
      const domBefore = await browser.domFingerprint(OWN_ELEMENTS);
      assert.deepEqual(await browser.highlights(), {}, 'nothing is highlighted before the reader asks');

      const state = await browser.activate();
      assert.equal(state.status, 'ok', `the page was analysed (state: ${JSON.stringify(state).slice(0, 300)})`);
      assert.ok(state.enabled, 'highlights are on after the click');
      const summary = state.analysis?.profile?.summary;
      assert.ok(summary?.sentences > 0, 'the analysis holds sentences');
      assert.equal(
        summary.sentences,
        state.analysis.blocks.reduce((n, block) => n + block.sentences.length, 0),
        'the profile counts every analysed sentence',
      );

      // Named sentences are always painted, subtly; the reader's setting adds the others.
      const painted = [...new Set(['named', ...state.painted])];
      const seen = await browser.waitForHighlights((h) => Object.keys(h).length > 0);
      for (const name of Object.keys(seen)) {
        assert.ok(KNOWN_HIGHLIGHTS.includes(name), `unknown highlight name ${name}`);
      }
      assertSourcing(t, expected, seen, painted);
      await browser.screenshot(screenshot);

      // All three verdicts painted: the named sentences show up under their own name too.
      const all = await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: PAINTABLE });
      const allSeen = await browser.waitForHighlights((h) => PAINTABLE.every((v) => (h[`sourcelight-${v}`] ?? []).length > 0));
      assertSourcing(t, expected, allSeen, all?.painted ?? PAINTABLE);
      await browser.screenshot(`${screenshot}-all-verdicts`);

      assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, "the page's own DOM is unchanged");
      return state;
    }

    test('the built extension loads and its popup page is reachable', async () => {
      assert.match(browser.extensionOrigin, /^(chrome|moz)-extension:\/\/[\w-]+$/);
      const title = await browser.evaluateInExtension(() => document.title);
      assert.equal(title, 'sourcelight e2e helper');
    });

    test('an ordinary news page: the expected sentences are highlighted under each name', async (t) => {
      await checkPage(t, 'news-basic.html', { screenshot: 'news-basic' });
    });

    test('the analysis ran in the background with the real wasm core', async () => {
      assert.equal(await backgroundWasmVersion(browser), CRATE_VERSION);
    });

    test('a page behind a strict CSP: the same, analysis still in the background', async (t) => {
      await checkPage(t, 'csp-article.html', { csp: true, screenshot: 'csp-article' });
      // The CSP was in force: the page's inline script was blocked, its own file ran.
      const page = await browser.evaluateClean(() => ({
        inline: document.body.dataset.inlineScriptRan ?? null,
        own: document.getElementById('reading-time').textContent,
      }));
      assert.equal(page.inline, null, 'the inline script was blocked by the CSP');
      assert.match(page.own, /min read/, "the page's own script ran");
    });
  });
}

// The build exactly as shipped: no site access at install, so nothing runs until the
// reader clicks the toolbar button, and that click alone (activeTab) lets it in.
for (const browserName of BROWSERS) {
  describe(`the shipped build in ${browserName}`, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await launch(browserName, { variant: 'shipped' });
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('nothing runs on a page until the reader clicks; the click analyses it', async (t) => {
      const granted = await browser.evaluateInExtension((origin) =>
        (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [origin] }),
        'http://127.0.0.1/*',
      );
      assert.equal(granted, false, 'the shipped build holds no site access');

      await browser.open(server.pageUrl('news-basic.html'));
      await new Promise((done) => setTimeout(done, 500));
      assert.deepEqual(await browser.highlights(), {}, 'no highlight before the click');
      await assert.rejects(browser.state(), 'no content script before the click');

      const state = await browser.activate({ via: 'toolbar' });
      assert.equal(state.status, 'ok');
      const seen = await browser.waitForHighlights();
      assertSourcing(t, loadExpected('news-basic.html'), seen, [...new Set(['named', ...state.painted])]);
      await browser.screenshot('shipped-news-basic');
    });
  });
}
