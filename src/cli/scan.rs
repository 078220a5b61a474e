//! `sourcelight scan`: analyses one article (plain text or an HTML page) and reports it.

use std::ffi::OsString;
use std::io::IsTerminal;

use sourcelight::{analyse, Lang, LangHint};

use super::args::{self, Spec};
use super::batch::Batch;
use super::document::Document;
use super::extract;
use super::input::{self, Format, Input};
use super::view::ScanView;
use super::{report_html, report_json, report_text, write_out, Failure, EXIT_CODES};

pub const HELP: &str = "\
sourcelight scan: gives every sentence of an article a verdict.

Usage: sourcelight scan [--format json|text|html] [--lang auto|en|fr] [--input auto|text|html] [FILE|-]

FILE is plain text (paragraphs separated by blank lines) or an HTML page; without
FILE, or with `-`, the article is read from standard input. An HTML page is
recognised by its extension (.html, .htm) or its content; its article is
extracted first (Readability), its title becomes the first paragraph and its
block elements (p, h1-h6, li, blockquote, td, ...) the others. A page with no
article text, or nested more than 512 elements deep, is refused.
Plain text must be UTF-8. A page is decoded from the charset its byte-order
mark or its <meta> tag declares (windows-1252, ISO-8859-x, Shift_JIS, UTF-16,
...), or must be UTF-8 if it declares none. The input is at most 64 MiB.

Options:
  --format json   the analysis as JSON (the default): lang, sentences with
                  start/end, paragraph, text, verdict, hedged, quote, source,
                  cue and reason, sources, anonymous_phrases, summary
  --format text   a readable report for the terminal (colours when stdout is a
                  terminal and NO_COLOR is not set)
  --format html   a standalone HTML page: the article highlighted by verdict,
                  with each sentence's source, cue and reason, and the profile
  --lang auto|en|fr
                  the article's language. auto (the default) decides from the
                  text (a page's declared language only settles a text too
                  short to tell) and refuses an article in a language the tool
                  does not read, naming it (exit 1); en or fr reads the
                  article in that language whatever it looks like
  --input auto|text|html
                  read the input as plain text or HTML instead of guessing
  -h, --help      show this help

Offsets: start and end are UTF-8 byte offsets, end exclusive. For plain text
they point into the input itself (input[start..end] is the sentence). For HTML
they point into the extracted article text, which the JSON gives as input.text
(the page's blocks joined by blank lines).

";

/// The report formats of `--format`.
enum Report {
    Json,
    Text,
    Html,
}

pub fn run(arguments: Vec<OsString>) -> Result<(), Failure> {
    let parsed = args::parse(
        arguments,
        &Spec { valued: &["format", "lang", "input", "jobs", "summary"], switches: &["jsonl", "quiet"] },
    )?;
    if parsed.has("help") {
        return write_out(&format!("{HELP}{}{EXIT_CODES}", super::batch::HELP));
    }
    let lang = parsed.value("lang").unwrap_or("auto");
    let hint = LangHint::parse(lang).ok_or_else(|| {
        Failure::usage(format!("--lang must be auto or a language the tool reads ({}), not {lang:?}", Lang::codes()))
    })?;
    let forced = match parsed.value("input") {
        None => None,
        Some(value) => Format::parse_choice(value)
            .ok_or_else(|| Failure::usage(format!("--input must be auto, text or html, not {value:?}")))?,
    };
    // --jsonl, --format jsonl, several files: one compact line per article.
    if let Some(batch) = Batch::from_args(&parsed, parsed.value("format") == Some("jsonl"), hint, forced)? {
        return batch.run();
    }
    let report = match parsed.value("format").unwrap_or("json") {
        "json" => Report::Json,
        "text" => Report::Text,
        "html" => Report::Html,
        other => return Err(Failure::usage(format!("--format must be json, jsonl, text or html, not {other:?}"))),
    };
    let operand = parsed.single_operand("file", Some("-"))?;

    let input = input::read(&operand, forced)?;
    let name = input.name.clone();
    let document = document_of(input)?;
    let analysis = analyse(&document.block_texts(), hint_for(hint, &document)).map_err(|unsupported| {
        Failure::input(format!("{name}: {unsupported}; --lang {} reads it anyway", Lang::codes()))
    })?;
    let view = ScanView::build(&document, &analysis);
    let output = match report {
        Report::Json => report_json::render(&view),
        Report::Html => report_html::render(&view, &document),
        Report::Text => report_text::render(&view, report_text::colour_wanted(std::io::stdout().is_terminal())),
    };
    write_out(&output)
}

/// `--lang auto` on a page that declares its language: the declaration helps
/// with a text too short to tell; the text still decides.
pub fn hint_for(hint: LangHint, document: &Document) -> LangHint {
    match (hint, &document.declared_lang) {
        (LangHint::Auto, Some(tag)) => LangHint::declared(tag),
        _ => hint,
    }
}

/// The article in the input: its paragraphs, or for a page the extracted article.
pub fn document_of(input: Input) -> Result<Document, Failure> {
    match input.format {
        Format::Text => Ok(Document::from_text(input.text)),
        Format::Html => extract::article(&input.text, &input.name),
    }
}
