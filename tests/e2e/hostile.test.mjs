// Hard pages for the article reader and the painter, in both browsers: huge articles,
// tens of thousands of text nodes, nesting 5,000 deep, an article in a shadow root or a
// same-origin iframe, right-to-left text, emoji and surrogate pairs at sentence edges,
// a page that overwrites the globals the extension could lean on, and a page that
// restyles our highlights. In every case: the extension reports no error, paints what
// the engine found, and leaves the page's DOM as it was.
//
// The pages are written by this file into a temporary folder (they are generated:
// sizes matter, not prose). Speed is measured by the benchmarks, not asserted here.
//
// Run: node --test --test-concurrency=1 tests/e2e/   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch, waitFor, WINDOW_RANGES } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';

const clean = (text) => text.replace(/\s+/g, ' ').trim();

// Invented sentences with verdicts no engine version should hesitate on.
const NAMED = 'The new library will open in March, said Ruth Okafor, the head of the town council.';
const ANONYMOUS = 'People familiar with the plans said the budget had doubled.';
const UNATTRIBUTED = 'The old library closed in 1998 after a fire.';
const STORY = [NAMED, ANONYMOUS, UNATTRIBUTED];

const page = (title, body, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head>
<body><nav><a href="#">Home</a> <a href="#">Local</a></nav>${body}</body></html>`;

const paragraphs = (n, make = (i) => STORY[i % 3]) => Array.from({ length: n }, (_, i) => `<p>${make(i)}</p>`).join('\n');

const PAGES = {
  // About 100,000 words in 2,000 paragraphs.
  'huge.html': page('A long report', `<main><article><h1>The long report</h1>${paragraphs(2000, (i) =>
    `${STORY[i % 3]} ${STORY[(i + 1) % 3]} ${STORY[(i + 2) % 3]} Paragraph ${i} ends here with a few more plain words for length.`.repeat(2))}</article></main>`),
  // Over 50,000 text nodes: every word in its own <span>, and a space node after it.
  'many-nodes.html': page('Many nodes', `<main><article><h1>Split words</h1>${paragraphs(2200, (i) =>
    STORY[i % 3].split(' ').map((w) => `<span>${w}</span> `).join(''))}</article></main>`),
  // The article nested 5,000 elements deep.
  'deep.html': page('Deep', `<main>${'<div>'.repeat(5000)}<article><h1>Deep story</h1>${paragraphs(6)}</article>${'</div>'.repeat(5000)}</main>`),
  // The article inside an open shadow root.
  'shadow.html': page('Shadow', `<news-story></news-story>
<script>
  customElements.define('news-story', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<article><h1>Shadow story</h1>' + ${JSON.stringify(paragraphs(6))} + '</article>';
    }
  });
</script>`),
  // The article in a same-origin iframe.
  'framed.html': page('Framed', '<iframe src="framed-inner.html" style="width: 90%; height: 600px"></iframe>'),
  'framed-inner.html': page('Framed story', `<article><h1>Framed story</h1>${paragraphs(6)}</article>`),
  // Right-to-left text beside left-to-right sentences, emoji and surrogate pairs at the edges.
  'scripts.html': page('Scripts', `<main><article dir="auto"><h1>Scripts</h1>
<p>😀 ${NAMED} 𝔘</p>
<p dir="rtl">قال المتحدث باسم البلدية إن المكتبة ستفتح في مارس. ${ANONYMOUS}</p>
<p>${UNATTRIBUTED} 👩🏽‍🔬</p>
<p>${NAMED.replace('Ruth', 'R\u0301uth')}</p>
</article></main>`),
  // A page that breaks the globals an extension might use from the page's world.
  'hostile-globals.html': page('Hostile', `<main><article><h1>Hostile page</h1>${paragraphs(6)}</article></main>
<script>
  window.Range = function () { throw new Error('page Range'); };
  Array.prototype.push = function () { throw new Error('page push'); };
  Array.prototype.map = function () { throw new Error('page map'); };
  window.JSON = { parse() { throw new Error('page JSON'); }, stringify() { throw new Error('page JSON'); } };
  window.CSS = { highlights: null };
  window.Highlight = function () { throw new Error('page Highlight'); };
</script>`),
  // An app shell pinning the whole page in a fixed box, with a fixed cookie note inside.
  'app-shell.html': page('App shell', `<div class="app-shell" style="position: fixed; inset: 0; overflow: auto">
<div class="cookie-note" style="position: fixed; bottom: 0">Officials said this site uses cookies to follow you.</div>
<main><article><h1>Shell story</h1>${paragraphs(6)}</article></main></div>`),
  // A page whose own CSS restyles our highlight names (it may: they are a stable contract).
  'restyled.html': page('Restyled', `<main><article><h1>Restyled</h1>${paragraphs(6)}</article></main>`,
    '<style>::highlight(sourcelight-anonymous) { background-color: black; color: white; } ::highlight(sourcelight-unattributed) { text-decoration: none; }</style>'),
};

/** The highlights the state calls for (named ones are always drawn, subtly). */
function expectedHighlights(state) {
  const want = {};
  for (const block of state.analysis.blocks) {
    for (const s of block.sentences) {
      if (s.verdict === 'none' || (s.verdict !== 'named' && !state.painted.includes(s.verdict))) continue;
      (want[`sourcelight-${s.verdict}`] ??= []).push(clean(state.texts[s.id]));
    }
  }
  return want;
}

function verdictHighlights(seen) {
  return Object.fromEntries(Object.entries(seen).filter(([name, texts]) =>
    ['sourcelight-named', 'sourcelight-anonymous', 'sourcelight-unattributed'].includes(name) && texts.length));
}

/** Every sentence text the extension read. */
const sentenceTexts = (state) => state.analysis.blocks.flatMap((b) => b.sentences.map((s) => clean(state.texts[s.id])));

for (const browserName of BROWSERS) {
  describe(`hostile pages in ${browserName}`, () => {
    let dir;
    let server;
    let browser;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sourcelight-e2e-hostile-'));
      for (const [name, html] of Object.entries(PAGES)) await writeFile(join(dir, name), html);
      server = await startServer({ root: dir });
      browser = await launch(browserName);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** Activates on a page; checks status, DOM and that highlights follow the analysis. */
    async function checkPage(name, { timeoutMs = 15_000, compareAll = true } = {}) {
      await browser.open(server.pageUrl(name));
      const domBefore = await browser.domFingerprint();
      const state = await browser.activate({ via: 'message', timeoutMs });
      assert.equal(state.status, 'ok', `status ${state.status}: ${state.error ?? ''}`);
      if (compareAll) {
        const seen = await browser.waitForHighlights();
        assert.deepEqual(verdictHighlights(seen), expectedHighlights(state));
      }
      assert.equal(await browser.domFingerprint(), domBefore, 'the page DOM changed');
      return state;
    }

    /**
     * On a page with more ranges than are registered at once: the highlights are
     * analysed sentences of their verdicts, no more than the cap, around the viewport:
     * the first paragraph's at the top, the last paragraph's once scrolled to the end.
     */
    async function checkWindow(state) {
      const want = expectedHighlights(state);
      const seen = verdictHighlights(await browser.waitForHighlights());
      for (const [name, texts] of Object.entries(seen)) {
        assert.ok(texts.length <= (want[name]?.length ?? 0), `${name}: ${texts.length} highlighted, ${want[name]?.length ?? 0} analysed`);
        for (const text of new Set(texts)) assert.ok(want[name].includes(text), `${name}: "${text}" is an analysed sentence`);
      }
      assert.ok((await browser.registeredRanges()) <= WINDOW_RANGES, `no more than ${WINDOW_RANGES} ranges registered`);
      const paintedIn = (which) => browser.evaluateClean((last) => {
        const paragraphs = document.querySelectorAll('article p');
        const p = paragraphs[last ? paragraphs.length - 1 : 0];
        let inside = false;
        CSS.highlights.forEach((highlight, name) => {
          if (name.startsWith('sourcelight-')) highlight.forEach((range) => { inside ||= p.contains(range.startContainer); });
        });
        return inside;
      }, which === 'last');
      assert.equal(await paintedIn('first'), true, 'the first paragraph, in view, is painted');
      assert.equal(await paintedIn('last'), false, 'the last paragraph, far below, is not registered yet');
      await browser.evaluateClean(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await waitFor(() => paintedIn('last'), { what: () => 'the last paragraph painted after scrolling to it' });
      assert.equal(await paintedIn('first'), false, 'the first paragraph, far above now, is not registered');
      assert.ok((await browser.registeredRanges()) <= WINDOW_RANGES, `no more than ${WINDOW_RANGES} ranges registered`);
    }

    test('a 100,000-word article is read whole and painted around the viewport', async () => {
      const state = await checkPage('huge.html', { timeoutMs: 60_000, compareAll: false });
      assert.equal(state.stats.blocks, 2001);
      await checkWindow(state);
    });

    test('50,000 text nodes: sentences span many nodes and are painted whole', async () => {
      const state = await checkPage('many-nodes.html', { timeoutMs: 60_000, compareAll: false });
      assert.ok(sentenceTexts(state).includes(NAMED));
      await checkWindow(state);
    });

    test('an article nested 5,000 deep is read without overflowing', async () => {
      const state = await checkPage('deep.html');
      assert.deepEqual(sentenceTexts(state).filter((t) => STORY.includes(t)).length, 6);
    });

    test('an article in an open shadow root is read and painted', async () => {
      const state = await checkPage('shadow.html', { compareAll: false });
      await browser.screenshot('hostile-shadow');
      assert.equal(sentenceTexts(state).filter((t) => STORY.includes(t)).length, 6);
      // The harness reads the document's registry; ranges in the shadow tree are there too.
      const seen = verdictHighlights(await browser.waitForHighlights());
      assert.deepEqual(seen, expectedHighlights(state));
    });

    test('an article in a same-origin iframe is read and painted in the frame', async () => {
      const state = await checkPage('framed.html', { compareAll: false });
      await browser.screenshot('hostile-framed');
      assert.equal(sentenceTexts(state).filter((t) => STORY.includes(t)).length, 6);
      const inFrame = await browser.evaluate(() => {
        const registry = document.querySelector('iframe').contentWindow.CSS.highlights;
        const names = [];
        registry.forEach((highlight, name) => { if (highlight.size) names.push(name); });
        return names.sort();
      });
      assert.ok(inFrame.includes('sourcelight-anonymous') && inFrame.includes('sourcelight-unattributed'), `in the frame: ${inFrame}`);
    });

    test('right-to-left text, emoji and surrogate pairs keep their offsets', async () => {
      const state = await checkPage('scripts.html');
      await browser.screenshot('hostile-scripts');
      const texts = sentenceTexts(state);
      assert.ok(texts.includes(ANONYMOUS), 'the sentence after Arabic text');
      assert.ok(texts.some((t) => t.endsWith(UNATTRIBUTED) || t === UNATTRIBUTED), 'the sentence before an emoji');
    });

    test('an app shell in a fixed box is read; the fixed cookie note inside it is not', async () => {
      const state = await checkPage('app-shell.html');
      assert.equal(sentenceTexts(state).filter((t) => STORY.includes(t)).length, 6);
      assert.ok(!sentenceTexts(state).some((t) => t.includes('cookies')));
    });

    test('a page that overwrites Range, Array.prototype, JSON and CSS cannot break it', async () => {
      await checkPage('hostile-globals.html');
    });

    test('a page restyling our highlight names keeps them, and its own styles win', async () => {
      const state = await checkPage('restyled.html');
      await browser.screenshot('hostile-restyled');
      assert.ok(state.analysis.profile.summary.anonymous > 0);
    });
  });
}
