// Hostile to the extension: the page replaces the globals and prototypes an extension
// might lean on. The extension's scripts run in their own world and must not notice;
// if any of these ran on their behalf, the card would break (and window.__hijacked
// would say which).
(() => {
  const hit = (name) => () => {
    window.__hijacked = (window.__hijacked || []).concat(name);
    throw new Error(`hijacked ${name}`);
  };
  const originalAttachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = hit('attachShadow');
  HTMLElement.prototype.showPopover = hit('showPopover');
  HTMLElement.prototype.hidePopover = hit('hidePopover');
  Range.prototype.getClientRects = hit('getClientRects');
  Range.prototype.getBoundingClientRect = hit('getBoundingClientRect');
  Element.prototype.getBoundingClientRect = hit('Element.getBoundingClientRect');
  Document.prototype.createElement = hit('createElement');
  Node.prototype.appendChild = hit('appendChild');
  Element.prototype.append = hit('append');
  Array.prototype.map = hit('Array.map');
  Array.prototype.includes = hit('Array.includes');
  Array.prototype.filter = hit('Array.filter');
  JSON.stringify = hit('JSON.stringify');
  JSON.parse = hit('JSON.parse');
  // Custom elements under names an extension might use: their constructors would run on
  // the extension's element and take its shadow root first.
  for (const name of ['sourcelight-card', 'sourcelight-host', 'sl-card']) {
    customElements.define(name, class extends HTMLElement {
      constructor() {
        super();
        window.__hijacked = (window.__hijacked || []).concat(`custom element ${name}`);
        Element.prototype.attachShadow = originalAttachShadow;
        this.attachShadow({ mode: 'closed' });
      }
    });
  }
  window.CSS = { highlights: null, supports: hit('CSS.supports') };
  window.requestAnimationFrame = hit('requestAnimationFrame');
  window.setTimeout = hit('setTimeout');
})();
