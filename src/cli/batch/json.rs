//! A batch's line out, written straight into its buffer: the bytes serde_json writes
//! for the same view, compact, at about a fifth of the cost.
//!
//! A 1,000-word article's line holds some 2,000 values (1,069 keys, 390 strings, the
//! rest numbers, booleans and nulls). Through serde_json each cost about 165
//! instructions (the key escaped like any string, every piece a `write_all`),
//! 330,000 an article: a fifth of the analysis itself. Here keys are constants,
//! numbers are written digit by digit, and strings are escaped eight bytes at a time.
//!
//! The shape is [`ScanView`]'s `Serialize`, field for field. A test writes views of
//! many texts both ways and compares the bytes, so a field added to the view and
//! not here fails it.

use std::borrow::Cow;

use serde_json::value::RawValue;

use super::super::view::{ScanView, SourceCount, SpanView};

/// Writes `{"id":…` (or `"path":…`), the view's fields, then `"meta":{…}` when
/// there is any, without a line break.
pub fn write_line(out: &mut Vec<u8>, id: Option<&RawValue>, path: Option<&str>, view: &ScanView, meta: &[(Cow<str>, &RawValue)]) {
    out.push(b'{');
    if let Some(id) = id {
        out.extend_from_slice(b"\"id\":");
        out.extend_from_slice(id.get().as_bytes());
        out.push(b',');
    }
    if let Some(path) = path {
        out.extend_from_slice(b"\"path\":");
        string(out, path);
        out.push(b',');
    }
    write_view_fields(out, view);
    if !meta.is_empty() {
        out.extend_from_slice(b",\"meta\":{");
        for (i, (key, value)) in meta.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, key);
            out.push(b':');
            out.extend_from_slice(value.get().as_bytes());
        }
        out.push(b'}');
    }
    out.push(b'}');
}

/// The view's fields, without the braces around them.
fn write_view_fields(out: &mut Vec<u8>, view: &ScanView) {
    out.extend_from_slice(b"\"lang\":");
    string(out, view.lang);
    out.extend_from_slice(b",\"input\":{\"format\":");
    string(out, view.input.format);
    if let Some(title) = view.input.title {
        out.extend_from_slice(b",\"title\":");
        string(out, title);
    }
    if let Some(text) = view.input.text {
        out.extend_from_slice(b",\"text\":");
        string(out, text);
    }
    out.extend_from_slice(b"},\"sentences\":[");
    for (i, sentence) in view.sentences.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"start\":");
        number(out, sentence.start);
        out.extend_from_slice(b",\"end\":");
        number(out, sentence.end);
        out.extend_from_slice(b",\"paragraph\":");
        number(out, sentence.paragraph);
        out.extend_from_slice(b",\"text\":");
        string(out, sentence.text);
        out.extend_from_slice(b",\"verdict\":");
        string(out, sentence.verdict.as_str());
        out.extend_from_slice(if sentence.hedged { b",\"hedged\":true" } else { b",\"hedged\":false" });
        out.extend_from_slice(if sentence.quote { b",\"quote\":true" } else { b",\"quote\":false" });
        out.extend_from_slice(b",\"source\":");
        match &sentence.source {
            Some(source) => {
                out.extend_from_slice(b"{\"text\":");
                string(out, source.text);
                out.extend_from_slice(b",\"start\":");
                number(out, source.start);
                out.extend_from_slice(b",\"end\":");
                number(out, source.end);
                out.extend_from_slice(b",\"kind\":");
                string(out, source.kind.as_str());
                out.extend_from_slice(b",\"name\":");
                match source.name {
                    Some(name) => string(out, name),
                    None => out.extend_from_slice(b"null"),
                }
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"cue\":");
        match &sentence.cue {
            Some(cue) => span(out, cue),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"reason\":");
        string(out, sentence.reason);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"sources\":");
    counts(out, &view.sources);
    out.extend_from_slice(b",\"anonymous_phrases\":");
    counts(out, &view.anonymous_phrases);
    let summary = &view.summary;
    out.extend_from_slice(b",\"summary\":{\"sentences\":");
    number(out, summary.sentences);
    out.extend_from_slice(b",\"named\":");
    number(out, summary.named);
    out.extend_from_slice(b",\"anonymous\":");
    number(out, summary.anonymous);
    out.extend_from_slice(b",\"unattributed\":");
    number(out, summary.unattributed);
    out.extend_from_slice(b",\"none\":");
    number(out, summary.none);
    out.extend_from_slice(b",\"hedged\":");
    number(out, summary.hedged);
    out.push(b'}');
}

fn span(out: &mut Vec<u8>, span: &SpanView) {
    out.extend_from_slice(b"{\"text\":");
    string(out, span.text);
    out.extend_from_slice(b",\"start\":");
    number(out, span.start);
    out.extend_from_slice(b",\"end\":");
    number(out, span.end);
    out.push(b'}');
}

fn counts(out: &mut Vec<u8>, list: &[SourceCount]) {
    out.push(b'[');
    for (i, entry) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"name\":");
        string(out, entry.name);
        out.extend_from_slice(b",\"kind\":");
        string(out, entry.kind.as_str());
        out.extend_from_slice(b",\"sentences\":");
        number(out, entry.sentences);
        out.push(b'}');
    }
    out.push(b']');
}

fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the six
/// short escapes, other control characters as `\u00XX`; everything else as it is.
fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut clean = 0; // bytes[clean..at] are waiting to be copied
    let mut at = 0;
    while at < bytes.len() {
        // Eight bytes at a time while none of them needs an escape.
        if let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            if !needs_escape(word) {
                at += 8;
                continue;
            }
        }
        let byte = bytes[at];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0x00..=0x1f => b"",
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[clean..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
        } else {
            out.extend_from_slice(escape);
        }
        at += 1;
        clean = at;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `word` is `"`, `\` or below 0x20. Each test
/// flags a byte's top bit exactly when some byte at or below it matches, so the
/// word as a whole is answered exactly.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & TOPS;
    let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
    let control = word.wrapping_sub(ONES * 0x20) & !word & TOPS;
    quote | backslash | control != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::super::document::Document;
    use sourcelight::{analyse, Lang, LangHint};

    fn as_serde_writes(text: &str) -> (Vec<u8>, Vec<u8>) {
        let document = Document::from_text(text.to_string());
        let analysis = analyse(&document.block_texts(), LangHint::Is(Lang::En)).expect("English is read whatever the text");
        let view = ScanView::build(&document, &analysis);
        let mut ours = Vec::new();
        write_line(&mut ours, None, None, &view, &[]);
        (ours, serde_json::to_vec(&view).unwrap())
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80).map(char::from).chain("é “quoted” — \u{2028} 😀".chars()).collect();
        for text in [all.as_str(), "", "plain", "12345678", "1234567\"", "\"", "a\\b", "\u{7f}\u{1f}\u{0}"] {
            let mut ours = Vec::new();
            string(&mut ours, text);
            assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_in_full() {
        for n in [0, 7, 10, 99, 1_000_000, usize::MAX] {
            let mut ours = Vec::new();
            number(&mut ours, n);
            assert_eq!(ours, n.to_string().as_bytes());
        }
    }

    #[test]
    fn a_line_holds_the_id_the_view_and_the_meta() {
        let document = Document::from_text("Officials said the pier would close.".into());
        let analysis = analyse(&document.block_texts(), LangHint::Is(Lang::En)).expect("English is read whatever the text");
        let view = ScanView::build(&document, &analysis);
        let id = RawValue::from_string("\"a\\\"1\"".into()).unwrap();
        let date = RawValue::from_string("\"2026-11-29\"".into()).unwrap();
        let mut ours = Vec::new();
        write_line(&mut ours, Some(&id), None, &view, &[(Cow::Borrowed("da\"te"), &date)]);
        let line = String::from_utf8(ours).unwrap();
        let mut expected = serde_json::to_value(&view).unwrap();
        expected.as_object_mut().unwrap().insert("id".into(), "a\"1".into());
        expected.as_object_mut().unwrap().insert("meta".into(), serde_json::json!({"da\"te": "2026-11-29"}));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&line).unwrap(), expected);
        assert!(line.starts_with("{\"id\":\"a\\\"1\",\"lang\":") && line.ends_with(",\"meta\":{\"da\\\"te\":\"2026-11-29\"}}"));
    }

    #[test]
    fn a_page_s_title_and_text_are_written_as_serde_json_writes_them() {
        let blocks = vec!["Pier \"closes\"\tfor good".to_string(), "Officials said the pier would close.".to_string()];
        let document = Document::from_blocks(blocks, Some("Pier \"closes\"".into()));
        let analysis = analyse(&document.block_texts(), LangHint::Is(Lang::En)).expect("English is read whatever the text");
        let view = ScanView::build(&document, &analysis);
        let mut ours = Vec::new();
        write_line(&mut ours, None, Some("dir/a \"b\".html"), &view, &[]);
        let mut expected = serde_json::to_vec(&view).unwrap();
        expected.splice(1..1, b"\"path\":\"dir/a \\\"b\\\".html\",".iter().copied());
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(expected).unwrap());
    }

    #[test]
    fn the_benchmark_article_is_written_as_serde_json_writes_it() {
        let text = include_str!("../../../benches/fixtures/paragraphs.txt");
        let (ours, serde) = as_serde_writes(text);
        assert!(ours == serde, "\n{}\n{}", String::from_utf8_lossy(&ours), String::from_utf8_lossy(&serde));
    }

    proptest::proptest! {
        /// Whatever the text and whatever the engine finds in it, the bytes are serde_json's.
        #[test]
        fn any_view_is_written_as_serde_json_writes_it(text in "(\\PC|[ \\n\\t\"\\\\“”«».,:;!?—-]|said|according to|officials){0,200}") {
            let (ours, serde) = as_serde_writes(&text);
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(serde).unwrap());
        }
    }
}
