//! The boundary to JavaScript: one function in, plain JSON-compatible values out.
//!
//! The browser's background script calls [`analyse`] with the article's blocks as
//! strings. Offsets go back in UTF-16 code units within each block, which is what
//! DOM ranges count in. Nothing here decides anything about sourcing: it only
//! converts the core's [`Analysis`] into the view types below, which are the
//! contract with `extension/`.
//!
//! Lone surrogates in the page's text arrive as U+FFFD (one UTF-16 unit either
//! way), so offsets still line up with the page.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::analysis::{Analysis, Sentence, SourceKind};
use crate::lang::LangHint;
use crate::profile::Profile;
use crate::utf16::Utf16Table;
use crate::verdict::Verdict;

#[derive(Deserialize)]
struct Request {
    blocks: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Serialize)]
struct View<'a> {
    lang: &'static str,
    blocks: Vec<BlockView<'a>>,
    profile: &'a Profile,
}

#[derive(Serialize)]
struct BlockView<'a> {
    sentences: Vec<SentenceView<'a>>,
}

#[derive(Serialize)]
struct SentenceView<'a> {
    /// Index into the article's sentences: what the profile's lists refer to.
    id: usize,
    start: usize,
    end: usize,
    verdict: Verdict,
    hedged: bool,
    quote: bool,
    source: Option<SourceView<'a>>,
    cue: Option<CueView<'a>>,
    reason: &'a str,
}

#[derive(Serialize)]
struct SourceView<'a> {
    text: &'a str,
    block: usize,
    start: usize,
    end: usize,
    kind: SourceKind,
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct CueView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Analyses `{blocks: string[], lang?: "auto" | "en"}` and returns
/// `{lang, blocks: [{sentences: [...]}], profile}`.
///
/// # Errors
/// A request of the wrong shape or an unknown language, as a JS `Error` with a sentence.
#[wasm_bindgen]
pub fn analyse(request: JsValue) -> Result<JsValue, JsError> {
    let request: Request = serde_wasm_bindgen::from_value(request)
        .map_err(|e| JsError::new(&format!("the analysis request is malformed: {e}")))?;
    let lang_name = request.lang.as_deref().unwrap_or("auto");
    let lang =
        LangHint::parse(lang_name).ok_or_else(|| JsError::new(&format!("unknown language {lang_name:?}")))?;
    let blocks: Vec<&str> = request.blocks.iter().map(String::as_str).collect();
    let analysis = crate::analysis::analyse(&blocks, lang);
    let view = view(&blocks, &analysis);
    view.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("the analysis could not be returned: {e}")))
}

/// The version of the core, for the popup's "about" line and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn view<'a>(blocks: &[&'a str], analysis: &'a Analysis) -> View<'a> {
    let tables: Vec<Utf16Table> = blocks.iter().map(|b| Utf16Table::new(b)).collect();
    let mut views: Vec<BlockView> = blocks.iter().map(|_| BlockView { sentences: Vec::new() }).collect();
    for (id, sentence) in analysis.sentences.iter().enumerate() {
        views[sentence.block].sentences.push(sentence_view(id, sentence, blocks, &tables));
    }
    View { lang: analysis.lang.code(), blocks: views, profile: &analysis.profile }
}

fn sentence_view<'a>(id: usize, s: &'a Sentence, blocks: &[&'a str], tables: &[Utf16Table]) -> SentenceView<'a> {
    let table = &tables[s.block];
    SentenceView {
        id,
        start: table.to_utf16(s.span.start),
        end: table.to_utf16(s.span.end),
        verdict: s.verdict,
        hedged: s.hedged,
        quote: s.quote,
        source: s.source.as_ref().map(|src| SourceView {
            text: src.span.text(blocks[src.block]),
            block: src.block,
            start: tables[src.block].to_utf16(src.span.start),
            end: tables[src.block].to_utf16(src.span.end),
            kind: src.kind,
            name: src.name.as_deref(),
        }),
        cue: s.cue.map(|cue| CueView {
            text: cue.span.text(blocks[s.block]),
            start: table.to_utf16(cue.span.start),
            end: table.to_utf16(cue.span.end),
        }),
        reason: &s.reason,
    }
}
