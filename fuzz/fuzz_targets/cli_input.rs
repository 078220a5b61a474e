//! The command-line tool's readers on arbitrary bytes: the input checks (UTF-8,
//! binary, size), plain-text paragraphs, HTML article extraction, the analysis and
//! all three reports. A refusal is an answer; a panic, a bad offset, a script in the
//! HTML report or a corpus reader crash is a bug.
//!
//! The CLI is a binary, not part of the library, so its module is included by path.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/cli/mod.rs"]
mod cli;

fuzz_target!(|data: &[u8]| {
    cli::fuzz_scan(data);
    // The corpus reader takes the same bytes as a JSONL corpus.
    if let Ok(articles) = sourcelight::corpus::read(data) {
        let _ = sourcelight::eval::evaluate(&articles);
    }
});
