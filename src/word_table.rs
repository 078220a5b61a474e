//! A fixed table from words to values, for the lexicon's one look-up per token.
//!
//! Every token of every sentence is looked up in the lexicon once
//! ([`crate::lexicon::Lexicon::classes`]). Through a `HashMap<String, _>` with
//! Fx hashing that cost about 90 instructions a look-up (hashing byte by byte,
//! probing, a call to `memcmp`), 6 % of a call. This table is built once from
//! the lexicon's words and never changes. A word is read as two numbers that
//! hold all of its bytes when it has 16 or fewer (most words have), so hashing
//! it is a few multiplications and comparing it with a key two comparisons of
//! numbers; only the middle of a longer word is compared byte by byte.
//!
//! The keys are the lexicon's own words; the words looked up come from the page,
//! but they are never added, so a page cannot fill a probe sequence: each stays
//! as short as the table's fixed load (at most half full) makes it.

/// A word as two numbers and its length: with up to 3 bytes, its first, middle
/// and last byte; with 4 to 8, its first four and last four bytes (they may
/// overlap); with more, its first eight and last eight. With the length, this
/// is the whole word up to 16 bytes.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Shape {
    head: u64,
    tail: u64,
    len: usize,
}

impl Shape {
    #[inline]
    fn of(word: &[u8]) -> Shape {
        let n = word.len();
        let u32_at = |at: usize| word.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let u64_at = |at: usize| word.get(at..at + 8).map_or(0, |b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
        let (head, tail) = match n {
            0 => (0, 0),
            1..=3 => (u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16, 0),
            4..=8 => (u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << 32, 0),
            _ => (u64_at(0), u64_at(n - 8)),
        };
        Shape { head, tail, len: n }
    }

    /// Fx-style: a multiplication by an odd constant after each part.
    #[inline]
    fn hash(&self) -> u64 {
        // rustc-hash's multiplier.
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let h = (self.head ^ self.len as u64).wrapping_mul(K);
        (h.rotate_left(26) ^ self.tail).wrapping_mul(K)
    }
}

/// A key: its shape, where it lies in [`WordTable::keys`] (for the middle of a
/// long one), and its value.
#[derive(Clone, Copy)]
struct Entry<V> {
    shape: Shape,
    start: usize,
    value: V,
}

pub struct WordTable<V> {
    /// A power of two of slots, at most half of them used, each the place of
    /// its entry in `entries` plus one (0: empty); linear probing.
    slots: Vec<u32>,
    entries: Vec<Entry<V>>,
    /// Every key, one after the other.
    keys: String,
    /// The length of the longest key: a longer word is looked up no further.
    longest: usize,
}

/// Whether two byte strings are equal: a loop, since the middles compared are
/// a few bytes long and a call to `memcmp` costs more than that.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl<V: Copy> WordTable<V> {
    /// The table of `entries`; a key given twice keeps its last value, empty keys are left out.
    pub fn new<'k>(entries: impl IntoIterator<Item = (&'k str, V)>) -> WordTable<V> {
        let given: Vec<(&str, V)> = entries.into_iter().filter(|(key, _)| !key.is_empty()).collect();
        let size = (given.len() * 2).next_power_of_two().max(8);
        let mut table = WordTable { slots: vec![0; size], entries: Vec::new(), keys: String::new(), longest: 0 };
        for (key, value) in given {
            match table.find(key.as_bytes()) {
                Ok(at) => table.entries[at].value = value,
                Err(slot) => {
                    table.entries.push(Entry { shape: Shape::of(key.as_bytes()), start: table.keys.len(), value });
                    table.keys.push_str(key);
                    table.slots[slot] = table.entries.len() as u32;
                    table.longest = table.longest.max(key.len());
                }
            }
        }
        table
    }

    /// The value of `word`, if it is a key.
    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        if word.is_empty() || word.len() > self.longest {
            return None;
        }
        self.find(word.as_bytes()).ok().map(|at| self.entries[at].value)
    }

    /// The entry of `word`, or the empty slot where it would go.
    #[inline]
    fn find(&self, word: &[u8]) -> Result<usize, usize> {
        let shape = Shape::of(word);
        let mask = self.slots.len() - 1;
        // The high bits of a multiplicative hash are the best mixed.
        let mut slot = (shape.hash() >> 40) as usize & mask;
        loop {
            let Some(at) = self.slots[slot].checked_sub(1) else { return Err(slot) };
            let entry = &self.entries[at as usize];
            // The shape is the whole word up to 16 bytes; past that, the middle is compared too.
            if entry.shape == shape && (shape.len <= 16 || same_bytes(&self.keys.as_bytes()[entry.start..entry.start + shape.len], word)) {
                return Ok(at as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_key_is_found_with_its_value_and_nothing_else_is() {
        let words = ["a", "ab", "said", "according", "spokeswoman", "the", "é", "counter-terrorism", "eightbyt", "eightbyte", "eightby", "sixteen-bytes-xy", "sixteen-bytes-xyz", "sixteen-bytes-xz", "a-long-word-with-a-middle", "a-long-word-with-b-middle"];
        let table = WordTable::new(words.iter().enumerate().map(|(i, w)| (*w, i + 1)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(i + 1), "{w}");
        }
        for other in ["", "b", "ba", "aab", "sai", "saids", "Said", "eightbyt\0", "eightbytes", "counter-terrorisms", "e", "according to", "sixteen-bytes-yy", "a-long-word-with-c-middle", "a-long-worx-with-a-middle"] {
            assert_eq!(table.get(other), None, "{other:?}");
        }
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value_and_empty_keys_are_left_out() {
        let table = WordTable::new([("said", 1), ("", 2), ("said", 3)]);
        assert_eq!(table.get("said"), Some(3));
        assert_eq!(table.get(""), None);
    }

    #[test]
    fn a_full_size_table_finds_all_of_many_keys() {
        let keys: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let table = WordTable::new(keys.iter().map(|k| (k.as_str(), k.len())));
        assert!(keys.iter().all(|k| table.get(k) == Some(k.len())));
        assert_eq!(table.get("w5000"), None);
    }
}
