// The language of the page, in both browsers: an article in a language sourcelight does not
// read gets no highlight at all and the popup names the language (in the reader's language),
// whatever the page declares; a huge article is read in the one language its whole text
// decides; and the page's DOM is never touched.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, launch, waitFor } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';

/** The open popup's message, once it has left its loading state. */
function popupMessage(popup) {
  return waitFor(() => popup.evaluate((win) => {
    const doc = win.document;
    if (doc.getElementById('main')?.getAttribute('aria-busy') !== 'false') return null;
    return { message: doc.getElementById('status').textContent.trim(), profileShown: !doc.getElementById('profile').hidden };
  }), { what: () => 'the popup to leave its loading state' });
}

for (const browserName of BROWSERS) {
  describe(`languages (${browserName})`, () => {
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

    for (const [page, code, name] of [['lang-es.html', 'es', 'Spanish'], ['lang-de-declared-en.html', 'de', 'German']]) {
      it(`paints nothing on an article in ${name} and names the language in the popup`, async () => {
        await browser.open(server.pageUrl(page));
        const before = await browser.domFingerprint();
        const state = await browser.activate();
        assert.equal(state.status, 'unsupported-language');
        assert.equal(state.language, code);
        assert.equal(state.analysis, undefined, 'no analysis is kept for a page it does not read');
        assert.deepEqual(Object.values(await browser.highlights()).flat(), []);
        const shown = await popupMessage(browser.popup());
        assert.equal(shown.message, `This article seems to be written in ${name}. sourcelight reads English and French, so it highlights nothing here rather than read it with the wrong rules.`);
        assert.equal(shown.profileShown, false);
        assert.equal(await browser.domFingerprint(), before, 'the page is not changed');
        await browser.popup().close();
      });
    }

    it('decides the language of a huge article once, over all of it', async () => {
      await browser.open(server.pageUrl('lang-es-long.html'));
      const spanish = await browser.activate({ via: 'message' });
      assert.equal(spanish.status, 'unsupported-language');
      assert.equal(spanish.language, 'es');
      assert.deepEqual(Object.values(await browser.highlights()).flat(), []);

      // Its first third in English: read piece by piece, that piece alone would be painted.
      await browser.open(server.pageUrl('lang-es-long.html?text=mixed'));
      const mixed = await browser.activate({ via: 'message' });
      assert.equal(mixed.status, 'unsupported-language');
      assert.equal(mixed.language, 'es');
      assert.deepEqual(Object.values(await browser.highlights()).flat(), []);

      await browser.open(server.pageUrl('lang-es-long.html?text=en'));
      const english = await browser.activate({ via: 'message' });
      assert.equal(english.status, 'ok');
      assert.equal(english.analysis.lang, 'en');
      assert.ok(english.stats.analyses >= 2, `a huge article goes in pieces (${english.stats.analyses} requests)`);
      const painted = await browser.waitForHighlights((seen) => (seen['sourcelight-anonymous'] ?? []).length > 0);
      assert.ok(painted['sourcelight-anonymous'].every((text) => text.startsWith('The company building') || text.startsWith('Fishermen say')));
    });
  });
}
