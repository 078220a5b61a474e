//! Non-claims: sentences that get `none` (verdict rules, point 17).
//!
//! Two kinds of evidence. The words: bylines, "Read also", "SEE ALSO",
//! copyright and contact lines, timestamps, author bios, described by the
//! phrases of `data/<lang>/nonclaims.txt` and by the shapes below (dates,
//! times, e-mail addresses); and questions the writer asks. The place: the
//! headline (the first block, when it is one sentence), the front matter
//! before the body (standfirst, byline, date, section label: the blocks
//! without closing punctuation before the first full paragraph), and a
//! footer line without punctuation at the very end.

use rustc_hash::FxHashSet;

use crate::lexicon::{entries, Lexicon};
use crate::phrases::{Phrases, Starts};
use crate::span::Span;
use crate::text::Text;

/// The phrases of `nonclaims.txt`, by where they must stand in a sentence.
#[derive(Default)]
pub struct Boilerplate {
    /// The sentence opens with one ("read also", "see also").
    openings: Phrases,
    /// A short sentence without a full stop opens with one: a credit or
    /// date line ("by", "updated").
    credits: Phrases,
    /// The sentence is one of them alone ("opinion", "full text").
    whole: Phrases,
    /// A short sentence holds one anywhere ("all rights reserved", "©").
    anywhere: Phrases,
    /// Words of share menus ("share | tweet | email").
    menu: FxHashSet<String>,
    /// Words of dates and times: month and day names, and what may follow a
    /// clock time ("a.m.", "gmt").
    months: FxHashSet<String>,
    days: FxHashSet<String>,
    clock: FxHashSet<String>,
}

/// Credit lines are short; boilerplate found anywhere is looked for only in
/// short sentences, since a long one is a claim whatever it mentions.
const CREDIT_MAX: usize = 200;
const ANYWHERE_MAX: usize = 300;
/// "Wednesday, 14 September 2025, 10:45" is the longest a date line gets.
const DATE_MAX: usize = 48;

impl Boilerplate {
    pub fn parse(data: &str) -> Boilerplate {
        let (mut openings, mut credits, mut whole, mut anywhere) = (vec![], vec![], vec![], vec![]);
        let mut boilerplate = Boilerplate::default();
        for line in entries(data) {
            if let Some((name, words)) = line.split_once(':').filter(|(name, _)| name.bytes().all(|b| b.is_ascii_lowercase())) {
                let set = match name {
                    "months" => &mut boilerplate.months,
                    "days" => &mut boilerplate.days,
                    "clock" => &mut boilerplate.clock,
                    _ => continue,
                };
                set.extend(words.split_whitespace().map(str::to_string));
                continue;
            }
            let Some((marker, phrase)) = line.split_at_checked(1) else { continue };
            let list = match marker {
                "^" => &mut openings,
                "@" => &mut credits,
                "=" => &mut whole,
                "~" => &mut anywhere,
                "|" => {
                    boilerplate.menu.insert(phrase.trim().to_string());
                    continue;
                }
                _ => continue,
            };
            list.extend(expand(phrase.trim()));
        }
        let phrases = |list: Vec<String>| Phrases::new(list.iter().map(|p| p.split_whitespace()));
        boilerplate.openings = phrases(openings);
        boilerplate.credits = phrases(credits);
        boilerplate.whole = phrases(whole);
        boilerplate.anywhere = phrases(anywhere);
        boilerplate
    }

    /// The phrases looked for anywhere in a sentence, with its places
    /// ([`Lexicon::sentence_phrases`] lets them through).
    pub fn anywhere_phrases(&self) -> &Phrases {
        &self.anywhere
    }

    /// Whether the sentence is boilerplate, given its lower-case twin and
    /// the places phrases may start in it.
    pub fn matches(&self, sentence: &str, lower: &str, starts: &Starts) -> bool {
        let untrimmed = lower;
        let lead = sentence.len() - sentence.trim_start().len();
        let sentence = sentence.trim();
        let lower = &lower[lead..lead + sentence.len()];
        let len = lower.len();
        self.openings.starts(lower).is_some()
            || (len <= CREDIT_MAX && self.credits.starts(lower).is_some() && !sentence.contains(['.', '!', '?']))
            || self.whole.starts(lower).is_some_and(|end| end == len || lower[end..] == *".")
            || (len <= ANYWHERE_MAX && (self.anywhere.find_in(untrimmed, starts).next().is_some() || (starts.holds(b'@') && holds_email(lower))))
            // The places noted the marks: most sentences are not scanned for them again.
            || (starts.holds(b'|') && self.is_menu(lower))
            || (len <= DATE_MAX && (self.is_time(lower) || self.is_date(lower)))
            || !sentence.chars().any(char::is_alphabetic)
    }

    /// A clock time alone, with at most two short words after it: "16:42",
    /// "9.30 a.m. GMT", "18h05".
    fn is_time(&self, lower: &str) -> bool {
        let mut words = lower.split_whitespace();
        let Some(clock) = words.next() else { return false };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let is_clock = clock.char_indices().any(|(i, c)| {
            matches!(c, ':' | '.' | 'h') && {
                let (hours, minutes) = (&clock[..i], clock[i + 1..].trim_end_matches(['.', ',']));
                digits(hours) && hours.len() <= 2 && digits(minutes) && minutes.len() == 2
            }
        });
        // Counted on a copy of the iterator rather than collected: no allocation.
        is_clock && words.clone().count() <= 2 && words.all(|w| self.clock.contains(w))
    }

    /// A date alone: "2025-05-14" (with a time or not), "Monday, 14 May 2025", "May 14, 2025".
    fn is_date(&self, lower: &str) -> bool {
        let iso = |w: &str| {
            let b = w.as_bytes();
            b.len() >= 10 && b[..10].iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() }) && (b.len() == 10 || b[10] == b't')
        };
        // At most four words make a date: kept in an array, no allocation.
        let mut all = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        let mut held = [""; 4];
        let mut count = 0;
        for word in all.by_ref().take(held.len()) {
            held[count] = word;
            count += 1;
        }
        if all.next().is_some() {
            return false;
        }
        let words = &held[..count];
        if let [only] = words[..] {
            return iso(only);
        }
        let number = |w: &str, max: usize| w.len() <= max && w.bytes().all(|b| b.is_ascii_digit());
        let words = match words.first() {
            Some(day) if self.days.contains(*day) => &words[1..],
            _ => words,
        };
        match words {
            [day, month, year] if number(day, 2) && self.months.contains(*month) && year.len() == 4 && number(year, 4) => true,
            [month, day, year] if self.months.contains(*month) && number(day, 2) && year.len() == 4 && number(year, 4) => true,
            _ => false,
        }
    }

    /// "Share | Tweet | Email": menu words only, at least two.
    fn is_menu(&self, lower: &str) -> bool {
        let mut items = lower.split('|').map(str::trim);
        lower.contains('|') && items.all(|item| self.menu.contains(item))
    }
}

/// The phrases a line stands for: `{a|b}` gives each alternative in turn.
fn expand(line: &str) -> Vec<String> {
    let Some(open) = line.find('{') else { return vec![line.to_string()] };
    let Some(close) = line[open..].find('}').map(|c| open + c) else { return vec![line.to_string()] };
    let (head, tail) = (&line[..open], &line[close + 1..]);
    line[open + 1..close].split('|').flat_map(|choice| expand(&format!("{head}{choice}{tail}"))).collect()
}

/// Holds an e-mail address: "name@example.org".
fn holds_email(lower: &str) -> bool {
    lower.match_indices('@').any(|(at, _)| {
        let local = lower[..at].bytes().rev().take_while(|&b| b.is_ascii_alphanumeric() || b"._-".contains(&b)).count();
        let domain = &lower[at + 1..];
        let host_len = domain.bytes().take_while(|&b| b.is_ascii_alphanumeric() || b"._-".contains(&b)).count();
        let host = domain[..host_len].trim_end_matches('.');
        local > 0 && host.rsplit_once('.').is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
    })
}

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

/// For every block, why its sentences are not claims by their place, if so.
pub fn by_place(text: &Text, sentences: &[Span]) -> Vec<Option<&'static str>> {
    let blocks = text.block_spans.len();
    let mut reasons = vec![None; blocks];
    let mut per_block = vec![0usize; blocks];
    for sentence in sentences {
        per_block[text.block_of(sentence.start)] += 1;
    }
    let content = |b: usize| {
        let span = text.block_spans[b];
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

    #[test]
    fn braces_stand_for_each_alternative() {
        assert_eq!(expand("{to |}read {also|more}"), ["to read also", "to read more", "read also", "read more"]);
        assert_eq!(expand("see also"), ["see also"]);
        assert_eq!(expand("broken {brace"), ["broken {brace"]);
    }

    fn places(blocks: &[&str]) -> Vec<bool> {
        let text = Text::new(blocks);
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
