//! One sentence's attributions: its cues, each with its source classified,
//! the sources it relays, and what marks it as reported without a source.
//!
//! The judge reads each sentence here once, in order, and keeps what is found
//! for its second pass. Sources are classified against the [`Memory`] of the
//! sources met before, and remembered in it, so that a later "she" or "the
//! company" refers back to them.

use crate::cues::{self, CueKind, Found};
use crate::lang::rules;
use crate::lexicon::WordClass;
use crate::sentence::SourceKind;
use crate::memory::{Classified, Memory};
use crate::phrases::Starts;
use crate::sources;
use crate::span::Span;
use crate::tokens::Reading;
use crate::verdict::Verdict;

/// An attribution as found in one sentence, source classified.
#[derive(Clone, Debug)]
pub struct Attribution {
    pub cue: Span,
    pub cue_kind: CueKind,
    /// The source phrase as a span of `norm`.
    pub source: Option<Span>,
    pub class: Classified,
}

/// What the reading of a sentence finds beside its attributions.
#[derive(Clone, Copy, Debug, Default)]
pub struct Findings {
    /// Agentless reporting ("is said to"): its span, and whether it hedges.
    pub impersonal: Option<(Span, bool)>,
    /// An anonymity phrase outside the source phrases ("speaking on condition of anonymity").
    pub anonymity: bool,
}

/// Reads sentence after sentence, in one scratch list of cues. The sources
/// a sentence relays are added after by [`crate::relays::relay`].
#[derive(Default)]
pub struct Reader {
    found: Vec<Found>,
}

impl Reader {
    /// Reads the sentence `r` (`span` of `norm`; `starts`, the places phrases
    /// may start in its lower-case text): appends its attributions to `out`
    /// and remembers their sources.
    pub fn read(&mut self, r: &Reading, span: Span, starts: &Starts, opens_paragraph: bool, memory: &mut Memory, out: &mut Vec<Attribution>) -> Findings {
        let first = out.len();
        if opens_paragraph {
            if let Some(label) = transcript_label(r, span, memory) {
                memory.remember(&label.class);
                out.push(label);
            } else if let Some(answer) = answer_label(r, memory) {
                out.push(answer);
            }
        }
        rules::find_cues(r, opens_paragraph, &mut self.found);
        for cue in &self.found {
            let Some(attribution) = classify(r, cue, memory) else { continue };
            // A stance is an attribution only when its holder cannot be
            // identified: "some analysts believe" (a named person's belief is
            // a claim of hers, not a source of the writer's).
            if cue.kind == CueKind::Belief && !attribution.class.is_anonymous() {
                continue;
            }
            let mut attribution = attribution;
            if speaks_of_itself_as_it(r, &attribution) {
                attribution.class.kind = SourceKind::Organisation;
                attribution.class.person = false;
            }
            memory.remember(&attribution.class);
            out.push(attribution);
        }
        let attributions = &out[first..];
        let lower = &r.lower[span.start..span.end];
        let anonymity = r.lex.anonymity_phrases.find_in(lower, starts).any(|(start, _)| {
            let at = span.start + start;
            !attributions.iter().filter_map(|a| a.source).any(|s| s.start <= at && at < s.end)
        });
        Findings { impersonal: cues::impersonal(r), anonymity }
    }
}

impl Attribution {
    /// The verdict of a sentence that rests on this attribution alone.
    pub fn verdict(&self) -> Verdict {
        if self.class.is_anonymous() {
            Verdict::Anonymous
        } else {
            Verdict::Named
        }
    }
}

/// A name read as a person's that speaks of itself as "it" is a body: "Amazon
/// France says it guarantees ...", "Lumora said it would appeal". Only a name
/// without a title, right before its verb, whose report opens with "it" or
/// "its" (a person's "it will rain" is mistaken so only without a title).
fn speaks_of_itself_as_it(r: &Reading, a: &Attribution) -> bool {
    if a.class.kind != SourceKind::Person || a.cue_kind != CueKind::Verb || a.class.name.is_none() {
        return false;
    }
    let Some(source) = a.source else { return false };
    let after_cue = r.tokens.partition_point(|t| t.span.start < a.cue.end);
    let after = if r.lw(after_cue) == "that" { after_cue + 1 } else { after_cue };
    let words = r.tokens.iter().filter(|t| t.span.start >= source.start && t.span.end <= source.end);
    // A title says a person ("Mayor Ana Ruiz says it will rain").
    let titled = words.clone().any(|t| t.classes.is(WordClass::TITLE));
    source.end <= a.cue.start && matches!(r.lw(after), "it" | "its") && !titled && words.clone().any(|t| t.proper)
}

/// A transcript quoted in the article, a paragraph opening with its speaker's
/// label in capitals inside the quotation ("“HALEK: We will not move.”"). The
/// quotation hides the label from the cue rules, so it is read here.
fn transcript_label(r: &Reading, span: Span, memory: &Memory) -> Option<Attribution> {
    let sentence = &r.norm[span.start..span.end];
    let label_start = span.start + (sentence.len() - sentence.trim_start_matches(|c: char| c == '"' || c.is_whitespace()).len());
    if label_start == span.start {
        return None;
    }
    let colon = label_start + r.norm[label_start..span.end].find(':')?;
    let label = &r.norm[label_start..colon];
    let words: Vec<&str> = label.split_whitespace().collect();
    let capitals = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_uppercase() || ".'\u{2019}-".contains(c));
    if words.is_empty() || words.len() > 3 || !words.iter().all(capitals) {
        return None;
    }
    let label_span = Span::new(label_start, colon);
    let reading = Reading::new(r.norm, r.lower, label_span, &[], r.lex, r.lower_vocab);
    let class = sources::classify(&reading, 0, reading.len(), memory)?;
    Some(Attribution { cue: Span::new(colon, colon + 1), cue_kind: CueKind::Colon, source: Some(label_span), class })
}

/// An answer in a Q&A, a paragraph opening "A: ..." (`grammar.txt`,
/// `answer_label`): the interviewee speaks, the person last named (verdict
/// rules, point 14).
fn answer_label(r: &Reading, memory: &Memory) -> Option<Attribution> {
    let is_label = r.is_word(0) && r.is(0, WordClass::ANSWER_LABEL) && r.is_capitalised_word(0) && r.is_punct(1, ":");
    if !is_label {
        return None;
    }
    let class = memory.interviewee()?;
    Some(Attribution { cue: r.span(1..2), cue_kind: CueKind::Colon, source: Some(r.span(0..1)), class })
}

pub fn classify(r: &Reading, found: &Found, memory: &Memory) -> Option<Attribution> {
    let (start, end) = found.source?;
    let class = sources::classify(r, start, end, memory)?;
    Some(Attribution { cue: found.cue, cue_kind: found.kind, source: Some(r.span(start..end)), class })
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

    macro_rules! cases {
        ($($name:ident: $text:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(verdicts($text), $expected, "{}", $text);
            }
        )*};
    }

    use Verdict::*;
    cases! {
        a_vague_group_s_belief_is_anonymous: "Some analysts believe the port will lose its contract." => [Anonymous];
        many_fear_is_anonymous: "Many residents fear the ferry will stop for good." => [Anonymous];
        a_named_person_s_belief_is_her_own_claim: "The harbour master believes the port will lose its contract." => [Unattributed];
        a_belief_of_an_unresolved_we_is_no_attribution: "We believe the port will lose its contract." => [Unattributed];
        a_rating_by_a_named_inspectorate_is_named: "The school was rated outstanding by the inspectorate Estyn last year." => [Named];
        an_award_by_a_named_guide_is_named: "The bistro, named best restaurant by the Gourmand Guide, closed on Sunday." => [Named];
        a_rating_by_critics_is_anonymous: "The play was rated poor by critics." => [Anonymous];
    }

    /// The resolved source name of every sentence of an article.
    fn names(blocks: &[&str]) -> Vec<Option<String>> {
        judge(blocks, Lang::En).into_iter().filter(|s| !s.continues).map(|s| s.source.and_then(|x| x.name)).collect()
    }

    #[test]
    fn a_name_that_speaks_of_itself_as_it_is_a_body_the_company_refers_to() {
        let got = names(&[
            "Ferry news",
            "\"It is a scandal,\" said Ana Ruiz, who leads the seafarers' union Nautilus Federation.",
            "Asked by reporters, Harbour Lines France says it will appeal.",
            "\"We did nothing wrong,\" assures the company.",
            "\"We will win,\" she added.",
        ]);
        assert_eq!(got[3].as_deref(), Some("Harbour Lines France"), "{got:?}");
        // "she", right after the body spoke and with no one named since, is its voice, not Ana Ruiz.
        assert_eq!(got[4].as_deref(), Some("Harbour Lines France"), "{got:?}");
    }

    #[test]
    fn a_person_speaking_of_it_stays_a_person() {
        let got = judge(&["Ferry news", "Mayor Ana Ruiz says it will rain on Sunday."], Lang::En);
        assert_eq!(got[1].source.as_ref().map(|s| s.kind), Some(crate::sentence::SourceKind::Person));
    }

    #[test]
    fn an_answer_in_a_q_and_a_is_the_interviewee_s() {
        let blocks = ["Talking ports", "Ilse Brandt has run the port of Harwick for eleven years.", "Q: The port lost money. Why?", "A: Because the ferries stopped in winter. We could not run them."];
        let got = judge(&blocks, Lang::En);
        let answers: Vec<(Verdict, Option<&str>)> = got.iter().filter(|s| s.block == 3).map(|s| (s.verdict, s.source.as_ref().and_then(|x| x.name.as_deref()))).collect();
        assert_eq!(answers, [(Verdict::Named, Some("Ilse Brandt")), (Verdict::Named, Some("Ilse Brandt"))]);
    }

    #[test]
    fn an_interviewer_s_prompt_is_no_claim_and_a_statement_is_judged_on_its_own() {
        let blocks = ["Talking ports", "Ilse Brandt has run the port for years.", "Interviewer: The port lost money last year. Tell us why.", "A: Because the ferries stopped in winter."];
        let got: Vec<Verdict> = judge(&blocks, Lang::En).iter().filter(|s| s.block == 2).map(|s| s.verdict).collect();
        assert_eq!(got, [Verdict::Unattributed, Verdict::None]);
    }
}
