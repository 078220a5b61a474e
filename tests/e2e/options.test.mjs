// The options page, in both browsers: it shows the stored settings, saves the painted
// verdicts, lists the sites set from the popup and removes them, asks for every site
// (Firefox: Chromium's permission prompt cannot be answered headless), and resets.
// Storage holds settings only.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, launch, PROTOCOL, waitFor } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';

const SETTINGS_KEYS = ['allSites', 'painted', 'sites'];

for (const browserName of BROWSERS) {
  describe(`the options page (${browserName})`, () => {
    let server;
    let browser;
    let page;

    const stored = () => browser.evaluateInExtension(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
    const toBackground = (message) => browser.evaluateInExtension((m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), message);
    const shown = () => page.evaluate(() => ({
      loaded: document.body.dataset.loaded === 'true',
      painted: [...document.querySelectorAll('input[name="painted"]:checked')].map((box) => box.value),
      sites: [...document.querySelectorAll('#sites .site')].map((li) => [li.dataset.origin, li.dataset.mode, li.querySelector('.host').textContent, li.querySelector('.remove').getAttribute('aria-label')]),
      empty: !document.getElementById('sites-empty').hidden,
      allSites: document.getElementById('all-sites').checked,
      status: document.getElementById('status').textContent,
      shortcut: document.getElementById('toggle-shortcut').textContent,
    }));
    const waitShown = (predicate, what) => waitFor(async () => {
      const now = await shown();
      return now.loaded && predicate(now) ? now : null;
    }, { what: () => what });

    before(async () => {
      server = await startServer();
      browser = await launch(browserName);
      await browser.open(server.pageUrl('news-related.html'));
      page = await browser.openExtensionPage('options.html');
    });

    after(async () => {
      await page?.close();
      await browser?.close();
      await server?.close();
    });

    it('opens with the defaults: anonymous and unattributed painted, no site, not every site', async () => {
      const now = await waitShown(() => true, 'the options page');
      assert.deepEqual(now.painted, ['anonymous', 'unattributed']);
      assert.deepEqual(now.sites, []);
      assert.ok(now.empty);
      assert.equal(now.allSites, false);
      assert.equal((await waitShown((s) => s.shortcut !== '', 'the shortcut')).shortcut, 'Alt+Shift+S', 'the toggle shortcut, as the browser has it');
    });

    it('saves the painted verdicts, and an open page follows them', async () => {
      const state = await browser.activate({ via: 'message' });
      assert.deepEqual(state.painted, ['anonymous', 'unattributed']);
      await page.click('input[name="painted"][value="named"]');
      await waitFor(async () => (await stored()).painted?.includes('named'), { what: () => 'the stored setting' });
      assert.deepEqual((await stored()).painted, ['named', 'anonymous', 'unattributed']);
      await browser.waitForState((s) => s.painted.includes('named'));
      await waitShown((now) => now.status === 'Saved.', 'the saved note');
    });

    it('lists the sites set from the popup, and removes one', async () => {
      const local = new URL(server.url).origin;
      assert.deepEqual(await toBackground({ type: PROTOCOL.SET_SITE_MODE, origin: local, mode: 'always' }), { ok: true, siteMode: 'always', allSites: false });
      await toBackground({ type: PROTOCOL.SET_SITE_MODE, origin: 'https://news.example', mode: 'never' });
      const now = await waitShown((s) => s.sites.length === 2, 'two sites');
      assert.deepEqual(now.sites.map(([origin, mode]) => [origin, mode]).sort(), [[local, 'always'], ['https://news.example', 'never']].sort());
      assert.ok(now.sites.every(([, , host, label]) => label === `Remove ${host}`), 'each remove button names its site');
      assert.equal(now.empty, false);

      await page.click(`#sites .site[data-origin="https://news.example"] .remove`);
      const after = await waitShown((s) => s.sites.length === 1, 'one site');
      assert.deepEqual(after.sites.map(([origin]) => origin), [local]);
      assert.deepEqual(Object.keys((await stored()).sites), [local]);
    });

    it('asks for every site when "analyse every site" is ticked', { skip: browserName === 'chromium' && 'Chromium\'s permission prompt cannot be answered headless' }, async () => {
      await page.click('#all-sites');
      await waitFor(async () => (await stored()).allSites === true, { what: () => 'allSites stored' });
      const granted = await browser.evaluateInExtension(() => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: ['http://*/*', 'https://*/*'] }));
      assert.equal(granted, true);
      assert.equal((await shown()).allSites, true);
      // The popup then says that a site with no setting of its own follows "every site".
      const popup = await browser.openExtensionPage(`popup.html?tab=${await browser.readerTabId()}`);
      const label = await waitFor(() => popup.evaluate(() => (document.getElementById('site-mode').hidden ? null : document.getElementById('site-ask-label').textContent)), { what: () => 'the site setting' });
      assert.equal(label, 'Like every site');
      await popup.close();
    });

    it('resets everything to the defaults', async () => {
      await page.click('#reset');
      const now = await waitShown((s) => s.status === 'Settings are back to their defaults.', 'the reset');
      assert.deepEqual(now.painted, ['anonymous', 'unattributed']);
      assert.deepEqual(now.sites, []);
      assert.equal(now.allSites, false);
      const settings = await stored();
      assert.deepEqual(settings.painted, ['anonymous', 'unattributed']);
      assert.deepEqual(settings.sites ?? {}, {});
      assert.equal(settings.allSites ?? false, false);
    });

    it('keeps settings only in storage, never page text', async () => {
      const settings = await stored();
      assert.deepEqual(Object.keys(settings).filter((key) => !SETTINGS_KEYS.includes(key)), []);
      assert.doesNotMatch(JSON.stringify(settings), /Lumenvale|Tarrow|said/);
    });
  });
}
