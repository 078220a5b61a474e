//! What `scan` reports, in the shape of `docs/design.md`, built once for all three formats.
//!
//! The core gives spans per block; here they become byte offsets into the whole
//! document text, and every span carries its text, so that the JSON is the contract
//! (`sentences[].text`, `sentences[].verdict` are what other tools score by) and the
//! text and HTML reports only have to lay it out. The view borrows its text from
//! the document and the analysis: a batch writes one for every article, and copying
//! each sentence, reason and name into it was a fifth of the time of writing it.

use serde::Serialize;

use sourcelight::profile::{ProfileSource, Summary};
use sourcelight::{Analysis, SourceKind, Span, Verdict};

use super::document::Document;
use super::input::Format;

#[derive(Debug, Serialize)]
pub struct ScanView<'a> {
    pub lang: &'static str,
    pub input: InputView<'a>,
    pub sentences: Vec<SentenceView<'a>>,
    pub sources: Vec<SourceCount<'a>>,
    /// The anonymous phrases used ("people familiar with the matter"), each once.
    pub anonymous_phrases: Vec<SourceCount<'a>>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct InputView<'a> {
    /// `text` or `html`.
    pub format: &'static str,
    /// The page title, for HTML input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// For HTML input, the extracted article text the offsets refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SentenceView<'a> {
    /// UTF-8 byte offsets into the input text (HTML: into `input.text`), end exclusive.
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (block) the sentence is in.
    pub paragraph: usize,
    pub text: &'a str,
    pub verdict: Verdict,
    pub hedged: bool,
    pub quote: bool,
    pub source: Option<SourceView<'a>>,
    pub cue: Option<SpanView<'a>>,
    pub reason: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: SourceKind,
    pub name: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SpanView<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct SourceCount<'a> {
    pub name: &'a str,
    pub kind: SourceKind,
    /// How many sentences rest on this source.
    pub sentences: usize,
    /// Which ones (indices into `sentences`), for the reports' links.
    #[serde(skip)]
    pub ids: &'a [usize],
}

/// `n` of `total` as a whole percentage, rounded; 0 of nothing is 0 %.
pub fn percent(n: usize, total: usize) -> usize {
    (n * 100 + total / 2).checked_div(total).unwrap_or(0)
}

impl<'a> ScanView<'a> {
    pub fn build(document: &'a Document, analysis: &'a Analysis) -> ScanView<'a> {
        // A span the engine got wrong is dropped rather than allowed to panic a slice.
        let place = |block: usize, span: Span| -> Option<SpanView<'a>> {
            let range = document.blocks.get(block)?;
            let text = document.text.get(range.clone())?.get(span.start..span.end)?;
            Some(SpanView { text, start: range.start + span.start, end: range.start + span.end })
        };
        let sentences = analysis
            .sentences
            .iter()
            .filter_map(|sentence| {
                let whole = place(sentence.block, sentence.span)?;
                let source = sentence.source.as_ref().and_then(|source| {
                    let at = place(source.block, source.span)?;
                    Some(SourceView {
                        text: at.text,
                        start: at.start,
                        end: at.end,
                        kind: source.kind,
                        name: source.name.as_deref(),
                    })
                });
                Some(SentenceView {
                    start: whole.start,
                    end: whole.end,
                    paragraph: sentence.block,
                    text: whole.text,
                    verdict: sentence.verdict,
                    hedged: sentence.hedged,
                    quote: sentence.quote,
                    source,
                    cue: sentence.cue.and_then(|cue| place(sentence.block, cue.span)),
                    reason: &sentence.reason,
                })
            })
            .collect();
        let counts = |list: &'a [ProfileSource]| {
            list.iter()
                .map(|s| SourceCount { name: &s.name, kind: s.kind, sentences: s.sentences.len(), ids: &s.sentences })
                .collect()
        };
        let html = document.format == Format::Html;
        ScanView {
            lang: analysis.lang.code(),
            input: InputView {
                format: if html { "html" } else { "text" },
                title: document.title.as_deref(),
                text: html.then_some(document.text.as_str()),
            },
            sentences,
            sources: counts(&analysis.profile.sources),
            anonymous_phrases: counts(&analysis.profile.anonymous_phrases),
            summary: analysis.profile.summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourcelight::{analyse, Lang, LangHint};

    proptest::proptest! {
        /// Whatever the engine says about any text, every offset in the view slices the
        /// input to the text the view gives with it.
        #[test]
        fn every_offset_slices_the_input(text in "(\\PC|[ \\n\"“”«».,:;!?—-]){0,300}") {
            let document = Document::from_text(text.clone());
            let analysis = analyse(&document.block_texts(), LangHint::Is(Lang::En)).expect("a forced language is read");
            let view = ScanView::build(&document, &analysis);
            for sentence in &view.sentences {
                proptest::prop_assert_eq!(text.get(sentence.start..sentence.end), Some(sentence.text));
                if let Some(source) = &sentence.source {
                    proptest::prop_assert_eq!(text.get(source.start..source.end), Some(source.text));
                }
                if let Some(cue) = &sentence.cue {
                    proptest::prop_assert_eq!(text.get(cue.start..cue.end), Some(cue.text));
                }
            }
            proptest::prop_assert_eq!(view.summary.sentences, view.sentences.len());
        }
    }
}
