//! The corpus reader on arbitrary bytes: every line is read or rejected with its
//! line number, and every accepted sentence span slices its article's text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sourcelight::corpus;

fuzz_target!(|data: &[u8]| {
    match corpus::read(data) {
        Ok(articles) => {
            for article in &articles {
                for sentence in &article.sentences {
                    assert!(article.text.get(sentence.span.start..sentence.span.end).is_some(), "span off the text");
                }
            }
        }
        Err(error) => {
            let lines = data.split(|&b| b == b'\n').count();
            assert!(error.line() >= 1 && error.line() <= lines, "line {} of {lines}", error.line());
        }
    }
});
