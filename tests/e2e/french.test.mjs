// A French article, in both browsers: a page laid out like a French daily (a subscribers'
// label, "Publié le ... mis à jour le ...", a lead photo with a © credit, quotations in <em>
// with guillemets and no-break spaces, a "Lire aussi" box) is read with the French rules,
// each sentence under its verdict's highlight and nothing on the front matter, the caption,
// the credit or the box; the popup's profile lists the right sources. And a French article
// on a page that declares <html lang="en"> is still read as French.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, launch, PROTOCOL } from './harness/browsers.mjs';
import { compareHighlights, loadExpected, PAINTABLE, reportGaps } from './harness/expected.mjs';
import { readPopup } from './harness/popup.mjs';
import { startServer } from './harness/server.mjs';

for (const browserName of BROWSERS) {
  describe(`a French article (${browserName})`, () => {
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

    it('lists the article\'s sources in the popup: the people and the agency quoted, the anonymous phrases, the hedged claim', async () => {
      await browser.open(server.pageUrl('news-fr.html'));
      const state = await browser.activate();
      assert.equal(state.status, 'ok', `news-fr was analysed (${state.status}${state.error ? `: ${state.error}` : ''})`);
      assert.equal(state.analysis.lang, 'fr');
      const shown = await readPopup(browser.popup());
      assert.equal(shown.message, '');
      assert.ok(shown.profileShown);
      const expected = loadExpected('news-fr');
      for (const verdict of ['named', 'anonymous', 'unattributed', 'none']) {
        assert.equal(shown.shares[verdict].count, expected.sentences.filter((s) => s.verdict === verdict).length, verdict);
      }
      // The agency's name stops before its complement ("de santé"): the core names an
      // institution by the phrase up to its head's adjectives.
      assert.deepEqual(shown.sources.map((s) => [s.name, s.meta]), [
        ['l\'agence régionale', 'organisation · 1 sentence'],
        ['Bertrand Olivier', 'person · 1 sentence'],
        ['Jacqueline Morel', 'person · 2 sentences'],
        ['Martine Caradec', 'person · 1 sentence'],
      ]);
      assert.deepEqual(shown.anonymousPhrases.map((s) => s.name), ['nos informations', 'une source proche du dossier', 'plusieurs riverains']);
      assert.deepEqual(shown.unattributed.map((s) => s.title), expected.sentences.filter((s) => s.verdict === 'unattributed').map((s) => s.text));
      assert.deepEqual(shown.hedged.map((s) => s.title), ['Le ministère de la santé aurait proposé d\'ouvrir un centre de périnatalité à la place de la maternité.']);
      await browser.popup().close();
    });

    it('paints every sentence under its verdict, nothing on the label, dates, caption, credit or "Lire aussi" box', async (t) => {
      const expected = loadExpected('news-fr');
      await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: PAINTABLE });
      const seen = await browser.waitForHighlights((h) => PAINTABLE.every((v) => h[`sourcelight-${v}`]?.length));
      const result = compareHighlights(expected, seen);
      reportGaps(t, result);
      await browser.screenshot('french-news-fr');
      assert.deepEqual(result.mismatches, []);
      assert.equal(result.checked, expected.sentences.length);
    });

    it('reads a French article as French on a page that declares lang="en"', async (t) => {
      const expected = loadExpected('lang-fr-declared-en');
      await browser.open(server.pageUrl('lang-fr-declared-en.html'));
      assert.equal(await browser.evaluate(() => document.documentElement.lang), 'en');
      const state = await browser.activate({ via: 'message' });
      assert.equal(state.status, 'ok');
      assert.equal(state.analysis.lang, 'fr');
      await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: PAINTABLE });
      const seen = await browser.waitForHighlights((h) => PAINTABLE.every((v) => h[`sourcelight-${v}`]?.length));
      const result = compareHighlights(expected, seen);
      reportGaps(t, result);
      await browser.screenshot('french-declared-en');
      assert.deepEqual(result.mismatches, []);
      assert.equal(result.checked, expected.sentences.length);
    });
  });
}
