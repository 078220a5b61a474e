//! Words, numbers, punctuation and masked quotations of one sentence.
//!
//! Cue and source rules read a sentence as tokens, not characters. The words
//! inside a quotation are not the writer's framing and must not be read as
//! cues ("“I said no,” she said" has one cue, not two), so each stretch of
//! quotation inside the sentence becomes a single [`Kind::Quote`] token.

use std::collections::{HashMap, HashSet};

use crate::chars::{is_letter, is_letter_or_digit};
use crate::lexicon::{Grammar, Lexicon, PronounKind, WordClass};
use crate::span::Span;

/// A set of words taken from the page: hashed with foldhash, several times
/// faster than the default SipHash on short words and, like it, seeded per
/// process, so a page cannot be written to make its words collide (the
/// lexicon's own sets use the unseeded Fx hash: their keys are fixed).
pub type PageWords<'a> = HashSet<&'a str, foldhash::fast::RandomState>;

/// A map keyed by text from the page, hashed as [`PageWords`] is, for the same reasons.
pub type PageMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner hyphens, apostrophes, periods or ampersands ("Mensah-Larbi", "U.S").
    Word,
    /// The possessive `'s` (or a lone `'` after a plural).
    Possessive,
    Number,
    /// A stretch of quotation, marks included.
    Quote,
    /// One punctuation character.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Offsets into the article's `norm` (and `lower`) text.
    pub span: Span,
    pub kind: Kind,
    /// A word that starts with an upper-case letter.
    pub capitalised: bool,
    /// The lists its lower-case text belongs to, filled in by [`Reading::new`].
    pub classes: WordClass,
    /// A capitalised word that reads as a name ([`Reading::is_proper`]), filled in by [`Reading::new`].
    pub proper: bool,
}

impl Token {
    pub fn text<'t>(&self, norm: &'t str) -> &'t str {
        &norm[self.span.start..self.span.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    fn new(span: Span, kind: Kind) -> Token {
        Token { span, kind, capitalised: false, classes: WordClass::NONE, proper: false }
    }
}

/// One sentence's tokens with what the rules need to read them.
pub struct Reading<'a> {
    pub tokens: Vec<Token>,
    pub norm: &'a str,
    pub lower: &'a str,
    pub lex: &'static Lexicon,
    /// Words the article writes in lower case somewhere: a capitalised one of
    /// them at the start of a sentence is not a name ("Shipping analysts said").
    pub lower_vocab: &'a PageWords<'a>,
    /// Each token's text in `lower`, sliced once: the rules ask for it often.
    lower_words: Vec<&'a str>,
    /// The word classes of all its tokens together: a rule that looks for a
    /// class no word of the sentence has skips its pass over the tokens.
    pub held: WordClass,
}

/// The allocations of a reading, handed from one sentence's to the next
/// ([`Reading::new_in`], [`Reading::into_buffers`]).
#[derive(Default)]
pub struct Buffers<'a> {
    tokens: Vec<Token>,
    lower_words: Vec<&'a str>,
}

impl<'a> Reading<'a> {
    /// The reading of `norm[span]`, quotations `quoted` folded into quote tokens,
    /// each token's word classes looked up once.
    pub fn new(norm: &'a str, lower: &'a str, span: Span, quoted: &[Span], lex: &'static Lexicon, lower_vocab: &'a PageWords<'a>) -> Reading<'a> {
        Reading::new_in(Buffers::default(), norm, lower, span, quoted, lex, lower_vocab)
    }

    /// [`Reading::new`] in the allocations of a previous reading, so that
    /// reading sentence after sentence does not allocate for each.
    pub fn new_in(buffers: Buffers<'a>, norm: &'a str, lower: &'a str, span: Span, quoted: &[Span], lex: &'static Lexicon, lower_vocab: &'a PageWords<'a>) -> Reading<'a> {
        let Buffers { mut tokens, mut lower_words } = buffers;
        tokens.clear();
        lower_words.clear();
        tokenize_into(norm, span, quoted, &lex.grammar, &mut tokens);
        // Every token, not only words: the rules ask about any token, and a
        // list may hold a number or a sign.
        let mut held = WordClass::NONE;
        for token in &mut tokens {
            let word = &lower[token.span.start..token.span.end];
            token.classes = lex.classes(word);
            held |= token.classes;
            lower_words.push(word);
        }
        let mut r = Reading { tokens, norm, lower, lex, lower_vocab, lower_words, held };
        for i in 0..r.tokens.len() {
            r.tokens[i].proper = r.reads_as_name(i);
        }
        r
    }

    /// The allocations of this reading, for the next one.
    pub fn into_buffers(self) -> Buffers<'a> {
        Buffers { tokens: self.tokens, lower_words: self.lower_words }
    }
}

impl Reading<'_> {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The lower-case text of token `i` ("" past the end).
    pub fn lw(&self, i: usize) -> &str {
        self.lower_words.get(i).copied().unwrap_or("")
    }

    /// The text of token `i` as written ("" past the end).
    pub fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.norm))
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// A word that starts with an upper-case letter, name or not.
    pub fn is_capitalised_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capitalised)
    }

    /// The word lists token `i` belongs to (none past the end).
    pub fn classes(&self, i: usize) -> WordClass {
        self.tokens.get(i).map_or(WordClass::NONE, |t| t.classes)
    }

    /// Whether token `i` belongs to any of the lists of `class`
    /// (`r.is(i, WordClass::TITLE)`); false past the end.
    pub fn is(&self, i: usize, class: WordClass) -> bool {
        self.classes(i).is(class)
    }

    /// What token `i` may refer back to, if it is a pronoun.
    pub fn pronoun(&self, i: usize) -> Option<PronounKind> {
        self.classes(i).pronoun()
    }

    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        // A mark is neither a letter nor a digit: the same in `lower` as written.
        self.kind(i) == Some(Kind::Punct) && self.lw(i) == c
    }

    /// A capitalised word that reads as a name: not a word the article writes
    /// in lower case when it opens the sentence, not a month or a day.
    pub fn is_proper(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.proper)
    }

    /// Whether token `i` reads as a name (see [`Reading::is_proper`]); worked
    /// out once per token when the reading is made, since the rules ask often.
    fn reads_as_name(&self, i: usize) -> bool {
        let Some(token) = self.tokens.get(i) else { return false };
        if !token.capitalised || token.classes.is(WordClass::CALENDAR | WordClass::PRONOUN) {
            return false;
        }
        let opens = i == 0 || (i == 1 && self.kind(0) != Some(Kind::Word)) || self.is_punct(i - 1, ":") || self.kind(i - 1) == Some(Kind::Quote);
        if !opens {
            return true;
        }
        // "NASA" opening a sentence is a name; "A" opening one is not.
        let text = self.text(i);
        // Two letters at least: an elided capital ("L'", "D'") is no acronym.
        let all_caps = text.chars().filter(|c| c.is_alphabetic()).count() > 1 && text.chars().all(|c| !c.is_lowercase());
        all_caps || !(token.classes.is(WordClass::COMMON) || self.lower_vocab.contains(self.lw(i)))
    }

    /// The text of `norm` that tokens `start..end` cover, as written.
    pub fn phrase(&self, start: usize, end: usize) -> &str {
        let span = self.span(start..end);
        &self.norm[span.start..span.end]
    }

    /// The text of tokens `start..end`, one space between words (none before a possessive).
    pub fn words(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        self.write_words(start, end, &mut out);
        out
    }

    /// [`Reading::words`] written over `out`, in its allocation.
    pub fn write_words(&self, start: usize, end: usize, out: &mut String) {
        out.clear();
        for i in start..end {
            if !out.is_empty() && self.kind(i) != Some(Kind::Possessive) {
                out.push(' ');
            }
            out.push_str(self.text(i));
        }
    }

    /// The span of `norm` covered by tokens `range`.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        match (self.tokens.get(range.start), range.end.checked_sub(1).and_then(|e| self.tokens.get(e))) {
            (Some(a), Some(b)) if range.start < range.end => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }
}

/// Appends the tokens of `norm[span]` to `tokens`, with every part inside
/// `quoted` (sorted spans of `norm`, disjoint as top-level quotations are)
/// folded into quote tokens. Their word classes are left empty:
/// [`Reading::new`] fills them in. The elisions and clitics of `grammar`
/// are split off the words they are written with ([`push_word`]).
fn tokenize_into(norm: &str, span: Span, quoted: &[Span], grammar: &Grammar, tokens: &mut Vec<Token>) {
    let mut at = span.start;
    // Skip to the sentence's quotations by binary search: a linear filter
    // from the first quotation made long articles quadratic.
    let first = quoted.partition_point(|q| q.end <= span.start);
    let mut quotes = quoted[first..].iter().take_while(|q| q.start < span.end).peekable();
    while at < span.end {
        while quotes.next_if(|q| q.end <= at).is_some() {}
        if let Some(q) = quotes.peek() {
            if q.start <= at {
                let end = q.end.min(span.end);
                tokens.push(Token::new(Span::new(at, end), Kind::Quote));
                at = end;
                continue;
            }
        }
        // Plain text up to the next quotation: no token runs past `stop`.
        let stop = quotes.peek().map_or(span.end, |q| q.start.min(span.end));
        at = plain_tokens(norm, at, stop, grammar, tokens);
    }
}

/// The tokens of `norm[at..stop]`, a stretch without quotations; returns where it stopped.
fn plain_tokens(norm: &str, mut at: usize, stop: usize, grammar: &Grammar, tokens: &mut Vec<Token>) -> usize {
    let bytes = norm.as_bytes();
    // Only a language that elides or inverts has words to split (French, not English).
    let splits = !(grammar.elision.is_empty() && grammar.clitic.is_empty());
    while at < stop {
        let b = bytes[at];
        // Spaces between words, the commonest thing here, without decoding.
        if is_ascii_space(b) {
            at += 1;
            continue;
        }
        let Some(c) = char_at(norm, at, stop) else { break };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        if is_letter(c) {
            let end = word_end(norm, at, stop);
            // A word joined by an apostrophe or a hyphen may hold an elision or a clitic.
            if splits && bytes[at..end].iter().any(|&b| b == b'\'' || b == b'-') {
                push_word(norm, Span::new(at, end), grammar, tokens);
            } else {
                tokens.push(Token { capitalised: c.is_uppercase(), ..Token::new(Span::new(at, end), Kind::Word) });
            }
            at = end;
            // The possessive: `'s` or a lone `'` after a plural, then no letter.
            if at < stop && bytes[at] == b'\'' {
                let after = char_at(norm, at + 1, stop);
                // The byte before is the word's last character ('s' is ASCII).
                let after_plural = matches!(bytes[at - 1], b's' | b'S');
                let possessive = match after {
                    Some('s') | Some('S') => !char_at(norm, at + 2, stop).is_some_and(char::is_alphanumeric),
                    Some(c) => !c.is_alphanumeric() && after_plural,
                    None => after_plural,
                };
                if possessive {
                    let len = if matches!(after, Some('s') | Some('S')) { 2 } else { 1 };
                    tokens.push(Token::new(Span::new(at, at + len), Kind::Possessive));
                    at += len;
                }
            }
            continue;
        }
        if c.is_numeric() {
            let mut end = at;
            for (i, d) in norm[at..stop].char_indices() {
                let next = norm[at + i + d.len_utf8()..stop].chars().next();
                let next_is_digit = next.is_some_and(char::is_numeric);
                let joins_word = d == '-' && next.is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || (matches!(d, '.' | ',' | ':' | '/' | '-') && next_is_digit) || joins_word || d == '%' {
                    end = at + i + d.len_utf8();
                } else {
                    break;
                }
            }
            tokens.push(Token::new(Span::new(at, end), Kind::Number));
            at = end;
            continue;
        }
        tokens.push(Token::new(Span::new(at, at + c.len_utf8()), Kind::Punct));
        at += c.len_utf8();
    }
    at
}

/// Pushes the word `norm[word]` as one token, or as several where it joins
/// words that the grammar reads apart: an elided word before its apostrophe
/// ("l'élue" is "l'" "élue", "qu'il" is "qu'" "il"), and a subject pronoun
/// after an inverted verb, with or without its euphonic t ("dit-il" is "dit"
/// "il", "a-t-elle" is "a" "elle"). A word the lists do not know stays whole
/// ("aujourd'hui", "peut-être", "Jean-Il").
fn push_word(norm: &str, word: Span, grammar: &Grammar, tokens: &mut Vec<Token>) {
    let push = |tokens: &mut Vec<Token>, span: Span| {
        let capitalised = norm[span.start..span.end].chars().next().is_some_and(char::is_uppercase);
        tokens.push(Token { capitalised, ..Token::new(span, Kind::Word) });
    };
    let bytes = norm.as_bytes();
    let mut buffer = [0u8; 8];
    let mut start = word.start;
    // Elisions: a few ASCII letters and the apostrophe ("l'", "puisqu'").
    while let Some(apostrophe) = bytes[start..word.end].iter().position(|&b| b == b'\'').map(|a| start + a) {
        let listed = ascii_lower(&bytes[start..=apostrophe], &mut buffer).is_some_and(|p| grammar.elision.contains(p));
        if !listed || apostrophe + 1 >= word.end {
            break;
        }
        push(tokens, Span::new(start, apostrophe + 1));
        start = apostrophe + 1;
    }
    // A clitic: the part after the last hyphen, and "-t-" before it left out.
    if let Some(hyphen) = bytes[start..word.end].iter().rposition(|&b| b == b'-').map(|h| start + h).filter(|&h| h > start) {
        // A capitalised pronoun after a word in lower case is part of a name ("Jean-Il"), not an inversion.
        let name = bytes[hyphen + 1].is_ascii_uppercase() && bytes[start..hyphen].iter().any(u8::is_ascii_lowercase);
        let listed = !name && ascii_lower(&bytes[hyphen + 1..word.end], &mut buffer).is_some_and(|p| grammar.clitic.contains(p));
        let euphonic = hyphen >= start + 3 && bytes[hyphen - 2] == b'-' && bytes[hyphen - 1].eq_ignore_ascii_case(&b't');
        let verb_end = if euphonic { hyphen - 2 } else { hyphen };
        if listed {
            push(tokens, Span::new(start, verb_end));
            push(tokens, Span::new(hyphen + 1, word.end));
            return;
        }
    }
    push(tokens, Span::new(start, word.end));
}

/// `bytes` in ASCII lower case in `buffer`, if they fit and are text.
fn ascii_lower<'b>(bytes: &[u8], buffer: &'b mut [u8; 8]) -> Option<&'b str> {
    let lower = buffer.get_mut(..bytes.len())?;
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Whether a byte is an ASCII letter or digit, as a table: one load a byte
/// where words are scanned.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The character starting at byte `at` of `norm` (a character boundary), if `at < stop`;
/// ASCII without decoding.
fn char_at(norm: &str, at: usize, stop: usize) -> Option<char> {
    if at >= stop {
        return None;
    }
    match norm.as_bytes()[at] {
        b if b.is_ascii() => Some(b as char),
        _ => norm[at..].chars().next(),
    }
}

/// The end of the word starting at `at`: letters and digits, joined by single
/// hyphens, apostrophes (not a possessive), periods (abbreviations) or `&`.
fn word_end(norm: &str, at: usize, stop: usize) -> usize {
    let bytes = norm.as_bytes();
    // Each turn starts at a letter or digit (the word's first, or the one
    // after a joiner), so the word ends wherever a turn stops.
    let mut i = at;
    loop {
        // ASCII letters and digits, most of any word, byte by byte.
        i += bytes[i..stop].iter().position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)]).unwrap_or(stop - i);
        let Some(c) = char_at(norm, i, stop) else { return i };
        let after = i + c.len_utf8();
        if is_letter_or_digit(c) {
            i = after;
            continue;
        }
        let joins = matches!(c, '-' | '\'' | '.' | '&');
        if !(joins && char_at(norm, after, stop).is_some_and(is_letter_or_digit)) {
            return i;
        }
        // `'s` at the end of a word is a possessive, not part of it.
        if c == '\'' && matches!(bytes[after], b's' | b'S') && !char_at(norm, after + 1, stop).is_some_and(char::is_alphanumeric) {
            return i;
        }
        i = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenize(norm: &str, span: Span, quoted: &[Span]) -> Vec<Token> {
        let mut tokens = Vec::new();
        tokenize_into(norm, span, quoted, &Grammar::default(), &mut tokens);
        tokens
    }
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn show(text: &str, quoted: &[Span]) -> Vec<(String, Kind)> {
        tokenize(text, Span::new(0, text.len()), quoted).iter().map(|t| (t.text(text).to_string(), t.kind)).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        let got = show("Mensah-Larbi scored 2.5 goals, U.S. style.", &[]);
        let words: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(words, ["Mensah-Larbi", "scored", "2.5", "goals", ",", "U.S", ".", "style", "."]);
    }

    #[test]
    fn possessives_are_their_own_tokens() {
        let got = show("the union's plan and Ivers' card", &[]);
        let kinds: Vec<Kind> = got.iter().map(|(_, k)| *k).collect();
        assert_eq!(got[1].0, "union");
        assert_eq!(kinds[2], Kind::Possessive);
        assert_eq!(got[5].0, "Ivers");
        assert_eq!(kinds[6], Kind::Possessive);
    }

    #[test]
    fn contractions_stay_words() {
        let got = show("don't won't", &[]);
        assert_eq!(got[0].0, "don't");
    }

    #[test]
    fn quotations_become_one_token() {
        let text = "\"We said no,\" she said.";
        let got = show(text, &[Span::new(0, 13)]);
        assert_eq!(got[0], ("\"We said no,\"".to_string(), Kind::Quote));
        assert_eq!(got[1].0, "she");
        assert_eq!(got[2].0, "said");
    }

    #[test]
    fn a_quotation_opened_before_the_sentence_is_clipped() {
        let text = "xx \"a b. c d\" he said.";
        let got = tokenize(text, Span::new(8, text.len()), &[Span::new(3, 13)]);
        assert_eq!(got[0].kind, Kind::Quote);
        assert_eq!(got[0].span, Span::new(8, 13));
    }

    /// The reading of a whole text as one sentence; `lower_words` are the
    /// words the article writes in lower case.
    fn read<'a>(text: &'a str, lower: &'a str, lower_words: &'a PageWords<'a>) -> Reading<'a> {
        Reading::new(text, lower, Span::new(0, text.len()), &[], crate::lexicon::get(crate::lang::Lang::En), lower_words)
    }

    #[test]
    fn each_token_carries_the_classes_of_its_lower_case_word() {
        let text = "Officials SAID the Ferry, reportedly.";
        let lower = text.to_ascii_lowercase();
        let words = PageWords::default();
        let r = read(text, &lower, &words);
        let lex = crate::lexicon::get(crate::lang::Lang::En);
        for i in 0..r.len() {
            assert_eq!(r.classes(i), lex.classes(r.lw(i)), "{}", r.text(i));
        }
        assert!(r.is(1, WordClass::REPORTING_VERB), "SAID is read as said");
        assert!(r.is(2, WordClass::DEFINITE));
        assert_eq!(r.classes(3), WordClass::NONE);
        assert!(!r.is(99, WordClass::DEFINITE), "past the end is in no list");
    }

    #[test]
    fn capitals_and_names_are_kept_per_token() {
        let text = "Coastal analysts met NASA and Mensah in May, she said.";
        let lower = text.to_ascii_lowercase();
        let mut words = PageWords::default();
        words.insert("coastal");
        let r = read(text, &lower, &words);
        let capitalised: Vec<&str> = (0..r.len()).filter(|&i| r.is_capitalised_word(i)).map(|i| r.text(i)).collect();
        assert_eq!(capitalised, ["Coastal", "NASA", "Mensah", "May"]);
        let names: Vec<&str> = (0..r.len()).filter(|&i| r.is_proper(i)).map(|i| r.text(i)).collect();
        // "Coastal" opens the sentence and is written in lower case elsewhere; "May" is a month.
        assert_eq!(names, ["NASA", "Mensah"]);
        let unknown = PageWords::default();
        let r = read(text, &lower, &unknown);
        assert!(r.is_proper(0), "an opening word the article never writes in lower case reads as a name");
    }

    #[test]
    fn joiners_and_possessives_inside_and_outside_ascii() {
        let got = show("Zoë-Ann's café\u{b}O'Neil's Ivers'\u{2003}rock-", &[]);
        let expected = [
            ("Zoë-Ann", Kind::Word),
            ("'s", Kind::Possessive),
            ("café", Kind::Word),
            ("O'Neil", Kind::Word),
            ("'s", Kind::Possessive),
            ("Ivers", Kind::Word),
            ("'", Kind::Possessive),
            ("rock", Kind::Word),
            ("-", Kind::Punct),
        ];
        assert_eq!(got, expected.map(|(t, k)| (t.to_string(), k)));
    }

    #[test]
    fn french_elisions_and_inverted_pronouns_are_words_of_their_own() {
        let text = "L'élue a-t-elle dit qu'aujourd'hui, estime-t-il, jusqu'à peut-être Jean-Il, dit-on.";
        let lower = crate::chars::to_lower(text);
        let words = PageWords::default();
        let r = Reading::new(text, &lower, Span::new(0, text.len()), &[], crate::lexicon::get(crate::lang::Lang::Fr), &words);
        let got: Vec<&str> = (0..r.len()).map(|i| r.text(i)).collect();
        let expected = [
            "L'", "élue", "a", "elle", "dit", "qu'", "aujourd'hui", ",", "estime", "il", ",", "jusqu'", "à", "peut-être", "Jean-Il", ",", "dit", "on", ".",
        ];
        assert_eq!(got, expected);
        assert!(r.is_capitalised_word(0) && !r.is_capitalised_word(1));
        assert!(!r.is_proper(0), "an elided article opening a sentence is no name, nor an acronym");
        // English splits nothing: it lists no elision or clitic.
        let english = Reading::new(text, &lower, Span::new(0, text.len()), &[], crate::lexicon::get(crate::lang::Lang::En), &words);
        assert_eq!(english.text(0), "L'élue");
        assert_eq!(english.text(1), "a-t-elle");
    }

    #[test]
    fn non_ascii_text_tokenizes_on_char_boundaries() {
        let got = show("Émilie a dit « oui » 😀 ok", &[]);
        assert_eq!(got[0].0, "Émilie");
        assert!(got.iter().any(|(t, _)| t == "😀"));
    }
}
