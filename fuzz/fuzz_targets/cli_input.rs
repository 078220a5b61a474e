//! The command-line tool's input readers on arbitrary bytes, fast enough for tens of
//! millions of runs: size, binary and UTF-8 checks, charset sniffing and decoding of
//! pages, text-or-HTML detection, plain-text paragraphs, and a page's nesting depth
//! and block elements. A refusal (one sentence) is an answer; a panic, a block off
//! its text or untrimmed, or plain text changed by reading is a bug.
//!
//! Article extraction (Readability), the analysis and the reports are fuzzed by
//! `cli_scan`, which is a hundred times slower.
//!
//! The CLI is a binary, not part of the library, so its module is included by path.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/cli/mod.rs"]
mod cli;

fuzz_target!(|data: &[u8]| cli::fuzz_read(data));
