//! Sentence splitting over the whole article.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing marks or
//! brackets) before white space, unless the next word starts in lower case
//! (`"Why?" she asked`), or the period closes an abbreviation: titles and
//! months never end a sentence (`Mr.`, `Jan.`), initials neither (`J. K.`),
//! and abbreviations that may (`U.S.`, `Inc.`, `p.m.`) end one only when the
//! next word usually opens a sentence (`The`, `He`, `But`). Decimals never
//! stand before white space, so they never split.
//!
//! A paragraph break ends a sentence too. Paragraphs are the text's
//! [`Text::paragraphs`]: blocks that a text dump broke out of one sentence were
//! joined by [`crate::rejoin`] before, so such a sentence spans blocks, and the
//! analysis reports one part per block.

use crate::lexicon::Lexicon;
use crate::quotes::Quote;
use crate::span::Span;
use crate::text::Text;

/// Every run of terminal punctuation with its closing marks and the white
/// space after it ("." then " ", "?\")" then "\n"), as `(start, end)` byte
/// offsets of `block`, white space included, in order. A closing mark after
/// a space is the sentence's too when `closes` says that a quotation ends
/// there (French sets off its guillemets with spaces: "méthode. »").
fn ends<'b>(block: &'b str, closes: impl Fn(usize) -> bool + 'b) -> impl Iterator<Item = (usize, usize)> + 'b {
    let is_terminal = |c: char| matches!(c, '.' | '!' | '?' | '\u{2026}');
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(start) = next_terminal(block, from) {
            let rest = &block[start..];
            let punct = rest.len() - rest.trim_start_matches(is_terminal).len();
            let rest = &rest[punct..];
            let mut closing = rest.len() - rest.trim_start_matches(['"', '\'', ')', ']']).len();
            if closing == 0 && rest.starts_with(" \"") && closes(start + punct + 1) {
                closing = 1 + rest[1..].len() - rest[1..].trim_start_matches(['"', '\'', ')', ']']).len();
            }
            let rest = &rest[closing..];
            let space = rest.len() - rest.trim_start().len();
            from = start + punct + closing + space;
            if space > 0 {
                return Some((start, from));
            }
        }
        None
    })
}

/// Where the next `.`, `!`, `?` or `…` is in `block`, from `from` on. A
/// search on bytes, eight at a time where none of them can be one: decoding
/// every character to compare it took most of the splitter's time.
fn next_terminal(block: &str, from: usize) -> Option<usize> {
    let bytes = block.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            if !may_hold_terminal(u64::from_le_bytes(word.try_into().unwrap_or_default())) {
                at += 8;
                continue;
            }
        }
        for _ in 0..8 {
            match bytes.get(at) {
                None => return None,
                Some(b'.' | b'!' | b'?') => return Some(at),
                // U+2026 is e2 80 a6; e2 only ever starts a character, and ASCII bytes are never inside one.
                Some(0xe2) if bytes[at + 1..].starts_with(&[0x80, 0xa6]) => return Some(at),
                Some(_) => at += 1,
            }
        }
    }
    None
}

/// Whether any of eight bytes (read as one number) is `.`, `!`, `?` or 0xe2,
/// the first byte of `…` (a classic bit trick: a byte equal to the one looked
/// for becomes zero, and a zero byte borrows in the subtraction).
fn may_hold_terminal(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    has_zero(word ^ (ONES * b'.' as u64)) || has_zero(word ^ (ONES * b'!' as u64)) || has_zero(word ^ (ONES * b'?' as u64)) || has_zero(word ^ (ONES * 0xe2))
}

/// Splits the article into sentences: spans of `text.norm`, trimmed, in order.
pub fn split(text: &Text, quotes: &[Quote], lexicon: &Lexicon) -> Vec<Span> {
    let norm = text.norm.as_str();
    let mut sentences = Vec::new();
    // Top-level quotations are disjoint and in order; nested ones lie inside them.
    let top: Vec<Span> = quotes.iter().filter(|q| !q.nested).map(|q| q.span).collect();
    for paragraph in &text.paragraphs {
        let mut start = paragraph.start;
        let paragraph_text = &norm[paragraph.start..paragraph.end];
        let mut breaks = line_breaks(paragraph_text, paragraph.start, &top).peekable();
        // Whether a quotation closes with the mark at this offset of the paragraph.
        let closes = |at: usize| top.binary_search_by_key(&(paragraph.start + at + 1), |q| q.end).is_ok();
        for (end_start, end_end) in ends(paragraph_text, closes) {
            // Line breaks before this end that end a sentence themselves.
            while let Some(&at) = breaks.peek().filter(|&&at| at < paragraph.start + end_start) {
                breaks.next();
                if at > start {
                    push_trimmed(norm, start, at, &mut sentences);
                    start = at;
                }
            }
            let punct_end = paragraph.start + paragraph_text[end_start..end_end].trim_end().len() + end_start;
            if ends_sentence(paragraph_text, end_start, end_end, lexicon) {
                push_trimmed(norm, start, punct_end, &mut sentences);
                start = paragraph.start + end_end;
            }
        }
        for at in breaks {
            if at > start {
                push_trimmed(norm, start, at, &mut sentences);
                start = at;
            }
        }
        push_trimmed(norm, start, paragraph.end, &mut sentences);
    }
    sentences
}

/// Line breaks inside a block that end a sentence, as offsets of `norm`: a
/// line that opens a quotation after one that ends in a name or a mark (a
/// list of quotations, each credited on its own line: "...” ― Ana Ruiz" then
/// "“The next one ..."). A line that ends in a comma, a colon or a lower-case
/// word goes on into the next (hard-wrapped text), and so does a quotation
/// still open at the break.
fn line_breaks<'a>(block: &'a str, offset: usize, top: &'a [Span]) -> impl Iterator<Item = usize> + 'a {
    block.match_indices('\n').filter_map(move |(at, _)| {
        let before = block[..at].trim_end_matches([' ', '\t', '\u{a0}']);
        let after = &block[at + 1..];
        let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let ends_line = !before.ends_with([',', ':', ';']) && !last_word.starts_with(char::is_lowercase) && !before.is_empty();
        let opens_quote = after.starts_with('"') && after[1..].starts_with(char::is_alphanumeric);
        // The quotations are disjoint and in order: the only one that may hold
        // the break is the first that ends after it (a scan of them all, for
        // every line, grew with lines times quotations on hard-wrapped text).
        let next = top.partition_point(|q| q.end <= offset + at);
        let inside = top.get(next).is_some_and(|q| q.start < offset + at);
        (ends_line && opens_quote && !inside).then_some(offset + at + 1)
    })
}

/// Whether the punctuation at `at..after` (white space included) of `block` ends a sentence.
fn ends_sentence(block: &str, at: usize, after: usize, lexicon: &Lexicon) -> bool {
    let next_word: &str = block[after..].split(|c: char| c.is_whitespace()).next().unwrap_or("");
    let next_char = next_word.chars().next();
    // Lower case goes on the sentence ("“Why?” she asked"); a dash brings its
    // credit ("” — Jane Roe", "” - Jane Roe").
    if next_char.is_some_and(|c| c.is_lowercase() || c == '\u{2014}') || next_word == "-" {
        return false;
    }
    let punct = &block[at..after];
    if !punct.starts_with('.') || punct.starts_with("..") {
        return true;
    }
    let word = block[..at].rsplit(|c: char| c.is_whitespace() || "\"'([".contains(c)).next().unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let opener = || {
        let bare = next_word.trim_start_matches(['"', '\'', '(']);
        let bare = bare.trim_end_matches(|c: char| !c.is_alphanumeric());
        lexicon.sentence_openers.contains(bare)
    };
    match lexicon.abbreviations.get(word) {
        Some(false) => return false,
        Some(true) => return opener(),
        None => {}
    }
    let mut chars = word.chars();
    let single_capital = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() == 1);
    if single_capital || dotted {
        return opener();
    }
    true
}

fn push_trimmed(norm: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let text = &norm[start..end];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead + trail < text.len() {
        spans.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn texts(blocks: &[&str]) -> Vec<String> {
        let text = crate::rejoin::read(blocks, lexicon::get(Lang::En));
        let quotes = crate::quotes::pair(&text);
        split(&text, &quotes, lexicon::get(Lang::En)).into_iter().map(|s| text.norm[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn terminal_punctuation_is_found_at_every_place_in_a_word_of_eight_bytes() {
        let naive = |text: &str, from: usize| text[from..].find(['.', '!', '?', '\u{2026}']).map(|at| from + at);
        for pad in 0..17 {
            let text = format!("{}a\u{2014}b. c\u{2026} d! e? f\u{e9}{}", "x".repeat(pad), "y".repeat(pad));
            for from in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                assert_eq!(next_terminal(&text, from), naive(&text, from), "from {from} in {text:?}");
            }
        }
    }

    macro_rules! cases {
        ($($name:ident: $blocks:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<&str> = $expected.to_vec();
                assert_eq!(texts(&$blocks), expected);
            }
        )*};
    }

    cases! {
        splits_on_terminal_punctuation: ["One fact. Another? Yes!"] => ["One fact.", "Another?", "Yes!"];
        keeps_closing_quotes_with_their_sentence: ["\u{201c}It works.\u{201d} She left."] => ["\"It works.\"", "She left."];
        titles_do_not_end_sentences: ["Mr. Halek and Dr. Ibe spoke. Then they left."] => ["Mr. Halek and Dr. Ibe spoke.", "Then they left."];
        months_do_not_end_sentences: ["It opened on Jan. 5 in Leeds. It closed."] => ["It opened on Jan. 5 in Leeds.", "It closed."];
        initials_do_not_end_sentences: ["J. K. Marlow wrote it. She won."] => ["J. K. Marlow wrote it.", "She won."];
        us_inside_a_sentence: ["The U.S. Senate voted. It passed."] => ["The U.S. Senate voted.", "It passed."];
        us_at_the_end_of_a_sentence: ["He moved to the U.S. The family followed."] => ["He moved to the U.S.", "The family followed."];
        pm_at_the_end_of_a_sentence: ["It ended at 5 p.m. But talks resume."] => ["It ended at 5 p.m.", "But talks resume."];
        decimals_do_not_split: ["Shares fell 3.5 per cent. Bonds rose."] => ["Shares fell 3.5 per cent.", "Bonds rose."];
        dash_credit_stays_with_its_quote: ["\"Never leave early.\" \u{2014} Jane Roe"] => ["\"Never leave early.\" \u{2014} Jane Roe"];
        hyphen_credit_stays_with_its_quote: ["\"Never leave early.\" - Jane Roe."] => ["\"Never leave early.\" - Jane Roe."];
        ellipsis_then_capital_splits: ["We waited\u{2026} Nothing came."] => ["We waited\u{2026}", "Nothing came."];
        ellipsis_then_lowercase_does_not: ["We waited... and waited."] => ["We waited... and waited."];
        question_inside_quote_then_lowercase: ["\"Why?\" she asked. He shrugged."] => ["\"Why?\" she asked.", "He shrugged."];
        paragraphs_end_sentences: ["No full stop here", "By Jane Roe"] => ["No full stop here", "By Jane Roe"];
        broken_quote_fragments_join: ["\"", "Not content with it", "\" - he said - \"", "it goes on", "\", reacted Jane Roe."] =>
            ["\"Not content with it\" - he said - \"it goes on\", reacted Jane Roe."];
        lowercase_paragraph_continues_the_sentence: ["\u{ab} I worked every day,", "but the body said stop. I must listen \u{bb}, he says."] =>
            ["\" I worked every day, but the body said stop.", "I must listen \", he says."];
        a_lone_mark_after_a_full_line_opens_the_next_sentence: ["Read also: ten stations", "\"", "We asked in January", "\", he said."] =>
            ["Read also: ten stations", "\"We asked in January\", he said."];
        blank_blocks_have_no_sentence: ["  \n ", ""] => [];
        text_without_punctuation_is_one_sentence: ["just words and more words"] => ["just words and more words"];
        line_opening_a_quotation_after_a_credit_splits: ["\u{201c}The pier is safe.\u{201d} \u{2014} Ana Ruiz\n\u{201c}It is not.\u{201d} \u{2014} Ilse Brandt"] =>
            ["\"The pier is safe.\" \u{2014} Ana Ruiz", "\"It is not.\" \u{2014} Ilse Brandt"];
        hard_wrapped_line_before_a_quotation_goes_on: ["The mayor told the crowd that\n\"nothing\" would change."] =>
            ["The mayor told the crowd that\n\"nothing\" would change."];
        guillemet_set_off_by_a_space_closes_its_sentence: ["\u{ab}\u{a0}C'est une m\u{e9}thode.\u{a0}\u{bb} \u{ab}\u{202f}Nous reviendrons\u{202f}\u{bb}, a-t-il dit."] =>
            ["\" C'est une m\u{e9}thode. \"", "\" Nous reviendrons \", a-t-il dit."];
        opening_guillemet_after_a_full_stop_opens_the_next: ["Il a parl\u{e9}. \u{ab} Oui \u{bb}, dit-elle."] => ["Il a parl\u{e9}.", "\" Oui \", dit-elle."];
        line_break_inside_a_quotation_goes_on: ["\"We will stay\n\"and fight,\" she said."] => ["\"We will stay\n\"and fight,\" she said."];
    }
}
