//! Documents: which ones a reader can identify, and which not (verdict rules, point 5).
//!
//! A document, a data set or a piece of research is `named` when its owner or
//! publisher is named ("a report by the audit office", "an investigation by
//! Vice", "the company's accounts"), when it is a public record, identified
//! by what it is ("records show", "court filings", "the minutes"), when it was
//! put on the record ("a report entered into evidence", "documents filed with
//! the court"), or when the article introduced it before ("the poll" after "a
//! new poll"). It is `anonymous` when it is unnamed ("an email", "previous
//! research", "polls") or leaked and known only to the writer ("documents
//! seen by this newspaper", "leaked emails"), and stays so when referred back
//! to ("the documents").

use crate::lexicon::WordClass;
use crate::memory::{Classified, Memory};
use crate::noun_phrases::subject_left;
use crate::sentence::SourceKind;
use crate::sources::is_name;
use crate::tokens::Reading;

/// A source phrase whose head is a document, as [`crate::sources::classify`] read it.
pub struct Document {
    /// The phrase, tokens `start..end`, and its head word.
    pub start: usize,
    pub end: usize,
    pub head: usize,
    pub definite: bool,
    pub plural: bool,
    /// Owned by a possessive: "the company's annual accounts".
    pub possessive_owner: bool,
    /// Leaked, or seen or obtained by someone: known only to them.
    pub seen_by: bool,
}

/// What kind of source the document phrase `d` is.
pub fn classify(r: &Reading, d: &Document, memory: &Memory) -> Classified {
    let (start, end) = (d.start, d.end);
    let head_lw = r.lw(d.head);
    let named = || Classified { kind: SourceKind::Document, name: Some(r.phrase(start, end).into()), head: head_lw.into(), plural: d.plural, person: false, body: None };
    if d.seen_by {
        return Classified::unidentified(r, start, end, SourceKind::UnnamedDocument, head_lw);
    }
    let body = (start..end).any(|i| r.is_word(i) && r.is(i, WordClass::ORGANISATION | WordClass::INSTITUTION));
    // "polls in Kent" says where, not whose; "a study in the Harwick Medical Journal" says whose.
    let owner = (start..end).any(|i| {
        let place = (start..i).rev().take_while(|&k| r.is_proper(k) || r.lw(k) == "and" || r.is(k, WordClass::DEFINITE)).last().map_or(i, |k| k);
        let after_in = place > start && matches!(r.lw(place - 1), "in" | "across");
        is_name(r, i) && (!after_in || r.is(i, WordClass::OUTLET | WordClass::ORGANISATION))
    });
    // "internal records" are the writer's find, not the public's.
    let internal = (start..d.head).any(|i| r.lw(i) == "internal");
    let public_record = r.is(d.head, WordClass::PUBLIC_RECORD) && !internal;
    let on_record = (d.head + 1..end).any(|i| r.is(i, WordClass::ON_RECORD));
    // "a notice posted on its website": owned by the one "its" stands for.
    let owned = (d.head + 1..(end + 3).min(r.len())).any(|i| matches!(r.lw(i), "its" | "their" | "his" | "her"));
    if owner || body || d.possessive_owner || public_record || on_record || owned || authored(r, start, memory) {
        return named();
    }
    if d.definite {
        // "The documents" after "documents seen by reporters" stay unnamed; "the poll"
        // after "a new poll" is the poll the article is about.
        let unnamed_before = |e: &Classified| {
            *e.head == *head_lw
                && e.is_anonymous()
                && e.name.as_deref().is_some_and(|n| ["seen by", "obtained by", "leaked", "internal"].iter().any(|k| crate::chars::to_lower(n).contains(k)))
        };
        if let Some(antecedent) = memory.last(unnamed_before) {
            return antecedent.clone();
        }
        return named();
    }
    Classified::unidentified(r, start, end, SourceKind::UnnamedDocument, head_lw)
}

/// The object of its author's verb (`grammar.txt`, `authoring`), the author
/// someone a reader can identify: "Trump unleashed a series of tweets
/// criticizing ...", "the town released a statement saying ...". An unnamed
/// author's document stays his ("an aide sent an email saying" is
/// anonymous), and a document obtained, seen or received is someone else's.
fn authored(r: &Reading, start: usize, memory: &Memory) -> bool {
    let mut verb = start;
    // "put out", "fired off": a particle after the verb.
    if verb > 0 && r.is(verb - 1, WordClass::PARTICLE) {
        verb -= 1;
    }
    if verb == 0 || !r.is_word(verb - 1) || !r.is(verb - 1, WordClass::AUTHORING) {
        return false;
    }
    subject_left(r, verb - 1)
        .filter(|&(_, e)| e < start)
        .and_then(|(s, e)| crate::sources::classify(r, s, e, memory))
        .is_some_and(|author| !author.is_anonymous())
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::lexicon;
    use crate::memory::Memory;
    use crate::sentence::SourceKind::{self, *};
    use crate::span::Span;
    use crate::tokens::{PageWords, Reading};
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn kind_of(phrase: &str) -> Option<SourceKind> {
        let vocab = PageWords::default();
        let lower = phrase.to_ascii_lowercase();
        let r = Reading::new(phrase, &lower, Span::new(0, phrase.len()), &[], lexicon::get(Lang::En), &vocab);
        crate::sources::classify(&r, 0, r.len(), &Memory::default()).map(|c| c.kind)
    }

    macro_rules! kinds {
        ($($name:ident: $phrase:expr => $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(kind_of($phrase), Some($kind), "{}", $phrase);
            }
        )*};
    }

    kinds! {
        an_investigation_by_an_outlet_named_like_a_title: "an investigation by Vice" => Document;
        an_investigation_by_a_named_paper: "an investigation by the Harwick Gazette" => Document;
        records_are_public_records: "Records" => Document;
        court_filings_are_public: "court filings" => Document;
        a_report_entered_into_evidence: "A report entered into evidence" => Document;
        documents_filed_with_the_court: "documents filed with the court in March" => Document;
        emails_seen_by_this_newspaper: "Emails seen by this newspaper" => UnnamedDocument;
        leaked_records_stay_unnamed: "leaked records" => UnnamedDocument;
        internal_records_stay_unnamed: "internal records" => UnnamedDocument;
        an_email_is_unnamed: "an email" => UnnamedDocument;
        a_report_released_on_monday_is_unnamed: "a report released on Monday" => UnnamedDocument;
        a_notice_on_its_website_is_its_own: "a notice posted on its website" => Document;
    }

    /// The kind of `phrase` read where it stands in `sentence`.
    fn kind_within(sentence: &str, phrase: &str) -> Option<SourceKind> {
        let vocab = PageWords::default();
        let lower = sentence.to_ascii_lowercase();
        let r = Reading::new(sentence, &lower, Span::new(0, sentence.len()), &[], lexicon::get(Lang::En), &vocab);
        let at = sentence.find(phrase).expect("the phrase is in the sentence");
        let start = (0..r.len()).find(|&i| r.span(i..i + 1).start == at)?;
        let end = (start..r.len()).find(|&i| r.span(i..i + 1).end == at + phrase.len())? + 1;
        crate::sources::classify(&r, start, end, &Memory::default()).map(|c| c.kind)
    }

    macro_rules! kinds_within {
        ($($name:ident: $sentence:expr, $phrase:expr => $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(kind_within($sentence, $phrase), Some($kind), "{} in {}", $phrase, $sentence);
            }
        )*};
    }

    // Issue 14: a document its named author wrote, posted or released is
    // named like him; one obtained or received, or an unnamed author's, is not.
    kinds_within! {
        a_tweet_a_named_person_posted: "Ana Ruiz posted a tweet saying the ferry would run.", "a tweet" => Document;
        tweets_a_named_person_posted: "Ana Ruiz posted tweets saying the ferry would run.", "tweets" => Document;
        a_series_of_tweets_is_tweets: "Ana Ruiz unleashed a series of tweets criticizing the operator.", "a series of tweets" => Document;
        a_statement_a_named_body_released: "The Harwick Port Authority released a statement saying the pier was closed.", "a statement" => Document;
        a_statement_put_out_with_a_particle: "The harbour master put out a statement saying the pier was closed.", "a statement" => Document;
        videos_a_named_person_released: "Ana Ruiz released two videos showing the pier.", "two videos" => Document;
        an_email_an_unnamed_aide_sent: "An aide sent an email saying the pier was closed.", "an email" => UnnamedDocument;
        an_email_obtained_is_someone_else_s: "Ana Ruiz obtained an email saying the pier was closed.", "an email" => UnnamedDocument;
        a_letter_received_is_someone_else_s: "Ana Ruiz received a letter saying the pier was closed.", "a letter" => UnnamedDocument;
    }
}
