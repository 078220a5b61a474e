//! A language's grammar hooks, chosen through the [`Lang`] of the lexicon a
//! sentence is read with.
//!
//! Most of what a language needs is data: its word lists under
//! `data/<lang>/`. What its grammar does differently is here, as three hooks
//! the engine calls: how cues are found in a sentence, which word heads a
//! noun phrase, and what hedges a claim. English is the engine's own rules
//! (`cues`, `hedges`); French is [`super::fr`]. Adding a language is adding
//! an arm to each match below, with its module beside `fr.rs`.

use crate::cues::{self, Found};
use crate::hedges;
use crate::lang::{fr, Lang};
use crate::lexicon::Lexicon;
use crate::noun_phrases;
use crate::phrases::Starts;
use crate::tokens::Reading;

/// Every attribution cue of the sentence `r` reads, in order of the cue
/// (`found` is cleared first).
pub fn find_cues(r: &Reading, opens_block: bool, found: &mut Vec<Found>) {
    match r.lex.lang {
        Lang::En => cues::find_into(r, opens_block, found),
        Lang::Fr => fr::find_cues(r, opens_block, found),
    }
}

/// The head word of the source phrase `start..end`: what a later "the
/// company", "la société" refers back to, and what says what kind of source it is.
pub fn head_of(r: &Reading, start: usize, end: usize) -> usize {
    match r.lex.lang {
        Lang::En => noun_phrases::head_of(r, start, end),
        Lang::Fr => fr::head_of(r, start, end),
    }
}

/// Whether a sentence (as written, its lower-case twin, and the places phrases may start in it) is hedged.
pub fn is_hedged(sentence: &str, lower: &str, starts: &Starts, lex: &Lexicon) -> bool {
    match lex.lang {
        Lang::En => hedges::is_hedged(sentence, lower, starts, lex),
        Lang::Fr => fr::is_hedged(sentence, lower, starts, lex),
    }
}
