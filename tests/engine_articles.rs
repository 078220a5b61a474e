//! Whole articles, written for the project in several genres, read by the
//! engine and compared with their reviewed verdicts.
//!
//! Each `tests/fixtures/articles/NAME.txt` (paragraphs separated by blank
//! lines) has a `NAME.verdicts` beside it: one line per sentence entry,
//! `verdict flags | text | source -> resolved name | cue`, where the flags are
//! `H` (hedged), `Q` (holds a quotation) and `+` (continues the sentence of the
//! line before across a block break). After a deliberate change, run
//! `UPDATE_SNAPSHOTS=1 cargo test --test engine_articles` and review the diff
//! of the `.verdicts` files with `git diff` before committing them.

use std::fmt::Write;
use std::path::Path;

use sourcelight::{analyse, LangHint};

fn render(text: &str) -> String {
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let analysis = analyse(&blocks, LangHint::Auto).expect("every fixture article is in a language the engine reads");
    let mut out = String::new();
    for s in &analysis.sentences {
        let flags = format!(
            "{}{}{}",
            if s.hedged { "H" } else { "" },
            if s.quote { "Q" } else { "" },
            if s.continues { "+" } else { "" }
        );
        let text = s.span.text(blocks[s.block]).replace('\n', " ");
        let source = s
            .source
            .as_ref()
            .map(|src| {
                let written = src.span.text(blocks[src.block]);
                match &src.name {
                    Some(name) if name != written => format!("{written} -> {name}"),
                    _ => written.to_string(),
                }
            })
            .unwrap_or_else(|| "-".into());
        let cue = s.cue.map(|c| c.span.text(blocks[s.block]).to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(out, "{:<12} {:<3} | {} | {} | {}", s.verdict.as_str(), flags, text, source, cue);
    }
    out
}

#[test]
fn articles_match_their_reviewed_verdicts() {
    let dir = Path::new("tests/fixtures/articles");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("the fixture folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "expected the genre fixtures, found {}", names.len());
    let mut failures = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("fixture is readable");
        let got = render(text.trim_end());
        let snapshot = path.with_extension("verdicts");
        if update {
            std::fs::write(&snapshot, &got).expect("snapshot is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != got {
            let first = expected.lines().zip(got.lines()).position(|(e, g)| e != g).unwrap_or(0);
            failures.push(format!(
                "{}: first difference at line {}\n  expected: {}\n  got:      {}",
                path.display(),
                first + 1,
                expected.lines().nth(first).unwrap_or("(nothing)"),
                got.lines().nth(first).unwrap_or("(nothing)")
            ));
        }
    }
    assert!(failures.is_empty(), "verdicts changed (rerun with UPDATE_SNAPSHOTS=1 and review the diff):\n{}", failures.join("\n"));
}
