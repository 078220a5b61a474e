//! The command line: two subcommands, `scan` and `eval`, their help and exit codes.
//!
//! The parser is written by hand: two subcommands with a handful of options each do
//! not earn a dependency (and its compile time). Every failure becomes a
//! [`Failure`]: one plain sentence for stderr and an exit code from [`Exit`], so that
//! nothing reaches the user as a panic or a debug dump.

mod args;
mod batch;
mod document;
mod eval;
mod extract;
mod input;
mod report_html;
mod report_json;
mod report_text;
mod scan;
mod summary;
mod view;

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done; the report was written.
    Ok = 0,
    /// The input could not be read or understood: missing file, not UTF-8, binary,
    /// empty, over the size limit, an HTML page without an article or nested too
    /// deep, a malformed corpus line.
    Input = 1,
    /// The command line was wrong: unknown subcommand or option, missing or bad value.
    Usage = 2,
    /// The report could not be written (other than the reader closing the pipe).
    Output = 3,
}

/// Why the tool stopped: a sentence for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Failure {
        Failure { exit: Exit::Input, message: message.into() }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { exit: Exit::Usage, message: message.into() }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub const USAGE: &str = "\
sourcelight: shows, sentence by sentence, how a news article is sourced.

Usage:
  sourcelight scan [--format json|text|html] [--lang auto|en|fr] [--input auto|text|html] [FILE|-]
  sourcelight scan --jsonl [--jobs N] [--summary FILE.csv] [--quiet] [FILE|-]
  sourcelight scan --format jsonl [--jobs N] [--summary FILE.csv] [--quiet] FILE|DIR...
  sourcelight eval [--lang CODE] [--json] [--errors N] CORPUS.jsonl
  sourcelight help [scan|eval]
  sourcelight --version

Every sentence gets a verdict: named (attributed to an identifiable source),
anonymous (to a source the reader cannot identify), unattributed (a claim with no
source) or none (not a claim: headline, byline, boilerplate, a question).
With --jsonl or --format jsonl, scan reads many articles (a JSONL stream, or
files and directories) on every core and writes one compact JSON line each.

Run `sourcelight help scan` or `sourcelight help eval` for each subcommand.
";

pub const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  the input could not be read or understood (missing file, not UTF-8 text,
     binary, empty, larger than 64 MiB, an HTML page with no article or nested
     more than 512 deep, an article in a language the tool does not read, a
     malformed corpus line); stderr says which
  2  wrong command line (unknown subcommand or option, missing or bad value)
  3  the report could not be written
";

/// Runs the tool on its arguments (without the program name) and returns the exit code.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let outcome = dispatch(args);
    match outcome {
        Ok(()) => ExitCode::from(Exit::Ok as u8),
        Err(failure) => {
            // stderr may be closed too; there is nobody left to tell then.
            let _ = writeln!(io::stderr(), "sourcelight: {failure}");
            if failure.exit == Exit::Usage {
                let _ = writeln!(io::stderr(), "Run `sourcelight --help` for usage.");
            }
            ExitCode::from(failure.exit as u8)
        }
    }
}

fn dispatch(mut args: Vec<OsString>) -> Result<(), Failure> {
    if args.is_empty() {
        return Err(Failure::usage("no subcommand given (scan or eval)"));
    }
    let command = args.remove(0);
    match command.to_str() {
        Some("scan") => scan::run(args),
        Some("eval") => eval::run(args),
        Some("help" | "--help" | "-h") => match args.first().and_then(|a| a.to_str()) {
            None => write_out(&format!("{USAGE}\n{EXIT_CODES}")),
            Some("scan") => write_out(&format!("{}{}{EXIT_CODES}", scan::HELP, batch::HELP)),
            Some("eval") => write_out(&format!("{}{EXIT_CODES}", eval::HELP)),
            Some(other) => Err(Failure::usage(format!("there is no subcommand {other:?} (try scan or eval)"))),
        },
        Some("--version" | "-V") => write_out(&format!("sourcelight {}\n", env!("CARGO_PKG_VERSION"))),
        Some(other) => Err(Failure::usage(format!("unknown subcommand {other:?} (try scan or eval)"))),
        None => Err(Failure::usage(format!("unknown subcommand {command:?} (try scan or eval)"))),
    }
}

/// Runs everything `scan` does after reading, on arbitrary bytes, and checks what
/// must hold: the fuzz target `fuzz/fuzz_targets/cli_input.rs` calls it (the first
/// byte picks text, HTML or detection). A refusal is fine; a panic is the bug.
#[allow(dead_code)] // only the fuzz target calls it
pub fn fuzz_scan(data: &[u8]) {
    use sourcelight::{analyse, LangHint};
    let Some((&choice, bytes)) = data.split_first() else { return };
    let forced = [None, Some(input::Format::Text), Some(input::Format::Html)][usize::from(choice % 3)];
    let Ok(input) = input::from_bytes(bytes.to_vec(), "fuzz".into(), None, forced) else { return };
    let Ok(document) = scan::document_of(input) else { return };
    let Ok(analysis) = analyse(&document.block_texts(), scan::hint_for(LangHint::Auto, &document)) else { return };
    let view = view::ScanView::build(&document, &analysis);
    for sentence in &view.sentences {
        assert_eq!(document.text.get(sentence.start..sentence.end), Some(sentence.text), "sentence offsets");
    }
    let json = report_json::render(&view);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "the JSON report parses");
    let text = report_text::render(&view, true);
    assert!(!text.contains("\x1b]"), "no terminal command from the input");
    let html = report_html::render(&view, &document).to_ascii_lowercase();
    assert_eq!(html.matches("<script").count(), 0, "no script in the HTML report");
    assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "spans balanced");
}

/// The input readers alone, on arbitrary bytes: the checks and decoding of
/// [`input::from_bytes`], text-or-HTML detection, plain-text paragraphs, and for a
/// page its nesting depth and block elements. Readability and the analysis are left
/// to [`fuzz_scan`], which is a hundred times slower; the fuzz target
/// `fuzz/fuzz_targets/cli_input.rs` calls this (the first byte picks text, HTML or
/// detection). Checks what [`document::Document`] promises of its blocks.
#[allow(dead_code)] // only the fuzz target calls it
pub fn fuzz_read(data: &[u8]) {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let forced = [None, Some(input::Format::Text), Some(input::Format::Html)][usize::from(choice % 3)];
    let input = match input::from_bytes(bytes.to_vec(), "fuzz".into(), None, forced) {
        Ok(input) => input,
        Err(failure) => {
            assert!(failure.message.starts_with("fuzz ") && !failure.message.contains('\n'), "one sentence");
            return;
        }
    };
    if input.format == input::Format::Text {
        assert_eq!(input.text.as_bytes(), bytes, "plain text kept exactly");
    }
    let document = match input.format {
        input::Format::Text => document::Document::from_text(input.text),
        input::Format::Html => {
            let page = scraper::Html::parse_document(&input.text);
            let _ = extract::nesting_depth(&page);
            document::Document::from_blocks(extract::blocks_in(&page), None)
        }
    };
    // Text blocks are also trimmed of byte-order marks; HTML blocks of white space.
    let text_trimmed = document.format == input::Format::Text;
    let mut previous_end = 0;
    for range in &document.blocks {
        assert!(range.start >= previous_end && range.start < range.end, "blocks ordered, not empty");
        let block = document.text.get(range.clone()).expect("a block on char boundaries");
        let trimmed = block.trim_matches(|c: char| c.is_whitespace() || (text_trimmed && c == '\u{feff}'));
        assert_eq!(block, trimmed, "block trimmed");
        previous_end = range.end;
    }
}

/// Writes the whole report to stdout. A reader that closes the pipe early
/// (`sourcelight scan a.txt | head`) is not an error; any other failure is.
pub fn write_out(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure { exit: Exit::Output, message: format!("could not write the report: {e}") }),
    }
}
