//! The boundary to JavaScript: one function in, plain JSON-compatible values out.
//!
//! The browser's background script calls [`analyse`] with the article's blocks as
//! strings. Offsets go back in UTF-16 code units within each block, which is what
//! DOM ranges count in. Nothing here decides anything about sourcing: it only
//! converts the core's [`Analysis`] into the objects `extension/protocol.js`
//! describes (`AnalysisView`), which are the contract with `extension/`.
//!
//! The objects are built here field by field rather than by a generic serialiser,
//! for speed: every string that crosses into JavaScript is decoded there on its own
//! (about half a microsecond each in node, whatever its length), and an article
//! repeats the same few strings (reasons, cue words, source names) over and over.
//! So each distinct string is sent once, all of them in one piece that JavaScript
//! slices, the property names are made once per instance, and lists of numbers
//! cross as one typed array. Measured in node with a warm instance, the
//! conversion went from about a fifth of a 1,000-word call (serde-wasm-bindgen,
//! value by value) to about a tenth. Writing JSON for `JSON.parse` was slower
//! than either: serde_json in the wasm and the parse each cost about as much.
//!
//! Lone surrogates in the page's text arrive as U+FFFD (one UTF-16 unit either
//! way), so offsets still line up with the page.

use js_sys::{Array, JsString, Object, Uint32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::Analysis;
use crate::sentence::Sentence;
use crate::lang::{LangHint, Unsupported};
use crate::profile::ProfileSource;
use crate::tokens::PageMap;
use crate::utf16::Utf16Table;

#[wasm_bindgen]
extern "C" {
    /// An object whose properties are set with `object[key] = value`, without the
    /// exception handling `Reflect.set` goes through.
    #[wasm_bindgen(extends = Object, js_name = Object)]
    type Record;

    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Record, key: &JsValue, value: &JsValue);

    /// A number crosses as itself, in the same call, instead of first being made
    /// into a JavaScript value of its own by a call of its own.
    #[wasm_bindgen(method, indexing_setter)]
    fn set_number(this: &Record, key: &JsValue, value: f64);
}

/// Analyses `{blocks: string[], lang?: "auto" | "en" | "fr", declared?: string}`
/// and returns `{lang, blocks: [{sentences: [...]}], profile}`; for an article in
/// a language the core does not read, `{unsupported: code}` ("es", "und" for one
/// it cannot name). `declared` is the page's own language tag (`<html lang>`):
/// with `lang` "auto" it settles a text too short to tell, nothing more.
///
/// # Errors
/// A request of the wrong shape or an unknown language, as a JS `Error` with a sentence.
#[wasm_bindgen]
pub fn analyse(request: JsValue) -> Result<JsValue, JsError> {
    let (hint, blocks) = read_request(&request)?;
    let text = Blocks::read(&blocks);
    let blocks = text.blocks();
    match crate::analysis::analyse(&blocks, hint) {
        Ok(analysis) => Ok(KEYS.with(|keys| view(&blocks, &analysis, keys))),
        Err(refused) => Ok(KEYS.with(|keys| unsupported_view(refused, keys))),
    }
}

/// The language `{blocks, lang?, declared?}` would be read in, without reading
/// it: `{lang: code}` or `{unsupported: code}`. A page too long for one
/// analysis request asks this first, on a sample of its blocks, so that every
/// piece of it is then read in the same language.
///
/// # Errors
/// As [`analyse`].
#[wasm_bindgen]
pub fn detect(request: JsValue) -> Result<JsValue, JsError> {
    let (hint, blocks) = read_request(&request)?;
    let text = Blocks::read(&blocks);
    Ok(KEYS.with(|keys| match hint.resolve(&text.blocks()) {
        Ok(lang) => {
            let view = record();
            view.set(&keys.lang, &JsValue::from_str(lang.code()));
            view.into()
        }
        Err(refused) => unsupported_view(refused, keys),
    }))
}

/// The language hint and the blocks of a request, checked.
fn read_request(request: &JsValue) -> Result<(LangHint, Array), JsError> {
    let malformed = |why: &str| JsError::new(&format!("the analysis request is malformed: {why}"));
    if !request.is_object() {
        return Err(malformed("it is not an object"));
    }
    let field = |name: &str| js_sys::Reflect::get(request, &JsValue::from_str(name)).map_err(|_| malformed("its fields cannot be read"));
    let text_field = |name: &str| -> Result<Option<String>, JsError> {
        let value = field(name)?;
        match value.as_string() {
            Some(text) => Ok(Some(text)),
            None if value.is_undefined() || value.is_null() => Ok(None),
            None => Err(malformed(&format!("{name} must be a string"))),
        }
    };
    let lang_name = text_field("lang")?.unwrap_or_else(|| "auto".to_string());
    let lang =
        LangHint::parse(&lang_name).ok_or_else(|| JsError::new(&format!("unknown language {lang_name:?}")))?;
    let hint = match (lang, text_field("declared")?) {
        (LangHint::Auto, Some(tag)) => LangHint::declared(&tag),
        (hint, _) => hint,
    };
    let blocks = field("blocks")?;
    if !Array::is_array(&blocks) {
        return Err(malformed("blocks must be a list of strings"));
    }
    let blocks: Array = blocks.unchecked_into();
    if !blocks.iter().all(|block| block.is_string()) {
        return Err(malformed("blocks must be a list of strings"));
    }
    Ok((hint, blocks))
}

/// `{unsupported: code}`: the reply for an article the core does not read.
fn unsupported_view(refused: Unsupported, keys: &Keys) -> JsValue {
    let view = record();
    view.set(&keys.unsupported, &JsValue::from_str(refused.language.code()));
    view.into()
}

/// The blocks of a request, copied into the wasm's memory as one string with
/// the place of each block in it: one copy instead of one per block (each
/// string that crosses is encoded on its own, about a microsecond apiece in
/// node).
struct Blocks {
    text: String,
    places: Vec<std::ops::Range<usize>>,
}

impl Blocks {
    const SEPARATOR: char = '\0';

    /// Put before the joined blocks: wasm-bindgen's glue copies a string's
    /// leading ASCII characters one by one in JavaScript before it hands the
    /// rest to `TextEncoder.encodeInto`, which is several times faster, so a
    /// first character outside ASCII sends the whole text the fast way.
    const LEAD: &'static str = "\u{80}";

    fn read(blocks: &Array) -> Blocks {
        let count = blocks.length() as usize;
        let text = String::from(JsString::from(Blocks::LEAD).concat(&blocks.join("\0")));
        // Each separator stands between two blocks unless a block holds one too.
        let mut places = Vec::with_capacity(count);
        if let Some(joined) = text.strip_prefix(Blocks::LEAD) {
            let mut start = Blocks::LEAD.len();
            for part in joined.split(Blocks::SEPARATOR) {
                places.push(start..start + part.len());
                start += part.len() + Blocks::SEPARATOR.len_utf8();
            }
        }
        if places.len() == count {
            return Blocks { text, places };
        }
        // A block holds the separator: one by one.
        let mut text = String::new();
        places.clear();
        for block in blocks.iter() {
            let start = text.len();
            text.push_str(&block.as_string().unwrap_or_default());
            places.push(start..text.len());
        }
        Blocks { text, places }
    }

    fn blocks(&self) -> Vec<&str> {
        self.places.iter().map(|place| &self.text[place.clone()]).collect()
    }
}

/// The version of the core, for the popup's "about" line and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The property names of the view, as JavaScript strings.
struct Keys {
    lang: JsValue,
    blocks: JsValue,
    sentences: JsValue,
    profile: JsValue,
    id: JsValue,
    start: JsValue,
    end: JsValue,
    verdict: JsValue,
    hedged: JsValue,
    quote: JsValue,
    source: JsValue,
    cue: JsValue,
    reason: JsValue,
    text: JsValue,
    block: JsValue,
    kind: JsValue,
    name: JsValue,
    summary: JsValue,
    named: JsValue,
    anonymous: JsValue,
    unattributed: JsValue,
    none: JsValue,
    sources: JsValue,
    anonymous_phrases: JsValue,
    unsupported: JsValue,
}

thread_local! {
    /// Made once per instance (the wasm runs on one thread).
    static KEYS: Keys = Keys::new();
}

impl Keys {
    fn new() -> Keys {
        let key = |name: &str| JsValue::from_str(name);
        Keys {
            lang: key("lang"),
            blocks: key("blocks"),
            sentences: key("sentences"),
            profile: key("profile"),
            id: key("id"),
            start: key("start"),
            end: key("end"),
            verdict: key("verdict"),
            hedged: key("hedged"),
            quote: key("quote"),
            source: key("source"),
            cue: key("cue"),
            reason: key("reason"),
            text: key("text"),
            block: key("block"),
            kind: key("kind"),
            name: key("name"),
            summary: key("summary"),
            named: key("named"),
            anonymous: key("anonymous"),
            unattributed: key("unattributed"),
            none: key("none"),
            sources: key("sources"),
            anonymous_phrases: key("anonymous_phrases"),
            unsupported: key("unsupported"),
        }
    }
}

/// The distinct strings of a view, sent to JavaScript together.
#[derive(Default)]
struct Strings<'a> {
    /// Each distinct string → its place in `values` (strings from the page).
    index: PageMap<&'a str, usize>,
    /// The distinct strings one after the other, and where each ends in UTF-16 units.
    joined: String,
    ends: Vec<u32>,
    /// The JavaScript strings, once [`Strings::send`] has made them.
    values: Vec<JsValue>,
}

impl<'a> Strings<'a> {
    /// The place of `s` among the distinct strings.
    fn add(&mut self, s: &'a str) -> usize {
        *self.index.entry(s).or_insert_with(|| {
            let start = self.ends.last().copied().unwrap_or(0);
            self.joined.push_str(s);
            self.ends.push(start + s.encode_utf16().count() as u32);
            self.ends.len() - 1
        })
    }

    /// Decodes every string in JavaScript at once and slices them apart there.
    fn send(&mut self) {
        let joined = JsString::from(self.joined.as_str());
        let mut start = 0;
        self.values = self
            .ends
            .iter()
            .map(|&end| {
                let value = joined.substring(start, end);
                start = end;
                value.into()
            })
            .collect();
    }

    fn get(&self, index: usize) -> &JsValue {
        &self.values[index]
    }
}

/// One sentence with its strings' places in [`Strings`].
struct Placed<'s> {
    sentence: &'s Sentence,
    reason: usize,
    /// The source's text, kind and name.
    source: Option<(usize, usize, Option<usize>)>,
    cue_text: Option<usize>,
}

/// A profile entry's name and kind in [`Strings`].
struct PlacedEntry<'p> {
    entry: &'p ProfileSource,
    name: usize,
    kind: usize,
}

fn number(n: usize) -> f64 {
    n as f64
}

fn record() -> Record {
    Object::new().unchecked_into()
}

/// A plain array of numbers, made in two calls instead of two per element.
fn numbers(list: &[usize]) -> Array {
    let list: Vec<u32> = list.iter().map(|&n| n as u32).collect();
    Array::from(&Uint32Array::from(&list[..]))
}

fn view(blocks: &[&str], analysis: &Analysis, keys: &Keys) -> JsValue {
    let tables: Vec<Utf16Table> = blocks.iter().map(|b| Utf16Table::new(b)).collect();
    let mut strings = Strings::default();
    let lang = strings.add(analysis.lang.code());
    let placed: Vec<Placed> = analysis
        .sentences
        .iter()
        .map(|s| Placed {
            sentence: s,
            reason: strings.add(&s.reason),
            source: s.source.as_ref().map(|src| {
                let text = strings.add(src.span.text(blocks[src.block]));
                (text, strings.add(src.kind.as_str()), src.name.as_deref().map(|name| strings.add(name)))
            }),
            cue_text: s.cue.map(|cue| strings.add(cue.span.text(blocks[s.block]))),
        })
        .collect();
    let profile = &analysis.profile;
    let sources = placed_entries(&profile.sources, &mut strings);
    let anonymous_phrases = placed_entries(&profile.anonymous_phrases, &mut strings);
    strings.send();

    let sentences: Vec<Array> = blocks.iter().map(|_| Array::new()).collect();
    for (id, p) in placed.iter().enumerate() {
        if let Some(list) = sentences.get(p.sentence.block) {
            list.push(&sentence_view(id, p, &tables, &strings, keys));
        }
    }
    let block_views = Array::new();
    for list in &sentences {
        let block_view = record();
        block_view.set(&keys.sentences, list);
        block_views.push(&block_view);
    }

    let view = record();
    view.set(&keys.lang, strings.get(lang));
    view.set(&keys.blocks, &block_views);
    view.set(&keys.profile, &profile_view(analysis, &sources, &anonymous_phrases, &strings, keys));
    view.into()
}

fn placed_entries<'a>(list: &'a [ProfileSource], strings: &mut Strings<'a>) -> Vec<PlacedEntry<'a>> {
    list.iter().map(|entry| PlacedEntry { entry, name: strings.add(&entry.name), kind: strings.add(entry.kind.as_str()) }).collect()
}

fn sentence_view(id: usize, p: &Placed, tables: &[Utf16Table], strings: &Strings, keys: &Keys) -> Record {
    let s = p.sentence;
    let table = &tables[s.block];
    let view = record();
    view.set_number(&keys.id, number(id));
    view.set_number(&keys.start, number(table.to_utf16(s.span.start)));
    view.set_number(&keys.end, number(table.to_utf16(s.span.end)));
    view.set(&keys.verdict, verdict_string(s, keys));
    view.set(&keys.hedged, &JsValue::from_bool(s.hedged));
    view.set(&keys.quote, &JsValue::from_bool(s.quote));
    let source = match (&s.source, p.source) {
        (Some(src), Some((text, kind, name))) => {
            let source = record();
            let table = &tables[src.block];
            source.set(&keys.text, strings.get(text));
            source.set_number(&keys.block, number(src.block));
            source.set_number(&keys.start, number(table.to_utf16(src.span.start)));
            source.set_number(&keys.end, number(table.to_utf16(src.span.end)));
            source.set(&keys.kind, strings.get(kind));
            source.set(&keys.name, name.map_or(&JsValue::NULL, |name| strings.get(name)));
            source.into()
        }
        _ => JsValue::NULL,
    };
    view.set(&keys.source, &source);
    let cue = match (s.cue, p.cue_text) {
        (Some(cue), Some(text)) => {
            let view = record();
            view.set(&keys.text, strings.get(text));
            view.set_number(&keys.start, number(table.to_utf16(cue.span.start)));
            view.set_number(&keys.end, number(table.to_utf16(cue.span.end)));
            view.into()
        }
        _ => JsValue::NULL,
    };
    view.set(&keys.cue, &cue);
    view.set(&keys.reason, strings.get(p.reason));
    view
}

/// The verdict's name, which is also the name of a key.
fn verdict_string<'k>(s: &Sentence, keys: &'k Keys) -> &'k JsValue {
    use crate::verdict::Verdict;
    match s.verdict {
        Verdict::Named => &keys.named,
        Verdict::Anonymous => &keys.anonymous,
        Verdict::Unattributed => &keys.unattributed,
        Verdict::None => &keys.none,
    }
}

fn profile_view(analysis: &Analysis, sources: &[PlacedEntry], anonymous_phrases: &[PlacedEntry], strings: &Strings, keys: &Keys) -> Record {
    let profile = &analysis.profile;
    let summary = record();
    let counts = &profile.summary;
    summary.set_number(&keys.sentences, number(counts.sentences));
    summary.set_number(&keys.named, number(counts.named));
    summary.set_number(&keys.anonymous, number(counts.anonymous));
    summary.set_number(&keys.unattributed, number(counts.unattributed));
    summary.set_number(&keys.none, number(counts.none));
    summary.set_number(&keys.hedged, number(counts.hedged));
    let list = |entries: &[PlacedEntry]| {
        let list = Array::new();
        for placed in entries {
            let view = record();
            view.set(&keys.name, strings.get(placed.name));
            view.set(&keys.kind, strings.get(placed.kind));
            view.set(&keys.sentences, &numbers(&placed.entry.sentences));
            list.push(&view);
        }
        list
    };
    let view = record();
    view.set(&keys.summary, &summary);
    view.set(&keys.sources, &list(sources));
    view.set(&keys.anonymous_phrases, &list(anonymous_phrases));
    view.set(&keys.unattributed, &numbers(&profile.unattributed));
    view.set(&keys.hedged, &numbers(&profile.hedged));
    view
}
