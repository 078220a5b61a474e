//! Non-claims: sentences that get `none` (verdict rules, point 17).
//!
//! Two kinds of evidence. The words: bylines, "Read also", "SEE ALSO",
//! copyright and contact lines, timestamps, author bios, described by the
//! phrases of `data/<lang>/nonclaims.txt` and by the shapes below (dates,
//! times, e-mail addresses); and questions the writer asks. The place: the
//! headline (the first paragraph, when it is one sentence), the front matter
//! before the body (standfirst, byline, date, section label: the paragraphs
//! without closing punctuation before the first full paragraph, and any
//! paragraph between the headline and a byline), and a footer line without
//! punctuation at the very end.

use crate::lexicon::{Lexicon, WordClass};
use crate::phrases::Starts;
use crate::span::Span;
use crate::text::Text;

/// Why a sentence is not a claim, from its words alone. `lower` is the
/// sentence in ASCII lower case (same length), `starts` its [`Starts`].
pub fn by_words(sentence: &str, lower: &str, starts: &Starts, lex: &Lexicon) -> Option<&'static str> {
    let trimmed = sentence.trim();
    if lex.boilerplate.matches(sentence, lower, starts) {
        return Some("Boilerplate (byline, date, navigation or footer), not a claim.");
    }
    if is_question(trimmed) {
        return Some("A question the writer asks is not a claim.");
    }
    // One word or none: counting stops at the second.
    let words = trimmed.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).take(2).count();
    if words <= 1 && !trimmed.chars().any(char::is_numeric) {
        return Some("A bare transition, not a claim.");
    }
    None
}

/// Ends with a question mark (before any closing marks).
pub fn is_question(sentence: &str) -> bool {
    sentence.trim_end().trim_end_matches(['"', '\'', ')', ']', ' ']).ends_with('?')
}

/// For every paragraph ([`Text::paragraphs`]), why its sentences are not claims by their place, if so.
pub fn by_place(text: &Text, sentences: &[Span], lex: &Lexicon) -> Vec<Option<&'static str>> {
    let blocks = text.paragraphs.len();
    let mut reasons = vec![None; blocks];
    let mut per_block = vec![0usize; blocks];
    for sentence in sentences {
        per_block[text.paragraph_of(sentence.start)] += 1;
    }
    let trimmed = |b: usize| {
        let span = text.paragraphs[b];
        let raw = &text.norm[span.start..span.end];
        let lead = raw.len() - raw.trim_start().len();
        (span.start + lead, raw.trim())
    };
    let content = |b: usize| trimmed(b).1;
    // A quotation with its credit ("“...” — Jane Roe") is a sentence, punctuated or not.
    let credited = |b: usize| content(b).contains("\" \u{2014}") || content(b).contains("\"\u{2014}");
    // Closing marks may stand after a space: French sets off » ("... onze ans. »").
    let punctuated = |b: usize| content(b).trim_end_matches(['"', '\'', ')', ']', ' ']).ends_with(['.', '!', '?', '\u{2026}', ':', ';']) || credited(b);
    // A paragraph that is boilerplate as a whole ("Now you can see ...", "©
    // 2019 ...", a site's disclaimer): asked only of the paragraphs at the
    // edges of the article.
    let boilerplate = |b: usize| {
        let (at, content) = trimmed(b);
        let lower = &text.lower[at..at + content.len()];
        lex.boilerplate.matches(content, lower, &Starts::of(lower))
    };
    let first = (0..blocks).find(|&b| !content(b).is_empty());
    if let Some(first) = first {
        if per_block[first] == 1 {
            reasons[first] = Some("The headline is not a claim.");
        }
        // A standfirst: what stands between the headline and a byline or a
        // date line, punctuated or not ("Selon des documents ..., la collectivité a versé ...").
        let credit = (first + 1..blocks.min(first + 4)).find(|&b| {
            let span = text.paragraphs[b];
            lex.boilerplate.is_credit(&text.norm[span.start..span.end], &text.lower[span.start..span.end])
        });
        for reason in reasons.iter_mut().take(credit.unwrap_or(0)).skip(first + 1) {
            *reason = Some("Front matter (standfirst, byline or label), not a claim.");
        }
        // Front matter: unpunctuated paragraphs before the first full paragraph
        // (a site's boilerplate between them does not count as one).
        for (b, reason) in reasons.iter_mut().enumerate().skip(credit.unwrap_or(first + 1)) {
            if content(b).is_empty() {
                continue;
            }
            if punctuated(b) && content(b).split_whitespace().count() >= 6 && !boilerplate(b) {
                break;
            }
            if !punctuated(b) {
                *reason = Some("Front matter (standfirst, byline or label), not a claim.");
            }
        }
    }
    // The footer: the last line without punctuation, and with it, where the
    // article ends in a site's boilerplate (a copyright line, a disclaimer),
    // every short line of that run ("You may like", "Trends 24h", a list of
    // links to other articles).
    let short = |b: usize| !punctuated(b) && content(b).split_whitespace().count() <= 12;
    let mut run = Vec::new();
    let mut any_boilerplate = false;
    for b in (0..blocks).rev().filter(|&b| !content(b).is_empty() && Some(b) != first) {
        let is_boilerplate = boilerplate(b);
        any_boilerplate |= is_boilerplate;
        if short(b) {
            run.push(b);
        } else if !is_boilerplate {
            break;
        }
    }
    let last = (0..blocks).rev().find(|&b| !content(b).is_empty()).filter(|&b| Some(b) != first && !punctuated(b));
    let footer = last.into_iter().chain(run.into_iter().filter(|_| any_boilerplate));
    for b in footer {
        if reasons[b].is_none() {
            reasons[b] = Some("A footer line, not a claim.");
        }
    }
    reasons
}

/// The label a paragraph opens with ("Q", "Ines Varga"): one to four words,
/// each capitalised, then a colon.
pub fn speaker_label(paragraph: &str) -> Option<&str> {
    let colon = colon_within_four_words(paragraph)?;
    let label = paragraph[..colon].trim();
    let words = label.split_whitespace();
    let count = words.clone().count();
    let capitalised = words.clone().all(|w| w.starts_with(char::is_uppercase) || w.chars().all(|c| !c.is_alphabetic()));
    ((1..=4).contains(&count) && capitalised && label.chars().any(char::is_alphabetic)).then_some(label)
}

/// The first colon of `text`, if no more than four words come before it:
/// asked of every paragraph, and most have no label, so the scan stops at
/// the fifth word instead of running through the paragraph. Words are counted
/// at ASCII white space, which never finds more of them than
/// `split_whitespace` does: a colon after more than four of these words
/// could start no label.
fn colon_within_four_words(text: &str) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b':' => return Some(at),
            b' ' | b'\t'..=b'\r' => in_word = false,
            _ if !in_word => {
                in_word = true;
                words += 1;
                if words > 4 {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// The interviewer's lines of a Q&A, by paragraph: a paragraph labelled as a
/// question ("Q: ..."), and, where the answers are labelled ("Ines Varga:
/// ...", "A: ..."), a paragraph without a label that the next answer replies
/// to ("Your critics call the food austere." then "Ines Varga: They are
/// right"). An unlabelled paragraph after an answer and before no answer
/// continues the answer. Their questions and prompts are not claims; a
/// statement among them is judged on its own (verdict rules, point 14).
pub fn interviewer_lines(text: &Text, lex: &Lexicon) -> Vec<bool> {
    let mut asked = vec![false; text.paragraphs.len()];
    let labels: Vec<Option<&str>> = text.paragraphs.iter().map(|p| speaker_label(text.norm[p.start..p.end].trim())).collect();
    let question_label = |label: &str| label.split_whitespace().count() == 1 && lex.classes(&label.to_ascii_lowercase()).is(WordClass::QUESTION_LABEL);
    // An answer label: "A", or a name that labels two paragraphs or more.
    let is_answer = |label: &str| {
        (label.split_whitespace().count() == 1 && lex.classes(&label.to_ascii_lowercase()).is(WordClass::ANSWER_LABEL))
            || labels.iter().flatten().filter(|l| **l == label).count() >= 2 && !question_label(label)
    };
    let content = |p: usize| text.norm[text.paragraphs[p].start..text.paragraphs[p].end].trim();
    // An interview asks: a question labelled as one, or a question the next
    // answer replies to. Labels repeated without it are a live page's
    // ("Update: ...").
    let asks = labels.iter().flatten().any(|l| question_label(l))
        || (1..labels.len()).any(|p| labels[p].is_some_and(is_answer) && labels[p - 1].is_none() && is_question(content(p - 1)));
    let first_answer = labels.iter().position(|l| l.is_some_and(is_answer));
    if !asks {
        return asked;
    }
    for (p, label) in labels.iter().enumerate() {
        let next_answers = labels.get(p + 1).copied().flatten().is_some_and(is_answer);
        let unlabelled_prompt = label.is_none() && first_answer.is_some_and(|first| p > first) && next_answers && !content(p).is_empty();
        asked[p] = label.is_some_and(question_label) || unlabelled_prompt;
    }
    asked
}

/// A prompt, not a claim: an interviewer's "Tell us about the farm." (a
/// sentence that opens with a verb of `grammar.txt`'s `prompt_verb`, after
/// any label).
pub fn is_prompt(r: &crate::tokens::Reading) -> bool {
    let first = if r.is_punct(1, ":") { 2 } else { 0 };
    r.is(first, WordClass::PROMPT_VERB) && r.is_capitalised_word(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::lexicon;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn none(sentence: &str) -> bool {
        let lower = sentence.to_ascii_lowercase();
        by_words(sentence, &lower, &Starts::of(&lower), lexicon::get(Lang::En)).is_some()
    }

    macro_rules! cases {
        ($($name:ident: $sentence:expr => $none:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(none($sentence), $none, "{}", $sentence);
            }
        )*};
    }

    cases! {
        byline: "By Jane Roe, Transport Correspondent" => true;
        read_also: "Read also: The port that never sleeps" => true;
        to_read_also: "To read also: Ten things about trams" => true;
        see_also: "SEE ALSO - The new bridge opens" => true;
        related: "Related: Bus fares to rise" => true;
        copyright: "\u{a9} 2025 Example Media - All rights reserved" => true;
        editing_credit: "(Editing by Sam Doe)" => true;
        published_line: "Published on 14/05/2025 at 18:32" => true;
        timestamp: "16:42" => true;
        author_bio: "Ann Lee is a former mayor; the views expressed are her own." => true;
        contact_line: "Contact the desk securely at tips@example.org." => true;
        writer_question: "What happens next?" => true;
        bare_transition: "Fine." => true;
        help_line: "If you are affected by any of the issues raised, help is available." => true;
        a_claim_is_not_none: "The stoppage was called by the union." => false;
        a_claim_starting_with_by_is_not_a_byline: "By Tuesday evening, 41 vessels were waiting outside the harbour." => false;
        a_quoted_statement_is_not_none: "\"We will fight,\" she said." => false;
        a_short_sentence_with_a_number_is_a_claim: "She was 91." => false;
        a_bare_number_is_not_a_claim: "23." => true;
        clock_time_with_zone: "9.30 a.m. GMT" => true;
        clock_time_in_hours: "18h05" => true;
        clock_time_with_the_hours_h_apart: "23 h 41" => true;
        hours_h_apart_inside_a_claim: "23 h 41 after the whistle, the match resumed." => false;
        a_price_is_not_a_clock_time: "12.50 euros" => false;
        iso_date: "2025-05-14T09:30:00Z" => true;
        day_month_year: "Wednesday, 14 May 2025" => true;
        month_day_year: "May 14, 2025" => true;
        a_sentence_with_a_date_is_a_claim: "The bridge opened on May 14, 2025." => false;
        share_menu: "Share | Tweet | Email" => true;
        one_menu_word_is_not_a_menu: "Share prices fell | analysts" => false;
        whole_label: "Analysis" => true;
        whole_label_with_full_stop: "Full text." => true;
        a_label_word_opening_a_sentence_is_a_claim: "Analysis of the samples took nine weeks." => false;
        credit_line: "Additional reporting by Tom Vale in Leeds" => true;
        a_credit_phrase_in_a_punctuated_sentence_is_a_claim: "Updated figures show the deficit grew." => false;
        bare_email_address: "newsdesk@example.net" => true;
        an_at_sign_without_a_domain_is_no_email: "Meet me @ the square, he wrote to 40 friends @home." => false;
        phrase_must_be_whole_words: "Seethe also" => false;
        notes_to_editors: "Notes to editors" => true;
        media_enquiries: "Media enquiries: Jane Roe, press office" => true;
        for_more_information: "For more information visit the council's website." => true;
        edited_for_length: "This interview has been edited for length and clarity." => true;
        questions_and_answers_edited: "Questions and answers have been condensed for clarity." => true;
        translated_automatically: "This content was translated automatically." => true;
        a_site_disclaimer: "The information on this site is from external sources that are not under our control." => true;
        a_links_disclaimer: "The inclusion of any links does not necessarily imply a recommendation." => true;
        welcome_to_a_live_blog: "Welcome to our live coverage of the storm." => true;
        welcome_then_a_claim_is_a_claim: "Welcome to our live coverage of Storm Isolde, which made landfall at noon." => false;
        information_in_a_claim_is_a_claim: "The council said more information would follow." => false;
        edited_in_a_claim_is_a_claim: "The report was edited by the minister before its release." => false;
        long_sentence_mentioning_copyright_is_a_claim: "The court ruled that the copyright claim, first filed by the estate of the novelist in a district court three years ago and appealed twice since then by both sides, could proceed to a full trial next spring, a decision that surprised many publishers and lawyers who had followed the case closely from the start." => false;
    }

    fn places(blocks: &[&str]) -> Vec<bool> {
        let text = crate::rejoin::read(blocks, lexicon::get(Lang::En));
        let quotes = crate::quotes::pair(&text);
        let sentences = crate::sentences::split(&text, &quotes, lexicon::get(Lang::En));
        by_place(&text, &sentences, lexicon::get(Lang::En)).iter().map(Option::is_some).collect()
    }

    #[test]
    fn a_label_is_one_to_four_capitalised_words_before_the_first_colon() {
        assert_eq!(speaker_label("Ines Varga: They are right."), Some("Ines Varga"));
        assert_eq!(speaker_label("Q:  What next?"), Some("Q"));
        // Five words to `split_whitespace`, four between ASCII spaces: still too many.
        assert_eq!(speaker_label("Jean Paul De\u{a0}La Croix: Yes."), None);
        assert_eq!(speaker_label("Ana De\u{a0}La Cruz: Yes."), Some("Ana De\u{a0}La Cruz"));
        assert_eq!(speaker_label("One Two Three Four Five: no."), None);
        assert_eq!(speaker_label("The mayor said this: no."), None);
        assert_eq!(speaker_label("No colon in this paragraph at all"), None);
    }

    #[test]
    fn headline_standfirst_and_byline_are_front_matter() {
        let blocks = ["Port workers walk out", "A standfirst without a full stop", "By Jane Roe", "The strike began on Tuesday after talks failed.", "More text follows here."];
        assert_eq!(places(&blocks), [true, true, true, false, false]);
    }

    #[test]
    fn a_punctuated_standfirst_before_the_byline_is_front_matter() {
        let blocks = ["Port workers walk out", "Leaked emails show the board knew of the risks, and said nothing.", "By Jane Roe", "The strike began on Tuesday after talks failed."];
        assert_eq!(places(&blocks), [true, true, true, false]);
    }

    #[test]
    fn a_paragraph_closing_a_quotation_after_a_space_is_punctuated() {
        let blocks = ["Le mur a c\u{e9}d\u{e9}", "\u{ab} On nous avait promis un si\u{e8}cle \u{bb}, a dit Odile Marchetti. \u{ab} Il a dur\u{e9} onze ans. \u{bb}", "La suite."];
        assert_eq!(places(&blocks), [true, false, false]);
    }

    #[test]
    fn unpunctuated_lines_inside_the_body_are_claims() {
        let blocks = ["Storm live", "The storm hit the coast on Friday at noon.", "Around 30,000 homes without power", "Crews are out in force tonight."];
        assert_eq!(places(&blocks), [true, false, false, false]);
    }

    #[test]
    fn an_unpunctuated_last_line_is_a_footer() {
        let blocks = ["Headline here", "The architect died on Monday at her home.", "Ilse Marrow, architect, born 1934; died 2025"];
        assert_eq!(places(&blocks), [true, false, true]);
    }

    #[test]
    fn an_epigraph_with_its_credit_is_not_front_matter() {
        let blocks = ["Headline here", "\"Trams are promises.\" \u{2014} Jane Roe, 2016", "The line opened last week after years of delay."];
        assert_eq!(places(&blocks), [true, false, false]);
    }

    #[test]
    fn a_first_paragraph_of_several_sentences_is_not_a_headline() {
        let blocks = ["The port closed. Workers walked out.", "Talks failed."];
        assert_eq!(places(&blocks), [false, false]);
    }

    #[test]
    fn a_site_name_and_its_boilerplate_above_the_headline_are_front_matter() {
        let blocks = ["The Daily Digest", "Now you can see non-English news...", "Ferry operator has reportedly cut its winter timetable", "2025-05-14T09:30:00Z", "The operator cut six of its ten winter crossings, the harbour board said."];
        assert_eq!(places(&blocks), [true, false, true, true, false]);
    }

    #[test]
    fn a_run_of_lines_ending_in_a_site_s_boilerplate_is_a_footer() {
        let blocks = [
            "Headline here",
            "The ferry stopped on Monday after the storm, the operator said.",
            "SEE ALSO",
            "- Ferries: \"We stay\", says the harbour master",
            "You may like",
            "Trends 24h",
            "\u{a9} Example Media 2025 - Privacy",
        ];
        assert_eq!(places(&blocks), [true, false, true, true, true, true, true]);
    }

    #[test]
    fn short_lines_at_the_end_without_boilerplate_stay_claims_but_the_last() {
        let blocks = ["Storm live", "The storm hit the coast on Friday at noon.", "Around 30,000 homes without power", "All ferries cancelled"];
        assert_eq!(places(&blocks), [true, false, false, true]);
    }

    fn asked(blocks: &[&str]) -> Vec<bool> {
        let text = crate::rejoin::read(blocks, lexicon::get(Lang::En));
        interviewer_lines(&text, lexicon::get(Lang::En))
    }

    #[test]
    fn an_interviewer_s_lines_in_a_q_and_a_are_found() {
        let blocks = [
            "A kitchen with one voter",
            "Ines Varga opened her first restaurant in a former garage in 2009.",
            "Why cook on a farm?",
            "Ines Varga: Because the farm decides the menu.",
            "Tell us about the critics.",
            "Ines Varga: They are right, and I take it as praise.",
            "We start in September with twelve students.",
        ];
        assert_eq!(asked(&blocks), [false, false, false, false, true, false, false]);
        let labelled = ["Talking ports", "Ilse Brandt runs the port.", "Q: The port lost money. Why?", "A: Because the ferries stopped."];
        assert_eq!(asked(&labelled), [false, false, true, false]);
    }

    #[test]
    fn repeated_labels_outside_an_interview_ask_nothing() {
        let blocks = ["Storm live", "Update: the bridge is closed.", "Crews are out tonight.", "Update: the bridge reopened."];
        assert_eq!(asked(&blocks), [false, false, false, false]);
    }
}
