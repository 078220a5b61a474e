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
    raw_entries(data).map(str::to_lowercase).collect()
}

/// Every word of every entry: for lists whose lines hold several forms of a word.
pub fn words(data: &str) -> Vec<String> {
    entries(data).iter().flat_map(|line| line.split_whitespace().map(str::to_string)).collect()
}
