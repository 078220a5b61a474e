// report.js: the page's sourcing report as the reader takes it away from the browser, in
// JSON and in Markdown (the popup copies or saves it; popup.js).
//
// The JSON is the command-line tool's (`sourcelight scan --format json`, docs/design.md),
// field for field, so that a report made in the browser and one made by the tool on the
// same page can be compared by the same scripts: `lang`, `input` ({format, title, text}),
// `sentences` (every sentence: start, end, paragraph, text, verdict, hedged, quote,
// source {text, start, end, kind, name}, cue {text, start, end}, reason), `sources` and
// `anonymous_phrases` ({name, kind, sentences: how many}), `summary`. As in the tool,
// `input.text` is the article's blocks joined by blank lines and every offset is a UTF-8
// byte offset into it, end exclusive. Beside them, what only the browser knows: `url`,
// `date` (when the report was made), `published` (the date the page gives, if any),
// `generator`.
//
// The Markdown says the same for people, in the reader's language: the title, address and
// date, the profile, and every flagged sentence (named, anonymous or unattributed) with its
// verdict, source, cue and reason. Text from the page is escaped, so a sentence holding
// `*`, `_`, `[` or `<` is shown as written, never as formatting or a link.
//
// Classic script: adds the one global `SOURCELIGHT_REPORT`; pure (no DOM, no browser API),
// so node tests load it too (tests/js/report.test.mjs).

globalThis.SOURCELIGHT_REPORT = (() => {
  'use strict';

  const FLAGGED = ['named', 'anonymous', 'unattributed'];
  const VERDICT_KEY = { named: 'Named', anonymous: 'Anonymous', unattributed: 'Unattributed', none: 'None' };
  const KIND_KEY = {
    person: 'kindPerson', organisation: 'kindOrganisation', outlet: 'kindOutlet', document: 'kindDocument',
    anonymous: 'kindAnonymous', vague_group: 'kindVagueGroup', unnamed_document: 'kindUnnamedDocument',
  };
  const BLOCK_SEPARATOR = '\n\n';
  const encoder = new TextEncoder();

  /** UTF-8 length of a string. */
  function utf8Length(text) {
    return encoder.encode(text).length;
  }

  /**
   * @typedef {{text: string, sentences: object[]}} ReportBlock a block's text and the views
   *   of its sentences (protocol.js SentenceView: UTF-16 offsets within the block)
   * @typedef {{title: string, url: string, published: string|null, lang: string, profile: object,
   *   blocks: ReportBlock[], date: string, version: string}} Report what the popup gathered
   */

  /**
   * The report as the command-line tool's JSON (see above).
   * @param {Report} report
   */
  function toJson(report) {
    // Where each block starts in input.text, in UTF-8 bytes.
    const starts = [];
    let at = 0;
    report.blocks.forEach((block, i) => {
      if (i > 0) at += BLOCK_SEPARATOR.length;
      starts.push(at);
      at += utf8Length(block.text);
    });
    // A UTF-16 offset within block `b` as a byte offset into input.text; the block's text
    // is encoded piece by piece, in the order the offsets come, so each block is read once.
    const cursors = new Map();
    const byteAt = (b, offset) => {
      const text = report.blocks[b]?.text ?? '';
      const clamped = Math.max(0, Math.min(offset, text.length));
      let cursor = cursors.get(b);
      if (!cursor || cursor.utf16 > clamped) cursor = { utf16: 0, bytes: 0 };
      cursor = { utf16: clamped, bytes: cursor.bytes + utf8Length(text.slice(cursor.utf16, clamped)) };
      cursors.set(b, cursor);
      return starts[b] + cursor.bytes;
    };
    const span = (b, start, end) => ({
      text: (report.blocks[b]?.text ?? '').slice(start, end),
      start: byteAt(b, start),
      end: byteAt(b, end),
    });
    const sentences = [];
    report.blocks.forEach((block, b) => {
      for (const view of block.sentences) {
        const whole = span(b, view.start, view.end);
        const source = view.source
          ? { ...span(view.source.block, view.source.start, view.source.end), kind: view.source.kind, name: view.source.name ?? null }
          : null;
        sentences.push({
          start: whole.start, end: whole.end, paragraph: b, text: whole.text, verdict: view.verdict,
          hedged: Boolean(view.hedged), quote: Boolean(view.quote), source,
          cue: view.cue ? span(b, view.cue.start, view.cue.end) : null, reason: view.reason ?? '',
        });
      }
    });
    const counts = (list) => (list ?? []).map(({ name, kind, sentences: ids }) => ({ name, kind, sentences: ids.length }));
    return {
      lang: report.lang,
      input: { format: 'html', title: report.title, text: report.blocks.map((b) => b.text).join(BLOCK_SEPARATOR) },
      sentences,
      sources: counts(report.profile?.sources),
      anonymous_phrases: counts(report.profile?.anonymous_phrases),
      summary: report.profile?.summary ?? null,
      url: report.url,
      date: report.date,
      published: report.published ?? null,
      generator: `sourcelight ${report.version} (browser extension)`,
    };
  }

  /**
   * Page text as Markdown shows it: on one line, and every character that could start
   * formatting, a link, an HTML tag or a table cell escaped (text never starts a line
   * here, so "#", "-" and "1." need nothing).
   */
  function escape(text) {
    return String(text ?? '').replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>|~]/g, '\\$&');
  }

  /**
   * The report as Markdown, in the reader's language.
   * @param {Report} report
   * @param {(key: string, ...substitutions: (string|number)[]) => string} t i18n lookup
   * @param {{percent: (n: number) => string, number: (n: number) => string}} formats
   */
  function toMarkdown(report, t, formats) {
    const summary = report.profile?.summary ?? { sentences: 0 };
    const total = summary.sentences ?? 0;
    const share = (n) => formats.percent(total > 0 ? n / total : 0);
    const kind = (k) => t(KIND_KEY[k] ?? 'kindPerson');
    const lines = [
      `# ${t('popupReportTitle', escape(report.title || report.url))}`,
      '',
      `- ${t('popupReportAddress')}: <${String(report.url).replace(/[<>\s]/g, encodeURIComponent)}>`,
      `- ${t('popupReportDate')}: ${report.date}`,
    ];
    if (report.published) lines.push(`- ${t('popupReportPublished')}: ${escape(report.published)}`);
    lines.push(`- ${t('popupReportGenerator', report.version)}`, '', `## ${t('popupHeading')}`, '');
    for (const verdict of ['named', 'anonymous', 'unattributed', 'none']) {
      const count = summary[verdict] ?? 0;
      lines.push(`- ${t(`verdict${VERDICT_KEY[verdict]}`)}: ${formats.number(count)} (${share(count)})`);
    }
    lines.push(`- ${t('popupReportHedged')}: ${formats.number(summary.hedged ?? 0)}`);
    for (const [listName, titleKey] of [['sources', 'popupSources'], ['anonymous_phrases', 'popupAnonymousPhrases']]) {
      const list = report.profile?.[listName] ?? [];
      lines.push('', `### ${t(titleKey)}`, '');
      if (!list.length) lines.push(t('popupNoEntries'));
      for (const entry of list) lines.push(`- ${escape(entry.name)} (${kind(entry.kind)}): ${formats.number(entry.sentences.length)}`);
    }
    lines.push('', `## ${t('popupReportFlagged')}`, '');
    let flagged = 0;
    for (const block of report.blocks) {
      for (const view of block.sentences) {
        if (!FLAGGED.includes(view.verdict)) continue;
        flagged += 1;
        const parts = [`**${t(`verdictShort${VERDICT_KEY[view.verdict]}`)}**`];
        if (view.hedged) parts.push(`*${t('popupReportHedgedOne')}*`);
        lines.push(`${flagged}. ${parts.join(' · ')}: ${escape(block.text.slice(view.start, view.end))}`);
        if (view.source) {
          const from = report.blocks[view.source.block]?.text.slice(view.source.start, view.source.end) ?? '';
          const name = view.source.name && view.source.name !== from ? ` → ${escape(view.source.name)}` : '';
          lines.push(`   - ${t('popupReportSource')}: ${escape(from)}${name} (${kind(view.source.kind)})`);
        }
        if (view.cue) lines.push(`   - ${t('popupReportCue')}: ${escape(block.text.slice(view.cue.start, view.cue.end))}`);
        if (view.reason) lines.push(`   - ${t('popupReportReason')}: ${escape(view.reason)}`);
      }
    }
    if (!flagged) lines.push(t('popupNoEntries'));
    return `${lines.join('\n')}\n`;
  }

  /** A file name for the report: the site and the day, no character a file system refuses. */
  function fileName(report, extension) {
    let host = 'page';
    try {
      host = new URL(report.url).hostname || host;
    } catch {
      // not a URL: keep "page"
    }
    return `sourcelight-${host}-${String(report.date).slice(0, 10)}.${extension}`.replace(/[^\w.-]+/g, '-');
  }

  return Object.freeze({ toJson, toMarkdown, fileName, escape });
})();
