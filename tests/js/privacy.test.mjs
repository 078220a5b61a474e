// What the extension's source promises, checked on the source itself: no remote code, no
// network, no eval, no HTML built from strings, and a manifest that asks for no more than
// activeTab, scripting and storage at install. The end-to-end privacy test checks the same
// promises at run time; this one names the file and line that would break them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

const extension = new URL('../../extension/', import.meta.url);

async function sources(ext) {
  const names = (await readdir(extension, { recursive: true })).filter((n) => n.endsWith(ext));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(new URL(name, extension), 'utf8') })));
}

/** Every line of `files` that matches `pattern`, as "file:line: text". */
function offending(files, pattern) {
  return files.flatMap(({ name, text }) =>
    text.split('\n').flatMap((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      return pattern.test(code) ? [`${name}:${i + 1}: ${line.trim()}`] : [];
    }),
  );
}

test('no script evaluates strings as code', async () => {
  const js = await sources('.js');
  assert.ok(js.length > 0);
  assert.deepEqual(offending(js, /\beval\s*\(|\bnew\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/), []);
});

test('no script builds HTML from strings', async () => {
  const js = await sources('.js');
  assert.deepEqual(offending(js, /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser/), []);
});

test('no script talks to the network', async () => {
  const js = await sources('.js');
  assert.deepEqual(offending(js, /\bfetch\s*\(\s*['"`]https?:|XMLHttpRequest|WebSocket|sendBeacon|EventSource/), []);
});

test('no page loads code or styles from elsewhere', async () => {
  const html = await sources('.html');
  assert.deepEqual(offending(html, /<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?\/\//i), []);
  assert.deepEqual(offending(html, /<script(?![^>]*\bsrc=)[^>]*>/i), [], 'inline scripts are refused by the CSP');
});

test('the manifest asks for activeTab, scripting and storage only, and collects nothing', async () => {
  const manifest = JSON.parse(await readFile(new URL('manifest.json', extension), 'utf8'));
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'storage']);
  assert.equal(manifest.host_permissions, undefined, 'site access is only ever optional');
  assert.ok(manifest.optional_host_permissions.length > 0);
  assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.match(manifest.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(manifest.content_security_policy.extension_pages, /'unsafe-eval'|'unsafe-inline'|https?:/);
});
