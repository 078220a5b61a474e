// The options page: default painted verdicts, the site list, "every site", reset.
//
// Settings live in storage.local only (`{painted, sites, allSites}`), never page text.
// The painted verdicts are written here directly; anything that changes where the
// content scripts run (a site, every site) goes through the background, which owns
// the registrations, after this page has obtained the permission inside the click.

(() => {
  'use strict';

  const P = globalThis.SOURCELIGHT_PROTOCOL;
  const { api, h, replace, t, localise } = globalThis.SOURCELIGHT_DOM;

  /** Anonymous and unattributed claims are painted until the reader says otherwise. */
  const DEFAULT_PAINTED = P.DEFAULT_PAINTED ?? ['anonymous', 'unattributed'];
  const ALL_SITES = ['http://*/*', 'https://*/*'];
  const $ = (id) => document.getElementById(id);

  localise();
  wire();
  load();
  showShortcut();
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ('painted' in changes || 'sites' in changes || 'allSites' in changes)) load();
  });

  async function load() {
    const settings = await api.storage.local.get({ painted: DEFAULT_PAINTED, sites: {}, allSites: false });
    const painted = new Set(settings.painted);
    for (const box of document.querySelectorAll('input[name="painted"]')) box.checked = painted.has(box.value);
    $('all-sites').checked = Boolean(settings.allSites);
    renderSites(settings.sites ?? {});
    document.body.dataset.loaded = 'true';
  }

  /** The toggle command's shortcut as the browser has it now (the reader may have changed it). */
  async function showShortcut() {
    let shortcut = '';
    try {
      const commands = await api.commands.getAll();
      shortcut = commands.find((command) => command.name === 'toggle-highlights')?.shortcut ?? '';
    } catch {
      shortcut = '';
    }
    $('toggle-shortcut').textContent = shortcut || t('optionsKeyNotSet');
  }

  function renderSites(sites) {
    const origins = Object.keys(sites).sort((a, b) => hostOf(a).localeCompare(hostOf(b)));
    replace($('sites'), origins.map((origin) => {
      const mode = sites[origin];
      return h('li', { class: `site ${mode}`, dataset: { origin, mode } },
        h('span', { class: 'host', text: hostOf(origin) }),
        h('span', { class: `mode ${mode}`, text: t(mode === 'always' ? 'optionsSiteAlways' : 'optionsSiteNever') }),
        h('button', {
          type: 'button', class: 'remove', text: t('optionsRemove'),
          'aria-label': t('optionsRemoveLabel', hostOf(origin)),
          onclick: () => removeSite(origin),
        }));
    }));
    $('sites').hidden = origins.length === 0;
    $('sites-empty').hidden = origins.length > 0;
  }

  function hostOf(origin) {
    try {
      const url = new URL(origin);
      return url.protocol === 'https:' ? url.hostname : `${url.protocol}//${url.hostname}`;
    } catch {
      return origin;
    }
  }

  function wire() {
    $('painted').addEventListener('change', async () => {
      const painted = [...document.querySelectorAll('input[name="painted"]:checked')].map((box) => box.value);
      await api.storage.local.set({ painted });
      say('optionsSaved');
    });
    $('all-sites').addEventListener('change', onAllSitesChange);
    $('reset').addEventListener('click', reset);
  }

  /** The permission request must be the first thing in the handler (Firefox needs the input event). */
  function onAllSitesChange(event) {
    const on = event.target.checked;
    const request = on ? api.permissions.request({ origins: ALL_SITES }) : Promise.resolve(true);
    request
      .then(async (granted) => {
        if (!granted) {
          event.target.checked = false;
          return say('optionsAllSitesRefused');
        }
        await toBackground({ type: P.SET_ALL_SITES, on });
        say('optionsSaved');
      })
      .catch((error) => {
        say(null, error?.message ?? String(error));
        load();
      });
  }

  async function removeSite(origin) {
    try {
      await toBackground({ type: P.SET_SITE_MODE, origin, mode: 'ask' });
      say('optionsSaved');
    } catch (error) {
      say(null, error?.message ?? String(error));
    }
    load();
  }

  async function reset() {
    try {
      await toBackground({ type: P.RESET_SITES });
      await api.storage.local.set({ painted: DEFAULT_PAINTED });
      say('optionsResetDone');
    } catch (error) {
      say(null, error?.message ?? String(error));
    }
    load();
  }

  async function toBackground(message) {
    const reply = await api.runtime.sendMessage(message);
    if (reply && reply.ok === false) throw new Error(reply.error ?? 'errorUnreachable');
    return reply;
  }

  /** One line in the live region: a message key, or a plain sentence from an error. */
  function say(key, text) {
    const shown = key ? t(key) : /^error[A-Z]\w*$/.test(text) ? t(text) : text;
    $('status').textContent = '';
    // A fresh text node each time, so a repeated "Saved." is announced again.
    requestAnimationFrame(() => { $('status').textContent = shown; });
  }
})();
