//! Reading the file to scan: size limit, binary and encoding checks, text or HTML.
//!
//! The input is read in chunks, so that a binary file is recognised from its first
//! bytes and an oversized one is refused as soon as it passes the limit (a regular
//! file is refused from its size before a byte is read).
//!
//! Plain text must be UTF-8 and is never decoded with replacement characters: its
//! report offsets point into the file as it is, so text that is not UTF-8 is refused
//! with the place of the first bad byte. An HTML page is decoded as a browser
//! decodes it (see [`charset`]): in the charset its byte-order mark or its
//! `<meta>` declares, bytes that charset cannot read becoming U+FFFD; its offsets
//! point into the extracted article, not the file, so decoding takes nothing from
//! them. A page that declares nothing must be UTF-8.

mod charset;

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::Path;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8};

use self::charset::Declared;
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

/// Checks bytes already read, decides text or HTML and decodes them; `path` (none
/// for standard input) lends its extension to the decision.
///
/// # Errors
/// See [`read`].
pub fn from_bytes(bytes: Vec<u8>, name: String, path: Option<&Path>, forced: Option<Format>) -> Result<Input, Failure> {
    if bytes.len() as u64 > SIZE_LIMIT {
        return Err(too_large(&name));
    }
    if bytes.is_empty() {
        return Err(Failure::input(format!("{name} is empty")));
    }
    let declared = charset::declared(&bytes);
    let format = forced.or_else(|| format_by_extension(path)).unwrap_or_else(|| format_by_content(&bytes, declared));
    let text = match format {
        Format::Text => text_of(bytes, &name)?,
        Format::Html => page_of(bytes, declared, &name)?,
    };
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(Failure::input(format!("{name} holds only white space, no text")));
    }
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

/// Reads at most [`SIZE_LIMIT`] bytes, stopping early on a NUL byte (a binary file)
/// unless the input starts as UTF-16, where NUL bytes are half of every letter.
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
        if bytes.len() as u64 + n as u64 > SIZE_LIMIT {
            return Err(too_large(name));
        }
        bytes.extend_from_slice(&chunk[..n]);
        // Six bytes tell UTF-16 apart; a NUL seen before that is judged by `from_bytes`.
        if bytes.len() >= 6 && chunk[..n].contains(&0) && !charset::starts_as_utf16(&bytes) {
            return Err(binary(name));
        }
    }
}

fn binary(name: &str) -> Failure {
    Failure::input(format!("{name} looks like a binary file, not text or HTML (it holds NUL bytes)"))
}

fn utf16_text(name: &str) -> Failure {
    Failure::input(format!("{name} is UTF-16 text; convert it to UTF-8 first (for example with iconv)"))
}

/// Plain text: UTF-8 exactly as it is in the file (a byte-order mark included).
fn text_of(bytes: Vec<u8>, name: &str) -> Result<String, Failure> {
    if charset::starts_as_utf16(&bytes) {
        return Err(utf16_text(name));
    }
    if bytes.contains(&0) {
        return Err(binary(name));
    }
    String::from_utf8(bytes).map_err(|e| {
        let place = place_of_bad_byte(e.as_bytes(), e.utf8_error().valid_up_to());
        Failure::input(format!(
            "{name} is not valid UTF-8 text ({place}); convert it to UTF-8 first (for example with iconv)"
        ))
    })
}

/// An HTML page, decoded from the charset it declares, or from UTF-8 when it declares none.
fn page_of(bytes: Vec<u8>, declared: Option<Declared>, name: &str) -> Result<String, Failure> {
    let Some(Declared { encoding, bom_length }) = declared else {
        if bytes.contains(&0) {
            return Err(binary(name));
        }
        return String::from_utf8(bytes).map_err(|e| {
            let place = place_of_bad_byte(e.as_bytes(), e.utf8_error().valid_up_to());
            Failure::input(format!(
                "{name} is not valid UTF-8 ({place}) and declares no other charset; \
                 add <meta charset=\"...\"> naming its charset, or convert it to UTF-8 first"
            ))
        });
    };
    if encoding == REPLACEMENT {
        // ISO-2022-KR, HZ-GB-2312 and the like: browsers refuse to decode them, as
        // their escape sequences can smuggle markup past filters.
        return Err(Failure::input(format!(
            "{name} declares a charset that browsers refuse to decode (such as ISO-2022-KR); convert it to UTF-8 first"
        )));
    }
    let text = decode(bytes, encoding, bom_length);
    if text.contains('\0') {
        return Err(binary(name));
    }
    Ok(text)
}

/// `bytes` after the byte-order mark, decoded from `encoding`; a byte sequence the
/// encoding does not define becomes U+FFFD, as in a browser.
fn decode(mut bytes: Vec<u8>, encoding: &'static Encoding, bom_length: usize) -> String {
    if encoding == UTF_8 {
        // UTF-8 decodes in place when it is valid, as it nearly always is.
        bytes.drain(..bom_length);
        return String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    encoding.decode_without_bom_handling(&bytes[bom_length..]).0.into_owned()
}

/// "line L, column C" of the byte at `offset`, both counted from 1, columns in bytes.
fn place_of_bad_byte(bytes: &[u8], offset: usize) -> String {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1) + 1;
    format!("bad byte at line {line}, column {column}")
}

/// Text or HTML, when the file's extension says.
fn format_by_extension(path: Option<&Path>) -> Option<Format> {
    let extension = path?.extension().and_then(OsStr::to_str)?.to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "txt" | "text" | "md" => Some(Format::Text),
        _ => None,
    }
}

/// How many bytes at the start are enough to tell a page by its tags.
const SNIFF_LENGTH: usize = 4096;

/// Text or HTML, from the first bytes, read in the charset the bytes declare (only
/// UTF-16 changes what the tags look like; a bad byte there changes nothing).
fn format_by_content(bytes: &[u8], declared: Option<Declared>) -> Format {
    let (encoding, skip) = match declared {
        Some(found) if found.encoding != REPLACEMENT => (found.encoding, found.bom_length),
        _ => (UTF_8, 0),
    };
    let (head, _) = encoding.decode_without_bom_handling(&bytes[skip..bytes.len().min(SNIFF_LENGTH)]);
    if looks_like_html(&head) {
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
    let head: String = start.chars().take(SNIFF_LENGTH).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body", "<article", "<main", "<p>", "<p ", "<div", "<meta"]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_as(bytes: &[u8], path: Option<&str>, forced: Option<Format>) -> Result<Input, Failure> {
        from_bytes(bytes.to_vec(), "f".into(), path.map(Path::new), forced)
    }

    fn refusal(bytes: &[u8], path: Option<&str>) -> String {
        read_as(bytes, path, None).unwrap_err().message
    }

    #[test]
    fn sniffs_html_by_content() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html><body><p>Hi</p></body></html>"));
        assert!(looks_like_html("<div class=a><p>Story</p></div>"));
        assert!(!looks_like_html("The council met on Monday. <b>Bold</b> claims followed."));
        assert!(!looks_like_html("<3 to all our readers"));
    }

    #[test]
    fn the_extension_wins_over_the_content() {
        let format = |path, text: &str| read_as(text.as_bytes(), path, None).unwrap().format;
        assert_eq!(format(Some("a.TXT"), "<html><body></body></html>"), Format::Text);
        assert_eq!(format(Some("page.htm"), "plain words"), Format::Html);
        assert_eq!(format(None, "<html><p>x</p></html>"), Format::Html);
        assert_eq!(format(Some("notes"), "plain words"), Format::Text);
    }

    #[test]
    fn names_the_line_and_column_of_a_bad_byte() {
        let message = refusal(b"ok\nfine \xE9t\xE9\n", Some("f.txt"));
        assert!(message.contains("not valid UTF-8 text (bad byte at line 2, column 6)"), "{message}");
    }

    #[test]
    fn refuses_empty_and_blank_input() {
        assert!(refusal(b"", None).contains("is empty"));
        assert!(refusal(b" \n\t\n", None).contains("only white space"));
        assert!(refusal(b"\xEF\xBB\xBF \n", None).contains("only white space"));
    }

    #[test]
    fn stops_at_the_limit_without_reading_everything() {
        // An endless reader: only the limit can end this read.
        let endless = io::repeat(b'a');
        let failure = read_limited(endless, "stdin").unwrap_err();
        assert!(failure.message.contains("64 MiB"), "{}", failure.message);
    }

    #[test]
    fn recognises_binary_and_utf16_text() {
        let failure = read_limited(&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "x.png").unwrap_err();
        assert!(failure.message.contains("binary"), "{}", failure.message);
        // UTF-16 is read whole (it may be a page), and refused as plain text.
        let wide = read_limited(&b"\xFF\xFEH\0i\0"[..], "x.txt").unwrap();
        assert!(refusal(&wide, Some("x.txt")).contains("UTF-16"));
        assert!(refusal(b"\x89PNG\0\0", None).contains("binary"));
    }

    #[test]
    fn a_page_is_decoded_from_its_declared_charset() {
        let page = b"<html><head><meta charset=windows-1252></head><body><p>Caf\xE9 \x93open\x94</p></body></html>";
        let input = read_as(page, None, None).unwrap();
        assert_eq!(input.format, Format::Html);
        assert!(input.text.contains("Caf\u{e9} \u{201c}open\u{201d}"), "{}", input.text);
    }

    #[test]
    fn a_page_in_utf16_with_a_byte_order_mark_is_decoded() {
        let page = "<html><body><p>Na\u{ef}ve \u{1F600}</p></body></html>";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(page.encode_utf16().flat_map(u16::to_be_bytes));
        let input = read_as(&bytes, None, None).unwrap();
        assert_eq!((input.format, input.text.as_str()), (Format::Html, page));
    }

    #[test]
    fn bytes_the_charset_lacks_become_replacement_characters() {
        // 0xFF is no character in Shift_JIS, and 0x81 starts one that never ends.
        let input = read_as(b"<meta charset=shift_jis><p>a\xFFb\x81", None, Some(Format::Html)).unwrap();
        assert!(input.text.ends_with("<p>a\u{FFFD}b\u{FFFD}"), "{:?}", input.text);
    }

    #[test]
    fn an_undeclared_page_must_be_utf8() {
        let message = refusal(b"<html><body><p>Caf\xE9</p></body></html>", Some("p.html"));
        assert!(message.contains("not valid UTF-8 (bad byte at line 1, column 19) and declares no other charset"));
        let message = refusal(b"<html><meta charset=iso-2022-kr><p>x</p></html>", None);
        assert!(message.contains("browsers refuse to decode"), "{message}");
    }

    #[test]
    fn plain_text_is_never_decoded_from_a_charset() {
        // A meta tag in a text file is words, not a declaration.
        let message = refusal(b"See <meta charset=windows-1252> for caf\xE9.", None);
        assert!(message.contains("not valid UTF-8 text"), "{message}");
        let message = refusal(b"<html><meta charset=windows-1252><p>caf\xE9</p></html>", Some("page.txt"));
        assert!(message.contains("not valid UTF-8 text"), "{message}");
    }

    proptest::proptest! {
        /// Any bytes are either refused with a sentence or, as text, kept exactly.
        #[test]
        fn any_bytes_are_refused_or_kept_exactly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            match read_limited(&bytes[..], "f").and_then(|read| from_bytes(read, "f".into(), None, Some(Format::Text))) {
                Ok(input) => proptest::prop_assert_eq!(input.text.as_bytes(), &bytes[..]),
                Err(failure) => proptest::prop_assert!(failure.message.starts_with('f') && !failure.message.contains('\n')),
            }
        }

        /// Any bytes read as a page, with or without a declaration: a text or a sentence.
        #[test]
        fn any_page_bytes_are_decoded_or_refused(
            declaration in proptest::sample::select(vec!["", "<meta charset=windows-1252>", "<meta charset=shift_jis>", "\u{feff}", "<meta charset=utf-8>"]),
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
        ) {
            let page = [declaration.as_bytes(), &bytes].concat();
            if let Err(failure) = from_bytes(page, "f".into(), None, Some(Format::Html)) {
                proptest::prop_assert!(failure.message.starts_with('f') && !failure.message.contains('\n'));
            }
        }
    }
}
