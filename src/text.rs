//! The text model: an article's blocks as one normalised text, with a way back.
//!
//! The engine reads the article as one string, `norm`: the blocks joined by a
//! blank line, with typography folded so that one pattern fits every way of
//! writing a thing: curly and angled quotation marks become `"` or `'`,
//! no-break and thin spaces become plain spaces, soft hyphens and zero-width
//! characters disappear, and the dashes (en, em, horizontal bar) become one em
//! dash. `lower` is `norm` in ASCII lower case: the same bytes at the same
//! offsets, so a match in one is a match in the other.
//!
//! Spans handed out by the core point into the blocks as given, never into
//! `norm`: [`Text::parts`] maps a span of `norm` back to one span per block it
//! touches. Most of `norm` is the blocks' text copied as it is, so the map
//! records only where `norm` and the blocks stop running in step (a folded
//! mark, a dropped soft hyphen, a block separator): a lookup is a binary
//! search over those places. A map with one offset per byte of `norm` cost
//! eight bytes per byte of text, written and paged in on every call.
//!
//! Blocks are usually paragraphs, but a text dump may have broken a sentence
//! over several of them ([`crate::rejoin`] decides where): such blocks are
//! joined in `norm` by a space or by nothing instead of a paragraph break, and
//! the runs of blocks so joined are the text's [`Text::paragraphs`], the units
//! the splitter and the quotation pairing read.

use std::cell::Cell;

use crate::span::Span;

/// Which quotation marks a written mark belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
}

/// What the glyph itself says about a mark's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    /// “ « „ ‘ ‚ ‹: opens (but “ closes a „ in German use).
    Open,
    /// ” » ’ ›: closes.
    Close,
    /// " ': only the context tells.
    Straight,
    /// „ or ‚: opens, and is closed by “ or ‘ (German and Polish use).
    Low,
}

/// A quotation mark as written, at its place in `norm` (always one byte there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub at: usize,
    pub family: Family,
    pub glyph: Glyph,
}

/// The article as one normalised text.
pub struct Text<'a> {
    pub blocks: &'a [&'a str],
    pub norm: String,
    pub lower: String,
    /// Where a stretch of `norm` that runs in step with the concatenation of
    /// the original blocks (no separators) starts: `(offset in norm, offset in
    /// the concatenation)`, in order. Inside a stretch both advance together.
    steps: Vec<(usize, usize)>,
    /// The last answers of the searches in `steps`, `block_starts` and
    /// `block_spans` (see [`last_at_or_before`]).
    step_hint: Cell<usize>,
    start_hint: Cell<usize>,
    span_hint: Cell<usize>,
    paragraph_hint: Cell<usize>,
    /// Where each block starts in that concatenation, plus the total length.
    block_starts: Vec<usize>,
    /// Each block's text in `norm` (without the separators).
    pub block_spans: Vec<Span>,
    /// The paragraphs: runs of blocks joined inside a sentence, as spans of
    /// `norm`, one per block when nothing was rejoined.
    pub paragraphs: Vec<Span>,
    /// Every quotation mark and apostrophe-like mark, in order.
    pub marks: Vec<Mark>,
}

/// The ASCII characters [`fold`] changes, or that pair up (`''`, ``).
const fn needs_care(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`' | b'\t' | b'\r')
}

/// Bytes copied to `norm` as they are without a closer look: ASCII other
/// than the characters that need care.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !needs_care(b as u8);
        b += 1;
    }
    table
};

/// What a character becomes in `norm`.
fn fold(c: char) -> Option<Folded> {
    Some(match c {
        '"' | '\u{ff02}' => Folded::Mark(Family::Double, Glyph::Straight),
        '\u{201c}' | '\u{ab}' | '\u{201f}' | '\u{301d}' => Folded::Mark(Family::Double, Glyph::Open),
        '\u{201d}' | '\u{bb}' | '\u{301e}' => Folded::Mark(Family::Double, Glyph::Close),
        '\u{201e}' => Folded::Mark(Family::Double, Glyph::Low),
        '\'' => Folded::Mark(Family::Single, Glyph::Straight),
        '\u{2018}' | '\u{2039}' | '\u{201b}' => Folded::Mark(Family::Single, Glyph::Open),
        '\u{2019}' | '\u{203a}' => Folded::Mark(Family::Single, Glyph::Close),
        '\u{201a}' => Folded::Mark(Family::Single, Glyph::Low),
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' | '\r' => {
            Folded::Str(" ")
        }
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Folded::Str(""),
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}' => Folded::Str("\u{2014}"),
        '\u{2010}' | '\u{2011}' => Folded::Str("-"),
        '\u{2026}' => Folded::Str("\u{2026}"),
        _ => return None,
    })
}

enum Folded {
    Mark(Family, Glyph),
    Str(&'static str),
}

/// Blocks are joined by this in `norm`: a paragraph break the splitter sees.
pub const SEPARATOR: &str = "\n\n";

/// How a block is joined to the block before it in `norm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joint {
    /// A paragraph break ([`SEPARATOR`]): the blocks are paragraphs of their own.
    Paragraph,
    /// One space: the break fell inside a sentence ("According to" / "Vice").
    Space,
    /// Nothing: the break cut a word or a mark off its neighbour ("V" / "ice",
    /// "Christmas" / "”.").
    Touching,
}

impl Joint {
    fn separator(self) -> &'static str {
        match self {
            Joint::Paragraph => SEPARATOR,
            Joint::Space => " ",
            Joint::Touching => "",
        }
    }
}

impl<'a> Text<'a> {
    /// The blocks as paragraphs of their own.
    pub fn new(blocks: &'a [&'a str]) -> Text<'a> {
        Text::joined(blocks, &[])
    }

    /// The blocks joined as `joints` say: `joints[i]` joins block `i` to the
    /// block before it (`joints[0]` is not read); a block past the end of
    /// `joints` opens a paragraph.
    pub fn joined(blocks: &'a [&'a str], joints: &[Joint]) -> Text<'a> {
        let total: usize = blocks.iter().map(|b| b.len()).sum();
        let mut norm = String::with_capacity(total + blocks.len() * SEPARATOR.len());
        let mut steps = Steps(Vec::new());
        let mut block_starts = Vec::with_capacity(blocks.len() + 1);
        let mut block_spans = Vec::with_capacity(blocks.len());
        let mut paragraphs: Vec<Span> = Vec::with_capacity(blocks.len());
        let mut marks = Vec::new();
        let mut global = 0;
        for (index, block) in blocks.iter().enumerate() {
            let joint = joints.get(index).copied().unwrap_or(Joint::Paragraph);
            if index > 0 {
                // Every byte of the separator stands for the place between the blocks.
                for byte in joint.separator().bytes() {
                    steps.at(norm.len(), global);
                    norm.push(char::from(byte));
                }
            }
            block_starts.push(global);
            let norm_start = norm.len();
            // Joined inside a sentence, a block's white space at the joint is
            // dropped, so that the joint reads the same however it was padded.
            let whole = *block;
            let lo = if index > 0 && joint != Joint::Paragraph { whole.len() - whole.trim_start().len() } else { 0 };
            let joins_next = index + 1 < blocks.len() && joints.get(index + 1).is_some_and(|&j| j != Joint::Paragraph);
            let hi = if joins_next { lo.max(whole.trim_end().len()) } else { whole.len() };
            let block = &whole[lo..hi];
            let base = global + lo;
            let bytes = block.as_bytes();
            // `block[copied..at]` is still to be copied to `norm` as it is.
            let mut copied = 0;
            let mut at = 0;
            while at < bytes.len() {
                // Most of a text is plain ASCII that stays as it is: skip over such a run.
                if PLAIN[bytes[at] as usize] {
                    at += 1;
                    continue;
                }
                let Some(c) = block[at..].chars().next() else { break };
                let len = c.len_utf8();
                // Two single marks, or two backticks, written for a double one ('' or ``).
                let doubled = (c == '\'' || c == '`') && bytes.get(at + 1) == Some(&bytes[at]);
                let folded = if doubled {
                    let glyph = if c == '`' { Glyph::Open } else { Glyph::Straight };
                    Some((Folded::Mark(Family::Double, glyph), 2))
                } else {
                    fold(c).map(|f| (f, len))
                };
                let Some((folded, width)) = folded else {
                    // Kept as it is, inside the run being copied.
                    at += len;
                    continue;
                };
                if copied < at {
                    steps.at(norm.len(), base + copied);
                    norm.push_str(&block[copied..at]);
                }
                steps.at(norm.len(), base + at);
                match folded {
                    Folded::Mark(family, glyph) => {
                        marks.push(Mark { at: norm.len(), family, glyph });
                        norm.push(if family == Family::Double { '"' } else { '\'' });
                    }
                    Folded::Str(s) => norm.push_str(s),
                }
                at += width;
                copied = at;
            }
            if copied < bytes.len() {
                steps.at(norm.len(), base + copied);
                norm.push_str(&block[copied..]);
            }
            block_spans.push(Span::new(norm_start, norm.len()));
            match paragraphs.last_mut() {
                Some(paragraph) if joint != Joint::Paragraph => paragraph.end = norm.len(),
                _ => paragraphs.push(Span::new(norm_start, norm.len())),
            }
            global += whole.len();
        }
        block_starts.push(global);
        let lower = lower_case(&norm);
        Text {
            blocks,
            norm,
            lower,
            steps: steps.0,
            step_hint: Cell::new(0),
            start_hint: Cell::new(0),
            span_hint: Cell::new(0),
            paragraph_hint: Cell::new(0),
            block_starts,
            block_spans,
            paragraphs,
            marks,
        }
    }

    /// The offset in the concatenation of the original blocks that `norm`
    /// offset `at` came from; every byte of a character maps to where the
    /// character starts, and the end of `norm` to the end of the blocks.
    fn orig(&self, at: usize) -> usize {
        let mut at = at.min(self.norm.len());
        if at == self.norm.len() {
            return self.block_starts.last().copied().unwrap_or(0);
        }
        while !self.norm.is_char_boundary(at) {
            at -= 1;
        }
        let step = last_at_or_before(&self.steps, &self.step_hint, |&(n, _)| n <= at);
        self.steps.get(step).map_or(at, |&(n, o)| o + (at - n))
    }

    /// The block that holds `norm` offset `at` (the next block for a separator).
    pub fn block_of(&self, at: usize) -> usize {
        // The first block that ends at or after `at`: the one after the last that ends before it.
        let before = last_at_or_before(&self.block_spans, &self.span_hint, |span| span.end < at);
        let first = if self.block_spans.first().is_some_and(|span| span.end < at) { before + 1 } else { 0 };
        first.min(self.block_spans.len().saturating_sub(1))
    }

    /// The paragraph that holds `norm` offset `at` (the next one for a separator).
    pub fn paragraph_of(&self, at: usize) -> usize {
        let before = last_at_or_before(&self.paragraphs, &self.paragraph_hint, |span| span.end < at);
        let first = if self.paragraphs.first().is_some_and(|span| span.end < at) { before + 1 } else { 0 };
        first.min(self.paragraphs.len().saturating_sub(1))
    }

    /// A span of `norm` as one span per block it covers, in the original
    /// blocks' byte offsets, each trimmed of white space; empty parts dropped.
    /// An iterator rather than a vector: it is asked for every sentence, and
    /// nearly every sentence is one part.
    pub fn parts(&self, span: Span) -> impl Iterator<Item = (usize, Span)> + '_ {
        let (start, end) = (self.orig(span.start), self.orig(span.end));
        let first = last_at_or_before(&self.block_starts, &self.start_hint, |&s| s <= start);
        (first..self.blocks.len())
            .take_while(move |&block| {
                let b_start = self.block_starts[block];
                !(b_start >= end && !(b_start == end && b_start == start))
            })
            .filter_map(move |block| {
                let (b_start, b_end) = (self.block_starts[block], self.block_starts[block + 1]);
                let (lo, hi) = (start.max(b_start) - b_start, end.min(b_end) - b_start);
                if lo >= hi {
                    return None;
                }
                Some((block, trim(self.blocks[block], lo, hi)?))
            })
    }

    /// A span of `norm` inside one block, as a span of that block (untrimmed).
    /// `None` when the span crosses a block break.
    pub fn block_span(&self, span: Span) -> Option<(usize, Span)> {
        let (start, end) = (self.orig(span.start), self.orig(span.end));
        let block = last_at_or_before(&self.block_starts, &self.start_hint, |&s| s <= start).min(self.blocks.len().checked_sub(1)?);
        let b_start = self.block_starts[block];
        let b_end = self.block_starts[block + 1];
        // A span that ends where a block was joined to the next one inside a
        // sentence: its end maps past the white space the joint dropped at the
        // start of the next block, and belongs to the end of this block's text.
        let dropped = |end: usize| self.blocks.get(block + 1).and_then(|next| next.get(..end - b_end)).is_some_and(|lead| lead.trim_start().is_empty());
        let end = if end > b_end && dropped(end) { (b_start + self.blocks[block].trim_end().len()).max(start) } else { end };
        if end > b_end || end < start {
            return None;
        }
        Some((block, Span::new(start - b_start, end - b_start)))
    }
}

/// `norm` in lower case, byte for byte at the same offsets: ASCII letters,
/// and the capitals of Latin-1 and Œ, whose lower-case letters are as long
/// (É is C3 89, é C3 A9). French capitalises accented words that the lists
/// hold in lower case: "À lire aussi", "État", "Élysée".
fn lower_case(norm: &str) -> String {
    let mut bytes = norm.as_bytes().to_ascii_lowercase();
    let mut i = 1;
    while i < bytes.len() {
        // Eight ASCII bytes at a time, most of an English text, are stepped over.
        if let Some(word) = bytes.get(i..i + 8) {
            if u64::from_le_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        match (bytes[i - 1], bytes[i]) {
            // À to Þ, but not × (C3 97).
            (0xc3, b @ 0x80..=0x9e) if b != 0x97 => bytes[i] = b + 0x20,
            (0xc5, 0x92) => bytes[i] = 0x93,
            _ => {}
        }
        i += 1;
    }
    // Only continuation bytes changed, to other continuation bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| norm.to_ascii_lowercase())
}

/// The index of the last item of `list` for which `before` holds (0 if
/// none does), `before` holding for a first stretch of `list` only. The
/// rules ask about places near the last one asked about, so `hint` keeps
/// the last answer and it, or the next item, is tried before a binary search:
/// searching the whole list each time cost cache misses on long articles.
fn last_at_or_before<T>(list: &[T], hint: &Cell<usize>, before: impl Fn(&T) -> bool) -> usize {
    let is_last = |i: usize| list.get(i).is_some_and(&before) && !list.get(i + 1).is_some_and(&before);
    let h = hint.get();
    let found = if is_last(h) {
        h
    } else if is_last(h + 1) {
        h + 1
    } else {
        list.partition_point(&before).saturating_sub(1)
    };
    hint.set(found);
    found
}

/// The places where `norm` and the original blocks stop running in step.
struct Steps(Vec<(usize, usize)>);

impl Steps {
    /// `norm` offset `norm_at` came from `orig_at`: a new stretch unless the
    /// current one already says so. A stretch that `norm` left empty (a
    /// dropped character) gives way to the one after it.
    fn at(&mut self, norm_at: usize, orig_at: usize) {
        if let Some(&(n, o)) = self.0.last() {
            if o + (norm_at - n) == orig_at {
                return;
            }
            if n == norm_at {
                self.0.pop();
            }
        }
        self.0.push((norm_at, orig_at));
    }
}

/// `lo..hi` of `block` without its surrounding white space, if anything is left.
fn trim(block: &str, lo: usize, hi: usize) -> Option<Span> {
    let text = block.get(lo..hi)?;
    let lead = text.len() - text.trim_start().len();
    let kept = text.trim();
    (!kept.is_empty()).then(|| Span::new(lo + lead, lo + lead + kept.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn curly_quotes_fold_to_straight_ones_and_are_recorded() {
        let blocks = ["\u{201c}Yes,\u{201d} she said. \u{ab}Oui\u{bb}"];
        let text = Text::new(&blocks);
        assert_eq!(text.norm, "\"Yes,\" she said. \"Oui\"");
        let glyphs: Vec<Glyph> = text.marks.iter().map(|m| m.glyph).collect();
        assert_eq!(glyphs, [Glyph::Open, Glyph::Close, Glyph::Open, Glyph::Close]);
    }

    #[test]
    fn doubled_single_marks_are_one_double_mark() {
        let blocks = ["''Yes,'' he said. ``Fine''"];
        let text = Text::new(&blocks);
        assert_eq!(text.norm, "\"Yes,\" he said. \"Fine\"");
        assert_eq!(text.marks.len(), 4);
        let whole = Span::new(0, text.norm.len());
        assert_eq!(text.parts(whole).collect::<Vec<_>>(), [(0, Span::new(0, blocks[0].len()))]);
    }

    #[test]
    fn soft_hyphens_vanish_and_odd_spaces_become_plain() {
        let blocks = ["sa\u{ad}id\u{a0}the\u{2009}man"];
        let text = Text::new(&blocks);
        assert_eq!(text.norm, "said the man");
    }

    #[test]
    fn dashes_fold_to_one_em_dash() {
        let blocks = ["a \u{2013} b \u{2015} c"];
        assert_eq!(Text::new(&blocks).norm, "a \u{2014} b \u{2014} c");
    }

    #[test]
    fn lower_keeps_offsets() {
        let blocks = ["\u{c9}mile SAID"];
        let text = Text::new(&blocks);
        assert_eq!(text.lower.len(), text.norm.len());
        assert!(text.lower.ends_with("said"));
    }

    #[test]
    fn lower_folds_accented_capitals_at_the_same_offsets() {
        let blocks = ["\u{c0} LIRE AUSSI : \u{c9}tat, \u{152}uvre, \u{d7} \u{df} \u{178}"];
        let text = Text::new(&blocks);
        assert_eq!(text.lower, "\u{e0} lire aussi : \u{e9}tat, \u{153}uvre, \u{d7} \u{df} \u{178}");
        assert_eq!(text.lower.len(), text.norm.len());
    }

    #[test]
    fn parts_map_back_to_original_offsets() {
        let blocks = ["\u{201c}Oui\u{201d} dit-il.", "Next."];
        let text = Text::new(&blocks);
        let all = Span::new(0, text.norm.len());
        assert_eq!(text.parts(all).collect::<Vec<_>>(), [(0, Span::new(0, blocks[0].len())), (1, Span::new(0, 5))]);
    }

    #[test]
    fn parts_of_a_span_inside_one_block() {
        let blocks = ["One. Two\u{ad}three.", "x"];
        let text = Text::new(&blocks);
        let at = text.norm.find("Two").unwrap();
        let end = text.norm.find("three.").unwrap() + 6;
        assert_eq!(text.parts(Span::new(at, end)).collect::<Vec<_>>(), [(0, Span::new(5, blocks[0].len()))]);
    }

    #[test]
    fn empty_blocks_and_empty_text_have_no_parts() {
        let blocks = ["", "  ", ""];
        let text = Text::new(&blocks);
        assert!(text.parts(Span::new(0, text.norm.len())).next().is_none());
        let none: [&str; 0] = [];
        let text = Text::new(&none);
        assert_eq!(text.norm, "");
        assert!(text.parts(Span::new(0, 0)).next().is_none());
    }

    /// The map as it was first written: one original offset per byte of
    /// `norm`, every byte of a character or of a fold mapping to where it came from.
    fn per_byte_map(blocks: &[&str]) -> Vec<usize> {
        per_byte_map_joined(blocks, &[])
    }

    /// The same for blocks joined by `joints`: the separator's bytes map to
    /// where the next block starts, and white space at a joint is dropped.
    fn per_byte_map_joined(blocks: &[&str], joints: &[Joint]) -> Vec<usize> {
        let joint = |i: usize| joints.get(i).copied().unwrap_or(Joint::Paragraph);
        let mut orig = Vec::new();
        let mut global = 0;
        for (index, whole) in blocks.iter().enumerate() {
            if index > 0 {
                orig.extend(std::iter::repeat_n(global, joint(index).separator().len()));
            }
            let lo = if index > 0 && joint(index) != Joint::Paragraph { whole.len() - whole.trim_start().len() } else { 0 };
            let hi = if index + 1 < blocks.len() && joint(index + 1) != Joint::Paragraph { lo.max(whole.trim_end().len()) } else { whole.len() };
            let block = &whole[lo..hi];
            let mut chars = block.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                let from = global + lo + at;
                if (c == '\'' || c == '`') && chars.peek().is_some_and(|&(_, n)| n == c) {
                    chars.next();
                    orig.push(from);
                    continue;
                }
                let len = match fold(c) {
                    Some(Folded::Mark(..)) => 1,
                    Some(Folded::Str(s)) => s.len(),
                    None => c.len_utf8(),
                };
                orig.extend(std::iter::repeat_n(from, len));
            }
            global += whole.len();
        }
        orig.push(global);
        orig
    }

    #[test]
    fn the_map_back_holds_at_every_byte_of_a_mixed_text() {
        let blocks = ["\u{201c}Caf\u{e9}\u{201d} \u{2013} it''s\u{ad}", "", "\u{a0}``x\u{200b}y\u{2026}", "\u{ad}"];
        let text = Text::new(&blocks);
        let expected = per_byte_map(&blocks);
        assert_eq!(expected.len(), text.norm.len() + 1);
        for (at, &want) in expected.iter().enumerate() {
            assert_eq!(text.orig(at), want, "norm offset {at} of {:?}", text.norm);
        }
    }

    // proptest needs a clock and OS randomness, which wasm32-unknown-unknown lacks.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The map back to the blocks agrees with a map of every byte, for
        /// texts made of the characters that fold, vanish or stay.
        #[test]
        fn the_map_back_agrees_with_a_map_of_every_byte(
            blocks in proptest::collection::vec("[a \"'`\t\r\n\u{a0}\u{ad}\u{e9}\u{201c}\u{201d}\u{2013}\u{2019}\u{200b}\u{2026}\u{feff}\u{1f600}]{0,12}", 0..5)
        ) {
            let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
            let text = Text::new(&blocks);
            let expected = per_byte_map(&blocks);
            proptest::prop_assert_eq!(expected.len(), text.norm.len() + 1);
            // In order, backwards and leaping, since a look-up starts from the last one.
            let n = expected.len();
            let leaping = (0..n).map(|i| (i * 7919) % n);
            for at in (0..n).chain((0..n).rev()).chain(leaping) {
                proptest::prop_assert_eq!(text.orig(at), expected[at], "norm offset {} of {:?}", at, text.norm);
                let block = text.block_spans.partition_point(|span| span.end < at).min(text.block_spans.len().saturating_sub(1));
                proptest::prop_assert_eq!(text.block_of(at), block);
            }
        }
    }

    // proptest needs a clock and OS randomness, which wasm32-unknown-unknown lacks.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Blocks joined inside a sentence still map back byte by byte into
        /// the blocks as given, and every part of the whole text lies in its
        /// block, on character boundaries.
        #[test]
        fn joined_blocks_map_back_into_the_blocks_as_given(
            blocks in proptest::collection::vec("[a \"'`\t\r\n\u{a0}\u{ad}\u{e9}\u{201c}\u{201d}\u{2013}\u{2019}\u{200b}\u{2026}\u{feff}\u{1f600}]{0,12}", 0..5),
            kinds in proptest::collection::vec(0u8..3, 0..5)
        ) {
            let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
            let joints: Vec<Joint> = kinds.iter().map(|k| [Joint::Paragraph, Joint::Space, Joint::Touching][usize::from(*k)]).collect();
            let text = Text::joined(&blocks, &joints);
            let expected = per_byte_map_joined(&blocks, &joints);
            proptest::prop_assert_eq!(expected.len(), text.norm.len() + 1);
            for (at, &want) in expected.iter().enumerate() {
                proptest::prop_assert_eq!(text.orig(at), want, "norm offset {} of {:?}", at, text.norm);
            }
            let breaks = (1..blocks.len()).filter(|&i| joints.get(i).is_none_or(|&j| j == Joint::Paragraph)).count();
            proptest::prop_assert_eq!(text.paragraphs.len(), if blocks.is_empty() { 0 } else { breaks + 1 });
            for (block, span) in text.parts(Span::new(0, text.norm.len())) {
                let within = blocks[block].get(span.start..span.end);
                proptest::prop_assert!(within.is_some_and(|t| blocks[block].trim().contains(t)), "{:?} in block {}", span, block);
            }
        }
    }

    #[test]
    fn block_of_finds_the_block() {
        let blocks = ["ab", "cd"];
        let text = Text::new(&blocks);
        assert_eq!(text.block_of(0), 0);
        assert_eq!(text.block_of(text.norm.find('d').unwrap()), 1);
    }
}
