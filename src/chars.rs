//! Character classes the scanners ask about on every character.
//!
//! `char::is_alphabetic` answers a letter outside ASCII from the Unicode tables (a
//! search of about a hundred instructions), and a French text is one accented letter
//! in twenty: the letters of Latin-1 and Latin Extended-A and -B (U+00C0 to U+024F,
//! but for × and ÷), where French and most of Europe's languages write, are answered
//! by a range test first.

/// `char::is_alphabetic`, the letters of U+00C0 to U+024F without the tables.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        _ => c > '\u{7f}' && c.is_alphabetic(),
    }
}

/// The length of the Latin letter whose UTF-8 starts at `at` of `bytes`, read from its
/// two bytes without decoding it: 2 for U+00C0 to U+023F but × and ÷ (lead bytes C3 to
/// C8), 0 for any other character, which the caller decodes.
#[inline]
pub fn latin_letter_len(bytes: &[u8], at: usize) -> usize {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(0xc3), Some(0x97 | 0xb7)) => 0,
        (Some(0xc3..=0xc8), Some(0x80..=0xbf)) => 2,
        _ => 0,
    }
}

/// `char::is_alphanumeric`, with [`is_letter`]'s shortcut.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || c > '\u{7f}' && c.is_numeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_latin_letter_is_measured_from_its_bytes() {
        for c in '\u{80}'..='\u{7ff}' {
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            let expected = if ('\u{c0}'..='\u{23f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}' { 2 } else { 0 };
            assert_eq!(latin_letter_len(bytes, 0), expected, "{c:?}");
        }
        assert_eq!(latin_letter_len(b"a", 0), 0);
        assert_eq!(latin_letter_len(b"\xc3", 0), 0, "a cut sequence is no letter");
    }

    #[test]
    fn the_shortcuts_agree_with_the_unicode_tables() {
        for c in ('\u{0}'..='\u{3000}').chain(['\u{1f600}', '\u{4e2d}', '\u{ff10}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
