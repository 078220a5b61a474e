//! Noun phrases: where a source phrase starts and ends in a sentence's tokens.
//!
//! The cue rules ask for the subject before a verb ("Halek, who has led the
//! union since 2017, said"), the phrase after an inverted verb, "according to"
//! or a dash ("said Teodor Halek, the union's general secretary"), and the
//! subject of the sentence as a whole; the source rules ask for a phrase's
//! head word. These readings of the tokens live here, below both, so that the
//! source rules do not reach into the cue rules for them.

use crate::lexicon::WordClass;
use crate::tokens::{Kind, Reading};

/// A subject that can speak, for a verb form that is also a noun ("Lumora
/// claims", "the union warns", not "unconfirmed reports" or "the dozen states"):
/// the word before the verb is a name, a pronoun, or a noun for a speaker, a
/// body or a document.
pub fn speaker_subject(r: &Reading, (_, end): (usize, usize)) -> bool {
    let last = end - 1;
    let speaker = SPEAKER_WORDS | WordClass::INSTITUTION;
    r.is_proper(last) || r.is(last, WordClass::PRONOUN | speaker) || is_plural_of(r, last, speaker)
}

/// Nouns for a speaker, a body or a document ("spokeswoman", "union", "report").
pub const SPEAKER_WORDS: WordClass = WordClass::SPOKESPERSON
    .with(WordClass::ANONYMOUS_ROLE)
    .with(WordClass::VAGUE_GROUP)
    .with(WordClass::ORGANISATION)
    .with(WordClass::OUTLET)
    .with(WordClass::DOCUMENT_HEAD)
    .with(WordClass::TITLE);

/// Whether token `i` ends in `s` and, without it, belongs to `class` ("officials").
pub fn is_plural_of(r: &Reading, i: usize, class: WordClass) -> bool {
    r.lw(i).strip_suffix('s').is_some_and(|singular| r.lex.classes(singular).is(class))
}

/// The head word of a source phrase: the last word before a preposition or comma.
pub fn head_of(r: &Reading, start: usize, end: usize) -> usize {
    let cut = (start + 1..end)
        .find(|&i| {
            let w = r.lw(i);
            r.is_punct(i, ",")
                || (r.is_word(i)
                    && !r.is_proper(i)
                    && (r.is(i, WordClass::PREPOSITION | WordClass::CLAUSE | WordClass::PARTICIPLE) || w == "not" || (w.ends_with("ed") && i > start + 1 && !r.is(i - 1, WordClass::DEFINITE)))
                    // "a series of tweets": the head is what the measure counts.
                    && !(w == "of" && r.is(i - 1, WordClass::MEASURE)))
        })
        .unwrap_or(end);
    (start..cut).rev().find(|&i| r.is_word(i)).unwrap_or(start)
}

/// A word that may stand inside a noun phrase.
fn np_word(r: &Reading, i: usize) -> bool {
    match r.kind(i) {
        Some(Kind::Word) => {
            let w = r.lw(i);
            let after_determiner = i > 0 && (r.is(i - 1, WordClass::DEFINITE) || r.is(i - 1, WordClass::INDEFINITE));
            let gerund = !after_determiner && w != "speaking" && w.ends_with("ing") && w.len() > 5 && !w.contains('-') && !r.is_capitalised_word(i) && !matches!(w, "leading" | "ruling" | "governing" | "outgoing" | "incoming" | "opposing" | "visiting" | "striking" | "acting" | "reigning" | "sitting" | "founding" | "managing" | "presiding");
            let class = r.classes(i);
            // "which included staff members": a verb after a relative pronoun.
            let relative_verb = w.ends_with("ed") && i > 0 && matches!(r.lw(i - 1), "which" | "who" | "that");
            let grammar_word = gerund || relative_verb || finite_after_subject(r, i) || class.is(WordClass::CLAUSE | WordClass::PASSIVE | WordClass::NEGATION | WordClass::ADVERB);
            // "all", "both" after a preposition are determiners ("voters in all 50 states").
            let determiner = i > 0 && r.is(i - 1, WordClass::PREPOSITION) && class.is(WordClass::QUANTIFIER);
            // "his first videos", "the earlier report": an adjective after a determiner.
            let auxiliary = class.is(WordClass::AUXILIARY) && !r.is_proper(i) && !determiner && !after_determiner;
            // A reporting verb ends the phrase, unless it is also a noun of a source ("report").
            let verb = class.reporting() == Some(false) && !class.is(WordClass::VAGUE_GROUP | WordClass::DOCUMENT_HEAD);
            (!grammar_word && !auxiliary && !verb) || (r.is_proper(i) && !class.is(WordClass::CLAUSE))
        }
        Some(Kind::Possessive) | Some(Kind::Number) => true,
        Some(Kind::Punct) => matches!(r.text(i), "&" | "." | "-" | "/") && i > 0 && r.kind(i - 1) == Some(Kind::Word) && r.is_word(i + 1),
        _ => false,
    }
}

/// A word the lists do not know, in lower case, between a name or a subject
/// pronoun and a determiner is a finite verb: "Carson shared a syllabus",
/// "He extolled the virtues", "Sanders won the caucus". A noun of a name's
/// phrase is not followed by a determiner ("Trump supporters", "the Clinton
/// campaign said"), so the phrase ends before it.
fn finite_after_subject(r: &Reading, i: usize) -> bool {
    // Verbs the lists know for other reasons count: "Ruiz obtained an email".
    const VERB_CLASSES: WordClass = WordClass::PARTICIPLE.with(WordClass::COMMON).with(WordClass::AUTHORING).with(WordClass::STANCE_VERB).with(WordClass::PUBLICATION_VERB);
    if i == 0 || r.is_capitalised_word(i) || !r.is_word(i + 1) || !r.is(i + 1, WordClass::DEFINITE | WordClass::INDEFINITE) {
        return false;
    }
    let after_subject = r.is_word(i - 1) && (r.is_proper(i - 1) || r.is(i - 1, WordClass::PRONOUN) && !r.is(i - 1, WordClass::DEFINITE));
    // "..., issued a statement": a verb of authorship before its object, wherever
    // its subject is, unless a determiner makes it a noun ("the release").
    let authoring = r.is(i, WordClass::AUTHORING | WordClass::PUBLICATION_VERB) && !r.is(i - 1, WordClass::DEFINITE | WordClass::INDEFINITE) && r.kind(i - 1) != Some(Kind::Possessive);
    authoring || after_subject && r.classes(i).without(VERB_CLASSES) == WordClass::NONE
}

/// The subject phrase ending just before `v` (skipping auxiliaries and
/// adverbs), through an apposition or a relative clause set off by commas.
pub fn subject_left(r: &Reading, v: usize) -> Option<(usize, usize)> {
    let mut end = v;
    loop {
        while end > 0 && r.is_word(end - 1) && !r.is_proper(end - 1) && (r.is(end - 1, WordClass::AUXILIARY) || r.is(end - 1, WordClass::PASSIVE) || adverb_at(r, end - 1)) {
            end -= 1;
        }
        // "a poll last week showed": a time before the verb.
        if end >= 2 && r.is(end - 1, WordClass::TIME) && matches!(r.lw(end - 2), "last" | "this" | "next" | "earlier" | "later") {
            end -= 2;
            continue;
        }
        // "released a statement Thursday night condemning", "a statement Monday saying".
        if end >= 3 && r.is(end - 1, WordClass::TIME) && r.is(end - 2, WordClass::CALENDAR) && r.is_word(end - 3) && !r.is(end - 3, WordClass::PREPOSITION) {
            end -= 2;
            continue;
        }
        if end >= 2 && r.is(end - 1, WordClass::CALENDAR) && r.is_word(end - 2) && !r.is_proper(end - 2) && !r.is(end - 2, WordClass::PREPOSITION | WordClass::DEFINITE | WordClass::CALENDAR) {
            end -= 1;
            continue;
        }
        // "He's said": the contraction of "has" or "is", not a possessive.
        if end >= 2 && r.kind(end - 1) == Some(Kind::Possessive) && r.is(end - 2, WordClass::PRONOUN) {
            end -= 1;
            continue;
        }
        // "have in the past said", "have in recent weeks warned".
        if end >= 3 && r.lw(end - 3) == "in" && r.is(end - 2, WordClass::DEFINITE | WordClass::INDEFINITE) && r.is(end - 1, WordClass::TIME) {
            end -= 3;
            continue;
        }
        // "who in 2010 said", "X on Tuesday said": a short adverbial before the
        // verb; not the share "four in 10 said".
        let share = end >= 3 && (r.kind(end - 3) == Some(Kind::Number) || r.is(end - 3, WordClass::INDEFINITE | WordClass::QUANTIFIER));
        if end >= 2 && !share && r.is_word(end - 2) && r.is(end - 2, WordClass::PREPOSITION) && (r.kind(end - 1) == Some(Kind::Number) || r.is(end - 1, WordClass::CALENDAR)) {
            end -= 2;
            continue;
        }
        // "Sen. Lindsey Graham (R-SC) called": a parenthesis after the subject.
        if end > 0 && r.is_punct(end - 1, ")") {
            match (0..end - 1).rev().find(|&i| r.is_punct(i, "(")) {
                Some(open) if end - 1 - open <= 8 => {
                    end = open;
                    continue;
                }
                _ => return None,
            }
        }
        break;
    }
    if end == 0 {
        return None;
    }
    if r.is_punct(end - 1, ",") {
        // "Halek, who has led the union since 2017, said": the comma closes a
        // parenthesis; the subject stands before it. "Graham Tolland, 58, of
        // Elmstead Road, Harwood, denies": several in a row. Segments are read
        // right to left; the first that is not a parenthesis is the subject.
        let segment_start = |comma: usize| (0..comma).rev().find(|&i| r.is_punct(i, ",") || r.is_punct(i, "\u{2014}")).map(|i| i + 1).unwrap_or(0);
        let mut comma = end - 1;
        let mut keep_until = None;
        for _ in 0..5 {
            let seg = segment_start(comma)..comma;
            if seg.is_empty() {
                return None;
            }
            // "Some residents, however, say": a connective set off by commas.
            if seg.len() == 1 && seg.start > 0 && matches!(r.lw(seg.start), "however" | "meanwhile" | "though" | "too" | "also" | "instead" | "moreover" | "nonetheless" | "nevertheless" | "indeed" | "likewise" | "therefore") {
                comma = seg.start - 1;
                continue;
            }
            let first = r.lw(seg.start);
            // "sent by ...", "published in ..." are clauses; "retired nurse Glenys Arbuthnot" is a role.
            let participle_clause = (first.ends_with("ed") || r.is(seg.start, WordClass::PARTICIPLE))
                && !r.is_proper(seg.start)
                && (r.is(seg.start + 1, WordClass::PREPOSITION) || adverb_at(r, seg.start + 1) || seg.len() == 1);
            let clause = matches!(first, "who" | "whose" | "which" | "speaking") || first.ends_with("ing") || participle_clause;
            // "of Elmstead Road, Harwood": not "In May, Tomas Reyes", where the
            // segment on the left opens the sentence.
            let left_is_address = seg.start >= 2 && {
                let left = segment_start(seg.start - 1);
                left > 0 && matches!(r.lw(left), "of" | "from" | "in") || r.kind(left) == Some(Kind::Number)
            };
            // "Megan Hester, senior associate at the Annenberg Institute, said": a role after a name.
            let after_name = seg.start >= 2 && {
                let mut k = seg.start - 2;
                while k > 0 && r.is_punct(k, ")") {
                    k = (0..k).rev().find(|&i| r.is_punct(i, "(")).unwrap_or(0).saturating_sub(1);
                }
                r.is_proper(k) || r.is_punct(k, ".")
            } && !seg.clone().any(|i| r.is(i, WordClass::CLAUSE) && r.is_word(i));
            let apposition = matches!(first, "a" | "an" | "the" | "one" | "now" | "then")
                || r.is(seg.start, WordClass::PREPOSITION)
                || after_name
                || r.is(seg.start, WordClass::DEFINITE)
                || r.kind(seg.start) == Some(Kind::Number)
                || (seg.clone().all(|i| r.is_proper(i)) && left_is_address);
            // A relative clause that holds commas itself: "X, whose hometown, Miami, is ..., argues".
            if !(clause || apposition) && seg.start > 0 {
                let mut back = seg.start - 1;
                let mut relative = None;
                for _ in 0..4 {
                    let start = segment_start(back);
                    if matches!(r.lw(start), "who" | "whose" | "which") {
                        relative = Some(start);
                        break;
                    }
                    if start == 0 {
                        break;
                    }
                    back = start - 1;
                }
                if let Some(relative) = relative.filter(|&s| s > 0 && r.is_punct(s - 1, ",")) {
                    keep_until = None;
                    comma = relative - 1;
                    continue;
                }
            }
            if seg.start == 0 || !(clause || apposition) {
                // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said".
                let mut np_stop = comma;
                if np_stop > 0 && r.is_punct(np_stop - 1, ")") {
                    if let Some(open) = (seg.start..np_stop - 1).rev().find(|&i| r.is_punct(i, "(")) {
                        np_stop = open;
                    }
                }
                let (start, np_end) = np_left(r, np_stop)?;
                let np_end = if np_end == np_stop { comma } else { np_end };
                let lead_in = (seg.start..start)
                    .all(|i| matches!(r.lw(i), "but" | "and" | "so" | "yet" | "however" | "meanwhile" | "still") || matches!(r.kind(i), Some(Kind::Quote | Kind::Punct)));
                return (np_end == comma && start >= seg.start && lead_in).then(|| (start, keep_until.unwrap_or(comma)));
            }
            if clause || comma - seg.start > 8 {
                keep_until = None;
            } else {
                keep_until = Some(comma);
            }
            comma = seg.start - 1;
        }
        return None;
    }
    let Some((start, np_end)) = np_left(r, end) else {
        return relative_subject(r, v, end);
    };
    // "Friends of the mayor who have seen her campaign say": a relative clause
    // without commas; the subject stands before "who".
    let object = np_end - start == 1 && matches!(r.lw(start), "him" | "her" | "them" | "us" | "me");
    // Past the object pronoun's own verb ("endorsed him").
    let mut k = if object { start.saturating_sub(1) } else { start };
    while k > 0 && r.is_word(k - 1) && (r.is(k - 1, WordClass::AUXILIARY) || adverb_at(r, k - 1)) && !r.is_proper(k - 1) {
        k -= 1;
    }
    // "Groups that have endorsed him say": an object pronoun is never the subject.
    let relative = r.lw(k.saturating_sub(1)) == "who" && np_end - start >= 2 || object && matches!(r.lw(k.saturating_sub(1)), "who" | "that");
    if k >= 2 && relative && r.is_word(k - 2) && !r.is(k - 2, WordClass::PRONOUN) {
        if let Some((a, b)) = np_left(r, k - 1) {
            return Some((a, b));
        }
    }
    // "who said" → the phrase before "who", from its last preposition on
    // ("ammunition to Republicans who say" → "Republicans").
    if np_end - start == 1 && matches!(r.lw(start), "who" | "which") {
        let before = if start > 0 && r.is_punct(start - 1, ",") { start - 1 } else { start };
        let (a, b) = np_left(r, before)?;
        // "Gov. Phil Bryant, a former backer of Ted Cruz, who has since
        // called", "Ana Ruiz, a pollster with the party who called him": the
        // relative clause is about the name, not its apposition.
        if a >= 2 && r.is_punct(a - 1, ",") && r.is(a, WordClass::INDEFINITE | WordClass::DEFINITE) {
            if let Some((n, m)) = np_left(r, a - 1).filter(|&(n, m)| (n..m).any(|i| r.is_proper(i))) {
                return Some((n, m));
            }
        }
        let after_preposition = (a..b).rev().find(|&i| r.is_word(i) && !r.is_proper(i) && r.is(i, WordClass::PREPOSITION) && r.lw(i) != "of");
        return match after_preposition {
            Some(p) if p + 1 < b => Some((p + 1, b)),
            _ => Some((a, b)),
        };
    }
    Some((start, np_end))
}

/// The subject before a relative clause written without commas, where no
/// phrase ends right before the verb: "Current and former officials who spoke
/// with the Gazette said" → "Current and former officials".
fn relative_subject(r: &Reading, v: usize, end: usize) -> Option<(usize, usize)> {
    // A finite verb only: "those who are on the ballot defending ..." has none.
    if r.lw(v).ends_with("ing") {
        return None;
    }
    let who = (end.saturating_sub(12)..end).rev().take_while(|&i| !r.is_punct(i, ",") && r.kind(i) != Some(Kind::Quote)).find(|&i| r.lw(i) == "who")?;
    let (start, np_end) = np_left(r, who)?;
    (np_end == who && !r.is(start, WordClass::PRONOUN)).then_some((start, np_end))
}

/// Whether token `i` is an adverb: a word in -ly (not "family", "early"...),
/// or one of the grammar's adverbs without it ("long", "seldom").
pub fn adverb_at(r: &Reading, i: usize) -> bool {
    r.is_word(i) && (is_adverb(r.lw(i)) || r.is(i, WordClass::ADVERB))
}

pub fn is_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !matches!(w, "family" | "italy" | "ally" | "rally" | "supply" | "assembly" | "daily" | "weekly" | "monthly" | "early" | "only")
}

/// The noun phrase that ends just before `end`.
pub fn np_left(r: &Reading, end: usize) -> Option<(usize, usize)> {
    let mut start = end;
    // Pronouns and relative pronouns stand alone.
    if end > 0 && r.is_word(end - 1) && (r.is(end - 1, WordClass::PRONOUN) || matches!(r.lw(end - 1), "who" | "which")) {
        return Some((end - 1, end));
    }
    while start > 0 && (np_word(r, start - 1) || r.lw(start - 1) == "not" && (r.lw(start).ends_with("ed") || r.is(start, WordClass::PARTICIPLE))) && end - start < 14 {
        start -= 1;
    }
    // "Current and former officials": a word joined to the phrase's first
    // word, opening the sentence or a clause of its own.
    if start >= 2 && start < end && r.lw(start - 1) == "and" && r.is_word(start - 2) && np_word(r, start - 2) && !r.is_proper(start) && !r.is_proper(start - 2) && (start == 2 || !np_word(r, start - 3)) && !r.is(start - 2, WordClass::PRONOUN) {
        start -= 2;
    }
    while start > 0 && r.lw(start - 1) == "and" && r.is_proper(start) && start >= 2 && r.is_proper(start - 2) {
        start -= 1;
        while start > 0 && np_word(r, start - 1) && end - start < 16 {
            start -= 1;
        }
    }
    // "Experts on Estonia and maritime law", "observers in Harwick and around
    // the region": the second part only completes the first one's preposition.
    if start >= 2 && start < end && matches!(r.lw(start - 1), "and" | "or") && !r.is_proper(start) && !r.is(start, WordClass::DEFINITE) && !r.is(start, WordClass::INDEFINITE) {
        let mut left = start - 1;
        while left > 0 && np_word(r, left - 1) && end - left < 16 {
            left -= 1;
        }
        let holds_preposition = (left + 1..start - 1).any(|i| r.is_word(i) && r.is(i, WordClass::PREPOSITION) && r.lw(i) != "of");
        let opens_noun = left < start - 1 && r.is_word(left) && !r.is(left, WordClass::PREPOSITION);
        if holds_preposition && opens_noun {
            start = left;
        }
    }
    // "About four in 10", "over 40 percent": an approximation, not a preposition.
    let approximate = |i: usize| {
        let before_count = r.kind(i + 1) == Some(Kind::Number) || r.is(i + 1, WordClass::INDEFINITE);
        matches!(r.lw(i), "about" | "around" | "over" | "nearly" | "almost" | "roughly" | "some") && before_count
            // "At least half of voters"
            || r.lw(i) == "at" && r.lw(i + 1) == "least"
    };
    // A relative clause without "that" ends on the verb: "the outrageous
    // things the candidate had said" has "the candidate" for its subject. A
    // determiner right after a plural or a noun for people opens a phrase of
    // its own ("this week" after "officials" is a time, not a phrase; "who
    // sent the letter" is no plural's).
    if let Some(fresh) = (start + 1..end).rev().find(|&i| {
        matches!(r.lw(i), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "this" | "these" | "those")
            && r.is_word(i - 1)
            && !r.is_proper(i - 1)
            && (r.lw(i - 1).ends_with('s') || r.is(i - 1, WordClass::PERSON_NOUN | WordClass::VAGUE_GROUP | WordClass::ANONYMOUS_ROLE))
            && !r.is(i - 1, WordClass::PREPOSITION | WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::QUANTIFIER | WordClass::CLAUSE | WordClass::AUXILIARY | WordClass::ADVERB | WordClass::PARTICLE)
            && !matches!(r.lw(i - 1), "and" | "or" | "of" | "but" | "nor")
            && !r.is(i + 1, WordClass::TIME | WordClass::CALENDAR)
    }) {
        start = fresh;
    }
    // A phrase that opens with a preposition ("After the meeting the minister")
    // starts again at its last fresh determiner or name.
    while start < end && r.is_word(start) && r.is(start, WordClass::PREPOSITION) && !approximate(start) {
        let restart = (start + 1..end).find(|&i| {
            (r.is(i, WordClass::DEFINITE) || r.is(i, WordClass::INDEFINITE) || r.is_proper(i))
                && !r.is(i - 1, WordClass::PREPOSITION)
                && !r.is(i - 1, WordClass::DEFINITE)
                && !(r.is_proper(i) && r.is_proper(i - 1))
        });
        match restart {
            Some(i) => start = i,
            None => return None,
        }
    }
    // "put out a statement": the particle is the verb's.
    while start < end && r.kind(start) == Some(Kind::Possessive) || start + 1 < end && r.is(start, WordClass::PARTICLE) && !r.is(start, WordClass::PREPOSITION) && r.is(start + 1, WordClass::DEFINITE | WordClass::INDEFINITE) {
        start += 1;
    }
    (start < end && (start..end).any(|i| r.is_word(i))).then_some((start, end))
}

/// The noun phrase that starts at `at` (after an inverted verb, "according
/// to", "by" or a dash), with a short apposition ("Teodor Halek, the union's
/// general secretary").
pub fn phrase_right(r: &Reading, at: usize, apposition: bool) -> Option<(usize, usize)> {
    if !r.is_word(at) && r.kind(at) != Some(Kind::Number) {
        return None;
    }
    if r.is(at, WordClass::PRONOUN) && !r.is_proper(at) {
        return Some((at, at + 1));
    }
    let mut end = at;
    while end < r.len() && (np_word(r, end) || (r.is_word(end) && r.is(end, WordClass::PREPOSITION) && end > at)) && end - at < 14 {
        if r.is_word(end) && r.is(end, WordClass::PREPOSITION) {
            // "published on Thursday in the Journal": a date does not end the phrase.
            let after_participle = end > at && (r.lw(end - 1).ends_with("ed") || r.is(end - 1, WordClass::PARTICIPLE));
            if after_participle && (r.is(end + 1, WordClass::CALENDAR) || (r.kind(end + 1) == Some(Kind::Number) && r.lw(end) != "of")) {
                end += 2;
                continue;
            }
            // A preposition continues the phrase only into a name or a determiner ("of the UNI").
            let name_after = r.is_proper(end + 1) || (r.is(end + 1, WordClass::DEFINITE) && r.is_proper(end + 2));
            if !(name_after || r.is(end + 1, WordClass::DEFINITE | WordClass::INDEFINITE) || r.lw(end) == "of") || matches!(r.lw(end), "in" | "on") && !name_after {
                break;
            }
        }
        end += 1;
    }
    // Trailing prepositions and possessives belong to what follows.
    while end > at && (r.is_word(end - 1) && r.is(end - 1, WordClass::PREPOSITION) || r.kind(end - 1) == Some(Kind::Punct)) {
        end -= 1;
    }
    // A time after the phrase is the cue's, not the source's: "the driver
    // this week", "the inspectorate last year", "the union on Tuesday".
    if end > at + 1 && r.is(end - 1, WordClass::TIME | WordClass::CALENDAR) && !r.is_proper(end - 1) {
        let mut time = end - 1;
        if time > at + 1 && (r.is(time - 1, WordClass::DEFINITE | WordClass::PREPOSITION) || r.is(time - 1, WordClass::TIME) && !r.is(time - 1, WordClass::CALENDAR)) {
            time -= 1;
        }
        // Not all of it: "the Sun" names a newspaper.
        if (at..time).any(|i| r.is_word(i) && !r.is(i, WordClass::DEFINITE | WordClass::INDEFINITE | WordClass::PREPOSITION)) {
            end = time;
        }
    }
    if end == at {
        return None;
    }
    // An apposition: ", the union's general secretary" up to the next comma or the end.
    if apposition && r.is_punct(end, ",") && r.is_word(end + 1) && !r.is(end + 1, WordClass::CLAUSE) && !r.is(end + 1, WordClass::PREPOSITION) {
        let stop = (end + 1..r.len()).find(|&i| {
            let preposition = r.is_word(i) && r.is(i, WordClass::PREPOSITION);
            !(np_word(r, i) || preposition)
        })
        .unwrap_or(r.len());
        if stop > end + 1 && stop - end <= 12 && (stop == r.len() || r.kind(stop) == Some(Kind::Punct)) {
            let mut stop = stop;
            while stop > end + 1 && r.is_word(stop - 1) && r.is(stop - 1, WordClass::PREPOSITION) {
                stop -= 1;
            }
            return Some((at, stop));
        }
    }
    Some((at, end))
}

/// The subject of the sentence as a whole, for a participle after a comma.
pub fn sentence_subject(r: &Reading, before: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    // "On Friday, he ...", "When asked, Ms. Sherry ...": the subject follows the opening clause.
    let first_word = (0..before).find(|&i| r.is_word(i))?;
    let first = r.lw(first_word);
    // "However, he ...", "Still, Democrats ...": a connective set off by its comma.
    let connective = r.is(first_word, WordClass::AUXILIARY) && r.is_punct(first_word + 1, ",");
    if connective || r.is(first_word, WordClass::PREPOSITION | WordClass::CLAUSE | WordClass::ADVERB) || first.ends_with("ly") || first.ends_with("ed") || first.ends_with("ing") {
        if let Some(comma) = (0..before).find(|&i| r.is_punct(i, ",")) {
            from = comma + 1;
        }
    }
    let start = (from..before).find(|&i| r.is_word(i) && !matches!(r.lw(i), "but" | "and" | "so"))?;
    // A pronoun is the whole subject: "She greeted supporters ... and told
    // them", not "She greeted supporters".
    if r.is(start, WordClass::PRONOUN) && !r.is_proper(start) {
        return Some((start, start + 1));
    }
    let mut end = start;
    while end < before && (np_word(r, end) || r.is_word(end) && r.is(end, WordClass::PREPOSITION)) {
        end += 1;
    }
    (end > start).then_some((start, end))
}
