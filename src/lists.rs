//! The format every word list of `data/<lang>/` shares, read line by line.
//!
//! `#` starts a comment, blank lines are ignored, each entry is trimmed. Each
//! list then gives its lines a meaning of its own (markers, classes, phrases):
//! that is for its reader, [`crate::lexicon`] or [`crate::boilerplate`].

/// The non-comment lines of a list, trimmed, case kept.
pub fn raw_entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

/// The non-comment lines of a list, trimmed and lowercased.
pub fn entries(data: &str) -> Vec<String> {
    raw_entries(data).map(crate::chars::to_lower).collect()
}

/// Every word of every entry: for lists whose lines hold several forms of a word.
pub fn words(data: &str) -> Vec<String> {
    entries(data).iter().flat_map(|line| line.split_whitespace().map(str::to_string)).collect()
}

/// The length of `raw` once [`strip_comments`] has run over it.
pub const fn stripped_len(raw: &str) -> usize {
    let mut out = [0u8; 0];
    strip_into(raw.as_bytes(), &mut out, false)
}

/// A list as it is read: each line cut at its `#` and trimmed of the spaces
/// after, empty lines dropped, each line ending in `\n`. Run at compile time
/// (`N` is [`stripped_len`]): the lists' comments explain them to their
/// readers, and were a fifth of the wasm's data.
pub const fn strip_comments<const N: usize>(raw: &str) -> [u8; N] {
    let mut out = [0u8; N];
    strip_into(raw.as_bytes(), &mut out, true);
    out
}

/// Writes the kept bytes of `raw` into `out` when `write`, and counts them.
const fn strip_into(raw: &[u8], out: &mut [u8], write: bool) -> usize {
    let mut len = 0;
    let mut at = 0;
    while at < raw.len() {
        // One line: from `at` to its newline.
        let mut end = at;
        while end < raw.len() && raw[end] != b'\n' {
            end += 1;
        }
        // Cut at the comment, then trim white space on both sides.
        let mut stop = at;
        while stop < end && raw[stop] != b'#' {
            stop += 1;
        }
        let mut first = at;
        while first < stop && (raw[first] == b' ' || raw[first] == b'\t' || raw[first] == b'\r') {
            first += 1;
        }
        while stop > first && (raw[stop - 1] == b' ' || raw[stop - 1] == b'\t' || raw[stop - 1] == b'\r') {
            stop -= 1;
        }
        if stop > first {
            let mut i = first;
            while i < stop {
                if write {
                    out[len] = raw[i];
                }
                len += 1;
                i += 1;
            }
            if write {
                out[len] = b'\n';
            }
            len += 1;
        }
        at = end + 1;
    }
    len
}

/// A list file of `data/` as [`raw_entries`] reads it, compiled in without its
/// comments (see [`strip_comments`]).
macro_rules! list_file {
    ($path:expr) => {{
        const RAW: &str = include_str!($path);
        const STRIPPED: [u8; $crate::lists::stripped_len(RAW)] = $crate::lists::strip_comments(RAW);
        // Cut at ASCII bytes only, so still UTF-8 (a test reads every list so);
        // the list as written is not kept, or the wasm would carry both.
        const TEXT: &str = match std::str::from_utf8(&STRIPPED) {
            Ok(text) => text,
            Err(_) => panic!("a list cut at ASCII bytes is still UTF-8"),
        };
        TEXT
    }};
}
pub(crate) use list_file;

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn comments_blank_lines_and_padding_are_stripped_and_entries_read_the_same() {
        const RAW: &str = "# header\n\n  said told  # past\n\tÉlu # accent\n#only\n   \nMr\n";
        const STRIPPED: [u8; stripped_len(RAW)] = strip_comments(RAW);
        let stripped = std::str::from_utf8(&STRIPPED).unwrap();
        assert_eq!(stripped, "said told\nÉlu\nMr\n");
        assert_eq!(raw_entries(stripped).collect::<Vec<_>>(), raw_entries(RAW).collect::<Vec<_>>());
        assert_eq!(stripped_len(""), 0);
    }

    #[test]
    fn every_list_of_the_data_reads_the_same_stripped() {
        for raw in [include_str!("../data/en/nonclaims.txt"), include_str!("../data/fr/grammar.txt"), include_str!("../data/fr/reporting_verbs.txt")] {
            let mut out = vec![0u8; stripped_len(raw)];
            strip_into(raw.as_bytes(), &mut out, true);
            let stripped = std::str::from_utf8(&out).unwrap();
            assert_eq!(raw_entries(stripped).collect::<Vec<_>>(), raw_entries(raw).collect::<Vec<_>>());
        }
    }
}
