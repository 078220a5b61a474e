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

/// `str::to_lowercase` for the scripts sourcelight reads and names: ASCII, Latin-1
/// and Latin Extended-A, Greek and Cyrillic capitals; any other character is kept.
/// The standard one carries Unicode's whole case table, over a tenth of the wasm's
/// data, for lists and names written in these scripts.
pub fn to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().map(lower_char).collect()
}

fn lower_char(c: char) -> char {
    let code = c as u32;
    let lower = match code {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => code + 0x20,
        // Latin Extended-A pairs its capitals with the next code point, from an even
        // one or, in two stretches, from an odd one.
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17e if code % 2 == 1 => code + 1,
        0x178 => 0xff,
        0x400..=0x40f => code + 0x50,
        _ => code,
    };
    char::from_u32(lower).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn lower_case_agrees_with_the_standard_one_on_the_scripts_it_knows() {
        let known = |c: char| matches!(c as u32, 0..=0x17f | 0x391..=0x3cb | 0x400..=0x45f);
        for c in (0..=0x45fu32).filter_map(char::from_u32).filter(|&c| known(c) && c != '\u{130}') {
            let standard: String = c.to_lowercase().collect();
            assert_eq!(to_lower(&c.to_string()), standard, "{c:?}");
        }
        assert_eq!(to_lower("\u{c9}TAT \u{152}UVRE \u{178}"), "\u{e9}tat \u{153}uvre \u{ff}");
    }

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
