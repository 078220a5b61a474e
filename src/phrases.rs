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
//! - a word is a run of letters, digits or `_`, in any script ("élu" is one
//!   word, so "lu" is not found in it);
//! - a phrase whose first (last) character is a word character does not
//!   start (end) inside a word: "aide" is not found in "aides";
//! - one space in a phrase matches any run of white space in the text;
//! - at a place where several phrases start, the longest wins, and the next
//!   match is looked for after it (leftmost, longest, non-overlapping).

use std::collections::BTreeMap;

use crate::chars::{is_letter_or_digit, latin_letter_len};

/// A list of phrases, lower case, ready to be found in lower-case text.
pub struct Phrases {
    /// The keys phrases start with (their first word, or first symbol for a
    /// phrase like "©"), in byte order, each with its phrases.
    keys: Vec<Key>,
    /// For each first byte, the range of `keys` that start with it: the
    /// lists are short, so a look-up compares a few keys of the right length
    /// instead of hashing the word.
    by_byte: [(u32, u32); 256],
    /// For each first byte of a key, the key lengths (bit `n` for `n`
    /// bytes, the last bit for 31 or more): most words of a text start no
    /// phrase, and this settles them without looking further.
    key_shapes: [u32; 256],
}

/// A key and the phrases that start with it, longest first.
struct Key {
    word: Box<str>,
    phrases: Vec<Phrase>,
    /// When every phrase of the key goes on with a word after white space
    /// ("the" of "the views expressed are"), the first bytes of those words:
    /// most places where the key is found start no phrase, and one look at
    /// the byte after the gap settles them instead of comparing each phrase.
    second: Option<ByteSet>,
}

/// A set of bytes, one bit each.
#[derive(Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn holds(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// One phrase, as what must follow its key: the key has been matched by
/// the look-up that found the phrase, so only the rest is compared.
struct Phrase {
    /// The rest of the first word after the key ("'t" of "couldn't", "" of
    /// "said"), then each further word, which comes after white space.
    parts: Box<[Box<str>]>,
    /// The phrase ends in a word character, so the text must not go on with one.
    ends_in_word: bool,
}

impl Default for Phrases {
    fn default() -> Phrases {
        Phrases { keys: Vec::new(), by_byte: [(0, 0); 256], key_shapes: [0; 256] }
    }
}

/// The bit of [`Phrases::key_shapes`] for a key of `len` bytes.
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

/// The bytes words are made of: ASCII letters, digits and `_`.
const WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// What a byte starts, for [`Starts::of`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space: no phrase starts there.
    Space,
    /// A word.
    Word,
    /// A character of this many bytes that is no word: a key of its own.
    Char(u8),
}

const CLASS: [Class; 256] = {
    let mut table = [Class::Char(1); 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if WORD[b] {
            Class::Word
        } else if (b as u8).is_ascii_whitespace() {
            Class::Space
        } else if b >= 0xf0 {
            Class::Char(4)
        } else if b >= 0xe0 {
            Class::Char(3)
        } else if b >= 0x80 {
            Class::Char(2)
        } else {
            Class::Char(1)
        };
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    WORD[b as usize]
}

/// How many bytes the word character at `at` of `text` takes: a letter or a
/// digit, in ASCII or not, or `_`; 0 for any other character or past the end.
#[inline]
fn word_char_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        None => 0,
        Some(&b) if b < 0x80 => usize::from(is_word_byte(b)),
        // A byte that starts a character (`at` is always on a boundary here): a Latin
        // letter is read from its bytes, anything else decoded.
        Some(_) => match latin_letter_len(text.as_bytes(), at) {
            0 => text.get(at..).and_then(|rest| rest.chars().next()).filter(|&c| is_letter_or_digit(c)).map_or(0, char::len_utf8),
            len => len,
        },
    }
}

/// The end of the key that starts at `at` in `text`: the word that starts
/// there, or the one character there when it is no word.
fn key_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[at];
    let first = word_char_len(text, at);
    if first > 0 {
        word_end(text, at + first)
    } else {
        // The length of the character from its first byte (`text` is UTF-8).
        at + match b {
            0..0x80 => 1,
            0xf0.. => 4,
            0xe0.. => 3,
            _ => 2,
        }
    }
}

/// The end of the word going on at `at` of `text`: ASCII word bytes by the
/// table, other letters decoded.
#[inline]
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && CLASS[bytes[at] as usize] == Class::Word {
            at += 1;
        }
        match bytes.get(at) {
            Some(&b) if b >= 0xc0 => match word_char_len(text, at) {
                0 => return at,
                len => at += len,
            },
            _ => return at,
        }
    }
}

/// Whether two byte strings are equal: a loop, since the keys and words
/// compared are a few bytes long and a call to `memcmp` costs more than that.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// How many bytes of white space (as `char::is_whitespace` sees it) start `text[at..]`.
fn white_space_at(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        if b == b' ' || (b'\t'..=b'\r').contains(&b) {
            i += 1;
        } else if b < 0x80 {
            break;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i - at
}

impl Phrases {
    /// Phrases given as their words.
    pub fn new<W: AsRef<str>>(phrases: impl IntoIterator<Item = impl IntoIterator<Item = W>>) -> Phrases {
        let phrases = phrases.into_iter().map(|words| words.into_iter().map(|w| crate::chars::to_lower(w.as_ref())).collect::<Vec<_>>().join(" ")).collect();
        Self::of_phrases(phrases)
    }

    /// Phrases given whole, in lower case. Not generic, unlike [`Phrases::new`]: the
    /// lexicons build a dozen lists from a dozen kinds of iterator, and a copy of
    /// this (with its sort) for each was 40 KB of the wasm.
    fn of_phrases(phrases: Vec<String>) -> Phrases {
        let mut by_key: BTreeMap<Box<str>, Vec<String>> = BTreeMap::new();
        let mut list = Phrases::default();
        for phrase in phrases {
            if phrase.is_empty() {
                continue;
            }
            let key = &phrase[..key_end(&phrase, 0)];
            list.key_shapes[phrase.as_bytes()[0] as usize] |= length_bit(key.len());
            by_key.entry(key.into()).or_default().push(phrase);
        }
        // In byte order, so the keys that share a first byte lie together.
        for (word, mut candidates) in by_key {
            candidates.sort_by_key(|p| std::cmp::Reverse(p.len()));
            candidates.dedup();
            let phrases: Vec<Phrase> = candidates
                .iter()
                .map(|phrase| Phrase {
                    parts: phrase[word.len()..].split(' ').map(Box::from).collect(),
                    ends_in_word: phrase.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'),
                })
                .collect();
            // The key alone ("" then a second word) in every phrase: see `Key::second`.
            let second = phrases.iter().try_fold(ByteSet::default(), |mut set, phrase| match &phrase.parts[..] {
                [rest, next, ..] if rest.is_empty() && !next.is_empty() => {
                    set.insert(next.as_bytes()[0]);
                    Some(set)
                }
                _ => None,
            });
            let first = word.as_bytes()[0] as usize;
            let index = list.keys.len() as u32;
            let range = &mut list.by_byte[first];
            *range = if range.0 == range.1 { (index, index + 1) } else { (range.0, index + 1) };
            list.keys.push(Key { word, phrases, second });
        }
        list
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Whether a phrase may start with a key of `len` bytes whose first byte is `first`.
    #[inline]
    fn may_start(&self, first: u8, len: usize) -> bool {
        self.key_shapes[first as usize] & length_bit(len) != 0
    }

    /// The end of the longest phrase that starts exactly at `at` in `lower`,
    /// whose key there (a word or a character) ends at `key_end`.
    fn longest_at(&self, lower: &str, at: usize, key_end: usize) -> Option<usize> {
        let word = lower.as_bytes().get(at..key_end)?;
        let (from, to) = self.by_byte[*word.first()? as usize];
        let key = self.keys[from as usize..to as usize].iter().find(|key| same_bytes(key.word.as_bytes(), word))?;
        if let Some(second) = &key.second {
            let gap = white_space_at(lower, key_end);
            let next = *lower.as_bytes().get(key_end + gap)?;
            if gap == 0 || !second.holds(next) {
                return None;
            }
        }
        key.phrases.iter().find_map(|phrase| phrase.ends_at(lower, key_end))
    }

    /// Whether `lower` starts with one of the phrases: the end of the longest.
    pub fn starts(&self, lower: &str) -> Option<usize> {
        let first = *lower.as_bytes().first()?;
        let end = key_end(lower, 0);
        if !self.may_start(first, end) {
            return None;
        }
        self.longest_at(lower, 0, end)
    }

    /// Every match in `lower`, as byte ranges, leftmost first, longest at
    /// each place; `starts` are those of `lower`.
    pub fn find_in<'a>(&'a self, lower: &'a str, starts: &'a Starts) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut after = 0;
        let bytes = lower.as_bytes();
        starts.places.iter().filter_map(move |&(at, key_end)| {
            // `starts` are those of `lower`; a place outside it (a caller's mistake) starts nothing.
            let &first = bytes.get(at)?;
            if at < after || !self.may_start(first, key_end.saturating_sub(at)) {
                return None;
            }
            let end = self.longest_at(lower, at, key_end)?;
            after = end;
            Some((at, end))
        })
    }

    pub fn is_match(&self, lower: &str) -> bool {
        let bytes = lower.as_bytes();
        starts_of(lower).any(|(at, key_end)| self.may_start(bytes[at], key_end - at) && self.longest_at(lower, at, key_end).is_some())
    }
}

impl Phrase {
    /// Where this phrase ends if its key ends at `key_end` in `text`, whole words only.
    fn ends_at(&self, text: &str, key_end: usize) -> Option<usize> {
        let mut i = key_end;
        for (n, part) in self.parts.iter().enumerate() {
            if n > 0 {
                let gap = white_space_at(text, i);
                if gap == 0 {
                    return None;
                }
                i += gap;
            }
            let rest = &text.as_bytes()[i..];
            if rest.len() < part.len() || !same_bytes(&rest[..part.len()], part.as_bytes()) {
                return None;
            }
            i += part.len();
        }
        if self.ends_in_word && word_char_len(text, i) > 0 {
            return None;
        }
        Some(i)
    }
}

/// The places a phrase may start in a lower-case text: each word, and each
/// other character that is not white space, with the end of its key (the
/// word, or the character). Found once per sentence and shared by every list
/// searched in it.
#[derive(Default)]
pub struct Starts {
    places: Vec<(usize, usize)>,
    /// The ASCII marks of the text (neither letters, digits, `_` nor white
    /// space), one bit each: noted in the same pass, so that a rule that needs
    /// a mark ("@" of an e-mail address, "|" of a menu) does not scan for it.
    marks: u128,
}

/// The places where a phrase of any of several lists may start, by first
/// byte and key length (the union of their [`Phrases::key_shapes`]): most
/// words of a sentence start no phrase of any list, and sieved out once when
/// the places are found, they are not stepped over again by each list's scan.
pub struct Sieve([u32; 256]);

impl Sieve {
    /// Lets through every place where a phrase of one of `lists` may start.
    pub fn of(lists: &[&Phrases]) -> Sieve {
        let mut shapes = [0; 256];
        for list in lists {
            for (shape, of_list) in shapes.iter_mut().zip(list.key_shapes) {
                *shape |= of_list;
            }
        }
        Sieve(shapes)
    }

    /// Lets every place through.
    pub const ALL: Sieve = Sieve([u32::MAX; 256]);
}

impl Starts {
    /// Every place a phrase may start in `lower`.
    pub fn of(lower: &str) -> Starts {
        let mut starts = Starts::default();
        starts.fill(lower, &Sieve::ALL);
        starts
    }

    /// Replaces the places with those of `lower` that `sieve` lets through,
    /// in the same allocation: the judge reads sentence after sentence, and
    /// a fresh vector for each was about a tenth of the allocations of a
    /// call. Only the lists of the sieve may be searched with these places.
    pub fn fill(&mut self, lower: &str, sieve: &Sieve) {
        // The loop of `starts_of`, written out over a table of byte classes:
        // collecting from the iterator took twice the time.
        let bytes = lower.as_bytes();
        let starts = &mut self.places;
        starts.clear();
        self.marks = 0;
        let mut at = 0;
        while at < bytes.len() {
            let start = at;
            match CLASS[bytes[at] as usize] {
                Class::Space => {
                    at += 1;
                    continue;
                }
                Class::Word => at = word_end(lower, at + 1),
                Class::Char(1) => {
                    self.marks |= 1 << bytes[start];
                    at += 1;
                }
                // A letter outside ASCII is a word too ("élu"), any other character a key of its own.
                Class::Char(len) => match word_char_len(lower, at) {
                    0 => at += len as usize,
                    letter => at = word_end(lower, at + letter),
                },
            }
            if sieve.0[bytes[start] as usize] & length_bit(at - start) != 0 {
                starts.push((start, at));
            }
        }
    }

    /// Whether the text holds the ASCII mark `mark` (a character that is
    /// neither a letter, a digit, `_` nor white space).
    pub fn holds(&self, mark: u8) -> bool {
        mark < 128 && self.marks & (1 << mark) != 0
    }
}

/// The places of [`Starts`], one by one.
fn starts_of(lower: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = lower.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_whitespace() {
                at += 1;
                continue;
            }
            let start = at;
            at = key_end(lower, at);
            return Some((start, at));
        }
        None
    })
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
    fn a_key_that_needs_a_second_word_is_settled_by_its_first_byte() {
        let p = list(&["the views expressed are", "the inclusion of links", "is a columnist"]);
        assert_eq!(found(&p, "the\u{a0}views expressed are the inclusion of links"), ["the\u{a0}views expressed are", "the inclusion of links"]);
        assert!(found(&p, "the the view, theviews expressed are, is an aide, is").is_empty());
        assert_eq!(found(&p, "she is a columnist"), ["is a columnist"]);
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
    fn places_of_another_text_find_nothing_past_the_end_and_never_panic() {
        let p = list(&["said", "is said to"]);
        let longer = "the mayor said it is said to be so";
        assert_eq!(p.find_in("he said", &Starts::of(longer)).count(), 0);
    }

    #[test]
    fn a_sieve_keeps_only_places_where_its_lists_may_start_and_finds_the_same() {
        let hedges = list(&["may", "is said to", "reportedly"]);
        let anonymity = list(&["familiar with", "©"]);
        let text = "the mayor may go, it is said to be so; a man familiar with it — © 2025 — reportedly left";
        let mut sieved = Starts::default();
        sieved.fill(text, &Sieve::of(&[&hedges, &anonymity]));
        let all = Starts::of(text);
        assert!(sieved.places.len() < all.places.len() / 2, "{} of {} places kept", sieved.places.len(), all.places.len());
        for list in [&hedges, &anonymity] {
            let with_all: Vec<_> = list.find_in(text, &all).collect();
            assert_eq!(list.find_in(text, &sieved).collect::<Vec<_>>(), with_all);
            assert!(!with_all.is_empty());
        }
        // "mayor" shares its first byte with "may" but not its length: sieved out.
        assert!(!sieved.places.iter().any(|&(s, e)| &text[s..e] == "mayor"));
    }

    #[test]
    fn the_places_note_the_ascii_marks_of_the_text() {
        let starts = Starts::of("write to desk@example.org | share — «ok»");
        assert!(starts.holds(b'@') && starts.holds(b'|') && starts.holds(b'.'));
        assert!(!starts.holds(b'?') && !starts.holds(b'a') && !starts.holds(b' ') && !starts.holds(0xab));
        let mut reused = starts;
        reused.fill("no marks here", &Sieve::ALL);
        assert!(!reused.holds(b'@') && !reused.holds(b'|'));
    }

    #[test]
    fn letters_outside_ascii_are_word_letters() {
        let p = list(&["contact", "élu", "lu", "selon"]);
        assert!(found(&p, "contacté, le réélu a tout relu").is_empty());
        assert_eq!(found(&p, "un élu l'a lu, selon lui"), ["élu", "lu", "selon"]);
        assert_eq!(p.starts("élu"), Some("élu".len()));
        assert_eq!(p.starts("élue"), None);
        assert!(p.is_match("réélu ou élu"));
        assert!(!p.is_match("réélu"));
    }

    #[test]
    fn text_outside_ascii_is_stepped_over_safely() {
        let p = list(&["said", "é"]);
        assert_eq!(found(&p, "ñandú said é 😀 said"), ["said", "é", "said"]);
        assert!(found(&p, "").is_empty());
    }
}
