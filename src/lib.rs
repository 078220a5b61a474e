//! sourcelight reads a news article and says, for every sentence, how it is sourced.
//!
//! The core is text in, data out: [`analyse`] takes an article as a list of text
//! blocks (paragraphs, list items, headings, as the browser or the command line found
//! them) and returns one [`Sentence`] verdict per sentence, `named`, `anonymous`,
//! `unattributed` or `none`, with the source, the cue and a one-line reason, plus the
//! article's sourcing [`Profile`]. Nothing here touches a DOM or a file: the browser
//! extension reaches the core through `wasm`, the command-line tool through `main.rs`.
//!
//! Offsets are UTF-8 byte offsets into a block, end-exclusive ([`Span`]). The wasm
//! boundary converts them to UTF-16 code units once per block ([`utf16`]).
//!
//! The pipeline, one module per step:
//! [`text`] (normalise) → [`quotes`] → [`sentences`] → [`attribution`] (each
//! sentence's [`cues`], their [`sources`] read on [`noun_phrases`] and resolved
//! against the [`memory`] of sources met, the [`relays`] among them) →
//! [`judge`] (verdicts with carry-over, with [`nonclaims`] and [`hedges`]) →
//! [`profile`].
//! Word lists live in `data/<lang>/*.txt`, compiled in and parsed once ([`lexicon`]);
//! their phrases are found on words by [`phrases`].

pub mod analysis;
pub mod attribution;
pub mod boilerplate;
pub mod chars;
pub mod corpus;
pub mod cues;
pub mod documents;
pub mod eval;
pub mod hedges;
pub mod judge;
pub mod lang;
pub mod lexicon;
pub mod lists;
pub mod memory;
pub mod nonclaims;
pub mod noun_phrases;
pub mod phrases;
pub mod profile;
pub mod quotes;
pub mod rejoin;
pub mod relays;
pub mod sentence;
pub mod sentences;
pub mod sources;
pub mod span;
pub mod text;
pub mod tokens;
pub mod utf16;
pub mod verdict;
pub mod word_table;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analysis::{analyse, Analysis};
pub use sentence::{Cue, Sentence, Source, SourceKind};
pub use lang::{Lang, LangHint, Language, Unsupported};
pub use profile::Profile;
pub use span::Span;
pub use verdict::Verdict;
