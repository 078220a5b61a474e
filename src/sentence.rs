//! A judged sentence and its parts: the source, the cue, the kind of source.
//!
//! These plain types are what every step after the cues shares: the judge
//! builds them, the profile counts them, the wasm boundary and the command-line
//! tool turn them into their views. Spans are byte offsets into their block.

use serde::Serialize;

use crate::span::Span;
use crate::verdict::Verdict;

/// What kind of source a sentence rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organisation,
    Outlet,
    Document,
    /// An anonymous person: "a source close to", "a senior official".
    Anonymous,
    /// A group that cannot be pinned down: "experts", "critics", "officials".
    VagueGroup,
    /// An unnamed or leaked document, or hearsay: "documents seen by", "reports".
    UnnamedDocument,
}

impl SourceKind {
    /// The serialised name ("vague_group"), for writers that do not go through serde.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organisation => "organisation",
            SourceKind::Outlet => "outlet",
            SourceKind::Document => "document",
            SourceKind::Anonymous => "anonymous",
            SourceKind::VagueGroup => "vague_group",
            SourceKind::UnnamedDocument => "unnamed_document",
        }
    }

    /// Whether a sentence resting on this kind of source is `anonymous`.
    pub fn is_anonymous(self) -> bool {
        matches!(self, SourceKind::Anonymous | SourceKind::VagueGroup | SourceKind::UnnamedDocument)
    }
}

/// The source of a sentence, as written in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The block the source is written in; it may be an earlier block than the
    /// sentence's own when the attribution carries over.
    pub block: usize,
    pub span: Span,
    pub kind: SourceKind,
    /// The named source a pronoun or role ("she", "the spokeswoman") resolves to,
    /// or the source's own name when it is named outright.
    pub name: Option<String>,
}

/// The words that mark the attribution: "said", "according to", ":" before a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub span: Span,
}

/// One sentence of one block, with its verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub block: usize,
    pub span: Span,
    pub verdict: Verdict,
    /// Marked as uncertain: reportedly, allegedly, is said to, may, seems.
    pub hedged: bool,
    /// Holds a direct quotation.
    pub quote: bool,
    pub source: Option<Source>,
    /// The cue in this sentence; `None` when the attribution carries over.
    pub cue: Option<Cue>,
    /// Why the verdict, in one plain sentence.
    pub reason: String,
    /// This entry continues the sentence of the entry before it in a later
    /// block: a sentence that a text dump broke over several blocks is
    /// reported as one entry per block, all with the same verdict.
    pub continues: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn source_kind_names_are_the_serialised_ones() {
        use SourceKind::*;
        for kind in [Person, Organisation, Outlet, Document, Anonymous, VagueGroup, UnnamedDocument] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
    }
}
