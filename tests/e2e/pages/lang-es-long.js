// A Spanish article too long for one analysis request (over 30,000 characters), on a page
// that declares English: its language is decided once, on blocks spread over all of it.
// With `?text=en` the same page holds an English article of the same length; with
// `?text=mixed` its first third is English and the rest Spanish, so that the first of its
// analysis requests alone would read as English.
const SPANISH = [
  'El ayuntamiento anunció el lunes que las obras del muelle norte durarán hasta la primavera, según un portavoz municipal.',
  'Los pescadores dicen que han perdido la mitad de sus ventas desde que se cerró la lonja, y piden ayudas para pasar el invierno.',
  '“No podemos esperar otro año sin cobrar”, dijo Ana Ruiz, que tiene un barco en el puerto desde hace veinte años.',
  'La empresa que construye el nuevo dique no quiso comentar los retrasos, pero fuentes cercanas al proyecto hablan de problemas con el suelo.',
];
const ENGLISH = [
  'The council announced on Monday that the works on the north quay will last until the spring, a spokesman for the town said.',
  'Fishermen say they have lost half of their sales since the fish market closed, and they want help to get through the winter.',
  '“We cannot wait another year without being paid,” said Ana Ruiz, who has kept a boat in the harbour for twenty years.',
  'The company building the new sea wall did not want to comment on the delays, but people close to the project speak of problems with the ground.',
];
const which = new URLSearchParams(location.search).get('text');
const body = document.getElementById('body');
for (let i = 0; i < 90; i++) {
  const english = which === 'en' || (which === 'mixed' && i < 30);
  for (const text of english ? ENGLISH : SPANISH) {
    const p = document.createElement('p');
    p.textContent = text;
    body.append(p);
  }
}
