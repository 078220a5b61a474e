// The test pages of two other extractors, read as tools/article-detection.mjs measures pages:
// each page's HTML, and what the extraction of it should hold. They check the article
// detection on pages it was never tuned on (the project's brief keeps them for that).
//
// - `--set readability`: Mozilla Readability's `test/test-pages/<name>/` (give the folder of a
//   copy of the repository, or its test/test-pages). `source.html` is the page;
//   `expected.html` is Readability's own extraction of it, written by its maintainers' tool
//   and checked by them: the "article body" here. It is not a hand-made body like the
//   benchmark's: it keeps captions, subheadings, lists and tables, and it is what Readability,
//   which the extension runs, finds, so it measures the prose filter and the mapping back to
//   the page more than the choice of the article. The set holds three kinds of page (GROUPS).
// - `--set trafilatura`: trafilatura's `tests/cache/` pages, with the strings that
//   `tests/realworld_tests.py` asserts must or must not be in the extraction (its plain-text
//   mode: `xmloutput` and `formatting` false). There is no article body: only the strings.
// - `--set trafilatura-eval`: trafilatura's evaluation set, `tests/evaldata.json` (a page's
//   file in tests/cache or tests/eval, the strings it must be `with` and be `without`).
//
// These pages are other people's work: they are read from their folder and nothing of them
// is kept in this repository (the names of Readability's tests below are its directories'
// names, to group them).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Readability's test pages by kind, decided once by looking at each (the rest, "other", are
// real pages that are not news: blogs, docs, wikis, fiction, product and how-to pages).
// Made up: written for one feature of Readability's (lorem ipsum, a few paragraphs).
const READABILITY_MADE_UP = new Set([
  '003-metadata-preferred', '004-metadata-space-separated-properties', '005-unescape-html-entities', 'base-url',
  'base-url-base-element', 'base-url-base-element-relative', 'basic-tags-cleaning', 'comment-inside-script-parsing',
  'data-url-image', 'dev418', 'embedded-videos', 'hidden-nodes', 'invalid-attributes', 'js-link-replacement',
  'lazy-image-3', 'metadata-content-missing', 'missing-paragraphs', 'normalize-spaces', 'ol', 'parsely-metadata',
  'remove-aria-hidden', 'remove-extra-brs', 'remove-extra-paragraphs', 'remove-script-tags', 'reordering-paragraphs',
  'replace-brs', 'replace-font-tags', 'rtl-1', 'rtl-2', 'rtl-3', 'rtl-4', 'social-buttons', 'style-tags-removal',
  'svg-parsing', 'title-and-h1-discrepancy', 'title-en-dash', 'visibility-hidden',
]);
// News: an article of a news site or a news magazine.
const READABILITY_NEWS = new Set([
  'aktualne', 'ars-1', 'article-author-tag', 'bbc-1', 'breitbart', 'bug-1255978', 'buzzfeed-1', 'citylab-1', 'cnet',
  'cnet-svg-classes', 'cnn', 'engadget', 'folha', 'gmw', 'guardian-1', 'heise', 'herald-sun-1', 'la-nacion',
  'lazy-image-2', 'lemonde-1', 'liberation-1', 'lwn-1', 'medicalnewstoday', 'msn', 'nytimes-1', 'nytimes-2',
  'nytimes-3', 'nytimes-4', 'nytimes-5', 'qq', 'quanta-1', 'salon-1', 'schema-org-context-object', 'seattletimes-1',
  'spiceworks', 'telegraph', 'theverge', 'tmz-1', 'videos-1', 'videos-2', 'wapo-1', 'wapo-2', 'webmd-1', 'wikia',
  'yahoo-1', 'yahoo-2', 'yahoo-3', 'yahoo-4', 'youth',
]);

export const SETS = ['readability', 'trafilatura', 'trafilatura-eval'];

/**
 * The pages of a test set: a Map of key to `{key, html: Buffer, body: string|null,
 * charset: 'utf-8'|null, group: string|null, expect: {must: string[], mustNot: string[]}|null}`.
 * `charset` null: the page is not UTF-8, and is served without a charset (its own <meta> says).
 */
export async function loadTestPages(set, folder, { only = null, limit = Infinity } = {}) {
  const keep = (key, pages) => (!only || only.has(key)) && pages.size < limit;
  if (set === 'readability') return loadReadability(folder, keep);
  if (set === 'trafilatura') return loadTrafilatura(folder, keep);
  if (set === 'trafilatura-eval') return loadTrafilaturaEval(folder, keep);
  throw new Error(`unknown set ${set}: use ${SETS.join(', ')}`);
}

async function isDir(path) {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** `folder`, or the folder under it that holds what a set needs. */
async function under(folder, inner) {
  return (await isDir(join(folder, inner))) ? join(folder, inner) : folder;
}

async function loadReadability(folder, keep) {
  const root = await under(folder, join('test', 'test-pages'));
  const pages = new Map();
  for (const name of (await readdir(root)).sort()) {
    if (!keep(name, pages)) continue;
    const dir = join(root, name);
    const html = await readFile(join(dir, 'source.html')).catch(() => null);
    const expected = await readFile(join(dir, 'expected.html'), 'utf8').catch(() => null);
    if (!html || expected === null) continue;
    const group = READABILITY_MADE_UP.has(name) ? 'made-up' : READABILITY_NEWS.has(name) ? 'news' : 'other';
    // Readability's tests read every page as UTF-8 (three declare a Chinese charset but were saved
    // as UTF-8): the server says so, as for the benchmark.
    pages.set(name, { key: name, html, body: htmlToText(expected), charset: 'utf-8', group, expect: null });
  }
  return pages;
}

async function loadTrafilatura(folder, keep) {
  const tests = await under(folder, 'tests');
  const { files, expectations } = parseRealworldTests(await readFile(join(tests, 'realworld_tests.py'), 'utf8'));
  const pages = new Map();
  for (const [url, file] of files) {
    const key = file.replace(/\.html$/, '');
    if (pages.has(key) || !keep(key, pages)) continue;
    const html = await readFile(join(tests, 'cache', file));
    pages.set(key, { key, html, body: null, charset: charsetOf(html), group: null, expect: expectations.get(url) ?? null });
  }
  return pages;
}

async function loadTrafilaturaEval(folder, keep) {
  const tests = await under(folder, 'tests');
  const data = JSON.parse(await readFile(join(tests, 'evaldata.json'), 'utf8'));
  const pages = new Map();
  for (const entry of Object.values(data)) {
    const key = entry.file.replace(/\.html?$/, '');
    if (pages.has(key) || !keep(key, pages)) continue;
    const html = await readFile(join(tests, 'cache', entry.file)).catch(() => readFile(join(tests, 'eval', entry.file)).catch(() => null));
    if (!html) continue;
    const expect = { must: entry.with ?? [], mustNot: entry.without ?? [] };
    pages.set(key, { key, html, body: null, charset: charsetOf(html), group: null, expect });
  }
  return pages;
}

/** 'utf-8' for bytes that are valid UTF-8, else null. */
function charsetOf(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Readability's expected.html as text

// Elements that end a line of text; any other tag is inline and joins what is either side.
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'video', 'iframe', 'picture', 'math',
]);
const NAMED_ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '\u2014', ndash: '\u2013',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', hellip: '\u2026', copy: '\u00a9',
};

/** A character reference's text (`&amp;`, `&#160;`, `&#x2019;`); unknown ones are kept. */
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The text of an HTML fragment such as Readability's expected.html: comments, scripts and
 * styles dropped, a line break at each block element, character references decoded. The
 * measures compare words only, so this is all the rendering they need.
 */
export function htmlToText(html) {
  const text = String(html)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (tag, name) => (BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : ''));
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------
// trafilatura's tests/realworld_tests.py

/**
 * A Python string literal's value (single or double quotes, the usual escapes).
 * @param {string} literal
 */
export function pythonString(literal) {
  const quote = literal[0];
  if ((quote !== '"' && quote !== "'") || literal.at(-1) !== quote || literal.length < 2) {
    throw new Error(`not a Python string literal: ${literal}`);
  }
  const escapes = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', 0: '\0' };
  return literal.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (whole, esc) => {
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return escapes[esc] ?? whole;
  });
}

const STRING = String.raw`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`;
const ASSERT_IN = new RegExp(String.raw`^assert ${STRING} (not )?in result\s*(#.*)?$`);
const LOAD_ONE_LINE = new RegExp(String.raw`^result = do_load_page\(${STRING}\)$`);
const LONE_STRING = new RegExp(String.raw`^${STRING}$`);

/** The value of one of test_extract's conditions for the given flags. */
function condition(expr, flags) {
  let m = expr.match(/^(\w+) is (True|False)$/);
  if (m && m[1] in flags) return flags[m[1]] === (m[2] === 'True');
  m = expr.match(/^not (\w+)$/);
  if (m && m[1] in flags) return !flags[m[1]];
  if (expr in flags) return Boolean(flags[expr]);
  throw new Error(`realworld_tests.py: a condition this reader does not know: ${expr}`);
}

/**
 * The pages of trafilatura's realworld_tests.py and what test_extract asserts of each in
 * the given mode: `{files: Map<url, file>, expectations: Map<url, {must, mustNot}>}`.
 * Only the shapes of line that test_extract uses are understood; any other line in it is an
 * error, so that a changed test is not silently half read. An `assert "..."` that tests no
 * result (always true in Python) is not an expectation.
 */
export function parseRealworldTests(source, flags = { xmloutput: false, formatting: false }) {
  const files = new Map();
  const mock = source.match(/^MOCK_PAGES = \{\n([\s\S]*?)^\}/m);
  if (!mock) throw new Error('realworld_tests.py: no MOCK_PAGES');
  for (const line of mock[1].split('\n')) {
    const m = line.trim().match(new RegExp(String.raw`^${STRING}:\s*${STRING},?$`));
    if (m) files.set(pythonString(m[1]), pythonString(m[2]));
    else if (line.trim() && !line.trim().startsWith('#')) throw new Error(`realworld_tests.py: MOCK_PAGES line not read: ${line}`);
  }
  const body = source.match(/^def test_extract\(.*\n([\s\S]*?)(?=^\S)/m);
  if (!body) throw new Error('realworld_tests.py: no test_extract');
  const expectations = new Map();
  const stack = []; // open if/else blocks: {indent, active}
  const lastIf = new Map(); // indent -> value of the last `if` there, for its `else`
  let url = null;
  let openCall = false;
  let inDocstring = false;
  for (const raw of body[1].split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (inDocstring || line.startsWith('"""')) {
      const closes = line.length > 3 && line.endsWith('"""');
      inDocstring = inDocstring ? !line.endsWith('"""') : !closes;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    while (stack.length && stack.at(-1).indent >= indent) stack.pop();
    const active = stack.every((s) => s.active);
    let m;
    if (openCall) {
      if ((m = line.match(LONE_STRING))) url = pythonString(m[1]);
      else if (line === ')') openCall = false;
      else throw new Error(`realworld_tests.py: line not read: ${line}`);
    } else if ((m = line.match(LOAD_ONE_LINE))) {
      url = pythonString(m[1]);
    } else if (line === 'result = do_load_page(') {
      openCall = true;
    } else if ((m = line.match(/^if (.+):$/))) {
      const value = condition(m[1], flags);
      lastIf.set(indent, value);
      stack.push({ indent, active: value });
    } else if (line === 'else:') {
      if (!lastIf.has(indent)) throw new Error('realworld_tests.py: else without if');
      stack.push({ indent, active: !lastIf.get(indent) });
    } else if ((m = line.match(ASSERT_IN))) {
      if (!active) continue;
      if (!url || !files.has(url)) throw new Error(`realworld_tests.py: an assertion on an unknown page: ${url}`);
      if (!expectations.has(url)) expectations.set(url, { must: [], mustNot: [] });
      expectations.get(url)[m[2] ? 'mustNot' : 'must'].push(pythonString(m[1]));
    } else if (new RegExp(String.raw`^assert ${STRING}$`).test(line) || line.startsWith('print(')
      || line.startsWith('do_load_page = functools.partial(')) {
      // An assertion of a string alone (always true), a print, the loader's definition.
    } else {
      throw new Error(`realworld_tests.py: line not read: ${line}`);
    }
  }
  return { files, expectations };
}
