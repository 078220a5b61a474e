//! The four verdicts a sentence can get.

use serde::{Deserialize, Serialize};

/// How one sentence is sourced. The serialised names (`named`, `anonymous`,
/// `unattributed`, `none`) are a stable contract: other tools score by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Attributed to an identifiable person, body, outlet or document.
    Named,
    /// Attributed to a source the reader cannot identify.
    Anonymous,
    /// A checkable claim with no attribution.
    Unattributed,
    /// Not a claim: headline, byline, boilerplate, a question.
    None,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Verdict::Named, Verdict::Anonymous, Verdict::Unattributed, Verdict::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Named => "named",
            Verdict::Anonymous => "anonymous",
            Verdict::Unattributed => "unattributed",
            Verdict::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }
}
