// Paragraphs of an invented story, shared by the generated adversarial pages (huge
// article, 50,000 text nodes, 5,000-deep nesting, shadow root). Each page builds its
// article from them with DOM calls, as a script-heavy news site would.
window.STORY_PARAGRAPHS = [
  'The Saltmarsh inquiry heard evidence for a fourth day on Tuesday.',
  'The tidal barrier failed twice during the winter storms, flooding 140 homes.',
  '“We warned the board in writing three times,” said Ruth Adeyemi, the barrier’s former chief engineer.',
  'She added that the warnings had been ignored because of the cost of repairs.',
  'The repairs would have cost about €2 million, according to documents seen by the inquiry.',
  'Officials said the board had followed the advice it was given at the time.',
  'The board is understood to be preparing a formal apology to residents.',
  'The inquiry’s chair, Judge Petra Lindahl, said her report would be published in the spring.',
];
