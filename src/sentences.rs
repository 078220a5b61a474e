//! Sentence splitting.

use regex::Regex;
use std::sync::LazyLock;

use crate::span::Span;

/// A sentence ends at `.`, `!` or `?`, with any closing quotes or brackets, before
/// white space. Abbreviations are not yet known (the engine issue brings them).
static END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]+["'”’»)\]]*\s+"#).expect("sentence end pattern"));

/// Splits one block into sentence spans, trimmed of surrounding white space.
pub fn split(block: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for end in END.find_iter(block) {
        push_trimmed(block, start, end.end(), &mut spans);
        start = end.end();
    }
    push_trimmed(block, start, block.len(), &mut spans);
    spans
}

fn push_trimmed(block: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let text = &block[start..end];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead + trail < text.len() {
        spans.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(block: &str) -> Vec<&str> {
        split(block).into_iter().map(|s| s.text(block)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(texts("One fact. Another? Yes!"), ["One fact.", "Another?", "Yes!"]);
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(texts("\u{201c}It works.\u{201d} She left."), ["\u{201c}It works.\u{201d}", "She left."]);
    }

    #[test]
    fn blank_block_has_no_sentence() {
        assert!(split("  \n ").is_empty());
    }
}
