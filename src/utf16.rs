//! UTF-8 byte offsets to UTF-16 code units, for DOM ranges.
//!
//! The table holds one checkpoint per non-ASCII character, built once per text;
//! a lookup is a binary search. Pure ASCII text needs no table at all.

/// Converts byte offsets of one text into UTF-16 offsets.
pub struct Utf16Table {
    /// `(byte offset just after a non-ASCII char, utf16 offset at that point)`.
    checkpoints: Vec<(usize, usize)>,
}

impl Utf16Table {
    pub fn new(text: &str) -> Utf16Table {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut utf16 = 0;
            for (at, c) in text.char_indices() {
                utf16 += c.len_utf16();
                if !c.is_ascii() {
                    checkpoints.push((at + c.len_utf8(), utf16));
                }
            }
        }
        Utf16Table { checkpoints }
    }

    /// The UTF-16 offset of byte offset `byte`, which must lie on a char boundary.
    pub fn to_utf16(&self, byte: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        match i {
            0 => byte,
            _ => {
                let (b, u) = self.checkpoints[i - 1];
                u + (byte - b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn check(text: &str) {
        let table = Utf16Table::new(text);
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(table.to_utf16(at), text[..at].encode_utf16().count(), "at byte {at} of {text:?}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        check("plain text");
    }

    #[test]
    fn accents_emoji_and_combining_marks() {
        check("Émilie said 😀 \u{301}ok « très » 𝔘");
    }
}
