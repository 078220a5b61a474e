//! Words, numbers, punctuation and masked quotations of one sentence.
//!
//! Cue and source rules read a sentence as tokens, not characters. The words
//! inside a quotation are not the writer's framing and must not be read as
//! cues ("“I said no,” she said" has one cue, not two), so each stretch of
//! quotation inside the sentence becomes a single [`Kind::Quote`] token.

use std::collections::HashSet;

use crate::lexicon::Lexicon;
use crate::span::Span;

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
}

impl Token {
    pub fn text<'t>(&self, norm: &'t str) -> &'t str {
        &norm[self.span.start..self.span.end]
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self, norm: &str) -> bool {
        self.kind == Kind::Word && self.text(norm).chars().next().is_some_and(char::is_uppercase)
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
    pub lower_vocab: &'a HashSet<&'a str>,
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
        self.tokens.get(i).map_or("", |t| &self.lower[t.span.start..t.span.end])
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
        self.tokens.get(i).is_some_and(|t| t.is_capitalised(self.norm))
    }

    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.text(i) == c
    }

    /// A capitalised word that reads as a name: not a word the article writes
    /// in lower case when it opens the sentence, not a month or a day.
    pub fn is_proper(&self, i: usize) -> bool {
        let Some(token) = self.tokens.get(i) else { return false };
        if !token.is_capitalised(self.norm) {
            return false;
        }
        let lw = self.lw(i);
        if self.lex.grammar.calendar.contains(lw) || self.lex.pronouns.contains_key(lw) {
            return false;
        }
        let opens = i == 0 || (i == 1 && self.kind(0) != Some(Kind::Word)) || self.is_punct(i - 1, ":") || self.kind(i - 1) == Some(Kind::Quote);
        // "NASA" opening a sentence is a name; "A" opening one is not.
        let all_caps = self.text(i).chars().count() > 1 && self.text(i).chars().all(|c| !c.is_lowercase());
        !(opens && !all_caps && (self.lower_vocab.contains(lw) || self.lex.common_words.contains(lw)))
    }

    /// The span of `norm` covered by tokens `range`.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        match (self.tokens.get(range.start), range.end.checked_sub(1).and_then(|e| self.tokens.get(e))) {
            (Some(a), Some(b)) if range.start < range.end => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        }
    }
}

/// Tokens of `norm[span]`, with every part inside `quoted` (sorted spans of
/// `norm`, disjoint as top-level quotations are) folded into quote tokens.
pub fn tokenize(norm: &str, span: Span, quoted: &[Span]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let bytes = norm.as_bytes();
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
                tokens.push(Token { span: Span::new(at, end), kind: Kind::Quote });
                at = end;
                continue;
            }
        }
        let stop = quotes.peek().map_or(span.end, |q| q.start.min(span.end));
        let Some(c) = norm[at..].chars().next() else { break };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        if c.is_alphabetic() {
            let end = word_end(norm, at, stop);
            tokens.push(Token { span: Span::new(at, end), kind: Kind::Word });
            at = end;
            // The possessive: `'s` or a lone `'` after a plural, then no letter.
            if at < stop && bytes[at] == b'\'' {
                let after = norm[at + 1..stop].chars().next();
                let possessive = match after {
                    Some('s') | Some('S') => !norm[at + 2..stop].chars().next().is_some_and(char::is_alphanumeric),
                    Some(c) => !c.is_alphanumeric() && norm[..at].ends_with(['s', 'S']),
                    None => norm[..at].ends_with(['s', 'S']),
                };
                if possessive {
                    let len = if matches!(after, Some('s') | Some('S')) { 2 } else { 1 };
                    tokens.push(Token { span: Span::new(at, at + len), kind: Kind::Possessive });
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
            tokens.push(Token { span: Span::new(at, end), kind: Kind::Number });
            at = end;
            continue;
        }
        tokens.push(Token { span: Span::new(at, at + c.len_utf8()), kind: Kind::Punct });
        at += c.len_utf8();
    }
    tokens
}

/// The end of the word starting at `at`: letters and digits, joined by single
/// hyphens, apostrophes (not a possessive), periods (abbreviations) or `&`.
fn word_end(norm: &str, at: usize, stop: usize) -> usize {
    let mut end = at;
    let mut chars = norm[at..stop].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = at + i + c.len_utf8();
            continue;
        }
        let joins = matches!(c, '-' | '\'' | '.' | '&');
        let next = chars.peek().map(|&(_, n)| n);
        if joins && next.is_some_and(char::is_alphanumeric) {
            // `'s` at the end of a word is a possessive, not part of it.
            if c == '\'' {
                let rest = &norm[at + i + 1..stop];
                let mut rest_chars = rest.chars();
                if matches!(rest_chars.next(), Some('s' | 'S')) && !rest_chars.next().is_some_and(char::is_alphanumeric) {
                    break;
                }
            }
            continue;
        }
        break;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn non_ascii_text_tokenizes_on_char_boundaries() {
        let got = show("Émilie a dit « oui » 😀 ok", &[]);
        assert_eq!(got[0].0, "Émilie");
        assert!(got.iter().any(|(t, _)| t == "😀"));
    }
}
