//! The core's entry point on arbitrary blocks: it must never panic, and every span it
//! returns must lie inside its block, on character boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sourcelight::{analyse, Lang, LangHint};

fuzz_target!(|blocks: Vec<String>| {
    let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
    // Detection must not panic either; the engine is then forced to read the blocks,
    // which detection would mostly refuse as another language.
    let _ = sourcelight::lang::detect::detect(&blocks);
    let analysis = analyse(&blocks, LangHint::Is(Lang::En)).expect("a forced language is read");
    let mut previous = (0, 0);
    for sentence in &analysis.sentences {
        let block = blocks[sentence.block];
        assert!(block.get(sentence.span.start..sentence.span.end).is_some(), "sentence span off the text");
        assert!((sentence.block, sentence.span.start) >= previous, "sentences out of order");
        previous = (sentence.block, sentence.span.start);
        if let Some(cue) = sentence.cue {
            assert!(block.get(cue.span.start..cue.span.end).is_some(), "cue span off the text");
        }
        if let Some(source) = &sentence.source {
            assert!(blocks[source.block].get(source.span.start..source.span.end).is_some(), "source span off the text");
        }
    }
    assert_eq!(analysis.profile.summary.sentences, analysis.sentences.len());
});
