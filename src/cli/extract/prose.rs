//! Which blocks of the extracted article are its prose.
//!
//! Readability keeps the article's furniture beside its paragraphs: the photo captions and
//! credits of its figures, the byline, the dateline and the "Updated 2 hours ago", the
//! subheadings, a "Read also" link, a newsletter box. None of them is a claim of the
//! article, and scored against the hand-made bodies of the article-extraction benchmark
//! they were most of what `scan` called claims outside the article (docs/article-detection.md).
//! The browser extension reads only prose, by the same rules (`extension/article.js`,
//! `classify` and its neighbours); this module is their port, so that the two read the same
//! sentences of a page. Keep them in step.
//!
//! A block's kind comes from the elements its text sits in (a heading, a figure or caption,
//! a `<time>`, an element whose class or id names a caption, a credit, a byline, a date)
//! when they hold at least half of its characters, then from its links (more than half of
//! it), then from its text: a short line that ends no sentence is a label, a line made of a
//! date or a relative time is a dateline, "Photo: ..." or "(AP Photo/...)" is a credit, a
//! short "Sign up ..." or "Read more ..." is a call to action.

use scraper::node::Element;

/// What a block is. Only [`Kind::Prose`] is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Prose,
    Heading,
    Caption,
    Meta,
    Links,
    Label,
}

/// A line this short that ends no sentence is a label ("More on this story"), not prose.
const SHORT_LINE: usize = 80;
/// A dateline is at most this long.
const DATELINE_MAX: usize = 100;
/// A call to action is at most this long.
const CALL_TO_ACTION_MAX: usize = 160;

/// Class and id words of the article's captions and credits.
const CAPTION_WORDS: &[&str] = &[
    "caption", "captions", "figcaption", "credit", "credits", "photocredit", "imagecredit", "copyright", "courtesy",
    "mediacaption", "imagecaption", "photocaption", "picturecredit",
];
/// Two-word class names of the same ("photo-credit", "wp-caption-text" is found by "caption").
const CAPTION_PAIRS: &[(&str, &str)] = &[
    ("photo", "credit"),
    ("image", "credit"),
    ("media", "caption"),
    ("image", "caption"),
    ("photo", "caption"),
    ("picture", "credit"),
];
/// Class and id words of the article's furniture: bylines, datelines, times, tags.
const META_WORDS: &[&str] = &[
    "byline", "bylines", "author", "authors", "contributor", "contributors", "dateline", "timestamp", "datetime",
    "date", "dates", "time", "pubdate", "published", "updated", "meta", "kicker", "eyebrow", "topics", "keywords",
    "taglist", "publishdate", "readingtime", "readtime", "standfirst", "dek", "strapline", "subtitle",
    "subheadline",
];
const META_PAIRS: &[(&str, &str)] = &[
    ("by", "line"),
    ("author", "bio"),
    ("author", "info"),
    ("tag", "list"),
    ("publish", "date"),
    ("reading", "time"),
    ("read", "time"),
    ("comment", "count"),
    ("comments", "count"),
    ("sub", "headline"),
];
/// Class and id words of chrome left inside the article: share bars, related links,
/// newsletter boxes, teasers (the extension's UNLIKELY list, less what Readability drops).
const CHROME_WORDS: &[&str] = &[
    "share", "sharing", "social", "related", "recommended", "newsletter", "newsletters", "subscribe", "signup",
    "promo", "promos", "promotion", "teaser", "teasers", "recirc", "recirculation", "outbrain", "taboola", "tags",
    "sponsored", "advertisement", "advert", "ad", "ads", "popular", "trending",
];
const CHROME_PAIRS: &[(&str, &str)] = &[
    ("read", "also"),
    ("also", "read"),
    ("see", "also"),
    ("more", "stories"),
    ("most", "read"),
    ("more", "on"),
    ("more", "from"),
    ("you", "may"),
];

/// Words that make up a dateline besides numbers ("Updated 12 May 2026 at 10:12 BST").
const DATE_WORDS: &[&str] = &[
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "mon", "monday",
    "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thurs", "thursday", "fri", "friday", "sat", "saturday",
    "sun", "sunday", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "today",
    "yesterday", "aujourd", "hui", "hier", "updated", "published", "posted", "last", "modified", "on", "at", "le",
    "à", "am", "pm", "a", "m", "p", "utc", "gmt", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "et", "pt", "mis",
    "jour", "publié", "st", "nd", "rd", "th", "er",
];
/// Units of a relative time ("49 minutes ago", "il y a 2 heures").
const TIME_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "secondes", "heure", "heures", "jour", "jours",
    "semaine", "semaines", "mois", "an", "ans",
];
/// Words a credit starts with, before ":", "/", ",", "|" or "©".
const CREDIT_WORDS: &[&str] = &[
    "photo", "photos", "image", "images", "picture", "pictures", "video", "illustration", "illustrations", "graphic",
    "graphics", "photograph", "footage", "credit", "credits", "source", "foto",
];
/// Agencies whose credit in brackets ends a caption: "(AP Photo/Gene J. Puskar)".
const AGENCIES: &[&str] = &["ap", "afp", "epa", "reuters", "getty", "pa", "bloomberg", "xinhua"];
/// How calls to action and pointers elsewhere start (lower case).
const CALLS_TO_ACTION: &[&str] = &[
    "share this", "share it", "share on", "share the story", "share the article", "subscribe", "sign up",
    "follow us", "download the app", "download our app", "click here", "tap here", "read more", "read also",
    "see also", "more on this", "related:", "related stories", "related articles", "related content",
    "related links", "related topics", "watch:", "listen:", "advertisement", "sponsored", "lire aussi",
    "à lire aussi", "abonnez-vous", "partager",
];

/// Headings of lists of other stories (lower case, without a final colon): the list under
/// such a heading, or the box that opens with it, is not the article.
const RELATED_HEADINGS: &[&str] = &[
    "more on this", "more on this story", "related", "related stories", "related articles", "related content",
    "related coverage", "related topics", "related links", "read more", "read also", "also read", "see also",
    "most read", "most popular", "more stories", "you may also like", "you might also like", "recommended",
    "recommended for you", "what to read next", "lire aussi", "à lire aussi", "sur le même sujet", "les plus lus",
];
/// A heading of a list of other stories is at most this long.
const RELATED_HEADING_MAX: usize = 60;

/// Whether a heading's text names a list of other stories ("More on this story",
/// "More from Business", "Most read").
pub fn is_related_heading(text: &str) -> bool {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if text.chars().count() > RELATED_HEADING_MAX {
        return false;
    }
    let text = text.trim_end_matches(':').trim_end();
    RELATED_HEADINGS.contains(&text) || text.starts_with("more from ")
}

/// The words of an element's class and id: lower case, camelCase, `-` and `_` split.
pub fn class_words(element: &Element) -> Vec<String> {
    let mut words = Vec::new();
    let names = element.attr("class").into_iter().chain(element.attr("id"));
    for name in names {
        let mut word = String::new();
        let mut previous_lower = false;
        for c in name.chars() {
            let boundary = c.is_whitespace() || c == '-' || c == '_' || (c.is_uppercase() && previous_lower);
            if boundary && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            if !(c.is_whitespace() || c == '-' || c == '_') {
                word.extend(c.to_lowercase());
            }
            previous_lower = c.is_lowercase();
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

fn names_any(words: &[String], singles: &[&str], pairs: &[(&str, &str)]) -> bool {
    words.iter().any(|w| singles.contains(&w.as_str()))
        || words.windows(2).any(|w| pairs.iter().any(|(a, b)| w[0] == *a && w[1] == *b))
}

/// Whether an element is chrome left in the article (a share bar, related links, a
/// newsletter box), by its class and id.
pub fn is_chrome(words: &[String]) -> bool {
    names_any(words, CHROME_WORDS, CHROME_PAIRS)
}

/// The kind an element gives the text under it, if any: by tag, then by class and id.
pub fn own_kind(tag: &str, words: &[String], role: Option<&str>) -> Option<Kind> {
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hgroup" => return Some(Kind::Heading),
        "figure" | "figcaption" | "caption" => return Some(Kind::Caption),
        // An article's own header: headline, standfirst, byline, dateline.
        "time" | "address" | "header" => return Some(Kind::Meta),
        _ => {}
    }
    if role == Some("heading") {
        return Some(Kind::Heading);
    }
    if names_any(words, CAPTION_WORDS, CAPTION_PAIRS) {
        Some(Kind::Caption)
    } else if names_any(words, META_WORDS, META_PAIRS) {
        Some(Kind::Meta)
    } else {
        None
    }
}

/// The characters of a block under each of the elements that decide its kind.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    pub link: usize,
    pub bold: usize,
    pub heading: usize,
    pub caption: usize,
    pub meta: usize,
}

/// Characters a reader sees: white space collapsed, none at the ends.
pub fn visible_length(text: &str) -> usize {
    let mut length = 0;
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            length += usize::from(space) + 1;
            space = false;
        }
    }
    length
}

/// What a block is, from the characters under each kind of element and from its text.
pub fn classify(text: &str, tally: &Tally) -> Kind {
    let text = text.trim();
    let length = visible_length(text);
    for (kind, chars) in [(Kind::Heading, tally.heading), (Kind::Caption, tally.caption), (Kind::Meta, tally.meta)] {
        if chars * 2 >= length {
            return kind;
        }
    }
    if tally.link * 2 > length {
        return Kind::Links;
    }
    let ends_sentence = ends_sentence(text);
    // Subheadings set in bold in their own paragraph.
    if !ends_sentence && tally.bold * 10 >= length * 9 {
        return Kind::Heading;
    }
    let lower = text.to_lowercase();
    if is_relative_time(&lower) || is_dateline(&lower) {
        return Kind::Meta;
    }
    if is_credit(&lower) {
        return Kind::Caption;
    }
    if !ends_sentence && length < SHORT_LINE {
        return Kind::Label;
    }
    if length < CALL_TO_ACTION_MAX && CALLS_TO_ACTION.iter().any(|call| starts_with_words(&lower, call)) {
        return Kind::Label;
    }
    Kind::Prose
}

/// Ends with a sentence's final punctuation, before any closing quotes or brackets and
/// any emoji or symbol after it.
fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '\u{200d}' | '\u{fe0f}')
            || c.is_whitespace()
            || ('\u{2190}'..='\u{2bff}').contains(&c)
            || ('\u{1f000}'..='\u{1faff}').contains(&c)
    });
    text.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？'])
}

/// `text` starts with `prefix`, and the prefix ends at a word boundary (or with ":").
fn starts_with_words(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| prefix.ends_with(':') || !rest.starts_with(char::is_alphanumeric))
}

/// The words of a lower-case text: runs of letters and digits.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// "49 minutes ago", "Updated 2 hours ago", "il y a 3 heures".
fn is_relative_time(lower: &str) -> bool {
    let words: Vec<&str> = words_of(lower).take(8).collect();
    let mut at = 0;
    if matches!(words.first(), Some(&("last" | "first"))) {
        at += 1;
    }
    if matches!(words.get(at), Some(&("updated" | "published" | "posted" | "modified" | "edited"))) {
        at += 1;
    }
    let count = |w: &str| w.chars().all(|c| c.is_ascii_digit()) || matches!(w, "a" | "an" | "one" | "few" | "une" | "un" | "quelques");
    // English: <count> <unit> ago ("a few minutes ago").
    let mut english = at;
    if words.get(english) == Some(&"a") && words.get(english + 1) == Some(&"few") {
        english += 1;
    }
    if words.get(english).is_some_and(|w| count(w))
        && words.get(english + 1).is_some_and(|w| TIME_UNITS.contains(w))
        && words.get(english + 2) == Some(&"ago")
    {
        return true;
    }
    // French: [mis à jour | publié] il y a <count> <unit>.
    let start = words.iter().position(|w| *w == "il").unwrap_or(usize::MAX);
    start <= 4
        && words.get(start + 1) == Some(&"y")
        && words.get(start + 2) == Some(&"a")
        && words.get(start + 3).is_some_and(|w| count(w))
        && words.get(start + 4).is_some_and(|w| TIME_UNITS.contains(w))
}

/// A short line made only of a date, a time and the words around them.
fn is_dateline(lower: &str) -> bool {
    if visible_length(lower) > DATELINE_MAX {
        return false;
    }
    let left: usize = words_of(lower)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !DATE_WORDS.contains(w))
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    left < 3
}

/// "Photo: ...", "Image source, ...", "© ...", "Media caption ...", "(AP Photo/...)".
fn is_credit(lower: &str) -> bool {
    if lower.starts_with('©') || lower.starts_with("media caption") || lower.starts_with("image caption") {
        return true;
    }
    let first: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
    if CREDIT_WORDS.contains(&first.as_str()) {
        let mut rest = lower[first.len()..].trim_start();
        for word in ["credit", "source", "by"] {
            if let Some(after) = rest.strip_prefix(word) {
                rest = after.trim_start();
                break;
            }
        }
        if rest.starts_with([':', '/', ',', '|', '©']) {
            return true;
        }
    }
    // An agency's photo credit in brackets, anywhere in the line.
    lower.match_indices('(').any(|(at, _)| {
        let inside = &lower[at + 1..];
        let mut words = words_of(inside);
        let agency = words.next().is_some_and(|w| AGENCIES.contains(&w));
        agency && words.next().is_some_and(|w| matches!(w, "photo" | "photos" | "image" | "images" | "pool" | "via"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table both readers run (tests/fixtures/prose-kinds.json; the extension's copy
    /// of these rules runs it in tests/js/article-logic.test.mjs).
    #[test]
    fn the_shared_table_of_kinds() {
        let table: serde_json::Value = serde_json::from_str(include_str!("../../../tests/fixtures/prose-kinds.json")).unwrap();
        for case in table["cases"].as_array().unwrap() {
            let text = case["text"].as_str().unwrap();
            let count = |name: &str| case["tally"][name].as_u64().unwrap_or(0) as usize;
            let tally = Tally { link: count("link"), bold: count("bold"), heading: count("heading"), caption: count("caption"), meta: count("meta") };
            let kind = format!("{:?}", classify(text, &tally)).to_lowercase();
            assert_eq!(kind, case["kind"].as_str().unwrap(), "{text}");
        }
    }

    #[test]
    fn headings_of_lists_of_other_stories() {
        for heading in ["More on this story", "Related Topics", "MOST READ", "More from Business", "À lire aussi :"] {
            assert!(is_related_heading(heading), "{heading}");
        }
        for heading in ["A long history of delays", "Related party transactions under scrutiny", "Read"] {
            assert!(!is_related_heading(heading), "{heading}");
        }
    }

    #[test]
    fn class_words_split_like_the_extension() {
        let html = scraper::Html::parse_fragment(r#"<p class="articleByline photo-credit" id="main_caption"></p>"#);
        let p = html.select(&scraper::Selector::parse("p").unwrap()).next().unwrap();
        let words = class_words(p.value());
        assert_eq!(words, ["article", "byline", "photo", "credit", "main", "caption"]);
        assert_eq!(own_kind("p", &words, None), Some(Kind::Caption));
        assert_eq!(own_kind("h2", &[], None), Some(Kind::Heading));
        assert_eq!(own_kind("div", &["shadow".into(), "heading".into()], None), None);
        assert!(is_chrome(&["share".into(), "bar".into()]));
        assert!(!is_chrome(&["shared".into(), "download".into()]));
    }
}
