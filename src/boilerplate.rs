//! Boilerplate: the phrases and shapes of lines that are not claims.
//!
//! Read from `data/<lang>/nonclaims.txt`: bylines, "Read also", copyright and
//! contact lines, by where their phrase stands in a sentence; and the shapes of
//! dates, clock times, e-mail addresses and share menus. [`crate::nonclaims`]
//! asks it about each sentence, beside the questions and the place of a block.

use rustc_hash::FxHashSet;

use crate::lists::entries;
use crate::phrases::{Phrases, Starts};

/// The phrases of `nonclaims.txt`, by where they must stand in a sentence.
#[derive(Default)]
pub struct Boilerplate {
    /// The sentence opens with one ("read also", "see also").
    openings: Phrases,
    /// The sentence opens with one and says nothing more after a comma: a
    /// notice ("Welcome to our live coverage of the storm.", not "..., which
    /// made landfall at noon.").
    notices: Phrases,
    /// A short sentence without a full stop opens with one: a credit or
    /// date line ("by", "updated").
    credits: Phrases,
    /// A credit line ends with one ("ÉRIC DUPONT / AFP").
    credit_ends: Vec<String>,
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
        let (mut openings, mut notices, mut credits, mut whole, mut anywhere) = (vec![], vec![], vec![], vec![], vec![]);
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
                ">" => &mut notices,
                "@" => &mut credits,
                "$" => &mut boilerplate.credit_ends,
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
        boilerplate.notices = phrases(notices);
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
            || (self.notices.starts(lower).is_some() && !sentence.contains(','))
            || self.is_credit(sentence, lower)
            || self.whole.starts(lower).is_some_and(|end| end == len || lower[end..] == *".")
            || (len <= ANYWHERE_MAX && (self.anywhere.find_in(untrimmed, starts).next().is_some() || (starts.holds(b'@') && holds_email(lower))))
            // The places noted the marks: most sentences are not scanned for them again.
            || (starts.holds(b'|') && self.is_menu(lower))
            || (len <= DATE_MAX && (self.is_time(lower) || self.is_date(lower)))
            || !sentence.chars().any(char::is_alphabetic)
    }

    /// Whether a line (trimmed or not, with its lower-case twin) is a credit
    /// line: a byline or a date line ("By Jane Roe", "Publié le 14 mai").
    pub fn is_credit(&self, line: &str, lower: &str) -> bool {
        let lead = line.len() - line.trim_start().len();
        let line = line.trim();
        let lower = &lower[lead..lead + line.len()];
        // The scan for sentence punctuation comes last: most lines start no credit.
        line.len() <= CREDIT_MAX
            && (self.credits.starts(lower).is_some() || self.credit_ends.iter().any(|end| lower.strip_suffix(end.as_str()).is_some_and(|rest| rest.ends_with(' '))))
            && !line.contains(['.', '!', '?'])
    }

    /// A clock time alone, with at most two short words after it: "16:42",
    /// "9.30 a.m. GMT", "18h05", "23 h 41".
    fn is_time(&self, lower: &str) -> bool {
        let mut words = lower.split_whitespace();
        let Some(clock) = words.next() else { return false };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let mut is_clock = clock.char_indices().any(|(i, c)| {
            matches!(c, ':' | '.' | 'h') && {
                let (hours, minutes) = (&clock[..i], clock[i + 1..].trim_end_matches(['.', ',']));
                digits(hours) && hours.len() <= 2 && digits(minutes) && minutes.len() == 2
            }
        });
        // "23 h 41": French sets the hours' "h" apart.
        if !is_clock && digits(clock) && clock.len() <= 2 {
            let mut apart = words.clone();
            if apart.next() == Some("h") && apart.next().is_some_and(|m| digits(m.trim_end_matches(['.', ','])) && m.trim_end_matches(['.', ',']).len() == 2) {
                is_clock = true;
                words = apart;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_credit_line_may_end_with_its_agency() {
        let b = Boilerplate::parse("$ / {afp|reuters}\n@ par\n");
        let credit = |line: &str| b.is_credit(line, &crate::chars::to_lower(line));
        assert!(credit("ÉRIC LANDAIS / AFP"));
        assert!(credit("Jean Roux / Reuters"));
        assert!(credit("Par Claire Montagné"));
        // A sentence, or a word that only ends like the agency, is not a credit line.
        assert!(!credit("Le bilan reste provisoire, selon un décompte AFP / Reuters."));
        assert!(!credit("Des habitants devant l'hôpital / AFP."));
        assert!(!credit("Une photo/AFP"));
    }

    #[test]
    fn braces_stand_for_each_alternative() {
        assert_eq!(expand("{to |}read {also|more}"), ["to read also", "to read more", "read also", "read more"]);
        assert_eq!(expand("see also"), ["see also"]);
        assert_eq!(expand("broken {brace"), ["broken {brace"]);
    }
}
