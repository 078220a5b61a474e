//! `sourcelight scan` whole, on arbitrary bytes: the input checks and decoding,
//! plain-text paragraphs, HTML article extraction (Readability), the analysis and
//! all three reports; and `eval` on the same bytes as a corpus. A refusal is an
//! answer; a panic, a bad offset, a script in the HTML report is a bug.
//!
//! Slow (Readability and the analysis cost milliseconds per input): the readers
//! alone are fuzzed much faster by `cli_input`.
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
