#!/usr/bin/env node
// sourcelight's demo (`./build.sh demo`): the built extension, unmodified, on a bundled
// sample article served from 127.0.0.1.
//
// The reader's path, nothing simulated below it: the toolbar button is clicked on the
// article's tab (which grants activeTab and opens the popup), the popup asks the
// background to analyse the page with the wasm core, the content script paints the
// highlights. The demo then saves a screenshot and prints the page's sourcing profile
// as the extension itself holds it (the content script's state), not recomputed here.
//
// With a display ($DISPLAY) the browser is shown and stays open until Enter is pressed;
// without one it runs headless.
//
//   node tools/demo.mjs [--browser chromium|firefox] [--page FILE.html]

import { createInterface } from 'node:readline/promises';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, ALL_BROWSERS as BROWSERS } from '../tests/e2e/harness/browsers.mjs';
import { startServer } from '../tests/e2e/harness/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const VERDICTS = ['named', 'anonymous', 'unattributed', 'none'];
const LABELS = { named: 'named', anonymous: 'anonymous', unattributed: 'unattributed', none: 'not a claim' };

function parseArgs(argv) {
  const options = { browser: 'chromium', page: join(HERE, 'demo', 'sample-article.html') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser') options.browser = argv[++i];
    else if (arg === '--page') options.page = argv[++i];
    else if (arg === '-h' || arg === '--help') options.help = true;
    else throw new Error(`unknown argument "${arg}": use --browser chromium|firefox or --page FILE.html`);
  }
  if (!BROWSERS.includes(options.browser)) {
    throw new Error(`unknown browser "${options.browser}": use ${BROWSERS.join(' or ')}`);
  }
  return options;
}

/** The sourcing profile, as text for a terminal. */
function formatProfile(state) {
  const { profile } = state.analysis;
  const text = (id) => (state.texts?.[id] ?? `sentence ${id}`).replace(/\s+/g, ' ').trim();
  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [];
  const { summary } = profile;
  lines.push(`Sourcing profile: ${plural(summary.sentences, 'sentence')}`);
  for (const verdict of VERDICTS) {
    const count = summary[verdict] ?? 0;
    const share = summary.sentences ? Math.round((100 * count) / summary.sentences) : 0;
    lines.push(`  ${LABELS[verdict].padEnd(13)} ${String(count).padStart(3)}  ${String(share).padStart(3)}%  ${'█'.repeat(Math.round(share / 4))}`);
  }
  lines.push(`  ${'hedged'.padEnd(13)} ${String(summary.hedged ?? 0).padStart(3)}`);

  const list = (title, entries, describe) => {
    lines.push('', `${title} (${entries.length})`);
    if (entries.length === 0) lines.push('  none');
    for (const entry of entries) lines.push(`  ${describe(entry)}`);
  };
  list('Sources', profile.sources ?? [], (s) => `${s.name} (${s.kind}): ${plural(s.sentences.length, 'sentence')}`);
  list('Anonymous phrases', profile.anonymous_phrases ?? [], (s) => `“${s.name}” (${s.kind}): ${plural(s.sentences.length, 'sentence')}`);
  list('Unattributed claims', profile.unattributed ?? [], (id) => `- ${text(id)}`);
  list('Hedged claims', profile.hedged ?? [], (id) => `- ${text(id)}`);
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log('usage: node tools/demo.mjs [--browser chromium|firefox] [--page FILE.html]');
    return;
  }
  const headed = Boolean(process.env.DISPLAY);
  const server = await startServer({ root: dirname(options.page) });
  let browser;
  try {
    console.log(`Starting ${options.browser} ${headed ? 'with a window' : 'headless (no $DISPLAY)'} with dist/ as built…`);
    // 'shipped': the manifest exactly as built; the toolbar click is the only way in.
    browser = await launch(options.browser, { variant: 'shipped', headless: !headed });
    const url = server.pageUrl(basename(options.page));
    await browser.open(url);
    console.log(`Opened ${url}`);
    console.log('Clicking the sourcelight toolbar button…');
    const state = await browser.activate({ via: 'toolbar' });
    if (state.status !== 'ok') {
      throw new Error(`the extension did not analyse the page: ${state.status}${state.error ? ` (${state.error})` : ''}`);
    }
    await browser.waitForHighlights();
    // The popup covers part of the page in a headed window; the screenshot is of the page.
    const shot = await browser.screenshot('demo');
    console.log(`\n${formatProfile(state)}\n`);
    console.log(`Screenshot of the highlighted article: ${shot}`);
    if (headed && process.stdin.isTTY) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      await rl.question('The browser stays open: press Enter to close it. ');
      rl.close();
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(`demo: ${error.message}`);
  process.exitCode = 1;
});
