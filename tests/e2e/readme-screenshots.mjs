// Regenerates the README's screenshots in docs/screenshots/: a highlighted article, the
// card, and the real toolbar popup, in headless Chromium on the news-basic fixture.
//
//   ./build.sh && node tests/e2e/readme-screenshots.mjs [out-dir]
//
// Not a test (node --test does not pick it up): look at the pictures before committing.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './harness/browsers.mjs';
import { REPO_ROOT } from './harness/build-variant.mjs';
import { startServer } from './harness/server.mjs';
import { clickAt, press, revealHighlight, waitForCard, waitForNoCard } from './ui-helpers.mjs';

const PAGE = 'news-basic.html';
/** Where the article shot starts: just below the lead photo, on the first paragraphs. */
const ARTICLE_SCROLL_Y = 636;
/** Which anonymous sentence gets its card shown ("Critics say ..."). */
const CARD_SENTENCE = 2;

const out = process.argv[2] ?? join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

const server = await startServer();
const browser = await launch('chromium');
try {
  const reader = browser.driver.page;
  await reader.setViewportSize({ width: 900, height: 640 });
  await browser.open(server.pageUrl(PAGE));
  await browser.activate({ via: 'message' });
  await browser.waitForHighlights();

  await browser.evaluate((y) => window.scrollTo(0, y), ARTICLE_SCROLL_Y);
  await sleep(300);
  await reader.screenshot({ path: join(out, 'highlighted-article.png') });

  const target = await revealHighlight(browser, 'sourcelight-anonymous', CARD_SENTENCE);
  await clickAt(browser, target.x + Math.min(40, target.width / 2), target.y + target.height / 2);
  await waitForCard(browser);
  await sleep(200);
  await reader.screenshot({ path: join(out, 'card.png') });
  await press(browser, 'Escape');
  await waitForNoCard(browser);

  // The real toolbar popup, captured through its DevTools target.
  await browser.clickToolbarButton();
  await sleep(1500);
  const { sessionId } = await browser.driver.popupTarget();
  const { data } = await browser.driver.devtools.send('Page.captureScreenshot', { format: 'png' }, { sessionId });
  writeFileSync(join(out, 'popup.png'), Buffer.from(data, 'base64'));
  console.log(`screenshots: ${out}`);
} finally {
  await browser.close();
  await server.close();
}
