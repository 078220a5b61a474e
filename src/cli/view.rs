//! What `scan` reports, in the shape of `docs/design.md`, built once for all three formats.
//!
//! The core gives spans per block; here they become byte offsets into the whole
//! document text, and every span carries its text, so that the JSON is the contract
//! (`sentences[].text`, `sentences[].verdict` are what other tools score by) and the
//! text and HTML reports only have to lay it out.

use serde::Serialize;

use sourcelight::profile::{ProfileSource, Summary};
use sourcelight::{Analysis, SourceKind, Span, Verdict};

use super::document::Document;
use super::input::Format;

#[derive(Debug, Serialize)]
pub struct ScanView {
    pub lang: &'static str,
    pub input: InputView,
    pub sentences: Vec<SentenceView>,
    pub sources: Vec<SourceCount>,
    /// The anonymous phrases used ("people familiar with the matter"), each once.
    pub anonymous_phrases: Vec<SourceCount>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct InputView {
    /// `text` or `html`.
    pub format: &'static str,
    /// The page title, for HTML input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For HTML input, the extracted article text the offsets refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SentenceView {
    /// UTF-8 byte offsets into the input text (HTML: into `input.text`), end exclusive.
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (block) the sentence is in.
    pub paragraph: usize,
    pub text: String,
    pub verdict: Verdict,
    pub hedged: bool,
    pub quote: bool,
    pub source: Option<SourceView>,
    pub cue: Option<SpanView>,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: SourceKind,
    pub name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SpanView {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct SourceCount {
    pub name: String,
    pub kind: SourceKind,
    /// How many sentences rest on this source.
    pub sentences: usize,
    /// Which ones (indices into `sentences`), for the reports' links.
    #[serde(skip)]
    pub ids: Vec<usize>,
}

/// `n` of `total` as a whole percentage, rounded; 0 of nothing is 0 %.
pub fn percent(n: usize, total: usize) -> usize {
    (n * 100 + total / 2).checked_div(total).unwrap_or(0)
}

impl ScanView {
    pub fn build(document: &Document, analysis: &Analysis) -> ScanView {
        // A span the engine got wrong is dropped rather than allowed to panic a slice.
        let place = |block: usize, span: Span| -> Option<SpanView> {
            let range = document.blocks.get(block)?;
            let text = document.text.get(range.clone())?.get(span.start..span.end)?;
            Some(SpanView { text: text.to_string(), start: range.start + span.start, end: range.start + span.end })
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
                        name: source.name.clone(),
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
                    reason: sentence.reason.clone(),
                })
            })
            .collect();
        let counts = |list: &[ProfileSource]| {
            list.iter()
                .map(|s| SourceCount {
                    name: s.name.clone(),
                    kind: s.kind,
                    sentences: s.sentences.len(),
                    ids: s.sentences.clone(),
                })
                .collect()
        };
        let html = document.format == Format::Html;
        ScanView {
            lang: analysis.lang.code(),
            input: InputView {
                format: if html { "html" } else { "text" },
                title: document.title.clone(),
                text: html.then(|| document.text.clone()),
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
                proptest::prop_assert_eq!(text.get(sentence.start..sentence.end), Some(sentence.text.as_str()));
                if let Some(source) = &sentence.source {
                    proptest::prop_assert_eq!(text.get(source.start..source.end), Some(source.text.as_str()));
                }
                if let Some(cue) = &sentence.cue {
                    proptest::prop_assert_eq!(text.get(cue.start..cue.end), Some(cue.text.as_str()));
                }
            }
            proptest::prop_assert_eq!(view.summary.sentences, view.sentences.len());
        }
    }
}
