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

/// A request with the page's declared language beside the blocks.
fn declaring(blocks: &[&str], declared: &str) -> JsValue {
    let js: Vec<JsValue> = blocks.iter().map(|b| JsValue::from_str(b)).collect();
    let request = request(&js, None);
    js_sys::Reflect::set(&request, &"declared".into(), &declared.into()).unwrap();
    request
}

fn field(value: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(value, &name.into()).ok()?.as_string()
}

const SPANISH: &str = "El alcalde dijo el lunes que el puente estará cerrado hasta la primavera, pero los vecinos no creen que las obras terminen a tiempo.";

#[test]
fn an_article_in_a_language_the_core_does_not_read_is_named_not_analysed() {
    let value = sourcelight::wasm::analyse(declaring(&[SPANISH], "en")).expect("a refusal is a reply, not an error");
    assert_eq!(field(&value, "unsupported").as_deref(), Some("es"));
    assert!(js_sys::Reflect::get(&value, &"blocks".into()).unwrap().is_undefined(), "no sentences for a refused article");
}

#[test]
fn the_declared_language_settles_only_a_text_too_short_to_tell() {
    let short = sourcelight::wasm::analyse(declaring(&["Sturmwarnung"], "de-AT")).unwrap();
    assert_eq!(field(&short, "unsupported").as_deref(), Some("de"));
    let english = sourcelight::wasm::analyse(declaring(&["The mayor said the bridge will stay closed until the spring, but the residents do not believe it."], "es")).unwrap();
    assert_eq!(field(&english, "lang").as_deref(), Some("en"));
}

#[test]
fn detect_names_the_language_without_reading_the_article() {
    let english = sourcelight::wasm::detect(declaring(&["The mayor said the bridge will stay closed until the spring, but the residents do not believe it."], "")).unwrap();
    assert_eq!(field(&english, "lang").as_deref(), Some("en"));
    assert!(js_sys::Reflect::get(&english, &"blocks".into()).unwrap().is_undefined());
    let spanish = sourcelight::wasm::detect(declaring(&[SPANISH], "en")).unwrap();
    assert_eq!(field(&spanish, "unsupported").as_deref(), Some("es"));
    let forced = js_sys::Object::new();
    js_sys::Reflect::set(&forced, &"blocks".into(), &js_sys::Array::of1(&SPANISH.into())).unwrap();
    js_sys::Reflect::set(&forced, &"lang".into(), &"en".into()).unwrap();
    assert_eq!(field(&sourcelight::wasm::detect(forced.into()).unwrap(), "lang").as_deref(), Some("en"));
}

/// The view as the contract (`extension/protocol.js`, `AnalysisView`) spells it, made
/// here from the core's own analysis with serde: the reference the boundary's hand-built
/// objects must match byte for byte once written as JSON, keys in the same order.
mod reference {
    use serde::Serialize;
    use sourcelight::analysis::Analysis;
    use sourcelight::sentence::SourceKind;
    use sourcelight::profile::Profile;
    use sourcelight::utf16::Utf16Table;
    use sourcelight::Verdict;

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

    pub fn json(blocks: &[&str], analysis: &Analysis) -> String {
        let tables: Vec<Utf16Table> = blocks.iter().map(|b| Utf16Table::new(b)).collect();
        let mut views: Vec<BlockView> = blocks.iter().map(|_| BlockView { sentences: Vec::new() }).collect();
        for (id, s) in analysis.sentences.iter().enumerate() {
            let table = &tables[s.block];
            views[s.block].sentences.push(SentenceView {
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
            });
        }
        serde_json::to_string(&View { lang: analysis.lang.code(), blocks: views, profile: &analysis.profile }).unwrap()
    }
}

#[test]
fn the_view_is_the_contract_shape_field_for_field() {
    // Every kind of field: named and anonymous sources with and without a resolved name,
    // cues, repeated reasons, a none, a carried quotation, text outside ASCII in sources
    // and cues, an empty block, and profile lists.
    let blocks = [
        "Harbour news",
        "",
        "He said the pier would reopen. It is said to be late.",
        "Zoë Ångström 😀, the harbour master, said the pier is unsafe. She said repairs would take a year.",
        "\u{201c}We will not wait,\u{201d} two officials told reporters. The ferry may stop in May.",
        "Costs rose sharply. Costs rose sharply. According to the 2024 Harbour Report, traffic fell.",
        "What happens next?",
    ];
    let js: Vec<JsValue> = blocks.iter().map(|b| JsValue::from_str(b)).collect();
    let value = sourcelight::wasm::analyse(request(&js, Some("en"))).expect("analysis succeeds");
    let written: String = js_sys::JSON::stringify(&value).unwrap().into();
    let analysis = sourcelight::analyse(&blocks, sourcelight::LangHint::Auto).expect("English is read");
    assert!(analysis.sentences.iter().any(|s| s.source.as_ref().is_some_and(|src| src.name.is_none())), "a source without a name");
    assert!(analysis.sentences.iter().any(|s| s.source.as_ref().is_some_and(|src| src.name.is_some())), "a source with a name");
    assert_eq!(written, reference::json(&blocks, &analysis));
}

/// What `analyse` returns for `blocks`, as JSON, and what the contract says it should be.
fn written_and_expected(blocks: &[&str]) -> (String, String) {
    let js: Vec<JsValue> = blocks.iter().map(|b| JsValue::from_str(b)).collect();
    let value = sourcelight::wasm::analyse(request(&js, Some("en"))).expect("analysis succeeds");
    let written: String = js_sys::JSON::stringify(&value).unwrap().into();
    (written, reference::json(blocks, &sourcelight::analyse(blocks, sourcelight::LangHint::Auto).expect("English is read")))
}

#[test]
fn blocks_are_read_whole_even_when_one_holds_the_character_that_joins_them() {
    // The blocks cross into the wasm joined by U+0000; a block holding one is read on its own.
    let (written, expected) = written_and_expected(&["Tide\u{0}tables. The mayor said the pier is safe.", "", "It opened in 1931."]);
    assert_eq!(written, expected);
    let (written, expected) = written_and_expected(&["The mayor said the pier is safe.", "", "It opened in 1931."]);
    assert_eq!(written, expected);
}

#[test]
fn blocks_that_are_not_all_strings_or_a_lang_that_is_no_string_are_malformed() {
    let message = |request: JsValue| -> String {
        let error = sourcelight::wasm::analyse(request).unwrap_err();
        JsValue::from(error).dyn_into::<js_sys::Error>().unwrap().message().into()
    };
    let not_all_strings = message(request(&["Text.".into(), JsValue::from_f64(3.0)], None));
    assert!(not_all_strings.contains("malformed") && not_all_strings.contains("blocks"), "{not_all_strings}");
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"blocks".into(), &js_sys::Array::new()).unwrap();
    js_sys::Reflect::set(&object, &"lang".into(), &JsValue::from_f64(1.0)).unwrap();
    let lang = message(object.into());
    assert!(lang.contains("malformed") && lang.contains("lang"), "{lang}");
    let missing = message(js_sys::Object::new().into());
    assert!(missing.contains("malformed"), "{missing}");
}
