// What the UI tests need beyond the harness: the reader's pointer and keys on the page,
// the card as the reader sees it, and the analysis as a map of sentences.
//
// Pointer and keys are real input events in both browsers: Playwright's mouse and
// keyboard in Chromium, WebDriver BiDi `input.performActions` in Firefox.

import { waitFor } from './harness/browsers.mjs';

/** WebDriver key values (BiDi) for the keys the tests press. */
const BIDI_KEYS = {
  Alt: '\uE00A', Shift: '\uE008', Control: '\uE009', Escape: '\uE00C', Tab: '\uE004',
  ArrowUp: '\uE013', ArrowDown: '\uE015',
};

/** Moves the pointer to a viewport point of the reader's page. */
export async function pointTo(browser, x, y) {
  const driver = browser.driver;
  if (browser.name === 'chromium') return driver.page.mouse.move(x, y);
  return driver.bidi.send('input.performActions', {
    context: driver.context,
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y) }] }],
  });
}

/** Clicks at a viewport point of the reader's page. */
export async function clickAt(browser, x, y) {
  const driver = browser.driver;
  if (browser.name === 'chromium') return driver.page.mouse.click(x, y);
  return driver.bidi.send('input.performActions', {
    context: driver.context,
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
    }],
  });
}

/** Presses a key combination on the reader's page: 'Alt+Shift+ArrowDown', 'Escape'. */
export async function press(browser, combo) {
  const driver = browser.driver;
  if (browser.name === 'chromium') return driver.page.keyboard.press(combo);
  const keys = combo.split('+').map((k) => BIDI_KEYS[k] ?? k);
  await driver.bidi.send('input.performActions', {
    context: driver.context,
    actions: [{
      type: 'key', id: 'keyboard',
      actions: [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))],
    }],
  });
  await driver.bidi.send('input.releaseActions', { context: driver.context });
}

/** Every sentence of an analysis by id (SentenceView). */
export function sentencesById(analysis) {
  const map = new Map();
  for (const block of analysis.blocks) for (const sentence of block.sentences) map.set(sentence.id, sentence);
  return map;
}

/**
 * The viewport rectangles of a highlight's ranges, in document order: where the reader
 * would point to reach a painted sentence. Runs in a clean realm.
 */
export function highlightRects(browser, name) {
  return browser.evaluateClean((highlightName) => {
    const highlight = CSS.highlights.get(highlightName);
    if (!highlight) return [];
    // The extension registers StaticRanges: live copies to order and measure them.
    const ranges = [];
    highlight.forEach((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      ranges.push(live);
    });
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    return ranges.map((live) => {
      const rect = live.getClientRects()[0] ?? live.getBoundingClientRect();
      return { text: live.toString(), x: rect.left, y: rect.top, width: rect.width, height: rect.height };
    });
  }, name);
}

/** Scrolls the reader's page so that the `index`th range of a highlight is in view, then returns its rect. */
export async function revealHighlight(browser, name, index = 0) {
  await browser.evaluateClean((highlightName, i) => {
    const ranges = [];
    CSS.highlights.get(highlightName).forEach((range) => {
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      ranges.push(live);
    });
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const node = ranges[i].startContainer;
    (node.nodeType === 1 ? node : node.parentElement).scrollIntoView({ block: 'center' });
  }, name, index);
  return (await highlightRects(browser, name))[index];
}

/**
 * The card as the reader sees it, read from the page's DOM in a clean realm, or null
 * when no card is open.
 */
export function readCard(browser) {
  return browser.evaluateClean(() => {
    const hosts = document.documentElement.querySelectorAll(':scope > [data-sourcelight="card"]');
    if (hosts.length === 0) return null;
    const host = hosts[0];
    const root = host.shadowRoot;
    const card = root?.querySelector('.card');
    if (!card) return { hosts: hosts.length, host: true, card: null };
    const rows = {};
    const dts = [...card.querySelectorAll('dt')];
    for (const dt of dts) rows[dt.textContent] = dt.nextElementSibling?.textContent ?? '';
    const box = card.getBoundingClientRect();
    const style = getComputedStyle(card);
    const hostStyle = getComputedStyle(host);
    let topLayer = false;
    try {
      topLayer = host.matches(':popover-open');
    } catch {
      topLayer = false;
    }
    let active = document.activeElement;
    const focusInCard = active === host && root.activeElement !== null;
    return {
      hosts: hosts.length,
      sentence: Number(card.dataset.sentence),
      verdict: card.dataset.verdict,
      role: card.getAttribute('role'),
      label: root.getElementById(card.getAttribute('aria-labelledby'))?.textContent ?? null,
      title: card.querySelector('.title')?.textContent ?? null,
      rows,
      hedged: card.querySelector('.hedged')?.textContent ?? null,
      quote: card.querySelector('.quote-badge') !== null,
      position: card.querySelector('.position')?.textContent ?? null,
      text: card.textContent,
      // Every element in the card, by tag: page text must add none.
      tags: [...new Set([...root.querySelectorAll('*')].map((el) => el.localName))].sort(),
      visible: box.width > 0 && box.height > 0 && hostStyle.visibility === 'visible' && hostStyle.display !== 'none',
      box: { x: box.left, y: box.top, width: box.width, height: box.height },
      // Only the card's own stylesheet gives it a 4px start border: proof that it applied.
      styled: style.borderInlineStartWidth === '4px',
      color: style.color,
      fontFamily: style.fontFamily,
      topLayer,
      focusInCard,
    };
  });
}

/** Waits for the card to open (for sentence `id` when given) and returns it. */
export function waitForCard(browser, id = null, timeoutMs = 5000) {
  return waitFor(async () => {
    const card = await readCard(browser);
    return card?.card !== null && card && (id === null || card.sentence === id) ? card : null;
  }, { timeoutMs, what: () => `the card${id === null ? '' : ` of sentence ${id}`}` });
}

/** Waits for every card to be gone. */
export function waitForNoCard(browser, timeoutMs = 5000) {
  return waitFor(async () => ((await readCard(browser)) === null ? true : null), { timeoutMs, what: () => 'the card to close' });
}
