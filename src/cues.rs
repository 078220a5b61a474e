//! Cues: the words that mark an attribution, and where their source stands.
//!
//! One sentence is read as tokens with its quotations masked
//! ([`crate::tokens`]), so words inside a quotation are never cues. The rules,
//! each a small function below:
//!
//! - **reporting verbs** (`said`, `told reporters`, `has also warned`), with the
//!   source as the subject before them ("The minister said", "Halek, who ...,
//!   said"), or after them when they follow a quotation or a comma ("..., said
//!   Teodor Halek, the union's general secretary"); a passive with an agent
//!   ("was confirmed by her son") takes the agent; a court or jury hearing or
//!   being told is a court's attribution;
//! - **evidence verbs** (`show`, `found`) with a document subject ("figures show");
//! - **source prepositions** (`according to`, `citing`) with the source after them;
//! - a **colon** before a quotation ("Wen: “...”") or opening an interview answer;
//! - an **em dash** after a quotation ("“...” — Jane Roe").
//!
//! Decoys are refused where they are read: a verb after a determiner ("the
//! said company"), a form that is also a noun without a subject ("the
//! claims"), a negated or infinitive verb ("did not say", "refused to say"),
//! a verb with a particle that changes it ("called off"), "according to plan".
//! Agentless reporting ("is said to", "reportedly") is [`impersonal`].

use crate::lexicon::WordClass;
use crate::noun_phrases::{adverb_at, head_of, is_plural_of, np_left, phrase_right, sentence_subject, speaker_subject, subject_left, SPEAKER_WORDS};
use crate::span::Span;
use crate::tokens::{Kind, Reading};

/// What kind of cue an attribution rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    Verb,
    /// A verb of belief or opinion ("some analysts believe"): an attribution
    /// only when its source cannot be identified ([`crate::attribution`] decides).
    Belief,
    Evidence,
    Preposition,
    Colon,
    Dash,
    Passive,
}

/// A cue found in a sentence, with its source phrase as a token range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: CueKind,
    /// The cue as written, a span of `norm` ("told reporters", "according to").
    pub cue: Span,
    /// The source phrase, tokens `start..end` of the reading.
    pub source: Option<(usize, usize)>,
}

/// Agentless reporting in the sentence ("is said to", "reportedly"): its span
/// and whether it is also a hedge.
pub fn impersonal(r: &Reading) -> Option<(Span, bool)> {
    // One pass over the words; a phrase is tried only where its first word stands.
    for (i, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || !token.classes.is(WordClass::IMPERSONAL_START) {
            continue;
        }
        let Some(phrases) = r.lex.impersonal_by_start.get(r.lw(i)) else { continue };
        // Adverbs may stand between the words, and adjectives of degree before
        // a noun: "has been harshly criticized", "have sometimes been accused
        // of", "faced sharp criticism".
        let inserted = |k: usize| adverb_at(r, k) || r.is(k, WordClass::INTENSIFIER) || matches!(r.lw(k), "sometimes" | "often" | "also" | "long" | "repeatedly" | "widely");
        // Unless the next word may be skipped so, it is the phrase's second word.
        let next = r.lw(i + 1);
        let next_is_second = !inserted(i + 1);
        for (phrase, hedge) in phrases.iter().map(|&p| &r.lex.impersonal[p]) {
            if next_is_second && phrase.get(1).is_some_and(|second| second != next) {
                continue;
            }
            let mut at = i;
            let fits = phrase.iter().enumerate().all(|(k, w)| {
                while k > 0 && r.lw(at) != w && inserted(at) && at < r.len() {
                    at += 1;
                }
                let same = r.lw(at) == w;
                at += 1;
                same
            });
            if fits {
                return Some((r.span(i..at), *hedge));
            }
        }
    }
    None
}

/// Every attribution cue of the sentence, in order of the cue.
pub fn find(r: &Reading, opens_block: bool) -> Vec<Found> {
    let mut found = Vec::new();
    find_into(r, opens_block, &mut found);
    found
}

/// [`find`] into `found` (cleared first), so that the judge reuses one
/// vector for every sentence instead of allocating one each.
pub fn find_into(r: &Reading, opens_block: bool, found: &mut Vec<Found>) {
    found.clear();
    prepositions(r, found);
    verbs(r, found);
    quote_verbs(r, found);
    speech_nouns(r, found);
    colon(r, opens_block, found);
    dash(r, found);
    beliefs(r, found);
    ratings(r, found);
    found.sort_by_key(|f| f.cue.start);
    found.dedup_by_key(|f| f.cue.start);
}

/// "according to X", "citing X". A phrase is tried only where its first word
/// stands (the order of finding does not matter: [`find`] sorts by place, and
/// keeps the first found at a place, which is the first phrase of the list
/// either way).
pub(crate) fn prepositions(r: &Reading, found: &mut Vec<Found>) {
    let starts = r.tokens.iter().enumerate().filter(|(_, t)| t.classes.is(WordClass::SOURCE_PREPOSITION_START));
    for (at, _) in starts {
        for phrase in &r.lex.source_prepositions {
            if phrase.is_empty() || !phrase.iter().enumerate().all(|(k, w)| r.lw(at + k) == w) {
                continue;
            }
            let after = at + phrase.len();
            if let Some((start, end)) = phrase_right(r, after, false) {
                // "according to plan" names no one.
                if end - start == 1 && r.is(start, WordClass::NOT_SOURCE) {
                    continue;
                }
                found.push(Found { kind: CueKind::Preposition, cue: r.span(at..after), source: Some((start, end)) });
            } else if r.kind(after) == Some(Kind::Quote) {
                // A title: "according to “Tides of Harwick”, a 2019 book by Ana Ruiz".
                let end = if r.is_punct(after + 1, ",") { phrase_right(r, after + 2, false).map_or(after + 1, |(_, e)| e) } else { after + 1 };
                found.push(Found { kind: CueKind::Preposition, cue: r.span(at..after), source: Some((after, end)) });
            }
        }
    }
}

fn verbs(r: &Reading, found: &mut Vec<Found>) {
    let mut covered = 0;
    // Only a listed verb, or one that "shot back", can be a cue: one bit test
    // settles most words.
    let cue_verb = WordClass::REPORTING_VERB | WordClass::EVIDENCE_VERB | WordClass::COURT_VERB | WordClass::STANCE_VERB | WordClass::PUBLICATION_VERB;
    for (v, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || v < covered || !token.classes.is(cue_verb) && r.lw(v + 1) != "back" {
            continue;
        }
        let word = r.lw(v);
        // "Islamic State", "Keene State College": a capitalised form inside a sentence is a name.
        if v > 0 && r.is_capitalised_word(v) && !r.kind(v - 1).is_some_and(|k| k == Kind::Quote || k == Kind::Punct) {
            continue;
        }
        let comeback = matches!(word, "shot" | "fired" | "hit" | "shoots" | "fires" | "hits") && r.lw(v + 1) == "back";
        let class = r.classes(v);
        let stance = comeback || class.is(WordClass::STANCE_VERB) && stance_object_follows(r, v) || class.is(WordClass::PUBLICATION_VERB) && publication_follows(r, v);
        let reporting = class.reporting().or(stance.then_some(false));
        let evidence = class.is(WordClass::EVIDENCE_VERB);
        let court = class.is(WordClass::COURT_VERB);
        if reporting.is_none() && !evidence && !court {
            continue;
        }
        let prev = if v > 0 { r.lw(v - 1) } else { "" };
        let prev_class = if v > 0 { r.classes(v - 1) } else { WordClass::NONE };
        // Decoys: "the said company", "to say", "did not say", "called off";
        // a gerund after a conjunction that is also an adverb is no finite
        // verb ("since announcing", not "has since said").
        let conjunction = prev_class.is(WordClass::CLAUSE) && prev_class.is(WordClass::ADVERB);
        // "Ham went on to explain how ...": the next thing said, not an intent.
        if prev == "to" && reporting.is_some() && v >= 3 && r.lw(v - 2) == "on" && matches!(r.lw(v - 3), "go" | "goes" | "went" | "going" | "gone") {
            if let Some(source) = subject_left(r, v - 3) {
                let cue_end = cue_extent(r, v);
                found.push(Found { kind: CueKind::Verb, cue: r.span(v - 3..cue_end), source: Some(source) });
                covered = cue_end;
            }
            continue;
        }
        if prev_class.is(WordClass::DEFINITE | WordClass::NEGATION) || matches!(prev, "a" | "an" | "to" | "so") || word.ends_with("ing") && conjunction {
            continue;
        }
        // "by warning that ...": the sentence's subject speaks.
        if prev == "by" && word.ends_with("ing") && reporting.is_some() {
            if let Some(source) = sentence_subject(r, v - 1).filter(|&(s, _)| s + 1 < v) {
                let cue_end = cue_extent(r, v);
                found.push(Found { kind: CueKind::Verb, cue: r.span(v..cue_end), source: Some(source) });
                covered = cue_end;
            }
            continue;
        }
        // "for admitting", "must say", "would ever admit": not a report of speech.
        let before_adverbs = (0..v).rev().find(|&i| !adverb_at(r, i));
        if (prev_class.is(WordClass::PREPOSITION) && !r.is_proper(v - 1)) || prev_class.is(WordClass::MODAL) || before_adverbs.is_some_and(|i| r.is(i, WordClass::MODAL)) {
            continue;
        }
        if v >= 2 && r.is(v - 1, WordClass::NEGATION) {
            continue;
        }
        // "would have proposed": what did not happen, or (in translated
        // reporting) hearsay, a hedge; no one's report.
        if v >= 2 && r.is(v - 2, WordClass::MODAL) && r.lw(v - 1) == "have" {
            continue;
        }
        if v >= 2 && (r.is(v - 2, WordClass::NEGATION) && r.is(v - 1, WordClass::AUXILIARY) || r.lw(v - 2) == "not") {
            continue;
        }
        if r.is(v + 1, WordClass::PARTICLE) && word.starts_with("call") && r.lw(v + 1) != "in" {
            continue;
        }
        if matches!(word, "point" | "pointed" | "points" | "pointing") && !matches!(r.lw(v + 1), "out" | "to") {
            continue;
        }
        if word == "put" && r.lw(v + 1) != "it" {
            continue;
        }
        // "charged that" accuses; "charged his campaign $5,000" bills (the
        // impersonal "was charged with" is elsewhere).
        // "prosecutors charged two developers with fraud" accuses too.
        let accused = (v + 2..(v + 6).min(r.len())).any(|i| r.lw(i) == "with");
        if word.starts_with("charg") && r.lw(v + 1) != "that" && !accused {
            continue;
        }
        // "pleaded guilty" is a plea, not a report; "300 pledged delegates",
        // "the convention's pledged delegates" use the participle as an adjective.
        // ("He's said" is "he has said").
        let after_count_or_owner = v > 0 && (r.kind(v - 1) == Some(Kind::Number) || r.kind(v - 1) == Some(Kind::Possessive) && v >= 2 && !r.is(v - 2, WordClass::PRONOUN));
        let noun_follows = r.is_word(v + 1) && !r.is(v + 1, WordClass::PRONOUN | WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::CLAUSE | WordClass::PREPOSITION);
        let adjective = word.ends_with("ed") && after_count_or_owner && noun_follows;
        if word.starts_with("plead") && matches!(r.lw(v + 1), "guilty" | "not" | "no") || adjective {
            continue;
        }
        if v == 0 && matches!(word, "asked" | "contacted" | "reached" | "pressed" | "questioned" | "told" | "speaking") {
            continue;
        }
        // "Stated Stone:", "Said the mayor: “...”": the verb opens the sentence, its speaker after it.
        if v == 0 && reporting == Some(false) && r.is_capitalised_word(0) {
            if let Some((start, end)) = phrase_right(r, 1, true).filter(|&(s, _)| r.is_proper(s) || r.is(s, WordClass::DEFINITE)) {
                if r.is_punct(end, ":") || r.is_punct(end, ",") && r.kind(end + 1) == Some(Kind::Quote) {
                    let cue_end = cue_extent(r, v);
                    found.push(Found { kind: CueKind::Verb, cue: r.span(v..cue_end), source: Some((start, end)) });
                    covered = cue_end;
                    continue;
                }
            }
        }
        let cue_end = cue_extent(r, v);
        let cue = r.span(v..cue_end);
        // The passive: "was confirmed by her son", "the jury was told".
        if let Some(p) = passive_auxiliary(r, v) {
            if let Some(by) = (v + 1..(v + 4).min(r.len())).find(|&i| r.lw(i) == "by") {
                if let Some(source) = phrase_right(r, by + 1, true) {
                    // A label stands between "called" and "by" ("was called a
                    // disaster by"); "the strike was called by the union",
                    // "called off by" convene or cancel.
                    let label_verb = matches!(word, "called" | "branded" | "labeled" | "labelled" | "dubbed");
                    let labelled = by > v + 1 && !r.is(v + 1, WordClass::PARTICLE);
                    if class.is(WordClass::PASSIVE_CUE) && (!label_verb || labelled) {
                        found.push(Found { kind: CueKind::Passive, cue: r.span(p..by + 1), source: Some(source) });
                    }
                }
                continue;
            }
            if let Some(source) = subject_left(r, p) {
                if is_court(r, source) {
                    found.push(Found { kind: CueKind::Passive, cue: r.span(p..v + 1), source: Some(source) });
                }
            }
            continue;
        }
        let subject = subject_left(r, v);
        // "added that", "she added.", not "will add a surcharge"; "wrote to the council" is a letter sent.
        let next = r.lw(v + 1);
        if matches!(word, "add" | "adds" | "added" | "adding")
            && !(next == "that" || next.is_empty() || matches!(r.kind(v + 1), Some(Kind::Quote | Kind::Punct)))
            && !(r.kind(v - 1) == Some(Kind::Quote) || v >= 2 && r.kind(v - 2) == Some(Kind::Quote))
        {
            continue;
        }
        let quoted_before = r.tokens[..v].iter().any(|t| t.kind == Kind::Quote);
        if matches!(word, "write" | "writes" | "wrote" | "written" | "writing") && next == "to" && !quoted_before && !(v + 2..(v + 6).min(r.len())).any(|i| r.lw(i) == "that") {
            continue;
        }
        // "spoke about the plan", not "spoke only to confirm his name", "spoke
        // with the Gazette" (an interview given) or "spoke on condition of ...".
        if matches!(word, "speak" | "spoke" | "spoken" | "speaks" | "speaking")
            && (!matches!(next, "about" | "of" | "out" | "on" | "with" | "publicly" | "candidly") || matches!(next, "on" | "with") && matches!(r.lw(v + 2), "condition" | "the"))
        {
            continue;
        }
        // "who asked not to be named" asks for anonymity, "a reporter who asked
        // about finances" names a question's topic: they report nothing. A
        // poll's question is its finding ("when the poll asked about ...").
        let poll_asked = subject.is_some_and(|(s, e)| r.is(head_of(r, s, e), WordClass::DOCUMENT_HEAD));
        if matches!(word, "ask" | "asks" | "asked" | "asking") && (next == "not" || next == "about" && !poll_asked) {
            continue;
        }
        let particle = usize::from(word.starts_with("point"));
        let subject = match reporting {
            Some(true) => subject.filter(|&s| speaker_subject(r, s) && object_follows(r, v + particle)),
            _ => subject,
        };
        if subject.is_some() || inverted_position(r, v) {
            covered = cue_end;
        }
        if court && reporting.is_none() || word == "heard" {
            if let Some(source) = subject.filter(|&s| is_court(r, s)) {
                found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
            }
            continue;
        }
        if let Some(ambiguous) = reporting {
            if let Some(source) = subject {
                found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                continue;
            }
            // A second predicate of the sentence's subject: "X did not mention it, but told ...".
            let mut before = v;
            while before > 0 && (r.is(before - 1, WordClass::AUXILIARY) || adverb_at(r, before - 1)) && !r.is_proper(before - 1) {
                before -= 1;
            }
            let prev = if before > 0 { r.lw(before - 1) } else { "" };
            // A form that is also a noun needs its object here: not "and reports were filed".
            if matches!(prev, "and" | "but") && before >= 2 && (!ambiguous || object_follows(r, v)) {
                if let Some(source) = sentence_subject(r, before - 1).filter(|&(s, _)| s + 1 < before) {
                    found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                    covered = cue_end;
                }
                continue;
            }
            // A participle after a comma speaks for the sentence's subject:
            // "X was less forgiving, writing in a note that ...".
            if word.ends_with("ing") && v > 0 && r.is_punct(v - 1, ",") {
                if let Some(source) = sentence_subject(r, v - 1) {
                    found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                }
                continue;
            }
            if !ambiguous && inverted_position(r, v) {
                let at = skip_time(r, cue_end);
                let opens_phrase = r.is_proper(at)
                    || r.is(at, WordClass::DEFINITE)
                    || r.is(at, WordClass::INDEFINITE)
                    || r.is(at, WordClass::TITLE)
                    || (at..(at + 4).min(r.len())).take_while(|&i| r.is_word(i) || r.kind(i) == Some(Kind::Number)).any(|i| r.is_proper(i));
                if let Some(source) = phrase_right(r, at, true).filter(|_| opens_phrase || r.is(at, WordClass::PRONOUN)) {
                    found.push(Found { kind: CueKind::Verb, cue, source: Some(source) });
                    continue;
                }
            }
        }
        if evidence {
            if let Some((start, end)) = subject {
                let head = head_of(r, start, end);
                // "Military Times found that", "He found that": a finding of a named one.
                let named_finding = (r.is_proper(head) || r.is(head, WordClass::PRONOUN_PERSON | WordClass::PRONOUN_GROUP)) && r.lw(v + 1) == "that";
                // "an arbitration panel found", "a federal judge found that": a ruling.
                if r.is(head, WordClass::DOCUMENT_HEAD) || named_finding || is_court(r, (start, end)) {
                    found.push(Found { kind: CueKind::Evidence, cue, source: Some((start, end)) });
                }
            }
        }
    }
}

/// A stance verb's object within its next two words, past a time between
/// them: "raised concerns", "voiced serious doubts", "has been publishing
/// since May revelations on ...".
fn stance_object_follows(r: &Reading, v: usize) -> bool {
    let mut at = v + 1;
    // "since May", "on Monday", "last week": skipped.
    while r.is(at, WordClass::TIME | WordClass::CALENDAR | WordClass::PREPOSITION | WordClass::ADVERB) && (r.is(at + 1, WordClass::TIME | WordClass::CALENDAR) || r.kind(at + 1) == Some(Kind::Number) || r.is(at, WordClass::CALENDAR)) {
        at += if r.is(at, WordClass::CALENDAR) { 1 } else { 2 };
        while r.kind(at) == Some(Kind::Number) {
            at += 1;
        }
    }
    (at..(at + 2).min(r.len())).any(|i| r.is(i, WordClass::STANCE_OBJECT))
}

/// A publication verb's object is a report, a statement or data within its
/// next four words: "released its findings", "has published a new study",
/// "released their fundraising totals"; not "released the prisoners".
fn publication_follows(r: &Reading, v: usize) -> bool {
    // "will publish its results in March" announces, it does not report.
    let before = (0..v).rev().find(|&i| !adverb_at(r, i));
    if before.is_some_and(|i| r.is(i, WordClass::MODAL) || matches!(r.lw(i), "will" | "shall")) {
        return false;
    }
    (v + 1..(v + 5).min(r.len()))
        .take_while(|&i| r.is_word(i) || r.kind(i) == Some(Kind::Possessive) || r.kind(i) == Some(Kind::Number))
        .any(|i| r.is(i, WordClass::PUBLICATION_OBJECT))
}

/// "“…,” he continued.", "He went on: “…”": a verb that reports only beside a
/// quotation (`grammar.txt`, `quote_verb`), since "the talks continued" reports nothing.
fn quote_verbs(r: &Reading, found: &mut Vec<Found>) {
    if !r.held.is(WordClass::QUOTE_VERB) {
        return;
    }
    for (v, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || !token.classes.is(WordClass::QUOTE_VERB) || v == 0 || found.iter().any(|f| f.cue.start == token.span.start) {
            continue;
        }
        let quote_at = |i: usize| r.kind(i) == Some(Kind::Quote) || r.is_punct(i, "\"");
        // "…,” continued Mr. Halek": the speaker after the verb.
        if quote_at(v - 1) || r.is_punct(v - 1, ",") && v >= 2 && quote_at(v - 2) {
            if let Some(source) = phrase_right(r, v + 1, true).filter(|&(s, _)| r.is_proper(s) || r.is(s, WordClass::DEFINITE | WordClass::TITLE)) {
                found.push(Found { kind: CueKind::Verb, cue: r.span(v..v + 1), source: Some(source) });
                continue;
            }
        }
        // "…,” he continued" or "He continued: “…”": the speaker before it.
        let Some((start, end)) = subject_left(r, v) else { continue };
        let quote_before = start > 0 && (quote_at(start - 1) || r.is_punct(start - 1, ",") && start >= 2 && quote_at(start - 2));
        // A colon that ends the sentence: the quotation is the next paragraph.
        let quote_after = quote_at(v + 1) || (r.is_punct(v + 1, ":") || r.is_punct(v + 1, ",")) && quote_at(v + 2) || r.is_punct(v + 1, ":") && v + 2 == r.len();
        if (quote_before || quote_after) && speaker_subject(r, (start, end)) {
            found.push(Found { kind: CueKind::Verb, cue: r.span(v..v + 1), source: Some((start, end)) });
        }
    }
}

/// "Trump's claim that ...", "her call for ...", "his repeated attacks on
/// ...": a noun of speech with its owner before it and its content after it
/// credits the content to the owner.
fn speech_nouns(r: &Reading, found: &mut Vec<Found>) {
    if !r.held.is(WordClass::SPEECH_NOUN) {
        return;
    }
    for (n, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || !token.classes.is(WordClass::SPEECH_NOUN) || n == 0 || found.iter().any(|f| f.cue.start == token.span.start) {
            continue;
        }
        // Its content: "that", "about", "of", "on", "for", "against", a colon or a quotation.
        let content = matches!(r.lw(n + 1), "that" | "about" | "of" | "on" | "for" | "against") || r.is_punct(n + 1, ":") || r.kind(n + 1) == Some(Kind::Quote);
        if !content {
            continue;
        }
        // Its owner, past an adjective or two: "Trump's latest", "his repeated".
        let mut at = n - 1;
        while at > 0 && n - at <= 2 && r.is_word(at) && !r.is(at, WordClass::PRONOUN | WordClass::DEFINITE | WordClass::INDEFINITE) && !r.is_proper(at) {
            at -= 1;
        }
        let source = if r.kind(at) == Some(Kind::Possessive) {
            // The owner alone: a name ("Trump's"), or a phrase from its determiner ("the mayor's").
            let names = (0..at).rev().take_while(|&i| r.is_proper(i) || r.is_punct(i, ".")).last();
            let phrase = (at.saturating_sub(4)..at).rev().find(|&i| r.is(i, WordClass::DEFINITE | WordClass::INDEFINITE));
            names.or(phrase).map(|start| (start, at))
        } else if matches!(r.lw(at), "his" | "her" | "their") {
            Some((at, at + 1))
        } else {
            None
        };
        if let Some(source) = source.filter(|&(s, e)| (s..e).any(|i| r.is_proper(i) || r.is(i, WordClass::PRONOUN | WordClass::DEFINITE))) {
            found.push(Found { kind: CueKind::Verb, cue: r.span(n..n + 1), source: Some(source) });
        }
    }
}

/// After a verb form that is also a noun: what a reporting verb takes
/// ("claims that", "warns: “...”", "denies the report"), not a noun's company
/// ("warning in place", "reports of").
fn object_follows(r: &Reading, v: usize) -> bool {
    let mut next = v + 1;
    while r.is(next, WordClass::CALENDAR) || (r.lw(next) == "on" && r.is_proper(next + 1)) {
        next += if r.lw(next) == "on" { 2 } else { 1 };
    }
    let w = r.lw(next);
    // "...,” Fox News reported.": the quotation before is the object.
    let after_quote = next >= r.len() || r.is_punct(next, ".");
    if after_quote && r.tokens[..v].iter().any(|t| t.kind == Kind::Quote) {
        return true;
    }
    // "..., the Harwick Gazette reports.": the clause before the comma is the object.
    if after_quote && subject_left(r, v).is_some_and(|(start, _)| start > 0 && r.is_punct(start - 1, ",")) {
        return true;
    }
    w == "that"
        // "warning voters that", "assured investors that": a listener, then the content.
        || r.is_word(next) && !r.is(next, WordClass::CLAUSE | WordClass::PREPOSITION) && r.lw(next + 1) == "that"
        || matches!(w, "whether" | "how" | "why" | "if" | "what" | "who")
        || (matches!(w, "for" | "on") && r.lw(v).starts_with("call"))
        || matches!(r.kind(next), Some(Kind::Quote))
        || r.is_punct(next, ":")
        || r.is(next, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::PRONOUN)
        || r.is_proper(next)
        || matches!(w, "it" | "him" | "her" | "them" | "us" | "me")
}

/// The cue runs over a listener ("told reporters"), a frame ("said in a
/// statement"), a platform ("wrote on X") or a particle ("pointed out").
fn cue_extent(r: &Reading, v: usize) -> usize {
    let word = r.lw(v);
    let mut end = v + 1;
    if matches!(r.lw(end), "out" | "to") && word.starts_with("point") {
        return end + 1;
    }
    if word == "put" {
        return end + 1;
    }
    if matches!(word, "told" | "tell" | "tells" | "telling") {
        // The listener: "reporters", "the jury", "Radio Fenwick", "this newspaper", "us".
        if r.is_word(end) && !r.is(end, WordClass::CLAUSE) {
            let mut i = end;
            if r.is(i, WordClass::DEFINITE) || r.is(i, WordClass::INDEFINITE) {
                i += 1;
            }
            if r.is_proper(i) {
                while r.is_proper(i) {
                    i += 1;
                }
            } else if r.is_word(i) && !r.is(i, WordClass::CLAUSE) && !r.is(i, WordClass::PREPOSITION) {
                i += 1;
            }
            end = i.max(end + 1).min(r.len());
        }
    }
    // "in a statement", "in an interview".
    let determiner = matches!(r.lw(end + 1), "a" | "an" | "the" | "his" | "her" | "its" | "their");
    if r.lw(end) == "in" && determiner && r.is(end + 2, WordClass::REPORT_FRAME) {
        end += 3;
    } else if r.lw(end) == "in" && determiner && r.is(end + 3, WordClass::REPORT_FRAME) && r.is_word(end + 2) {
        end += 4;
    } else if matches!(word, "wrote" | "writes" | "write" | "writing" | "said" | "says" | "posted" | "tweeted" | "evoked" | "announced")
        && r.lw(end) == "on"
        && r.is_proper(end + 1)
    {
        end += 2;
    }
    end.min(r.len())
}

/// After "said": time words that belong to the cue ("said on Tuesday", "said
/// later"). A determiner or a preposition among them ("this", "last", "on")
/// belongs to the time only before a time word: "said this week", not "said
/// this source".
fn skip_time(r: &Reading, mut at: usize) -> usize {
    while at < r.len() && (r.is(at, WordClass::TIME) || r.is(at, WordClass::CALENDAR)) && !r.is_proper(at) {
        let opens_time = r.is(at, WordClass::DEFINITE | WordClass::PREPOSITION) || r.lw(at) == "last";
        if opens_time && !(r.is(at + 1, WordClass::TIME | WordClass::CALENDAR) || r.kind(at + 1) == Some(Kind::Number)) {
            break;
        }
        at += 1;
    }
    at
}

/// The passive auxiliary before verb `v` ("was", "has been"), if the verb is a passive.
fn passive_auxiliary(r: &Reading, v: usize) -> Option<usize> {
    let word = r.lw(v);
    if !(word.ends_with("ed") || matches!(word, "told" | "said" | "written" | "heard" | "shown" | "found")) {
        return None;
    }
    let mut i = v;
    while i > 0 && (adverb_at(r, i - 1) || matches!(r.lw(i - 1), "first" | "also" | "later" | "initially" | "widely" | "previously")) {
        i -= 1;
    }
    (i > 0 && r.is(i - 1, WordClass::PASSIVE)).then(|| i - 1)
}

/// Whether the source phrase is a court, a jury or an inquest (verdict rules, point 3).
fn is_court(r: &Reading, (start, end): (usize, usize)) -> bool {
    let head = head_of(r, start, end);
    matches!(r.lw(head), "court" | "jury" | "inquest" | "tribunal" | "hearing" | "trial" | "judge" | "judges" | "justices" | "coroner" | "committee" | "inquiry" | "panel")
}

/// Whether a reporting verb at `v` stands where its subject follows it: after a
/// quotation, a comma, a dash or a colon ("…,” said X", "..., said X").
fn inverted_position(r: &Reading, v: usize) -> bool {
    if v == 0 {
        return false;
    }
    let mut i = v - 1;
    // "…,” she said" is not inverted, but "…,” added the minister" is.
    while i > 0 && r.is(i, WordClass::AUXILIARY) {
        i -= 1;
    }
    // An unpaired closing mark is a quotation's end too ("Thanks all!” wrote X").
    r.kind(i) == Some(Kind::Quote) || r.is_punct(i, ",") || r.is_punct(i, "\u{2014}") || r.is_punct(i, "-") || r.is_punct(i, "\"") && i > 0
}

/// "Some analysts believe", "former colleagues remember": a stance held by
/// its subject. Found here for any subject; only one that cannot be
/// identified makes it an attribution (a minister's belief is hers to state,
/// a vague group's is hearsay: verdict rules, point 10).
fn beliefs(r: &Reading, found: &mut Vec<Found>) {
    if !r.held.is(WordClass::BELIEF_VERB) {
        return;
    }
    for (v, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || !token.classes.is(WordClass::BELIEF_VERB) || v == 0 || r.is_capitalised_word(v) {
            continue;
        }
        // "to believe", "do not fear", "must think": no stance held.
        let prev = v - 1;
        if r.is(prev, WordClass::NEGATION | WordClass::MODAL | WordClass::DEFINITE) || matches!(r.lw(prev), "to" | "a" | "an") || v >= 2 && r.is(v - 2, WordClass::NEGATION) {
            continue;
        }
        if found.iter().any(|f| f.cue.start <= r.span(v..v + 1).start && r.span(v..v + 1).end <= f.cue.end) {
            continue;
        }
        // "Republicans who agree that ...": a relative clause.
        let mut before = v;
        while before > 0 && (r.is(before - 1, WordClass::AUXILIARY) || adverb_at(r, before - 1)) && !r.is_proper(before - 1) {
            before -= 1;
        }
        if before > 0 && r.is(before - 1, WordClass::CLAUSE) {
            continue;
        }
        let Some((start, end)) = subject_left(r, v) else { continue };
        // The sentence's own subject, not one inside a relative or
        // subordinate clause ("a man who many believe betrayed them", "the
        // profit that analysts expected"), holding a stance on something
        // ("believe that", "fear the plan"; not "felt betrayed"), and a
        // subject that can hold one (people, not "any lingering doubts").
        let main_clause = sentence_subject(r, v).is_some_and(|(s, _)| s == start) && !(start > 0 && r.is(start - 1, WordClass::CLAUSE) && !matches!(r.lw(start - 1), "and" | "but" | "so"));
        if main_clause && object_follows(r, v) && speaker_subject(r, (start, end)) {
            found.push(Found { kind: CueKind::Belief, cue: r.span(v..v + 1), source: Some((start, end)) });
        }
    }
}

/// "rated outstanding by the inspectorate", "named best restaurant by the
/// guide": a rating or an award credited to its agent (verdict rules, point
/// 12), with or without the passive's auxiliary ("The bistro, named ...").
/// An award verb counts only before a superlative: "named chief executive by
/// the board" is an appointment, not a rating.
fn ratings(r: &Reading, found: &mut Vec<Found>) {
    if !r.held.is(WordClass::RATING | WordClass::AWARD) {
        return;
    }
    for (v, token) in r.tokens.iter().enumerate() {
        if token.kind != Kind::Word || !token.classes.is(WordClass::RATING | WordClass::AWARD) {
            continue;
        }
        let Some(by) = (v + 1..(v + 6).min(r.len())).take_while(|&i| r.is_word(i) || r.kind(i) == Some(Kind::Number)).find(|&i| r.lw(i) == "by") else {
            continue;
        };
        if r.is(v, WordClass::AWARD) && !(v + 1..by).any(|i| r.is(i, WordClass::SUPERLATIVE) || r.lw(i).ends_with("est")) {
            continue;
        }
        // A passive: after its auxiliary, or a participle whose complement
        // is no object ("rated outstanding by", not "voters rated the
        // economy as good by a ratio of ...").
        let auxiliary = passive_auxiliary(r, v).is_some();
        let object = r.is(v + 1, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::PRONOUN) || r.is_proper(v + 1);
        if !auxiliary && object {
            continue;
        }
        // The agent must read as a source: a name, a determiner, or a body.
        let Some((start, end)) = phrase_right(r, by + 1, false) else { continue };
        let head = head_of(r, start, end);
        let opens = r.is(start, WordClass::DEFINITE | WordClass::INDEFINITE) || (start..end).any(|i| r.is_proper(i) || r.is(i, SPEAKER_WORDS | WordClass::INSTITUTION));
        if opens && !r.is(head, WordClass::NOT_SOURCE) && !found.iter().any(|f| f.cue.start == r.span(v..v + 1).start) {
            found.push(Found { kind: CueKind::Passive, cue: r.span(v..by + 1), source: Some((start, end)) });
        }
    }
}

/// "Wen: “...”" and, at the start of a block, an interview answer "Ana Ruiz: ...".
fn colon(r: &Reading, opens_block: bool, found: &mut Vec<Found>) {
    for c in 1..r.len() {
        if r.tokens[c].kind != Kind::Punct || !r.is_punct(c, ":") {
            continue;
        }
        // "Q: ...", "Interviewer: ...": the interviewer is no source.
        if c == 1 && r.is(0, WordClass::QUESTION_LABEL) {
            continue;
        }
        let quote_follows = r.kind(c + 1) == Some(Kind::Quote) && (0..c).any(|i| r.text(i).chars().count() > 1);
        let speaker_label =
            opens_block && c <= 4 && (0..c).all(|i| r.is_proper(i) || r.is_punct(i, ".")) && (0..c).any(|i| r.is_proper(i) && r.text(i).chars().count() > 1);
        if !(quote_follows || speaker_label) {
            continue;
        }
        // "X said:" is the verb's, not the colon's.
        if r.is(c - 1, WordClass::REPORTING_VERB) || found.iter().any(|f| f.cue.end >= r.span(c - 1..c).end && f.cue.start < r.span(c..c + 1).start) {
            continue;
        }
        if let Some((start, end)) = np_left(r, c) {
            let short = end - start <= 6 && (start..end).any(|i| r.is_proper(i) || r.is(i, WordClass::PRONOUN));
            // "Mr. Halek gloated:" ends in its verb: the subject is read below.
            let ends_in_verb = quote_follows && !r.is_proper(end - 1) && speaker_opening(r, c).is_some_and(|(s, e)| s == start && e < end);
            if short && !ends_in_verb && (start == 0 || speaker_label || r.kind(start - 1) == Some(Kind::Punct)) {
                found.push(Found { kind: CueKind::Colon, cue: r.span(c..c + 1), source: Some((start, end)) });
                continue;
            }
        }
        // "Mr. Halek gloated: “...”", "Ana Ruiz, a reader, agreed: “...”": the
        // sentence's subject introduces the quotation, whatever its verb.
        let cue_before = found.iter().any(|f| f.cue.start < r.span(c..c + 1).start);
        if quote_follows && !cue_before {
            if let Some(subject) = speaker_opening(r, c) {
                found.push(Found { kind: CueKind::Colon, cue: r.span(c..c + 1), source: Some(subject) });
            }
        }
    }
}

/// The speaker that opens a sentence, before `before`: a name, a pronoun, or a
/// phrase of speaker words ("Mr. Halek", "she", "the union's spokeswoman").
fn speaker_opening(r: &Reading, before: usize) -> Option<(usize, usize)> {
    let (start, end) = sentence_subject(r, before)?;
    if r.is(start, WordClass::PRONOUN) {
        return Some((start, start + 1));
    }
    let stop = (start..end)
        .find(|&i| {
            let phrase_word = r.is(i, WordClass::DEFINITE | WordClass::INDEFINITE | SPEAKER_WORDS) || is_plural_of(r, i, SPEAKER_WORDS);
            !(r.is_proper(i) || r.is_punct(i, ".") || r.kind(i) == Some(Kind::Possessive) || phrase_word)
        })
        .unwrap_or(end);
    (stop > start && speaker_subject(r, (start, stop))).then_some((start, stop))
}

/// "“...” — Jane Roe, a reader".
pub(crate) fn dash(r: &Reading, found: &mut Vec<Found>) {
    for d in 1..r.len() {
        if r.tokens[d].kind != Kind::Punct || !(r.is_punct(d, "\u{2014}") || r.is_punct(d, "-")) || !(r.kind(d - 1) == Some(Kind::Quote) || r.is_punct(d - 1, "\"")) {
            continue;
        }
        if let Some(source) = phrase_right(r, d + 1, true) {
            if (source.0..source.1).any(|i| r.is_proper(i)) {
                found.push(Found { kind: CueKind::Dash, cue: r.span(d..d + 1), source: Some(source) });
            }
        }
    }
}

/// The (cue, source) texts a language's rules find in one sentence, for the
/// unit tests of every language's cue rules.
#[cfg(test)]
pub(crate) fn cues_in(sentence: &str, lang: crate::lang::Lang) -> Vec<(String, String)> {
    let text = crate::text::Text::new(std::slice::from_ref(&sentence));
    let quotes: Vec<Span> = crate::quotes::pair(&text).iter().filter(|q| !q.nested).map(|q| q.span).collect();
    let vocab = crate::tokens::PageWords::default();
    let r = Reading::new(&text.norm, &text.lower, Span::new(0, text.norm.len()), &quotes, crate::lexicon::get(lang), &vocab);
    let mut found = Vec::new();
    crate::lang::rules::find_cues(&r, true, &mut found);
    found
        .into_iter()
        .map(|f| {
            let source = f.source.map(|(s, e)| r.span(s..e)).map(|s| text.norm[s.start..s.end].to_string()).unwrap_or_default();
            (text.norm[f.cue.start..f.cue.end].to_string(), source)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (cue, source) texts found in `sentence`; quotations are marked with `"`.
    fn cues(sentence: &str) -> Vec<(String, String)> {
        cues_in(sentence, Lang::En)
    }

    macro_rules! cases {
        ($($name:ident: $sentence:expr => [$(($cue:expr, $source:expr)),*];)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<(String, String)> = vec![$(($cue.to_string(), $source.to_string())),*];
                assert_eq!(cues($sentence), expected, "{}", $sentence);
            }
        )*};
    }

    cases! {
        quote_then_attribution: "\"We have been patient,\" said Teodor Halek, the union's general secretary." =>
            [("said", "Teodor Halek, the union's general secretary")];
        quote_then_subject_verb: "\"Nobody is losing their job,\" Miriam Kjaer told reporters." => [("told reporters", "Miriam Kjaer")];
        attribution_then_quote: "Wen said: \"We have enough phones.\"" => [("said", "Wen")];
        interrupted_quote: "\"What we have offered,\" she said, \"is retraining.\"" => [("said", "she")];
        relative_clause_is_skipped: "Halek, who has led the union since a bitter dispute in 2017, said the walkout would continue." => [("said", "Halek")];
        apposition_is_kept: "Halvorsen-Bakke, the granddaughter of the founder, said the group would close stores." =>
            [("said", "Halvorsen-Bakke, the granddaughter of the founder")];
        indirect_speech: "The minister said the plan would cost more." => [("said", "The minister")];
        said_that: "The union says that the plan would eliminate 900 jobs." => [("says", "The union")];
        according_to: "The strike cost 1.1 billion euros, according to the Institute for Maritime Economics." =>
            [("according to", "the Institute for Maritime Economics")];
        according_to_then_clause: "According to his team, the rider broke his pelvis." => [("According to", "his team")];
        citing: "The newspaper, citing two people close to the board, had reported a sale." =>
            [("citing", "two people close to the board"), ("reported", "The newspaper")];
        told_outlet: "Four people told The Morning Ledger that the decision was taken early." => [("told The Morning Ledger", "Four people")];
        in_a_statement: "Veldhaven said in a statement that it supports the board." => [("said in a statement", "Veldhaven")];
        wrote_on_platform: "The mayor wrote on Facebook that a shelter had opened." => [("wrote on Facebook", "The mayor")];
        auxiliaries_and_adverbs: "The firm has also repeatedly denied the report." => [("denied", "The firm")];
        colon_before_quote: "Quote of the day: Jane Roe: \"Never leave early.\"" => [(":", "Jane Roe")];
        horizontal_bar_credit: "\u{201c}The pier is safe.\u{201d}\u{2015} Ana Ruiz" => [("\u{2014}", "Ana Ruiz")];
        credit_after_an_unpaired_mark: "The pier is safe.\u{201d} \u{2014} Ana Ruiz" => [("\u{2014}", "Ana Ruiz")];
        subject_introducing_a_quote_with_a_colon: "Mr. Halek gloated: \"I told you so.\"" => [(":", "Mr. Halek")];
        pronoun_introducing_a_quote_with_a_colon: "She then turned to the crowd again: \"We stay.\"" => [(":", "She")];
        according_to_a_title: "According to \"Tides of Harwick\", a 2019 book by Ana Ruiz, the pier was built in 1890." =>
            [("According to", "\"Tides of Harwick\", a 2019 book by Ana Ruiz")];
        em_dash_credit: "\"Concrete is honest.\" \u{2014} Ilse Marrow, in a 1971 lecture" => [("\u{2014}", "Ilse Marrow")];
        passive_with_agent: "Her death was confirmed by her son, the cellist Anton Marrow." => [("was confirmed by", "her son, the cellist Anton Marrow")];
        court_heard: "The manager stole the money, a court heard on Monday." => [("heard", "a court")];
        jury_was_told: "The jury was told the transfers were authorised." => [("was told", "The jury")];
        report_lists: "The report lists all three wells as compliant." => [("lists", "The report")];
        figures_show: "Figures from the port authority show 41 vessels were waiting." => [("show", "Figures from the port authority")];
        participle_after_comma: "Jonas Wahlberg was less forgiving, writing in a note to clients that it hurts." => [("writing in a note", "Jonas Wahlberg")];
        inverted_with_day: "Talks will resume, said the union on Tuesday." => [("said", "the union")];
        pointed_out: "The analyst pointed out that sales rose." => [("pointed out", "The analyst")];
        as_she_put_it: "Or, as one of his predecessors put it: \"A tram is a promise.\"" => [("put it", "one of his predecessors")];
        who_said_resolves_to_the_phrase_before: "Reeve, who said he was innocent, resigned." => [("said", "Reeve")];
        relative_clause_without_commas: "Friends of the mayor who have watched her campaign say she is tired." => [("say", "Friends of the mayor")];
        object_pronoun_is_not_the_subject: "Groups that have endorsed him say the vote was fair." => [("say", "Groups")];
        long_is_an_adverb_before_the_verb: "Anglers have long complained about the weir." => [("complained", "Anglers")];
        posted_is_a_reporting_verb: "The councillor posted that the ferry would stop." => [("posted", "The councillor")];
        coordination_completing_a_preposition: "Experts on Estonia and maritime law said the ruling stands." =>
            [("said", "Experts on Estonia and maritime law")];
        connective_between_commas_is_skipped: "Some residents, however, question the plan." => [("question", "Some residents")];
        opening_adverbial_is_not_an_address: "In May, Tomas Reyes, vice chairman of Keel Ltd, told the Harwick Gazette that the yard would close." =>
            [("told the Harwick Gazette", "Tomas Reyes, vice chairman of Keel Ltd")];
        noun_verb_closing_the_sentence: "The yard lost money for years, the Harwick Gazette reports." => [("reports", "the Harwick Gazette")];
        added_right_after_a_quote: "\"The ferry is finished,\" added a councillor." => [("added", "a councillor")];
        almost_before_the_verb: "Anglers almost always complained about the weir." => [("complained", "Anglers")];
    }

    cases! {
        coordination_of_clauses_is_not_joined: "The firm cut jobs and analysts said the shares fell." => [("said", "analysts")];
        reports_as_a_noun_after_and: "The yard lost money and reports were filed." => [];
        a_thing_introducing_a_quote_is_no_speaker: "An old banner carried one word: \"Stay.\"" => [];
        subject_after_that_is_its_own: "The inspector said that the two engineers say the bridge is safe." =>
            [("said", "The inspector"), ("say", "the two engineers")];
    }

    cases! {
        the_said_company_is_not_a_cue: "The said company closed in 2019." => [];
        claims_as_a_noun_is_not_a_cue: "The claims were rejected in court." => [];
        said_inside_a_quote_is_not_a_cue: "\"I said no to them.\"" => [];
        negated_verb_is_not_a_cue: "Pennock did not respond to requests for comment." => [];
        infinitive_is_not_a_cue: "She refused to say where the money went." => [];
        called_off_is_not_a_cue: "The union called off the strike." => [];
        according_to_plan_is_not_a_cue: "Delivery is going according to plan." => [];
        sources_of_funding_is_not_a_cue: "He looked for other sources of funding." => [];
        panel_of_experts_is_not_a_cue: "A panel of experts met in Geneva last month." => [];
        found_with_a_person_is_not_evidence: "The police found the car on Monday." => [];
        heard_without_a_court_is_not_a_cue: "Residents heard the explosion." => [];
        asked_opening_a_sentence_is_not_a_cue: "Asked about it, he smiled." => [];
        colon_before_a_list_is_not_a_cue: "The plan has three parts: cranes, carriers and trucks." => [];
        an_interviewer_s_label_is_not_a_speaker: "Interviewer: The port lost money last year." => [];
        nickname_quote_is_not_a_cue: "The so-called \"iPhone killer\" is aimed at buyers under 30." => [];
    }

    // Stances: found for any subject of the sentence's own clause (only an
    // unidentified one makes an attribution: see attribution.rs).
    cases! {
        a_vague_group_believes: "Some analysts believe the port will lose its contract." => [("believe", "Some analysts")];
        former_colleagues_remember: "Former colleagues remember a demanding and sometimes ferocious boss." => [("remember", "Former colleagues")];
        a_belief_inside_a_relative_clause_is_none: "He hired a man who many believe betrayed the union." => [];
        a_belief_after_who_is_none: "Residents who fear the plan were angry about the meeting." => [];
        a_feeling_without_an_object_is_none: "Some workers felt betrayed by the decision." => [];
        a_belief_in_an_infinitive_is_none: "It is hard to believe the port will close." => [];
        a_noun_that_looks_like_the_verb_is_none: "If there were any lingering doubts about it, they are gone." => [];
    }

    // Ratings and awards credited to their agent.
    cases! {
        rated_by_an_inspectorate: "The school was rated outstanding by the inspectorate Estyn." => [("rated outstanding by", "the inspectorate Estyn")];
        named_best_by_a_guide_without_its_auxiliary: "The bistro, named best restaurant by the Gourmand Guide, closed on Sunday." =>
            [("named best restaurant by", "the Gourmand Guide")];
        an_appointment_is_no_award: "The board named her chief executive by a vote of five to two." => [];
        an_active_rating_by_a_ratio_is_none: "Voters rated the economy as good by a ratio of four to one." => [];
    }

    // Reports by a named outlet: a publication verb with a report's object.
    cases! {
        publishing_revelations_is_a_report: "Kestrel has been publishing since April revelations on the watch." => [("publishing", "Kestrel")];
        publishing_findings: "The inspectorate published findings that the port was unsafe." => [("published", "The inspectorate")];
        publishing_a_novel_is_no_report: "Ana Ruiz published a novel in 2019." => [];
        released_findings: "The agency released its findings on Monday." => [("released", "The agency")];
        releasing_prisoners_is_no_report: "The operator released the prisoners on Monday." => [];
        a_conditional_perfect_is_no_report: "The management would have proposed a bonus of 300 euros." => [];
        a_plea_is_no_report: "The manager pleaded guilty to a misdemeanor charge." => [];
        a_participle_after_a_number_is_an_adjective: "Clinton led Sanders by nearly 300 pledged delegates." => [];
        a_pronoun_s_contraction_is_no_possessive: "He's predicted big wins in the races ahead." => [("predicted", "He")];
        a_count_before_its_verb_is_a_subject: "About four in 10 said they were angry." => [("said", "About four in 10")];
        a_claim_with_its_owner_and_content: "The candidate refuted a story about his claim that he had been offered a place." => [("claim", "his")];
        a_named_owner_s_comments_on: "Lawmakers distanced themselves from Trump's comments on the judge." => [("comments", "Trump")];
        a_claim_without_an_owner_is_none: "The claim that he had been offered a place was false." => [];
        comments_without_content_are_none: "Trump's comments angered many voters." => [];
        reason_as_a_noun_is_no_cue: "There was little reason for overconfidence among Democrats." => [];
        a_request_as_a_noun_is_no_cue: "It fell short of the mayor's original 1.9 million request." => [];
        a_publication_to_come_reports_nothing: "The retailer will publish full-year results on March 12." => [];
    }

    // Verbs that report only beside a quotation, and what stands between a subject and its verb.
    cases! {
        he_continued_after_a_quote: "\"The first loser would be the port,\" he continued." => [("continued", "he")];
        continued_before_a_quote: "The mayor continued: \"We will not move.\"" => [("continued", "The mayor")];
        talks_continued_is_no_cue: "The talks continued on Monday." => [];
        continued_before_a_colon_that_ends_the_sentence: "Cruz continued:" => [("continued", "Cruz")];
        a_verb_opening_the_sentence_before_its_speaker: "Stated Stone: \"The stakes are high.\"" => [("Stated", "Stone")];
        a_verb_opening_a_sentence_without_a_colon_is_none: "Said to be the oldest pier, it closed in May." => [];
        an_unpaired_closing_mark_inverts_the_verb: "Thanks to all of you!\" wrote Pete Hidalgo." => [("wrote", "Pete Hidalgo")];
        a_relative_clause_without_commas: "On Monday, current and former officials who spoke with the Harbour Gazette said the agency had become a shell." =>
            [("said", "current and former officials")];
        in_the_past_before_the_verb: "The mayor's close friends have in the past said she was tired." => [("said", "The mayor's close friends")];
        at_least_half_is_a_share: "At least half of voters in each district say the plan is right." => [("say", "At least half of voters in each district")];
        a_person_finding_that: "He found that incomes grew faster for dockers." => [("found", "He")];
        all_after_a_preposition_is_a_determiner: "The new poll of voters in all 50 states revealed a split." => [("revealed", "The new poll of voters in all 50 states")];
    }

    // Adverbs stand between a subject and its verb; they are never sources.
    cases! {
        an_adverb_without_ly_is_skipped: "Anglers have forever complained about the weir." => [("complained", "Anglers")];
        seldom_is_skipped: "The ministry has seldom commented on the dredging." => [("commented", "The ministry")];
        a_modal_before_an_adverb_reports_nothing: "Few anglers would ever admit it." => [];
        spoke_about_the_plan: "The mayor spoke about the plan at the meeting." => [("spoke", "The mayor")];
        spoke_with_the_paper_is_an_interview_given: "Officials spoke with the Gazette on Monday." => [];
        a_pronoun_is_the_whole_subject_of_a_second_predicate: "She greeted supporters in Houston and told them that the port would reopen." => [("told them", "She")];
        a_gerund_after_since_is_no_verb: "The campaign said he halted all speeches since announcing his bid." => [("said", "The campaign")];
        this_before_a_noun_is_no_time: "\"They knew it all,\" said this driver." => [("said", "this driver")];
        this_before_a_time_word_is_time: "\"They knew it all,\" said last week a driver from the port." => [("said", "a driver from the port")];
        a_time_after_the_source_is_the_cue_s: "\"They knew it all,\" said the driver this week." => [("said", "the driver")];
        a_relative_clause_after_an_apposition_is_about_the_name: "\"We stay,\" said Ann Rowe, a former backer of the mayor, who has since called on residents to stay." =>
            [("said", "Ann Rowe, a former backer of the mayor"), ("called", "Ann Rowe")];
    }

    // Issue 14: English cues met in political reporting.
    cases! {
        went_on_to_explain_is_the_next_thing_said: "Ruiz went on to explain that the pier was unsafe." => [("went on to explain", "Ruiz")];
        went_on_to_build_reports_nothing: "Ruiz went on to build a second pier." => [];
        charged_that_accuses: "The councillor charged that the tender was rigged." => [("charged", "The councillor")];
        charged_someone_with_a_crime_accuses: "Prosecutors charged two developers with fraud." => [("charged", "Prosecutors")];
        charged_a_price_is_a_bill: "The garage charged the council 5,000 euros for the repairs." => [];
        asked_about_names_a_topic_only: "A reporter who asked about the budget was turned away." => [];
        a_poll_that_asked_about_reports_its_finding: "When the poll asked about the ferry, most voters backed it." => [("asked", "the poll")];
        an_arbitration_panel_found: "An arbitration panel found that the port had breached the contract." => [("found", "An arbitration panel")];
        the_judges_found: "The judges found that the port had breached the contract." => [("found", "The judges")];
        a_court_ruled: "The appeals court ruled that the ban was lawful." => [("ruled", "The appeals court")];
        a_listener_before_that: "The mayor is warning voters that the ferry would close." => [("warning", "The mayor")];
        called_by_is_a_passive_label: "The plan was called a disaster by the union." => [("was called a disaster by", "the union")];
        a_strike_called_by_a_union_is_no_label: "The stoppage was called by the dockers' union after talks broke down." => [];
        a_strike_called_off_by_a_union_is_no_label: "The stoppage was called off by the dockers' union." => [];
        labelled_by_is_a_passive_label: "The plan was labelled a disaster by the union." => [("was labelled a disaster by", "the union")];
        just_is_an_adverb: "The ministry has just announced the closure." => [("announced", "The ministry")];
    }

    // Issue 14: where an English subject phrase ends (src/noun_phrases.rs).
    cases! {
        an_unknown_verb_after_a_name_ends_the_subject: "Ruiz lauded the ferry crew, saying they had saved lives." => [("saying", "Ruiz")];
        a_measure_of_documents_is_a_phrase: "Ana Ruiz unleashed a series of tweets criticizing the ferry operator." => [("criticizing", "a series of tweets")];
        a_day_and_time_after_a_document_are_skipped: "The town released a statement Thursday night condemning the attack." =>
            [("released", "The town"), ("condemning", "a statement")];
        a_day_after_a_document_is_skipped: "The union issued a statement Monday saying the strike would go on." =>
            [("issued", "The union"), ("saying", "a statement")];
        a_particle_belongs_to_the_verb: "The harbour master put out a statement saying the pier was closed." => [("saying", "a statement")];
        a_relative_clause_without_that_has_its_own_subject: "The outrageous things the candidate had said about dockers angered the union." =>
            [("said", "the candidate")];
        an_auxiliary_after_a_determiner_is_an_adjective: "Her first book argued that the pier was unsafe." => [("argued", "Her first book")];
        earlier_after_a_determiner_is_an_adjective: "The earlier report said the pier was safe." => [("said", "The earlier report")];
        a_hyphenated_ing_word_is_an_adjective: "The union's fast-growing membership said the yard was doomed." => [("said", "The union's fast-growing membership")];
        however_with_its_comma_opens_the_sentence: "However, the mayor was less forgiving, writing that the pier was unsafe." => [("writing", "the mayor")];
        still_with_its_comma_opens_the_sentence: "Still, dockers did not mention the yard but told reporters that it was doomed." => [("told reporters", "dockers")];
        an_opening_adverb_with_its_comma: "Meanwhile, analysts believe the yard is doomed." => [("believe", "analysts")];
    }
}
