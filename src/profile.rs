//! The article's sourcing profile: who is quoted, how often, and what rests on nothing.

use serde::Serialize;

use crate::analysis::{Sentence, SourceKind};
use crate::verdict::Verdict;

/// How many sentences got each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub sentences: usize,
    pub named: usize,
    pub anonymous: usize,
    pub unattributed: usize,
    pub none: usize,
    pub hedged: usize,
}

/// One source and the sentences that rest on it (indices into `Analysis::sentences`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileSource {
    pub name: String,
    pub kind: SourceKind,
    pub sentences: Vec<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub summary: Summary,
    /// In order of first appearance.
    pub sources: Vec<ProfileSource>,
    /// The anonymous phrases used ("people familiar with the matter"), each once,
    /// with the sentences that use it.
    pub anonymous_phrases: Vec<ProfileSource>,
    pub unattributed: Vec<usize>,
    pub hedged: Vec<usize>,
}

pub fn build(blocks: &[&str], sentences: &[Sentence]) -> Profile {
    let mut profile = Profile::default();
    for (index, sentence) in sentences.iter().enumerate() {
        let summary = &mut profile.summary;
        summary.sentences += 1;
        match sentence.verdict {
            Verdict::Named => summary.named += 1,
            Verdict::Anonymous => summary.anonymous += 1,
            Verdict::Unattributed => {
                summary.unattributed += 1;
                profile.unattributed.push(index);
            }
            Verdict::None => summary.none += 1,
        }
        if sentence.hedged {
            summary.hedged += 1;
            profile.hedged.push(index);
        }
        let Some(source) = &sentence.source else { continue };
        let written = blocks.get(source.block).map(|b| source.span.text(b)).unwrap_or_default();
        let (list, name) = if source.kind.is_anonymous() {
            (&mut profile.anonymous_phrases, written.to_lowercase())
        } else {
            (&mut profile.sources, source.name.clone().unwrap_or_else(|| written.to_string()))
        };
        match list.iter_mut().find(|s| s.name == name) {
            Some(entry) => entry.sentences.push(index),
            None => list.push(ProfileSource { name, kind: source.kind, sentences: vec![index] }),
        }
    }
    profile
}
