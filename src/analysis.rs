//! The pipeline's entry point and what it returns.
//!
//! [`Analysis`] is the core's contract with its two front ends: the wasm boundary
//! (`wasm.rs`) turns it into per-block views with UTF-16 offsets, the command-line
//! tool into the JSON of `docs/design.md`. Its parts are in [`crate::sentence`].

use serde::Serialize;

use crate::lang::{Lang, LangHint, Unsupported};
use crate::profile::Profile;
use crate::sentence::Sentence;
use crate::{judge, profile};

/// Everything the core says about one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub lang: Lang,
    /// In reading order: by block, then by position in the block.
    pub sentences: Vec<Sentence>,
    pub profile: Profile,
}

/// Reads an article given as text blocks and gives every sentence a verdict.
///
/// The language is decided first ([`LangHint::resolve`]): an article in a
/// language the core does not read is refused, not read with rules that do not
/// fit it.
///
/// Never panics, whatever the input: empty blocks, unbalanced quotes and text
/// with no sentence punctuation all give a (possibly empty) analysis.
///
/// # Errors
///
/// [`Unsupported`] when the article is in a language the core does not read.
pub fn analyse(blocks: &[&str], lang: LangHint) -> Result<Analysis, Unsupported> {
    let lang = lang.resolve(blocks)?;
    let sentences = judge::judge(blocks, lang);
    let profile = profile::build(blocks, &sentences);
    Ok(Analysis { lang, sentences, profile })
}
