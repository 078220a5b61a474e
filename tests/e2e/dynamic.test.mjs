// Dynamic pages, in both browsers: text added, changed or removed in the article after
// it was painted is analysed again, debounced and only for the blocks that changed;
// stale highlights go; a page rewriting its text every 10 ms costs a bounded number of
// analyses; single-page-app navigation starts afresh.
//
// The growth, edit and churn cases run on a page written by this file (so the test
// decides when the text changes); the single-page app is the dynamic-spa fixture.
//
// Run: node --test --test-concurrency=1 tests/e2e/   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch, waitFor } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';

const clean = (text) => text.replace(/\s+/g, ' ').trim();

// Invented: a town, a bakery, a mayor. Each paragraph stands on its own.
const PARAGRAPHS = [
  'The bakery on Quay Street will close at the end of June, its owner Lena Marsh said on Monday.',
  'The shop has sold bread in Dunmore since 1952.',
  'People close to the family said the rent had tripled in two years.',
  '“We tried everything to stay,” said Marsh.',
  'The building will be turned into flats.',
];
const ADDED = [
  'Neighbours said the street would feel empty without it.',
  'A petition to save the shop has gathered 4,000 signatures.',
];
const EDITED = 'The mayor, Colm Reddy, said the council would buy the building.';

const GROWING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quay Street bakery to close | Dunmore Weekly</title></head>
<body>
<nav><a href="#">News</a> <a href="#">Sport</a></nav>
<main><article id="story"><h1>Quay Street bakery to close</h1>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article></main>
<script>
  const story = document.getElementById('story');
  window.page = {
    add(texts) { for (const t of texts) { const p = document.createElement('p'); p.textContent = t; story.append(p); } },
    edit(i, text) { story.querySelectorAll('p')[i].textContent = text; },
    remove(i) { story.querySelectorAll('p')[i].remove(); },
    churn(ms, forMs) {
      const p = story.querySelectorAll('p')[1];
      let n = 0;
      const timer = setInterval(() => { p.textContent = 'The shop has sold bread in Dunmore since ' + (1900 + (n++ % 100)) + '.'; }, ms);
      setTimeout(() => { clearInterval(timer); p.textContent = 'The shop has sold bread in Dunmore since 1949.'; }, forMs);
    },
  };
</script>
</body></html>`;

// The article holds a web component whose paragraph lives in its shadow root.
const BOXED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quay Street bakery | Dunmore Weekly</title></head>
<body>
<main><article id="story"><h1>Quay Street bakery to close</h1>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<fact-box></fact-box>
</article></main>
<script>
  customElements.define('fact-box', class extends HTMLElement {
    constructor() {
      super();
      const p = document.createElement('p');
      p.textContent = 'The shop employs six bakers.';
      this.attachShadow({ mode: 'open' }).append(p);
    }
  });
  window.page = { editBox(text) { document.querySelector('fact-box').shadowRoot.querySelector('p').textContent = text; } };
</script>
</body></html>`;

/** Every sentence the extension analysed, by verdict, from its state. */
function sentencesOf(state) {
  return state.analysis.blocks.flatMap((b) => b.sentences.map((s) => ({ verdict: s.verdict, text: clean(state.texts[s.id]) })));
}

/** The highlights the state calls for (named ones are always drawn, subtly). */
function expectedHighlights(state) {
  const want = {};
  for (const s of sentencesOf(state)) {
    if (s.verdict === 'none' || (s.verdict !== 'named' && !state.painted.includes(s.verdict))) continue;
    (want[`sourcelight-${s.verdict}`] ??= []).push(s.text);
  }
  return want;
}

function verdictHighlights(seen) {
  return Object.fromEntries(Object.entries(seen).filter(([name, texts]) =>
    ['sourcelight-named', 'sourcelight-anonymous', 'sourcelight-unattributed'].includes(name) && texts.length));
}

for (const browserName of BROWSERS) {
  describe(`dynamic pages in ${browserName}`, () => {
    let server;
    let fixtures;
    let own;
    let ownDir;
    let browser;

    before(async () => {
      ownDir = await mkdtemp(join(tmpdir(), 'sourcelight-e2e-dynamic-'));
      await writeFile(join(ownDir, 'growing.html'), GROWING_PAGE);
      await writeFile(join(ownDir, 'boxed.html'), BOXED_PAGE);
      own = await startServer({ root: ownDir });
      fixtures = await startServer();
      browser = await launch(browserName);
    });

    after(async () => {
      await browser?.close();
      await own?.close();
      await fixtures?.close();
      await rm(ownDir, { recursive: true, force: true });
    });

    /** Waits until the content script has analysed `count` times and settled. */
    const afterAnalyses = (count) => browser.waitForState((s) => s.status === 'ok' && s.stats.analyses >= count, { timeoutMs: 10_000 });

    test('added paragraphs are analysed alone and painted', async () => {
      await browser.open(own.pageUrl('growing.html'));
      const first = await browser.activate({ via: 'message' });
      assert.equal(first.status, 'ok', first.error);
      assert.equal(first.stats.analyses, 1);

      await browser.evaluate((texts) => window.page.add(texts), ADDED);
      const grown = await afterAnalyses(2);
      assert.equal(grown.stats.lastAnalysedBlocks, ADDED.length, 'only the new blocks were analysed');
      const texts = sentencesOf(grown).map((s) => s.text);
      for (const text of [...PARAGRAPHS, ...ADDED]) assert.ok(texts.includes(clean(text)), `not analysed: ${text}`);
      assert.deepEqual(verdictHighlights(await browser.highlights()), expectedHighlights(grown));
    });

    test('an edited paragraph is analysed again and its stale highlight goes', async () => {
      await browser.open(own.pageUrl('growing.html'));
      await browser.activate({ via: 'message' });
      await browser.evaluate((text) => window.page.edit(2, text), EDITED);
      const edited = await afterAnalyses(2);
      assert.equal(edited.stats.lastAnalysedBlocks, 1);
      const texts = sentencesOf(edited).map((s) => s.text);
      assert.ok(texts.includes(EDITED));
      assert.ok(!texts.includes(PARAGRAPHS[2]));
      const seen = await browser.highlights();
      assert.ok(!Object.values(seen).flat().some((t) => t.includes('rent had tripled')), 'a highlight of the old text remains');
      assert.deepEqual(verdictHighlights(seen), expectedHighlights(edited));

      // A removed paragraph needs no analysis: its sentences and highlights just go.
      await browser.evaluate(() => window.page.remove(0));
      const removed = await browser.waitForState((s) => s.status === 'ok' && !sentencesOf(s).some((x) => x.text === PARAGRAPHS[0]));
      assert.equal(removed.stats.analyses, edited.stats.analyses);
      assert.deepEqual(verdictHighlights(await browser.highlights()), expectedHighlights(removed));
    });

    test('a change inside a shadow root within the article is analysed too', async () => {
      await browser.open(own.pageUrl('boxed.html'));
      const first = await browser.activate({ via: 'message' });
      assert.ok(sentencesOf(first).some((x) => x.text === 'The shop employs six bakers.'));
      await browser.evaluate((text) => window.page.editBox(text), EDITED);
      const edited = await afterAnalyses(2);
      assert.equal(edited.stats.lastAnalysedBlocks, 1);
      assert.ok(sentencesOf(edited).some((x) => x.text === EDITED));
      // Ranges in and out of a shadow root cannot be put in document order (different
      // roots), so compare each highlight's texts as a sorted list.
      const seen = await browser.evaluateClean(() => {
        const result = {};
        for (const verdict of ['named', 'anonymous', 'unattributed']) {
          const texts = [];
          CSS.highlights.get(`sourcelight-${verdict}`)?.forEach((range) => {
            const live = document.createRange(); // the extension registers StaticRanges
            live.setStart(range.startContainer, range.startOffset);
            live.setEnd(range.endContainer, range.endOffset);
            texts.push(live.toString().replace(/\s+/g, ' ').trim());
          });
          if (texts.length) result[`sourcelight-${verdict}`] = texts.sort();
        }
        return result;
      });
      const want = Object.fromEntries(Object.entries(expectedHighlights(edited)).map(([name, texts]) => [name, [...texts].sort()]));
      assert.deepEqual(seen, want);
      assert.ok(Object.values(seen).flat().includes(EDITED), 'the shadow root\'s new sentence is painted');
    });

    test('a page rewriting its text every 10 ms costs a bounded number of analyses', async () => {
      await browser.open(own.pageUrl('growing.html'));
      await browser.activate({ via: 'message' });
      const churnMs = 3000;
      await browser.evaluate((ms) => window.page.churn(10, ms), churnMs);
      await new Promise((resolve) => setTimeout(resolve, churnMs + 1500));
      const settled = await browser.waitForState((s) => s.status === 'ok' && sentencesOf(s).some((x) => x.text.includes('since 1949')));
      // At most one analysis per two seconds of churn, plus the first and the final one.
      assert.ok(settled.stats.analyses <= 2 + Math.ceil(churnMs / 2000), `${settled.stats.analyses} analyses in ${churnMs} ms`);
      assert.deepEqual(verdictHighlights(await browser.highlights()), expectedHighlights(settled));
    });

    test('injected again, the content script tears down the instance before it: nothing of it lives on', async () => {
      await browser.open(own.pageUrl('growing.html'));
      await browser.activate({ via: 'message' });
      const tabId = await browser.readerTabId();
      // The toolbar button on a page the content script already runs in, done the hard way.
      await browser.evaluateInExtension(async (id) => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.scripting.executeScript({ target: { tabId: id }, files: ['protocol.js', 'article.js', 'highlight.js', 'content.js'] });
      }, tabId);
      await browser.waitForState((s) => s.status === 'ok' && s.stats.analyses === 1);
      const off = await browser.sendToTab({ type: 'sourcelight/set-enabled', on: false });
      assert.equal(off.enabled, false);
      assert.deepEqual(await browser.highlights(), {});
      // A leftover instance would still observe the article and paint it again after a change.
      await browser.evaluate((texts) => window.page.add(texts), ADDED);
      await browser.waitForState((s) => s.stats.analyses >= 2);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.deepEqual(await browser.highlights(), {});
    });

    test('single-page-app navigation starts afresh on the new story', async () => {
      await browser.open(fixtures.pageUrl('dynamic-spa.html'));
      const first = await browser.activate({ via: 'message' });
      assert.equal(first.status, 'ok', first.error);
      // The page loads three more paragraphs about 800 ms after load.
      const grown = await browser.waitForState((s) => s.status === 'ok'
        && sentencesOf(s).some((x) => x.text.startsWith('Opposition councillors said')));
      assert.ok(sentencesOf(grown).some((x) => x.text.startsWith('Business owners along the route')));

      await browser.evaluate(() => document.getElementById('next-story').click());
      const second = await browser.waitForState((s) => s.status === 'ok' && s.url.endsWith('/story-2')
        && sentencesOf(s).some((x) => x.text.startsWith('Night buses will return')));
      assert.ok(!sentencesOf(second).some((x) => x.text.includes('tram')), 'the old story is still analysed');
      const seen = await waitFor(async () => {
        const h = verdictHighlights(await browser.highlights());
        return Object.values(h).flat().some((t) => t.includes('Night buses')) ? h : null;
      }, { what: () => 'highlights of the new story' });
      assert.ok(!Object.values(seen).flat().some((t) => /tram|Hanne Berg/i.test(t)), 'a highlight of the old story remains');
      assert.deepEqual(seen, expectedHighlights(second));

      await browser.evaluate(() => history.back());
      const back = await browser.waitForState((s) => s.status === 'ok' && !s.url.endsWith('/story-2')
        && sentencesOf(s).some((x) => x.text.includes('tram line 4')));
      assert.ok(!sentencesOf(back).some((x) => x.text.startsWith('Night buses')));
    });
  });
}
