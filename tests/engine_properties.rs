//! Properties of `analyse` on any input: it never panics, every span lies on
//! character boundaries inside its block and in reading order, and moving the
//! text (an empty block before it, white space before a block) moves the spans
//! and changes nothing else.

use proptest::prelude::*;
use sourcelight::{analyse, Analysis, Lang, LangHint, Span};

/// Text that looks enough like news to reach every rule: words, names,
/// reporting verbs, every kind of quotation mark, dashes, odd spaces, emoji.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("according to".to_string()),
        Just("Teodor Halek".to_string()),
        Just("officials".to_string()),
        Just("she".to_string()),
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\u{ab} ".to_string()),
        Just(" \u{bb}".to_string()),
        Just("''".to_string()),
        Just("'".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(" \u{2014} ".to_string()),
        Just("?".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("\u{ad}".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{1f600}".to_string()),
        Just("e\u{301}".to_string()),
        "[a-zA-Z]{1,8}",
        " ",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn blocks() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(prop_oneof![newsy(), "\\PC{0,40}"], 0..6)
}

fn check_spans(blocks: &[&str], analysis: &Analysis) -> Result<(), TestCaseError> {
    let on_text = |block: usize, span: Span| -> Result<(), TestCaseError> {
        let text = blocks.get(block).ok_or_else(|| TestCaseError::fail(format!("block {block} does not exist")))?;
        prop_assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside block {block}");
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a character");
        Ok(())
    };
    let mut previous = (0, 0);
    for sentence in &analysis.sentences {
        on_text(sentence.block, sentence.span)?;
        prop_assert!(!sentence.span.is_empty(), "empty sentence");
        prop_assert!((sentence.block, sentence.span.start) >= previous, "sentences out of order");
        previous = (sentence.block, sentence.span.end);
        if let Some(source) = &sentence.source {
            on_text(source.block, source.span)?;
        }
        if let Some(cue) = &sentence.cue {
            on_text(sentence.block, cue.span)?;
            prop_assert!(sentence.span.contains(cue.span), "cue outside its sentence");
        }
    }
    Ok(())
}

/// The engine's properties hold for any text it reads: the language is forced, so
/// that random text the detector would refuse is read all the same.
fn english(blocks: &[&str]) -> Analysis {
    analyse(blocks, LangHint::Is(Lang::En)).expect("a forced language is never refused")
}

proptest! {
    #[test]
    fn spans_are_inside_on_boundaries_and_ordered(blocks in blocks()) {
        let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let analysis = english(&refs);
        check_spans(&refs, &analysis)?;
        prop_assert_eq!(analysis.profile.summary.sentences, analysis.sentences.len());
    }

    #[test]
    fn an_empty_block_before_shifts_block_indices_only(blocks in blocks()) {
        let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let shifted: Vec<&str> = std::iter::once("").chain(refs.iter().copied()).collect();
        let before = english(&refs);
        let after = english(&shifted);
        prop_assert_eq!(before.sentences.len(), after.sentences.len());
        for (a, b) in before.sentences.iter().zip(&after.sentences) {
            prop_assert_eq!(a.block + 1, b.block);
            prop_assert_eq!(a.span, b.span);
            prop_assert_eq!(a.verdict, b.verdict);
            prop_assert_eq!(a.source.as_ref().map(|s| (s.block + 1, s.span)), b.source.as_ref().map(|s| (s.block, s.span)));
            prop_assert_eq!(a.cue, b.cue);
        }
    }

    #[test]
    fn white_space_before_a_block_shifts_its_spans(blocks in blocks(), which in 0usize..6, pad in " {1,4}") {
        prop_assume!(!blocks.is_empty());
        let which = which % blocks.len();
        let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let padded_block = format!("{pad}{}", blocks[which]);
        let mut padded = refs.clone();
        padded[which] = &padded_block;
        let before = english(&refs);
        let after = english(&padded);
        prop_assert_eq!(before.sentences.len(), after.sentences.len());
        let shift = |block: usize, span: Span| if block == which { span.shifted(pad.len()) } else { span };
        for (a, b) in before.sentences.iter().zip(&after.sentences) {
            prop_assert_eq!(a.block, b.block);
            prop_assert_eq!(shift(a.block, a.span), b.span);
            prop_assert_eq!(a.verdict, b.verdict);
            prop_assert_eq!(a.source.as_ref().map(|s| shift(s.block, s.span)), b.source.as_ref().map(|s| s.span));
            prop_assert_eq!(a.cue.map(|c| shift(a.block, c.span)), b.cue.map(|c| c.span));
        }
    }
}
