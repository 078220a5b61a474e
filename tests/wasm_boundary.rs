//! The wasm boundary, tested under wasm (in node, through wasm-bindgen-test-runner).
//!
//! Decodes what `analyse` returns back into typed views and checks the things only the
//! boundary can get wrong: UTF-16 offsets on text with emoji, combining marks and lone
//! surrogates, the request's validation, and the JSON-compatible shape.
#![cfg(target_arch = "wasm32")]

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test as test;

#[derive(Debug, Deserialize)]
struct View {
    lang: String,
    blocks: Vec<BlockView>,
    profile: ProfileView,
}

#[derive(Debug, Deserialize)]
struct BlockView {
    sentences: Vec<SentenceView>,
}

#[derive(Debug, Deserialize)]
struct SentenceView {
    id: usize,
    start: usize,
    end: usize,
    verdict: String,
    reason: String,
    cue: Option<CueView>,
}

#[derive(Debug, Deserialize)]
struct CueView {
    text: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct ProfileView {
    summary: Summary,
}

#[derive(Debug, Deserialize)]
struct Summary {
    sentences: usize,
}

/// A request object built in JavaScript, as the background script builds it.
fn request(blocks: &[JsValue], lang: Option<&str>) -> JsValue {
    let array = js_sys::Array::new();
    for block in blocks {
        array.push(block);
    }
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"blocks".into(), &array).unwrap();
    if let Some(lang) = lang {
        js_sys::Reflect::set(&object, &"lang".into(), &lang.into()).unwrap();
    }
    object.into()
}

fn analyse(blocks: &[JsValue]) -> View {
    let value = sourcelight::wasm::analyse(request(blocks, Some("en"))).expect("analysis succeeds");
    serde_wasm_bindgen::from_value(value).expect("the view decodes")
}

/// The UTF-16 slice `start..end` of a JS string, as a DOM range would see it.
fn utf16_slice(text: &js_sys::JsString, start: usize, end: usize) -> String {
    text.substring(start as u32, end as u32).into()
}

#[test]
fn offsets_are_utf16_code_units_past_emoji_and_combining_marks() {
    let text = "Cafe\u{301} owners 😀 are angry. The mayor said the rent will rise.";
    let js = js_sys::JsString::from(text);
    let view = analyse(&[js.clone().into()]);
    let sentences = &view.blocks[0].sentences;
    assert_eq!(sentences.len(), 2);
    assert_eq!(utf16_slice(&js, sentences[0].start, sentences[0].end), "Cafe\u{301} owners 😀 are angry.");
    assert_eq!(utf16_slice(&js, sentences[1].start, sentences[1].end), "The mayor said the rent will rise.");
    let cue = sentences[1].cue.as_ref().expect("the second sentence has a cue");
    assert_eq!(utf16_slice(&js, cue.start, cue.end), cue.text);
    assert_eq!(cue.text, "said");
}

#[test]
fn lone_surrogates_keep_offsets_in_line_with_the_page() {
    // "\u{D83D}" alone: a broken emoji as pages sometimes hold. It reaches Rust as U+FFFD,
    // one UTF-16 unit either way, so the offsets still point at the same page text.
    let units: Vec<u16> = "Prices rose ".encode_utf16().chain([0xD83D]).chain(" sharply. The minister said so.".encode_utf16()).collect();
    let js = js_sys::JsString::from_char_code(&units);
    let view = analyse(&[js.clone().into()]);
    let sentences = &view.blocks[0].sentences;
    assert_eq!(sentences.len(), 2);
    let first = js.substring(sentences[0].start as u32, sentences[0].end as u32);
    assert_eq!(first.length(), 22, "the lone surrogate counts as one unit");
    assert_eq!(first.char_code_at(12), 0xD83D as f64);
    assert_eq!(utf16_slice(&js, sentences[1].start, sentences[1].end), "The minister said so.");
}

#[test]
fn sentence_ids_count_across_blocks_in_reading_order() {
    let view = analyse(&["One. Two.".into(), "".into(), "Three.".into()]);
    let ids: Vec<usize> = view.blocks.iter().flat_map(|b| b.sentences.iter().map(|s| s.id)).collect();
    assert_eq!(ids, [0, 1, 2]);
    assert!(view.blocks[1].sentences.is_empty());
    assert_eq!(view.profile.summary.sentences, 3);
    assert_eq!(view.lang, "en");
}

#[test]
fn every_sentence_has_a_verdict_and_a_reason() {
    let view = analyse(&["Officials said the bridge is unsafe. It opened in 1931.".into()]);
    for sentence in &view.blocks[0].sentences {
        assert!(["named", "anonymous", "unattributed", "none"].contains(&sentence.verdict.as_str()));
        assert!(!sentence.reason.is_empty());
        assert!(sentence.start < sentence.end);
    }
}

#[test]
fn a_malformed_request_is_an_error_not_a_trap() {
    let error = sourcelight::wasm::analyse(JsValue::from_str("not an object")).unwrap_err();
    let message: String = JsValue::from(error).dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(message.contains("malformed"), "{message}");
    let unknown = sourcelight::wasm::analyse(request(&["Text.".into()], Some("xx"))).unwrap_err();
    let message: String = JsValue::from(unknown).dyn_into::<js_sys::Error>().unwrap().message().into();
    assert!(message.contains("unknown language"), "{message}");
}

#[test]
fn the_language_may_be_left_out() {
    let value = sourcelight::wasm::analyse(request(&["Text.".into()], None)).expect("auto language");
    let view: View = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(view.lang, "en");
}
