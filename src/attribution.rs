//! From sentences to verdicts: a first, word-list-only reading.
//!
//! This is the baseline the engine issue replaces with quotation pairing, cue and
//! source extraction and carry-over. It is real (every verdict comes from the text),
//! only shallow.

use crate::analysis::{Cue, Sentence, Source, SourceKind};
use crate::lang::Lang;
use crate::lexicon;
use crate::sentences;
use crate::span::Span;
use crate::verdict::Verdict;

/// Every sentence of every block, with its verdict.
pub fn judge(blocks: &[&str], lang: Lang) -> Vec<Sentence> {
    let lexicon = lexicon::get(lang);
    let mut out = Vec::new();
    for (block_index, block) in blocks.iter().enumerate() {
        for span in sentences::split(block) {
            let text = span.text(block);
            let lower = text.to_lowercase();
            let quote = text.contains(['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}']);
            let mut sentence = Sentence {
                block: block_index,
                span,
                verdict: Verdict::Unattributed,
                hedged: false,
                quote,
                source: None,
                cue: None,
                reason: "No source is given for this claim.".to_string(),
            };
            // Lowercasing can change byte lengths outside ASCII; only trust a found
            // offset when it maps back onto the original text.
            let found = |needle: &str| {
                lower.find(needle).filter(|&at| text.is_char_boundary(at) && text.is_char_boundary(at + needle.len()))
            };
            if text.ends_with('?') {
                sentence.verdict = Verdict::None;
                sentence.reason = "A question is not a claim.".to_string();
            } else if let Some((at, phrase)) =
                lexicon.anonymous_phrases.iter().find_map(|p| found(p).map(|at| (at, p)))
            {
                let phrase_span = Span::new(span.start + at, span.start + at + phrase.len());
                sentence.verdict = Verdict::Anonymous;
                sentence.source =
                    Some(Source { block: block_index, span: phrase_span, kind: SourceKind::Anonymous, name: None });
                sentence.reason = "The source is not identified.".to_string();
            } else if let Some((at, verb)) = words(&lower)
                .find(|(at, w)| lexicon.reporting_verbs.iter().any(|v| v == w) && text.is_char_boundary(*at))
            {
                sentence.verdict = Verdict::Named;
                sentence.cue = Some(Cue { span: Span::new(span.start + at, span.start + at + verb.len()) });
                sentence.reason = "The claim is attributed with a reporting verb.".to_string();
            }
            out.push(sentence);
        }
    }
    out
}

/// The words of a lowercased sentence with their byte offsets.
fn words(lower: &str) -> impl Iterator<Item = (usize, &str)> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}
