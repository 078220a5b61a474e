// The window of registered highlights on a long page, in both browsers: what
// `CSS.highlights` holds there is the ranges of the sentences around the viewport, never
// more than the cap (WINDOW_RANGES in extension/highlight.js), and it follows the reader;
// sentences outside it are still known, flagged, reachable by a jump, and painted once in
// view. Small pages (every other test) have every range registered.
//
// The page is written by this file: a few hundred wards of an invented flood report, each
// with an anonymous, an unattributed and a named sentence that carry the ward's number.
//
// Run: node --test --test-concurrency=1 tests/e2e/   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch, PROTOCOL, waitFor, WINDOW_RANGES } from './harness/browsers.mjs';
import { startServer } from './harness/server.mjs';
import { clickAt, highlightRects, waitForCard } from './ui-helpers.mjs';

const WARDS = 400;
const anonymous = (i) => `The pumping station in ward ${i} failed twice last winter, according to two people familiar with the repairs.`;
const unattributed = (i) => `The levee of ward ${i} was raised by a metre after the flood.`;
const named = (i) => `“We kept the water out of the school in ward ${i},” said Nadia Brennick, who runs the emergency team.`;

const wardsOf = (texts = []) => texts.map((t) => Number(t.match(/ward (\d+)/)?.[1])).filter(Number.isInteger);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ward by ward: the winter floods | Varn Valley Courier</title></head>
<body>
<main><article><h1>Ward by ward: the winter floods</h1><p>By the Courier’s flood desk</p>
${Array.from({ length: WARDS }, (_, n) => n + 1).map((i) => `<p id="ward-${i}">${anonymous(i)}</p>\n<p>${unattributed(i)}</p>\n<p>${named(i)}</p>`).join('\n')}
</article></main>
</body></html>`;

for (const browserName of BROWSERS) {
  describe(`the window of highlights on a long page (${browserName})`, () => {
    let dir;
    let server;
    let browser;
    /** Sentence id by text, from the whole state. */
    let idOf;

    before(async () => {
      assert.ok(WINDOW_RANGES > 0, 'highlight.js declares WINDOW_RANGES');
      dir = await mkdtemp(join(tmpdir(), 'sourcelight-window-'));
      await writeFile(join(dir, 'wards.html'), PAGE);
      server = await startServer({ root: dir });
      browser = await launch(browserName);
      await browser.open(server.pageUrl('wards.html'));
      const state = await browser.activate({ via: 'message', timeoutMs: 60_000, brief: true });
      assert.equal(state.status, 'ok', `the page was analysed: ${JSON.stringify(state).slice(0, 200)}`);
      assert.equal(state.analysis.profile.summary.anonymous, WARDS, 'every ward has one anonymous sentence');
      const whole = await browser.stateInPieces();
      idOf = new Map(whole.texts.map((text, id) => [text, id]));
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** Scrolls the paragraph of a ward's anonymous sentence to the top of the viewport. */
    function scrollToWard(i) {
      return browser.evaluateClean((id) => document.getElementById(id).scrollIntoView({ block: 'start' }), `ward-${i}`);
    }

    /** Waits until the anonymous highlight holds `inView` (a ward) and none of `away`. */
    function waitForWindow(inView, away) {
      let last = [];
      return waitFor(async () => {
        last = wardsOf((await browser.highlights())['sourcelight-anonymous']);
        return last.includes(inView) && !away.some((w) => last.includes(w)) ? last : null;
      }, { timeoutMs: 10_000, what: () => `ward ${inView} painted and not ${away} (painted: ${last.slice(0, 5)}…${last.slice(-5)})` });
    }

    test('only the ranges near the viewport are registered, and no more than the cap', async () => {
      const wards = await waitForWindow(1, [WARDS]);
      const registered = await browser.registeredRanges();
      assert.ok(registered > 0 && registered <= WINDOW_RANGES, `${registered} ranges registered, cap ${WINDOW_RANGES}`);
      assert.ok(wards.length < WARDS, `${wards.length} of ${WARDS} anonymous sentences registered`);
      // The window is one stretch of the page from its top.
      assert.deepEqual(wards, Array.from({ length: wards.length }, (_, n) => n + 1));
      // Everything stays flagged, in the window or not.
      const unattributedIds = (await browser.state({ brief: true })).analysis.profile.unattributed;
      assert.ok(unattributedIds.includes(idOf.get(unattributed(WARDS))), 'the last ward is flagged all the same');
    });

    test('after scrolling far down, the sentences in view are painted and those far above are not', async () => {
      await scrollToWard(300);
      const wards = await waitForWindow(300, [1, 100]);
      assert.ok(wards.includes(310), 'the sentences just below the viewport are painted too');
      const registered = await browser.registeredRanges();
      assert.ok(registered <= WINDOW_RANGES, `${registered} ranges registered, cap ${WINDOW_RANGES}`);
      // The sentence under the pointer is in the window: its card opens.
      const rect = (await highlightRects(browser, 'sourcelight-anonymous')).find((r) => r.text.includes('ward 300 '));
      assert.ok(rect, 'ward 300 has a highlight rectangle');
      await clickAt(browser, rect.x + Math.min(rect.width / 2, 40), rect.y + rect.height / 2);
      const card = await waitForCard(browser, idOf.get(anonymous(300)));
      assert.equal(card.verdict, 'anonymous');
    });

    /**
     * Scrolls to a ward a screen at a time, as a reader does, waiting two frames a step so
     * the window follows each one; returns whether the anonymous highlight registered at
     * the start is still the one registered at the end (the window moved by its difference).
     */
    function scrollStepwiseToWard(i) {
      return browser.evaluateClean(async (id) => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const first = CSS.highlights.get('sourcelight-anonymous');
        const goal = document.getElementById(id).getBoundingClientRect().top + scrollY;
        const step = Math.sign(goal - scrollY) * innerHeight * 0.9;
        while (Math.abs(goal - scrollY) > innerHeight) {
          scrollBy(0, step);
          await frame();
        }
        scrollTo(0, goal);
        await frame();
        return CSS.highlights.get('sourcelight-anonymous') === first;
      }, `ward-${i}`);
    }

    test('scrolling a screen at a time moves the window with the reader, down and back up', async () => {
      await scrollToWard(1);
      await waitForWindow(1, [300]);
      for (const [ward, away] of [[120, [1, 60]], [30, [100, 120]]]) {
        const sameHighlight = await scrollStepwiseToWard(ward);
        const wards = await waitForWindow(ward, away);
        // One stretch of the page, with nothing left behind from the earlier windows.
        assert.deepEqual(wards, Array.from({ length: wards.length }, (_, n) => wards[0] + n), `wards ${wards}`);
        const registered = await browser.registeredRanges();
        assert.ok(registered <= WINDOW_RANGES, `${registered} ranges registered, cap ${WINDOW_RANGES}`);
        assert.ok(sameHighlight, 'the window moved by its difference: the registered highlight was kept');
      }
    });

    test('the highlights hold static ranges, which the page\'s own DOM changes do not touch', async () => {
      // Live ranges are updated by the browser at every DOM change of the page: thousands
      // of them made each node the page inserts or removes cost up to a millisecond.
      const kinds = await browser.evaluateClean(() => {
        const seen = new Set();
        CSS.highlights.forEach((highlight, name) => {
          if (name.startsWith('sourcelight-')) highlight.forEach((range) => seen.add(Object.prototype.toString.call(range)));
        });
        return [...seen];
      });
      assert.deepEqual(kinds, ['[object StaticRange]']);
      // The page goes on changing its DOM around the article; the highlights stay.
      await browser.evaluateClean(() => {
        for (let i = 0; i < 200; i++) {
          const note = document.createElement('aside');
          note.textContent = 'Live update';
          document.body.append(note);
          note.remove();
        }
      });
      assert.ok(await browser.registeredRanges() > 0, 'the highlights are still registered');
    });

    test('a jump to a flagged sentence far away paints it', async () => {
      await scrollToWard(1);
      await waitForWindow(1, [300]);
      const reply = await browser.sendToTab({ type: PROTOCOL.JUMP, id: idOf.get(anonymous(380)), brief: true });
      assert.equal(reply.ok, true);
      await waitForWindow(380, [1]);
      assert.ok(await browser.registeredRanges() <= WINDOW_RANGES, 'the window stays under the cap');
    });

    test('toggling the painted verdicts repaints the window', async () => {
      await scrollToWard(200);
      await waitForWindow(200, [1]);
      await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: ['unattributed'] });
      let last = {};
      await waitFor(async () => {
        last = await browser.highlights();
        return !last['sourcelight-anonymous'] && wardsOf(last['sourcelight-unattributed']).includes(200) ? last : null;
      }, { what: () => `anonymous unpainted, ward 200 unattributed painted (${Object.keys(last)})` });
      const registered = await browser.registeredRanges();
      assert.ok(registered <= WINDOW_RANGES, `${registered} ranges registered, cap ${WINDOW_RANGES}`);
      await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: ['anonymous', 'unattributed'] });
      await waitForWindow(200, [1]);
      assert.ok(await browser.registeredRanges() <= WINDOW_RANGES);
    });
  });
}
