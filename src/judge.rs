//! From sentences to verdicts, with carry-over.
//!
//! Two passes over the article. The first reads every sentence on its own, in
//! order: non-claims, cues and their sources (pronouns and roles resolved
//! against the sources met so far), agentless reporting, hedges. The second
//! gives each sentence its verdict, carrying attribution where a reader
//! would:
//!
//! - a sentence inside a quotation takes the quotation's speaker: the source
//!   of the sentence where the quotation closes ("...,” said X") or, failing
//!   that, where it opens (X said: “...); this covers quotations continued
//!   across sentences and paragraphs and fragments of a broken text dump;
//! - a quotation with no speaker of its own that follows an attributed
//!   quotation (in the same paragraph or the next) continues that speaker.
//!
//! The weakest link decides: a sentence with any anonymous source, or an
//! anonymity phrase next to its attribution, is `anonymous`.

use std::borrow::Cow;
use std::ops::Range;

use crate::attribution::{Attribution, Findings, Reader};
use crate::chars::is_letter_or_digit;
use crate::cues::CueKind;
use crate::lang::{rules, Lang};
use crate::lexicon;
use crate::memory::Memory;
use crate::nonclaims;
use crate::phrases::Starts;
use crate::quotes::{self, Quote};
use crate::rejoin;
use crate::relays::{self, decisive};
use crate::sentence::{Cue, Sentence, Source, SourceKind};
use crate::sentences;
use crate::span::Span;
use crate::text::Text;
use crate::tokens::{Buffers, Kind, PageWords, Reading};
use crate::verdict::Verdict;

/// What the first pass learns about one sentence.
struct Local {
    span: Span,
    /// The paragraph it starts in, found once: the second pass asks again and again.
    paragraph: usize,
    none: Option<&'static str>,
    /// Its attributions, as a range of the article's list of them: one list
    /// for the article rather than a vector for each sentence.
    attributions: Range<usize>,
    /// Agentless reporting ("is said to"): its span, and whether it hedges.
    impersonal: Option<(Span, bool)>,
    /// An anonymity phrase outside the source phrases ("speaking on condition of anonymity").
    anonymity: bool,
    hedged: bool,
    /// Share of the sentence's letters inside quotations.
    quoted: f32,
    /// The top-level quotation covering most of the sentence, if any.
    main_quote: Option<usize>,
    /// Holds a quotation of three words or more.
    has_quote: bool,
}

/// The first pass's lists, kept from one call to the next (emptied). A long
/// article's lists are larger than the allocator keeps at hand between calls:
/// made afresh, they were handed back to the system after each call and
/// cost their page faults again in the next (about 120 a 100,000-word call).
#[derive(Default)]
struct Lists {
    locals: Vec<Local>,
    attributions: Vec<Attribution>,
}

/// Lists longer than this are not kept after a call, so that one huge article
/// does not hold its memory for the rest of the process.
const KEPT_LIST_LEN: usize = 1 << 16;

thread_local! {
    static LISTS: std::cell::RefCell<Lists> = std::cell::RefCell::default();
}

/// Every sentence of the article, with its verdict; a sentence that runs over
/// several blocks gives one entry per block, the later ones `continues`.
pub fn judge(blocks: &[&str], lang: Lang) -> Vec<Sentence> {
    let mut lists = LISTS.with(|kept| kept.take());
    let out = judge_in(blocks, lang, &mut lists);
    lists.locals.clear();
    lists.attributions.clear();
    if lists.locals.capacity() <= KEPT_LIST_LEN && lists.attributions.capacity() <= KEPT_LIST_LEN {
        LISTS.with(|kept| kept.replace(lists));
    }
    out
}

fn judge_in(blocks: &[&str], lang: Lang, lists: &mut Lists) -> Vec<Sentence> {
    let lex = lexicon::get(lang);
    let text = rejoin::read(blocks, lex);
    let quotes = quotes::pair(&text);
    let spans = sentences::split(&text, &quotes, lex);
    let top: Vec<Span> = quotes.iter().filter(|q| !q.nested).map(|q| q.span).collect();
    let top_quotes: Vec<&Quote> = quotes.iter().filter(|q| !q.nested).collect();
    let lower_vocab = lower_case_words(&text.norm, &text.lower);
    let places = nonclaims::by_place(&text, &spans, lex);
    let asked = nonclaims::interviewer_lines(&text, lex);

    let mut memory = Memory::default();
    let locals = &mut lists.locals;
    locals.clear();
    locals.reserve(spans.len());
    let mut previous_paragraph = usize::MAX;
    let mut buffers = Buffers::default();
    let mut starts = Starts::default();
    let mut reader = Reader::default();
    // The attributions of every sentence, in order; each `Local` holds its range.
    let all = &mut lists.attributions;
    all.clear();
    for &span in &spans {
        let paragraph = text.paragraph_of(span.start);
        let opens_paragraph = paragraph != previous_paragraph;
        previous_paragraph = paragraph;
        let r = Reading::new_in(std::mem::take(&mut buffers), &text.norm, &text.lower, span, &top, lex, &lower_vocab);
        memory.remember_names(&r);
        let sentence = &text.norm[span.start..span.end];
        let lower = &text.lower[span.start..span.end];
        // Where the lexicon's phrases may start: found once for the scans below.
        starts.fill(lower, &lex.sentence_phrases);
        let (quoted, main_quote) = quote_share(&r, &top_quotes);
        let has_quote = r.tokens.iter().any(|t| t.kind == Kind::Quote && t.text(&text.norm).split_whitespace().count() >= 3);
        let prompt = asked[paragraph] && nonclaims::is_prompt(&r);
        let none = places[paragraph].or(prompt.then_some("An interviewer's prompt, not a claim.")).or_else(|| {
            let reason = nonclaims::by_words(sentence, lower, &starts, lex)?;
            // A question inside someone's quotation is theirs, not the writer's.
            (!(nonclaims::is_question(sentence) && quoted > 0.5)).then_some(reason)
        });
        let first = all.len();
        let findings = if none.is_none() {
            let findings = reader.read(&r, span, &starts, opens_paragraph, &mut memory, all);
            relays::relay(&r, first, &mut memory, all);
            findings
        } else {
            Findings::default()
        };
        locals.push(Local {
            span,
            paragraph,
            none,
            attributions: first..all.len(),
            impersonal: findings.impersonal,
            anonymity: findings.anonymity,
            hedged: rules::is_hedged(sentence, lower, &starts, lex),
            quoted,
            main_quote,
            has_quote,
        });
        buffers = r.into_buffers();
    }

    let (all, locals) = (&*all, &*locals);
    let attributions_of = |local: &Local| &all[local.attributions.clone()];
    let speakers = quote_speakers(&top_quotes, locals, all);
    // A quotation with no speaker of its own, followed in its paragraph by an
    // attributed quotation: "“We have to act.” “It is the only way,” she said."
    // Or a quotation that ends its paragraph, followed by a paragraph that
    // opens with an attributed quotation ("« Il faut agir. »" then "« C'est
    // la seule voie », a-t-il ajouté."): the reader takes the speaker named next.
    // Speakers are borrowed from the first pass's attributions, not copied.
    let next_speaker: Vec<Option<&Attribution>> = (0..locals.len())
        .map(|i| {
            let next = locals.get(i + 1)?;
            let same_paragraph = next.paragraph == locals[i].paragraph;
            // A quotation that ends its paragraph, and the next paragraph opening on
            // an attributed quotation (« Il faut agir. » / « C'est la seule voie », a-t-il ajouté.).
            let next_paragraph = next.paragraph == locals[i].paragraph + 1 && locals[i].quoted >= 0.9;
            ((same_paragraph || next_paragraph) && next.quoted >= 0.5 && next.none.is_none()).then(|| attributions_of(next).first()).flatten()
        })
        .collect();
    let mut out = Vec::with_capacity(locals.len());
    let mut last_quoted_speaker: Option<(usize, &Attribution)> = None;
    // An interview answer ("Name: ...") speaks for the rest of its paragraph, and a
    // transcript's label inside a quotation for the rest of that quotation.
    let mut answer: Option<(usize, Option<usize>, &Attribution)> = None;
    // A paragraph that ends on a speaker's colon ("Cruz continued:", "She said
    // in a statement:") gives the next paragraph to that speaker, quoted or not.
    let mut introduced: Option<(usize, &Attribution)> = None;
    for (index, local) in locals.iter().enumerate() {
        let paragraph = local.paragraph;
        let mut verdict = Verdict::Unattributed;
        let mut source: Option<&Attribution> = None;
        let mut cue: Option<Span> = None;
        let reason: String;
        if let Some(why) = local.none {
            verdict = Verdict::None;
            reason = why.to_string();
        } else if !local.attributions.is_empty() {
            let weakest = decisive(attributions_of(local), &text.norm);
            verdict = if weakest.class.is_anonymous() || local.anonymity { Verdict::Anonymous } else { Verdict::Named };
            source = Some(weakest);
            cue = Some(weakest.cue);
            reason = attributed_reason(weakest, verdict, &text.norm);
        } else if let Some(speaker) = answer.filter(|(_, q, _)| q.is_some() && *q == local.main_quote && local.quoted >= 0.6).map(|(_, _, s)| s) {
            verdict = speaker.verdict();
            reason = ["Continues the answer of ", &describe(speaker, &text.norm), "."].concat();
            source = Some(speaker);
        } else if let Some(speaker) = local.main_quote.filter(|_| local.quoted >= 0.6).and_then(|q| speakers[q]) {
            verdict = speaker.verdict();
            reason = ["Continues a quotation by ", &describe(speaker, &text.norm), "."].concat();
            source = Some(speaker);
        } else if let Some(speaker) = last_quoted_speaker
            .filter(|(at, _)| local.quoted >= 0.6 && paragraph.saturating_sub(*at) <= 1 && index > 0)
            .map(|(_, s)| s)
        {
            verdict = speaker.verdict();
            reason = ["A quotation that continues ", &describe(speaker, &text.norm), "'s words."].concat();
            source = Some(speaker);
        } else if let Some(speaker) = next_speaker[index].filter(|_| local.quoted >= 0.6) {
            verdict = speaker.verdict();
            reason = ["A quotation whose speaker is named next: ", &describe(speaker, &text.norm), "."].concat();
            source = Some(speaker);
        } else if let Some(speaker) = answer.filter(|(p, _, _)| *p == paragraph).map(|(_, _, s)| s) {
            verdict = speaker.verdict();
            reason = ["Continues the answer of ", &describe(speaker, &text.norm), "."].concat();
            source = Some(speaker);
        } else if let Some(speaker) = introduced.filter(|(p, _)| *p == paragraph).map(|(_, s)| s) {
            verdict = speaker.verdict();
            reason = ["Words introduced by ", &describe(speaker, &text.norm), " before a colon."].concat();
            source = Some(speaker);
        } else if let Some((at, _)) = local.impersonal {
            verdict = Verdict::Anonymous;
            cue = Some(at);
            reason = ["Reported without a source (\"", &text.norm[at.start..at.end], "\")."].concat();
        } else {
            reason = if local.hedged {
                "No source is given, and the claim is hedged.".to_string()
            } else {
                "No source is given for this claim.".to_string()
            };
        }
        let ends_paragraph = locals.get(index + 1).is_none_or(|next| next.paragraph != paragraph);
        if ends_paragraph && text.norm[local.span.start..local.span.end].ends_with(':') {
            introduced = attributions_of(local).iter().rev().find(|a| a.cue_kind != CueKind::Preposition).map(|a| (paragraph + 1, a));
        }
        if let Some(label) = attributions_of(local).iter().find(|a| a.cue_kind == CueKind::Colon && !text.norm[a.cue.end..local.span.end].trim_start().starts_with('"')) {
            answer = Some((paragraph, local.main_quote.filter(|_| local.quoted >= 0.6), label));
        }
        // Remember the speaker of quoted material for the quotation that may
        // follow; a narrated sentence in the speaker's own paragraph does not
        // end it ("“...,” Khan said. When they went out, ... ." then "“They
        // would come to me ...”"), one in a later paragraph does.
        if verdict != Verdict::None {
            match source {
                Some(s) if local.has_quote || local.quoted >= 0.6 || s.class.person => last_quoted_speaker = Some((paragraph, s)),
                Some(_) if local.quoted < 0.6 => last_quoted_speaker = None,
                None if local.quoted < 0.6 && last_quoted_speaker.is_some_and(|(at, _)| at != paragraph) => last_quoted_speaker = None,
                _ => {}
            }
        }
        let hedged = verdict != Verdict::None && (local.hedged || local.impersonal.is_some_and(|(_, h)| h));
        emit(&text, local, verdict, hedged, source, cue, reason, &mut out);
    }
    out
}

/// How much of the sentence lies inside top-level quotations, and the one that covers most.
fn quote_share(r: &Reading, quotes: &[&Quote]) -> (f32, Option<usize>) {
    let mut inside = 0usize;
    let mut total = 0usize;
    let mut best: Option<(usize, usize)> = None;
    for token in &r.tokens {
        let letters = token.span.len();
        if token.kind == Kind::Quote {
            // Count only the letters, not the marks.
            let words = r.norm[token.span.start..token.span.end].chars().filter(|&c| is_letter_or_digit(c)).count();
            inside += words;
            total += words;
            let q = quotes.partition_point(|q| q.span.end <= token.span.start);
            if q < quotes.len() && quotes[q].span.start <= token.span.start && best.is_none_or(|(_, n)| words > n) {
                best = Some((q, words));
            }
        } else if token.kind == Kind::Word || token.kind == Kind::Number {
            total += letters;
        }
    }
    let share = if total == 0 { 0.0 } else { inside as f32 / total as f32 };
    (share, best.map(|(q, _)| q))
}

/// For each top-level quotation, the attribution of the sentence where it
/// closes, or else of the sentence where it opens, or else of the sentence
/// before it when that one ends with a colon.
fn quote_speakers<'l>(quotes: &[&Quote], locals: &[Local], all: &'l [Attribution]) -> Vec<Option<&'l Attribution>> {
    let attributions_of = |i: usize| &all[locals[i].attributions.clone()];
    quotes
        .iter()
        .map(|quote| {
            // Sentences are in order: the one holding `at` is the last that starts at or before it.
            let holding = |at: usize| {
                let i = locals.partition_point(|l| l.span.start <= at).checked_sub(1)?;
                (at < locals[i].span.end.max(locals[i].span.start + 1)).then_some(i)
            };
            let closing = holding(quote.span.end.saturating_sub(1));
            let opening = holding(quote.span.start);
            let pick = |i: Option<usize>| i.and_then(|i| attributions_of(i).first().filter(|_| locals[i].none.is_none()));
            pick(closing).or_else(|| pick(opening)).or_else(|| {
                let before = opening?.checked_sub(1)?;
                let last = attributions_of(before).last();
                let ends_with_colon = last.is_some_and(|a| a.cue_kind != CueKind::Preposition);
                ends_with_colon.then_some(last).flatten()
            })
        })
        .collect()
}

/// Who an attribution names, for a reason: borrowed where it can be, since
/// the reason copies it anyway.
fn describe<'a>(attribution: &'a Attribution, norm: &str) -> Cow<'a, str> {
    match (&attribution.class.name, attribution.source) {
        (Some(name), _) if !attribution.class.is_anonymous() => Cow::Borrowed(name),
        (_, Some(span)) => Cow::Owned(["\"", &norm[span.start..span.end], "\""].concat()),
        (Some(name), None) => Cow::Borrowed(name),
        _ => Cow::Borrowed("an unnamed speaker"),
    }
}

/// The reasons are joined with `concat` rather than `format!`: one is written
/// for every sentence, and the formatting machinery cost about 3 % of a run.
fn attributed_reason(attribution: &Attribution, verdict: Verdict, norm: &str) -> String {
    let cue = &norm[attribution.cue.start..attribution.cue.end];
    let who = describe(attribution, norm);
    match (verdict, attribution.class.kind) {
        (Verdict::Anonymous, _) if !attribution.class.is_anonymous() => {
            ["Attributed to ", &who, " (\"", cue, "\"), who relays a source that is not identified."].concat()
        }
        (_, SourceKind::VagueGroup) => ["Attributed to a group that cannot be pinned down: ", &who, " (\"", cue, "\")."].concat(),
        (_, SourceKind::UnnamedDocument) => ["Attributed to an unnamed document or to hearsay: ", &who, " (\"", cue, "\")."].concat(),
        (_, SourceKind::Anonymous) => ["Attributed to a source that is not identified: ", &who, " (\"", cue, "\")."].concat(),
        _ => ["Attributed to ", &who, " (\"", cue, "\")."].concat(),
    }
}

/// Writes one sentence (one entry per block it covers).
#[allow(clippy::too_many_arguments)]
fn emit(
    text: &Text,
    local: &Local,
    verdict: Verdict,
    hedged: bool,
    attribution: Option<&Attribution>,
    cue: Option<Span>,
    mut reason: String,
    out: &mut Vec<Sentence>,
) {
    let mut source = attribution.and_then(|a| {
        let (block, span) = text.block_span(a.source?)?;
        Some(Source { block, span: trim_span(text.blocks[block], span), kind: a.class.kind, name: a.class.name.as_deref().map(str::to_string) })
    });
    let cue = cue.and_then(|c| text.block_span(c));
    let mut parts = text.parts(local.span).enumerate().peekable();
    // The source and reason are copied only for a sentence over several
    // blocks; the last (and usually only) entry takes them.
    while let Some((part, (block, span))) = parts.next() {
        let cue = cue.filter(|(b, c)| *b == block && span.contains(*c)).map(|(_, c)| Cue { span: c });
        let last = parts.peek().is_none();
        let (source, reason) = if last { (std::mem::take(&mut source), std::mem::take(&mut reason)) } else { (source.clone(), reason.clone()) };
        out.push(Sentence {
            block,
            span,
            verdict,
            hedged,
            quote: local.has_quote || local.quoted >= 0.6,
            source,
            cue,
            reason,
            continues: part > 0,
        });
    }
}

fn trim_span(block: &str, span: Span) -> Span {
    let text = span.text(block);
    let lead = text.len() - text.trim_start().len();
    let kept = text.trim().len();
    Span::new(span.start + lead, span.start + lead + kept)
}

/// Every word the article writes starting in lower case, as it appears in `lower`.
fn lower_case_words<'t>(norm: &str, lower: &'t str) -> PageWords<'t> {
    // A word: letters, digits, hyphens and apostrophes. A table of the ASCII
    // ones: one load a byte in the loop below.
    const WORD_BYTE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_alphanumeric() || b == b'-' as usize || b == b'\'' as usize;
            b += 1;
        }
        table
    };
    // Sized for the article at once (about one new word in every 16 bytes of
    // a short one), rather than grown by doubling from nothing: rehashing up
    // the ladder was about 1 % of a 1,000-word call. Capped, so that a long
    // article does not start with a table larger than its vocabulary.
    let mut words = PageWords::with_capacity_and_hasher((norm.len() / 16).min(4096), Default::default());
    let bytes = norm.as_bytes();
    let inside = |at: usize| -> (bool, usize) {
        match bytes[at] {
            b if b.is_ascii() => (WORD_BYTE[usize::from(b)], 1),
            _ => norm[at..].chars().next().map_or((false, 1), |c| (is_letter_or_digit(c), c.len_utf8())),
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        let (starts, len) = inside(at);
        if !starts {
            at += len;
            continue;
        }
        let start = at;
        at += len;
        while at < bytes.len() {
            // Byte by byte where the text is ASCII, character by character elsewhere.
            at += bytes[at..].iter().position(|&b| !WORD_BYTE[usize::from(b)]).unwrap_or(bytes.len() - at);
            match (at < bytes.len()).then(|| inside(at)) {
                Some((true, len)) => at += len,
                _ => break,
            }
        }
        let opens_lower = match bytes[start] {
            b if b.is_ascii() => b.is_ascii_lowercase(),
            _ => norm[start..].starts_with(char::is_lowercase),
        };
        if opens_lower {
            words.insert(&lower[start..at]);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The verdicts of the sentences of `text`, read as the second paragraph of
    /// an article (the first is a headline).
    fn verdicts(text: &str) -> Vec<Verdict> {
        judge(&["Harbour news", text], Lang::En).iter().filter(|s| !s.continues && s.block == 1).map(|s| s.verdict).collect()
    }

    /// Verdict and resolved source name of every sentence of an article.
    fn article(blocks: &[&str]) -> Vec<(Verdict, Option<String>)> {
        judge(blocks, Lang::En).into_iter().filter(|s| !s.continues).map(|s| (s.verdict, s.source.and_then(|x| x.name))).collect()
    }

    #[test]
    fn lists_kept_from_a_previous_call_leave_nothing_behind() {
        let first = ["Harbour news", "The pier closed, Mayor Ilse Brandt said. Officials said it would reopen.", "\"It is safe,\" she said."];
        let second = ["Ferry news", "The ferry was late again on Monday."];
        let before = judge(&second, Lang::En);
        judge(&first, Lang::En);
        assert_eq!(judge(&second, Lang::En), before);
        assert!(before.iter().all(|s| s.source.is_none()), "{before:?}");
    }

    #[test]
    fn a_sentence_over_two_blocks_gives_each_part_its_source_and_reason() {
        let blocks = ["Harbour news", "The pier closed on Monday after the storm.", "\u{ab} We worked every day on the pier,", "but the tide won \u{bb}, Mayor Ilse Brandt said."];
        let got = judge(&blocks, Lang::En);
        let parts: Vec<&Sentence> = got.iter().filter(|s| s.block >= 2).collect();
        assert_eq!(parts.len(), 2, "{got:?}");
        assert!(!parts[0].continues && parts[1].continues);
        assert_eq!(parts[0].verdict, Verdict::Named);
        assert!(parts[0].reason.contains("Ilse Brandt"), "{}", parts[0].reason);
        assert_eq!(parts[0].reason, parts[1].reason);
        assert_eq!(parts[0].source, parts[1].source);
        assert!(parts[0].source.is_some());
    }

    #[test]
    fn a_transcript_label_inside_a_quotation_speaks_for_its_paragraphs() {
        let got = article(&[
            "Harbour news",
            "The mayor spoke to the radio on Sunday.",
            "\"HOST: Let us start with the ferry. Why close it?",
            "\"BRANDT: Well, look, the ferry loses money. It has for years.",
            "\"It is simple arithmetic.\"",
        ]);
        let speakers: Vec<Option<&str>> = got.iter().map(|(_, name)| name.as_deref()).collect();
        assert_eq!(speakers, [None, None, Some("HOST"), Some("HOST"), Some("BRANDT"), Some("BRANDT"), Some("BRANDT")]);
        assert!(got[2..].iter().all(|(v, _)| *v == Verdict::Named));
    }

    #[test]
    fn a_quotation_ending_its_paragraph_takes_the_speaker_named_at_the_start_of_the_next() {
        let got = article(&["Harbour news", "Mayor Ilse Brandt spoke after the vote. \"We have to act now.\"", "\"It is the only way,\" she added."]);
        assert_eq!(got[1].0, Verdict::Unattributed);
        assert_eq!(got[2], (Verdict::Named, Some("Ilse Brandt".to_string())));
        assert_eq!(got[3], (Verdict::Named, Some("Ilse Brandt".to_string())));
        // Not a quotation that a narrated sentence follows.
        let got = article(&["Harbour news", "\"We have to act now.\"", "The council met on Monday. \"It is the only way,\" she added."]);
        assert_eq!(got[1].0, Verdict::Unattributed);
    }

    #[test]
    fn a_quoted_title_with_a_colon_is_not_a_transcript_label() {
        let got = article(&["Harbour news", "\"Harbour: A History\" sold out in a week."]);
        assert_eq!(got[1], (Verdict::Unattributed, None));
    }

    #[test]
    fn a_titled_work_is_a_named_document() {
        assert_eq!(verdicts("According to \"Tides of Harwick\", the pier was built in 1890."), [Verdict::Named]);
        assert_eq!(verdicts("According to \"Tides of Harwick\", a 2019 book by Ana Ruiz, the pier was built in 1890."), [Verdict::Named]);
    }

    #[test]
    fn criticism_without_a_critic_is_anonymous() {
        assert_eq!(verdicts("The agency has been harshly criticized for the delay."), [Verdict::Anonymous]);
        assert_eq!(verdicts("The agency has been busy since May."), [Verdict::Unattributed]);
    }

    #[test]
    fn a_narrated_sentence_in_the_speaker_s_paragraph_keeps_the_speaker_for_the_next_quote() {
        let got = article(&[
            "Harbour news",
            "\"We have waited long enough,\" Ana Ruiz said. When the ferries stopped, the dockers would come to her house.",
            "\"They would ask me what to do.\"",
            "The port reopened in May.",
            "\"Nobody asked us.\"",
        ]);
        assert_eq!(got[3], (Verdict::Named, Some("Ana Ruiz".to_string())), "{got:?}");
        assert_eq!(got[5].0, Verdict::Unattributed, "a narrated paragraph in between ends the carry: {got:?}");
    }

    #[test]
    fn agentless_reports_charges_and_criticism_are_anonymous() {
        assert_eq!(verdicts("The deal was announced on Monday."), [Verdict::Anonymous]);
        assert_eq!(verdicts("He was charged with assault in May."), [Verdict::Anonymous]);
        assert_eq!(verdicts("The plan faced withering criticism from the start."), [Verdict::Anonymous]);
        assert_eq!(verdicts("The deal was signed on Monday."), [Verdict::Unattributed]);
    }

    #[test]
    fn a_paragraph_after_a_speaker_s_colon_is_the_speaker_s() {
        let got = article(&["Harbour news", "The harbour master said in a statement:", "The pier is safe. It will reopen on Monday.", "The ferry was late."]);
        let names: Vec<Option<&str>> = got.iter().map(|(_, n)| n.as_deref()).collect();
        assert_eq!(names[2..], [Some("The harbour master"), Some("The harbour master"), None], "{got:?}");
    }
}
