//! Finding the phrases of a word list in a lower-case text.
//!
//! The lexicons hold phrases ("on condition of anonymity", "is said to"),
//! and the rules ask where such a phrase stands in a sentence. A list is
//! indexed by the first word of its phrases, so a scan costs one look-up per
//! word and compares bytes only where a phrase may start: this replaced one
//! regular-expression alternation per list, which was most of the engine's
//! time and most of the wasm's size (see `docs/performance.md`).
//!
//! The matching rules are those of a word-bounded phrase:
//! - a word is a run of ASCII letters, digits or `_` (the lists are English);
//! - a phrase whose first (last) character is a word character does not
//!   start (end) inside a word: "aide" is not found in "aides";
//! - one space in a phrase matches any run of white space in the text;
//! - at a place where several phrases start, the longest wins, and the next
//!   match is looked for after it (leftmost, longest, non-overlapping).

use rustc_hash::FxHashMap;

/// A list of phrases, lower case, ready to be found in lower-case text.
pub struct Phrases {
    /// First word (or first symbol, for a phrase like "©") → phrases, longest first.
    by_first: FxHashMap<String, Vec<String>>,
    /// For each first byte of a key, the key lengths (bit `n` for `n`
    /// bytes, the last bit for 31 or more): most words of a text start no
    /// phrase, and this settles them without hashing the word.
    key_shapes: [u32; 256],
}

impl Default for Phrases {
    fn default() -> Phrases {
        Phrases { by_first: FxHashMap::default(), key_shapes: [0; 256] }
    }
}

/// The bit of [`Phrases::key_shapes`] for a key of `len` bytes.
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The key a phrase is filed under, or looked up by, at `at`: the word
/// that starts there, or the one character there when it is no word.
fn key_at(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let end = if is_word_byte(bytes[at]) {
        at + bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count()
    } else {
        at + text[at..].chars().next().map_or(1, char::len_utf8)
    };
    &text[at..end]
}

impl Phrases {
    /// Phrases given as their words.
    pub fn new<W: AsRef<str>>(phrases: impl IntoIterator<Item = impl IntoIterator<Item = W>>) -> Phrases {
        let mut list = Phrases::default();
        for words in phrases {
            let phrase = words.into_iter().map(|w| w.as_ref().to_lowercase()).collect::<Vec<_>>().join(" ");
            if phrase.is_empty() {
                continue;
            }
            let key = key_at(&phrase, 0).to_string();
            list.key_shapes[phrase.as_bytes()[0] as usize] |= length_bit(key.len());
            list.by_first.entry(key).or_default().push(phrase);
        }
        for candidates in list.by_first.values_mut() {
            candidates.sort_by_key(|p| std::cmp::Reverse(p.len()));
            candidates.dedup();
        }
        list
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The end of the longest phrase that starts exactly at `at` in `lower`,
    /// whose key there (a word or a character) ends at `key_end`.
    fn longest_at(&self, lower: &str, at: usize, key_end: usize) -> Option<usize> {
        let first = *lower.as_bytes().get(at)?;
        if self.key_shapes[first as usize] & length_bit(key_end - at) == 0 {
            return None;
        }
        self.by_first.get(&lower[at..key_end])?.iter().find_map(|phrase| matches_at(lower, at, phrase))
    }

    /// Whether `lower` starts with one of the phrases: the end of the longest.
    pub fn starts(&self, lower: &str) -> Option<usize> {
        if lower.is_empty() {
            return None;
        }
        self.longest_at(lower, 0, key_at(lower, 0).len())
    }

    /// Every match in `lower`, as byte ranges, leftmost first, longest at
    /// each place; `starts` are those of `lower`.
    pub fn find_in<'a>(&'a self, lower: &'a str, starts: &'a Starts) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut after = 0;
        starts.0.iter().filter_map(move |&(at, key_end)| {
            if at < after {
                return None;
            }
            let end = self.longest_at(lower, at, key_end)?;
            after = end;
            Some((at, end))
        })
    }

    pub fn is_match(&self, lower: &str) -> bool {
        self.find_in(lower, &Starts::of(lower)).next().is_some()
    }
}

/// The places a phrase may start in a lower-case text: each word, and each
/// other character that is not white space, with the end of its key (the
/// word, or the character). Found once per sentence and shared by every list
/// searched in it.
pub struct Starts(Vec<(usize, usize)>);

impl Starts {
    pub fn of(lower: &str) -> Starts {
        let bytes = lower.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 4);
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            let end = if is_word_byte(b) {
                at + bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count()
            } else {
                at + lower[at..].chars().next().map_or(1, char::len_utf8)
            };
            if !b.is_ascii_whitespace() {
                starts.push((at, end));
            }
            at = end;
        }
        Starts(starts)
    }
}

/// Where `phrase` ends if it stands at `at` in `text`, whole words only.
fn matches_at(text: &str, at: usize, phrase: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    for (n, part) in phrase.split(' ').enumerate() {
        if n > 0 {
            let gap = text[i..].len() - text[i..].trim_start().len();
            if gap == 0 {
                return None;
            }
            i += gap;
        }
        if !text[i..].starts_with(part) {
            return None;
        }
        i += part.len();
    }
    let last_is_word = phrase.as_bytes().last().is_some_and(|&b| is_word_byte(b));
    if last_is_word && bytes.get(i).is_some_and(|&b| is_word_byte(b)) {
        return None;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn list(lines: &[&str]) -> Phrases {
        Phrases::new(lines.iter().map(|l| l.split_whitespace()))
    }

    fn found<'a>(phrases: &Phrases, text: &'a str) -> Vec<&'a str> {
        phrases.find_in(text, &Starts::of(text)).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn finds_whole_words_only() {
        let p = list(&["aide", "familiar with"]);
        assert_eq!(found(&p, "an aide, familiar with it"), ["aide", "familiar with"]);
        assert!(found(&p, "the aides were unfamiliar withal").is_empty());
        assert!(found(&p, "paide").is_empty());
    }

    #[test]
    fn the_longest_phrase_at_a_place_wins() {
        let p = list(&["according to", "according to reports"]);
        assert_eq!(found(&p, "x according to reports y"), ["according to reports"]);
        assert_eq!(found(&p, "according to plan"), ["according to"]);
    }

    #[test]
    fn any_white_space_separates_the_words() {
        let p = list(&["is said to"]);
        assert_eq!(found(&p, "it is  said\u{a0}to be"), ["is  said\u{a0}to"]);
        assert!(found(&p, "it is saidto be").is_empty());
    }

    #[test]
    fn matches_do_not_overlap_and_all_are_found() {
        let p = list(&["could", "could not"]);
        assert_eq!(found(&p, "could not, could"), ["could not", "could"]);
    }

    #[test]
    fn a_word_may_hold_punctuation_and_a_phrase_may_start_with_a_symbol() {
        let p = list(&["couldn't", "(reporting by", "©", "related:"]);
        assert_eq!(found(&p, "we couldn't (reporting by x) © 2025"), ["couldn't", "(reporting by", "©"]);
        assert_eq!(p.starts("related: more"), Some(8));
        assert_eq!(p.starts("relatedness"), None);
    }

    #[test]
    fn text_outside_ascii_is_stepped_over_safely() {
        let p = list(&["said", "é"]);
        assert_eq!(found(&p, "ñandú said é 😀 said"), ["said", "é", "said"]);
        assert!(found(&p, "").is_empty());
    }
}
