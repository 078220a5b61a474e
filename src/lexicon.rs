//! Word lists, kept as data files under `data/<lang>/` and compiled in.
//!
//! Format of every list: one entry per line; `#` starts a comment; blank lines are
//! ignored; entries are matched case-insensitively. A line may hold several forms
//! of one word separated by spaces when the list says so in its header.

use std::sync::LazyLock;

use crate::lang::Lang;

/// The parsed lists of one language.
pub struct Lexicon {
    /// Every inflected form of every reporting verb ("said", "says", "saying").
    pub reporting_verbs: Vec<String>,
    /// Phrases that name a source nobody can identify ("people familiar with").
    pub anonymous_phrases: Vec<String>,
}

static EN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    reporting_verbs: words(include_str!("../data/en/reporting_verbs.txt")),
    anonymous_phrases: entries(include_str!("../data/en/anonymous_phrases.txt")),
});

/// The lexicon of `lang`, parsed on first use.
pub fn get(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::En => &EN,
    }
}

/// The non-comment lines of a list, trimmed and lowercased.
pub fn entries(data: &str) -> Vec<String> {
    data.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every word of every entry: for lists whose lines hold several forms of a word.
pub fn words(data: &str) -> Vec<String> {
    entries(data).iter().flat_map(|line| line.split_whitespace().map(str::to_string)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        assert_eq!(entries("# header\n\nsaid  # past\n  Told \n"), ["said", "told"]);
    }

    #[test]
    fn english_lists_are_not_empty() {
        let en = get(Lang::En);
        assert!(en.reporting_verbs.iter().any(|w| w == "said"));
        assert!(en.anonymous_phrases.iter().any(|p| p == "people familiar with"));
    }
}
