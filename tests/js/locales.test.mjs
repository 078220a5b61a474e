// Every string the reader sees goes through _locales: both languages hold the same keys
// with the same placeholders, and every key the code or the pages name exists. A key
// missing here would show up on screen as the bare key (dom.js falls back to it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

const extension = new URL('../../extension/', import.meta.url);
const LANGUAGES = ['en', 'fr'];

async function messages(lang) {
  return JSON.parse(await readFile(new URL(`_locales/${lang}/messages.json`, extension), 'utf8'));
}

async function sources(pattern) {
  const names = (await readdir(extension, { recursive: true })).filter((n) => pattern.test(n) && !n.startsWith('_locales'));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(new URL(name, extension), 'utf8') })));
}

/** The placeholder names a message uses, sorted: `$COUNT$` → 'count'. */
function placeholders(entry) {
  return [...entry.message.matchAll(/\$([A-Za-z_]\w*)\$/g)].map((m) => m[1].toLowerCase()).sort();
}

test('English and French hold the same keys, in the same order, with the same placeholders', async () => {
  const [en, fr] = await Promise.all(LANGUAGES.map(messages));
  assert.deepEqual(Object.keys(fr), Object.keys(en));
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), `placeholders of ${key}`);
    for (const name of placeholders(en[key])) {
      assert.ok(en[key].placeholders?.[name] && fr[key].placeholders?.[name], `${key} declares $${name}$`);
    }
    assert.notEqual(fr[key].message.trim(), '', `fr ${key} is empty`);
  }
});

test('French text uses non-breaking spaces before high punctuation and inside guillemets', async () => {
  const fr = await messages('fr');
  for (const [key, { message }] of Object.entries(fr)) {
    assert.doesNotMatch(message, / [:;?!»]|« /, `${key}: "${message}"`);
  }
});

test('every message key named by the code, the pages and the manifest exists', async () => {
  const en = await messages('en');
  const files = [...(await sources(/\.(js|html)$/)), ...(await sources(/^manifest\.json$/))];
  const named = new Set();
  for (const { text } of files) {
    for (const m of text.matchAll(/data-i18n(?:-label|-title)?="([^"]+)"/g)) named.add(m[1]);
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) named.add(m[1]);
    // String literals that look like our keys: t('popupSources'), 'statusPdf', KIND_KEY values.
    for (const m of text.matchAll(/['"`]((?:action|card|command|error|extension|kind|options|popup|status|verdict)[A-Z]\w*)['"`]/g)) named.add(m[1]);
  }
  // Keys built from a verdict name: `verdict${…}` and `verdictShort${…}`.
  for (const verdict of ['Named', 'Anonymous', 'Unattributed', 'None']) {
    named.add(`verdict${verdict}`);
    named.add(`verdictShort${verdict}`);
  }
  const missing = [...named].filter((key) => !(key in en)).sort();
  assert.deepEqual(missing, []);
});
