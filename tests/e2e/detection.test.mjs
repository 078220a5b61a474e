// Finding the article (issue 16), in both browsers, on fixture pages written for each way the
// extension used to get it wrong:
// - captions and credits inside the article (captions-credits), teaser cards and a "More on
//   this story" list inside the article's own container (related-teasers), a live page whose
//   posts carry relative times (live-page): the article's prose is read and painted, and its
//   furniture (headings, bylines, captions, credits, times) and the chrome never are;
// - an article set in <div>s and <br><br> without a single <p> (div-article), which got
//   nothing painted: it is read and painted;
// - a section front of thirty teasers (section-front) and a video's page (video-page), which
//   were painted: they hold no article, nothing is read or painted, also on a site that is
//   "always on", and the popup says so and offers to analyse the page anyway.
// On every page the page's DOM stays exactly as it was.
//
// The verdicts are the engine's (from the content script's state): this file tests what is
// read and painted, not the engine.
//
// Run: node --test --test-concurrency=1 tests/e2e/detection.test.mjs   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, launch, PROTOCOL, waitFor } from './harness/browsers.mjs';
import { loadExpected } from './harness/expected.mjs';
import { readPopup } from './harness/popup.mjs';
import { startServer } from './harness/server.mjs';

const ARTICLES = ['captions-credits', 'related-teasers', 'live-page', 'div-article'];
const NO_ARTICLE = ['section-front', 'video-page'];
const VERDICT_NAMES = ['named', 'anonymous', 'unattributed'];
// Elements the UI may add to the page (the card's shadow host): not the page's own DOM.
const OWN_ELEMENTS = '[id^="sourcelight"], [class^="sourcelight"], [data-sourcelight]';

const clean = (text) => text.replace(/\s+/g, ' ').trim();

/** Every sentence the content script read, in reading order. */
function sentencesOf(state) {
  return (state.analysis?.blocks ?? []).flatMap((b) => b.sentences.map((s) => ({ verdict: s.verdict, text: clean(state.texts[s.id] ?? '') })));
}

/** The highlights the analysis calls for: each painted verdict's sentences, in reading order. */
function expectedHighlights(state) {
  const want = {};
  for (const { verdict, text } of sentencesOf(state)) {
    if (!VERDICT_NAMES.includes(verdict)) continue;
    if (verdict !== 'named' && !state.painted.includes(verdict)) continue;
    (want[`sourcelight-${verdict}`] ??= []).push(text);
  }
  return want;
}

function verdictHighlights(seen) {
  return Object.fromEntries(VERDICT_NAMES.map((v) => `sourcelight-${v}`).filter((n) => seen[n]?.length).map((n) => [n, seen[n]]));
}

/** Sends a message to the background from an extension page, as the popup does. */
function toBackground(browser, message) {
  return browser.evaluateInExtension((msg) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(msg), message);
}

for (const browserName of BROWSERS) {
  describe(`finding the article in ${browserName}`, () => {
    let server;
    let browser;
    let origin;

    before(async () => {
      server = await startServer();
      origin = server.origin;
      browser = await launch(browserName);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const page of ARTICLES) {
      test(`${page}: reads and paints the article's prose, never its furniture or the chrome`, async () => {
        const expected = loadExpected(page);
        server.requests.length = 0;
        await browser.open(server.pageUrl(`${page}.html`));
        const domBefore = await browser.domFingerprint(OWN_ELEMENTS);

        const state = await browser.activate({ via: 'message' });
        assert.equal(state.status, 'ok', `status ${state.status}: ${state.error ?? ''}`);
        const read = sentencesOf(state).map((s) => s.text);
        const all = read.join(' ');
        for (const sentence of expected.sentences) {
          assert.ok(read.includes(clean(sentence.text)), `the article's sentence was not read as one: "${sentence.text}"`);
        }
        for (const text of [...expected.furniture, ...expected.outside]) {
          assert.ok(!all.includes(clean(text)), `read, though not the article's prose: "${text}"`);
        }
        assert.equal(read.length, expected.sentences.length, `read: ${JSON.stringify(read)}`);

        const seen = await browser.waitForHighlights();
        assert.deepEqual(verdictHighlights(seen), expectedHighlights(state));
        const painted = Object.values(seen).flat().join(' | ');
        for (const text of [...expected.furniture, ...expected.outside]) {
          assert.ok(!painted.includes(clean(text)), `painted, though not the article's prose: "${text}"`);
        }
        assert.ok(Object.keys(verdictHighlights(seen)).length > 0, 'something is painted');
        assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, 'the page DOM changed');
        // The copy Readability reads is inert: its images load nothing.
        const images = server.requests.filter((r) => r.url.endsWith('.png'));
        assert.ok(images.length <= 1, `the page's image was asked for ${images.length} times`);
      });
    }

    for (const page of NO_ARTICLE) {
      test(`${page}: holds no article, so nothing is read or painted, even on a site that is always on`, async () => {
        const expected = loadExpected(page);
        assert.equal(expected.article, false);
        await browser.open(server.pageUrl(`${page}.html`));
        const domBefore = await browser.domFingerprint(OWN_ELEMENTS);
        const state = await browser.activate({ via: 'message' });
        assert.equal(state.status, 'no-article');
        assert.equal(state.analysis, undefined, 'nothing was analysed');
        assert.deepEqual(await browser.highlights(), {});
        assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, 'the page DOM changed');

        // "Always on for this site": the content script runs by itself as the page loads.
        const reply = await toBackground(browser, { type: PROTOCOL.SET_SITE_MODE, origin, mode: 'always' });
        assert.equal(reply.ok, true, reply.error);
        try {
          await browser.open(server.pageUrl(`${page}.html`));
          const auto = await browser.waitForState((s) => s.status !== 'loading');
          assert.equal(auto.status, 'no-article');
          assert.equal(auto.stats.analyses, 0, 'no analysis was asked for');
          await new Promise((done) => setTimeout(done, 500));
          assert.deepEqual(await browser.highlights(), {});
          assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, 'the page DOM changed');
        } finally {
          // Not the mode 'ask': Firefox would let the background drop the test build's own
          // permission for the site, and the next page could not be always on.
          await toBackground(browser, { type: PROTOCOL.RESET_SITES });
        }
      });
    }

    test('the popup says no article was found; "Analyse anyway" reads the main content and paints it', async () => {
      const expected = loadExpected('section-front');
      await browser.open(server.pageUrl('section-front.html'));
      const domBefore = await browser.domFingerprint(OWN_ELEMENTS);
      await browser.clickToolbarButton();
      const shown = await readPopup(browser.popup());
      assert.ok(shown.message.startsWith('No article was found on this page, so nothing is highlighted.'), shown.message);
      assert.equal(shown.anyway, true, 'the popup offers to analyse the page anyway');
      assert.equal(shown.profileShown, false);
      assert.deepEqual(await browser.highlights(), {});

      await browser.popup().click('#analyse-anyway');
      await waitFor(async () => (await readPopup(browser.popup())).profileShown, { what: () => 'the profile after "Analyse anyway"' });
      const after = await readPopup(browser.popup());
      assert.match(after.message, /Read at your request/);
      const state = await browser.state();
      assert.equal(state.status, 'ok');
      assert.equal(state.anyway, true);
      assert.equal(state.stats.method, 'anyway');
      // The main content is the cards' summaries: read, and painted by their verdicts.
      const read = sentencesOf(state).map((s) => s.text);
      const summaries = expected.outside.filter((text) => /[.!?]$/.test(text) && !text.startsWith('Westmark News'));
      assert.ok(summaries.filter((text) => read.includes(text)).length >= 25, `read: ${JSON.stringify(read).slice(0, 400)}`);
      const seen = await browser.waitForHighlights();
      assert.deepEqual(verdictHighlights(seen), expectedHighlights(state));
      // Still prose only: the cards' linked headlines and their times are not read.
      for (const time of ['1 hours ago', '2 hours ago', '3 days ago']) assert.ok(!read.join(' ').includes(time));
      assert.ok(!read.includes('Port of Kellmouth posts record container year'));
      assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, 'the page DOM changed');
      await browser.popup().close();
    });
  });
}
