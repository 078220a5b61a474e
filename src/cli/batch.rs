//! Batches: many articles in one run, on every core, one compact JSON line out for
//! each, in input order. Two sources of articles:
//!
//! - `scan --jsonl [FILE|-]`: a JSONL stream, one article a line (`{"id", "text"}` or
//!   `{"id", "html", "url"}`, optional `"lang"`, other fields carried through under
//!   `"meta"`); the line out is the analysis of `scan --format json` plus the `id`.
//! - `scan --format jsonl FILE|DIR...`: files, and directories walked for `.txt`,
//!   `.html` and `.htm` files; the line out carries the file's `path`.
//!
//! An article that cannot be read or analysed becomes a line with its `error` (and
//! its `id` and input `line`, or its `path`); the batch goes on, and the count of such
//! lines goes to stderr at the end. Only input that cannot be read at all (an I/O
//! error on the stream) ends the run with exit code 1.
//!
//! The work runs in [`ordered`]: a reader, `--jobs` analysing threads (rayon) and a
//! writer, with a bounded window of articles in flight in between, so that memory
//! does not grow with the input and the output is the same for any `--jobs`.

mod json;
mod ordered;
mod progress;
mod record;
mod walk;

use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde_json::value::RawValue;
use sourcelight::{analyse, Analysis, LangHint};

use self::ordered::{Stopped, Window};
use self::progress::Progress;
use self::record::{Body, Record};
use self::walk::{Entry, Walk};
use super::args::Parsed;
use super::document::Document;
use super::input::{self, Format, SIZE_LIMIT};
use super::summary::{Row, Summary};
use super::view::ScanView;
use super::{extract, scan, Exit, Failure};

/// The part of `sourcelight help scan` about batches.
pub const HELP: &str = "\
Batches: many articles in one run, one compact JSON line out for each

Usage: sourcelight scan --jsonl [--jobs N] [--summary FILE.csv] [--quiet] [--lang auto|en|fr] [FILE|-]
       sourcelight scan --format jsonl [--jobs N] [--summary FILE.csv] [--quiet] FILE|DIR...

  --jsonl         read a JSONL stream (FILE, or standard input): one article a
                  line, {\"id\": ..., \"text\": ...} or {\"id\": ..., \"html\": ...,
                  \"url\": ...}, with an optional \"lang\": the language the archive
                  says the article is in (as a page declares it: the text still
                  decides; --lang en reads every line in English). Every other
                  field is carried through, as written, under \"meta\".
                  Each line out is the analysis of --format json, compact, with
                  the \"id\" first (and \"meta\" last), in the order of the input.
  --format jsonl  for FILEs and DIRectories: one line per file with its \"path\";
                  a directory is walked for .txt, .html and .htm files, entries in
                  name order (names starting with a dot are skipped). Implied by
                  --jsonl; needed for several files or a directory.
  --jobs N        analyse N articles at a time (default: one per core). The
                  output is the same for any N.
  --summary FILE.csv
                  also write one CSV row per article: id (or path), lang,
                  sentences, named, anonymous, unattributed, none, hedged,
                  anonymous_share (anonymous / claims, where claims are the
                  sentences that are not none; empty without claims),
                  top_source_1..3 (the named sources most sentences rest on),
                  error (the other columns are empty then)
  --quiet         no progress line (it is drawn on stderr only when stderr is a
                  terminal: articles, errors, MB/s, and the ETA of a file)

A line or file that cannot be read or analysed (not JSON, no id, no text, empty,
an unsupported language, over 64 MiB, no article in the page) gets the line
{\"id\": ... (when known), \"line\": N, \"error\": \"...\"}, or {\"path\": ..., \"error\":
...}, and the batch goes on; the count of such lines goes to stderr at the end.
The exit code is 0 once the input is read to its end, 1 only when it cannot be
read at all. Memory stays bounded: a window of articles is in flight at once.

";

/// The most input, in bytes, held in flight at once (beyond a single larger article).
const WINDOW_BYTES: usize = 32 * 1024 * 1024;

/// Articles go to the threads in chunks of up to this many bytes or [`CHUNK_ARTICLES`]
/// articles: handed over one by one, 1,000-word articles cost three thread switches
/// each (reader to worker to writer and back), a sixth of the tool's time on two
/// cores. A chunk never waits for input: it closes when the bytes already read run out.
const CHUNK_BYTES: usize = 256 * 1024;
const CHUNK_ARTICLES: usize = 64;

/// A batch run, as the command line asked for it.
pub struct Batch {
    source: Source,
    jobs: usize,
    summary: Option<PathBuf>,
    quiet: bool,
    hint: LangHint,
    forced: Option<Format>,
}

enum Source {
    /// A JSONL stream: a path, or `-`.
    Stream(OsString),
    Files(Vec<OsString>),
}

impl Batch {
    /// The batch the command line asks for, or `None` for a scan of one article.
    /// `lines` is whether `--format jsonl` was given.
    ///
    /// # Errors
    /// A usage error for options that do not go together.
    pub fn from_args(parsed: &Parsed, lines: bool, hint: LangHint, forced: Option<Format>) -> Result<Option<Batch>, Failure> {
        let stream = parsed.has("jsonl");
        if !stream && !lines {
            if parsed.operands.len() > 1 {
                return Err(Failure::usage("several files are written one JSON line each: add --format jsonl"));
            }
            if let Some(dir) = parsed.operands.first().filter(|o| *o != "-" && Path::new(o).is_dir()) {
                // An input error, as before batches: the file to read is not one.
                return Err(Failure::input(format!(
                    "{} is a directory: add --format jsonl to scan the articles in it",
                    Path::new(dir).display()
                )));
            }
            if let Some(option) = ["jobs", "summary", "quiet"].into_iter().find(|o| parsed.has(o)) {
                return Err(Failure::usage(format!("--{option} is for batches: add --jsonl or --format jsonl")));
            }
            return Ok(None);
        }
        if stream && parsed.value("format").is_some_and(|f| f != "jsonl") {
            return Err(Failure::usage("--jsonl writes JSON lines: leave out --format, or give --format jsonl"));
        }
        if stream && forced.is_some() {
            return Err(Failure::usage("--input does not apply to --jsonl: each line says \"text\" or \"html\""));
        }
        let jobs = match parsed.value("jobs") {
            None => std::thread::available_parallelism().map_or(1, usize::from),
            Some(value) => match value.parse::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(Failure::usage(format!("--jobs must be a whole number of at least 1, not {value:?}"))),
            },
        };
        let source = if stream {
            Source::Stream(parsed.single_operand("JSONL file", Some("-"))?)
        } else if parsed.operands.is_empty() {
            Source::Files(vec!["-".into()])
        } else {
            Source::Files(parsed.operands.clone())
        };
        let summary = parsed.value("summary").map(PathBuf::from);
        Ok(Some(Batch { source, jobs, summary, quiet: parsed.has("quiet"), hint, forced }))
    }

    /// Reads, analyses and writes the whole batch.
    ///
    /// # Errors
    /// Exit code 1 when the stream cannot be read (after writing what was read
    /// before), 3 when the output or the summary cannot be written.
    pub fn run(self) -> Result<(), Failure> {
        let mut summary = self.summary.as_deref().map(Summary::create).transpose()?;
        let settings = Settings { hint: self.hint, forced: self.forced, rows: summary.is_some(), buffers: Mutex::new(Vec::new()) };
        let window = Window::for_jobs(self.jobs, WINDOW_BYTES);
        let mut out = io::BufWriter::with_capacity(1024 * 1024, io::stdout());
        let (total, what) = match &self.source {
            Source::Stream(operand) => (stream_size(operand), "lines"),
            Source::Files(_) => (None, "files"),
        };
        let mut progress = Progress::new(self.quiet, total);

        let emit = |chunk: Vec<Done>| -> Result<(), Failure> {
            for done in chunk {
                out.write_all(&done.line).map_err(write_failure)?;
                if let (Some(summary), Some(row)) = (summary.as_mut(), &done.row) {
                    summary.write(row)?;
                }
                progress.done(done.weight as u64, done.failed);
                settings.give_back(done.line);
            }
            Ok(())
        };
        let work = |chunk: Vec<Job>| chunk.into_iter().map(|job| settings.work(job)).collect::<Vec<Done>>();
        let outcome = match &self.source {
            Source::Stream(operand) => {
                let name = if operand == "-" { "standard input".to_string() } else { Path::new(operand).display().to_string() };
                let lines = Lines::new(open_stream(operand, &name)?, SIZE_LIMIT as usize)
                    .map(|line| line.map_err(|e| Failure::input(format!("{name} could not be read: {e}"))));
                ordered::run(self.jobs, window, lines, work, emit)
            }
            Source::Files(operands) => {
                let entries = Walk::new(operands.clone()).map(|entry| match entry {
                    Entry::File { path, bytes } => (Job::File { path, bytes }, usize::try_from(bytes).unwrap_or(usize::MAX)),
                    Entry::Unreadable { path, message } => (Job::Unreadable { path, message }, 0),
                });
                ordered::run(self.jobs, window, chunks(entries).map(Ok::<_, Failure>), work, emit)
            }
        };
        progress.finish();
        // A stream that failed half-way still gets what was read before written out,
        // the summary finished and the count of errors, before its exit code 1.
        let (closed, unreadable) = match outcome {
            Ok(()) => (false, None),
            Err(Stopped::Emit(failure)) if failure.exit == Exit::Ok => (true, None),
            Err(Stopped::Emit(failure)) => return Err(failure),
            Err(Stopped::Read(failure)) => (false, Some(failure)),
        };
        if !closed {
            match out.flush() {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(write_failure(e)),
                _ => {}
            }
        }
        if let Some(summary) = summary.take() {
            summary.finish()?;
        }
        if progress.errors() > 0 {
            let _ = writeln!(
                io::stderr(),
                "sourcelight: {} of {} {what} could not be read or analysed; their lines out say why (\"error\")",
                progress.errors(),
                progress.articles()
            );
        }
        unreadable.map_or(Ok(()), Err)
    }
}

/// The output could not be written; a reader that closed the pipe ends the batch quietly
/// (exit code 0, as `scan ... | head` does).
fn write_failure(error: io::Error) -> Failure {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return Failure { exit: Exit::Ok, message: String::new() };
    }
    Failure { exit: Exit::Output, message: format!("could not write the report: {error}") }
}

/// The size of the stream when it is a file (standard input redirected from one included).
fn stream_size(operand: &OsString) -> Option<u64> {
    let path = if operand == "-" { Path::new("/dev/stdin") } else { Path::new(operand) };
    std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len())
}

fn open_stream(operand: &OsString, name: &str) -> Result<Box<dyn Read + Send>, Failure> {
    if operand == "-" {
        if io::stdin().is_terminal() {
            // Someone ran `sourcelight scan --jsonl` with no file: say why nothing happens.
            eprintln!("sourcelight: reading articles from standard input, one JSON object a line (end with Ctrl-D)");
        }
        return Ok(Box::new(io::stdin()));
    }
    Ok(Box::new(input::open_file(Path::new(operand), name)?))
}

/// One article to analyse, as the reader found it.
enum Job {
    /// A line of the stream (its number counts from 1) without its line break.
    Line { number: u64, bytes: Vec<u8> },
    /// A line longer than the limit: skipped, not held.
    TooLong { number: u64, bytes: u64 },
    /// A file (or `-`) and its size when known.
    File { path: PathBuf, bytes: u64 },
    Unreadable { path: PathBuf, message: String },
}

/// One line out.
struct Done {
    /// The JSON line, line break included.
    line: Vec<u8>,
    row: Option<Row>,
    failed: bool,
    /// The input bytes it stands for, for the progress line.
    weight: usize,
}

/// What every job of a batch shares.
struct Settings {
    hint: LangHint,
    forced: Option<Format>,
    /// Whether to make summary rows.
    rows: bool,
    /// Output buffers handed back by the writer, to be filled again.
    buffers: Mutex<Vec<Vec<u8>>>,
}

/// Where a line out came from: a line of the stream or a file.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Line { number: u64, id: Option<&'a RawValue> },
    Path(&'a str),
}

/// A line out for an article that could not be read or analysed.
#[derive(Serialize)]
struct Failed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    error: &'a str,
}

impl Settings {
    fn work(&self, job: Job) -> Done {
        let line = self.buffers.lock().ok().and_then(|mut buffers| buffers.pop()).unwrap_or_default();
        match job {
            Job::Line { number, bytes } => {
                let weight = bytes.len() + 1;
                match record::parse(&bytes) {
                    Ok(record) => self.analysed(line, weight, Origin::Line { number, id: Some(record.id) }, |hint| {
                        article_of_record(&record, hint)
                    }, &record.meta, record.lang.as_deref()),
                    Err(rejected) => self.failed(line, weight, Origin::Line { number, id: rejected.id }, &rejected.message),
                }
            }
            Job::TooLong { number, bytes } => {
                let message = format!("the line is {bytes} bytes long, over the limit of 64 MiB an article");
                self.failed(line, bytes as usize, Origin::Line { number, id: None }, &message)
            }
            Job::File { path, bytes } => {
                let name = path.display().to_string();
                let read = |hint| {
                    let document =
                        input::read(path.as_os_str(), self.forced).and_then(scan::document_of).map_err(|f| f.message)?;
                    analyse_document(&document, hint).map(|analysis| (document, analysis))
                };
                self.analysed(line, bytes as usize, Origin::Path(&name), read, &[], None)
            }
            Job::Unreadable { path, message } => self.failed(line, 0, Origin::Path(&path.display().to_string()), &message),
        }
    }

    /// Analyses what `read` gives and writes its line, or the line of its error.
    fn analysed(
        &self,
        mut line: Vec<u8>,
        weight: usize,
        origin: Origin,
        read: impl FnOnce(LangHint) -> Result<(Document, Analysis), String>,
        meta: &[(Cow<str>, &RawValue)],
        lang: Option<&str>,
    ) -> Done {
        let analysed = read(hint_of(lang, self.hint));
        let (document, analysis) = match analysed {
            Ok(both) => both,
            Err(message) => return self.failed(line, weight, origin, &message),
        };
        let view = ScanView::build(&document, &analysis);
        let (id, path) = match origin {
            Origin::Line { id, .. } => (id, None),
            Origin::Path(path) => (None, Some(path)),
        };
        // A line out is about four times its article (each sentence's text, reason,
        // source and cue, with their keys): room for it at once, not by doublings.
        line.reserve(document.text.len() * 5 + 1024);
        json::write_line(&mut line, id, path, &view, meta);
        line.push(b'\n');
        let row = self.rows.then(|| Row::of(id.map_or_else(|| path.unwrap_or_default().to_string(), id_text), &view));
        Done { line, row, failed: false, weight }
    }

    fn failed(&self, mut line: Vec<u8>, weight: usize, origin: Origin, message: &str) -> Done {
        line.clear();
        let (id, path, number) = match origin {
            Origin::Line { number, id } => (id, None, Some(number)),
            Origin::Path(path) => (None, Some(path), None),
        };
        // Only strings, numbers and raw JSON already checked: this cannot fail.
        let _ = serde_json::to_writer(&mut line, &Failed { id, path, line: number, error: message });
        line.push(b'\n');
        let row = self.rows.then(|| match (id, path, number) {
            (Some(id), ..) => Row::failed(id_text(id), message),
            (None, Some(path), _) => Row::failed(path.to_string(), message),
            // No id to name it by: the row says which line it stands for.
            (None, None, number) => Row::failed(String::new(), &format!("line {}: {message}", number.unwrap_or(0))),
        });
        Done { line, row, failed: true, weight }
    }

    /// Keeps a written line's buffer for a later one (at most a window's worth).
    fn give_back(&self, mut line: Vec<u8>) {
        line.clear();
        if let Ok(mut buffers) = self.buffers.lock() {
            if buffers.len() < 256 {
                buffers.push(line);
            }
        }
    }
}

/// The article of a line: its text, or the article extracted from its page.
fn article_of_record(record: &Record, hint: LangHint) -> Result<(Document, Analysis), String> {
    let document = match &record.body {
        Body::Text(text) => Document::from_text(text.clone().into_owned()),
        Body::Html { html, url } => extract::article(html, url.as_deref().unwrap_or("the page")).map_err(|f| f.message)?,
    };
    analyse_document(&document, hint).map(|analysis| (document, analysis))
}

/// The one place a batch calls the core. An article in a language the core does not
/// read is an error of its line, named as `scan` names it.
fn analyse_document(document: &Document, hint: LangHint) -> Result<Analysis, String> {
    analyse(&document.block_texts(), scan::hint_for(hint, document)).map_err(|unsupported| unsupported.to_string())
}

/// The language hint for one article. A line's `"lang"` is what the archive says the
/// article is in: a declaration, as a page's `<html lang>`, so the text still decides
/// and the tag only settles a text too short to tell. `--lang en` on the command line
/// reads every article in English whatever its line says.
fn hint_of(lang: Option<&str>, default: LangHint) -> LangHint {
    match (default, lang.map(str::trim)) {
        (LangHint::Is(_), _) | (_, None | Some("" | "auto")) => default,
        (_, Some(tag)) => LangHint::declared(tag),
    }
}

/// An id as text for the CSV: a string's content, or a number as written.
fn id_text(id: &RawValue) -> String {
    serde_json::from_str::<String>(id.get()).unwrap_or_else(|_| id.get().to_string())
}

/// Files in chunks (see [`CHUNK_BYTES`]), each file weighed by its size.
fn chunks(mut entries: impl Iterator<Item = (Job, usize)>) -> impl Iterator<Item = (Vec<Job>, usize)> {
    std::iter::from_fn(move || {
        let mut chunk = Vec::new();
        let mut bytes = 0usize;
        while chunk.len() < CHUNK_ARTICLES && bytes < CHUNK_BYTES {
            let Some((job, weight)) = entries.next() else { break };
            chunk.push(job);
            bytes = bytes.saturating_add(weight);
        }
        (!chunk.is_empty()).then_some((chunk, bytes))
    })
}

/// The lines of a stream, each at most `limit` bytes, in chunks (see [`CHUNK_BYTES`]).
/// A longer line is skipped to its end and reported by its length, so that it never
/// sits in memory.
struct Lines<R> {
    reader: BufReader<R>,
    limit: usize,
    number: u64,
    /// A read error met after some lines of a chunk: given after that chunk.
    failed: Option<io::Error>,
}

impl<R: Read> Lines<R> {
    fn new(reader: R, limit: usize) -> Lines<R> {
        Lines { reader: BufReader::with_capacity(1024 * 1024, reader), limit, number: 0, failed: None }
    }

    fn next_line(&mut self) -> io::Result<Option<Job>> {
        let mut bytes = Vec::new();
        let mut length: u64 = 0;
        let mut started = false;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let (piece, end) = match memchr::memchr(b'\n', buffer) {
                Some(at) => (&buffer[..at], Some(at + 1)),
                None => (buffer, None),
            };
            length += piece.len() as u64;
            if length <= self.limit as u64 {
                bytes.extend_from_slice(piece);
            } else if !bytes.is_empty() {
                bytes = Vec::new(); // over the limit: let it go
            }
            let used = end.unwrap_or(buffer.len());
            self.reader.consume(used);
            if end.is_some() {
                break;
            }
        }
        self.number += 1;
        let number = self.number;
        if length > self.limit as u64 {
            return Ok(Some(Job::TooLong { number, bytes: length }));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some(Job::Line { number, bytes }))
    }
}

impl<R: Read> Iterator for Lines<R> {
    type Item = io::Result<(Vec<Job>, usize)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            return Some(Err(e));
        }
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < CHUNK_ARTICLES && bytes < CHUNK_BYTES {
            match self.next_line() {
                Ok(Some(job)) => {
                    bytes += match &job {
                        Job::Line { bytes, .. } => bytes.len() + 1,
                        _ => 1,
                    };
                    chunk.push(job);
                }
                Ok(None) => break,
                Err(e) if chunk.is_empty() => return Some(Err(e)),
                Err(e) => {
                    self.failed = Some(e);
                    break;
                }
            }
            // Hand over what has arrived rather than wait for more (a slow pipe).
            if self.reader.buffer().is_empty() {
                break;
            }
        }
        (!chunk.is_empty()).then_some(Ok((chunk, bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<String> {
        Lines::new(input, limit)
            .flat_map(|chunk| chunk.unwrap().0)
            .map(|job| match job {
                Job::Line { number, bytes } => format!("{number}:{}", String::from_utf8_lossy(&bytes)),
                Job::TooLong { number, bytes } => format!("{number}: too long ({bytes})"),
                _ => unreachable!("only lines"),
            })
            .collect()
    }

    #[test]
    fn splits_lines_numbers_them_and_drops_line_breaks() {
        assert_eq!(lines(b"a\r\n\nbc\nd", 10), ["1:a", "2:", "3:bc", "4:d"]);
        assert_eq!(lines(b"a\n", 10), ["1:a"]);
        assert!(lines(b"", 10).is_empty());
    }

    #[test]
    fn a_read_error_comes_after_the_lines_read_before_it() {
        let failing = b"one\ntwo\nthr".chain(FailingReader);
        let mut lines = Lines::new(failing, 100);
        let first = lines.next().unwrap().unwrap().0;
        assert_eq!(first.len(), 2, "one and two; the third, cut by the error, is not a line");
        assert!(matches!(lines.next(), Some(Err(e)) if e.to_string() == "the disk went away"));
        assert!(lines.next().is_none_or(|line| line.is_err()), "nothing is made up after the error");
    }

    struct FailingReader;

    impl Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("the disk went away"))
        }
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_measured() {
        assert_eq!(lines(b"short\n0123456789ab\nok", 10), ["1:short", "2: too long (12)", "3:ok"]);
    }

    #[test]
    fn a_long_line_is_read_across_buffer_fills() {
        let long = "x".repeat(3 * 1024 * 1024);
        let input = format!("{long}\nend");
        let got = lines(input.as_bytes(), 4 * 1024 * 1024);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].len(), long.len() + 2);
    }

    #[test]
    fn a_line_s_lang_is_a_declaration_that_the_command_line_can_override() {
        use sourcelight::lang::{Lang, Language};
        assert_eq!(hint_of(None, LangHint::Auto), LangHint::Auto);
        assert_eq!(hint_of(Some("auto"), LangHint::Auto), LangHint::Auto);
        assert_eq!(hint_of(Some("en-GB"), LangHint::Auto), LangHint::Declared(Language::En));
        assert_eq!(hint_of(Some("es"), LangHint::Auto), LangHint::Declared(Language::Es));
        assert_eq!(hint_of(Some("es"), LangHint::Is(Lang::En)), LangHint::Is(Lang::En));
    }
}
