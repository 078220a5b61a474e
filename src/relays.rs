//! Relays and chains: a source that passes on another one's words.
//!
//! A named outlet that cites an anonymous source, an interviewee quoting an
//! unnamed critic: the reader can identify only the first link, so the
//! weakest link decides (verdict rules, point 9). Here are the relayed
//! sources a sentence names, and which of a sentence's attributions decides
//! its verdict.

use crate::attribution::Attribution;
use crate::cues::CueKind;
use crate::lexicon::WordClass;
use crate::memory::Memory;
use crate::noun_phrases::phrase_right;
use crate::sentence::SourceKind;
use crate::sources;
use crate::span::Span;
use crate::tokens::Reading;

/// The attribution that decides a sentence holding several. The weakest link
/// decides ("The Ledger, citing two people close to the board, reported ..."),
/// except for a vague group that is only the subject of what a named source
/// reports: inside what a named person or body says ("The mayor said some
/// residents had complained"), or counted by a named document ("Three in four
/// say they would pay more, according to the survey"). There the named source
/// makes the claim.
pub fn decisive<'a>(attributions: &'a [Attribution], norm: &str) -> &'a Attribution {
    // The group is inside what the named source says: "said (on Tuesday)
    // (that) some residents", "said that for decades some critics had been
    // predicting", not after a clause of its own (", but critics say", "...
    // the pier was safe, two officials said").
    let opens_content = |named: &Attribution, group: Span| {
        named.cue.end <= group.start && {
            let gap = norm[named.cue.end..group.start].trim();
            let gap = gap.strip_prefix("that").unwrap_or(gap).trim();
            let gap = gap.strip_suffix("that").unwrap_or(gap).trim();
            gap.split_whitespace().count() <= 6 && !gap.contains([',', '.', ';', '"'])
        }
    };
    let outweighed = |vague: &Attribution| {
        vague.class.kind == SourceKind::VagueGroup
            && vague.cue_kind != CueKind::Preposition
            && attributions.iter().any(|named| {
                let reports_it = vague.source.is_some_and(|s| opens_content(named, s)) && matches!(named.class.kind, SourceKind::Person | SourceKind::Organisation);
                // A share counted by a named document: "according to the survey", "a poll by X found that 70 percent said".
                let counts_it = matches!(named.cue_kind, CueKind::Preposition | CueKind::Evidence) && named.class.kind == SourceKind::Document;
                !named.class.is_anonymous() && (reports_it || counts_it)
            })
    };
    attributions
        .iter()
        .find(|a| a.class.is_anonymous() && !outweighed(a))
        .or_else(|| attributions.iter().find(|a| !a.class.is_anonymous()))
        .unwrap_or(&attributions[0])
}

/// Adds the sources relayed by the attributions of the sentence `r` that
/// start at `first` in `all`, and remembers them: a later "said this
/// source" refers back to the anonymous source an outlet quoted.
pub fn relay(r: &Reading, first: usize, memory: &mut Memory, all: &mut Vec<Attribution>) {
    let relayed = relayed_sources(r, &all[first..], memory);
    for attribution in relayed {
        memory.remember(&attribution.class);
        all.push(attribution);
    }
}

/// The people a source relays: the object of "cites" or "quotes" when it is
/// not identified ("the Gazette, which cited a council insider"),
/// so that the weakest link decides (verdict rules, point 9).
fn relayed_sources(r: &Reading, attributions: &[Attribution], memory: &Memory) -> Vec<Attribution> {
    let lex = r.lex;
    attributions
        .iter()
        .filter(|a| a.cue_kind == CueKind::Verb && !a.class.is_anonymous())
        .filter_map(|a| {
            let verb = &r.lower[a.cue.start..a.cue.end];
            if !(verb.starts_with("cite") || verb.starts_with("quote")) {
                return None;
            }
            let object = r.tokens.partition_point(|t| t.span.start < a.cue.end);
            let (start, end) = phrase_right(r, object, true)?;
            let class = sources::classify(r, start, end, memory)?;
            // People, not the reports or events a source cites as evidence ("cited reports").
            let unnamed_person = class.kind == SourceKind::Anonymous && class.person;
            let head = lex.classes(&class.head);
            let group = class.kind == SourceKind::VagueGroup
                && (head.is(WordClass::VAGUE_GROUP) || lex.classes(class.head.trim_end_matches('s')).is(WordClass::ANONYMOUS_ROLE))
                && !head.is(WordClass::DOCUMENT_HEAD);
            (unnamed_person || group).then(|| Attribution { cue: a.cue, cue_kind: CueKind::Verb, source: Some(r.span(start..end)), class })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::judge::judge;
    use crate::lang::Lang;
    use crate::verdict::Verdict;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The verdicts of the sentences of `text`, read as the second paragraph of
    /// an article (the first is a headline).
    fn verdicts(text: &str) -> Vec<Verdict> {
        judge(&["Harbour news", text], Lang::En).iter().filter(|s| !s.continues && s.block == 1).map(|s| s.verdict).collect()
    }

    #[test]
    fn a_named_outlet_quoting_an_unnamed_insider_is_anonymous() {
        assert_eq!(verdicts("The Harwick Gazette, which cited a council insider, said the vote was close."), [Verdict::Anonymous]);
    }

    #[test]
    fn reports_cited_as_evidence_leave_the_citer_named() {
        assert_eq!(verdicts("The mayor cited reports of a leak at the depot."), [Verdict::Named]);
    }

    #[test]
    fn a_group_inside_what_a_named_person_says_is_named() {
        assert_eq!(verdicts("Mayor Ilse Brandt said some residents had complained about the pier."), [Verdict::Named]);
    }

    #[test]
    fn a_share_counted_by_a_named_survey_is_named() {
        let text = "The Harwick Institute polled 900 adults in May. Seven in 10 say they would pay more for trains, according to the survey.";
        assert_eq!(verdicts(text), [Verdict::Unattributed, Verdict::Named]);
    }

    #[test]
    fn a_named_person_relaying_anonymous_officials_stays_anonymous() {
        assert_eq!(verdicts("Mayor Ilse Brandt misled the board, according to officials at the port."), [Verdict::Anonymous]);
        assert_eq!(verdicts("Ilse Brandt told the board the pier was safe, two officials said."), [Verdict::Anonymous]);
    }

    #[test]
    fn a_named_outlet_citing_a_group_stays_anonymous() {
        assert_eq!(verdicts("The Harwick Courier reported that critics say the pier is unsafe."), [Verdict::Anonymous]);
    }

    #[test]
    fn this_source_refers_back_to_the_source_an_outlet_quoted() {
        let blocks = ["Harbour news", "The Tidewater Post, which quotes an unnamed dock worker, says the cranes stood idle.", "\"We waited for weeks,\" said this source."];
        let got = judge(&blocks, Lang::En);
        let last = got.last().unwrap();
        assert_eq!(last.verdict, Verdict::Anonymous);
        assert_eq!(last.source.as_ref().and_then(|s| s.name.as_deref()), Some("an unnamed dock worker"));
    }

    #[test]
    fn an_outlet_citing_people_familiar_is_anonymous() {
        assert_eq!(verdicts("The Ledger reported, citing people familiar with the talks, that the sale had collapsed."), [Verdict::Anonymous]);
    }

    #[test]
    fn an_investigation_by_a_named_outlet_is_named() {
        assert_eq!(verdicts("According to an investigation by Vice, the firm watched its workers."), [Verdict::Named]);
    }

    #[test]
    fn a_group_further_inside_what_a_named_person_says_is_named() {
        assert_eq!(verdicts("Ana Ruiz said that for decades some critics had been predicting a withdrawal."), [Verdict::Named]);
    }

    #[test]
    fn a_share_counted_by_a_named_poll_is_named() {
        assert_eq!(verdicts("A poll by the Harwick Institute found that 70 percent of voters said they would pay more."), [Verdict::Named]);
    }

    #[test]
    fn a_group_in_a_clause_of_its_own_stays_anonymous() {
        assert_eq!(verdicts("The mayor said the pier had reopened, but critics say it is unsafe."), [Verdict::Anonymous]);
    }

    #[test]
    fn a_relative_clause_on_an_apposition_speaks_for_the_name() {
        let text = "\"We stay,\" said Ana Ruiz, a pollster with the harbour party who called him a pragmatic man.";
        assert_eq!(verdicts(text), [Verdict::Named]);
    }
}
