//! The article as the tool analyses it: one text and the byte ranges of its blocks.
//!
//! Report offsets are byte offsets into [`Document::text`]. For plain text that is
//! the input itself, so `input[start..end]` is the sentence; for HTML it is the
//! extracted article text (blocks joined by blank lines), printed in the report.

use std::ops::Range;

use super::input::Format;

#[derive(Debug)]
pub struct Document {
    pub text: String,
    /// Non-empty, in order, not overlapping, on `char` boundaries of `text`.
    pub blocks: Vec<Range<usize>>,
    /// The page's title, for HTML input.
    pub title: Option<String>,
    /// The language the page declares (`<html lang>`), for HTML input: a hint
    /// for a text too short to tell, never more.
    pub declared_lang: Option<String>,
    pub format: Format,
}

impl Document {
    /// Plain text: a block is a run of non-blank lines (a paragraph); lines holding
    /// only white space separate blocks. Each block is trimmed of surrounding white
    /// space; a byte-order mark at the start is not part of the first block.
    pub fn from_text(text: String) -> Document {
        let mut blocks = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let range = at..at + line.len();
            at += line.len();
            if line.trim().is_empty() {
                blocks.extend(current.take());
            } else {
                current = Some(match current {
                    Some(open) => open.start..range.end,
                    None => range,
                });
            }
        }
        blocks.extend(current);
        let blocks = blocks.into_iter().filter_map(|range| trimmed(&text, range)).collect();
        Document { text, blocks, title: None, declared_lang: None, format: Format::Text }
    }

    /// Blocks already found (HTML extraction): joined with blank lines into one text.
    pub fn from_blocks(pieces: Vec<String>, title: Option<String>) -> Document {
        let mut text = String::new();
        let mut blocks = Vec::new();
        for piece in pieces {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            blocks.push(text.len()..text.len() + piece.len());
            text.push_str(piece);
        }
        Document { text, blocks, title, declared_lang: None, format: Format::Html }
    }

    /// The text of each block, in order.
    pub fn block_texts(&self) -> Vec<&str> {
        self.blocks.iter().map(|range| &self.text[range.clone()]).collect()
    }
}

/// `range` without white space (or a byte-order mark) at either end; `None` if nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let start = range.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = range.start + slice.trim_end_matches(is_space).len();
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(text: &str) -> Vec<String> {
        let document = Document::from_text(text.to_string());
        document.block_texts().into_iter().map(str::to_string).collect()
    }

    #[test]
    fn splits_paragraphs_on_blank_lines() {
        assert_eq!(blocks_of("One.\nStill one.\n\nTwo.\n \t\nThree."), ["One.\nStill one.", "Two.", "Three."]);
    }

    #[test]
    fn handles_crlf_indentation_and_a_byte_order_mark() {
        assert_eq!(blocks_of("\u{feff}  Head\r\n\r\n  Body text.\r\n"), ["Head", "Body text."]);
    }

    #[test]
    fn offsets_point_into_the_input() {
        let text = "\n\n  Alpha beta.\n\n\nGamma é.\n";
        let document = Document::from_text(text.to_string());
        for (range, expected) in document.blocks.iter().zip(["Alpha beta.", "Gamma é."]) {
            assert_eq!(&text[range.clone()], expected);
        }
    }

    #[test]
    fn joins_extracted_blocks_with_blank_lines() {
        let document = Document::from_blocks(vec![" Title ".into(), "".into(), "Body.".into()], None);
        assert_eq!(document.text, "Title\n\nBody.");
        assert_eq!(document.block_texts(), ["Title", "Body."]);
    }

    proptest::proptest! {
        /// Whatever the text, blocks are trimmed, non-empty, ordered slices on char
        /// boundaries, and no block holds a blank line.
        #[test]
        fn blocks_are_clean_slices_of_any_text(text in "(\\PC|[ \t\r\n\u{feff}]){0,200}") {
            let document = Document::from_text(text.clone());
            let mut previous_end = 0;
            for range in &document.blocks {
                proptest::prop_assert!(range.start >= previous_end && range.start < range.end);
                let block = text.get(range.clone()).expect("a slice on char boundaries");
                proptest::prop_assert_eq!(block, block.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'));
                proptest::prop_assert!(!block.lines().any(|line| line.trim().is_empty()));
                previous_end = range.end;
            }
        }
    }
}
