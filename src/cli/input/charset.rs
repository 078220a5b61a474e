//! Which charset an HTML page says it is written in, found the way the HTML standard's
//! encoding sniffing algorithm finds it for a file with no HTTP header: a byte-order
//! mark first, then a prescan of the first 1024 bytes for a UTF-16 XML declaration,
//! `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
//!
//! The prescan follows the standard step by step ("prescan a byte stream to determine
//! its encoding", "get an attribute", "extracting a character encoding from a meta
//! element") so that the tool decodes a page as a browser would. Charset labels are
//! resolved by `encoding_rs`, which implements the Encoding Standard's label table
//! (`latin1` and `iso-8859-1` are windows-1252, as in browsers).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far the prescan looks: the standard's figure, and what browsers use.
const PRESCAN_LIMIT: usize = 1024;

/// A charset the page declares, and how many bytes of byte-order mark precede its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    pub encoding: &'static Encoding,
    pub bom_length: usize,
}

/// The page's charset: its byte-order mark, else what the prescan finds; `None`
/// when the page declares nothing.
pub fn declared(page: &[u8]) -> Option<Declared> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(page) {
        return Some(Declared { encoding, bom_length });
    }
    prescan(page).map(|encoding| Declared { encoding, bom_length: 0 })
}

/// Whether the bytes begin as UTF-16 does in a page: a UTF-16 byte-order mark or a
/// UTF-16 XML declaration. Such input holds NUL bytes without being binary.
pub fn starts_as_utf16(bytes: &[u8]) -> bool {
    matches!(Encoding::for_bom(bytes), Some((encoding, _)) if encoding == UTF_16LE || encoding == UTF_16BE)
        || bytes.starts_with(b"<\0?\0x\0")
        || bytes.starts_with(b"\0<\0?\0x")
}

/// The end of the prescanned bytes was reached before a conclusion: no charset.
struct End;

/// An attribute's name and value, as bytes.
type Attribute = (Vec<u8>, Vec<u8>);

/// The standard's prescan of the first [`PRESCAN_LIMIT`] bytes.
fn prescan(page: &[u8]) -> Option<&'static Encoding> {
    let input = &page[..page.len().min(PRESCAN_LIMIT)];
    if input.starts_with(b"<\0?\0x\0") {
        return Some(UTF_16LE);
    }
    if input.starts_with(b"\0<\0?\0x") {
        return Some(UTF_16BE);
    }
    let mut at = 0;
    while at < input.len() {
        let rest = &input[at..];
        if rest.starts_with(b"<!--") {
            // The comment ends at the first "-->", whose dashes may be those of "<!--".
            at += 2 + find(&rest[2..], b"-->")? + 3;
            continue;
        }
        if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<meta") && (is_space(rest[5]) || rest[5] == b'/') {
            at += 6;
            match meta(input, &mut at) {
                Ok(Some(encoding)) => return Some(encoding),
                Ok(None) => {}
                Err(End) => return None,
            }
        } else if starts_tag(rest) {
            // Any other tag: skip its name and attributes, so that a value such as
            // title="<meta charset=x>" is never read as a declaration.
            at += rest.iter().position(|&b| is_space(b) || b == b'>')?;
            while attribute(input, &mut at).ok()?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += 1 + find(&rest[1..], b">")?;
        }
        // "Next byte".
        at += 1;
    }
    None
}

/// `<` or `</` followed by an ASCII letter.
fn starts_tag(rest: &[u8]) -> bool {
    match rest {
        [b'<', b'/', letter, ..] | [b'<', letter, ..] => letter.is_ascii_alphabetic(),
        _ => false,
    }
}

/// The attributes of a `<meta` tag, `at` just after its name: the charset it
/// declares, if it declares one in a way the standard accepts.
fn meta(input: &[u8], at: &mut usize) -> Result<Option<&'static Encoding>, End> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    // None: no charset yet; Some(None): a charset attribute with an unknown label.
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some((name, value)) = attribute(input, at)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                if let (Some(encoding), None) = (from_content(&value), charset) {
                    charset = Some(Some(encoding));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(Encoding::for_label(&value));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    // A charset from `content` counts only beside http-equiv="content-type".
    match need_pragma {
        None => return Ok(None),
        Some(true) if !got_pragma => return Ok(None),
        Some(_) => {}
    }
    let Some(Some(declared)) = charset else { return Ok(None) };
    Ok(Some(if declared == UTF_16LE || declared == UTF_16BE {
        // A page that could be read far enough to find this is not UTF-16.
        UTF_8
    } else if declared == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        declared
    }))
}

/// The standard's "get an attribute": the next attribute's name and value, both
/// ASCII-lowercased, or `None` at the end of the tag (`at` then on its `>`).
fn attribute(input: &[u8], at: &mut usize) -> Result<Option<Attribute>, End> {
    let byte = |at: usize| input.get(at).copied().ok_or(End);
    while is_space(byte(*at)?) || byte(*at)? == b'/' {
        *at += 1;
    }
    if byte(*at)? == b'>' {
        return Ok(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        match byte(*at)? {
            b'=' if !name.is_empty() => {
                *at += 1;
                break;
            }
            b if is_space(b) => {
                while is_space(byte(*at)?) {
                    *at += 1;
                }
                if byte(*at)? != b'=' {
                    return Ok(Some((name, value)));
                }
                *at += 1;
                break;
            }
            b'/' | b'>' => return Ok(Some((name, value))),
            b => name.push(b.to_ascii_lowercase()),
        }
        *at += 1;
    }
    while is_space(byte(*at)?) {
        *at += 1;
    }
    match byte(*at)? {
        quote @ (b'"' | b'\'') => loop {
            *at += 1;
            match byte(*at)? {
                b if b == quote => {
                    *at += 1;
                    return Ok(Some((name, value)));
                }
                b => value.push(b.to_ascii_lowercase()),
            }
        },
        b'>' => return Ok(Some((name, value))),
        b => {
            value.push(b.to_ascii_lowercase());
            *at += 1;
        }
    }
    loop {
        match byte(*at)? {
            b if is_space(b) || b == b'>' => return Ok(Some((name, value))),
            b => value.push(b.to_ascii_lowercase()),
        }
        *at += 1;
    }
}

/// The standard's "extracting a character encoding from a meta element": the
/// charset named in a `content` value such as `text/html; charset=iso-8859-1`.
fn from_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    loop {
        at += find_ignore_case(&content[at..], b"charset")? + b"charset".len();
        while content.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if content.get(at) == Some(&b'=') {
            break;
        }
        // Not "charset=": look for the next "charset" from here.
    }
    at += 1;
    while content.get(at).copied().is_some_and(is_space) {
        at += 1;
    }
    let rest = &content[at..];
    match rest.first()? {
        &quote @ (b'"' | b'\'') => {
            let length = rest[1..].iter().position(|&b| b == quote)?;
            Encoding::for_label(&rest[1..=length])
        }
        _ => {
            let length = rest.iter().position(|&b| is_space(b) || b == b';').unwrap_or(rest.len());
            Encoding::for_label(&rest[..length])
        }
    }
}

/// ASCII white space as the prescan knows it (tab, line feed, form feed, carriage return, space).
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charset_of(page: &str) -> Option<&'static str> {
        declared(page.as_bytes()).map(|found| found.encoding.name())
    }

    #[test]
    fn reads_meta_charset_in_its_spellings() {
        assert_eq!(charset_of("<!doctype html><meta charset=\"windows-1252\">"), Some("windows-1252"));
        assert_eq!(charset_of("<html><head><META CHARSET='ISO-8859-2'/>"), Some("ISO-8859-2"));
        assert_eq!(charset_of("<meta charset=koi8-r><title>x</title>"), Some("KOI8-R"));
        // latin1 and iso-8859-1 are labels of windows-1252, as in every browser.
        assert_eq!(charset_of("<meta charset=latin1>"), Some("windows-1252"));
        assert_eq!(charset_of("<meta charset = \" shift_jis \">"), Some("Shift_JIS"));
    }

    #[test]
    fn reads_the_http_equiv_pragma_only_with_its_content() {
        let pragma = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">";
        assert_eq!(charset_of(pragma), Some("windows-1252"));
        let reversed = "<meta content='text/html;charset=\"windows-1251\"' http-equiv=content-type>";
        assert_eq!(charset_of(reversed), Some("windows-1251"));
        // A content attribute without the pragma declares nothing.
        assert_eq!(
            charset_of("<meta name=x content=\"text/html; charset=koi8-r\"><meta charset=utf-8>"),
            Some("UTF-8")
        );
        assert_eq!(charset_of("<meta content=\"charset=koi8-r\">"), None);
    }

    #[test]
    fn the_first_declaration_wins_and_bad_labels_are_skipped() {
        assert_eq!(charset_of("<meta charset=nonsense><meta charset=windows-1251>"), Some("windows-1251"));
        assert_eq!(charset_of("<meta charset=windows-1251><meta charset=utf-8>"), Some("windows-1251"));
        // Of two charset attributes on one element, the first counts.
        assert_eq!(charset_of("<meta charset=windows-1251 charset=utf-8>"), Some("windows-1251"));
    }

    #[test]
    fn comments_and_other_tags_hide_what_they_contain() {
        assert_eq!(charset_of("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>"), Some("windows-1251"));
        assert_eq!(charset_of("<!--><meta charset=koi8-r>"), Some("KOI8-R"));
        assert_eq!(charset_of("<div title=\"<meta charset=koi8-r>\"></div>"), None);
        assert_eq!(charset_of("<?xml version=\"1.0\"?><!DOCTYPE html><meta charset=gbk>"), Some("GBK"));
        assert_eq!(charset_of("<meta-data charset=koi8-r>"), None);
        assert_eq!(charset_of("plain text that mentions charset=koi8-r"), None);
    }

    #[test]
    fn looks_only_at_the_first_1024_bytes() {
        let late = format!("<html><head><title>{}</title><meta charset=koi8-r>", "x".repeat(1024));
        assert_eq!(charset_of(&late), None);
        let cut = format!("{}<meta charset=koi8-r>", " ".repeat(1010));
        assert_eq!(charset_of(&cut), None, "a declaration cut by the limit declares nothing");
    }

    #[test]
    fn a_byte_order_mark_wins_over_meta() {
        let page = b"\xEF\xBB\xBF<meta charset=windows-1251>";
        assert_eq!(declared(page), Some(Declared { encoding: UTF_8, bom_length: 3 }));
        assert_eq!(declared(b"\xFF\xFE<\0"), Some(Declared { encoding: UTF_16LE, bom_length: 2 }));
        assert_eq!(declared(b"\xFE\xFF\0<"), Some(Declared { encoding: UTF_16BE, bom_length: 2 }));
    }

    #[test]
    fn utf16_in_meta_means_utf8_and_x_user_defined_means_windows_1252() {
        assert_eq!(charset_of("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(charset_of("<meta charset=x-user-defined>"), Some("windows-1252"));
        assert_eq!(declared(b"<\0?\0x\0m\0l\0"), Some(Declared { encoding: UTF_16LE, bom_length: 0 }));
        assert!(starts_as_utf16(b"\xFF\xFEa\0") && starts_as_utf16(b"\0<\0?\0x") && !starts_as_utf16(b"\xEF\xBB\xBFa"));
    }

    #[test]
    fn unfinished_markup_declares_nothing() {
        for page in ["<meta charset=", "<meta charset=\"koi8-r", "<!-- <meta charset=koi8-r>", "<meta", "<a href"] {
            assert_eq!(charset_of(page), None, "{page}");
        }
        assert_eq!(declared(&[b'<', b'm', b'e', b't', b'a', b' ', 0xFF, b'=', 0xFE, b'>']), None);
    }

    proptest::proptest! {
        /// Any bytes at all: an answer, never a panic or an endless loop.
        #[test]
        fn any_bytes_get_an_answer(bytes in proptest::collection::vec(proptest::sample::select(b"<>!-/?=\"' \tmetaCHARSEThttp-equivcontent;x8".to_vec()), 0..200)) {
            let _ = declared(&bytes);
        }
    }
}
