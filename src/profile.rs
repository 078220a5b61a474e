//! The article's sourcing profile: who is quoted, how often, and what rests on nothing.

use std::borrow::Cow;

use serde::Serialize;

use crate::sentence::{Sentence, SourceKind};
use crate::tokens::PageMap;
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
    // Where each name is in its list: looking it up by a scan of the list made long
    // articles with many sources quadratic. Names come from the page (`PageMap`). The keys borrow the sentences' and
    // the blocks' text where they can: a name is copied once, into its entry, when new.
    let mut named: PageMap<&str, usize> = PageMap::default();
    let mut anonymous: PageMap<Cow<str>, usize> = PageMap::default();
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
        let (list, at) = if source.kind.is_anonymous() {
            // Copied in lower case only when that changes it: plain ASCII without a
            // capital, as most anonymous phrases are, is its own lower case.
            let unchanged = written.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            let phrase = if unchanged { Cow::Borrowed(written) } else { Cow::Owned(crate::chars::to_lower(written)) };
            let next = profile.anonymous_phrases.len();
            (&mut profile.anonymous_phrases, *anonymous.entry(phrase).or_insert(next))
        } else {
            let next = profile.sources.len();
            (&mut profile.sources, *named.entry(source.name.as_deref().unwrap_or(written)).or_insert(next))
        };
        match list.get_mut(at) {
            Some(entry) => entry.sentences.push(index),
            None => {
                let name = if source.kind.is_anonymous() { crate::chars::to_lower(written) } else { source.name.clone().unwrap_or_else(|| written.to_string()) };
                list.push(ProfileSource { name, kind: source.kind, sentences: vec![index] });
            }
        }
    }
    profile
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentence::Source;
    use crate::span::Span;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn sentence(verdict: Verdict, source: Option<(&str, SourceKind, Option<&str>)>, block: &str) -> Sentence {
        Sentence {
            block: 0,
            span: Span::new(0, 1),
            verdict,
            hedged: false,
            quote: false,
            source: source.map(|(written, kind, name)| {
                let start = block.find(written).unwrap();
                Source { block: 0, span: Span::new(start, start + written.len()), kind, name: name.map(str::to_string) }
            }),
            cue: None,
            reason: String::new(),
            continues: false,
        }
    }

    #[test]
    fn sources_gather_their_sentences_in_order_of_first_appearance() {
        let block = "Ana Ruiz said it; she said so; Two Officials said; the port said; two officials said";
        let sentences = [
            sentence(Verdict::Named, Some(("Ana Ruiz", SourceKind::Person, Some("Ana Ruiz"))), block),
            sentence(Verdict::Anonymous, Some(("Two Officials", SourceKind::VagueGroup, None)), block),
            sentence(Verdict::Unattributed, None, block),
            sentence(Verdict::Named, Some(("the port", SourceKind::Organisation, None)), block),
            sentence(Verdict::Named, Some(("she", SourceKind::Person, Some("Ana Ruiz"))), block),
            sentence(Verdict::Anonymous, Some(("two officials", SourceKind::VagueGroup, None)), block),
        ];
        let profile = build(&[block], &sentences);
        let sources: Vec<(&str, &[usize])> = profile.sources.iter().map(|s| (s.name.as_str(), &s.sentences[..])).collect();
        assert_eq!(sources, [("Ana Ruiz", &[0, 4][..]), ("the port", &[3][..])]);
        let phrases: Vec<(&str, &[usize])> = profile.anonymous_phrases.iter().map(|s| (s.name.as_str(), &s.sentences[..])).collect();
        assert_eq!(phrases, [("two officials", &[1, 5][..])]);
        assert_eq!(profile.unattributed, [2]);
        assert_eq!((profile.summary.sentences, profile.summary.named, profile.summary.anonymous), (6, 3, 2));
    }
}
