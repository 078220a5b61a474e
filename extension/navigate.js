// Keyboard stepping through the flagged (painted) sentences: Alt+Shift+ArrowDown goes to
// the next one, Alt+Shift+ArrowUp to the previous one; each is scrolled into view,
// flashed, and its card opened (and focused, so a screen reader reads it).
//
// Why these keys: single characters such as `]`/`[` or `j`/`k` are taken by many sites
// (feeds, galleries, video players) and by keyboard layouts that type them with AltGr;
// plain arrows scroll. Alt+Shift+Arrow does nothing in Chromium or Firefox on a page,
// and is left alone inside editable fields, where it extends a selection on macOS.
// The toggle itself is the manifest command (Alt+Shift+S), handled by the background.
//
// Content script (classic). Builds on `__sourcelight` (content.js) and
// `__sourcelightCard` (card.js); adds the one global `__sourcelightNavigate`.

(() => {
  'use strict';

  globalThis.__sourcelightNavigate?.teardown();

  const sl = globalThis.__sourcelight;
  if (!sl) return;

  /** The sentence stepped to last, so the next step continues from it. */
  let current = null;

  function isStepKey(event) {
    return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey
      && (event.key === 'ArrowDown' || event.key === 'ArrowUp');
  }

  /** Inputs, text areas, selects and contenteditable regions keep every key. */
  function isEditable(node) {
    // nodeType, not instanceof: a node from an iframe's article belongs to another realm.
    const element = node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement;
    if (!element) return false;
    if (element.isContentEditable) return true;
    const tag = element.localName;
    if (tag === 'textarea' || tag === 'select') return true;
    if (tag === 'input') {
      const type = (element.getAttribute('type') || 'text').toLowerCase();
      return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'image', 'color', 'file'].includes(type);
    }
    const role = element.getAttribute('role');
    return role === 'textbox' || role === 'searchbox' || role === 'combobox';
  }

  function onKeyDown(event) {
    if (!isStepKey(event) || event.defaultPrevented) return;
    if (isEditable(event.composedPath()[0])) return;
    if (!sl.state?.enabled) return;
    const ids = sl.flagged();
    if (ids.length === 0) return;
    event.preventDefault();
    event.stopPropagation();
    step(ids, event.key === 'ArrowDown' ? 1 : -1);
  }

  /**
   * Goes one flagged sentence forward or back, wrapping at the ends. Starts from the
   * sentence whose card is open, else the one stepped to last, else from what is on
   * screen: the first sentence below the top of the viewport, or the last above its
   * bottom.
   */
  function step(ids, direction) {
    const from = globalThis.__sourcelightCard?.currentId() ?? current;
    let index = from === null ? -1 : ids.indexOf(from);
    if (index >= 0) {
      index = (index + direction + ids.length) % ids.length;
    } else {
      index = direction > 0 ? firstBelowTop(ids) : lastAboveBottom(ids);
    }
    const id = ids[index];
    current = id;
    sl.scrollToSentence(id);
    globalThis.__sourcelightCard?.open(id, { via: 'keyboard', index, total: ids.length });
  }

  function firstRect(id) {
    for (const range of sl.rangesOf(id) ?? []) {
      const rect = sl.boundingRect(range);
      if (rect && (rect.width > 0 || rect.height > 0)) return rect;
    }
    return null;
  }

  function firstBelowTop(ids) {
    const found = ids.findIndex((id) => (firstRect(id)?.top ?? -1) >= 0);
    return found >= 0 ? found : 0;
  }

  function lastAboveBottom(ids) {
    const bottom = document.documentElement.clientHeight || innerHeight;
    for (let i = ids.length - 1; i >= 0; i--) {
      const rect = firstRect(ids[i]);
      if (rect && rect.bottom <= bottom) return i;
    }
    return ids.length - 1;
  }

  /** Windows of same-origin iframes holding flagged sentences: keys typed there count too. */
  const frameWindows = new Set();

  function onPainted() {
    for (const id of sl.flaggedElsewhere()) { // a frame's sentences are outside the document's tree
      const win = sl.rangesOf(id)?.[0]?.startContainer.ownerDocument.defaultView;
      if (!win || win === window || frameWindows.has(win)) continue;
      win.addEventListener('keydown', onKeyDown, { capture: true });
      frameWindows.add(win);
    }
  }

  function forgetFrames() {
    for (const win of frameWindows) {
      try {
        win.removeEventListener('keydown', onKeyDown, { capture: true });
      } catch {
        // The frame is gone.
      }
    }
    frameWindows.clear();
  }

  function onCleared() {
    current = null;
    forgetFrames();
  }

  window.addEventListener('keydown', onKeyDown, { capture: true });
  sl.on('painted', onPainted);
  sl.on('cleared', onCleared);
  if (sl.state?.status === 'ok') onPainted();

  function teardown() {
    window.removeEventListener('keydown', onKeyDown, { capture: true });
    forgetFrames();
    sl.off?.('painted', onPainted);
    sl.off?.('cleared', onCleared);
    if (globalThis.__sourcelightNavigate === navigate) delete globalThis.__sourcelightNavigate;
  }

  const navigate = Object.freeze({
    /** Steps forward (1) or back (-1), as the keys do; false when nothing is flagged. */
    step: (direction) => {
      const ids = sl.state?.enabled ? sl.flagged() : [];
      if (ids.length === 0) return false;
      step(ids, direction < 0 ? -1 : 1);
      return true;
    },
    teardown,
  });
  globalThis.__sourcelightNavigate = navigate;
})();
