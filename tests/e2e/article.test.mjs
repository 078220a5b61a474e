// Article reading and painting, in both browsers, on every fixture page that imitates a
// news layout: the extension reads the article's prose and nothing of the page's chrome
// (navigation, sidebars, related links, comments, cookie banners, editable areas) or of
// the article's furniture (headline, byline, captions, subheadings, times), paints each
// sentence under the highlight of the verdict the engine gave it, and leaves the page's
// DOM exactly as it was.
//
// The verdicts are the engine's (from the content script's state), not a copy kept
// here, so this file tests the reading and the painting, not the engine; the careful
// reader's verdicts are compared by foundation.test.mjs.
//
// Run: node --test --test-concurrency=1 tests/e2e/   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BROWSERS, launch, PROTOCOL, SCREENSHOT_DIR } from './harness/browsers.mjs';
import { PAGES_DIR, startServer } from './harness/server.mjs';

const ARTICLE_PAGES = [
  'news-basic', 'news-sidebar', 'news-related', 'news-comments', 'news-cookie',
  'paywall', 'seed-like', 'live-blog', 'editable', 'csp-article',
];
const VERDICT_NAMES = ['named', 'anonymous', 'unattributed'];
// Elements the UI may add to the page (the card's shadow host): not the page's own DOM.
const OWN_ELEMENTS = '[id^="sourcelight"], [class^="sourcelight"], [data-sourcelight]';

console.log(`screenshots: ${SCREENSHOT_DIR}`);

const clean = (text) => text.replace(/\s+/g, ' ').trim();

/** A fixture page's expected reading (pages/<name>.expected.json): its sentences and outside texts. */
function loadExpected(page) {
  const data = JSON.parse(readFileSync(`${PAGES_DIR}${page}.expected.json`, 'utf8'));
  return { sentences: [], outside: [], furniture: [], ...data };
}

/** What the content script read: every sentence's text, in reading order. */
function readText(state) {
  return clean(state.analysis.blocks.flatMap((b) => b.sentences.map((s) => state.texts[s.id])).join(' '));
}

/**
 * The highlights the analysis calls for: each sentence under its verdict's name when
 * that verdict is painted (named ones always, subtly), as texts in reading order.
 */
function expectedHighlights(state) {
  const want = {};
  for (const block of state.analysis.blocks) {
    for (const s of block.sentences) {
      if (!VERDICT_NAMES.includes(s.verdict)) continue;
      if (s.verdict !== 'named' && !state.painted.includes(s.verdict)) continue;
      (want[`sourcelight-${s.verdict}`] ??= []).push(clean(state.texts[s.id]));
    }
  }
  return want;
}

function verdictHighlights(seen) {
  return Object.fromEntries(VERDICT_NAMES.map((v) => `sourcelight-${v}`).filter((n) => seen[n]?.length).map((n) => [n, seen[n]]));
}

for (const browserName of BROWSERS) {
  describe(`article reading in ${browserName}`, () => {
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

    for (const page of ARTICLE_PAGES) {
      test(`${page}: reads the article, never the chrome, and paints the engine's verdicts`, async () => {
        const expected = loadExpected(page);
        await browser.open(server.pageUrl(`${page}.html`, { csp: page === 'csp-article' }));
        const domBefore = await browser.domFingerprint(OWN_ELEMENTS);

        const state = await browser.activate({ via: 'message' });
        assert.equal(state.status, 'ok', `status ${state.status}: ${state.error ?? ''}`);

        const read = readText(state);
        for (const sentence of expected.sentences.filter((s) => !s.phase || s.phase === 'initial')) {
          assert.ok(read.includes(clean(sentence.text)), `the article's sentence was not read: "${sentence.text}"`);
        }
        // (A live blog's key-event links repeat its entries' headings: those are read once, in the entry.)
        const articleText = clean(expected.sentences.map((s) => s.text).join(' '));
        const onlyOutside = [...expected.outside, ...expected.furniture].filter((o) => !articleText.includes(clean(o)));
        for (const outside of onlyOutside) {
          assert.ok(!read.includes(clean(outside)), `text outside the article was read: "${outside}"`);
        }

        const seen = await browser.waitForHighlights();
        assert.deepEqual(verdictHighlights(seen), expectedHighlights(state));
        const everything = Object.values(seen).flat().join(' | ');
        for (const outside of onlyOutside) {
          assert.ok(!everything.includes(clean(outside)), `text outside the article is highlighted: "${outside}"`);
        }

        assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore, 'the page DOM changed');
        await browser.screenshot(`article-${page}`);
      });
    }

    test('home: a page with no article is left alone', async () => {
      const expected = loadExpected('home');
      assert.equal(expected.article, false);
      await browser.open(server.pageUrl('home.html'));
      const domBefore = await browser.domFingerprint(OWN_ELEMENTS);
      const state = await browser.activate({ via: 'message' });
      assert.equal(state.status, 'no-article');
      assert.deepEqual(await browser.highlights(), {});
      assert.equal(await browser.domFingerprint(OWN_ELEMENTS), domBefore);
    });

    test('toggling off removes every highlight and on restores the same ones', async () => {
      await browser.open(server.pageUrl('news-sidebar.html'));
      await browser.activate({ via: 'message' });
      const painted = await browser.waitForHighlights();
      assert.ok(Object.keys(verdictHighlights(painted)).length > 0);

      const off = await browser.sendToTab({ type: 'sourcelight/set-enabled', on: false });
      assert.equal(off.enabled, false);
      assert.deepEqual(await browser.highlights(), {});

      const on = await browser.sendToTab({ type: 'sourcelight/set-enabled', on: true });
      assert.equal(on.enabled, true);
      assert.deepEqual(await browser.waitForHighlights(), painted);
    });

    test('the painted verdicts follow the reader\'s choice', async () => {
      await browser.open(server.pageUrl('news-comments.html'));
      const state = await browser.activate({ via: 'message' });
      const all = await browser.sendToTab({ type: 'sourcelight/set-painted', painted: ['named', 'anonymous', 'unattributed'] });
      const seenAll = verdictHighlights(await browser.highlights());
      assert.deepEqual(seenAll, expectedHighlights(all));

      const onlyUnattributed = await browser.sendToTab({ type: 'sourcelight/set-painted', painted: ['unattributed'] });
      const seen = verdictHighlights(await browser.highlights());
      assert.equal(seen['sourcelight-anonymous'], undefined, 'anonymous claims are no longer painted');
      assert.deepEqual(seen, expectedHighlights(onlyUnattributed));
      assert.ok(state.analysis.profile.summary.unattributed > 0);
    });

    test('a brief state carries the profile and the texts the popup shows, nothing more', async () => {
      await browser.open(server.pageUrl('news-related.html'));
      const full = await browser.activate({ via: 'message' });
      const brief = await browser.sendToTab({ type: PROTOCOL.GET_STATE, brief: true });
      assert.equal(brief.analysis.blocks, undefined);
      assert.deepEqual(brief.analysis.profile, full.analysis.profile);
      const { profile } = full.analysis;
      // The popup shows the texts of its sentence lists, up to LIST_LIMIT entries each.
      const shown = new Set([...profile.unattributed.slice(0, PROTOCOL.LIST_LIMIT), ...profile.hedged.slice(0, PROTOCOL.LIST_LIMIT)]);
      assert.ok(shown.size > 0);
      full.texts.forEach((text, id) => {
        if (shown.has(id)) assert.equal(brief.texts[id], text);
        else assert.equal(brief.texts[id] ?? null, null, `sentence ${id} sent though the popup does not show it`);
      });
    });

    test('the whole state comes in pieces of blocks, which together equal the full state', async () => {
      await browser.open(server.pageUrl('news-related.html'));
      const full = await browser.activate({ via: 'message' });
      const page = await browser.sendToTab({ type: PROTOCOL.GET_STATE, blocks: [1, 3] });
      assert.equal(page.analysis.blocksFrom, 1);
      assert.equal(page.analysis.blockCount, full.analysis.blocks.length);
      assert.deepEqual(page.analysis.blocks, full.analysis.blocks.slice(1, 3));
      const ids = new Set(page.analysis.blocks.flatMap((block) => block.sentences.map((s) => s.id)));
      assert.ok(ids.size > 0);
      full.texts.forEach((text, id) => assert.equal(page.texts[id] ?? null, ids.has(id) ? text : null, `text of sentence ${id}`));
      assert.equal(page.analysis.profile, undefined, 'the profile comes with a brief state, not with every piece');
      const pieced = await browser.stateInPieces({ blocksPerPiece: 2 });
      assert.deepEqual(pieced.analysis, full.analysis);
      assert.deepEqual(pieced.texts, full.texts);
    });

    test('performance marks and timings are recorded for the benchmark', async () => {
      await browser.open(server.pageUrl('news-cookie.html'));
      const state = await browser.activate({ via: 'message' });
      for (const key of ['collectMs', 'analyseMs', 'paintMs', 'totalMs']) {
        assert.equal(typeof state.timings[key], 'number', key);
      }
      const marks = await browser.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
      assert.ok(marks.includes('sourcelight:request') && marks.includes('sourcelight:painted'), `marks seen by the page: ${marks}`);
    });
  });
}
