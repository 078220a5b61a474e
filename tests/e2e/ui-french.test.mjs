// The interface in French: a reader whose browser speaks French gets the popup, the
// card and the options page in French, numbers written the French way, and no English
// sentence of ours left over.
//
// Chromium only, and only where its French locale is installed (Debian: chromium-l10n):
// Chromium on Linux takes its language from LANGUAGE. Firefox ESR here has no French
// language pack, and the locale files themselves are checked in tests/js/locales.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launch, waitFor } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';
import { clickAt, revealHighlight, waitForCard } from './ui-helpers.mjs';

const FRENCH_PAK = '/usr/lib/chromium/locales/fr.pak';
const skip = !existsSync(FRENCH_PAK) && 'Chromium\'s French locale is not installed (apt-get install chromium-l10n)';
const messages = (lang) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));

describe('the interface in French (chromium)', { skip }, () => {
  let server;
  let browser;
  const en = messages('en');
  const fr = messages('fr');
  /** Our English sentences that French says differently: none may show. */
  const english = Object.keys(en)
    .filter((key) => en[key].message !== fr[key].message && !en[key].message.includes('$') && en[key].message.length > 12)
    .map((key) => en[key].message);

  before(async () => {
    process.env.LANGUAGE = 'fr';
    server = await startServer();
    browser = await launch('chromium');
    await browser.open(server.pageUrl('news-related.html'));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the popup in French', async () => {
    const state = await browser.activate();
    const text = await waitFor(async () => {
      const shown = await browser.popup().evaluate((win) => (win.document.getElementById('main').getAttribute('aria-busy') === 'false' ? win.document.body.innerText : null));
      return shown;
    }, { what: () => 'the popup' });
    assert.match(text, /Comment cet article est sourcé/);
    assert.match(text, new RegExp(`${state.analysis.profile.summary.sentences} phrases`));
    assert.match(text, /Surlignage sur cette page/);
    assert.match(text, /\d+\u00a0%/, 'shares written the French way');
    for (const sentence of english) assert.ok(!text.includes(sentence), `English left in the popup: "${sentence}"`);
    assert.equal(await browser.popup().evaluate((win) => win.document.documentElement.lang), 'fr');
    await browser.popup().close();
  });

  it('shows the card in French', async () => {
    const state = await browser.state();
    const verdict = state.painted.find((v) => state.analysis.profile.summary[v] > 0);
    const rect = await revealHighlight(browser, `sourcelight-${verdict}`, 0);
    await clickAt(browser, rect.x + Math.min(20, rect.width / 2), rect.y + rect.height / 2);
    const card = await waitForCard(browser);
    assert.equal(card.title, { anonymous: 'Source anonyme', unattributed: 'Aucune source' }[card.verdict]);
    if (card.rows.Pourquoi === undefined) assert.fail(`no "Pourquoi" row: ${JSON.stringify(card.rows)}`);
    for (const label of Object.keys(card.rows)) assert.ok(['Source', 'Désigne', 'Type', 'Indice', 'Pourquoi'].includes(label), label);
  });

  it('shows the options page in French', async () => {
    const page = await browser.openExtensionPage('options.html');
    const text = await waitFor(() => page.evaluate(() => (document.body.dataset.loaded === 'true' ? document.body.innerText : null)), { what: () => 'the options page' });
    assert.match(text, /Options de sourcelight/);
    assert.match(text, /Rétablir les réglages par défaut/);
    for (const sentence of english) assert.ok(!text.includes(sentence), `English left in the options: "${sentence}"`);
    await page.close();
  });
});
