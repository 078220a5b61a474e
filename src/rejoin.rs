//! Text dumps: sentences that a careless copy broke over several blocks, joined again.
//!
//! A page saved as text by a scraper puts every inline element that held a
//! quotation on a line of its own: a lone `“`, then the quoted words, then
//! `”, said the minister.`; a word split around a link comes out as `V` and
//! `ice`. Read as paragraphs, each fragment would be a sentence and every
//! quotation would lose its speaker. So before the text is split, each break
//! between two blocks is read for whether it ends a sentence: a block that
//! does not end one (an unfinished last word, a comma, an opening mark, a
//! quotation still open that a later block closes) goes on into the next, and
//! so does one whose next block starts in lower case, with a closing mark or
//! with punctuation. The blocks are then joined in the text the engine reads
//! ([`Text::joined`]) by a space, or by nothing where a word or a mark was cut
//! off its neighbour; the spans handed out still point into the blocks as given.
//!
//! Blocks that are real paragraphs (the extension reads a page's block
//! elements, with inline quotations already inside them) end their sentences
//! and are left alone: nothing here fires on a paragraph that ends with a full
//! stop and is followed by one that starts with a capital.

use crate::lexicon::{Lexicon, WordClass};
use crate::quotes::{lean, Lean};
use crate::text::{Family, Glyph, Joint, Mark, Text};
use crate::tokens::PageMap;

/// The article's blocks as one text, with the sentences a text dump broke
/// over several blocks joined again.
pub fn read<'a>(blocks: &'a [&'a str], lex: &Lexicon) -> Text<'a> {
    let text = Text::new(blocks);
    match joints(&text, lex) {
        Some(joints) => Text::joined(blocks, &joints),
        None => text,
    }
}

/// How far ahead a quotation left open may be closed for the blocks between
/// to be one paragraph: a dump breaks a quotation into a few lines, not more.
const CLOSED_WITHIN: usize = 3;

/// The joint before each block of `text` (read as paragraphs of their own),
/// or `None` when every block is a paragraph, as on any ordinary page.
pub fn joints(text: &Text, lex: &Lexicon) -> Option<Vec<Joint>> {
    let mut joints: Option<Vec<Joint>> = None;
    let mut words = Vocabulary::default();
    // A double quotation open at the end of the paragraph read so far.
    let mut open = false;
    let mut joined = false;
    let mut first_mark = 0;
    let mut prev = trimmed(text, 0);
    for block in 0..text.block_spans.len() {
        if block > 0 {
            let next = trimmed(text, block);
            let joint = Break { text, block, prev, next, open, joined, lex }.joint(&mut words);
            joined = joint != Joint::Paragraph;
            if joined {
                joints.get_or_insert_with(|| vec![Joint::Paragraph; text.block_spans.len()])[block] = joint;
            } else {
                open = false;
            }
            prev = next;
        }
        open = quotation_open_after(text, block, open, &mut first_mark);
    }
    joints
}

/// Whether a double quotation is open at the end of `block`, given whether
/// one was open at its start: its marks read as [`crate::quotes::pair`] reads
/// them. `first_mark` is the index of the block's first mark in `text.marks`,
/// moved past the block's marks.
fn quotation_open_after(text: &Text, block: usize, mut open: bool, first_mark: &mut usize) -> bool {
    let span = text.block_spans[block];
    while let Some(mark) = text.marks.get(*first_mark).filter(|m| m.at < span.end) {
        *first_mark += 1;
        if mark.family != Family::Double {
            continue;
        }
        let lean = lean(&text.norm, mark.at);
        open = if open {
            let closes = match mark.glyph {
                Glyph::Close => true,
                Glyph::Open => lean != Lean::Open,
                Glyph::Low => false,
                Glyph::Straight => lean != Lean::Open || mark.at + 1 == span.end,
            };
            !closes
        } else {
            !matches!((mark.glyph, lean), (Glyph::Close, Lean::Close | Lean::Either) | (Glyph::Straight, Lean::Close))
        };
    }
    open
}

/// Block `block` of `norm` without its surrounding white space, and where
/// that starts (nothing past the last block).
fn trimmed<'t>(text: &'t Text, block: usize) -> (usize, &'t str) {
    let Some(span) = text.block_spans.get(block) else { return (text.norm.len(), "") };
    let content = &text.norm[span.start..span.end];
    let lead = content.len() - content.trim_start().len();
    (span.start + lead, content.trim())
}

/// The break before `block`, with what is known at it.
struct Break<'t, 'a> {
    text: &'t Text<'a>,
    block: usize,
    /// The blocks on either side, trimmed, with where they start in `norm`.
    prev: (usize, &'t str),
    next: (usize, &'t str),
    /// A double quotation is open at the end of the block before.
    open: bool,
    /// The block before was itself joined to the one before it: the break
    /// falls inside a run of fragments.
    joined: bool,
    lex: &'t Lexicon,
}

impl<'t> Break<'t, '_> {
    /// How the block is joined to the one before it.
    fn joint(&self, words: &mut Vocabulary<'t>) -> Joint {
        let ((prev_at, prev), (next_at, next)) = (self.prev, self.next);
        if prev.is_empty() || next.is_empty() {
            return Joint::Paragraph;
        }
        let first = next.chars().next().unwrap_or(' ');
        let last = prev.chars().next_back().unwrap_or(' ');
        // The previous block without its closing marks and brackets: how it
        // really ends. French sets a closing mark off by a space ("ans. »").
        let bare = prev.trim_end_matches(['"', '\'', ')', ']', ' ']);
        let ends_sentence = bare.ends_with(['.', '!', '?', '\u{2026}', ':', ';']);
        // The common case, settled first: a finished sentence, then a capital.
        if ends_sentence && first.is_uppercase() && !self.open && last != '"' {
            return Joint::Paragraph;
        }
        let unfinished = !ends_sentence && (bare.ends_with(',') || self.ends_in_unfinished_word(prev));
        let has_words = |s: &str| s.chars().any(char::is_alphanumeric);

        // A block of marks alone: a closing one belongs to the quotation open
        // before it; an opening one to what follows (see below).
        if !has_words(next) && (self.open || continues_before(first)) {
            return Joint::Touching;
        }
        if !has_words(prev) && self.open {
            return Joint::Touching;
        }
        // Punctuation never opens a sentence: ", said the minister".
        if continues_before(first) {
            return Joint::Touching;
        }
        // A closing mark: "” of the giant", "' of unions". A double one closes
        // only a quotation open before it (else it opens the next sentence).
        if matches!(first, '"' | '\'') && self.closing_mark_at(next_at) && if first == '"' { self.open } else { !ends_sentence } {
            return Joint::Touching;
        }
        // An opening mark left at the end: "such as “" then "yellow vests". A
        // double one must have left its quotation open ("..., Mexicans —.“"
        // is a closing mark turned the wrong way).
        if matches!(last, '"' | '\'') && self.opening_mark_at(prev_at + prev.len() - 1) && (last != '"' || self.open) {
            return Joint::Touching;
        }
        // A word cut in two: "V" then "ice".
        if !ends_sentence && last.is_alphabetic() && first.is_lowercase() && self.cut_word(prev_at + prev.len(), next_at, words) {
            return Joint::Touching;
        }
        // A lower-case start goes on the sentence before, if that one is not
        // finished, or if it is a fragment of a run already broken: "actions."
        // then "from the global giant." (a paragraph that ends a sentence and
        // a lower-case one after it, "1." then "of.", are a page's own).
        if unfinished || (!ends_sentence || self.joined && !bare.ends_with([':', ';'])) && self.opens_lower_case(next) {
            return Joint::Space;
        }
        // A quotation the block left open and a block soon after closes:
        // “They were using ... photo." / "The worst part ..." / "..., ”said".
        if self.open && !self.opening_mark_at(next_at) && self.closed_ahead() {
            return Joint::Space;
        }
        // The speaker alone after the quotation: "“We stay.”" then "Jane Roe
        // said.", or its credit: "“We stay.”" then "— Jane Roe".
        if last == '"' && (self.is_reporting_clause(next) || is_credit(next)) {
            return Joint::Space;
        }
        Joint::Paragraph
    }

    /// The quotation mark written at `at` of `norm`, if there is one.
    fn mark_at(&self, at: usize) -> Option<&Mark> {
        let marks = &self.text.marks;
        marks.get(marks.partition_point(|m| m.at < at)).filter(|m| m.at == at)
    }

    /// A mark at `at` that closes: not turned to open, and no letter after it.
    fn closing_mark_at(&self, at: usize) -> bool {
        // A mark is one byte of `norm`, so the character after it starts at `at + 1`.
        self.mark_at(at).is_some_and(|m| {
            let after = self.text.norm[at + 1..].chars().next();
            matches!(m.glyph, Glyph::Close | Glyph::Straight) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    /// A mark at `at` that opens: turned to open, or straight after a space
    /// or a bracket (an apostrophe never follows a space).
    fn opening_mark_at(&self, at: usize) -> bool {
        self.mark_at(at).is_some_and(|m| {
            let before = self.text.norm[..at].chars().next_back();
            let after_space = before.is_none_or(|c| c.is_whitespace() || "([{\u{2014}-/".contains(c));
            matches!(m.glyph, Glyph::Open | Glyph::Low) || m.glyph == Glyph::Straight && after_space
        })
    }

    /// The block ends with a word a sentence does not end with ("According to").
    fn ends_in_unfinished_word(&self, prev: &str) -> bool {
        let word = prev.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        !word.is_empty() && prev.ends_with(word) && self.lex.classes(&word.to_ascii_lowercase()).is(WordClass::UNFINISHED)
    }

    /// The block opens with a word in lower case ("has been publishing",
    /// "this source."), not with a name written so ("iPhone", "eBay"), nor
    /// with a letter standing for a bullet before a capital ("l No incident").
    fn opens_lower_case(&self, next: &str) -> bool {
        let mut words = next.split_whitespace();
        let word = words.next().unwrap_or("");
        let lower = word.starts_with(char::is_lowercase) && word.chars().all(|c| !c.is_alphabetic() || c.is_lowercase());
        let bullet = word.chars().count() == 1 && word != "a" && words.next().is_some_and(|w| w.starts_with(char::is_uppercase));
        lower && !bullet
    }

    /// The word ending at `end` and the one starting at `start` of `norm` are
    /// two halves of one: the page writes the whole word elsewhere, or the
    /// halves are no words on their own: a single letter (not "a" or "I"),
    /// then a word the lexicon does not know and the page writes nowhere else.
    /// "V" and "ice" where the page names Vice, "T" and "idewater"; not "Plan
    /// B" and "is", nor "harbour" and "master" (without a dictionary, two
    /// unknown words may be words all the same).
    fn cut_word(&self, end: usize, start: usize, words: &mut Vocabulary<'t>) -> bool {
        let lower: &'t str = &self.text.lower;
        let left = lower[..end].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let right = lower[start..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let words = words.of(lower);
        let count = |w: &str| words.get(w).copied().unwrap_or(0);
        if count(&[left, right].concat()) > 0 {
            return true;
        }
        // Written here once; a word on its own is written elsewhere too, or known.
        let a_word = |w: &str| count(w) > 1 || self.lex.classes(w) != WordClass::NONE;
        let letter = |w: &str| w.chars().count() == 1 && !matches!(w, "a" | "i");
        letter(left) && !a_word(right)
    }

    /// Whether a quotation open at the break is closed in one of the next few
    /// blocks before another one opens.
    fn closed_ahead(&self) -> bool {
        let text = self.text;
        for block in self.block..(self.block + CLOSED_WITHIN).min(text.block_spans.len()) {
            let span = text.block_spans[block];
            if text.norm[span.start..span.end].trim().is_empty() {
                return false;
            }
            let first = text.marks.partition_point(|m| m.at < span.start);
            let Some(mark) = text.marks[first..].iter().take_while(|m| m.at < span.end).find(|m| m.family == Family::Double) else {
                continue;
            };
            return match mark.glyph {
                Glyph::Close => true,
                Glyph::Open | Glyph::Low => false,
                Glyph::Straight => lean(&text.norm, mark.at) == Lean::Close,
            };
        }
        false
    }

    /// A short block that only names who spoke: "Jane Roe said.", "the mayor added."
    fn is_reporting_clause(&self, next: &str) -> bool {
        let Some(body) = next.strip_suffix('.') else { return false };
        let words = body.split_whitespace();
        // Counted on a copy, no further than one word too many: a block after
        // a quotation is usually a whole paragraph, not to be collected.
        let count = words.clone().take(7).count();
        (2..=6).contains(&count) && words.last().is_some_and(|verb| self.lex.classes(&verb.to_ascii_lowercase()).reporting() == Some(false))
    }
}

/// A credit line: a dash, then a short name ("— Jane Roe", "- Sanders.",
/// "-President Obama, tweeting").
fn is_credit(next: &str) -> bool {
    let Some(rest) = next.strip_prefix(['\u{2014}', '-']) else { return false };
    let rest = rest.trim_start();
    rest.starts_with(char::is_uppercase) && rest.split_whitespace().count() <= 8
}

/// Characters that never open a sentence: what starts with one goes on the
/// sentence before it.
fn continues_before(c: char) -> bool {
    ",;:.)]}!?\u{2026}".contains(c)
}

/// The page's words in lower case, with how often each is written: counted
/// on first use, since only a block that may end in half a word asks.
#[derive(Default)]
struct Vocabulary<'t> {
    counts: Option<PageMap<&'t str, u32>>,
}

impl<'t> Vocabulary<'t> {
    fn of(&mut self, lower: &'t str) -> &PageMap<&'t str, u32> {
        self.counts.get_or_insert_with(|| {
            let mut counts = PageMap::default();
            for word in lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                *counts.entry(word).or_insert(0) += 1;
            }
            counts
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon;
    use crate::span::Span;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The paragraphs of `blocks` once rejoined, as the engine reads them.
    fn paragraphs(blocks: &[&str]) -> Vec<String> {
        let text = read(blocks, lexicon::get(Lang::En));
        text.paragraphs.iter().map(|p| text.norm[p.start..p.end].to_string()).collect()
    }

    macro_rules! cases {
        ($($name:ident: $blocks:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<&str> = $expected.to_vec();
                assert_eq!(paragraphs(&$blocks), expected);
            }
        )*};
    }

    cases! {
        lone_marks_around_a_quotation_join_it: ["He spoke.", "\"", "Not content with it", "\" - he said - \"", "it goes on", "\", reacted Jane Roe."] =>
            ["He spoke.", "\"Not content with it\" - he said - \"it goes on\", reacted Jane Roe."];
        a_closing_mark_then_words_goes_on: ["It asked for an inquiry into the \u{201c}", "possibly unlawful acts", "\u{201d} of the carrier."] =>
            ["It asked for an inquiry into the \"possibly unlawful acts\" of the carrier."];
        an_unfinished_last_word_goes_on: ["According to", "the Tidewater Post", ", the ferry stops."] => ["According to the Tidewater Post, the ferry stops."];
        a_lower_case_start_goes_on: ["The port", "has been closed since May."] => ["The port has been closed since May."];
        a_lower_case_start_after_a_fragment_goes_on: ["It asked about the", "\u{201c}unlawful\u{201d}", "acts.", "from the carrier."] =>
            ["It asked about the \"unlawful\" acts. from the carrier."];
        a_trailing_comma_goes_on: ["\u{201c}We stay,\u{201d}", "Jane Roe said."] => ["\"We stay,\" Jane Roe said."];
        single_marks_cut_off_join: ["leaks show the firm's '", "close watch", "' of the unions."] => ["leaks show the firm's 'close watch' of the unions."];
        a_word_the_page_writes_whole_is_joined: ["Kestrel reported it first.", "In addition, K", "estrel", ", which cites a driver, says more."] =>
            ["Kestrel reported it first.", "In addition, Kestrel, which cites a driver, says more."];
        a_letter_cut_off_an_unknown_word_is_joined: ["The operator, T", "idewater, ended the service."] => ["The operator, Tidewater, ended the service."];
        two_unknown_words_stay_two_words: ["The harbour", "master's office closed."] => ["The harbour master's office closed."];
        a_quotation_left_open_runs_to_its_closing_mark: ["\u{201c}They used a false name.", "The worst was the reading of messages.", "They knew it all, \u{201d}said", "this driver."] =>
            ["\"They used a false name. The worst was the reading of messages. They knew it all, \"said this driver."];
        the_speaker_alone_after_a_quotation_goes_on: ["\u{201c}We stay.\u{201d}", "Jane Roe said."] => ["\"We stay.\" Jane Roe said."];
        a_credit_after_a_quotation_goes_on: ["\"We are tired of waiting.\"", "- Ana Ruiz."] => ["\"We are tired of waiting.\" - Ana Ruiz."];
    }

    cases! {
        paragraphs_that_end_their_sentences_stay: ["He left.", "She stayed."] => ["He left.", "She stayed."];
        a_headline_then_a_byline_stay: ["Port workers walk out over automation plan", "By Jane Roe"] => ["Port workers walk out over automation plan", "By Jane Roe"];
        a_heading_then_a_paragraph_stay: ["Private detectives and fake profiles", "The firm had also hired two analysts."] =>
            ["Private detectives and fake profiles", "The firm had also hired two analysts."];
        a_new_quotation_paragraph_stays: ["He left.", "\"We stay,\" she said."] => ["He left.", "\"We stay,\" she said."];
        a_quotation_continued_by_convention_stays: ["\"First part.", "\"Second part,\" she said."] => ["\"First part.", "\"Second part,\" she said."];
        list_items_stay: ["Around 30,000 homes without power", "All ferries cancelled"] => ["Around 30,000 homes without power", "All ferries cancelled"];
        a_lone_opening_mark_after_a_full_line_opens_the_next_sentence: ["Read also: ten stations", "\"", "We asked in January", "\", he said."] =>
            ["Read also: ten stations", "\"We asked in January\", he said."];
        a_list_after_a_colon_stays: ["The plan has three parts:", "cranes and carriers"] => ["The plan has three parts:", "cranes and carriers"];
        a_name_in_lower_case_camel_stays: ["Sales rose.", "iPhone sales fell."] => ["Sales rose.", "iPhone sales fell."];
        a_letter_then_a_word_stays_two_words: ["It was Plan B", "is what they chose."] => ["It was Plan B is what they chose."];
        a_closing_guillemet_set_off_by_a_space_ends_its_paragraph: ["\u{ab}\u{a0}Il a dur\u{e9} onze ans.\u{a0}\u{bb}", "ensuite, la ville a vot\u{e9}."] =>
            ["\" Il a dur\u{e9} onze ans. \"", "ensuite, la ville a vot\u{e9}."];
        an_unclosed_quotation_with_no_closing_mark_ahead_stays: ["\"Never closed.", "Plain text here."] => ["\"Never closed.", "Plain text here."];
        empty_blocks_break: ["According to", "", "Vice"] => ["According to", "", "Vice"];
        a_lower_case_paragraph_after_a_finished_one_stays: ["Push to stop the merger.", "ad blitz planned; vote today."] =>
            ["Push to stop the merger.", "ad blitz planned; vote today."];
        a_letter_for_a_bullet_stays: ["Refugees wait 18 months", "l No incident was ever traced to them."] =>
            ["Refugees wait 18 months", "l No incident was ever traced to them."];
        a_dash_list_after_a_heading_stays: ["SEE ALSO", "- Ferries: \"We stay\", says a minister"] => ["SEE ALSO", "- Ferries: \"We stay\", says a minister"];
        a_closing_mark_turned_to_open_stays: ["\"We will do well with the voters.\u{201c}", "He said it again."] =>
            ["\"We will do well with the voters.\"", "He said it again."];
    }

    #[test]
    fn spans_point_into_the_blocks_as_given() {
        let blocks = ["In addition, V", "ice", ", which quotes a driver, \u{201c}", "says", "\u{201d} it."];
        let text = read(&blocks, lexicon::get(Lang::En));
        assert_eq!(text.paragraphs.len(), 1);
        assert_eq!(text.norm, "In addition, Vice, which quotes a driver, \"says\" it.");
        // The word joined across the break maps to its two halves, each in its own block.
        let at = text.norm.find("Vice").unwrap();
        let parts: Vec<(usize, Span)> = text.parts(Span::new(at, at + 4)).collect();
        assert_eq!(parts, [(0, Span::new(13, 14)), (1, Span::new(0, 3))]);
        for (block, span) in text.parts(Span::new(0, text.norm.len())) {
            assert_eq!(span.text(blocks[block]), blocks[block].trim(), "block {block}");
        }
        let says = text.norm.find("says").unwrap();
        assert_eq!(text.block_span(Span::new(says, says + 4)), Some((3, Span::new(0, 4))));
    }

    #[test]
    fn a_span_ending_at_a_joint_stays_in_its_block_whatever_white_space_opens_the_next() {
        for next in [", the mayor said.", "   , the mayor said."] {
            let blocks = ["He met Teodor Halek", next];
            let text = read(&blocks, lexicon::get(Lang::En));
            assert_eq!(text.paragraphs.len(), 1);
            let at = text.norm.find("Teodor").unwrap();
            assert_eq!(text.block_span(Span::new(at, at + "Teodor Halek".len())), Some((0, Span::new(7, 19))), "{next:?}");
        }
    }

    #[test]
    fn nothing_is_rejoined_in_real_paragraphs() {
        let blocks = ["Harbour news", "The pier closed on Monday, officials said.", "\u{201c}It is safe,\u{201d} the mayor said.", "Talks resume today."];
        assert_eq!(joints(&Text::new(&blocks), lexicon::get(Lang::En)), None);
    }
}
