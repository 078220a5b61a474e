//! Quotation pairing: which marks open and close which quotation.
//!
//! Marks are paired in one pass over the article, block by block, because the
//! news convention for a quotation that runs over several paragraphs puts an
//! opening mark at the start of each paragraph and a closing mark only at the
//! end of the last one. Straight marks (`"`) say nothing about their direction:
//! the characters around them do (a space before and a letter after opens),
//! and where they do not either, the state does (a mark with a quotation open
//! closes it). Nothing here fails on unbalanced marks: a quotation still open
//! at a paragraph break that no opening mark continues ends at the break, and
//! a closing mark with nothing open is ignored.
//!
//! Single marks are quotations only where they pair up inside one paragraph
//! ('like this'); elsewhere they are apostrophes ("Ivers' red card").
//!
//! Paragraphs are the text's [`Text::paragraphs`]: blocks that a text dump
//! broke out of one sentence (a lone mark, a quoted phrase on a line of its
//! own) were joined into one by [`crate::rejoin`] before the pairing.

use crate::span::Span;
use crate::text::{Family, Glyph, Mark, Text};

/// One quotation: from its opening mark to just after its closing mark (or to
/// the end of the paragraph where it was left open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quotation's extent in `norm`, marks included.
    pub span: Span,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Inside another quotation.
    pub nested: bool,
}

impl Quote {
    /// The quoted words, without the marks.
    pub fn inner(&self) -> Span {
        let end = if self.closed { self.span.end.saturating_sub(1) } else { self.span.end };
        Span::new((self.span.start + 1).min(end), end)
    }
}

/// How a mark reads from the characters around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lean {
    Open,
    Close,
    Either,
}

/// How the mark at `at` of `norm` reads: a space or an opening bracket before
/// and a letter after open; a letter before and a space or a punctuation mark
/// after close.
pub fn lean(norm: &str, at: usize) -> Lean {
    let before = norm[..at].chars().next_back();
    let after = norm[at + 1..].chars().next();
    let opens_before = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{\u{2014}-/:\"'".contains(c),
    };
    let closes_after = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}\u{2014}-\u{2026}\"'".contains(c),
    };
    match (opens_before(before), closes_after(after)) {
        (true, false) => Lean::Open,
        (false, true) => Lean::Close,
        _ => Lean::Either,
    }
}

/// The quotations of an article, in order of their opening marks.
pub fn pair(text: &Text) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let norm = text.norm.as_str();
    let mut marks = text.marks.iter().peekable();
    // The double quotation open now: (start, opened with a low mark).
    let mut open: Option<(usize, bool)> = None;
    for (index, block) in text.paragraphs.iter().enumerate() {
        let block_marks: Vec<&Mark> = std::iter::from_fn(|| marks.next_if(|m| m.at < block.end)).collect();
        let block_text = &norm[block.start..block.end];
        let trimmed_start = block.start + (block_text.len() - block_text.trim_start().len());
        // A quotation left open at the previous break: continued, or ended there.
        let mut skip_continuation = false;
        if let Some((start, _)) = open {
            let continues_with_mark = block_marks.first().is_some_and(|m| {
                m.at == trimmed_start
                    && m.family == Family::Double
                    && (matches!(m.glyph, Glyph::Open | Glyph::Low) || m.glyph == Glyph::Straight && lean(norm, m.at) == Lean::Open)
            });
            if !continues_with_mark {
                let prev = index.checked_sub(1).map(|p| text.paragraphs[p]).unwrap_or_default();
                quotes.push(Quote { span: Span::new(start, prev.end), closed: false, nested: false });
                open = None;
            }
            skip_continuation = continues_with_mark;
        }
        for mark in block_marks.iter().filter(|m| m.family == Family::Double) {
            if skip_continuation {
                skip_continuation = false;
                continue;
            }
            let lean = lean(norm, mark.at);
            match open {
                None => match (mark.glyph, lean) {
                    // A stray closing mark; but one turned the wrong way at the start of a
                    // line or after a space ("\n”Mr. Halek said ...") opens.
                    (Glyph::Close, Lean::Close | Lean::Either) | (Glyph::Straight, Lean::Close) => {}
                    _ => open = Some((mark.at, mark.glyph == Glyph::Low)),
                },
                Some((start, low)) => {
                    let closes = match mark.glyph {
                        Glyph::Close => true,
                        Glyph::Open => low || lean != Lean::Open,
                        Glyph::Low => false,
                        Glyph::Straight => lean != Lean::Open || mark.at + 1 == block.end,
                    };
                    if closes {
                        quotes.push(Quote { span: Span::new(start, mark.at + 1), closed: true, nested: false });
                        open = None;
                    } else {
                        // An opening mark while one is open: the first was never closed.
                        quotes.push(Quote { span: Span::new(start, mark.at), closed: false, nested: false });
                        open = Some((mark.at, mark.glyph == Glyph::Low));
                    }
                }
            }
        }
        let singles = pair_singles_in(norm, &block_marks);
        quotes.extend(singles);
    }
    if let Some((start, _)) = open {
        let end = text.paragraphs.last().map(|b| b.end).unwrap_or(start);
        quotes.push(Quote { span: Span::new(start, end.max(start)), closed: false, nested: false });
    }
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    // A quotation inside another is nested.
    let mut outer_end = 0;
    for quote in &mut quotes {
        if quote.span.start < outer_end {
            quote.nested = true;
        } else {
            outer_end = quote.span.end;
        }
    }
    quotes
}

/// Single quotation marks that pair up inside one block: an opening one
/// (space before, letter after) with the next closing one (letter or
/// punctuation before, space or punctuation after).
fn pair_singles_in(norm: &str, block_marks: &[&Mark]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for mark in block_marks.iter().filter(|m| m.family == Family::Single) {
        let lean = lean(norm, mark.at);
        let is_apostrophe = {
            let before = norm[..mark.at].chars().next_back();
            let after = norm[mark.at + 1..].chars().next();
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
        };
        if is_apostrophe {
            continue;
        }
        match open {
            None if lean == Lean::Open || (lean == Lean::Either && matches!(mark.glyph, Glyph::Open | Glyph::Low)) => {
                open = Some(mark.at)
            }
            Some(start) if lean == Lean::Close || mark.glyph == Glyph::Close => {
                quotes.push(Quote { span: Span::new(start, mark.at + 1), closed: true, nested: false });
                open = None;
            }
            _ => {}
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The quoted texts (with marks) of an article given as blocks, rejoined
    /// where a text dump broke a sentence.
    fn quoted(blocks: &[&str]) -> Vec<String> {
        let text = crate::rejoin::read(blocks, crate::lexicon::get(crate::lang::Lang::En));
        pair(&text).iter().map(|q| text.norm[q.span.start..q.span.end].to_string()).collect()
    }

    macro_rules! cases {
        ($($name:ident: $blocks:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<&str> = $expected.to_vec();
                assert_eq!(quoted(&$blocks), expected);
            }
        )*};
    }

    cases! {
        straight_pair: ["\"We won,\" he said."] => ["\"We won,\""];
        curly_pair: ["\u{201c}We won,\u{201d} he said."] => ["\"We won,\""];
        closing_glyph_turned_the_wrong_way_opens: ["\u{201d}We won.\u{201d} \u{2014} Ana Ruiz"] => ["\"We won.\""];
        stray_closing_glyph_after_a_word_opens_nothing: ["We won\u{201d} he said."] => [];
        guillemets: ["\u{ab} Nous avons gagn\u{e9} \u{bb}, dit-il."] => ["\" Nous avons gagn\u{e9} \""];
        german_low_high: ["Er sagte: \u{201e}Wir haben gewonnen.\u{201c}"] => ["\"Wir haben gewonnen.\""];
        interrupted_quote: ["\"What we offer,\" she said, \"is retraining.\""] => ["\"What we offer,\"", "\"is retraining.\""];
        nested_single_inside_double: ["\"We were told, 'Make it work.'\" he said."] => ["\"We were told, 'Make it work.'\"", "'Make it work.'"];
        single_quotes_pair_in_a_block: ["'We will fight,' he said."] => ["'We will fight,'"];
        apostrophes_are_not_quotes: ["The union's plan and Ivers' card."] => [];
        continued_over_paragraphs: ["\"First part.", "\"Second part,\" she said."] => ["\"First part.\n\n\"Second part,\""];
        unclosed_quote_ends_at_its_paragraph: ["\"Never closed.", "Plain text here."] => ["\"Never closed."];
        stray_closing_mark_is_ignored: ["He left\u{201d} early."] => [];
        broken_dump_fragments_form_one_quote: ["\"", "potentially illegal activities", "\" of the giant."] => ["\"potentially illegal activities\""];
        scare_quote: ["The so-called \"iPhone killer\" sold well."] => ["\"iPhone killer\""];
    }

    #[test]
    fn nested_quotes_are_marked_nested() {
        let blocks = ["\"He told me 'no' twice,\" she said."];
        let text = Text::new(&blocks);
        let quotes = pair(&text);
        assert_eq!(quotes.len(), 2);
        assert!(!quotes[0].nested);
        assert!(quotes[1].nested);
    }

    #[test]
    fn inner_drops_the_marks() {
        let blocks = ["\"Yes.\""];
        let text = Text::new(&blocks);
        let quote = pair(&text)[0];
        assert_eq!(&text.norm[quote.inner().start..quote.inner().end], "Yes.");
    }
}
