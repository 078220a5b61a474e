// The card and keyboard stepping, in both browsers, on a page that quotes markup and
// script in its sentences, whose CSS tries to hide, move and restyle the card, and whose
// script replaces the DOM and JavaScript globals the card might use.
//
// What the reader relies on: pointing at or clicking a highlighted sentence opens a card
// that says what the analysis says about that very sentence; the keys step through the
// flagged sentences in reading order, scrolling and opening the card; Escape and a click
// elsewhere close it; page text stays text; and once the card is closed the page's DOM
// is exactly what it was.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, launch, PROTOCOL, waitFor } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';
import {
  clickAt, highlightRects, pointTo, press, readCard, revealHighlight, sentencesById, waitForCard, waitForNoCard,
} from './ui-helpers.mjs';

const PAGE = 'xss-quotes.html';
const VERDICT_WORDS = { named: 'Named source', anonymous: 'Anonymous source', unattributed: 'No source given' };
/** The tags the card is built from; anything else would have come from page text. */
const CARD_TAGS = ['button', 'dd', 'div', 'dl', 'dt', 'h2', 'p', 'span', 'style'];
const KIND_WORDS = {
  person: 'person', organisation: 'organisation', outlet: 'news outlet', document: 'document',
  anonymous: 'anonymous person', vague_group: 'vague group', unnamed_document: 'unnamed document or report',
};

for (const browserName of BROWSERS) {
  describe(`the card and keyboard stepping (${browserName})`, () => {
    let server;
    let browser;
    let pageBefore;
    let state;
    let views;
    /** Flagged sentence ids in reading order, as the analysis and the painted verdicts say. */
    let flagged;

    before(async () => {
      server = await startServer();
      browser = await launch(browserName);
      await browser.open(server.pageUrl(PAGE));
      assert.ok(await browser.evaluate(() => String(Element.prototype.attachShadow).includes('hijacked')), 'the page replaced its globals');
      pageBefore = await browser.domFingerprint();
      state = await browser.activate({ via: 'message' });
      assert.equal(state.status, 'ok', `the page was analysed: ${JSON.stringify(state).slice(0, 200)}`);
      await browser.waitForHighlights();
      views = sentencesById(state.analysis);
      flagged = [...views.values()].filter((s) => state.painted.includes(s.verdict)).map((s) => s.id).sort((a, b) => a - b);
      assert.ok(flagged.length >= 2, 'the fixture has at least two flagged sentences');
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** The first painted highlight (by verdict) and the rect of its first range, scrolled into view. */
    async function firstFlaggedRect() {
      for (const verdict of state.painted) {
        const rects = await highlightRects(browser, `sourcelight-${verdict}`);
        if (rects.length > 0) return { verdict, rect: await revealHighlight(browser, `sourcelight-${verdict}`, 0) };
      }
      throw new Error('nothing is painted');
    }

    function assertCardDescribes(card, id) {
      const view = views.get(id);
      assert.equal(card.verdict, view.verdict);
      assert.equal(card.title, VERDICT_WORDS[view.verdict]);
      assert.equal(card.role, 'dialog');
      assert.equal(card.label, card.title, 'the dialog is named by its verdict');
      if (view.source) {
        assert.equal(card.rows.Source, view.source.text);
        assert.equal(card.rows.Kind, KIND_WORDS[view.source.kind]);
        if (view.source.name && view.source.name !== view.source.text) assert.equal(card.rows['Refers to'], view.source.name);
      } else {
        assert.equal(card.rows.Source, undefined);
      }
      if (view.cue) assert.equal(card.rows.Cue, view.cue.text);
      assert.equal(card.rows.Why, view.reason);
      assert.equal(card.hedged !== null, view.hedged, 'the hedge is mentioned exactly when the sentence is hedged');
      assert.equal(card.quote, view.quote, 'a direct quotation is marked exactly when the sentence holds one');
      assert.deepEqual(card.tags.filter((tag) => !CARD_TAGS.includes(tag)), [], 'no element from page text');
      assert.ok(card.visible, 'the card is visible despite the page CSS');
      assert.ok(card.styled, 'the card has its own style');
      assert.ok(card.topLayer, 'the card is in the top layer');
      assert.notEqual(card.color, 'rgb(0, 128, 0)', 'page CSS does not colour the card');
      assert.doesNotMatch(card.fontFamily, /Comic/, 'page CSS does not set the card font');
    }

    it('opens when the pointer rests on a flagged sentence, describing that sentence, and closes when it leaves', async () => {
      const { verdict, rect } = await firstFlaggedRect();
      await pointTo(browser, rect.x + Math.min(20, rect.width / 2), rect.y + rect.height / 2);
      const card = await waitForCard(browser);
      assert.equal(card.verdict, verdict);
      assert.ok(state.texts[card.sentence].includes(rect.text.trim()), 'the card is about the sentence under the pointer');
      assertCardDescribes(card, card.sentence);
      assert.equal(card.hosts, 1);

      // A blank margin of the page: no sentence there.
      await pointTo(browser, 4, rect.y + rect.height / 2);
      await waitForNoCard(browser);
    });

    it('opens on a click, stays while the pointer wanders, and closes on Escape or a click elsewhere', async () => {
      const { rect } = await firstFlaggedRect();
      const x = rect.x + Math.min(20, rect.width / 2);
      const y = rect.y + rect.height / 2;
      await clickAt(browser, x, y);
      const card = await waitForCard(browser);
      await pointTo(browser, 4, y);
      await new Promise((done) => setTimeout(done, 800));
      assert.equal((await readCard(browser))?.sentence, card.sentence, 'a clicked card is not closed by pointing away');
      await press(browser, 'Escape');
      await waitForNoCard(browser);

      await clickAt(browser, x, y);
      await waitForCard(browser, card.sentence);
      await clickAt(browser, 4, y);
      await waitForNoCard(browser);
    });

    it('steps through flagged sentences in reading order with Alt+Shift+ArrowDown and ArrowUp, scrolled into view', async () => {
      // Highlights off and on again: stepping starts afresh, from the top of the page.
      await browser.sendToTab({ type: PROTOCOL.SET_ENABLED, on: false });
      await browser.sendToTab({ type: PROTOCOL.SET_ENABLED, on: true });
      await browser.waitForHighlights();
      await browser.evaluate(() => window.scrollTo(0, 0));
      await clickAt(browser, 4, 300); // focus the page, away from any sentence
      await waitForNoCard(browser);

      await press(browser, 'Alt+Shift+ArrowDown');
      let card = await waitForCard(browser, flagged[0]);
      assertCardDescribes(card, flagged[0]);
      assert.equal(card.position.split(' · ')[0], `Flagged sentence 1 of ${flagged.length}`);
      assert.ok(card.focusInCard, 'the card takes focus, so a screen reader reads it');

      await press(browser, 'Alt+Shift+ArrowDown');
      card = await waitForCard(browser, flagged[1]);
      assert.equal(card.position.split(' · ')[0], `Flagged sentence 2 of ${flagged.length}`);
      const inView = await browser.evaluateClean(() => innerHeight);
      assert.ok(card.box.y >= 0 && card.box.y + card.box.height <= inView, 'the card is within the viewport');

      await press(browser, 'Alt+Shift+ArrowUp');
      await waitForCard(browser, flagged[0]);
      await press(browser, 'Alt+Shift+ArrowUp');
      await waitForCard(browser, flagged[flagged.length - 1]); // wraps round to the last one

      await press(browser, 'Escape');
      await waitForNoCard(browser);
      const focus = await browser.evaluateClean(() => document.activeElement?.localName ?? null);
      assert.equal(focus === 'div' && (await readCard(browser)) !== null, false, 'focus leaves the closed card');
    });

    it('leaves the keys to an editable field that has focus', async () => {
      await browser.evaluate(() => document.querySelector('input[type=search]').focus());
      await press(browser, 'Alt+Shift+ArrowDown');
      await new Promise((done) => setTimeout(done, 600));
      assert.equal(await readCard(browser), null);
      await browser.evaluate(() => document.activeElement.blur());
    });

    it('opens the whole sentence\'s card from a word inside an inline element', async () => {
      const id = flagged.find((i) => state.texts[i].includes('<b>every</b>'));
      assert.notEqual(id, undefined, 'the sentence with a bold word is flagged');
      const box = await browser.evaluateClean(() => {
        const bold = document.querySelector('article b');
        bold.scrollIntoView({ block: 'center' });
        const rect = bold.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      });
      await clickAt(browser, box.x, box.y);
      const card = await waitForCard(browser, id);
      assertCardDescribes(card, id);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
    });

    it('goes with the highlights: closed when they are turned off, and no keyboard stepping then', async () => {
      const { rect } = await firstFlaggedRect();
      await clickAt(browser, rect.x + Math.min(20, rect.width / 2), rect.y + rect.height / 2);
      await waitForCard(browser);
      await browser.sendToTab({ type: PROTOCOL.SET_ENABLED, on: false });
      await waitForNoCard(browser);
      await press(browser, 'Alt+Shift+ArrowDown');
      await new Promise((done) => setTimeout(done, 600));
      assert.equal(await readCard(browser), null);
      await browser.sendToTab({ type: PROTOCOL.SET_ENABLED, on: true });
      await browser.waitForHighlights();
      await press(browser, 'Alt+Shift+ArrowDown');
      await waitForCard(browser);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
    });

    it('shows markup and script-like text from the page as inert text', async () => {
      const withMarkup = flagged.filter((id) => /[<>]/.test(state.texts[id]));
      assert.ok(withMarkup.length > 0, 'some flagged sentence quotes markup');
      // A full round of steps visits every flagged sentence once, wherever it starts.
      const seen = [];
      for (let step = 0; step < flagged.length; step++) {
        const before = (await readCard(browser))?.sentence ?? null;
        await press(browser, 'Alt+Shift+ArrowDown');
        const card = await waitFor(async () => {
          const now = await readCard(browser);
          return now?.card !== null && now && now.sentence !== before ? now : null;
        }, { timeoutMs: 5000, what: () => 'the next card' });
        assertCardDescribes(card, card.sentence);
        seen.push(card.sentence);
      }
      assert.deepEqual([...seen].sort((a, b) => a - b), flagged);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
      assert.equal(await browser.evaluate(() => window.__xss ?? null), null, 'no page text ran as script');
      assert.equal(await browser.evaluate(() => window.__hijacked ?? null), null, 'the page\'s replaced globals were never called for the extension');
    });

    it('leaves the page DOM exactly as it was once the card is closed', async () => {
      assert.equal(await readCard(browser), null);
      assert.equal(await browser.domFingerprint(), pageBefore);
    });

    it('works for an article in a same-origin iframe: pointer, click, keys and Escape there', async () => {
      await browser.open(server.pageUrl('xss-framed.html'));
      const framed = await browser.activate({ via: 'message' });
      assert.equal(framed.status, 'ok');
      // The frame's highlights live in the frame's own registry.
      await waitFor(() => browser.evaluateClean(() => {
        let painted = 0;
        document.querySelector('iframe').contentWindow.CSS.highlights.forEach((highlight) => { painted += highlight.size; });
        return painted > 0;
      }), { what: () => 'highlights in the frame' });
      const framedViews = sentencesById(framed.analysis);
      const target = [...framedViews.values()].find((s) => framed.painted.includes(s.verdict));
      assert.ok(target, 'a flagged sentence in the frame');
      // Where that sentence is, in the top viewport.
      const point = await browser.evaluateClean((text) => {
        const frame = document.querySelector('iframe');
        const box = frame.getBoundingClientRect();
        const walker = frame.contentDocument.createTreeWalker(frame.contentDocument.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(text.slice(0, 20));
          if (at < 0) continue;
          const range = frame.contentDocument.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          const r = range.getBoundingClientRect();
          return { x: box.left + frame.clientLeft + r.left + 2, y: box.top + frame.clientTop + r.top + r.height / 2 };
        }
        return null;
      }, framed.texts[target.id]);
      assert.ok(point, 'the sentence is in the frame');

      await pointTo(browser, point.x, point.y);
      let card = await waitForCard(browser, target.id);
      assert.ok(card.visible);
      assert.ok(Math.abs(card.box.y - point.y) < 80, 'the card sits by its sentence, not by the frame\'s corner');
      await pointTo(browser, point.x + 500, point.y + 400); // a blank part of the frame
      await waitForNoCard(browser);

      await clickAt(browser, point.x, point.y); // focus is in the frame now
      card = await waitForCard(browser, target.id);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
      await press(browser, 'Alt+Shift+ArrowDown');
      card = await waitForCard(browser);
      assert.ok(framed.painted.includes(framedViews.get(card.sentence).verdict));
      assert.deepEqual(card.tags.filter((tag) => !CARD_TAGS.includes(tag)), []);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
      assert.equal(await browser.evaluate(() => window.__xss ?? null), null);
    });

    it('works for an article in a shadow root: pointer and keys', async () => {
      await browser.open(server.pageUrl('xss-shadow.html'));
      const shadowed = await browser.activate({ via: 'message' });
      assert.equal(shadowed.status, 'ok');
      await browser.waitForHighlights();
      const shadowViews = sentencesById(shadowed.analysis);
      const verdict = shadowed.painted.find((v) => shadowed.analysis.profile.summary[v] > 0);
      const rect = await revealHighlight(browser, `sourcelight-${verdict}`, 0);
      await pointTo(browser, rect.x + Math.min(20, rect.width / 2), rect.y + rect.height / 2);
      const card = await waitForCard(browser);
      assert.ok(shadowed.texts[card.sentence].includes(rect.text.trim()), 'the card is about the sentence under the pointer');
      assert.equal(card.verdict, shadowViews.get(card.sentence).verdict);
      await pointTo(browser, 4, rect.y + rect.height / 2);
      await waitForNoCard(browser);
      await press(browser, 'Alt+Shift+ArrowDown');
      await waitForCard(browser);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
      assert.equal(await browser.evaluate(() => window.__xss ?? null), null);
    });

    it('keeps its style under a strict Content-Security-Policy', async () => {
      await browser.open(server.pageUrl(PAGE, { csp: true }));
      const strict = await browser.activate({ via: 'message' });
      assert.equal(strict.status, 'ok');
      await browser.waitForHighlights();
      const { rect } = await firstFlaggedRect();
      await clickAt(browser, rect.x + Math.min(20, rect.width / 2), rect.y + rect.height / 2);
      const card = await waitForCard(browser);
      assert.ok(card.visible && card.styled && card.topLayer);
      await press(browser, 'Escape');
      await waitForNoCard(browser);
    });
  });
}
