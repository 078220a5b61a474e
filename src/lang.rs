//! Languages the core reads.

use serde::{Deserialize, Serialize};

pub mod fr;
pub mod rules;

/// A language with its own lexicons under `data/<code>/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// What the caller knows of the language: a language, or `auto` to let the core decide.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangHint {
    #[default]
    Auto,
    Is(Lang),
}

impl LangHint {
    /// Parses `auto` or a language code; `None` for a language the core does not read.
    pub fn parse(s: &str) -> Option<LangHint> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Some(LangHint::Auto),
            "en" | "en-us" | "en-gb" => Some(LangHint::Is(Lang::En)),
            "fr" | "fr-fr" | "fr-be" | "fr-ca" | "fr-ch" | "fr-lu" => Some(LangHint::Is(Lang::Fr)),
            _ => None,
        }
    }

    /// The language to read `blocks` in. English is the only one so far; French
    /// detection belongs here once its lexicons exist.
    pub fn resolve(self, _blocks: &[&str]) -> Lang {
        match self {
            LangHint::Is(lang) => lang,
            LangHint::Auto => Lang::En,
        }
    }
}
