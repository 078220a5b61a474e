// How well sourcelight finds the article on real pages: the extension in headless Chromium
// and the command-line tool, scored against a benchmark's hand-made article bodies.
//
//   node tools/article-detection.mjs <folder> [--set aeb|readability|trafilatura|trafilatura-eval]
//        [--only KEY,...] [--limit N] [--no-cli] [--no-extension] [--page-scripts]
//        [--extension DIR] [--out FILE] [--show]
//   node tools/article-detection.mjs --from FILE     (the figures of an earlier run's --out again)
//
// <folder> is a copy of scrapinghub/article-extraction-benchmark (`--set aeb`, the default):
// `html/<key>.html.gz` and `ground-truth.json` ({key: {articleBody, url}}). The other sets are
// the test pages of Mozilla Readability and of trafilatura, kept to check the detection on
// pages it was not tuned on (tools/detection-testpages.mjs reads them and says what their
// expectations are; trafilatura's give strings that must and must not be extracted, no body).
// These pages are other people's work: they are read from there and never copied into this
// repository, and neither is any text derived from them (the per-page file written to --out
// holds keys and figures only).
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
// Languages: the core reads English only. On a page in another language the extension
// paints nothing (status `unsupported-language`); what it would read there is asked of its
// content script (SourcelightArticle.read, the same reading without the analysis), so that
// the detection is measured on every page. The command-line tool refuses such a page; it is
// run again with `--lang en` for its extraction, and its claims there are not counted. Such
// pages are counted apart, and they count for no agreement.
//
// Expected strings (the trafilatura sets): the share of the strings that must be in the
// extraction found in what the extension read, in what it painted and in the CLI's text, and
// the share of those that must not be there found absent; a string is found when its words
// (detection-metrics.mjs) are a run of the text's words.
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
import { loadTestPages, SETS } from './detection-testpages.mjs';
import { startRecordingProxy } from '../tests/e2e/harness/proxy.mjs';
import {
  agreement, expectedStrings, lookupText, scoreOverPages, sentenceKey, shareInside, shingleMatch,
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
    extensionDir: null, set: 'aeb',
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
    else if (arg === '--set') options.set = argv[++i];
    else if (arg === '--from') options.from = argv[++i];
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.folder = arg;
  }
  if ((!options.folder && !options.from) || !['aeb', ...SETS].includes(options.set)) {
    throw new Error('usage: node tools/article-detection.mjs <folder> [--set aeb|readability|trafilatura|trafilatura-eval] '
      + '[--only KEY,...] [--limit N] [--no-cli] [--no-extension] [--page-scripts] [--extension DIR] [--out FILE] [--show]');
  }
  options.out ??= join(ROOT, 'test-output', options.set === 'aeb' ? 'article-detection.json' : `article-detection-${options.set}.json`);
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
  // Split only: English rules whatever the language (`auto` would refuse another one).
  const { code, stdout } = await runCli(['scan', '--input', 'text', '--format', 'json', '--lang', 'en', '-'], body);
  if (code !== 0) return [];
  return JSON.parse(stdout).sentences.map((s) => s.text);
}

/** Serves each page at /<key>.html, its bytes as saved; everything else is a 404. */
async function startPageServer(pages, { pageScripts }) {
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.match(/^\/([^/]+)\.html$/)?.[1];
    let key = null;
    try {
      key = name && decodeURIComponent(name);
    } catch {
      // not a page's name
    }
    const page = key && pages.get(key);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    // The benchmark saved every page as UTF-8 (each is valid UTF-8) but kept no header, and a
    // third of them declare no charset in their first 1024 bytes: a browser would decode
    // those as windows-1252. The site's own header said UTF-8; so does this one. A page that
    // is not UTF-8 (two of trafilatura's) gets no charset: its own <meta> says which.
    const charset = page.charset === undefined ? 'utf-8' : page.charset;
    const headers = { 'content-type': charset ? `text/html; charset=${charset}` : 'text/html', 'cache-control': 'no-store' };
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
    url: (key) => `${origin}/${encodeURIComponent(key)}.html`,
    close: () => new Promise((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    }),
  };
}

async function loadPages(folder, { only, limit, set }) {
  if (set !== 'aeb') return loadTestPages(set, folder, { only, limit });
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

// The tool's refusal of an article in a language it does not read (it names the language).
const LANGUAGE_REFUSAL = /--lang \w+ reads it anyway/;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function measureCli(pages) {
  const dir = await mkdtemp(join(tmpdir(), 'sourcelight-detection-'));
  const results = new Map();
  try {
    for (const page of pages.values()) {
      const file = join(dir, `${page.key}.html`);
      // A test page served to the browser as UTF-8 is handed to the tool as UTF-8 too (a
      // byte-order mark outranks a <meta> charset, as the server's header does in the browser):
      // three of Readability's declare a Chinese charset but were saved as UTF-8. The
      // benchmark's pages declare UTF-8 or nothing, which the tool reads as UTF-8: as they are.
      await writeFile(file, page.charset === 'utf-8' ? Buffer.concat([UTF8_BOM, page.html]) : page.html);
      const started = performance.now();
      let { code, stdout, stderr } = await runCli(['scan', '--format', 'json', file]);
      const ms = performance.now() - started;
      let language = null;
      if (code !== 0 && LANGUAGE_REFUSAL.test(stderr)) {
        // Read anyway for its extraction, which does not depend on the language.
        language = stderr.match(/ \(([\w-]+)\);/)?.[1] ?? 'und';
        ({ code, stdout, stderr } = await runCli(['scan', '--format', 'json', '--lang', 'en', file]));
      }
      if (code !== 0) {
        results.set(page.key, { refused: true, error: stderr.trim(), ms, text: '', sentences: [], language });
        continue;
      }
      const scan = JSON.parse(stdout);
      results.set(page.key, {
        refused: false, ms, text: scan.input?.text ?? '', language,
        sentences: scan.sentences.map((s) => ({ text: s.text, verdict: language ? 'none' : s.verdict })),
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
      log(`[${done}/${pages.size}] ${shortKey(page.key)} ${result.status} read ${result.sentences.length} painted ${painted}`
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
  const sentences = [];
  for (const block of state.analysis?.blocks ?? []) {
    for (const s of block.sentences) sentences.push({ text: state.texts?.[s.id] ?? '', verdict: s.verdict });
  }
  if (state.status === 'unsupported-language') {
    // What the extension read before the core refused the language: the same reading, asked
    // again of the content script (blocks, not sentences; never painted).
    const blocks = await browser.driver.evaluateInContentScript(async () => {
      const found = await globalThis.SourcelightArticle.read(document, { signal: { aborted: false } });
      return found.blocks.map((block) => block.text);
    });
    for (const text of blocks) sentences.push({ text, verdict: 'none' });
  }
  const domAfter = await browser.domFingerprint(OWN_ELEMENTS);
  return {
    status: state.status, error: state.error ?? null, language: state.language ?? null, timings: state.timings ?? null,
    method: state.stats?.method ?? null, readerable: state.stats?.readerable ?? null, longestTaskMs,
    domUnchanged: domBefore === domAfter, sentences,
  };
}

// ---------------------------------------------------------------------------------------
// Scoring

/**
 * Characters of `sentences` and how many of them lie in the body; with no body (a set that
 * gives none), only the characters and the count.
 */
function insideChars(sentences, body) {
  let chars = 0;
  let inside = 0;
  let count = 0;
  let countInside = 0;
  for (const { text } of sentences) {
    const share = shareInside(text, body ?? EMPTY);
    if (share === null) continue;
    chars += text.length;
    inside += text.length * share;
    count += 1;
    countInside += share;
  }
  return body ? { chars, inside, count, countInside } : { chars, inside: null, count, countInside: null };
}

const EMPTY = lookupText('');

function sum(list, pick) {
  return list.reduce((n, x) => n + pick(x), 0);
}

const meanOf = (values) => (values.length ? sum(values, (x) => x) / values.length : NaN);

const textOf = (sentences) => lookupText(sentences.map((s) => s.text).join(' \n '));

function showPage(page, ext, body, truthSentences, cli) {
  const readText = textOf(ext.sentences);
  const out = body ? ext.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict)).map((s) => [s, shareInside(s.text, body)])
    .filter(([, share]) => share !== null && share < 1) : [];
  const missed = truthSentences.filter((s) => (shareInside(s, readText) ?? 1) < 0.5);
  const paintedText = textOf(ext.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict)));
  const notRead = (page.expect?.must ?? []).filter((s) => (shareInside(s, readText) ?? 1) < 1);
  const painted = (page.expect?.mustNot ?? []).filter((s) => shareInside(s, paintedText) === 1);
  const read = (page.expect?.mustNot ?? []).filter((s) => shareInside(s, readText) === 1);
  const cliText = cli ? lookupText(cli.text) : EMPTY;
  const cliMissed = cli ? (page.expect?.must ?? []).filter((s) => (shareInside(s, cliText) ?? 1) < 1) : [];
  const cliKept = cli ? (page.expect?.mustNot ?? []).filter((s) => shareInside(s, cliText) === 1) : [];
  if (!out.length && !missed.length && !notRead.length && !read.length && !cliMissed.length && !cliKept.length && !cli?.refused) return;
  log(`\n== ${page.key} ${ext.status}${ext.language ? ` (${ext.language})` : ''}${page.group ? ` [${page.group}]` : ''}`);
  for (const [s, share] of out) log(`  PAINTED OUTSIDE (${share.toFixed(2)}) [${s.verdict}] ${s.text.slice(0, 200)}`);
  for (const s of missed) log(`  NOT READ ${s.slice(0, 200)}`);
  for (const s of notRead) log(`  MUST, NOT READ ${s.slice(0, 200)}`);
  for (const s of read) log(`  MUST NOT, READ${painted.includes(s) ? ' AND PAINTED' : ''} ${s.slice(0, 200)}`);
  for (const s of cliMissed) log(`  MUST, NOT IN THE CLI'S TEXT ${s.slice(0, 200)}`);
  for (const s of cliKept) log(`  MUST NOT, IN THE CLI'S TEXT ${s.slice(0, 200)}`);
  if (cli?.refused) log(`  CLI refused: ${cli.error}`);
}

async function score(pages, cli, extension, show = false) {
  const perPage = [];
  for (const page of pages.values()) {
    // A set without bodies (trafilatura's) gives only the figures that need none.
    const hasBody = typeof page.body === 'string';
    const body = hasBody ? lookupText(page.body) : null;
    const truthSentences = hasBody ? await bodySentences(page.body) : [];
    const row = { key: page.key, group: page.group ?? null, bodySentences: hasBody ? truthSentences.length : null };
    if (extension) {
      const ext = extension.results.get(page.key);
      const painted = ext.sentences.filter((s) => PAINTED_VERDICTS.has(s.verdict));
      const readText = textOf(ext.sentences);
      const read = truthSentences.map((s) => shareInside(s, readText)).filter((x) => x !== null);
      row.extension = {
        status: ext.status, error: ext.error, domUnchanged: ext.domUnchanged, collectMs: ext.timings?.collectMs ?? null,
        method: ext.method, readerable: ext.readerable, longestTaskMs: ext.longestTaskMs ?? null,
        // The language the core refused (nothing painted; what it read is still measured).
        languageRefused: ext.status === 'unsupported-language' ? (ext.language ?? 'und') : null,
        copyMs: ext.timings?.copyMs ?? null, parseMs: ext.timings?.parseMs ?? null,
        readSentences: ext.sentences.length, painted: insideChars(painted, body),
        read: hasBody ? { sentences: read.length, found: sum(read, (x) => x) } : null,
        // Whole sentences read that are not in the body at all, for the closing list of failures.
        outsideSentences: hasBody ? painted.filter((s) => shareInside(s.text, body) === 0).length : null,
      };
      if (page.expect) {
        row.extension.strings = { read: expectedStrings(page.expect, readText), painted: expectedStrings(page.expect, textOf(painted)) };
      }
    }
    if (cli) {
      const c = cli.get(page.key);
      row.cli = {
        refused: c.refused, error: c.error ?? null, ms: c.ms, languageRefused: c.language ?? null,
        shingles: hasBody ? shingleMatch(page.body, c.text, 4) : null, bag: hasBody ? shingleMatch(page.body, c.text, 1) : null,
        claims: insideChars(c.sentences.filter((s) => s.verdict !== 'none'), body),
      };
      if (page.expect) row.cli.strings = expectedStrings(page.expect, lookupText(c.text));
    }
    // Agreement only where both read the page's language (elsewhere the extension's reading is
    // blocks, the tool's sentences read by rules of another language).
    if (cli && extension && !row.extension.languageRefused && !row.cli.languageRefused) {
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

/** The expected strings' counts added up over pages, as shares: present, absent, and counts. */
function stringsOver(list) {
  const s = list.filter(Boolean);
  const must = sum(s, (x) => x.must);
  const mustNot = sum(s, (x) => x.mustNot);
  return {
    pages: s.length, must, mustNot,
    present: must ? sum(s, (x) => x.present) / must : NaN, absent: mustNot ? sum(s, (x) => x.absent) / mustNot : NaN,
  };
}

function summarise(perPage, { cli, extension }) {
  const summary = { pages: perPage.length };
  if (extension) {
    const ext = perPage.map((r) => r.extension);
    const paintedPages = ext.filter((e) => e.painted.count > 0);
    const withBody = ext.filter((e) => e.painted.inside !== null);
    const read = ext.filter((e) => e.read !== null);
    summary.extension = {
      pagesPainted: paintedPages.length,
      // Pages in a language the core reads, and those where it found an article in any.
      pagesInReadLanguage: ext.filter((e) => !e.languageRefused).length,
      articleFound: ext.filter((e) => e.status === 'ok' || e.status === 'unsupported-language').length,
      languageRefused: ext.filter((e) => e.languageRefused).reduce((m, e) => ({ ...m, [e.languageRefused]: (m[e.languageRefused] ?? 0) + 1 }), {}),
      statuses: ext.reduce((m, e) => ({ ...m, [e.status]: (m[e.status] ?? 0) + 1 }), {}),
      methods: ext.reduce((m, e) => ({ ...m, [e.method ?? 'none']: (m[e.method ?? 'none'] ?? 0) + 1 }), {}),
      notReaderable: ext.filter((e) => e.readerable === false).length,
      paintedInside: sum(withBody, (e) => e.painted.inside) / sum(withBody, (e) => e.painted.chars),
      paintedInsidePageMean: meanOf(paintedPages.filter((e) => e.painted.inside !== null).map((e) => e.painted.inside / e.painted.chars)),
      paintedSentencesInside: sum(withBody, (e) => e.painted.countInside) / sum(withBody, (e) => e.painted.count),
      sentencesReadPageMean: meanOf(read.filter((e) => e.read.sentences > 0).map((e) => e.read.found / e.read.sentences)),
      sentencesReadPooled: sum(read, (e) => e.read.found) / sum(read, (e) => e.read.sentences),
      domUnchanged: ext.filter((e) => e.domUnchanged).length,
      collectMsMedian: median(ext.map((e) => e.collectMs).filter((x) => x !== null)),
      collectMsMax: Math.max(...ext.map((e) => e.collectMs ?? 0)),
      longestTaskMsMedian: median(ext.map((e) => e.longestTaskMs).filter((x) => x !== null)),
      longestTaskMsP90: quantile(ext.map((e) => e.longestTaskMs).filter((x) => x !== null), 0.9),
      longestTaskMsMax: Math.max(...ext.map((e) => e.longestTaskMs ?? 0)),
      copyMs: spreadOf(ext.map((e) => e.copyMs)),
      parseMs: spreadOf(ext.map((e) => e.parseMs)),
    };
    if (ext.some((e) => e.strings)) {
      summary.extension.strings = {
        read: stringsOver(ext.map((e) => e.strings?.read)),
        // Painted: only where the core reads the language (elsewhere nothing is painted).
        painted: stringsOver(ext.filter((e) => !e.languageRefused).map((e) => e.strings?.painted)),
      };
    }
  }
  if (cli) {
    const c = perPage.map((r) => r.cli);
    const withBody = c.filter((x) => x.shingles !== null);
    const claims = c.filter((x) => x.claims.inside !== null);
    summary.cli = {
      refused: c.filter((x) => x.refused).length,
      languageRefused: c.filter((x) => x.languageRefused).length,
      shingles: scoreOverPages(withBody.map((x) => x.shingles)),
      bag: scoreOverPages(withBody.map((x) => x.bag)),
      claims: sum(c, (x) => x.claims.count),
      claimsInside: sum(claims, (x) => x.claims.countInside) / sum(claims, (x) => x.claims.count),
      claimCharsInside: sum(claims, (x) => x.claims.inside) / sum(claims, (x) => x.claims.chars),
      msMedian: median(c.map((x) => x.ms)),
    };
    if (c.some((x) => x.strings)) summary.cli.strings = stringsOver(c.map((x) => x.strings));
  }
  if (cli && extension) {
    summary.agreement = meanOf(perPage.map((r) => r.agreement).filter((x) => x !== null && x !== undefined));
    summary.claimAgreement = meanOf(perPage.map((r) => r.claimAgreement).filter((x) => x !== null && x !== undefined));
  }
  return summary;
}

/**
 * The same figures for parts of the set: each group of pages the set names (Readability's
 * news, other real pages, made-up ones), and the pages in a language the core reads or not.
 */
function summariseParts(perPage, options) {
  const parts = {};
  const refused = (r) => r.extension?.languageRefused ?? r.cli?.languageRefused;
  for (const group of [...new Set(perPage.map((r) => r.group).filter(Boolean))].sort()) {
    const rows = perPage.filter((r) => r.group === group);
    parts[group] = summarise(rows, options);
    if (rows.some(refused) && !rows.every(refused)) parts[`${group}, language read`] = summarise(rows.filter((r) => !refused(r)), options);
  }
  if (perPage.some(refused)) {
    parts['language read'] = summarise(perPage.filter((r) => !refused(r)), options);
    parts['language refused'] = summarise(perPage.filter(refused), options);
  }
  return parts;
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

/** A page's key as printed: a benchmark key's first 12 hex digits, a test page's name. */
const shortKey = (key) => (/^[0-9a-f]{24,}$/.test(key) ? key.slice(0, 12) : key.slice(0, 40));

const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

function stringsLine(s) {
  return `must ${f3(s.present)} present (${s.must} strings), must not ${f3(s.absent)} absent (${s.mustNot} strings), ${s.pages} pages`;
}

function printSummary(summary, perPage) {
  const lines = [`pages: ${summary.pages}`];
  if (summary.extension) {
    const e = summary.extension;
    lines.push(
      '', 'extension (Chromium):',
      `  pages painted                     ${e.pagesPainted} of ${summary.pages} (${(100 * e.pagesPainted / summary.pages).toFixed(1)} %)   target >= 97 %`,
      `  language                          ${e.pagesInReadLanguage} pages in a language the core reads; refused: ${JSON.stringify(e.languageRefused)}; article found in ${e.articleFound}`,
      `  statuses                          ${JSON.stringify(e.statuses)}; found by ${JSON.stringify(e.methods)}; not readerable ${e.notReaderable}`,
      `  painted text inside the article   ${f3(e.paintedInside)} of characters (page mean ${f3(e.paintedInsidePageMean)}; sentences ${f3(e.paintedSentencesInside)})   target >= 0.97`,
      `  article's sentences read          ${f3(e.sentencesReadPageMean)} page mean (pooled ${f3(e.sentencesReadPooled)})   target >= 0.85`,
      `  DOM unchanged                     ${e.domUnchanged} of ${summary.pages}`,
      `  reading time (collectMs)          median ${e.collectMsMedian?.toFixed(1)} ms, max ${e.collectMsMax.toFixed(0)} ms`,
      `  Readability's two tasks           copy median ${e.copyMs.median?.toFixed(1)} ms, p90 ${e.copyMs.p90?.toFixed(1)}, max ${e.copyMs.max?.toFixed(0)}; `
        + `parse median ${e.parseMs.median?.toFixed(1)} ms, p90 ${e.parseMs.p90?.toFixed(1)}, max ${e.parseMs.max?.toFixed(0)} (${e.parseMs.count} pages)`,
      `  longest main-thread task          median ${e.longestTaskMsMedian?.toFixed(1)} ms, p90 ${e.longestTaskMsP90?.toFixed(1)} ms, max ${e.longestTaskMsMax.toFixed(0)} ms (activation to painted, page's own tasks included)`,
    );
    if (e.strings) {
      lines.push(
        `  expected strings, in what it read ${stringsLine(e.strings.read)}`,
        `  expected strings, painted         ${stringsLine(e.strings.painted)} (pages in a language the core reads)`,
      );
    }
    const unpainted = perPage.filter((r) => r.extension.painted.count === 0);
    if (unpainted.length) lines.push(`  not painted: ${unpainted.map((r) => `${shortKey(r.key)} (${r.extension.status}${r.extension.languageRefused ? ` ${r.extension.languageRefused}` : ''})`).join(', ')}`);
    const worst = perPage.filter((r) => r.extension.painted.chars > 0 && r.extension.painted.inside !== null)
      .map((r) => ({ key: r.key, share: r.extension.painted.inside / r.extension.painted.chars, out: r.extension.painted.chars - r.extension.painted.inside }))
      .sort((a, b) => b.out - a.out).slice(0, 12);
    if (worst.length) lines.push(`  most painted text outside: ${worst.map((w) => `${shortKey(w.key)} ${w.out.toFixed(0)} chars (${f3(w.share)})`).join(', ')}`);
    const leastRead = perPage.filter((r) => r.extension.read?.sentences > 0)
      .map((r) => ({ key: r.key, share: r.extension.read.found / r.extension.read.sentences }))
      .sort((a, b) => a.share - b.share).slice(0, 12);
    if (leastRead.length) lines.push(`  least read: ${leastRead.map((w) => `${shortKey(w.key)} ${f3(w.share)}`).join(', ')}`);
  }
  if (summary.cli) {
    const c = summary.cli;
    lines.push(
      '', 'command-line tool (scan --format json):',
      `  refused                           ${c.refused} of ${summary.pages}; refused for the language ${c.languageRefused} (read again with --lang en for the extraction)`,
      `  4-word shingles P / R / F1        ${f3(c.shingles.precision)} / ${f3(c.shingles.recall)} / ${f3(c.shingles.f1)}`,
      `  bag of words P / R / F1           ${f3(c.bag.precision)} / ${f3(c.bag.recall)} / ${f3(c.bag.f1)}`,
      `  claims inside the article         ${f3(c.claimsInside)} of ${c.claims} claims (${f3(c.claimCharsInside)} of their characters)`,
      `  time per page                     median ${c.msMedian.toFixed(0)} ms`,
    );
    if (c.strings) lines.push(`  expected strings in its text      ${stringsLine(c.strings)}`);
    const refused = perPage.filter((r) => r.cli.refused);
    if (refused.length) lines.push(`  refused: ${refused.map((r) => `${shortKey(r.key)} (${r.cli.error})`).join('; ')}`);
  }
  if (summary.agreement !== undefined) {
    lines.push('', `agreement CLI / extension on the article's sentences: ${f3(summary.agreement)} (claims: ${f3(summary.claimAgreement)}), page mean`);
  }
  if (summary.parts && Object.keys(summary.parts).length) {
    lines.push('', 'by part: pages; painted; inside (chars); read (page mean); CLI shingles P/R; CLI claims inside; strings must present / must not absent (read; painted; CLI)');
    for (const [name, part] of Object.entries(summary.parts)) {
      const e = part.extension;
      const c = part.cli;
      const cells = [`${part.pages}`];
      if (e) cells.push(`${e.pagesPainted} painted`, f3(e.paintedInside), f3(e.sentencesReadPageMean));
      if (c) cells.push(`${f3(c.shingles.precision)}/${f3(c.shingles.recall)}`, f3(c.claimsInside));
      if (e?.strings || c?.strings) {
        const pair = (s) => (s ? `${f3(s.present)}/${f3(s.absent)}` : 'n/a');
        cells.push(`${pair(e?.strings?.read)}; ${pair(e?.strings?.painted)}; ${pair(c?.strings)}`);
      }
      lines.push(`  ${name.padEnd(28)} ${cells.join('  ')}`);
    }
  }
  console.log(lines.join('\n'));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.from) {
    // The figures of an earlier run again (its per-page file), without a browser: to print
    // them or their parts after the summary changed.
    const { summary: before, perPage } = JSON.parse(await readFile(options.from, 'utf8'));
    const parts = { cli: perPage.every((r) => r.cli), extension: perPage.every((r) => r.extension) };
    const summary = { ...summarise(perPage, parts), set: before.set, parts: summariseParts(perPage, parts) };
    printSummary(summary, perPage);
    return;
  }
  const pages = await loadPages(resolve(options.folder), options);
  if (!pages.size) throw new Error(`no pages found in ${options.folder}`);
  log(`${pages.size} pages`);
  const cli = options.cli ? await measureCli(pages) : null;
  const extension = options.extension ? await measureExtension(pages, options) : null;
  const perPage = await score(pages, cli, extension, options.show);
  const summary = summarise(perPage, options);
  summary.set = options.set;
  summary.parts = summariseParts(perPage, options);
  if (extension) summary.extension.refusedRequests = extension.refusedRequests;
  summary.pageScripts = options.pageScripts;
  await mkdir(dirname(options.out), { recursive: true });
  // Keys and figures only: no text of the pages leaves their folder.
  await writeFile(options.out, JSON.stringify({ summary, perPage }, null, 1));
  printSummary(summary, perPage);
  log(`per-page figures: ${options.out}`);
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
});
