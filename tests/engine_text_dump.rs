//! An article as a careless text dump leaves it, read as a careful reader reads it
//! (issue 14, item 3).
//!
//! `tests/fixtures/articles/dump-harbour-watch.txt` was written for the project in the
//! shapes of the article this project started from: a page saved as text by a scraper,
//! machine-translated, whose inline quotations each came out on lines of their own (a lone
//! `“`, the quoted words, then `”, reacted ...`), a word cut around a link ("K" / "estrel"),
//! a named outlet relaying an unnamed source that a later "said this source" refers back to,
//! a company that a later "assures the company" and "she added" stand for, the site's name
//! above the headline and its footer below the article.

use sourcelight::{analyse, LangHint, Sentence, Verdict};

const DUMP: &str = include_str!("fixtures/articles/dump-harbour-watch.txt");

fn blocks() -> Vec<&'static str> {
    DUMP.trim_end().split("\n\n").collect()
}

/// The sentences of the dump: each entry with the text of all its parts (a sentence
/// the dump broke over several blocks is one entry per block).
fn sentences() -> Vec<(String, Sentence)> {
    let blocks = blocks();
    let analysis = analyse(&blocks, LangHint::Auto).expect("the dump is read as English");
    let mut out: Vec<(String, Sentence)> = Vec::new();
    for s in analysis.sentences {
        let text = s.span.text(blocks[s.block]).replace('\n', " ");
        match out.last_mut() {
            Some((whole, _)) if s.continues => {
                whole.push(' ');
                whole.push_str(&text);
            }
            _ => out.push((text, s)),
        }
    }
    out
}

/// The one sentence that holds `phrase`.
fn sentence(phrase: &str) -> Sentence {
    let all = sentences();
    let found: Vec<&(String, Sentence)> = all.iter().filter(|(text, _)| text.contains(phrase)).collect();
    assert_eq!(found.len(), 1, "one sentence holds {phrase:?}: {:#?}", all.iter().map(|(t, _)| t).collect::<Vec<_>>());
    found[0].1.clone()
}

fn resolved(s: &Sentence) -> Option<&str> {
    s.source.as_ref().and_then(|source| source.name.as_deref())
}

#[test]
fn every_broken_quotation_is_one_sentence_with_its_speaker() {
    // (phrase, verdict, resolved source, a direct quotation of three words or more)
    let cases: [(&str, Verdict, Option<&str>, bool); 9] = [
        ("possibly unlawful practices", Verdict::Named, Some("Harbour Workers Union"), true),
        ("Not satisfied with abusing its grip on the port", Verdict::Named, Some("Mara Lindqvist"), true),
        ("close watch", Verdict::Named, Some("Kestrel"), true),
        ("fair ports", Verdict::Named, Some("Kestrel"), false),
        ("They used a false name", Verdict::Anonymous, Some("an unnamed docker"), true),
        ("They knew when we had a bad day", Verdict::Anonymous, Some("an unnamed docker"), true),
        ("a level of security for its sites", Verdict::Named, Some("Castellan Benelux"), true),
        ("This means an internal team", Verdict::Named, Some("Castellan Benelux"), true),
        ("events that could affect the safety of our staff", Verdict::Named, Some("Castellan Benelux"), true),
    ];
    for (phrase, verdict, name, quote) in cases {
        let s = sentence(phrase);
        assert_eq!((s.verdict, resolved(&s)), (verdict, name), "{phrase}");
        assert_eq!(s.quote, quote, "{phrase} holds a quotation");
    }
    // The quotations broken over blank lines are whole inside their sentences.
    let all = sentences();
    let lindqvist = &all.iter().find(|(t, _)| t.contains("Not satisfied")).unwrap().0;
    assert!(lindqvist.starts_with('"') && lindqvist.ends_with("reacted Mara Lindqvist, general secretary of the Harbour Workers Union."), "{lindqvist}");
    let company = &all.iter().find(|(t, _)| t.contains("This means an internal team")).unwrap().0;
    assert!(company.ends_with("\", assures the company."), "{company}");
}

#[test]
fn the_anonymous_chain_runs_through_the_outlet() {
    let relay = sentence("which quotes an unnamed docker");
    assert_eq!(relay.verdict, Verdict::Anonymous);
    // The word the dump cut in two is read whole: the outlet named on the page.
    let all = sentences();
    assert!(all.iter().any(|(t, _)| t.starts_with("In addition, K estrel , which quotes")), "the cut word's parts are one sentence");
    assert_eq!(sentence("said this source").verdict, Verdict::Anonymous);
}

#[test]
fn named_outlets_documents_and_the_company_are_named() {
    assert_eq!(sentence("According to an investigation by Kestrel").verdict, Verdict::Named);
    assert_eq!(sentence("denounced in a statement").verdict, Verdict::Named);
    let assures = sentence("assures the company");
    assert_eq!(resolved(&assures), Some("Castellan Benelux"), "the company is Castellan Benelux, not the union named before it");
    let added = sentence("she added");
    assert_eq!(resolved(&added), Some("Castellan Benelux"));
}

#[test]
fn the_site_the_headline_and_the_footer_are_not_claims() {
    for phrase in [
        "The Harbour Times",
        "Now you can see news",
        "Castellan has reportedly set up a network",
        "2025-05-14T08:12:40.512Z",
        "Is Castellan spying",
        "To read also: \"We cannot work",
        "To read also: Ana Ruiz",
        "SEE ALSO",
        "This group does not play fair",
        "Source: harbourwire",
        "All business articles",
        "You may like",
        "Trends 24h",
        "Example Media 2025",
        "not under our control",
        "does not necessarily imply a recommendation",
    ] {
        assert_eq!(sentence(phrase).verdict, Verdict::None, "{phrase}");
    }
    assert_eq!(sentence("classified as an error by the group").verdict, Verdict::Unattributed);
}

#[test]
fn every_part_points_into_its_block_as_given() {
    let blocks = blocks();
    let analysis = analyse(&blocks, LangHint::Auto).expect("the dump is read as English");
    let parts = &analysis.sentences;
    let mut covered = vec![false; blocks.len()];
    for (i, s) in parts.iter().enumerate() {
        let block = blocks[s.block];
        let text = block.get(s.span.start..s.span.end).expect("a part lies inside its block, on character boundaries");
        assert!(!text.is_empty());
        covered[s.block] = true;
        // A part between the first and the last of a broken sentence is its whole block;
        // the first ends its block, the last opens its block.
        let goes_on = parts.get(i + 1).is_some_and(|next| next.continues);
        if s.continues && goes_on {
            assert_eq!(text, block.trim(), "a middle part is its whole block");
        } else if goes_on {
            assert!(block.trim_end().ends_with(text), "the first part ends its block: {text:?} in {block:?}");
        } else if s.continues {
            assert!(block.trim_start().starts_with(text), "the last part opens its block: {text:?} in {block:?}");
        }
        if let Some(source) = &s.source {
            assert!(blocks[source.block].get(source.span.start..source.span.end).is_some_and(|t| !t.is_empty()));
        }
    }
    assert!(covered.iter().all(|&c| c), "every block of the dump is read");
}
