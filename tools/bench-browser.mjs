// The browser half of `./build.sh bench`: how long a reader waits, and whether the page
// stutters, in headless Chromium and Firefox with the built extension.
//
// - request to highlights: from the `sourcelight:request` mark to `sourcelight:painted`, as the
//   content script reports them in its state (`timings`), on a 2,000-word and a 100,000-word
//   article page made from the bench paragraphs; each run is a fresh load and activation.
// - longest main-thread task while the extension works on the 100,000-word page: a page-side
//   probe posts itself a message in a loop and records the longest gap between two turns
//   (Firefox has no long-task timing API; the probe works the same in both browsers). It
//   starts once the loaded page has painted, so the page's own first frames do not count.
//   The same probe, on the painted page, while the reader turns the painted verdicts over
//   and back (two repaints, as the popup's toggles do) and while the page scrolls from top
//   to bottom (the window of registered highlights follows it): `repaintLongestTaskMs`,
//   `scrollLongestTaskMs`.
// - the page's own DOM work on the 100,000-word page, before the extension and once it has
//   painted: 2,000 insertions and removals of a node (a live blog, an ad slot). The browser
//   updates every live Range of a document at each such change; the extension's ranges are
//   static, and this row shows that they cost the page nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, BROWSERS, PROTOCOL } from '../tests/e2e/harness/browsers.mjs';
import { startServer } from '../tests/e2e/harness/server.mjs';

const root = new URL('../', import.meta.url);

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function writePages(dir) {
  const paragraphs = (await readFile(new URL('benches/fixtures/paragraphs.txt', root), 'utf8'))
    .split('\n\n').map((p) => p.trim()).filter(Boolean);
  for (const words of [2_000, 100_000]) {
    const body = [];
    let count = 0;
    while (count < words) {
      for (const p of paragraphs) {
        body.push(`<p>${escape(p)}</p>`);
        count += p.split(/\s+/).length;
      }
    }
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench ${words}</title></head>
<body><header><nav><a href="/">Home</a></nav></header><main><article>
<h1>Flood barriers fail on the Varn estuary</h1><p class="byline">By the bench desk</p>
${body.join('\n')}
</article></main></body></html>`;
    await writeFile(join(dir, `bench-${words}.html`), html);
  }
}

/** Starts, in the page, a probe of the longest gap between two turns of the event loop. */
function startProbe() {
  const channel = new MessageChannel();
  let last = performance.now();
  globalThis.__benchProbe = { longest: 0, running: true };
  channel.port1.onmessage = () => {
    const now = performance.now();
    globalThis.__benchProbe.longest = Math.max(globalThis.__benchProbe.longest, now - last);
    last = now;
    if (globalThis.__benchProbe.running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

/** The page's own DOM work: 2,000 insertions and removals of a node outside the article. */
function pageDomChanges() {
  const start = performance.now();
  for (let i = 0; i < 2000; i++) {
    const note = document.createElement('aside');
    note.textContent = 'Live update';
    document.body.append(note);
    note.remove();
  }
  return performance.now() - start;
}

function stopProbe() {
  globalThis.__benchProbe.running = false;
  return globalThis.__benchProbe.longest;
}

/** Scrolls the page from top to bottom, two screens at a time, a step every 50 ms. */
function scrollThrough() {
  scrollTo(0, 0);
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      scrollBy(0, innerHeight * 2);
      if (innerHeight + scrollY >= document.documentElement.scrollHeight - 1) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
}

/** The longest task while the painted page is repainted twice, then scrolled through. */
async function afterPaintMs(browser) {
  await browser.evaluate(startProbe);
  await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: ['named', 'anonymous', 'unattributed'], brief: true });
  await browser.sendToTab({ type: PROTOCOL.SET_PAINTED, painted: ['anonymous', 'unattributed'], brief: true });
  await settle();
  const repaint = await browser.evaluate(stopProbe);
  await browser.evaluate(startProbe);
  await browser.evaluate(scrollThrough);
  await settle();
  return { repaint, scroll: await browser.evaluate(stopProbe) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] / 1e3, min: sorted[0] / 1e3, max: sorted.at(-1) / 1e3, runs: values.length };
}

/**
 * Waits until the freshly loaded page has laid itself out and painted: a 100,000-word
 * page's own first frames after `load` take tens of ms in Chromium, and they are the
 * page's work, not the extension's.
 */
function pageSettled() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)));
  });
}

async function requestToHighlightsMs(browser, url, { probe = false } = {}) {
  await browser.open(url);
  let domAlone = null;
  if (probe) {
    await browser.evaluate(pageSettled);
    domAlone = await browser.evaluate(pageDomChanges);
    await browser.evaluate(startProbe);
  }
  // Brief states, as the popup asks: the full state of the 100,000-word page is a
  // multi-megabyte reply that only the tests ask for.
  const state = await browser.activate({ via: 'message', timeoutMs: 120_000, brief: true });
  if (state.status !== 'ok' || !state.timings) {
    throw new Error(`the extension did not paint ${url}: ${JSON.stringify(state).slice(0, 200)}`);
  }
  const longest = probe ? await browser.evaluate(stopProbe) : null;
  const domPainted = probe ? await browser.evaluate(pageDomChanges) : null;
  return { ms: state.timings.totalMs - state.timings.collectMs, longest, domAlone, domPainted };
}

/**
 * Figures per browser, each a spread over the runs (seconds): `{small, large}` request to
 * highlights; the longest task of each run, `longestTasks` while the extension works on the
 * 100,000-word page, `repaintLongestTasks` and `scrollLongestTasks` on the painted page
 * (their `max` is the longest over the runs); the page's own DOM work there, `pageDomAlone`
 * and `pageDomPainted`.
 */
export async function browserFigures({ short = false } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'sourcelight-bench-'));
  const server = await startServer({ root: dir });
  const runs = short ? 3 : 7;
  const figures = {};
  try {
    await writePages(dir);
    for (const name of BROWSERS) {
      const browser = await launch(name);
      try {
        const small = [];
        for (let i = 0; i < runs; i++) small.push((await requestToHighlightsMs(browser, server.pageUrl('bench-2000.html'))).ms);
        const large = [];
        const longestTasks = [];
        const domAlone = [];
        const domPainted = [];
        const repaints = [];
        const scrolls = [];
        for (let i = 0; i < (short ? 1 : 5); i++) {
          const run = await requestToHighlightsMs(browser, server.pageUrl('bench-100000.html'), { probe: true });
          large.push(run.ms);
          longestTasks.push(run.longest);
          domAlone.push(run.domAlone);
          domPainted.push(run.domPainted);
          const after = await afterPaintMs(browser);
          repaints.push(after.repaint);
          scrolls.push(after.scroll);
        }
        figures[name] = {
          small: spread(small), large: spread(large), longestTasks: spread(longestTasks),
          repaintLongestTasks: spread(repaints), scrollLongestTasks: spread(scrolls),
          pageDomAlone: spread(domAlone), pageDomPainted: spread(domPainted),
        };
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
