//! Languages: the ones the core reads, the ones it can name, and how the
//! language of an article is decided.
//!
//! The article's own words decide ([`detect`]); what the page declares (its
//! `<html lang>`, a `content-language`) is only a hint, used when the text is
//! too short to tell, since many pages declare a language they are not
//! written in. An article in a language the core does not read is refused
//! ([`Unsupported`]) rather than read with rules that do not fit it: a wrong
//! highlight is worse than none.

pub mod detect;

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language the core reads: it has its own lexicons under `data/<code>/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
}

impl Lang {
    /// Every language the core reads.
    pub const ALL: [Lang; 1] = [Lang::En];

    /// The codes of [`Lang::ALL`] for messages: "en" or "en or fr".
    pub fn codes() -> String {
        either_of(Lang::ALL.map(Lang::code))
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }
}

/// A language as detection names it: one the core reads or another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    En,
    Fr,
    Es,
    De,
    It,
    Pt,
    Nl,
    /// None of the above: a text with too few of their function words.
    Other,
}

impl Language {
    /// The languages detection knows by their words, in the order of their bits
    /// in [`detect`]'s table.
    pub const NAMED: [Language; 7] =
        [Language::En, Language::Fr, Language::Es, Language::De, Language::It, Language::Pt, Language::Nl];

    /// The ISO 639-1 code, or `"und"` (undetermined, BCP 47) for [`Language::Other`].
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
            Language::De => "de",
            Language::It => "it",
            Language::Pt => "pt",
            Language::Nl => "nl",
            Language::Other => "und",
        }
    }

    /// The language's English name, for messages ("Spanish", "another language").
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "French",
            Language::Es => "Spanish",
            Language::De => "German",
            Language::It => "Italian",
            Language::Pt => "Portuguese",
            Language::Nl => "Dutch",
            Language::Other => "another language",
        }
    }

    /// The language the core reads it with, if it reads it.
    pub fn readable(self) -> Option<Lang> {
        match self {
            Language::En => Some(Lang::En),
            // French rules are not in yet: a French article is refused rather
            // than read with the English ones.
            _ => None,
        }
    }

    /// A declared language tag ("fr", "fr-CA", "EN_gb", "pt-BR"): its primary
    /// subtag, [`Language::Other`] for one detection does not know; `None`
    /// for an empty tag.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if primary.is_empty() {
            return None;
        }
        let known = Language::NAMED.into_iter().find(|language| language.code() == primary);
        Some(known.unwrap_or(Language::Other))
    }
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Language {
        match lang {
            Lang::En => Language::En,
        }
    }
}

/// What the caller knows of the language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangHint {
    /// Let the text decide; English when it is too short to tell.
    #[default]
    Auto,
    /// The page says it is in this language: the text still decides, the
    /// declaration only settles a text too short to tell.
    Declared(Language),
    /// Read in this language whatever the text looks like (`--lang fr`).
    Is(Lang),
}

impl LangHint {
    /// Parses `auto` or the code of a language the core reads; `None` for
    /// anything else (a language the core cannot be forced to read).
    pub fn parse(s: &str) -> Option<LangHint> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Some(LangHint::Auto),
            tag => match Language::from_tag(tag)?.readable() {
                Some(lang) if !tag.contains(char::is_whitespace) => Some(LangHint::Is(lang)),
                _ => None,
            },
        }
    }

    /// A page's declared language tag as a hint; [`LangHint::Auto`] when
    /// there is none.
    pub fn declared(tag: &str) -> LangHint {
        Language::from_tag(tag).map_or(LangHint::Auto, LangHint::Declared)
    }

    /// The language to read `blocks` in, or why they are not read.
    pub fn resolve(self, blocks: &[&str]) -> Result<Lang, Unsupported> {
        let fallback = match self {
            LangHint::Is(lang) => return Ok(lang),
            LangHint::Declared(declared) => declared,
            LangHint::Auto => Language::En,
        };
        let language = detect::detect(blocks).unwrap_or(fallback);
        language.readable().ok_or(Unsupported { language })
    }
}

/// An article in a language the core does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// The language it was found to be in.
    pub language: Language,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let article = match self.language {
            Language::Other => "the article is in a language sourcelight does not read".to_string(),
            language => format!("the article is in {} ({})", language.name(), language.code()),
        };
        let read = either_of(Lang::ALL.map(|lang| Language::from(lang).name())).replace(" or ", " and ");
        write!(f, "{article}; sourcelight reads {read}")
    }
}

/// "a", "a or b", "a, b or c".
fn either_of<const N: usize>(words: [&str; N]) -> String {
    match words.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl std::error::Error for Unsupported {}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn tags_name_their_primary_language() {
        assert_eq!(Language::from_tag("fr-CA"), Some(Language::Fr));
        assert_eq!(Language::from_tag("EN_gb"), Some(Language::En));
        assert_eq!(Language::from_tag(" pt-BR "), Some(Language::Pt));
        assert_eq!(Language::from_tag("ja"), Some(Language::Other));
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn only_languages_the_core_reads_can_be_forced() {
        assert_eq!(LangHint::parse("auto"), Some(LangHint::Auto));
        assert_eq!(LangHint::parse("EN"), Some(LangHint::Is(Lang::En)));
        assert_eq!(LangHint::parse("en-GB"), Some(LangHint::Is(Lang::En)));
        assert_eq!(LangHint::parse("es"), None);
        assert_eq!(LangHint::parse("english"), None);
        assert_eq!(LangHint::parse("en gb"), None);
    }

    #[test]
    fn a_forced_language_is_read_whatever_the_text() {
        let spanish = ["El ministro dijo que el gobierno no tiene planes para subir los impuestos este año, pero que la situación es muy difícil para las familias."];
        assert_eq!(LangHint::Is(Lang::En).resolve(&spanish), Ok(Lang::En));
        assert_eq!(LangHint::Auto.resolve(&spanish), Err(Unsupported { language: Language::Es }));
    }

    #[test]
    fn the_text_outweighs_the_declared_language() {
        let spanish = ["El ministro dijo que el gobierno no tiene planes para subir los impuestos este año, pero que la situación es muy difícil para las familias."];
        assert_eq!(LangHint::Declared(Language::En).resolve(&spanish), Err(Unsupported { language: Language::Es }));
    }

    #[test]
    fn a_text_too_short_to_tell_takes_the_declared_language_or_english() {
        assert_eq!(LangHint::Auto.resolve(&["Storm warning"]), Ok(Lang::En));
        assert_eq!(LangHint::Declared(Language::En).resolve(&["Storm warning"]), Ok(Lang::En));
        assert_eq!(LangHint::Declared(Language::De).resolve(&["Sturmwarnung"]), Err(Unsupported { language: Language::De }));
        assert_eq!(LangHint::declared("zh-Hans").resolve(&["台风"]), Err(Unsupported { language: Language::Other }));
    }

    #[test]
    fn the_refusal_names_the_language() {
        let message = Unsupported { language: Language::De }.to_string();
        assert!(message.starts_with("the article is in German (de); sourcelight reads English"), "{message}");
        assert!(Unsupported { language: Language::Other }.to_string().contains("a language sourcelight does not read"));
    }
}
