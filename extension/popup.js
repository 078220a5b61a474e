// The toolbar popup: how the reader asks for an analysis, and where they read the
// article's sourcing profile.
//
// On open it asks the background, once, to activate the current tab (inject the
// content scripts under the activeTab grant, analyse) and renders the reply. It
// describes; it does not grade: counts, shares and lists, no score. Every string
// from the page goes in through textContent (dom.js).

(() => {
  'use strict';

  const P = globalThis.SOURCELIGHT_PROTOCOL;
  const { api, h, replace, t, localise, shorten } = globalThis.SOURCELIGHT_DOM;
  const REPORT = globalThis.SOURCELIGHT_REPORT;

  /** Verdicts in the order they are shown; the first three can be painted. */
  const VERDICTS = ['named', 'anonymous', 'unattributed', 'none'];
  const VERDICT_KEY = { named: 'Named', anonymous: 'Anonymous', unattributed: 'Unattributed', none: 'None' };
  const KIND_KEY = {
    person: 'kindPerson', organisation: 'kindOrganisation', outlet: 'kindOutlet', document: 'kindDocument',
    anonymous: 'kindAnonymous', vague_group: 'kindVagueGroup', unnamed_document: 'kindUnnamedDocument',
  };
  /** Long enough for a 5 MB page on a slow machine; the popup must leave "loading" anyway. */
  const ACTIVATE_TIMEOUT_MS = 25_000;
  const MESSAGE_TIMEOUT_MS = 8_000;
  /** While the page is still loading, ask again this often, this many times. */
  const LOADING_RETRY_MS = 700;
  const LOADING_RETRIES = 15;
  /** Blocks per GET_REPORT reply: a huge article comes in pieces (protocol.js). */
  const REPORT_PIECE_BLOCKS = 2000;
  /** Entries shown per list: a huge page lists thousands, and the popup must open at once. */
  const LIST_LIMIT = P.LIST_LIMIT;
  /** Hosts of the add-on stores, which no extension may read. */
  const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

  const $ = (id) => document.getElementById(id);
  const lang = api.i18n.getUILanguage();
  const plural = new Intl.PluralRules(lang);
  const percentFormat = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const numberFormat = new Intl.NumberFormat(lang);

  /** @type {{id: number, url?: string}|null} */
  let tab = null;
  /** The page's origin, as the background names it in its site settings. */
  let site = null;
  /** Whether "analyse every site" is on (then "no setting" means automatic here too). */
  let everySite = false;
  /** What the lists show now (a key of the profile), so identical replies leave them alone. */
  let shownProfile = null;
  /** Where each list entry is in its cycle of sentences, so repeated clicks walk through them. */
  const cursor = new WeakMap();

  main();

  async function main() {
    localise();
    wireControls();
    trackDockHeight();
    try {
      tab = await currentTab();
      if (siteOf(tab.url)) $('site-name').textContent = new URL(tab.url).hostname;
      const early = unreadableReason(tab.url);
      if (early) return showMessage(early);
      await activate();
    } catch (error) {
      showError(error);
    } finally {
      $('main').setAttribute('aria-busy', 'false');
    }
  }

  /** Keeps scroll-padding equal to the dock's height, so nothing scrolls in under it. */
  function trackDockHeight() {
    const dock = $('dock');
    const update = () => document.documentElement.style.setProperty('--dock-height', `${dock.offsetHeight + 8}px`);
    new ResizeObserver(update).observe(dock);
    update();
  }

  // ---- Talking to the background and the page -------------------------------------

  /**
   * The tab the popup is about. `?tab=ID` names one explicitly: the popup opened as an
   * ordinary tab (tests, debugging) would otherwise find itself.
   */
  async function currentTab() {
    const explicit = Number(new URLSearchParams(location.search).get('tab'));
    if (Number.isInteger(explicit) && explicit > 0) {
      return api.tabs.get(explicit).catch(() => {
        throw new Error('errorNoTab');
      });
    }
    const [active] = await api.tabs.query({ active: true, currentWindow: true });
    if (!active) throw new Error('errorNoTab');
    return active;
  }

  async function activate(retries = LOADING_RETRIES) {
    let reply;
    try {
      reply = await withTimeout(api.runtime.sendMessage({ type: P.ACTIVATE_TAB, tabId: tab.id }), ACTIVATE_TIMEOUT_MS);
    } finally {
      // The site setting is shown whatever became of the analysis ("never" included).
      showSiteMode(reply).catch(() => {});
    }
    render(reply);
    if (reply?.status !== 'loading') return;
    if (retries === 0) return showMessage('statusStillLoading');
    await new Promise((resolve) => setTimeout(resolve, LOADING_RETRY_MS));
    await activate(retries - 1);
  }

  /** Sends a message to the content script in the tab and renders the page state it answers. */
  async function toPage(message) {
    try {
      // Brief: the popup shows the profile and the listed texts only (see protocol.js).
      const reply = await withTimeout(api.tabs.sendMessage(tab.id, { ...message, brief: true }), MESSAGE_TIMEOUT_MS);
      if (reply && typeof reply === 'object' && 'status' in reply) render(reply);
      return reply;
    } catch (error) {
      showError(error);
      return null;
    }
  }

  function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('errorTimeout')), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  // ---- What cannot be read --------------------------------------------------------

  function siteOf(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
    } catch {
      return null;
    }
  }

  /**
   * The message key for a page no extension can read, known from its address alone, or
   * null. Without a grant the address may be hidden (undefined): then the background's
   * answer decides.
   */
  function unreadableReason(url) {
    if (!url) return null;
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (STORE_HOSTS.includes(parsed.hostname)) return 'statusStore';
    if (/\.pdf$/i.test(parsed.pathname) && parsed.protocol !== 'file:') return null; // let the page say: many ".pdf" links serve HTML
    if (['http:', 'https:', 'file:'].includes(parsed.protocol)) return null;
    return 'statusBrowserPage';
  }

  // ---- Rendering ------------------------------------------------------------------

  /**
   * @param {{status: string, enabled?: boolean, painted?: string[], analysis?: object,
   *   texts?: string[], error?: string, reason?: string}} state
   */
  function render(state) {
    if (!state || typeof state !== 'object') return showError(new Error('errorUnreachable'));
    switch (state.status) {
      case 'ok':
        return renderProfile(state);
      case 'no-article':
        return showNoArticle();
      case 'unsupported-language':
        return showUnsupported(state.language);
      case 'loading':
        return showMessage('statusLoading');
      case 'unreadable':
        // Our own sentence says it better than the background's, and in the reader's language.
        return showMessage(unreadableKey(state));
      case 'never':
        return showMessage('statusNever');
      case 'error':
      default:
        // The content script starts a fresh analysis when highlights are turned on again.
        return showMessage('statusError', state.error, () => toPage({ type: P.SET_ENABLED, on: true }));
    }
  }

  /** The background may say why a page is unreadable (`reason`: 'pdf', 'browser', 'store'). */
  function unreadableKey(state) {
    const byReason = { pdf: 'statusPdf', browser: 'statusBrowserPage', store: 'statusStore', file: 'statusFile' };
    if (byReason[state.reason]) return byReason[state.reason];
    if (state.contentType === 'application/pdf' || /\.pdf(?:$|[?#])/i.test(tab?.url ?? '')) return 'statusPdf';
    return unreadableReason(tab?.url) ?? 'statusUnreadable';
  }

  /**
   * An article in a language sourcelight does not read: nothing is painted, and the
   * message names the language found, in the reader's language ('und': one it cannot name).
   */
  function showUnsupported(code) {
    let name = null;
    try {
      if (code && code !== 'und') name = new Intl.DisplayNames([api.i18n.getUILanguage()], { type: 'language' }).of(code);
    } catch {
      name = null; // an engine without DisplayNames, or a code it does not know
    }
    if (name) return showMessage('statusUnsupportedLanguage', null, null, [name]);
    return showMessage('statusUnsupportedOther');
  }

  /**
   * A plain message in place of the profile; `detail` is an error key or plain text;
   * `retry`, when given, is offered as a "Try again" button; `substitutions` fill the
   * message's placeholders.
   */
  function showMessage(key, detail, retry, substitutions = []) {
    $('profile').hidden = true;
    shownProfile = null;
    $('page-controls').hidden = true;
    $('controls').hidden = $('site-mode').hidden;
    const detailText = detail ? errorText(detail) : null;
    replace($('status'),
      h('p', { class: `message ${key}`, text: t(key, ...substitutions) }),
      detailText && detailText !== t(key) ? h('p', { class: 'detail', text: detailText }) : null,
      retry ? h('button', { type: 'button', id: 'retry', class: 'retry', text: t('popupRetry'), onclick: () => tryAgain(retry) }) : null);
  }

  async function tryAgain(retry) {
    replace($('status'), h('p', { class: 'loading', text: t('popupLoading') }));
    $('main').setAttribute('aria-busy', 'true');
    try {
      await retry();
    } finally {
      $('main').setAttribute('aria-busy', 'false');
    }
  }

  function showError(error) {
    const detail = error?.message ?? String(error);
    if (/^errorNoTab$/.test(detail)) return showMessage(detail);
    if (/^errorTimeout$/.test(detail)) return showMessage(detail, null, () => activate());
    if (/Receiving end does not exist|Could not establish connection|No matching message handler/i.test(detail)) {
      return showMessage('errorUnreachable', null, () => activate());
    }
    showMessage('statusError', detail, () => activate());
  }

  /**
   * Error texts from the background are either one of our message keys ("errorEngineTrapped")
   * or a plain sentence, shown as it is.
   */
  function errorText(detail) {
    const text = String(detail);
    if (/^error[A-Z]\w*$/.test(text)) {
      const localised = api.i18n.getMessage(text);
      if (localised) return localised;
    }
    return text;
  }

  function renderProfile(state) {
    const analysis = state.analysis;
    const profile = analysis?.profile;
    if (!profile) return showMessage('statusNoArticle');
    const texts = state.texts ?? [];

    // Read at the reader's request ("Analyse anyway"): say so above the profile.
    replace($('status'), state.anyway ? h('p', { class: 'note read-anyway', text: t('popupReadAnyway') }) : null);
    // A control's reply carries the same analysis again: keep the lists as they are
    // (scroll position, open sections, where each entry is in its cycle).
    // (Replies may carry all texts or only the listed ones: the profile alone decides.)
    const key = JSON.stringify(profile);
    if (key !== shownProfile) {
      shownProfile = key;
      renderLists(profile, texts);
    }
    $('profile').hidden = false;

    $('controls').hidden = false;
    $('page-controls').hidden = false;
    $('enabled').checked = Boolean(state.enabled);
    const painted = new Set(state.painted ?? []);
    for (const box of document.querySelectorAll('input[name="painted"]')) box.checked = painted.has(box.value);
  }

  function renderLists(profile, texts) {
    const summary = profile.summary;
    replace($('profile'),
      h('h2', { class: 'heading', text: t('popupHeading') }),
      h('p', { class: 'totals' },
        t(plural.select(summary.sentences) === 'one' ? 'popupSentencesOne' : 'popupSentencesOther', summary.sentences),
        summary.hedged > 0 ? h('span', { class: 'hedged-count', text: ` · ${t('popupHedgedCount', summary.hedged)}` }) : null),
      shareBar(summary),
      h('p', { class: 'hint', text: t('popupPageHint') }),
      section('sources', 'popupSources', profile.sources ?? [], sourceEntry),
      section('anonymous-phrases', 'popupAnonymousPhrases', profile.anonymous_phrases ?? [], sourceEntry),
      section('unattributed', 'popupUnattributed', profile.unattributed ?? [], (id) => sentenceEntry(id, texts[id])),
      section('hedged', 'popupHedged', profile.hedged ?? [], (id) => sentenceEntry(id, texts[id])),
      exportSection());
  }

  /**
   * Counts and shares per verdict: a stacked bar for the eye (hidden from assistive
   * technology) and a legend that says the same in words, so nothing rests on colour.
   */
  function shareBar(summary) {
    const total = summary.sentences;
    const bar = h('div', { class: 'bar', 'aria-hidden': 'true' });
    const legend = h('ul', { class: 'legend' });
    for (const verdict of VERDICTS) {
      const count = summary[verdict] ?? 0;
      const share = total > 0 ? count / total : 0;
      if (count > 0) bar.append(h('span', { class: `segment ${verdict}`, style: { 'flex-grow': String(count) }, title: t(`verdictShort${VERDICT_KEY[verdict]}`) }));
      legend.append(h('li', { class: `share ${verdict}`, dataset: { verdict, count: String(count) } },
        h('span', { class: `swatch ${verdict}`, 'aria-hidden': 'true' }),
        h('span', { class: 'share-text', text: t('popupShareLabel', t(`verdictShort${VERDICT_KEY[verdict]}`), count, percentFormat.format(share)) })));
    }
    return h('div', { class: 'shares' }, bar, legend);
  }

  /** A collapsible list section; open by default, with its count in the summary line. */
  function section(id, titleKey, items, build) {
    const shown = items.slice(0, LIST_LIMIT);
    const more = items.length - shown.length;
    return h('details', { class: 'section', id: `section-${id}`, open: true },
      h('summary', null, h('span', { class: 'section-title', text: t(titleKey) }), ' ', h('span', { class: 'count', text: numberFormat.format(items.length) })),
      items.length > 0
        ? h('ul', { class: 'entries' }, shown.map((item) => h('li', null, build(item))))
        : h('p', { class: 'empty', text: t('popupNoEntries') }),
      more > 0 ? h('p', { class: 'more', text: t('popupMore', numberFormat.format(more)) }) : null);
  }

  /** A source or anonymous phrase: each click goes to the next sentence resting on it. */
  function sourceEntry({ name, kind, sentences = [] }) {
    const kindText = t(KIND_KEY[kind] ?? 'kindPerson');
    const countText = t(plural.select(sentences.length) === 'one' ? 'popupSentencesOne' : 'popupSentencesOther', sentences.length);
    const button = h('button', {
      type: 'button', class: 'entry source',
      'aria-label': t('popupEntryLabel', name, kindText, countText),
      dataset: { sentences: sentences.join(' ') },
      onclick: () => jumpCycling(button, sentences),
    },
    h('span', { class: 'name', dir: 'auto', text: name }),
    h('span', { class: 'meta', text: `${kindText} · ${countText}` }));
    return button;
  }

  /** An unattributed or hedged claim: its sentence, shortened, full text on hover. */
  function sentenceEntry(id, text) {
    const shown = text ? shorten(text) : `#${id + 1}`;
    return h('button', {
      type: 'button', class: 'entry sentence',
      title: text ?? null,
      'aria-label': t('popupSentenceLabel', shown),
      dataset: { sentence: String(id) },
      onclick: () => jump(id),
    }, h('span', { class: 'quote', dir: 'auto', text: shown }));
  }

  function jumpCycling(button, ids) {
    if (ids.length === 0) return;
    const next = cursor.get(button) ?? 0;
    cursor.set(button, (next + 1) % ids.length);
    jump(ids[next]);
  }

  async function jump(id) {
    const reply = await toPage({ type: P.JUMP, id });
    if (reply && reply.ok === false) replace($('status'), h('p', { class: 'message', text: t('popupNotLoaded') }));
  }

  // ---- No article: "Analyse anyway" -------------------------------------------------

  /**
   * The page holds no article (article.js found none, or only teasers, or a video's
   * description): nothing is painted, and the reader may ask for the page's main content
   * to be read anyway.
   */
  function showNoArticle() {
    showMessage('statusNoArticle');
    $('status').append(
      h('button', { type: 'button', id: 'analyse-anyway', class: 'retry', text: t('popupAnalyseAnyway'), onclick: () => tryAgain(analyseAnyway) }),
      h('p', { class: 'detail', text: t('popupAnalyseAnywayHint') }));
  }

  async function analyseAnyway() {
    const reply = await toPage({ type: P.ANALYSE_ANYWAY });
    // Still nothing: the page holds no prose at all.
    if (reply?.status === 'no-article') showMessage('statusNothingToRead');
  }

  // ---- Export: the report as Markdown or JSON, copied or saved ----------------------

  /** Copy and save buttons for both formats, and a line saying how it went. */
  function exportSection() {
    const button = (id, key, format, action) => h('button', {
      type: 'button', id, class: 'export-button', text: t(key), onclick: () => exportReport(format, action),
    });
    return h('section', { class: 'export', id: 'export', 'aria-labelledby': 'export-heading' },
      h('h3', { id: 'export-heading', class: 'section-title', text: t('popupExport') }),
      h('div', { class: 'export-buttons' },
        button('copy-markdown', 'popupCopyMarkdown', 'markdown', 'copy'),
        button('copy-json', 'popupCopyJson', 'json', 'copy'),
        button('save-markdown', 'popupSaveMarkdown', 'markdown', 'save'),
        button('save-json', 'popupSaveJson', 'json', 'save')),
      h('p', { id: 'export-note', class: 'note', role: 'status', 'aria-live': 'polite' }));
  }

  /**
   * Gathers the report from the page, in pieces, and copies or saves it. The clipboard and
   * a download from the popup's own page need no permission (the click is the reader's).
   * @param {'markdown'|'json'} format
   * @param {'copy'|'save'} action
   */
  async function exportReport(format, action) {
    const note = $('export-note');
    note.textContent = '';
    try {
      const report = await gatherReport();
      const text = format === 'json'
        ? `${JSON.stringify(REPORT.toJson(report), null, 2)}\n`
        : REPORT.toMarkdown(report, t, { percent: (x) => percentFormat.format(x), number: (x) => numberFormat.format(x) });
      if (action === 'copy') {
        await copyText(text);
        note.textContent = t('popupCopied');
      } else {
        saveText(text, REPORT.fileName(report, format === 'json' ? 'json' : 'md'), format === 'json' ? 'application/json' : 'text/markdown');
        note.textContent = t('popupSaved');
      }
    } catch (error) {
      note.textContent = t('popupExportFailed', errorText(error?.message ?? error));
    }
  }

  async function gatherReport() {
    const blocks = [];
    let meta = null;
    let count = 1;
    for (let from = 0; from < count; from += REPORT_PIECE_BLOCKS) {
      const piece = await withTimeout(api.tabs.sendMessage(tab.id, { type: P.GET_REPORT, blocks: [from, from + REPORT_PIECE_BLOCKS] }), MESSAGE_TIMEOUT_MS);
      if (piece?.status !== 'ok' || !Array.isArray(piece.blocks)) throw new Error('errorNoReport');
      if (from === 0) meta = piece.meta;
      else if (piece.blockCount !== count) throw new Error('errorNoReport'); // the article changed meanwhile
      count = piece.blockCount;
      for (const block of piece.blocks) blocks.push(block);
    }
    if (!meta) throw new Error('errorNoReport');
    return { ...meta, blocks, date: new Date().toISOString(), version: api.runtime.getManifest().version };
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      // Older engines refuse the asynchronous clipboard in some extension pages: the
      // selection of a text field of the popup's own is copied instead.
      const field = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
      field.value = text;
      document.body.append(field);
      field.select();
      const copied = document.execCommand('copy');
      field.remove();
      if (!copied) throw error;
    }
  }

  function saveText(text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its own copy of the bytes once it started.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ---- Controls -------------------------------------------------------------------

  function wireControls() {
    $('enabled').addEventListener('change', (event) => {
      toPage({ type: P.SET_ENABLED, on: event.target.checked });
    });
    $('painted').addEventListener('change', () => {
      const painted = [...document.querySelectorAll('input[name="painted"]:checked')].map((box) => box.value);
      toPage({ type: P.SET_PAINTED, painted });
    });
    $('site-mode').addEventListener('change', onSiteModeChange);
    $('open-options').addEventListener('click', () => {
      api.runtime.openOptionsPage();
      window.close();
    });
  }

  /**
   * Shows the site setting, from the activation's reply when it carries it, else asked
   * of the background. Only web pages (http, https) have one.
   */
  async function showSiteMode(reply) {
    site = reply?.origin ?? site ?? siteOf(tab?.url);
    if (!siteOf(site)) return;
    let mode = reply?.siteMode;
    let allSites = reply?.allSites;
    if (!mode) {
      const answer = await withTimeout(api.runtime.sendMessage({ type: P.GET_SITE_MODE, origin: site }), MESSAGE_TIMEOUT_MS);
      mode = answer?.siteMode ?? 'ask';
      allSites = answer?.allSites;
    }
    for (const radio of document.querySelectorAll('input[name="site-mode"]')) radio.checked = radio.value === mode;
    // With "every site" on, no setting for this site means it runs by itself too.
    everySite = Boolean(allSites);
    $('site-ask-label').textContent = t(everySite ? 'popupSiteAskAllSites' : 'popupSiteAsk');
    $('site-legend').textContent = t('popupSite', new URL(site).hostname);
    $('site-mode').hidden = false;
    $('controls').hidden = false;
  }

  /**
   * "Always on" needs the browser's permission for this one site. The request must be
   * made inside the input handler itself (Firefox refuses it after any await), so it is
   * the first thing done here.
   */
  function onSiteModeChange(event) {
    const mode = event.target.value;
    const request = mode === 'always'
      ? api.permissions.request({ origins: [P.sitePattern(site)] })
      : Promise.resolve(true);
    request
      .then(async (granted) => {
        if (!granted) {
          $('site-note').textContent = t('popupSiteRefused');
          return showSiteMode(null);
        }
        const reply = await withTimeout(api.runtime.sendMessage({ type: P.SET_SITE_MODE, origin: site, mode }), MESSAGE_TIMEOUT_MS);
        if (reply && reply.ok === false) throw new Error(reply.error ?? 'errorNoPermission');
        $('site-note').textContent = t({ always: 'popupSiteAlwaysDone', never: 'popupSiteNeverDone', ask: everySite ? 'popupSiteAskAllSitesDone' : 'popupSiteAskDone' }[mode]);
      })
      .catch((error) => {
        $('site-note').textContent = errorText(error?.message ?? error);
        showSiteMode(null);
      });
  }
})();
