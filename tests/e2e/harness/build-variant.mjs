// The extension as the tests load it: a temporary copy of the build in `dist/`.
//
// Variants:
// - `test` (default): the manifest also lists `host_permissions: ["http://127.0.0.1/*"]`.
//   Both browsers grant a manifest-listed origin at install, so the local test server
//   behaves like a site the reader enabled ("always on for this site"), and
//   `permissions.request` for it resolves without a prompt (platform-notes).
// - `shipped`: the manifest exactly as built, so the only way in is the reader's own
//   gesture (toolbar button or shortcut, the activeTab path).
//
// Both variants add one empty extension page, `e2e-helper.html`, which the harness
// opens as a tab to reach the extension's APIs from an extension origin (sending
// messages, `extension.getViews` for the popup). It has no script and requests
// nothing, so it changes no behaviour; the manifest's permissions are untouched by it.
//
// Firefox ignores a port in match patterns, so the origin is written without one.

import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const TEST_ORIGIN_PATTERN = 'http://127.0.0.1/*';
export const HELPER_PAGE = 'e2e-helper.html';

const HELPER_HTML =
  '<!doctype html>\n<meta charset="utf-8">\n<title>sourcelight e2e helper</title>\n' +
  '<p>Opened by the end-to-end tests to reach the extension\'s APIs.</p>\n';

/**
 * Copies `dist/<browser>` into a temporary folder and adapts it.
 *
 * @param {'chromium'|'firefox'} browserName
 * @param {{variant?: 'test'|'shipped', sourceDir?: string}} [options] `sourceDir`
 *   replaces the built `dist/chrome` or `dist/firefox` (e.g. a scratch extension).
 * @returns {Promise<{dir: string, manifest: object, cleanup: () => Promise<void>}>}
 */
export async function prepareExtension(browserName, { variant = 'test', sourceDir } = {}) {
  const source = sourceDir ?? join(REPO_ROOT, 'dist', browserName === 'firefox' ? 'firefox' : 'chrome');
  const manifestPath = join(source, 'manifest.json');
  if (!(await stat(manifestPath).catch(() => null))) {
    throw new Error(`no built extension at ${source}: run ./build.sh first`);
  }
  if (variant !== 'test' && variant !== 'shipped') {
    throw new Error(`unknown variant "${variant}": use "test" or "shipped"`);
  }
  const dir = await mkdtemp(join(tmpdir(), `sourcelight-e2e-ext-${browserName}-`));
  await cp(source, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  if (variant === 'test') {
    manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), TEST_ORIGIN_PATTERN])];
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, HELPER_PAGE), HELPER_HTML);
  return { dir, manifest, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
