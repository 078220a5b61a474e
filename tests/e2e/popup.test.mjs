// The toolbar popup, in both browsers: what it shows for a known article, its entries
// jumping to their sentences, its controls (highlights on/off, which verdicts are
// painted, the site setting, which must survive a reload), the plain messages for pages
// it cannot analyse, and page text kept inert.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch, waitFor } from './harness/browsers.mjs';
import { readPopup } from './harness/popup.mjs';
import { PAGES_DIR, startServer } from './harness/server.mjs';

const ARTICLE = 'news-related.html';
const VERDICTS = ['named', 'anonymous', 'unattributed', 'none'];
const KIND_WORDS = {
  person: 'person', organisation: 'organisation', outlet: 'news outlet', document: 'document',
  anonymous: 'anonymous person', vague_group: 'vague group', unnamed_document: 'unnamed document or report',
};

/** A one-page PDF whose only line is a sourced claim, written by hand (no PDF library). */
function tinyPdf() {
  const text = 'BT /F1 18 Tf 20 70 Td (The bridge will reopen, officials said.) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

function* sentencesOf(analysis) {
  for (const block of analysis.blocks) yield* block.sentences;
}

function expectedOf(page) {
  return JSON.parse(readFileSync(`${PAGES_DIR}${page.replace(/\.html$/, '.expected.json')}`, 'utf8'));
}

const POPUP_TAGS = ['br', 'button', 'details', 'div', 'fieldset', 'footer', 'h1', 'h2', 'h3', 'header', 'input', 'label', 'legend', 'li', 'main', 'p', 'section', 'span', 'summary', 'ul'];

for (const browserName of BROWSERS) {
  describe(`the popup (${browserName})`, () => {
    let server;
    let browser;
    let state;

    before(async () => {
      server = await startServer();
      browser = await launch(browserName);
      await browser.open(server.pageUrl(ARTICLE));
      state = await browser.activate(); // the reader clicks the toolbar button: the popup opens
      assert.equal(state.status, 'ok');
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows the article\'s sourcing profile: counts and shares, sources, anonymous phrases, unattributed and hedged claims', async () => {
      const shown = await readPopup(browser.popup());
      const { profile } = state.analysis;
      assert.equal(shown.message, '');
      assert.ok(shown.profileShown);
      assert.equal(shown.totals.split(' · ')[0], `${profile.summary.sentences} sentences`);
      for (const verdict of VERDICTS) {
        assert.equal(shown.shares[verdict].count, profile.summary[verdict], verdict);
        const share = Math.round((100 * profile.summary[verdict]) / profile.summary.sentences);
        assert.match(shown.shares[verdict].text, new RegExp(`: ${profile.summary[verdict]} \\(${share}%\\)$`));
      }
      assert.deepEqual(shown.sources.map((s) => [s.name, s.meta, s.sentences]), profile.sources.map((s) => [
        s.name, `${KIND_WORDS[s.kind]} · ${s.sentences.length} sentence${s.sentences.length === 1 ? '' : 's'}`, s.sentences,
      ]));
      assert.deepEqual(shown.anonymousPhrases.map((s) => [s.name, s.sentences]), profile.anonymous_phrases.map((s) => [s.name, s.sentences]));
      assert.deepEqual(shown.unattributed.map((s) => [s.sentences[0], s.title]), profile.unattributed.map((id) => [id, state.texts[id]]));
      assert.deepEqual(shown.hedged.map((s) => [s.sentences[0], s.title]), profile.hedged.map((id) => [id, state.texts[id]]));
      assert.equal(shown.unnamedControls, 0, 'every control has an accessible name');
      assert.ok(shown.controlsInView, 'the controls are in view');
      assert.ok(shown.enabled);
      assert.deepEqual(shown.painted, state.painted);
    });

    it('matches the fixture\'s known profile', async () => {
      const expected = expectedOf(ARTICLE);
      const gaps = new Set(expected.engineGaps.map((gap) => gap.text));
      const shown = await readPopup(browser.popup());
      assert.equal(shown.shares.named.count + shown.shares.anonymous.count + shown.shares.unattributed.count + shown.shares.none.count, expected.sentences.length);
      // Verdict by verdict, leaving out the sentences the engine is known to get wrong.
      const shownUnattributed = new Set(shown.unattributed.map((s) => s.title));
      for (const sentence of expected.sentences) {
        if (gaps.has(sentence.text)) continue;
        assert.equal(shownUnattributed.has(sentence.text), sentence.verdict === 'unattributed',
          `"${sentence.text}" is ${sentence.verdict} in the fixture but the popup ${shownUnattributed.has(sentence.text) ? 'lists' : 'does not list'} it as unattributed (an engine gap? list it in engineGaps)`);
      }
      for (const verdict of VERDICTS) {
        const want = expected.sentences.filter((s) => s.verdict === verdict).length;
        assert.ok(Math.abs(shown.shares[verdict].count - want) <= gaps.size, `${verdict}: ${shown.shares[verdict].count} shown, ${want} expected`);
      }
    });

    it('jumps to a listed sentence: scrolls it into view and flashes it', async () => {
      const shown = await readPopup(browser.popup());
      const target = shown.unattributed.at(-1);
      await browser.evaluate(() => window.scrollTo(0, 0));
      await browser.popup().click(`#section-unattributed li:last-child .entry`);
      const flash = await browser.waitForHighlights((h) => (h['sourcelight-flash'] ?? []).length > 0);
      assert.deepEqual(flash['sourcelight-flash'], [target.title.replace(/\s+/g, ' ').trim()]);
      // Scrolling may be smooth: wait for it to arrive.
      await waitFor(() => browser.evaluateClean(() => {
        let rect = null;
        CSS.highlights.get('sourcelight-flash')?.forEach((range) => {
          const live = document.createRange();
          live.setStart(range.startContainer, range.startOffset);
          live.setEnd(range.endContainer, range.endOffset);
          rect ??= live.getBoundingClientRect();
        });
        return rect !== null && rect.top >= 0 && rect.bottom <= innerHeight;
      }), { timeoutMs: 3000, what: () => 'the flashed sentence to be in the viewport' });
    });

    it('turns highlights off, removing every one, and on again, restoring them', async () => {
      const before = await browser.waitForHighlights((h) => !h['sourcelight-flash']?.length);
      assert.ok(state.painted.some((verdict) => before[`sourcelight-${verdict}`]?.length > 0), 'something is painted');
      await browser.popup().click('#enabled');
      const off = await browser.waitForHighlights((h) => Object.values(h).every((texts) => texts.length === 0));
      assert.deepEqual(Object.values(off).flat(), []);
      assert.equal((await browser.state()).enabled, false);
      assert.equal((await readPopup(browser.popup())).enabled, false);
      // Mark the lists: a control's reply must update the controls, not rebuild the lists
      // (which would lose the reader's scroll position and open sections).
      await browser.popup().evaluate((win) => { win.document.getElementById('section-sources').dataset.mark = 'kept'; });
      await browser.popup().click('#enabled');
      const on = await browser.waitForHighlights();
      assert.deepEqual(on, before);
      await waitFor(() => browser.popup().evaluate((win) => win.document.getElementById('enabled').checked), { what: () => 'the switch on' });
      assert.equal(await browser.popup().evaluate((win) => win.document.getElementById('section-sources')?.dataset.mark ?? null), 'kept');
    });

    it('paints only the verdicts that are ticked', async () => {
      const name = (verdict) => `sourcelight-${verdict}`;
      const painted = (h, verdict) => (h[name(verdict)] ?? []).length;
      const before = await browser.highlights();
      // The default: anonymous and unattributed painted; named ones only drawn subtly.
      assert.deepEqual(state.painted, ['anonymous', 'unattributed']);
      const present = state.painted.filter((verdict) => painted(before, verdict) > 0);
      assert.ok(present.length > 0, 'the article has painted sentences');
      const [first] = present;

      await browser.popup().click(`input[name="painted"][value="${first}"]`);
      let now = await browser.waitForHighlights((h) => painted(h, first) === 0);
      for (const other of present.slice(1)) assert.deepEqual(now[name(other)], before[name(other)], 'the others stay');
      assert.deepEqual((await browser.state()).painted, state.painted.filter((v) => v !== first));

      await browser.popup().click('input[name="painted"][value="named"]');
      await browser.popup().click(`input[name="painted"][value="${first}"]`);
      now = await browser.waitForHighlights((h) => painted(h, first) > 0);
      assert.deepEqual(now[name(first)], before[name(first)]);
      assert.deepEqual((await browser.state()).painted, ['named', 'anonymous', 'unattributed']);
      assert.deepEqual((await readPopup(browser.popup())).painted, ['named', 'anonymous', 'unattributed']);
      // Named sentences are now flagged too: their sources and cues are marked.
      const named = [...sentencesOf(state.analysis)].filter((s) => s.verdict === 'named' && s.cue);
      if (named.length > 0) assert.ok(painted(now, 'cue') > painted(before, 'cue'), 'the cues of named sentences are marked');

      await browser.popup().click('input[name="painted"][value="named"]');
      assert.deepEqual(await browser.waitForHighlights((h) => JSON.stringify(h) === JSON.stringify(before)), before);
    });

    it('keeps "always on this site" across a reload, and "when I ask" stops it', async () => {
      await browser.popup().close(); // in Firefox a later toolbar click would only close it
      const tabId = await browser.readerTabId();
      // The popup page as a tab, aimed at the reader's tab: its clicks are real input
      // events in both browsers, which Firefox requires for permissions.request.
      const page = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      await waitFor(() => page.evaluate(() => document.getElementById('site-mode').hidden === false), { what: () => 'the site setting' });
      await page.click('input[name="site-mode"][value="always"]');
      await waitFor(() => page.evaluate(() => document.getElementById('site-note').textContent.includes('as they load')), { what: () => 'the site note' });
      await page.close();

      await browser.open(server.pageUrl(ARTICLE)); // reload: nobody clicks anything
      const reloaded = await browser.waitForState((s) => s.status === 'ok');
      assert.equal(reloaded.analysis.profile.summary.sentences, state.analysis.profile.summary.sentences);
      await browser.waitForHighlights();

      await browser.clickToolbarButton();
      assert.equal((await readPopup(browser.popup())).siteMode, 'always');
      await browser.popup().click('input[name="site-mode"][value="ask"]');
      await waitFor(() => browser.popup().evaluate((win) => win.document.getElementById('site-note').textContent !== ''), { what: () => 'the site note' });
      await browser.popup().close();

      await browser.open(server.pageUrl(ARTICLE));
      await new Promise((done) => setTimeout(done, 1500));
      assert.deepEqual(Object.values(await browser.highlights()).flat(), [], 'nothing runs until the reader asks');
    });

    it('says plainly when a page holds no article', async () => {
      await browser.open(server.pageUrl('home.html'));
      await browser.clickToolbarButton();
      const shown = await readPopup(browser.popup());
      // The reader may ask for the page to be read anyway (detection.test.mjs follows that through).
      assert.equal(shown.message, 'No article was found on this page, so nothing is highlighted.'
        + 'Analyse anywayReads the page’s main content as if it were an article.');
      assert.equal(shown.profileShown, false);
      assert.equal(shown.pageControls, false);
      assert.ok(shown.siteShown, 'the site setting is still offered');
      await browser.popup().close();
    });

    it('says plainly when the browser does not let extensions read the page', async () => {
      await browser.open(browserName === 'chromium' ? 'chrome://version/' : 'about:robots');
      await browser.clickToolbarButton();
      const shown = await readPopup(browser.popup());
      assert.equal(shown.message, 'This is one of the browser’s own pages: extensions cannot read it.');
      assert.equal(shown.profileShown, false);
      assert.equal(shown.siteShown, false);
      await browser.popup().close();
    });

    it('says plainly that a PDF cannot be read', { skip: browserName === 'chromium' && 'headless Chromium downloads PDFs instead of showing them' }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sourcelight-pdf-'));
      writeFileSync(join(dir, 'report.pdf'), tinyPdf());
      const pdfServer = await startServer({ root: dir });
      try {
        await browser.open(pdfServer.pageUrl('report.pdf'));
        await browser.clickToolbarButton();
        const shown = await readPopup(browser.popup());
        assert.equal(shown.message, 'This is a PDF document: sourcelight reads web pages only.');
        assert.equal(shown.profileShown, false);
        await browser.popup().close();
      } finally {
        await pdfServer.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('says in plain words when the analysis engine stopped, and "Try again" works', async () => {
      // Make the live wasm instance trap as a panic would (as the activation tests do).
      if (browserName === 'chromium') {
        await browser.driver.evaluateInBackground(async () => {
          await ensureInstance();
          wasm_bindgen.analyse = () => { throw new WebAssembly.RuntimeError('unreachable'); };
        });
      } else {
        await browser.evaluateInExtension(async () => {
          const background = await browser.runtime.getBackgroundPage();
          await background.ensureInstance();
          background.wasm_bindgen.analyse = () => { throw new background.WebAssembly.RuntimeError('unreachable'); };
        });
      }
      await browser.open(server.pageUrl(ARTICLE));
      await browser.clickToolbarButton();
      const shown = await readPopup(browser.popup());
      assert.equal(shown.profileShown, false);
      assert.equal(shown.message,
        'The analysis did not work on this page.The analyser stopped on this page’s text (an internal error). It has been restarted: try again.Try again');
      await browser.popup().click('#retry');
      const again = await waitFor(() => browser.popup().evaluate((win) => !win.document.getElementById('profile').hidden), { what: () => 'the profile after trying again' });
      assert.ok(again);
      await browser.popup().close();
    });

    it('lists at most 200 entries a section on a long article, and says how many more', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sourcelight-long-'));
      const paragraphs = Array.from({ length: 260 }, (_, i) =>
        `<p>The depot recorded ${i + 3} late trams on the ${i + 1}th day of the trial, and the line closed early.</p>`);
      writeFileSync(join(dir, 'long.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tram trial log</title></head>
<body><article><h1>A year of the tram trial, day by day</h1>${paragraphs.join('\n')}</article></body></html>`);
      const longServer = await startServer({ root: dir });
      try {
        await browser.open(longServer.pageUrl('long.html'));
        await browser.clickToolbarButton();
        const shown = await readPopup(browser.popup());
        const state = await browser.state();
        const unattributed = state.analysis.profile.unattributed.length;
        assert.ok(unattributed > 200, `the page has ${unattributed} unattributed claims`);
        assert.equal(shown.unattributed.length, 200);
        const more = await browser.popup().evaluate((win) => win.document.querySelector('#section-unattributed .more')?.textContent);
        assert.equal(more, `…and ${unattributed - 200} more.`);
        await browser.popup().close();
      } finally {
        await longServer.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('leaves its loading state with a plain message when there is no such tab', async () => {
      const page = await browser.openExtensionPage('popup.html?tab=987654');
      const shown = await waitFor(() => page.evaluate(() => (document.getElementById('main').getAttribute('aria-busy') === 'false'
        ? document.getElementById('status').textContent.trim() : null)), { what: () => 'the popup to settle' });
      assert.equal(shown, 'There is no page to read in this tab.');
      await page.close();
    });

    it('shows markup and script-like text from the page as inert text', async () => {
      await browser.open(server.pageUrl('xss-quotes.html'));
      await browser.activate();
      const shown = await readPopup(browser.popup());
      assert.deepEqual(shown.tags.filter((tag) => !POPUP_TAGS.includes(tag)), [], 'no element from page text');
      const listed = [...shown.unattributed, ...shown.hedged, ...shown.sources, ...shown.anonymousPhrases].map((e) => `${e.title ?? ''} ${e.shown}`).join('\n');
      assert.match(listed, /<img src=x onerror="window.__xss=1">|<\/script><script>|"><svg onload=/, 'the markup is listed as text');
      assert.equal(await browser.popup().evaluate((win) => win.__xss ?? null), null);
      assert.equal(await browser.evaluate(() => window.__xss ?? null), null);
    });
  });
}
