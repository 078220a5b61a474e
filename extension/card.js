// The card: a small explanation of one highlighted sentence (verdict, source and who it
// resolves to, cue, reason, hedge), opened by pointing at the sentence for a moment,
// clicking it, or stepping to it with the keyboard (navigate.js).
//
// It lives in a shadow root on a host element that is appended to <html> only
// while the card is open, shown in the top layer (popover="manual"), and removed on
// close: the page's own DOM is otherwise never touched. `all: initial` on the host and
// the shadow boundary keep the page's CSS out; page text goes in through textContent.
//
// Content script (classic). Builds only on `globalThis.__sourcelight` (content.js) and
// adds the one global `__sourcelightCard` (used by navigate.js).

(() => {
  'use strict';

  globalThis.__sourcelightCard?.teardown();

  const sl = globalThis.__sourcelight;
  if (!sl) return;
  const api = globalThis.browser ?? globalThis.chrome;

  /** How long the pointer rests on a sentence before its card opens, or off it before a pointed card closes. */
  const HOVER_DELAY_MS = 350;
  /** Space kept between the card, its sentence and the viewport's edges, in CSS pixels. */
  const GAP = 8;
  const VERDICT_KEY = { named: 'Named', anonymous: 'Anonymous', unattributed: 'Unattributed', none: 'None' };
  const KIND_KEY = {
    person: 'kindPerson', organisation: 'kindOrganisation', outlet: 'kindOutlet', document: 'kindDocument',
    anonymous: 'kindAnonymous', vague_group: 'kindVagueGroup', unnamed_document: 'kindUnnamedDocument',
  };

  const CSS = `
    /* Important declarations from a shadow root beat the page's, even its !important ones:
       no page rule can restyle, hide or move the host. Only the custom properties set
       inline by place() survive \`all: initial\`. */
    :host {
      all: initial !important;
      display: block !important;
      position: fixed !important;
      inset: auto !important;
      left: var(--sourcelight-left, 0px) !important;
      top: var(--sourcelight-top, 0px) !important;
      margin: 0 !important;
      padding: 0 !important;
      border: 0 !important;
      background: transparent !important;
      overflow: visible !important;
      z-index: 2147483647 !important;
      visibility: var(--sourcelight-visibility, hidden) !important;
    }
    .card {
      --bg: #ffffff; --fg: #1c1d21; --muted: #5b5f6b; --line: #d5d8df; --focus: #2458c7;
      --named: #2563eb; --anonymous: #ea580c; --unattributed: #9333ea; --none: #7d828c;
      box-sizing: border-box;
      width: max-content;
      max-width: min(24rem, calc(100vw - ${2 * GAP}px));
      padding: 10px 12px 10px 14px;
      border: 1px solid var(--line);
      border-inline-start: 4px solid var(--accent);
      border-radius: 6px;
      background: var(--bg);
      color: var(--fg);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.18), 0 1px 3px rgb(0 0 0 / 0.12);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      text-align: start;
      overflow-wrap: anywhere;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      .card {
        --bg: #23252b; --fg: #ebecef; --muted: #a9adb8; --line: #40434c; --focus: #8ab4ff;
        --named: #7aa7ff; --anonymous: #fb923c; --unattributed: #c084fc; --none: #8c919c;
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.5);
      }
    }
    .card.named { --accent: var(--named); }
    .card.anonymous { --accent: var(--anonymous); }
    .card.unattributed { --accent: var(--unattributed); }
    .card.none { --accent: var(--none); }
    .card:focus { outline: none; }
    .card:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    .head { display: flex; align-items: center; gap: 8px; margin: 0 0 4px; }
    .title { margin: 0; font: inherit; font-weight: 650; flex: 1; }
    /* The verdict's name underlined as the page underlines it, so it does not rest on colour. */
    .title { text-decoration: underline 2px var(--accent); text-underline-offset: 4px; }
    .named .title { text-decoration-style: dotted; }
    .anonymous .title { text-decoration-style: wavy; text-decoration-thickness: 1.5px; }
    .unattributed .title { text-decoration-style: double; }
    .badge {
      font-size: 12px; padding: 0 6px; border: 1px solid var(--muted); border-radius: 9px; color: var(--muted); white-space: nowrap;
    }
    .close {
      all: unset; cursor: pointer; width: 22px; height: 22px; border-radius: 4px;
      display: grid; place-items: center; color: var(--muted); font-size: 18px; line-height: 1;
    }
    .close:hover { background: color-mix(in srgb, var(--muted) 18%, transparent); color: var(--fg); }
    .close:focus-visible { outline: 2px solid var(--focus); }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
    dt { color: var(--muted); }
    dd { margin: 0; }
    .quoted::before { content: "“"; }
    .quoted::after { content: "”"; }
    .aside { color: var(--muted); font-style: italic; }
    p { margin: 6px 0 0; }
    .foot { margin-top: 8px; font-size: 12px; color: var(--muted); }
    @media (forced-colors: active) {
      .card { border: 1px solid CanvasText; border-inline-start: 4px solid CanvasText; box-shadow: none; }
      .title { text-decoration-color: CanvasText; }
      .badge { border-color: CanvasText; color: CanvasText; }
      .close:focus-visible, .card:focus-visible { outline-color: Highlight; }
    }
  `;

  /**
   * The open card, or null.
   * @type {null | {id: number, via: 'pointer'|'click'|'keyboard', host: HTMLElement,
   *   card: HTMLElement, x?: number, y?: number, returnFocus: Element|null}}
   */
  let open = null;
  let hoverTimer = 0;
  let frame = 0;

  function t(key, ...substitutions) {
    return api?.i18n?.getMessage(key, substitutions.map(String)) || key;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === null || value === undefined) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  // ---- Which sentences have a card -----------------------------------------------

  function entryOf(id) {
    return id === null || id === undefined ? null : sl.state?.sentences?.get(id) ?? null;
  }

  /** Only sentences currently painted have a card: a highlight is what invites a look. */
  function isFlagged(id) {
    const entry = entryOf(id);
    return Boolean(entry && sl.state.enabled && sl.state.painted?.includes(entry.verdict));
  }

  // ---- Building -------------------------------------------------------------------

  function buildCard(entry, position) {
    const view = entry.view ?? {};
    const verdict = entry.verdict ?? view.verdict ?? 'none';
    const source = view.source;
    // Words from the page are in the article's language, not the reader's.
    const pageLang = sl.state?.analysis?.lang ?? null;
    const rows = [];
    if (source) {
      rows.push(el('dt', { text: t('cardSource') }), el('dd', null, el('span', { class: 'quoted source', dir: 'auto', lang: pageLang, text: source.text })));
      if (source.name && source.name !== source.text) {
        rows.push(el('dt', { text: t('cardResolvesTo') }), el('dd', { class: 'resolved', dir: 'auto', lang: pageLang, text: source.name }));
      }
      if (source.kind) rows.push(el('dt', { text: t('cardKind') }), el('dd', { class: 'kind', text: t(KIND_KEY[source.kind] ?? source.kind) }));
    }
    if (view.cue) {
      rows.push(el('dt', { text: t('cardCue') }), el('dd', null, el('span', { class: 'quoted cue', dir: 'auto', lang: pageLang, text: view.cue.text })));
    } else if (source) {
      rows.push(el('dt', { text: t('cardCue') }), el('dd', { class: 'cue aside', text: t('cardCarriedOver') }));
    }

    if (view.reason) rows.push(el('dt', { text: t('cardWhy') }), el('dd', { class: 'reason', text: view.reason }));

    const titleId = 'sourcelight-card-title';
    const close = el('button', { class: 'close', type: 'button', 'aria-label': t('cardClose'), title: t('cardClose'), text: '×' });
    close.addEventListener('click', () => closeCard({ restoreFocus: true }));
    const card = el('div', {
      class: `card ${verdict}`, role: 'dialog', 'aria-labelledby': titleId, tabindex: '-1',
      lang: api?.i18n?.getUILanguage?.() ?? 'en', // the labels' language, for screen readers
      'data-verdict': verdict, 'data-sentence': String(entry.id),
    },
    el('div', { class: 'head' },
      el('h2', { class: 'title', id: titleId, text: t(`verdict${VERDICT_KEY[verdict] ?? 'None'}`) }),
      view.quote ? el('span', { class: 'badge quote-badge', text: t('cardQuoteBadge') }) : null,
      view.hedged ? el('span', { class: 'badge hedged-badge', text: t('cardHedgedBadge') }) : null,
      close),
    rows.length > 0 ? el('dl', null, ...rows) : null,
    view.hedged ? el('p', { class: 'hedged', text: t('cardHedged') }) : null,
    position ? el('p', { class: 'foot position', text: `${t('cardPosition', position.index + 1, position.total)} · ${t('cardKeysHint')}` }) : null);
    return card;
  }

  function buildHost(card) {
    // A plain <div>, not a custom tag: the page may define a custom element under any
    // name we could pick, and its constructor would run on our host (and take its shadow).
    const host = document.createElement('div');
    host.setAttribute('data-sourcelight', 'card');
    // Hidden until placed; the real styling is the shadow root's :host rule.
    host.style.setProperty('--sourcelight-visibility', 'hidden');
    host.setAttribute('popover', 'manual');
    // Open, not closed: the card shows only the page's own words and our labels, nothing
    // the page may not read, and an open root lets tests and assistive tools inspect it.
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(el('style', { text: CSS }), card);
    return host;
  }

  // ---- Opening, placing, closing ----------------------------------------------------

  /**
   * Opens the card of sentence `id`, replacing any open card.
   * @param {number} id
   * @param {{via?: 'pointer'|'click'|'keyboard', x?: number, y?: number,
   *   index?: number, total?: number}} [how]
   * @returns {boolean} whether a card is now open for it.
   */
  function openCard(id, how = {}) {
    const entry = entryOf(id);
    if (!entry || !isFlagged(id)) return false;
    const via = how.via ?? 'click';
    const returnFocus = open?.returnFocus ?? (via === 'keyboard' ? deepActiveElement() : null);
    closeCard({ restoreFocus: false });

    const position = via === 'keyboard' && Number.isInteger(how.index) ? { index: how.index, total: how.total } : null;
    const card = buildCard(entry, position);
    const host = buildHost(card);
    document.documentElement.append(host);
    try {
      host.showPopover();
    } catch {
      // No popover support: the fixed, maximal z-index host still shows above most pages.
    }
    // A card reached by keyboard takes focus (so a screen reader reads it) once shown.
    open = { id, text: entry.text, via, host, card, x: how.x, y: how.y, returnFocus, wantsFocus: via === 'keyboard' };
    place();
    return open !== null;
  }

  function closeCard({ restoreFocus = false } = {}) {
    if (!open) return;
    const { host, returnFocus, card } = open;
    const hadFocus = card.matches(':focus-within') || deepActiveElement() === host;
    open = null;
    try {
      host.hidePopover();
    } catch {
      // Already hidden, or no popover support.
    }
    host.remove();
    if (restoreFocus && hadFocus && returnFocus?.isConnected && typeof returnFocus.focus === 'function') {
      returnFocus.focus({ preventScroll: true });
    }
  }

  /**
   * Where a same-origin frame's viewport sits in ours: a sentence of an article read
   * from an iframe has its rectangles in the frame's coordinates.
   */
  function frameOffset(doc) {
    let dx = 0;
    let dy = 0;
    for (let frame = doc.defaultView?.frameElement; frame; frame = frame.ownerDocument.defaultView?.frameElement) {
      const box = frame.getBoundingClientRect();
      dx += box.left + frame.clientLeft;
      dy += box.top + frame.clientTop;
    }
    return { dx, dy };
  }

  /** The rectangle of the sentence's line nearest the pointer (or its first line), in our viewport. */
  function anchorRect(id, x, y) {
    const rects = [];
    for (const range of sl.rangesOf(id) ?? []) {
      const doc = range.startContainer.ownerDocument;
      const { dx, dy } = doc === document ? { dx: 0, dy: 0 } : frameOffset(doc);
      for (const rect of sl.clientRects(range)) {
        if (rect.width > 0 || rect.height > 0) rects.push(new DOMRect(rect.left + dx, rect.top + dy, rect.width, rect.height));
      }
    }
    if (rects.length === 0) return null;
    if (typeof x !== 'number') return rects[0];
    let best = rects[0];
    let bestDistance = Infinity;
    for (const rect of rects) {
      const dx = x < rect.left ? rect.left - x : x > rect.right ? x - rect.right : 0;
      const dy = y < rect.top ? rect.top - y : y > rect.bottom ? y - rect.bottom : 0;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) [best, bestDistance] = [rect, distance];
    }
    return best;
  }

  /** Below the sentence's line if there is room, above otherwise; always inside the viewport. */
  function place() {
    if (!open) return;
    const anchor = anchorRect(open.id, open.x, open.y);
    const viewWidth = document.documentElement.clientWidth || innerWidth;
    const viewHeight = document.documentElement.clientHeight || innerHeight;
    if (!anchor) return closeCard();
    const offScreen = anchor.bottom < 0 || anchor.top > viewHeight || anchor.right < 0 || anchor.left > viewWidth;
    if (offScreen && open.via === 'pointer') return closeCard();
    // A clicked or stepped-to card waits, hidden, while its sentence is scrolled away
    // (or not yet scrolled into view), rather than sticking to the viewport's edge.
    open.host.style.setProperty('--sourcelight-visibility', offScreen ? 'hidden' : 'visible');
    if (offScreen) return;
    if (open.wantsFocus) {
      open.wantsFocus = false;
      open.card.focus({ preventScroll: true });
    }
    const size = open.card.getBoundingClientRect();
    const left = clamp(typeof open.x === 'number' ? Math.min(anchor.left, open.x - 24) : anchor.left, GAP, viewWidth - size.width - GAP);
    const below = anchor.bottom + GAP;
    const above = anchor.top - GAP - size.height;
    const top = below + size.height <= viewHeight - GAP || above < GAP ? below : above;
    open.host.style.setProperty('--sourcelight-left', `${Math.round(left)}px`);
    open.host.style.setProperty('--sourcelight-top', `${Math.round(clamp(top, GAP, viewHeight - size.height - GAP))}px`);
  }

  function clamp(value, min, max) {
    return Math.max(min, Math.min(value, Math.max(min, max)));
  }

  function placeSoon() {
    if (!open || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      place();
    });
  }

  function deepActiveElement() {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  // ---- Pointer and keys ------------------------------------------------------------

  function isOnCard(event) {
    return open !== null && event.target === open.host;
  }

  function onPointerMove(event) {
    if (event.pointerType === 'touch') return;
    clearTimeout(hoverTimer);
    if (event.buttons !== 0) return; // selecting text or dragging: no card in the way
    if (isOnCard(event)) return;
    const { x, y } = pointOf(event);
    hoverTimer = setTimeout(() => hoverAt(x, y), HOVER_DELAY_MS);
  }

  /** An event's point in our viewport, also for events from an article's iframe. */
  function pointOf(event) {
    const doc = event.view?.document ?? document;
    const { dx, dy } = doc === document ? { dx: 0, dy: 0 } : frameOffset(doc);
    return { x: event.clientX + dx, y: event.clientY + dy };
  }

  /** The pointer has rested at (x, y): open that sentence's card, or close a pointed one. */
  function hoverAt(x, y) {
    const id = safeSentenceAt(x, y);
    if (open && id === open.id) return;
    if (isFlagged(id)) {
      // A card opened by click or keyboard stays until dismissed; pointing elsewhere does not steal it.
      if (!open || open.via === 'pointer') openCard(id, { via: 'pointer', x, y });
    } else if (open?.via === 'pointer') {
      closeCard();
    }
  }

  function onClick(event) {
    if (isOnCard(event)) return;
    if (event.button !== 0) return;
    const selection = (event.view?.document ?? document).getSelection();
    if (selection && !selection.isCollapsed) return; // the reader is selecting text
    const { x, y } = pointOf(event);
    const id = safeSentenceAt(x, y);
    clearTimeout(hoverTimer);
    if (isFlagged(id)) {
      if (open?.id === id) open.via = 'click';
      else openCard(id, { via: 'click', x, y });
    } else {
      closeCard();
    }
  }

  function onKeyDown(event) {
    if (!open || event.key !== 'Escape') return;
    const inCard = isOnCard(event);
    closeCard({ restoreFocus: true });
    // The page keeps its own Escape unless the reader was inside the card.
    if (inCard) {
      event.stopPropagation();
      event.preventDefault();
    }
  }

  function safeSentenceAt(x, y) {
    let id = null;
    try {
      id = sl.sentenceAt(x, y);
    } catch {
      id = null;
    }
    return id ?? (elsewhere.length > 0 ? sentenceElsewhereAt(x, y) : null);
  }

  /**
   * The flagged sentences outside our document's own tree (an iframe's article, an
   * article in a shadow root), found again after each paint. The content script's
   * hit-test sees neither, so they are searched here by their rectangles.
   * @type {number[]}
   */
  let elsewhere = [];

  function findElsewhere() {
    elsewhere = sl.flaggedElsewhere();
  }

  function sentenceElsewhereAt(x, y) {
    for (const id of elsewhere) {
      const ranges = sl.rangesOf(id) ?? [];
      if (ranges.length === 0) continue;
      const doc = ranges[0].startContainer.ownerDocument;
      const { dx, dy } = doc === document ? { dx: 0, dy: 0 } : frameOffset(doc);
      for (const range of ranges) {
        for (const rect of sl.clientRects(range)) {
          const left = rect.left + dx;
          const top = rect.top + dy;
          if (x >= left && x <= left + rect.width && y >= top && y <= top + rect.height) return id;
        }
      }
    }
    return null;
  }

  // ---- Articles in same-origin iframes ----------------------------------------------

  /** Frame documents whose pointer and keys we listen to, with their listeners. */
  const frameDocs = new Map();

  /** After each paint: listen in every frame document that holds a flagged sentence. */
  function watchFrames() {
    for (const id of elsewhere) { // a frame's sentences are outside the document's tree
      for (const range of sl.rangesOf(id) ?? []) {
        const doc = range.startContainer.ownerDocument;
        if (doc === document || frameDocs.has(doc) || !doc.defaultView) continue;
        const added = [
          [doc, 'pointermove', onPointerMove, { capture: true, passive: true }],
          [doc, 'click', onClick, { capture: true }],
          [doc.defaultView, 'keydown', onKeyDown, { capture: true }],
          [doc.defaultView, 'scroll', placeSoon, { capture: true, passive: true }],
        ];
        for (const [target, type, fn, options] of added) target.addEventListener(type, fn, options);
        frameDocs.set(doc, added);
      }
    }
  }

  function unwatchFrames() {
    for (const added of frameDocs.values()) {
      for (const [target, type, fn, options] of added) {
        try {
          target.removeEventListener(type, fn, options);
        } catch {
          // The frame is gone.
        }
      }
    }
    frameDocs.clear();
  }

  /** After a repaint ids may stand for other sentences (the page changed): keep the card only if it still fits. */
  function onPainted() {
    findElsewhere();
    watchFrames();
    if (!open) return;
    if (!isFlagged(open.id) || entryOf(open.id).text !== open.text) closeCard();
    else placeSoon();
  }

  function onCleared() {
    closeCard();
    elsewhere = [];
    unwatchFrames(); // the next paint finds the frames again; removed ones are let go
  }

  const listeners = [
    [document, 'pointermove', onPointerMove, { capture: true, passive: true }],
    [document, 'click', onClick, { capture: true }],
    [window, 'keydown', onKeyDown, { capture: true }],
    [window, 'scroll', placeSoon, { capture: true, passive: true }],
    [window, 'resize', placeSoon, { passive: true }],
  ];
  for (const [target, type, fn, options] of listeners) target.addEventListener(type, fn, options);
  sl.on('painted', onPainted);
  sl.on('cleared', onCleared);
  if (sl.state?.status === 'ok') {
    // Injected again after a paint: catch up.
    findElsewhere();
    watchFrames();
  }

  function teardown() {
    clearTimeout(hoverTimer);
    cancelAnimationFrame(frame);
    closeCard();
    for (const [target, type, fn, options] of listeners) target.removeEventListener(type, fn, options);
    unwatchFrames();
    sl.off?.('painted', onPainted);
    sl.off?.('cleared', onCleared);
    if (globalThis.__sourcelightCard === card) delete globalThis.__sourcelightCard;
  }

  const card = Object.freeze({
    open: openCard,
    close: () => closeCard({ restoreFocus: true }),
    /** The sentence whose card is open, or null. */
    currentId: () => open?.id ?? null,
    teardown,
  });
  globalThis.__sourcelightCard = card;
})();
