// A news page that behaves like a single-page app:
// - about 800 ms after load, three more paragraphs arrive (lazy loading);
// - "Next story" swaps the whole article for another and pushes its URL (no reload);
// - the back button restores the first story.
// `window.metroNow` lets a test drive it without waiting: `grow()`, `showStory(name)`;
// with `?grow=manual` in the URL nothing grows until `grow()` is called.

const STORIES = {
  'story-1': {
    title: 'Tram line 4 extension approved',
    paragraphs: [
      'The city’s transport committee approved the extension of tram line 4 to the airport on Tuesday.',
      'The new section will be 6.5 kilometres long and have five stops.',
      '“This connects the airport to the city centre in nineteen minutes,” said committee chair Hanne Berg.',
      'Construction is due to start next spring.',
      'Hanne Berg said the first trams could run on the new section in 2029.',
      'Line 4 carried 41,000 passengers a day last year.',
      'Residents near the planned depot are said to be preparing a legal challenge.',
    ],
    later: [
      'Business owners along the route fear years of disruption.',
      'The project will cost €310 million, according to the committee’s own estimate.',
      'Opposition councillors said the money would be better spent on buses.',
    ],
  },
  'story-2': {
    title: 'Night buses return to the old town',
    paragraphs: [
      'Night buses will return to the old town from 1 July, the transport operator Citylink said.',
      'The service was cut in 2024 to save money.',
      'Bar owners are said to have lobbied hard for its return.',
      'Buses will run every 30 minutes between midnight and 5am.',
      'Tomás Ibarra, Citylink’s director, said people wanted to get home safely after a night out.',
      'The three routes will link the old town with the university and the two main housing estates.',
      'The city will pay for half of the cost, according to people familiar with the plans.',
      'The city council said the trial would be reviewed after six months.',
    ],
    later: [],
  },
};

const article = document.getElementById('story');
const loading = document.getElementById('loading');
const next = document.getElementById('next-story');
const base = location.pathname.replace(/\/story-\d+$/, '');
let grown = false;

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function grow() {
  if (grown) return;
  grown = true;
  for (const text of STORIES['story-1'].later) article.append(paragraph(text));
  loading.hidden = true;
}

function showStory(name) {
  const story = STORIES[name];
  const h1 = document.createElement('h1');
  h1.textContent = story.title;
  article.replaceChildren(h1, ...story.paragraphs.map(paragraph));
  document.title = `${story.title} | Metro Now`;
  loading.hidden = true;
  next.hidden = name === 'story-2';
}

next.addEventListener('click', (event) => {
  event.preventDefault();
  history.pushState({ story: 'story-2' }, '', `${base}/story-2`);
  showStory('story-2');
});

addEventListener('popstate', (event) => {
  const name = event.state?.story ?? 'story-1';
  showStory(name);
  if (name === 'story-1') for (const text of STORIES['story-1'].later) article.append(paragraph(text));
});

// `?grow=manual` leaves the growing to a test (metroNow.grow()), for a deterministic order.
if (location.pathname.endsWith('/story-2')) showStory('story-2');
else if (new URLSearchParams(location.search).get('grow') !== 'manual') setTimeout(grow, 800);

window.metroNow = { grow, showStory };
