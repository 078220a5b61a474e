// How tools/article-detection.mjs reads other extractors' test pages (tools/detection-testpages.mjs):
// Readability's expected.html as text, trafilatura's realworld_tests.py as expected strings,
// and how a reading meets those strings. Every text here is made up for the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedStrings, lookupText, words } from '../../tools/detection-metrics.mjs';
import { htmlToText, loadTestPages, parseRealworldTests, pythonString } from '../../tools/detection-testpages.mjs';

test('expected.html becomes text: a line per block, inline tags joined, references decoded', () => {
  const html = '<div id="readability-page-1" class="page"><div><h2>Plans</h2><p>The <em>council</em> met&#160;on '
    + 'Tuesday.<br>It&#x2019;s &amp; it&rsquo;s <a href="x">over</a>.</p><!-- <p>hidden</p> -->'
    + '<figure><img src="a.jpg"><figcaption>A bridge</figcaption></figure><script>var x = "<p>no</p>";</script>'
    + '<ul><li>one</li><li>two &unknown; three</li></ul></div></div>';
  assert.equal(htmlToText(html), 'Plans\nThe council met on Tuesday.\nIt\u2019s & it\u2019s over.\nA bridge\none\ntwo &unknown; three');
  // Words across an inline tag stay one word; across a block they do not.
  assert.deepEqual(words(htmlToText('<p>un<b>believ</b>able</p><p>next</p>')), ['unbelievable', 'next']);
});

test('Python string literals are read with their escapes', () => {
  assert.equal(pythonString('"a \\"b\\" c"'), 'a "b" c');
  assert.equal(pythonString("'it\\'s\\n\\u00e9\\x41'"), "it's\n\u00e9A");
  assert.throws(() => pythonString('"open'));
});

const REALWORLD = `
import functools

MOCK_PAGES = {
    "https://example.org/a": "example.org.a.html",
    "https://example.org/b": "example.org.b.html",
    "https://example.org/c": "example.org.c.html",
}
# '': '', \\


def load_mock_page(url, xml_flag=False, formatting=False):
    pass


@pytest.mark.parametrize("xmloutput,formatting", [(True, False), (False, False), (False, True)])
def test_extract(xmloutput, formatting):
    """test extraction from HTML"""
    do_load_page = functools.partial(load_mock_page, xml_flag=xmloutput, formatting=formatting)

    result = do_load_page("https://example.org/a")
    assert "First words" in result
    assert "Imprint" not in result  # and 'Other' not in result
    # print(result)

    result = do_load_page(
        "https://example.org/b"
    )
    if xmloutput is False:
        assert "only in text" in result
    assert "Always" in result
    if not formatting:
        assert "plain" in result
    else:
        assert "**bold**" in result
    assert "a string alone"


def test_other():
    result = load_mock_page("https://example.org/c", formatting=True)
    assert "not read" in result
`;

test('realworld_tests.py: the pages, and what test_extract asserts in the chosen mode', () => {
  const { files, expectations } = parseRealworldTests(REALWORLD);
  assert.equal(files.size, 3);
  assert.equal(files.get('https://example.org/b'), 'example.org.b.html');
  assert.deepEqual(expectations.get('https://example.org/a'), { must: ['First words'], mustNot: ['Imprint'] });
  assert.deepEqual(expectations.get('https://example.org/b'), { must: ['only in text', 'Always', 'plain'], mustNot: [] });
  // Only test_extract is read: the page of another test has no expectations.
  assert.equal(expectations.has('https://example.org/c'), false);
  const formatted = parseRealworldTests(REALWORLD, { xmloutput: true, formatting: true });
  assert.deepEqual(formatted.expectations.get('https://example.org/b').must, ['Always', '**bold**']);
});

test('realworld_tests.py: a line it does not understand is an error, not skipped', () => {
  assert.throws(() => parseRealworldTests(REALWORLD.replace('    assert "Always" in result', '    assert len(result) > 10')), /line not read/);
  assert.throws(() => parseRealworldTests(REALWORLD.replace('if not formatting:', 'if links:')), /condition/);
});

test('expected strings: present when their words are a run of the text, absent otherwise', () => {
  const text = lookupText('Die Stadt plant eine neue Brücke. "Wir bauen 2025", sagte der Bürgermeister.');
  const got = expectedStrings({
    must: ['eine neue Brücke.', 'Wir bauen 2025, sagte', 'Brücke wird teurer', '…'],
    mustNot: ['Impressum', 'neue Brücke', 'sagte der'],
  }, text);
  // The string of punctuation alone counts for nothing.
  assert.deepEqual(got, { must: 3, present: 2, mustNot: 3, absent: 1 });
  assert.deepEqual(expectedStrings({}, text), { must: 0, present: 0, mustNot: 0, absent: 0 });
});

test('the sets are read from their folders: pages, bodies, groups, charsets, expectations', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sourcelight-testpages-'));
  try {
    const pages = join(dir, 'test', 'test-pages');
    for (const [name, expected] of [['bbc-1', '<p>A story.</p>'], ['rtl-1', '<p>Lorem.</p>'], ['somewhere', '<p>Docs.</p>']]) {
      await mkdir(join(pages, name), { recursive: true });
      await writeFile(join(pages, name, 'source.html'), `<p>${name}</p>`);
      await writeFile(join(pages, name, 'expected.html'), expected);
    }
    await mkdir(join(pages, 'no-expectation'));
    await writeFile(join(pages, 'no-expectation', 'source.html'), '<p>x</p>');
    const readability = await loadTestPages('readability', dir);
    assert.deepEqual([...readability.keys()], ['bbc-1', 'rtl-1', 'somewhere']);
    assert.deepEqual([...readability.values()].map((p) => p.group), ['news', 'made-up', 'other']);
    assert.equal(readability.get('bbc-1').body, 'A story.');
    assert.equal((await loadTestPages('readability', pages, { only: new Set(['rtl-1']) })).size, 1);

    const tests = join(dir, 'tests');
    await mkdir(join(tests, 'cache'), { recursive: true });
    await writeFile(join(tests, 'realworld_tests.py'), REALWORLD);
    await writeFile(join(tests, 'cache', 'example.org.a.html'), '<p>First words</p>');
    await writeFile(join(tests, 'cache', 'example.org.b.html'), Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]));
    await writeFile(join(tests, 'cache', 'example.org.c.html'), '<p>c</p>');
    const trafilatura = await loadTestPages('trafilatura', dir);
    assert.equal(trafilatura.size, 3);
    assert.equal(trafilatura.get('example.org.a').body, null);
    assert.deepEqual(trafilatura.get('example.org.a').expect, { must: ['First words'], mustNot: ['Imprint'] });
    // Latin-1 bytes are no UTF-8: served without a charset, for the page's own to say.
    assert.equal(trafilatura.get('example.org.b').charset, null);
    assert.equal(trafilatura.get('example.org.a').charset, 'utf-8');
    assert.equal(trafilatura.get('example.org.c').expect, null);

    await writeFile(join(tests, 'evaldata.json'), JSON.stringify({
      'https://example.org/a': { file: 'example.org.a.html', with: ['First'], without: ['Menu'] },
    }));
    const evaluation = await loadTestPages('trafilatura-eval', dir);
    assert.deepEqual(evaluation.get('example.org.a').expect, { must: ['First'], mustNot: ['Menu'] });
    await assert.rejects(loadTestPages('other', dir), /unknown set/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
