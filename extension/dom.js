// A tiny DOM helper for the extension's own pages (popup, options).
//
// Everything the pages show is built with `h`, which only ever sets text through
// `textContent`: a sentence from a hostile page, such as `<img src=x onerror=...>`,
// ends up on screen as those characters, never as markup. There is no innerHTML in
// the extension.
//
// Classic script: adds the one global `SOURCELIGHT_DOM`.

globalThis.SOURCELIGHT_DOM = (() => {
  const api = globalThis.browser ?? globalThis.chrome;

  /**
   * Creates an element.
   *
   * @param {string} tag
   * @param {Record<string, any>|null} [props] `class`, `text`, `on<event>` (a listener),
   *   `dataset`, `style` (an object), anything else as an attribute; `null`, `undefined`
   *   and `false` leave the attribute out, `true` sets it empty.
   * @param {...(Node|string|number|null|undefined|false|Array)} children strings become
   *   text nodes; falsy children are skipped; arrays are flattened.
   * @returns {HTMLElement}
   */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') el.textContent = String(value);
      else if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style') for (const [name, v] of Object.entries(value)) el.style.setProperty(name, v);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key in el && typeof el[key] === 'boolean') el[key] = Boolean(value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(parent, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(parent, child);
      else if (child instanceof Node) parent.append(child);
      else parent.append(document.createTextNode(String(child)));
    }
  }

  /** Replaces every child of `el` with `children`. */
  function replace(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
  }

  /**
   * A localised string. Substitutions are passed as strings; a missing key gives the
   * key itself, so a forgotten translation shows up on screen instead of a blank.
   */
  function t(key, ...substitutions) {
    const text = api.i18n.getMessage(key, substitutions.map(String));
    return text || key;
  }

  /**
   * Fills the static text of a page: `data-i18n` sets textContent, `data-i18n-label`
   * sets aria-label, `data-i18n-title` sets the title attribute.
   */
  function localise(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    document.documentElement.lang = api.i18n.getUILanguage();
    document.documentElement.dir = t('@@bidi_dir');
  }

  /** A whole number as a share of `total`, rounded, for display ("43 %"). */
  function percent(count, total) {
    return total > 0 ? Math.round((count / total) * 100) : 0;
  }

  /** Shortens a sentence for a list entry, at a word boundary when one is near. */
  function shorten(text, max = 90) {
    const flat = String(text).replace(/\s+/g, ' ').trim();
    if (flat.length <= max) return flat;
    let cut = flat.slice(0, max);
    // Never split an emoji or other astral character in half.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    const space = cut.lastIndexOf(' ');
    return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
  }

  return Object.freeze({ api, h, replace, t, localise, percent, shorten });
})();
