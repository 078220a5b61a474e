// How well sourcelight finds the article on real pages: the extension in headless Chromium
// and the command-line tool, scored against a benchmark's hand-made article bodies.
//
//   node tools/article-detection.mjs <folder> [--only KEY,...] [--limit N] [--no-cli]
//        [--no-extension] [--page-scripts] [--extension DIR] [--out FILE] [--show]
//
// <folder> is a copy of scrapinghub/article-extraction-benchmark: `html/<key>.html.gz` and
// `ground-truth.json` ({key: {articleBody, url}}). Its pages are other people's work: they
// are read from there and never copied into this repository, and neither is any text
// derived from them (the per-page file written to --out holds keys and figures only).
//
// The extension (dist/chrome, built by ./build.sh): each page is served on 127.0.0.1, the
// browser sends every request through a proxy that refuses all but that server (so nothing
// else is reachable), the extension is activated as the popup does it, and its state says
// what it read and which verdicts it gave. By default the page's own scripts are blocked
// (a `script-src 'none'` policy): the saved pages are snapshots of pages already rendered,
// and their scripts, cut off from their servers, would only blank or rewrite them;
// `--page-scripts` lets them run. Figures:
// - pages painted: pages where at least one sentence got a painted verdict (named,
//   anonymous or unattributed: named ones are drawn subtly, the others strongly);
// - painted text inside the article: of the painted sentences' characters, the share that
//   lies in the page's true article body (detection-metrics.mjs says how a sentence is
//   matched), over all pages, and the mean over painted pages;
// - sentences read: of the true body's sentences (as the command-line tool splits the
//   body), the share found in what the extension read, mean over all pages (a page with
//   nothing read counts 0) and over all sentences;
// - the page's DOM unchanged by the extension (the harness's fingerprint before and after).
//
// The command-line tool (target/release/sourcelight, built by `cargo build --release`):
// `scan --format json` on each page; its extracted text (`input.text`) is scored as the
// benchmark's evaluate.py scores extractors (4-word shingles, and words as a bag), pages
// it refuses are listed, and its claims (sentences not `none`) are scored like painted
// sentences. Agreement: per page, the sentences both read over those either read.
//
// `--extension DIR` measures another build of the extension (an unpacked Chromium one, such as
// dist/chrome of an earlier commit) instead of dist/chrome.
//
// `--show` prints, for each page, the painted sentences that are not (wholly) in the body and
// the body's sentences that were not read: to look at on a terminal, never to keep.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { launch } from '../tests/e2e/harness/browsers.mjs';
import { startRecordingProxy } from '../tests/e2e/harness/proxy.mjs';
import {
  agreement, lookupText, scoreOverPages, sentenceKey, shareInside, shingleMatch,
} from './detection-metrics.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'target', 'release', 'sourcelight');
const PAINTED_VERDICTS = new Set(['named', 'anonymous', 'unattributed']);
// Elements the extension's UI may add to a page (the card's host): not the page's DOM.
const OWN_ELEMENTS = '[id^="sourcelight"], [class^="sourcelight"], [data-sourcelight]';
const ACTIVATION_TIMEOUT_MS = 60_000;

function parseArgs(argv) {
  const options = {
    folder: null, only: null, limit: Infinity, cli: true, extension: true, pageScripts: false, out: null, show: false,
    extensionDir: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') options.only = new Set(argv[++i].split(','));
    else if (arg === '--limit') options.limit = Number(argv[++i]);
    else if (arg === '--no-cli') options.cli = false;
    else if (arg === '--no-extension') options.extension = false;
    else if (arg === '--page-scripts') options.pageScripts = true;
    else if (arg === '--out') options.out = argv[++i];
    else if (arg === '--show') options.show = true;
    else if (arg === '--extension') options.extensionDir = resolve(argv[++i]);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.folder = arg;
  }
  if (!options.folder) {
    throw new Error('usage: node tools/article-detection.mjs <article-extraction-benchmark folder> [--only KEY,...] '
      + '[--limit N] [--no-cli] [--no-extension] [--page-scripts] [--extension DIR] [--out FILE] [--show]');
  }
  options.out ??= join(ROOT, 'test-output', 'article-detection.json');
  return options;
}

function log(...parts) {
  process.stderr.write(`${parts.join(' ')}\n`);
}

/** Runs the command-line tool; resolves `{code, stdout, stderr}`, never rejects. */
function runCli(args, input = null) {
  return new Promise((done) => {
    const child = execFile(CLI, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    if (input !== null) child.stdin.end(input);
  });
}

/** The true body's sentences, split by the command-line tool as it splits any text. */
async function bodySentences(body) {
  const { code, stdout } = await runCli(['scan', '--input', 'text', '--format', 'json', '-'], body);
  if (code !== 0) return [];
  return JSON.parse(stdout).sentences.map((s) => s.text);
}

/** Serves each page at /<key>.html, its bytes as saved; everything else is a 404. */
async function startPageServer(pages, { pageScripts }) {
  const server = createServer((req, res) => {
    const key = new URL(req.url, 'http://x').pathname.match(/^\/([0-9a-f]+)\.html$/)?.[1];
    const page = key && pages.get(key);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    // The benchmark saved every page as UTF-8 (each is valid UTF-8) but kept no header, and a
    // third of them declare no charset in their first 1024 bytes: a browser would decode
    // those as windows-1252. The site's own header said UTF-8; so does this one.
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (!pageScripts) headers['content-security-policy'] = "script-src 'none'";
    res.writeHead(200, headers).end(page.html);
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (key) => `${origin}/${key}.html`,
    close: () => new Promise((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    }),
  };
}

async function loadPages(folder, { only, limit }) {
  const truth = JSON.parse(await readFile(join(folder, 'ground-truth.json'), 'utf8'));
  const files = (await readdir(join(folder, 'html'))).filter((f) => f.endsWith('.html.gz')).sort();
  const pages = new Map();
  for (const file of files) {
    const key = file.replace('.html.gz', '');
    if (!truth[key] || (only && !only.has(key))) continue;
    if (pages.size >= limit) break;
    pages.set(key, { key, html: gunzipSync(await readFile(join(folder, 'html', file))), body: truth[key].articleBody ?? '' });
  }
  return pages;
}

// ---------------------------------------------------------------------------------------
// The command-line tool

async function measureCli(pages) {
  const dir = await mkdtemp(join(tmpdir(), 'sourcelight-detection-'));
  const results = new Map();
  try {
    for (const page of pages.values()) {
      const file = join(dir, `${page.key}.html`);
      await writeFile(file, page.html);
      const started = performance.now();
      const { code, stdout, stderr } = await runCli(['scan', '--format', 'json', file]);
      const ms = performance.now() - started;
      if (code !== 0) {
        results.set(page.key, { refused: true, error: stderr.trim(), ms, text: '', sentences: [] });
        continue;
      }
      const scan = JSON.parse(stdout);
      results.set(page.key, {
        refused: false, ms, text: scan.input?.text ?? '',
        sentences: scan.sentences.map((s) => ({ text: s.text, verdict: s.verdict })),
      });
      await rm(file);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// The extension

async function measureExtension(pages, options) {
  const server = await startPageServer(pages, options);
  const proxy = await startRecordingProxy({ allowOrigin: server.origin });
  const results = new Map();
  let browser = null;
  const relaunch = async () => {
    await browser?.close();
    browser = await launch('chromium', { proxy: proxy.url, ...(options.extensionDir ? { sourceDir: options.extensionDir } : {}) });
  };
  try {
    await relaunch();
    let done = 0;
    for (const page of pages.values()) {
      done += 1;
      let result;
      try {
        result = await measureOne(browser, server.url(page.key));
      } catch (error) {
        result = { status: 'failed', error: String(error?.message ?? error).slice(0, 300), sentences: [] };
        // A dead renderer or a stuck browser must not spoil the pages after it.
        await relaunch();
      }
      results.set(page.key, result);
      const painted = result.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict)).length;
      log(`[${done}/${pages.size}] ${page.key.slice(0, 12)} ${result.status} read ${result.sentences.length} painted ${painted}`
        + `${result.timings ? ` collect ${result.timings.collectMs.toFixed(0)} ms` : ''}${result.error ? ` (${result.error})` : ''}`);
    }
  } finally {
    await browser?.close();
    await proxy.close();
    await server.close();
  }
  return { results, refusedRequests: proxy.requests.filter((r) => !r.url.startsWith(server.origin)).length };
}

/**
 * Starts, in the page, the bench's probe of the longest gap between two turns of the event
 * loop (tools/bench-browser.mjs): the longest main-thread task while the extension reads.
 */
function startProbe() {
  const channel = new MessageChannel();
  let last = performance.now();
  globalThis.__detectionProbe = { longest: 0, running: true };
  channel.port1.onmessage = () => {
    const now = performance.now();
    globalThis.__detectionProbe.longest = Math.max(globalThis.__detectionProbe.longest, now - last);
    last = now;
    if (globalThis.__detectionProbe.running) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

function stopProbe() {
  globalThis.__detectionProbe.running = false;
  return globalThis.__detectionProbe.longest;
}

/** Two frames and a moment: the page's own first layout and paint are not the extension's. */
function pageSettled() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)));
  });
}

async function measureOne(browser, url) {
  await browser.open(url);
  const domBefore = await browser.domFingerprint(OWN_ELEMENTS);
  await browser.evaluate(pageSettled);
  await browser.evaluate(startProbe);
  const brief = await browser.activate({ via: 'message', timeoutMs: ACTIVATION_TIMEOUT_MS, brief: true });
  const longestTaskMs = await browser.evaluate(stopProbe);
  const state = brief.status === 'ok' ? await browser.stateInPieces() : brief;
  const domAfter = await browser.domFingerprint(OWN_ELEMENTS);
  const sentences = [];
  for (const block of state.analysis?.blocks ?? []) {
    for (const s of block.sentences) sentences.push({ text: state.texts?.[s.id] ?? '', verdict: s.verdict });
  }
  return {
    status: state.status, error: state.error ?? null, timings: state.timings ?? null,
    method: state.stats?.method ?? null, readerable: state.stats?.readerable ?? null, longestTaskMs,
    domUnchanged: domBefore === domAfter, sentences,
  };
}

// ---------------------------------------------------------------------------------------
// Scoring

/** Characters of `sentences` and how many of them lie in the body. */
function insideChars(sentences, body) {
  let chars = 0;
  let inside = 0;
  let count = 0;
  let countInside = 0;
  for (const { text } of sentences) {
    const share = shareInside(text, body);
    if (share === null) continue;
    chars += text.length;
    inside += text.length * share;
    count += 1;
    countInside += share;
  }
  return { chars, inside, count, countInside };
}

function sum(list, pick) {
  return list.reduce((n, x) => n + pick(x), 0);
}

const meanOf = (values) => (values.length ? sum(values, (x) => x) / values.length : NaN);

function showPage(page, ext, body, truthSentences, cli) {
  const readText = lookupText(ext.sentences.map((s) => s.text).join(' \n '));
  const out = ext.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict)).map((s) => [s, shareInside(s.text, body)])
    .filter(([, share]) => share !== null && share < 1);
  const missed = truthSentences.filter((s) => (shareInside(s, readText) ?? 1) < 0.5);
  if (!out.length && !missed.length) return;
  log(`\n== ${page.key} ${ext.status}`);
  for (const [s, share] of out) log(`  PAINTED OUTSIDE (${share.toFixed(2)}) [${s.verdict}] ${s.text.slice(0, 200)}`);
  for (const s of missed) log(`  NOT READ ${s.slice(0, 200)}`);
  if (cli?.refused) log(`  CLI refused: ${cli.error}`);
}

async function score(pages, cli, extension, show = false) {
  const perPage = [];
  for (const page of pages.values()) {
    const body = lookupText(page.body);
    const truthSentences = await bodySentences(page.body);
    const row = { key: page.key, bodySentences: truthSentences.length };
    if (extension) {
      const ext = extension.results.get(page.key);
      const painted = ext.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict));
      const readText = lookupText(ext.sentences.map((s) => s.text).join(' \n '));
      const read = truthSentences.map((s) => shareInside(s, readText)).filter((x) => x !== null);
      row.extension = {
        status: ext.status, error: ext.error, domUnchanged: ext.domUnchanged, collectMs: ext.timings?.collectMs ?? null,
        method: ext.method, readerable: ext.readerable, longestTaskMs: ext.longestTaskMs ?? null,
        copyMs: ext.timings?.copyMs ?? null, parseMs: ext.timings?.parseMs ?? null,
        readSentences: ext.sentences.length, painted: insideChars(painted, body),
        read: { sentences: read.length, found: sum(read, (x) => x) },
        // Whole sentences read that are not in the body at all, for the closing list of failures.
        outsideSentences: painted.filter((s) => shareInside(s.text, body) === 0).length,
      };
    }
    if (cli) {
      const c = cli.get(page.key);
      row.cli = {
        refused: c.refused, error: c.error ?? null, ms: c.ms,
        shingles: shingleMatch(page.body, c.text, 4), bag: shingleMatch(page.body, c.text, 1),
        claims: insideChars(c.sentences.filter((s) => s.verdict !== 'none'), body),
      };
    }
    if (cli && extension) {
      const ext = extension.results.get(page.key).sentences.map((s) => sentenceKey(s.text));
      // Both read the headline first (the CLI's from Readability, the extension's from the page).
      const fromCli = cli.get(page.key).sentences.map((s) => sentenceKey(s.text));
      row.agreement = agreement(ext, fromCli);
      const claimsExt = extension.results.get(page.key).sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict)).map((s) => sentenceKey(s.text));
      const claimsCli = cli.get(page.key).sentences.filter((s) => s.verdict !== 'none').map((s) => sentenceKey(s.text));
      row.claimAgreement = agreement(claimsExt, claimsCli);
    }
    perPage.push(row);
    if (show && extension) showPage(page, extension.results.get(page.key), body, truthSentences, cli?.get(page.key));
  }
  return perPage;
}

function summarise(perPage, { cli, extension }) {
  const summary = { pages: perPage.length };
  if (extension) {
    const ext = perPage.map((r) => r.extension);
    const paintedPages = ext.filter((e) => e.painted.count > 0);
    summary.extension = {
      pagesPainted: paintedPages.length,
      statuses: ext.reduce((m, e) => ({ ...m, [e.status]: (m[e.status] ?? 0) + 1 }), {}),
      methods: ext.reduce((m, e) => ({ ...m, [e.method ?? 'none']: (m[e.method ?? 'none'] ?? 0) + 1 }), {}),
      notReaderable: ext.filter((e) => e.readerable === false).length,
      paintedInside: sum(ext, (e) => e.painted.inside) / sum(ext, (e) => e.painted.chars),
      paintedInsidePageMean: meanOf(paintedPages.map((e) => e.painted.inside / e.painted.chars)),
      paintedSentencesInside: sum(ext, (e) => e.painted.countInside) / sum(ext, (e) => e.painted.count),
      sentencesReadPageMean: meanOf(ext.filter((e) => e.read.sentences > 0).map((e) => e.read.found / e.read.sentences)),
      sentencesReadPooled: sum(ext, (e) => e.read.found) / sum(ext, (e) => e.read.sentences),
      domUnchanged: ext.filter((e) => e.domUnchanged).length,
      collectMsMedian: median(ext.map((e) => e.collectMs).filter((x) => x !== null)),
      collectMsMax: Math.max(...ext.map((e) => e.collectMs ?? 0)),
      longestTaskMsMedian: median(ext.map((e) => e.longestTaskMs).filter((x) => x !== null)),
      longestTaskMsP90: quantile(ext.map((e) => e.longestTaskMs).filter((x) => x !== null), 0.9),
      longestTaskMsMax: Math.max(...ext.map((e) => e.longestTaskMs ?? 0)),
      copyMs: spreadOf(ext.map((e) => e.copyMs)),
      parseMs: spreadOf(ext.map((e) => e.parseMs)),
    };
  }
  if (cli) {
    const c = perPage.map((r) => r.cli);
    summary.cli = {
      refused: c.filter((x) => x.refused).length,
      shingles: scoreOverPages(c.map((x) => x.shingles)),
      bag: scoreOverPages(c.map((x) => x.bag)),
      claimsInside: sum(c, (x) => x.claims.countInside) / sum(c, (x) => x.claims.count),
      claimCharsInside: sum(c, (x) => x.claims.inside) / sum(c, (x) => x.claims.chars),
      msMedian: median(c.map((x) => x.ms)),
    };
  }
  if (cli && extension) {
    summary.agreement = meanOf(perPage.map((r) => r.agreement).filter((x) => x !== null));
    summary.claimAgreement = meanOf(perPage.map((r) => r.claimAgreement).filter((x) => x !== null));
  }
  return summary;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(q * (sorted.length - 1))] : NaN;
}

const median = (values) => quantile(values, 0.5);

/** Median, 90th percentile and maximum of the numbers in a list (nulls left out). */
function spreadOf(values) {
  const numbers = values.filter((x) => typeof x === 'number');
  return { median: median(numbers), p90: quantile(numbers, 0.9), max: Math.max(...numbers), count: numbers.length };
}

function printSummary(summary, perPage) {
  const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const lines = [`pages: ${summary.pages}`];
  if (summary.extension) {
    const e = summary.extension;
    lines.push(
      '', 'extension (Chromium):',
      `  pages painted                     ${e.pagesPainted} of ${summary.pages} (${(100 * e.pagesPainted / summary.pages).toFixed(1)} %)   target >= 97 %`,
      `  statuses                          ${JSON.stringify(e.statuses)}; found by ${JSON.stringify(e.methods)}; not readerable ${e.notReaderable}`,
      `  painted text inside the article   ${f3(e.paintedInside)} of characters (page mean ${f3(e.paintedInsidePageMean)}; sentences ${f3(e.paintedSentencesInside)})   target >= 0.97`,
      `  article's sentences read          ${f3(e.sentencesReadPageMean)} page mean (pooled ${f3(e.sentencesReadPooled)})   target >= 0.85`,
      `  DOM unchanged                     ${e.domUnchanged} of ${summary.pages}`,
      `  reading time (collectMs)          median ${e.collectMsMedian?.toFixed(1)} ms, max ${e.collectMsMax.toFixed(0)} ms`,
      `  Readability's two tasks           copy median ${e.copyMs.median?.toFixed(1)} ms, p90 ${e.copyMs.p90?.toFixed(1)}, max ${e.copyMs.max?.toFixed(0)}; `
        + `parse median ${e.parseMs.median?.toFixed(1)} ms, p90 ${e.parseMs.p90?.toFixed(1)}, max ${e.parseMs.max?.toFixed(0)} (${e.parseMs.count} pages)`,
      `  longest main-thread task          median ${e.longestTaskMsMedian?.toFixed(1)} ms, p90 ${e.longestTaskMsP90?.toFixed(1)} ms, max ${e.longestTaskMsMax.toFixed(0)} ms (activation to painted, page's own tasks included)`,
    );
    const unpainted = perPage.filter((r) => r.extension.painted.count === 0);
    if (unpainted.length) lines.push(`  not painted: ${unpainted.map((r) => `${r.key.slice(0, 12)} (${r.extension.status})`).join(', ')}`);
    const worst = perPage.filter((r) => r.extension.painted.chars > 0)
      .map((r) => ({ key: r.key, share: r.extension.painted.inside / r.extension.painted.chars, out: r.extension.painted.chars - r.extension.painted.inside }))
      .sort((a, b) => b.out - a.out).slice(0, 12);
    lines.push(`  most painted text outside: ${worst.map((w) => `${w.key.slice(0, 12)} ${w.out.toFixed(0)} chars (${f3(w.share)})`).join(', ')}`);
    const leastRead = perPage.filter((r) => r.extension.read.sentences > 0)
      .map((r) => ({ key: r.key, share: r.extension.read.found / r.extension.read.sentences }))
      .sort((a, b) => a.share - b.share).slice(0, 12);
    lines.push(`  least read: ${leastRead.map((w) => `${w.key.slice(0, 12)} ${f3(w.share)}`).join(', ')}`);
  }
  if (summary.cli) {
    const c = summary.cli;
    lines.push(
      '', 'command-line tool (scan --format json):',
      `  refused                           ${c.refused} of ${summary.pages}`,
      `  4-word shingles P / R / F1        ${f3(c.shingles.precision)} / ${f3(c.shingles.recall)} / ${f3(c.shingles.f1)}`,
      `  bag of words P / R / F1           ${f3(c.bag.precision)} / ${f3(c.bag.recall)} / ${f3(c.bag.f1)}`,
      `  claims inside the article         ${f3(c.claimsInside)} of claims (${f3(c.claimCharsInside)} of their characters)`,
      `  time per page                     median ${c.msMedian.toFixed(0)} ms`,
    );
    const refused = perPage.filter((r) => r.cli.refused);
    if (refused.length) lines.push(`  refused: ${refused.map((r) => `${r.key.slice(0, 12)} (${r.cli.error})`).join('; ')}`);
  }
  if (summary.agreement !== undefined) {
    lines.push('', `agreement CLI / extension on the article's sentences: ${f3(summary.agreement)} (claims: ${f3(summary.claimAgreement)}), page mean`);
  }
  console.log(lines.join('\n'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const pages = await loadPages(resolve(options.folder), options);
  if (!pages.size) throw new Error(`no pages found in ${options.folder}`);
  log(`${pages.size} pages`);
  const cli = options.cli ? await measureCli(pages) : null;
  const extension = options.extension ? await measureExtension(pages, options) : null;
  const perPage = await score(pages, cli, extension, options.show);
  const summary = summarise(perPage, options);
  if (extension) summary.extension.refusedRequests = extension.refusedRequests;
  summary.pageScripts = options.pageScripts;
  await mkdir(dirname(options.out), { recursive: true });
  // Keys and figures only: no text of the pages leaves the benchmark's folder.
  await writeFile(options.out, JSON.stringify({ summary, perPage }, null, 1));
  printSummary(summary, perPage);
  log(`per-page figures: ${options.out}`);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
});
