//! Reads an annotated corpus: one article per line, every sentence with a gold verdict.
//!
//! The format is the one of `shared/corpus/README.md` (JSON Lines):
//!
//! ```json
//! {"id": "en-01", "lang": "en", "genre": "wire", "text": "First.\n\nSecond.",
//!  "sentences": [{"start": 0, "end": 6, "label": "unattributed", "hedged": false,
//!                 "source": null, "resolved": null, "cue": null}, ...]}
//! ```
//!
//! The key decision: sentence offsets in the file are Unicode code points (Python
//! string indices), while everything in this crate speaks UTF-8 byte offsets. The
//! reader converts them once, here, so that a [`GoldSentence`] span can be used to
//! slice the article's text directly and compared with the engine's spans.
//!
//! A corpus is measured, not trusted: a line that is not a well-formed article is
//! rejected with its line number and what is wrong with it, and reading stops there.
//! Blank lines are skipped; fields this reader does not know are ignored (richer
//! files carry more).

use std::fmt;
use std::io::BufRead;

use serde::Deserialize;

use crate::span::Span;
use crate::verdict::Verdict;

/// One annotated article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    /// The language code as written in the corpus (`en`, `fr`, ...).
    pub lang: String,
    pub genre: Option<String>,
    /// Paragraphs are separated by a blank line (`\n\n`).
    pub text: String,
    /// In reading order, not overlapping.
    pub sentences: Vec<GoldSentence>,
    /// The line of the corpus file the article was read from (1-based).
    pub line: usize,
}

/// One sentence of an article with its gold annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    /// UTF-8 byte offsets into [`Article::text`], converted from the file's code points.
    pub span: Span,
    pub label: Verdict,
    /// Present only in corpora that annotate hedges.
    pub hedged: Option<bool>,
    /// The source as written.
    pub source: Option<String>,
    /// The named source a pronoun or role refers to.
    pub resolved: Option<String>,
    /// The attribution cue as written (`:` for a colon-introduced quote).
    pub cue: Option<String>,
}

impl GoldSentence {
    /// The sentence's text in its article.
    pub fn text<'a>(&self, article: &'a Article) -> &'a str {
        self.span.text(&article.text)
    }
}

/// A line of the corpus that could not be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusError {
    line: usize,
    message: String,
}

impl CorpusError {
    fn new(line: usize, message: impl Into<String>) -> CorpusError {
        CorpusError { line, message: message.into() }
    }

    /// The line number (1-based) of the offending line, or of the line at which
    /// reading failed.
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong with the line, without the line number.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CorpusError {}

/// Reads every article of a corpus, stopping at the first malformed line.
///
/// # Errors
/// When a line is not valid UTF-8, not JSON, misses a field, has a label outside
/// the four verdicts, or has sentence offsets outside its text or out of order;
/// also when the reader itself fails (then the line is the one being read).
pub fn read(mut reader: impl BufRead) -> Result<Vec<Article>, CorpusError> {
    let mut articles = Vec::new();
    let mut bytes = Vec::new();
    let mut line_number = 0;
    loop {
        bytes.clear();
        line_number += 1;
        let read = reader
            .read_until(b'\n', &mut bytes)
            .map_err(|e| CorpusError::new(line_number, format!("could not be read: {e}")))?;
        if read == 0 {
            break;
        }
        let line = std::str::from_utf8(&bytes)
            .map_err(|e| CorpusError::new(line_number, format!("is not valid UTF-8 (at byte {})", e.valid_up_to())))?;
        // A byte-order mark some editors write at the start of a file is not part of the JSON.
        let line = if line_number == 1 { line.trim_start_matches('\u{feff}') } else { line };
        if line.trim().is_empty() {
            continue;
        }
        articles.push(parse_line(line, line_number)?);
    }
    Ok(articles)
}

/// Reads one corpus line as an article; `line_number` is only used in errors.
///
/// # Errors
/// See [`read`].
pub fn parse_line(line: &str, line_number: usize) -> Result<Article, CorpusError> {
    let raw: RawArticle = serde_json::from_str(line).map_err(|e| CorpusError::new(line_number, json_message(&e)))?;
    let fail = |message: String| CorpusError::new(line_number, message);

    // Byte offset of every code point, plus the end of the text: code point `i`
    // starts at `starts[i]`.
    let starts: Vec<usize> = raw.text.char_indices().map(|(at, _)| at).chain([raw.text.len()]).collect();
    let length = starts.len() - 1;

    let mut sentences = Vec::with_capacity(raw.sentences.len());
    let mut previous_end = 0;
    for (index, sentence) in raw.sentences.into_iter().enumerate() {
        let number = index + 1;
        let (start, end) = (sentence.start, sentence.end);
        if start > end {
            return Err(fail(format!("sentence {number} starts at {start}, after its end {end}")));
        }
        if end > length {
            return Err(fail(format!(
                "sentence {number} ends at {end}, past the end of the text ({length} code points)"
            )));
        }
        if start < previous_end {
            return Err(fail(format!(
                "sentence {number} starts at {start}, before the previous sentence ends ({previous_end}); \
                 sentences must be in order and not overlap"
            )));
        }
        previous_end = end;
        let label = Verdict::parse(&sentence.label).ok_or_else(|| {
            fail(format!(
                "sentence {number} has the label {:?}, which is not one of named, anonymous, unattributed, none",
                sentence.label
            ))
        })?;
        sentences.push(GoldSentence {
            span: Span::new(starts[start], starts[end]),
            label,
            hedged: sentence.hedged,
            source: sentence.source,
            resolved: sentence.resolved,
            cue: sentence.cue,
        });
    }
    Ok(Article { id: raw.id, lang: raw.lang, genre: raw.genre, text: raw.text, sentences, line: line_number })
}

/// serde_json's message without its "at line 1 column N" tail (the line is ours to
/// name), with the column kept because a corpus line is long.
fn json_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => &full,
    };
    let what = match error.classify() {
        serde_json::error::Category::Eof => "is cut short",
        serde_json::error::Category::Syntax => "is not valid JSON",
        _ => "is not a corpus article",
    };
    format!("{what}: {message} (column {})", error.column())
}

#[derive(Deserialize)]
struct RawArticle {
    id: String,
    lang: String,
    #[serde(default)]
    genre: Option<String>,
    text: String,
    sentences: Vec<RawSentence>,
}

#[derive(Deserialize)]
struct RawSentence {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    hedged: Option<bool>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    resolved: Option<String>,
    #[serde(default)]
    cue: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn read_str(text: &str) -> Result<Vec<Article>, CorpusError> {
        read(text.as_bytes())
    }

    fn error_of(text: &str) -> CorpusError {
        read_str(text).expect_err("the corpus should be rejected")
    }

    const GOOD: &str = r#"{"id": "a1", "lang": "en", "genre": "wire", "text": "Rain fell. \"Wet,\" said Bo.\n\nEnd.", "sentences": [{"start": 0, "end": 10, "label": "unattributed", "hedged": false, "source": null, "resolved": null, "cue": null}, {"start": 11, "end": 26, "label": "named", "hedged": false, "source": "Bo", "resolved": null, "cue": "said"}, {"start": 28, "end": 32, "label": "none"}]}"#;

    #[test]
    fn reads_an_article_with_every_field() {
        let articles = read_str(GOOD).unwrap();
        assert_eq!(articles.len(), 1);
        let article = &articles[0];
        assert_eq!(article.id, "a1");
        assert_eq!(article.lang, "en");
        assert_eq!(article.genre.as_deref(), Some("wire"));
        assert_eq!(article.line, 1);
        let texts: Vec<&str> = article.sentences.iter().map(|s| s.text(article)).collect();
        assert_eq!(texts, ["Rain fell.", "\"Wet,\" said Bo.", "End."]);
        let labels: Vec<Verdict> = article.sentences.iter().map(|s| s.label).collect();
        assert_eq!(labels, [Verdict::Unattributed, Verdict::Named, Verdict::None]);
        assert_eq!(article.sentences[1].source.as_deref(), Some("Bo"));
        assert_eq!(article.sentences[1].cue.as_deref(), Some("said"));
        assert_eq!(article.sentences[0].hedged, Some(false));
    }

    #[test]
    fn optional_fields_may_be_missing() {
        let articles = read_str(GOOD).unwrap();
        let last = &articles[0].sentences[2];
        assert_eq!((last.hedged, &last.source, &last.cue), (None, &None, &None));
    }

    #[test]
    fn converts_code_point_offsets_to_byte_offsets() {
        // "É" is 2 bytes, "😀" is 4 bytes (and 2 UTF-16 units): only code points count in the file.
        let line = r#"{"id": "u", "lang": "fr", "text": "Élan 😀 ici. « Oui », dit Zoé.", "sentences": [{"start": 0, "end": 11, "label": "unattributed"}, {"start": 12, "end": 29, "label": "named"}]}"#;
        let article = &read_str(line).unwrap()[0];
        assert_eq!(article.sentences[0].text(article), "Élan 😀 ici.");
        assert_eq!(article.sentences[1].text(article), "« Oui », dit Zoé.");
        assert_eq!(article.sentences[0].span, Span::new(0, 15));
    }

    #[test]
    fn skips_blank_lines_and_counts_them() {
        let text = format!("\n{GOOD}\n   \n{GOOD}\n");
        let articles = read_str(&text).unwrap();
        assert_eq!(articles.iter().map(|a| a.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn accepts_a_byte_order_mark_and_crlf_line_ends() {
        let text = format!("\u{feff}{GOOD}\r\n{GOOD}\r\n");
        assert_eq!(read_str(&text).unwrap().len(), 2);
    }

    #[test]
    fn an_empty_corpus_has_no_articles() {
        assert!(read_str("").unwrap().is_empty());
    }

    #[test]
    fn rejects_a_line_that_is_not_json_with_its_number() {
        let error = error_of(&format!("{GOOD}\n{GOOD}\n{{\"id\": \"x\", oops}}\n"));
        assert_eq!(error.line(), 3);
        assert!(error.message().contains("not valid JSON"), "{error}");
        assert!(error.to_string().starts_with("line 3: "), "{error}");
    }

    #[test]
    fn rejects_a_truncated_line() {
        let error = error_of(&GOOD[..GOOD.len() - 20]);
        assert_eq!(error.line(), 1);
        assert!(error.message().contains("cut short"), "{error}");
    }

    #[test]
    fn rejects_a_missing_field_naming_it() {
        let error = error_of(r#"{"id": "x", "lang": "en", "sentences": []}"#);
        assert!(error.message().contains("`text`"), "{error}");
    }

    #[test]
    fn rejects_a_field_of_the_wrong_type() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi.", "sentences": [{"start": "0", "end": 3, "label": "none"}]}"#,
        );
        assert!(error.message().contains("not a corpus article"), "{error}");
    }

    #[test]
    fn rejects_an_unknown_label() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi.", "sentences": [{"start": 0, "end": 3, "label": "Named"}]}"#,
        );
        assert!(error.message().contains("sentence 1 has the label \"Named\""), "{error}");
    }

    #[test]
    fn rejects_a_sentence_past_the_end_of_the_text() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi.", "sentences": [{"start": 0, "end": 4, "label": "none"}]}"#,
        );
        assert!(error.message().contains("past the end of the text (3 code points)"), "{error}");
    }

    #[test]
    fn rejects_a_reversed_sentence() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi.", "sentences": [{"start": 2, "end": 1, "label": "none"}]}"#,
        );
        assert!(error.message().contains("after its end"), "{error}");
    }

    #[test]
    fn rejects_overlapping_or_unordered_sentences() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi. Yo.", "sentences": [{"start": 0, "end": 5, "label": "none"}, {"start": 4, "end": 7, "label": "none"}]}"#,
        );
        assert!(error.message().contains("sentence 2 starts at 4"), "{error}");
    }

    #[test]
    fn rejects_a_negative_offset() {
        let error = error_of(
            r#"{"id": "x", "lang": "en", "text": "Hi.", "sentences": [{"start": -1, "end": 3, "label": "none"}]}"#,
        );
        assert_eq!(error.line(), 1);
    }

    #[test]
    fn rejects_invalid_utf8_with_its_line() {
        let mut bytes = format!("{GOOD}\n").into_bytes();
        bytes.extend_from_slice(b"{\"id\": \"\xff\"}\n");
        let error = read(&bytes[..]).unwrap_err();
        assert_eq!(error.line(), 2);
        assert!(error.message().contains("not valid UTF-8"), "{error}");
    }

    #[test]
    fn rejects_a_json_value_that_is_not_an_object() {
        let error = error_of("[1, 2, 3]");
        assert!(error.message().contains("not a corpus article"), "{error}");
    }

    // proptest needs a clock and OS randomness, which wasm32-unknown-unknown lacks.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// A corpus line of any content is read or rejected with its line number; never a panic.
        #[test]
        fn any_line_is_read_or_rejected(line in "\\PC{0,200}", offsets in proptest::collection::vec(0usize..40, 0..6)) {
            let _ = parse_line(&line, 1);
            // A well-formed line with arbitrary offsets: spans on char boundaries or an error.
            let sentences: Vec<String> = offsets
                .chunks(2)
                .map(|pair| format!(r#"{{"start": {}, "end": {}, "label": "none"}}"#, pair[0], pair.get(1).copied().unwrap_or(0)))
                .collect();
            let text = serde_json::to_string(&line).unwrap();
            let json = format!(r#"{{"id": "p", "lang": "en", "text": {text}, "sentences": [{}]}}"#, sentences.join(","));
            match parse_line(&json, 7) {
                Ok(article) => {
                    for sentence in &article.sentences {
                        proptest::prop_assert!(article.text.get(sentence.span.start..sentence.span.end).is_some());
                    }
                }
                Err(error) => proptest::prop_assert_eq!(error.line(), 7),
            }
        }
    }
}
