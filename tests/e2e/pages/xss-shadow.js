// Renders the story into an open shadow root, with DOM calls (no HTML strings).
customElements.define('news-story', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = 'article { max-width: 660px; margin: 24px 40px; font: 18px/1.6 Georgia, serif; color: #222; }';
    const article = document.createElement('article');
    const add = (tag, text) => {
      const el = document.createElement(tag);
      el.textContent = text;
      article.append(el);
    };
    add('h1', 'Tram line to open a year late');
    add('p', 'The new tram line will open a year late, the city transport board said on Tuesday.');
    add('p', 'The cost has risen by a third, according to people close to the project.');
    add('p', 'Work on the river bridge stopped for four months last winter.');
    add('p', 'The project website showed "><svg onload="window.__xss=6"> for a day in May.');
    add('p', 'Residents say the works have made the high street hard to reach.');
    add('p', 'The line was first promised in 2019.');
    root.append(style, article);
  }
});
