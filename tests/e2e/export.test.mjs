// The report leaves the browser (issue 16), in both browsers: the popup copies the page's
// sourcing report as JSON and as Markdown, and saves both, and what was copied and saved is
// read back from the clipboard and the downloads folder: the JSON in the command-line
// tool's shape (its offsets slice its own text, byte for byte), agreeing sentence for
// sentence with the extension's analysis; the Markdown saying the same for people.
//
// The popup is opened as a tab (`popup.html?tab=ID`, as for debugging) so that its buttons
// get real clicks in both browsers: Firefox lets a page write to the clipboard only in a
// reader's gesture, and a toolbar popup takes no real input over WebDriver BiDi.
//
// Run: node --test --test-concurrency=1 tests/e2e/export.test.mjs   (after ./build.sh)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, launch, waitFor } from './harness/browsers.mjs';
import { loadExpected } from './harness/expected.mjs';
import { startServer } from './harness/server.mjs';

const PAGE = 'captions-credits';
const clean = (text) => text.replace(/\s+/g, ' ').trim();

/** Every sentence of the extension's analysis, in reading order, with its text. */
function sentencesOf(state) {
  return state.analysis.blocks.flatMap((b) => b.sentences.map((s) => ({ ...s, text: state.texts[s.id] })));
}

/** The bytes `[start, end)` of a UTF-8 text, as a string. */
function bytes(text, start, end) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

for (const browserName of BROWSERS) {
  describe(`exporting the report in ${browserName}`, () => {
    let server;
    let browser;
    let popup;
    let state;

    before(async () => {
      server = await startServer();
      browser = await launch(browserName);
      await browser.open(server.pageUrl(`${PAGE}.html`));
      state = await browser.activate({ via: 'message' });
      assert.equal(state.status, 'ok');
      const tabId = await browser.readerTabId();
      popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
      await waitFor(() => popup.evaluate(() => Boolean(document.getElementById('copy-json'))), { timeoutMs: 20_000, what: () => 'the export buttons' });
    });

    after(async () => {
      await popup?.close();
      await browser?.close();
      await server?.close();
    });

    /** Clicks an export button (a real click) and waits for the popup to say it is done. */
    async function exportBy(button, note) {
      await popup.evaluate(() => { document.getElementById('export-note').textContent = ''; });
      await popup.click(`#${button}`);
      const said = await waitFor(() => popup.evaluate(() => document.getElementById('export-note').textContent || null), { what: () => `the popup's word after ${button}` });
      assert.equal(said, note);
    }

    /** The file the browser saved, by its extension, once it is whole. */
    function saved(extension) {
      return waitFor(() => {
        const name = existsSync(browser.downloadsDir) && readdirSync(browser.downloadsDir).find((f) => f.endsWith(`.${extension}`));
        if (!name) return null;
        const text = readFileSync(join(browser.downloadsDir, name), 'utf8');
        return text.endsWith('\n') ? { name, text } : null;
      }, { what: () => `a saved .${extension} file in ${browser.downloadsDir}` });
    }

    test('copied as JSON: the command-line tool\'s fields, agreeing with the analysis', async () => {
      await exportBy('copy-json', 'Copied to the clipboard.');
      const report = JSON.parse(await browser.readClipboard());
      const sentences = sentencesOf(state);
      assert.equal(report.lang, state.analysis.lang);
      assert.equal(report.url, server.pageUrl(`${PAGE}.html`));
      assert.equal(report.input.format, 'html');
      assert.equal(report.input.title, 'Tidal power scheme approved for the Sennet estuary');
      assert.ok(Math.abs(Date.parse(report.date) - Date.now()) < 10 * 60_000, `date ${report.date}`);
      assert.deepEqual(report.summary, state.analysis.profile.summary);
      assert.deepEqual(report.sources, state.analysis.profile.sources.map(({ name, kind, sentences: ids }) => ({ name, kind, sentences: ids.length })));
      assert.equal(report.sentences.length, sentences.length);
      report.sentences.forEach((sentence, i) => {
        assert.deepEqual(Object.keys(sentence), ['start', 'end', 'paragraph', 'text', 'verdict', 'hedged', 'quote', 'source', 'cue', 'reason']);
        assert.equal(sentence.text, sentences[i].text);
        assert.equal(sentence.verdict, sentences[i].verdict);
        assert.equal(bytes(report.input.text, sentence.start, sentence.end), sentence.text, 'offsets are UTF-8 bytes into input.text');
        for (const part of [sentence.source, sentence.cue].filter(Boolean)) {
          assert.equal(bytes(report.input.text, part.start, part.end), part.text);
        }
      });
      const flagged = report.sentences.filter((s) => s.verdict !== 'none');
      assert.ok(flagged.some((s) => s.source?.name && s.cue?.text), 'flagged sentences carry their source and cue');
      for (const text of loadExpected(PAGE).furniture) assert.ok(!report.input.text.includes(text), `furniture in the report: ${text}`);
    });

    test('copied as Markdown: the title, address, profile and every flagged sentence', async () => {
      await exportBy('copy-markdown', 'Copied to the clipboard.');
      const markdown = await browser.readClipboard();
      assert.ok(markdown.startsWith('# Sourcing report: Tidal power scheme approved for the Sennet estuary\n'), markdown.slice(0, 200));
      assert.ok(markdown.includes(`<${server.pageUrl(`${PAGE}.html`)}>`));
      assert.ok(markdown.includes('## How this article is sourced'));
      const flagged = sentencesOf(state).filter((s) => s.verdict !== 'none');
      for (const sentence of flagged) {
        const line = markdown.split('\n').find((l) => l.includes(clean(sentence.text)));
        assert.ok(line, `flagged sentence missing: ${sentence.text}`);
        const label = { named: 'Named', anonymous: 'Anonymous', unattributed: 'Unattributed' }[sentence.verdict];
        assert.ok(line.includes(`**${label}**`), line);
      }
      assert.ok(markdown.includes('   - Source: '), 'sources are given');
      assert.ok(markdown.includes('   - Cue: '), 'cues are given');
    });

    test('saved as JSON and as Markdown: the same reports, in the downloads folder', async () => {
      rmSync(browser.downloadsDir, { recursive: true, force: true });
      await exportBy('copy-json', 'Copied to the clipboard.');
      const copied = JSON.parse(await browser.readClipboard());
      await exportBy('save-json', 'Saved to your downloads.');
      const json = await saved('json');
      assert.match(json.name, /^sourcelight-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.json$/);
      const savedReport = JSON.parse(json.text);
      assert.deepEqual({ ...savedReport, date: null }, { ...copied, date: null });

      await exportBy('save-markdown', 'Saved to your downloads.');
      const markdown = await saved('md');
      assert.ok(markdown.text.startsWith('# Sourcing report: Tidal power scheme approved for the Sennet estuary\n'));
    });
  });
}
