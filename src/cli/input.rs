//! Reading the file to scan: size limit, binary and encoding checks, text or HTML.
//!
//! The input is read in chunks, so that a binary file is recognised from its first
//! bytes and an oversized one is refused as soon as it passes the limit (a regular
//! file is refused from its size before a byte is read). Nothing is decoded with
//! replacement characters: offsets in the report must point into the file as it is,
//! so text that is not UTF-8 is refused with the place of the first bad byte.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::Path;

use super::Failure;

/// The largest input `scan` reads: far above any article, far below trouble.
pub const SIZE_LIMIT: u64 = 64 * 1024 * 1024;
const LIMIT_TEXT: &str = "64 MiB";

/// How the input is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, paragraphs separated by blank lines.
    Text,
    /// An HTML page; the article is extracted from it.
    Html,
}

impl Format {
    /// Parses the value of `--input`: `auto` (None), `text` or `html`.
    pub fn parse_choice(value: &str) -> Option<Option<Format>> {
        match value {
            "auto" => Some(None),
            "text" | "txt" => Some(Some(Format::Text)),
            "html" => Some(Some(Format::Html)),
            _ => None,
        }
    }
}

/// The checked content of the input.
#[derive(Debug)]
pub struct Input {
    /// How to name the input in messages: its path, or "standard input".
    pub name: String,
    pub text: String,
    pub format: Format,
}

/// Reads `operand` (a path, or `-` for standard input) as UTF-8 text, text or HTML
/// as `forced` says or as detected from the extension and then the content.
///
/// # Errors
/// A sentence naming the input when it cannot be opened or read, is over
/// [`SIZE_LIMIT`], is empty or only white space, looks binary, or is not UTF-8.
pub fn read(operand: &OsStr, forced: Option<Format>) -> Result<Input, Failure> {
    let from_stdin = operand == "-";
    let path = Path::new(operand);
    let name = if from_stdin { "standard input".to_string() } else { path.display().to_string() };

    let bytes = if from_stdin {
        if io::stdin().is_terminal() {
            // Someone ran `sourcelight scan` with no file: say why nothing happens.
            eprintln!("sourcelight: reading the article from standard input (end it with Ctrl-D)");
        }
        read_limited(io::stdin().lock(), &name)?
    } else {
        let metadata = std::fs::metadata(path).map_err(|e| open_failure(&name, &e))?;
        if metadata.is_file() && metadata.len() > SIZE_LIMIT {
            return Err(too_large(&name));
        }
        read_limited(open_file(path, &name)?, &name)?
    };
    from_bytes(bytes, name, (!from_stdin).then_some(path), forced)
}

/// Checks bytes already read and decides text or HTML; `path` (none for standard
/// input) lends its extension to the decision.
///
/// # Errors
/// See [`read`].
pub fn from_bytes(bytes: Vec<u8>, name: String, path: Option<&Path>, forced: Option<Format>) -> Result<Input, Failure> {
    if bytes.len() as u64 > SIZE_LIMIT {
        return Err(too_large(&name));
    }
    if bytes.contains(&0) {
        return Err(binary(&name, &bytes));
    }
    let text = check_text(bytes, &name)?;
    let format = forced.unwrap_or_else(|| detect(path, &text));
    Ok(Input { name, text, format })
}

/// Opens a file to read, refusing a directory with a sentence that says so.
pub fn open_file(path: &Path, name: &str) -> Result<File, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| open_failure(name, &e))?;
    if metadata.is_dir() {
        return Err(Failure::input(format!("{name} is a directory, not a file")));
    }
    File::open(path).map_err(|e| open_failure(name, &e))
}

/// Why a file could not be opened, in words.
pub fn open_failure(name: &str, error: &io::Error) -> Failure {
    Failure::input(match error.kind() {
        io::ErrorKind::NotFound => format!("there is no file {name}"),
        io::ErrorKind::PermissionDenied => format!("{name} cannot be read: permission denied"),
        io::ErrorKind::IsADirectory => format!("{name} is a directory, not a file"),
        _ => format!("{name} cannot be read: {error}"),
    })
}

fn too_large(name: &str) -> Failure {
    Failure::input(format!("{name} is larger than the {LIMIT_TEXT} limit; split it or extract the article first"))
}

/// Reads at most [`SIZE_LIMIT`] bytes, stopping early on a NUL byte (a binary file).
fn read_limited(mut reader: impl Read, name: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
                return Err(Failure::input(format!("{name} is a directory, not a file")))
            }
            Err(e) => return Err(Failure::input(format!("{name} could not be read: {e}"))),
        };
        if chunk[..n].contains(&0) {
            let whole = [bytes.as_slice(), &chunk[..n]].concat();
            return Err(binary(name, &whole));
        }
        if bytes.len() as u64 + n as u64 > SIZE_LIMIT {
            return Err(too_large(name));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
}

fn binary(name: &str, bytes: &[u8]) -> Failure {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        Failure::input(format!("{name} is UTF-16 text; convert it to UTF-8 first (for example with iconv)"))
    } else {
        Failure::input(format!("{name} looks like a binary file, not text or HTML (it holds NUL bytes)"))
    }
}

fn check_text(bytes: Vec<u8>, name: &str) -> Result<String, Failure> {
    if bytes.is_empty() {
        return Err(Failure::input(format!("{name} is empty")));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..bad];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = bad - before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1) + 1;
        Failure::input(format!(
            "{name} is not valid UTF-8 text (bad byte at line {line}, column {column}); \
             convert it to UTF-8 first (for example with iconv)"
        ))
    })?;
    if text.trim().is_empty() {
        return Err(Failure::input(format!("{name} holds only white space, no text")));
    }
    Ok(text)
}

/// Text or HTML: by the file's extension when it says, else by the content.
fn detect(path: Option<&Path>, text: &str) -> Format {
    if let Some(path) = path {
        let extension = path.extension().and_then(OsStr::to_str).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml" | "shtml") => return Format::Html,
            Some("txt" | "text" | "md") => return Format::Text,
            _ => {}
        }
    }
    if looks_like_html(text) {
        Format::Html
    } else {
        Format::Text
    }
}

/// Starts with a tag and shows one of the tags every page has, near the top.
fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<article", "<main", "<p>", "<p ", "<div", "<meta"]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_by_content() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html><body><p>Hi</p></body></html>"));
        assert!(looks_like_html("<div class=a><p>Story</p></div>"));
        assert!(!looks_like_html("The council met on Monday. <b>Bold</b> claims followed."));
        assert!(!looks_like_html("<3 to all our readers"));
    }

    #[test]
    fn the_extension_wins_over_the_content() {
        assert_eq!(detect(Some(Path::new("a.TXT")), "<html><body></body></html>"), Format::Text);
        assert_eq!(detect(Some(Path::new("page.htm")), "plain words"), Format::Html);
        assert_eq!(detect(None, "<html><p>x</p></html>"), Format::Html);
        assert_eq!(detect(Some(Path::new("notes")), "plain words"), Format::Text);
    }

    #[test]
    fn names_the_line_and_column_of_a_bad_byte() {
        let failure = check_text(b"ok\nfine \xE9t\xE9\n".to_vec(), "f.txt").unwrap_err();
        assert!(failure.message.contains("line 2, column 6"), "{}", failure.message);
    }

    #[test]
    fn refuses_empty_and_blank_input() {
        assert!(check_text(Vec::new(), "f").unwrap_err().message.contains("is empty"));
        assert!(check_text(b" \n\t\n".to_vec(), "f").unwrap_err().message.contains("only white space"));
    }

    #[test]
    fn stops_at_the_limit_without_reading_everything() {
        // An endless reader: only the limit can end this read.
        let endless = io::repeat(b'a');
        let failure = read_limited(endless, "stdin").unwrap_err();
        assert!(failure.message.contains("64 MiB"), "{}", failure.message);
    }

    #[test]
    fn recognises_binary_and_utf16_input() {
        let failure = read_limited(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "x.png").unwrap_err();
        assert!(failure.message.contains("binary"), "{}", failure.message);
        let failure = read_limited(&b"\xFF\xFEH\0i\0"[..], "x.txt").unwrap_err();
        assert!(failure.message.contains("UTF-16"), "{}", failure.message);
    }

    proptest::proptest! {
        /// Any bytes are either refused with a sentence or accepted unchanged as text.
        #[test]
        fn any_bytes_are_refused_or_kept_exactly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            match read_limited(&bytes[..], "f").and_then(|read| check_text(read, "f")) {
                Ok(text) => proptest::prop_assert_eq!(text.as_bytes(), &bytes[..]),
                Err(failure) => proptest::prop_assert!(failure.message.starts_with('f') && !failure.message.contains('\n')),
            }
        }
    }
}
