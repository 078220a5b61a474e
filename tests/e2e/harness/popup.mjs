// What the toolbar popup shows, read from its document: for the tests that open it.
import { waitFor } from './browsers.mjs';

/** Waits until the open popup has left its loading state; returns what it shows. */
export function readPopup(popup) {
  return waitFor(() => popup.evaluate((win) => {
    const doc = win.document;
    if (doc.getElementById('main')?.getAttribute('aria-busy') !== 'false') return null;
    const entries = (section) => [...doc.querySelectorAll(`#section-${section} .entry`)].map((button) => ({
      name: button.querySelector('.name')?.textContent ?? null,
      meta: button.querySelector('.meta')?.textContent ?? null,
      label: button.getAttribute('aria-label'),
      sentences: (button.dataset.sentences ?? button.dataset.sentence ?? '').split(' ').filter(Boolean).map(Number),
      title: button.getAttribute('title'),
      shown: button.textContent,
    }));
    return {
      message: doc.getElementById('status').textContent.trim(),
      anyway: Boolean(doc.getElementById('analyse-anyway')),
      profileShown: !doc.getElementById('profile').hidden,
      totals: doc.querySelector('.totals')?.textContent ?? null,
      shares: Object.fromEntries([...doc.querySelectorAll('.share')].map((li) => [li.dataset.verdict, { count: Number(li.dataset.count), text: li.textContent }])),
      sources: entries('sources'),
      anonymousPhrases: entries('anonymous-phrases'),
      unattributed: entries('unattributed'),
      hedged: entries('hedged'),
      enabled: doc.getElementById('enabled').checked,
      pageControls: !doc.getElementById('page-controls').hidden,
      painted: [...doc.querySelectorAll('input[name="painted"]:checked')].map((box) => box.value),
      siteMode: doc.querySelector('input[name="site-mode"]:checked')?.value ?? null,
      siteShown: !doc.getElementById('site-mode').hidden,
      // Every element type in the popup: page text must add none.
      tags: [...new Set([...doc.body.querySelectorAll('*')].map((el) => el.localName))].sort(),
      // The controls are on screen without scrolling, however tall the lists are.
      controlsInView: [...doc.querySelectorAll('#controls input, #open-options')].filter((el) => el.offsetParent !== null).every((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= win.innerHeight && box.height > 0;
      }),
      unnamedControls: [...doc.querySelectorAll('button, input')].filter((el) => !(el.getAttribute('aria-label') || el.labels?.[0]?.textContent.trim() || el.textContent.trim())).length,
    };
  }), { timeoutMs: 20_000, what: () => 'the popup to leave its loading state' });
}
