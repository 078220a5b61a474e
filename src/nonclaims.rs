//! Non-claims: sentences that get `none` (verdict rules, point 17).
//!
//! Two kinds of evidence. The words: bylines, "Read also", "SEE ALSO",
//! copyright and contact lines, timestamps, author bios, described by the
//! phrases of `data/<lang>/nonclaims.txt` and by the shapes below (dates,
//! times, e-mail addresses); and questions the writer asks. The place: the
//! headline (the first paragraph, when it is one sentence), the front matter
//! before the body (standfirst, byline, date, section label: the paragraphs
//! without closing punctuation before the first full paragraph), and a
//! footer line without punctuation at the very end.

use crate::lexicon::Lexicon;
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
pub fn by_place(text: &Text, sentences: &[Span]) -> Vec<Option<&'static str>> {
    let blocks = text.paragraphs.len();
    let mut reasons = vec![None; blocks];
    let mut per_block = vec![0usize; blocks];
    for sentence in sentences {
        per_block[text.paragraph_of(sentence.start)] += 1;
    }
    let content = |b: usize| {
        let span = text.paragraphs[b];
        text.norm[span.start..span.end].trim()
    };
    // A quotation with its credit ("“...” — Jane Roe") is a sentence, punctuated or not.
    let credited = |b: usize| content(b).contains("\" \u{2014}") || content(b).contains("\"\u{2014}");
    let punctuated = |b: usize| content(b).trim_end_matches(['"', '\'', ')', ']']).ends_with(['.', '!', '?', '\u{2026}', ':', ';']) || credited(b);
    let first = (0..blocks).find(|&b| !content(b).is_empty());
    if let Some(first) = first {
        if per_block[first] == 1 {
            reasons[first] = Some("The headline is not a claim.");
        }
        // Front matter: unpunctuated blocks before the first full paragraph.
        for (b, reason) in reasons.iter_mut().enumerate().skip(first + 1) {
            if content(b).is_empty() {
                continue;
            }
            if punctuated(b) && content(b).split_whitespace().count() >= 6 {
                break;
            }
            if !punctuated(b) {
                *reason = Some("Front matter (standfirst, byline or label), not a claim.");
            }
        }
    }
    if let Some(last) = (0..blocks).rev().find(|&b| !content(b).is_empty()) {
        if Some(last) != first && !punctuated(last) && reasons[last].is_none() {
            reasons[last] = Some("A footer line, not a claim.");
        }
    }
    reasons
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
        long_sentence_mentioning_copyright_is_a_claim: "The court ruled that the copyright claim, first filed by the estate of the novelist in a district court three years ago and appealed twice since then by both sides, could proceed to a full trial next spring, a decision that surprised many publishers and lawyers who had followed the case closely from the start." => false;
    }

    fn places(blocks: &[&str]) -> Vec<bool> {
        let text = crate::rejoin::read(blocks, lexicon::get(Lang::En));
        let quotes = crate::quotes::pair(&text);
        let sentences = crate::sentences::split(&text, &quotes, lexicon::get(Lang::En));
        by_place(&text, &sentences).iter().map(Option::is_some).collect()
    }

    #[test]
    fn headline_standfirst_and_byline_are_front_matter() {
        let blocks = ["Port workers walk out", "A standfirst without a full stop", "By Jane Roe", "The strike began on Tuesday after talks failed.", "More text follows here."];
        assert_eq!(places(&blocks), [true, true, true, false, false]);
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
}
