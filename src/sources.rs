//! Who a cue points to: classifying a source phrase, and resolving pronouns and roles.
//!
//! A source phrase is read by its head (the noun before any preposition or
//! apposition) and its determiner. In order:
//!
//! - a phrase holding an anonymity phrase ("familiar with the matter") is anonymous;
//! - a pronoun ("she", "they") stands for the last fitting source ([`Memory`]);
//! - a part of a group ("one of them", "some of the residents") is a vague group;
//! - a spokesperson speaks for a body: named, resolved to the body;
//! - a head that is a name ("Teodor Halek", "Lumora") is named, unless it is a
//!   vague group written with a capital ("Republicans");
//! - an anonymous role with an indefinite determiner ("a senior official", "two
//!   officials at the ministry") is anonymous, whatever ministry they are at;
//! - a vague plural ("analysts", "some residents") is a vague group;
//! - a document is named when its owner or publisher is named, anonymous when
//!   it is unnamed or leaked ("an email", "documents seen by");
//! - an institution ("police", "the court") is named;
//! - any other indefinite phrase ("a man", "one newspaper") is anonymous, a
//!   bare plural is a vague group, and a definite one ("the company", "the
//!   prosecutor") refers back to the last source with the same head, or is a
//!   unique role, named.

use std::rc::Rc;

use crate::documents::{self, Document};
use crate::lang::rules;
use crate::lexicon::{BodyKind, PronounKind, WordClass};
use crate::memory::{Classified, Memory};
use crate::noun_phrases::SPEAKER_WORDS;
use crate::sentence::SourceKind;
use crate::tokens::{Kind, Reading};


/// Tokens `i` and `i + 1` in lower case with one space between: a slice of
/// the text when it is written so, as it nearly always is (this is asked for
/// most sources, and a new string each time was a tenth of a call's allocations).
fn two_words<'r>(r: &'r Reading, i: usize) -> std::borrow::Cow<'r, str> {
    match (r.tokens.get(i), r.tokens.get(i + 1)) {
        (Some(a), Some(b)) if r.lower.get(a.span.end..b.span.start) == Some(" ") => r.lower[a.span.start..b.span.end].into(),
        _ => [r.lw(i), " ", r.lw(i + 1)].concat().into(),
    }
}



/// Reads the source phrase `r.tokens[start..end]`; `None` when it is not a source
/// at all ("according to plan").
pub fn classify(r: &Reading, start: usize, end: usize, memory: &Memory) -> Option<Classified> {
    let mut class = read_phrase(r, start, end, memory)?;
    // A body takes the kind its words give it ("the union Rail Together",
    // "the retail giant"), for a later "the union" or "the company" to find it.
    if class.body.is_none() && matches!(class.kind, SourceKind::Organisation | SourceKind::Outlet) {
        class.body = (start..end).filter(|&i| r.is_word(i)).find_map(|i| r.lex.body_kind(r.lw(i)));
    }
    Some(class)
}

/// [`classify`] without the kind of body.
fn read_phrase(r: &Reading, start: usize, end: usize, memory: &Memory) -> Option<Classified> {
    let lex = r.lex;
    // A title alone ("according to “Tides of Harwick”") identifies its document.
    if end == start + 1 && r.kind(start) == Some(Kind::Quote) {
        let title = phrase_text(r, start, end);
        return Some(Classified { kind: SourceKind::Document, name: Some(title), head: "title".into(), plural: false, person: false, body: None });
    }
    // An adverb is never a source ("have forever complained").
    if end == start + 1 && r.is(start, WordClass::ADVERB) {
        return None;
    }
    let mut start = start;
    while start < end && (matches!(r.lw(start), "but" | "and" | "so" | "yet" | "however" | "both") || !r.is_word(start)) {
        if r.kind(start) == Some(Kind::Number) {
            break;
        }
        start += 1;
    }
    if start >= end {
        return None;
    }
    let phrase = &r.lower[r.span(start..end).start..r.span(start..end).end];
    if lex.anonymous_phrases.is_match(phrase) {
        let head_at = rules::head_of(r, start, end);
        let head = r.lw(head_at);
        let kind = if r.is(head_at, WordClass::DOCUMENT_HEAD) { SourceKind::UnnamedDocument } else { SourceKind::Anonymous };
        let mut class = anonymous(r, start, end, kind, head);
        // "an unnamed docker": one person, whatever the noun ("people
        // familiar with the matter" are several).
        let plural_head = head.ends_with('s') && !head.ends_with("ss") || head == "people";
        class.person = kind == SourceKind::Anonymous && !plural_head;
        return Some(class);
    }
    // The first segment, before any comma or dash: the core of the phrase.
    let seg_end = (start..end).find(|&i| r.is_punct(i, ",") || r.is_punct(i, "\u{2014}") || r.is_punct(i, "(")).unwrap_or(end);
    // Pronouns.
    if seg_end - start == 1 {
        if let Some(kind) = r.pronoun(start) {
            return Some(memory.resolve_pronoun(kind, r.lw(start)));
        }
        if matches!(r.lw(start), "who" | "which" | "that") {
            return None;
        }
    }
    // "l'élue", "ce dernier": a noun that refers back as a pronoun does, after its determiner.
    if seg_end - start == 2 && r.is(start, WordClass::DEFINITE) {
        if let Some(kind) = r.pronoun(start + 1) {
            return Some(memory.resolve_pronoun(kind, r.lw(start + 1)));
        }
    }
    // A count in words ("six", "dozens") is a share too.
    let count_word = |i: usize| r.is(i, WordClass::QUANTIFIER) || (r.is(i, WordClass::INDEFINITE) && !matches!(r.lw(i), "a" | "an" | "another" | "other" | "certain"));
    // "most", "others", "9 percent", "one in three": a share of a group.
    if seg_end - start <= 3 && (0..seg_end - start).all(|k| {
        let i = start + k;
        let w = r.lw(i);
        count_word(i) || matches!(w, "others" | "percent" | "per" | "cent" | "in" | "about" | "nearly" | "almost" | "of" | "those") || r.kind(i) == Some(Kind::Number) || r.text(i) == "%"
    }) {
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, "of"));
    }
    // "One in four voters", "six in 10 Americans": a share of a group.
    if seg_end - start >= 3
        && (r.kind(start) == Some(Kind::Number) || count_word(start) || matches!(r.lw(start), "about" | "nearly" | "almost" | "more" | "fewer" | "only"))
        && (start + 1..(start + 3).min(seg_end)).any(|i| r.lw(i) == "in" || r.lw(i) == "of" && r.kind(i + 1) == Some(Kind::Number))
    {
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, "of"));
    }
    // The core: the first segment cut before its first preposition (but the
    // "of" after a measure) or clause word, or a pronoun that opens a relative clause without "that" ("the
    // experts I interviewed").
    let core_end = (start + 1..seg_end)
        .find(|&i| {
            let w = r.lw(i);
            r.is_word(i)
                && !r.is_proper(i)
                && (r.is(i, WordClass::PREPOSITION | WordClass::CLAUSE | WordClass::PARTICIPLE | WordClass::PRONOUN) || w == "not" || (w.ends_with("ed") && i > start + 1 && !r.is(i - 1, WordClass::DEFINITE)))
                // "a series of tweets": the head is what the measure counts.
                && !(w == "of" && r.is(i - 1, WordClass::MEASURE))
        })
        .unwrap_or(seg_end);
    // The last word of the core in English; French puts its adjectives after the noun.
    let head = rules::head_of(r, start, core_end);
    if !r.is_word(head) {
        // "85% of Democrats", "46 percent": a share of a group.
        if r.kind(start) == Some(Kind::Number) && (core_end < seg_end || r.text(start).ends_with('%')) {
            return Some(anonymous(r, start, end, SourceKind::VagueGroup, "of"));
        }
        return None;
    }
    let head_lw = r.lw(head);
    let head_class = r.classes(head);
    let det = r.lw(start);
    let definite = r.is(start, WordClass::DEFINITE) || (start + 1 < core_end && r.kind(start + 1) == Some(Kind::Possessive));
    // A count ("two officials") is indefinite; an age ("71-year-old diplomat") is not.
    let count = r.kind(start) == Some(Kind::Number) && r.text(start).chars().all(|c| c.is_ascii_digit() || c == ',');
    let indefinite = (r.is(start, WordClass::INDEFINITE) || count) && head > start;
    let possessive_owner = (start..core_end).find(|&i| r.kind(i) == Some(Kind::Possessive)).map(|i| i - 1);
    let proper_in = |a: usize, b: usize| (a..b).any(|i| is_name(r, i));
    let plural = head_lw.ends_with('s') && !head_lw.ends_with("ss") || matches!(head_lw, "people" | "police" | "men" | "women" | "children");
    let seen_by = phrase.contains("seen by") || phrase.contains("obtained by") || phrase.contains("leaked");

    if head_class.is(WordClass::NOT_SOURCE) && !definite && !indefinite {
        return None;
    }
    // "the 30 percent of voters", "a majority of residents".
    if matches!(head_lw, "percent" | "majority" | "minority" | "plurality" | "half" | "third" | "thirds" | "quarter" | "share" | "proportion" | "number" | "most" | "many") {
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    // A name in an apposition: "a spokesman, Brian Fallon"; "His barrister, Nicholas Grant".
    let appositive_name = (seg_end < end) && {
        let next_seg_end = (seg_end + 1..end).find(|&i| r.is_punct(i, ",")).unwrap_or(end);
        (seg_end + 1..next_seg_end).filter(|&i| r.is_proper(i) && !r.is(i, WordClass::TITLE)).count() >= 1
            && !r.is(seg_end + 1, WordClass::DEFINITE)
            && !r.is(seg_end + 1, WordClass::INDEFINITE)
    };
    let head_is_name = r.is_proper(head) && !head_class.is(WordClass::TITLE);
    if appositive_name && !head_is_name {
        let next_seg_end = (seg_end + 1..end).find(|&i| r.is_punct(i, ",")).unwrap_or(end);
        let name = display_name(r, seg_end + 1, next_seg_end, memory);
        return Some(Classified { kind: SourceKind::Person, name: Some(name), head: head_lw.into(), plural: false, person: true, body: None });
    }
    // "one of them", "some of the residents".
    if seg_end - start >= 3 && r.is(start, WordClass::QUANTIFIER) && r.lw(start + 1) == "of" {
        let rest = r.lw(start + 2);
        if let Some(kind) = r.pronoun(start + 2).or(if rest == "them" || rest == "those" { Some(PronounKind::Group) } else { None }) {
            let antecedent = memory.resolve_pronoun(kind, rest);
            if !antecedent.is_anonymous() && r.lw(start) == "one" && antecedent.kind == SourceKind::Organisation {
                return Some(anonymous(r, start, end, SourceKind::Anonymous, "one"));
            }
        }
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, "of"));
    }
    // Spokespeople speak for their body.
    if head_class.is(WordClass::SPOKESPERSON) || (head > start && lex.spokespeople.contains(two_words(r, head - 1).as_ref())) {
        let body = organisation_named_in(r, start, end, memory);
        return Some(Classified { kind: SourceKind::Organisation, name: body, head: head_lw.into(), plural: false, person: false, body: None });
    }
    let counted_group = indefinite && plural && r.is_capitalised_word(head) && !r.is(start, WordClass::TITLE);
    // "Republicans" is a vague group, "Senate Republicans" names who.
    let capitalised_group = head_class.is(WordClass::VAGUE_GROUP) && !proper_in(start, head);
    if head_is_name && !counted_group && !capitalised_group {
        let kind = named_kind(r, start, core_end);
        let name = display_name(r, start, core_end, memory);
        return Some(Classified { kind, name: Some(name), head: head_lw.into(), plural: false, person: kind == SourceKind::Person, body: None });
    }
    if appositive_name {
        let next_seg_end = (seg_end + 1..end).find(|&i| r.is_punct(i, ",")).unwrap_or(end);
        let name = display_name(r, seg_end + 1, next_seg_end, memory);
        return Some(Classified { kind: SourceKind::Person, name: Some(name), head: head_lw.into(), plural: false, person: true, body: None });
    }
    // A unique office: "the returning officer", "the coroner".
    if !indefinite && lex.offices.is_match(phrase) {
        return Some(Classified { kind: SourceKind::Person, name: Some(phrase_text(r, start, end)), head: head_lw.into(), plural: false, person: true, body: None });
    }
    // "our colleagues of the Echo of the Marsh": another newspaper, by its name.
    if det == "our" && head_class.is(WordClass::PEERS) && r.is(head + 1, WordClass::PREPOSITION) && (head + 2..end).any(|i| is_name(r, i)) {
        let name = display_name(r, head + 2, end, memory);
        return Some(Classified { kind: SourceKind::Outlet, name: Some(name), head: head_lw.into(), plural: false, person: false, body: None });
    }
    if head_class.is(WordClass::ANONYMOUS_ROLE) || plural && lex.classes(head_lw.trim_end_matches('s')).is(WordClass::ANONYMOUS_ROLE) {
        if indefinite || (!definite && possessive_owner.is_none()) || plural {
            let kind = if plural { SourceKind::VagueGroup } else { SourceKind::Anonymous };
            return Some(anonymous(r, start, end, kind, head_lw));
        }
        if let Some(antecedent) = memory.last(|e| *e.head == *head_lw) {
            return Some(antecedent.clone());
        }
        // "this source" is whoever the article last cited without naming,
        // whatever it called them ("an unnamed dock worker").
        if head_class.is(WordClass::INFORMANT) {
            if let Some(antecedent) = memory.last(|e| e.is_anonymous() && e.person) {
                return Some(antecedent.clone());
            }
        }
        if det == "the" || det == "this" || det == "that" {
            return Some(anonymous(r, start, end, SourceKind::Anonymous, head_lw));
        }
        return Some(Classified { kind: SourceKind::Person, name: Some(phrase_text(r, start, end)), head: head_lw.into(), plural, person: !plural, body: None });
    }
    if head_class.is(WordClass::DOCUMENT_HEAD) {
        let phrase = Document { start, end, head, definite, plural, possessive_owner: possessive_owner.is_some(), seen_by };
        return Some(documents::classify(r, &phrase, memory));
    }
    if head_class.is(WordClass::VAGUE_GROUP) {
        if definite {
            if let Some(antecedent) = memory.last(|e| *e.head == *head_lw) {
                return Some(antecedent.clone());
            }
        }
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    let body = WordClass::ORGANISATION | WordClass::OUTLET | WordClass::INSTITUTION;
    let someone = || (start..end).any(|i| r.is_word(i) && names_someone(r, i));
    if plural && !definite && !head_is_name && !head_class.is(body) && !lex.classes(head_lw.trim_end_matches('s')).is(body) {
        if let Some(antecedent) = memory.last(|e| *e.head == *head_lw) {
            return Some(antecedent.clone());
        }
        // "editorials", "policies", "tweets" are no group of people.
        if !someone() {
            return None;
        }
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    if plural && indefinite && !head_class.is(WordClass::INSTITUTION) {
        if !someone() {
            return None;
        }
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    if head_class.is(WordClass::INSTITUTION) {
        let name = organisation_named_in(r, start, end, memory).or_else(|| Some(phrase_text(r, start, core_end)));
        return Some(Classified { kind: SourceKind::Organisation, name, head: head_lw.into(), plural, person: false, body: None });
    }
    if indefinite {
        // "a man", "a campaign operative", "a wide array of economists":
        // someone unnamed; "a threat", "an emergency" are no one.
        if !someone() {
            return None;
        }
        return Some(anonymous(r, start, end, SourceKind::Anonymous, head_lw));
    }
    if !definite && possessive_owner.is_none() && plural && !proper_in(start, core_end) {
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    // "his surrogates", "their children": people close to someone, a group.
    if plural && matches!(det, "his" | "her" | "their" | "its") && !head_class.is(body | WordClass::DOCUMENT_HEAD) && names_someone(r, head) {
        if let Some(antecedent) = memory.last(|e| *e.head == *head_lw) {
            return Some(antecedent.clone());
        }
        return Some(anonymous(r, start, end, SourceKind::VagueGroup, head_lw));
    }
    // A definite role or body: the last source with the same head, or a unique role.
    if let Some(antecedent) = memory.last(|e| *e.head == *head_lw) {
        return Some(antecedent.clone());
    }
    if head_class.is(WordClass::ORGANISATION | WordClass::OUTLET) {
        let outlet = head_class.is(WordClass::OUTLET) && !head_class.is(WordClass::ORGANISATION);
        let kind = if outlet { SourceKind::Outlet } else { SourceKind::Organisation };
        // "the company" is the last body of its kind, or of no known kind: not
        // the union named before it (a role of another kind).
        let body = lex.body_kind(head_lw);
        if body.is_some() {
            if let Some(antecedent) = memory.last(|e| e.kind == kind && !e.is_anonymous() && e.name.is_some() && fits(e, body)) {
                return Some(antecedent.clone());
            }
        }
        let name = organisation_named_in(r, start, end, memory)
            .or_else(|| memory.last(|e| e.kind == kind && e.name.is_some() && fits(e, body)).and_then(|c| c.name.clone()))
            .or_else(|| Some(phrase_text(r, start, core_end)));
        return Some(Classified { kind, name, head: head_lw.into(), plural, person: false, body: None });
    }
    let name = if proper_in(start, end) { display_name(r, start, end, memory) } else { phrase_text(r, start, end) };
    Some(Classified { kind: SourceKind::Person, name: Some(name), head: head_lw.into(), plural, person: !plural, body: None })
}

/// Whether a word of an unnamed phrase can stand for someone: a word
/// of the lists of people, bodies and documents, a person noun
/// (`grammar.txt`, `person_noun`), a name ("a Democrat"), or the
/// endings of nouns for people ("a campaign operative", "a driver", "an
/// activist"). Without it, an indefinite phrase a cue rule took for a source
/// ("dismissed it as a threat") is no source at all.
fn names_someone(r: &Reading, head: usize) -> bool {
    let who = SPEAKER_WORDS | WordClass::INSTITUTION | WordClass::PERSON_NOUN;
    let w = r.lw(head);
    let singular = w.strip_suffix('s').unwrap_or(w);
    // "companies" is "company" in the lists.
    let y_plural = || w.strip_suffix("ies").is_some_and(|stem| r.lex.classes(&[stem, "y"].concat()).is(who));
    // The lists hold some words in the plural only ("donors").
    let plural_listed = || r.lex.classes(&[w, "s"].concat()).is(who);
    r.is(head, who)
        || r.lex.classes(singular).is(who)
        || r.is_proper(head)
        || ["er", "ist", "ian", "ant", "ent", "eer", "ive", "man", "men"].iter().any(|end| singular.ends_with(end))
        || plural_listed()
        || y_plural()
}

/// Whether token `i` is a name, or a word of one: a capitalised word read as a
/// name, and a title only where no name follows it ("Vice" the outlet, not
/// "Vice President Ruiz"; "a report by the President").
pub fn is_name(r: &Reading, i: usize) -> bool {
    r.is_proper(i) && (!r.is(i, WordClass::TITLE) || !(r.is_proper(i + 1) || r.is_punct(i + 1, ".") && r.is_proper(i + 2)))
}

fn anonymous(r: &Reading, start: usize, end: usize, kind: SourceKind, head: &str) -> Classified {
    Classified::unidentified(r, start, end, kind, head)
}

fn phrase_text(r: &Reading, start: usize, end: usize) -> Rc<str> {
    r.phrase(start, end).into()
}

/// The name in a phrase, without determiners and titles, completed from earlier
/// mentions ("Mr Halek" → "Teodor Halek").
fn display_name(r: &Reading, start: usize, end: usize, memory: &Memory) -> Rc<str> {
    // The last run of name words in the phrase.
    let mut run_end = end;
    while run_end > start && !(r.is_proper(run_end - 1) || r.kind(run_end - 1) == Some(Kind::Word) && r.text(run_end - 1).contains('&')) {
        run_end -= 1;
    }
    let mut run_start = run_end;
    while run_start > start
        && (r.is_proper(run_start - 1)
            || (matches!(r.lw(run_start - 1), "of" | ".") && run_start - 1 > start && r.is_proper(run_start - 2))
            // "Echo of the Marsh": "the" inside a name, after its "of".
            || (r.lw(run_start - 1) == "the" && run_start >= start + 3 && r.lw(run_start - 2) == "of" && r.is_proper(run_start - 3))
            || r.text(run_start - 1) == "&")
    {
        run_start -= 1;
    }
    // Titles and their abbreviation's full stop: "Mr. Halek", "M. Vasseur" are "Halek", "Vasseur".
    while run_start < run_end && (r.is(run_start, WordClass::TITLE) || r.is_punct(run_start, ".")) && run_end - run_start > 1 {
        run_start += 1;
    }
    if run_start >= run_end {
        return phrase_text(r, start, end);
    }
    let name = r.words(run_start, run_end);
    if run_end - run_start == 1 {
        if let Some(full) = memory.full_name(&name) {
            return full.as_str().into();
        }
        // A longer name met before that ends with this one ("Halek" after "Teodor
        // Halek"): a name, not a phrase that ends with it ("an investigation by Vice").
        let longer = |e: &Classified| {
            !matches!(e.kind, SourceKind::Document | SourceKind::UnnamedDocument) && e.name.as_deref().is_some_and(|n| n.ends_with(&name) && n.len() > name.len() && n.starts_with(char::is_uppercase))
        };
        if let Some(known) = memory.last(longer) {
            return known.name.clone().unwrap_or_else(|| name.into());
        }
    }
    name.into()
}

/// A person, an outlet or an organisation, by the words of a named phrase.
fn named_kind(r: &Reading, start: usize, end: usize) -> SourceKind {
    // The name itself: the last run of capitalised words.
    let mut run_end = end;
    while run_end > start && !r.is_proper(run_end - 1) {
        run_end -= 1;
    }
    let mut run_start = run_end;
    while run_start > start && (r.is_proper(run_start - 1) || r.lw(run_start - 1) == "of" || r.text(run_start - 1) == "&") {
        run_start -= 1;
    }
    let words = (run_start..run_end).filter(|&i| r.is_word(i));
    let any = |class: WordClass| words.clone().any(|i| r.is(i, class));
    if any(WordClass::OUTLET) && !any(WordClass::TITLE) {
        return SourceKind::Outlet;
    }
    if any(WordClass::ORGANISATION) {
        return SourceKind::Organisation;
    }
    // A noun that says what the name is, right before it: "the retail group
    // Castellan", "the magazine Capital", "the union Rail Together" (not "union
    // leader Ana Ruiz", where the word before the name is a title).
    if run_start > start && r.is_word(run_start - 1) && !r.is(run_start - 1, WordClass::TITLE) {
        if r.is(run_start - 1, WordClass::OUTLET) && !r.is(run_start - 1, WordClass::ORGANISATION) {
            return SourceKind::Outlet;
        }
        if r.is(run_start - 1, WordClass::ORGANISATION) {
            return SourceKind::Organisation;
        }
    }
    SourceKind::Person
}

/// Whether a remembered body may be what a role of kind `body` refers to: one
/// of that kind, or of no known kind ("the company" may be Amazon France, not
/// the union before it).
fn fits(e: &Classified, body: Option<BodyKind>) -> bool {
    body.is_none() || e.body.is_none() || e.body == body
}

/// The body a spokesperson or institution speaks for: a name in the phrase
/// ("a spokeswoman for Coastline Trains"), else the last organisation met.
fn organisation_named_in(r: &Reading, start: usize, end: usize, memory: &Memory) -> Option<Rc<str>> {
    if (start..end).any(|i| r.is_proper(i)) {
        return Some(display_name(r, start, end, memory));
    }
    let words: Vec<&str> = (start..end).filter(|&i| r.is_word(i)).map(|i| r.lw(i)).collect();
    memory
        .last(|e| {
            matches!(e.kind, SourceKind::Organisation | SourceKind::Outlet)
                && e.name.as_deref().is_some_and(|n| words.iter().any(|w| w.len() > 3 && crate::chars::to_lower(n).contains(*w)))
        })
        .or_else(|| {
            // "the ministry" is not a union met before: the last body of its kind.
            let body = (start..end).filter(|&i| r.is_word(i)).find_map(|i| r.lex.body_kind(r.lw(i)));
            memory.last(|e| e.kind == SourceKind::Organisation && !e.is_anonymous() && fits(e, body))
        })
        .and_then(|c| c.name.clone())
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon;
    use crate::span::Span;
    use crate::tokens::PageWords;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Classifies `phrase` after the sentences of `before` were remembered as sources.
    fn classify_after(before: &[&str], phrase: &str) -> Option<Classified> {
        let vocab = PageWords::default();
        let mut memory = Memory::default();
        for earlier in before {
            let lower = earlier.to_ascii_lowercase();
            let r = reading(earlier, &lower, &vocab);
            memory.remember_names(&r);
            if let Some(class) = classify(&r, 0, r.len(), &memory) {
                memory.remember(&class);
            }
        }
        let lower = phrase.to_ascii_lowercase();
        let r = reading(phrase, &lower, &vocab);
        classify(&r, 0, r.len(), &memory)
    }

    fn reading<'a>(text: &'a str, lower: &'a str, vocab: &'a PageWords<'a>) -> Reading<'a> {
        Reading::new(text, lower, Span::new(0, text.len()), &[], lexicon::get(Lang::En), vocab)
    }

    fn kind_of(phrase: &str) -> Option<SourceKind> {
        classify_after(&[], phrase).map(|c| c.kind)
    }

    macro_rules! kinds {
        ($($name:ident: $phrase:expr => $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(kind_of($phrase), $kind, "{}", $phrase);
            }
        )*};
    }

    use SourceKind::*;
    kinds! {
        full_name_is_a_person: "Teodor Halek" => Some(Person);
        name_with_apposition: "Teodor Halek, the union's general secretary" => Some(Person);
        title_and_name: "Council leader Priya Nandakumar" => Some(Person);
        organisation_name: "the Kessling Port Authority" => Some(Organisation);
        outlet_name: "The Morning Ledger" => Some(Outlet);
        spokeswoman_for_a_body: "A spokeswoman for the ministry" => Some(Organisation);
        compound_spokesman: "A port authority spokesman" => Some(Organisation);
        senior_official_is_anonymous: "a senior official" => Some(Anonymous);
        officials_at_a_named_ministry_stay_anonymous: "two officials at the Transport Ministry" => Some(VagueGroup);
        union_official_is_anonymous: "a union official" => Some(Anonymous);
        vague_plural: "Shipping analysts" => Some(VagueGroup);
        some_residents: "Some residents" => Some(VagueGroup);
        capitalised_vague_group: "Republicans" => Some(VagueGroup);
        part_of_a_group: "one of them" => Some(VagueGroup);
        share_in_words: "Seven in 10 Labour voters" => Some(VagueGroup);
        share_with_of: "Nearly eight of 10 anglers" => Some(VagueGroup);
        polls_in_places_are_unnamed: "Recent polls in Kent and Surrey" => Some(UnnamedDocument);
        study_in_a_named_journal: "a study in the Harwick Medical Journal" => Some(Document);
        poll_by_a_named_body: "a poll by Harwick Research" => Some(Document);
        a_new_poll_is_unnamed: "A new poll" => Some(UnnamedDocument);
        count_in_words_alone: "nine" => Some(VagueGroup);
        name_opening_with_a_number_word: "Four Rivers Group" => Some(Organisation);
        people_familiar: "people familiar with the matter" => Some(Anonymous);
        documents_seen_by_outlet: "internal documents seen by The Morning Ledger" => Some(UnnamedDocument);
        unnamed_email: "An email dated 14 March" => Some(UnnamedDocument);
        figures_from_named_body: "Figures from the Kessling Port Authority" => Some(Document);
        owned_accounts: "Castellan's annual accounts" => Some(Document);
        previous_research: "Previous research" => Some(UnnamedDocument);
        polls: "Polls" => Some(UnnamedDocument);
        court_is_named: "a court" => Some(Organisation);
        police_is_named: "Police" => Some(Organisation);
        indefinite_person_is_anonymous: "One newspaper" => Some(Anonymous);
        definite_role_is_named: "the prosecutor" => Some(Person);
        not_a_source: "plan" => None;
        relative_pronoun_alone_is_not_a_source: "who" => None;
        a_unique_office_is_named: "The returning officer" => Some(Person);
        the_coroner_is_named: "the county coroner" => Some(Person);
        an_officer_is_anonymous: "an officer" => Some(Anonymous);
        the_officer_is_anonymous: "the officer" => Some(Anonymous);
        our_colleagues_at_a_named_paper_are_that_paper: "our colleagues of the Echo of the Marsh" => Some(Outlet);
        our_colleagues_alone_are_a_group: "our colleagues" => Some(VagueGroup);
        colleagues_of_a_person_are_a_group: "colleagues of the mayor" => Some(VagueGroup);
        a_title_word_alone_names_an_outlet: "Vice" => Some(Outlet);
        a_title_before_a_name_is_a_title: "Vice President Ana Ruiz" => Some(Person);
        an_adverb_alone_is_no_source: "forever" => None;
        an_unnamed_thing_is_no_one: "a metaphor for the port's decline" => None;
        a_threat_is_no_one: "a threat" => None;
        things_in_the_plural_are_no_group: "editorials" => None;
        a_young_woman_is_someone: "a young woman" => Some(Anonymous);
        a_caller_is_someone: "a 911 caller" => Some(Anonymous);
        an_array_of_economists_is_someone: "a wide array of economists" => Some(Anonymous);
        men_in_the_plural_are_a_group: "two middle-aged men" => Some(VagueGroup);
        donors_listed_in_the_plural: "a donor" => Some(Anonymous);
        a_relative_clause_without_that: "the experts I interviewed" => Some(VagueGroup);
        people_close_to_someone_are_a_group: "His surrogates" => Some(VagueGroup);
        everyone_is_a_group: "Everyone I interviewed" => Some(VagueGroup);
    }

    #[test]
    fn pronoun_resolves_to_the_last_person() {
        let got = classify_after(&["Teodor Halek"], "he").unwrap();
        assert_eq!(got.name.as_deref(), Some("Teodor Halek"));
        assert_eq!(got.kind, Person);
    }

    #[test]
    fn pronoun_after_an_anonymous_source_is_anonymous() {
        assert!(classify_after(&["a former board member"], "he").unwrap().is_anonymous());
    }

    #[test]
    fn surname_resolves_to_the_full_name() {
        let got = classify_after(&["Teodor Halek"], "Mr Halek").unwrap();
        assert_eq!(got.name.as_deref(), Some("Teodor Halek"));
    }

    #[test]
    fn an_abbreviated_title_and_its_full_stop_are_left_out_of_the_name() {
        assert_eq!(classify_after(&[], "Mr. Halek").unwrap().name.as_deref(), Some("Halek"));
        assert_eq!(classify_after(&["Teodor Halek"], "Mr. Halek").unwrap().name.as_deref(), Some("Teodor Halek"));
    }

    #[test]
    fn definite_role_refers_back_to_an_anonymous_source() {
        assert!(classify_after(&["a former board member"], "the former member").unwrap().is_anonymous());
    }

    #[test]
    fn the_documents_refer_back_to_unnamed_documents() {
        assert!(classify_after(&["internal documents seen by reporters"], "The documents").unwrap().is_anonymous());
    }

    #[test]
    fn the_company_resolves_to_the_last_organisation() {
        let got = classify_after(&["Halvorsen Home Group"], "The company").unwrap();
        assert_eq!(got.kind, Organisation);
        assert_eq!(got.name.as_deref(), Some("Halvorsen Home Group"));
    }

    #[test]
    fn they_after_a_vague_group_is_anonymous() {
        assert!(classify_after(&["Privacy researchers"], "they").unwrap().is_anonymous());
    }

    #[test]
    fn the_company_is_the_last_body_of_its_kind_not_the_union_before() {
        let got = classify_after(&["the retail group Castellan", "Uni Global Union"], "the company").unwrap();
        assert_eq!(got.name.as_deref(), Some("Castellan"));
        let got = classify_after(&["Uni Global Union", "the retail group Castellan"], "the union").unwrap();
        assert_eq!(got.name.as_deref(), Some("Uni Global Union"));
    }

    #[test]
    fn the_company_may_be_a_body_of_no_known_kind() {
        let got = classify_after(&["the Lumora Association", "Uni Global Union"], "the company").unwrap();
        assert_eq!(got.name.as_deref(), Some("Lumora Association"));
    }

    #[test]
    fn the_ministry_is_not_the_union_before() {
        let got = classify_after(&["the Ports Ministry", "Uni Global Union"], "the ministry").unwrap();
        assert_eq!(got.name.as_deref(), Some("Ports Ministry"));
    }

    #[test]
    fn an_unnamed_anyone_is_one_anonymous_person() {
        let got = classify_after(&[], "an unnamed docker").unwrap();
        assert_eq!(got.kind, Anonymous);
        assert!(got.person, "a later \"she\" or \"this source\" may refer to them");
        let got = classify_after(&[], "unnamed dockers").unwrap();
        assert!(got.is_anonymous() && !got.person);
    }

    #[test]
    fn a_measure_counts_what_follows_its_of() {
        assert_eq!(kind_of("a series of tweets"), Some(UnnamedDocument));
    }

    #[test]
    fn they_after_a_group_stays_the_group_when_two_people_are_named_since() {
        // "Residents said ... Ana Ruiz said ... Tomas Reyes said ... They said
        // they would camp at the pier": no guess that the last two named are "they".
        let got = classify_after(&["Dozens of residents", "Police chief Ana Ruiz", "Governor Tomas Reyes"], "they").unwrap();
        assert!(got.is_anonymous(), "{got:?}");
    }
}
