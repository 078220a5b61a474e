//! One line of a JSONL stream read as an article: `{"id", "text"}` or `{"id", "html"}`,
//! an optional `"lang"`, and any other fields, which are carried through untouched.
//!
//! The line is parsed once into its fields, each kept as the raw JSON text it was
//! written as (serde_json's `RawValue`, borrowed from the line): the `id` and the
//! other fields are written back byte for byte, so a 20-digit id or a date written
//! `"2026-11-29"` comes out exactly as it went in, in the order it was given. Only
//! `text`, `html` and `lang` are decoded, as they are met: the article's text is
//! read once, borrowed from the line when it holds no escape.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The article of one line.
#[derive(Debug)]
pub struct Record<'a> {
    /// A JSON string or number, as written.
    pub id: &'a RawValue,
    pub body: Body<'a>,
    /// The `"lang"` given, if any.
    pub lang: Option<Cow<'a, str>>,
    /// Every other field (`url` included), in the order of the line, as written.
    pub meta: Vec<(Cow<'a, str>, &'a RawValue)>,
}

/// What the line gives to read.
#[derive(Debug)]
pub enum Body<'a> {
    /// Plain text, paragraphs separated by blank lines.
    Text(Cow<'a, str>),
    /// A page, whose article is extracted first; `url` is its address, if given.
    Html { html: Cow<'a, str>, url: Option<Cow<'a, str>> },
}

/// Why a line is not an article: its `id` when it could be read, and a sentence.
#[derive(Debug)]
pub struct Rejected<'a> {
    pub id: Option<&'a RawValue>,
    pub message: String,
}

fn rejected(id: Option<&RawValue>, message: impl Into<String>) -> Rejected<'_> {
    Rejected { id, message: message.into() }
}

/// Reads one line (without its line break) as an article.
///
/// # Errors
/// A sentence saying what is wrong: not UTF-8, empty, not JSON, not an object, no
/// `id` or one that is not a string or number, neither or both of `text` and
/// `html`, a field of the wrong type, text that holds only white space.
pub fn parse<'a>(line: &'a [u8]) -> Result<Record<'a>, Rejected<'a>> {
    let line = std::str::from_utf8(line).map_err(|e| {
        rejected(None, format!("the line is not valid UTF-8 (bad byte at column {})", e.valid_up_to() + 1))
    })?;
    if line.trim().is_empty() {
        return Err(rejected(None, "the line is empty"));
    }
    let Fields(fields) = serde_json::from_str(line).map_err(|e| rejected(None, not_json(&e)))?;

    let mut id = None;
    let mut decoded: [Option<Option<Cow<str>>>; 3] = [None, None, None];
    let mut meta = Vec::new();
    let mut twice = None;
    for (key, value) in fields {
        let repeated = match value {
            Value::Decoded(at, value) => decoded[at].replace(value).is_some(),
            Value::Raw(value) if key == "id" => id.replace(value).is_some(),
            Value::Raw(value) => {
                meta.push((key, value));
                continue;
            }
        };
        if repeated && twice.is_none() {
            twice = Some(key);
        }
    }
    if let Some(key) = twice {
        return Err(rejected(id, format!("the line gives {key:?} twice")));
    }
    let Some(id) = id else {
        return Err(rejected(None, "the line has no \"id\""));
    };
    if !(id.get().starts_with('"') || id.get().starts_with(|c: char| c == '-' || c.is_ascii_digit())) {
        return Err(rejected(None, format!("\"id\" must be a string or a number, not {}", id.get())));
    }
    let must_be_string = |name: &str| rejected(Some(id), format!("{name:?} must be a string"));
    let [text, html, lang] = decoded.map(|value| value.map(|string| string.ok_or(())));
    let url = match meta.iter().find(|(key, _)| key == "url") {
        Some((_, value)) => Some(serde_json::from_str::<Text>(value.get()).map_err(|_| must_be_string("url"))?.0),
        None => None,
    };
    let body = match (text, html) {
        (Some(text), None) => Body::Text(text.map_err(|()| must_be_string("text"))?),
        (None, Some(html)) => Body::Html { html: html.map_err(|()| must_be_string("html"))?, url },
        (None, None) => return Err(rejected(Some(id), "the line has neither \"text\" nor \"html\"")),
        (Some(_), Some(_)) => return Err(rejected(Some(id), "the line has both \"text\" and \"html\"; give one")),
    };
    let (Body::Text(content) | Body::Html { html: content, .. }) = &body;
    if content.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        let field = if matches!(body, Body::Text(_)) { "text" } else { "html" };
        return Err(rejected(Some(id), format!("the article's {field:?} is empty")));
    }
    let lang = lang.transpose().map_err(|()| must_be_string("lang"))?;
    Ok(Record { id, body, lang, meta })
}

/// serde_json's message without its place: on one line, only the column tells.
fn not_json(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(message, _)| message);
    if error.is_data() {
        // The line is JSON, but not an object (a string, an array, a number).
        format!("the line is not a JSON object ({message})")
    } else {
        format!("the line is not JSON: {message} at column {}", error.column())
    }
}

/// The fields decoded as they are met, at their place in `parse`'s list.
const DECODED: [&str; 3] = ["text", "html", "lang"];

/// A field's value: decoded (`None` when it is not a string), or as written.
enum Value<'a> {
    Decoded(usize, Option<Cow<'a, str>>),
    Raw(&'a RawValue),
}

/// The fields of a JSON object, in order.
struct Fields<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Fields<'de>, M::Error> {
                let mut fields = Vec::new();
                while let Some(Text(key)) = map.next_key()? {
                    let value = match DECODED.iter().position(|name| *name == key) {
                        Some(at) => Value::Decoded(at, map.next_value::<MaybeText>()?.0),
                        None => Value::Raw(map.next_value()?),
                    };
                    fields.push((key, value));
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

/// A JSON value that should be a string: the string, or `None` for anything else.
struct MaybeText<'a>(Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for MaybeText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MaybeTextVisitor;
        impl<'de> Visitor<'de> for MaybeTextVisitor {
            type Value = MaybeText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(Some(Cow::Owned(s))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<MaybeText<'de>, E> {
                Ok(MaybeText(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<MaybeText<'de>, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<MaybeText<'de>, M::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(MaybeText(None))
            }
        }
        deserializer.deserialize_any(MaybeTextVisitor)
    }
}

/// A JSON string, borrowed from the line when it holds no escape.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reject(line: &str) -> (Option<String>, String) {
        let rejected = parse(line.as_bytes()).unwrap_err();
        (rejected.id.map(|id| id.get().to_string()), rejected.message)
    }

    #[test]
    fn reads_text_lang_and_keeps_the_rest_as_written() {
        let line = r#"{"outlet":"Daily \"Post\"","id":12345678901234567890123,"lang":"en","text":"A.\n\nB.","n":1.50,"tags":[1, 2]}"#;
        let record = parse(line.as_bytes()).unwrap();
        assert_eq!(record.id.get(), "12345678901234567890123");
        assert!(matches!(&record.body, Body::Text(text) if text == "A.\n\nB."));
        assert_eq!(record.lang.as_deref(), Some("en"));
        let meta: Vec<(&str, &str)> = record.meta.iter().map(|(k, v)| (k.as_ref(), v.get())).collect();
        assert_eq!(meta, [("outlet", r#""Daily \"Post\"""#), ("n", "1.50"), ("tags", "[1, 2]")]);
    }

    #[test]
    fn text_without_escapes_is_borrowed_from_the_line() {
        let record = parse(br#"{"id":"a","text":"Plain words."}"#).unwrap();
        assert!(matches!(record.body, Body::Text(Cow::Borrowed("Plain words."))));
    }

    #[test]
    fn reads_html_with_its_url_which_stays_in_meta() {
        let record = parse(br#"{"id":"p1","html":"<p>Hi</p>","url":"https://example.org/a"}"#).unwrap();
        match &record.body {
            Body::Html { html, url } => assert_eq!((html.as_ref(), url.as_deref()), ("<p>Hi</p>", Some("https://example.org/a"))),
            Body::Text(_) => panic!("read as text"),
        }
        assert_eq!(record.meta.len(), 1);
    }

    #[test]
    fn says_what_is_wrong_with_a_line() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("", None, "the line is empty"),
            ("  \t", None, "the line is empty"),
            ("{\"id\": 1, \"text\": ", None, "the line is not JSON: EOF while parsing a value at column 18"),
            ("not json", None, "the line is not JSON: expected ident at column 2"),
            ("[1, 2]", None, "the line is not a JSON object (invalid type: sequence, expected a JSON object)"),
            (r#"{"text": "Words."}"#, None, "the line has no \"id\""),
            (r#"{"id": null, "text": "Words."}"#, None, "\"id\" must be a string or a number, not null"),
            (r#"{"id": {"a": 1}, "text": "Words."}"#, None, "\"id\" must be a string or a number, not {\"a\": 1}"),
            (r#"{"id": "a"}"#, Some("\"a\""), "the line has neither \"text\" nor \"html\""),
            (r#"{"id": "a", "text": "x", "html": "<p>x</p>"}"#, Some("\"a\""), "both \"text\" and \"html\""),
            (r#"{"id": 7, "text": 3}"#, Some("7"), "\"text\" must be a string"),
            (r#"{"id": 7, "text": " \n\n "}"#, Some("7"), "the article's \"text\" is empty"),
            (r#"{"id": 7, "text": "x", "lang": 1}"#, Some("7"), "\"lang\" must be a string"),
            (r#"{"id": 7, "html": "<p>x</p>", "url": 3}"#, Some("7"), "\"url\" must be a string"),
            (r#"{"id": 7, "text": "x", "text": "y"}"#, Some("7"), "the line gives \"text\" twice"),
        ];
        for (line, id, needle) in cases {
            let (got_id, message) = reject(line);
            assert_eq!(got_id.as_deref(), *id, "{line}");
            assert!(message.contains(needle), "{line}: {message:?} lacks {needle:?}");
        }
    }

    proptest::proptest! {
        /// Whatever a line holds, it is an article or one plain sentence about it, never a panic.
        #[test]
        fn any_line_is_read_or_refused_in_a_sentence(
            line in proptest::collection::vec(proptest::sample::select(
                b"{}[]\":,\\ 0123456789-.eEtrufalsn idtexhmlang\xff\xc3\xa9".to_vec()), 0..120),
        ) {
            match parse(&line) {
                Ok(record) => proptest::prop_assert!(!record.id.get().is_empty()),
                Err(rejected) => proptest::prop_assert!(!rejected.message.is_empty() && !rejected.message.contains('\n')),
            }
        }
    }

    #[test]
    fn names_the_column_of_a_bad_byte() {
        let rejected = parse(b"{\"id\": 1, \"text\": \"caf\xe9\"}").unwrap_err();
        assert_eq!(rejected.message, "the line is not valid UTF-8 (bad byte at column 23)");
    }
}
