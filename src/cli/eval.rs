//! `sourcelight eval`: scores the engine on an annotated corpus and prints the figures.

use std::fmt::Write as _;
use std::io::{self, BufReader};
use std::path::Path;

use sourcelight::corpus;
use sourcelight::eval::{evaluate, in_language, Report, Severity};
use sourcelight::Verdict;

use super::args::{self, Spec};
use super::{input, write_out, Failure, EXIT_CODES};

pub const HELP: &str = "\
sourcelight eval: scores the engine on an annotated corpus.

Usage: sourcelight eval [--lang CODE] [--json] [--errors N] CORPUS.jsonl

CORPUS.jsonl holds one article per line, as described in the corpus README:
{\"id\", \"lang\", \"text\", \"sentences\": [{\"start\", \"end\", \"label\", ...}]},
with offsets in Unicode code points. `-` reads the corpus from standard input.
Each article's text is split into paragraphs on blank lines and analysed; each
gold sentence takes the verdict of the engine's sentence that overlaps it most.

Prints precision, recall and F1 per verdict, the confusion matrix (gold rows,
predicted columns), 4-way accuracy, attributed-vs-not F1 (attributed = named or
anonymous), macro-F1 over named/anonymous/unattributed and over all verdicts,
hedge accuracy where annotated, accuracy per genre, and the worst errors
(attributions missed first, then named/anonymous swapped, then attributions
invented, then unattributed/none swapped).

Options:
  --lang CODE   only score the articles whose lang is CODE (en, fr, ...)
  --json        print the report as JSON instead of text
  --errors N    how many errors to list (default 20; 0 for none)
  -h, --help    show this help

A malformed corpus line stops the run with exit code 1 and its line number.

";

const DEFAULT_ERRORS: usize = 20;

pub fn run(arguments: Vec<std::ffi::OsString>) -> Result<(), Failure> {
    let parsed = args::parse(arguments, &Spec { valued: &["lang", "errors"], switches: &["json"] })?;
    if parsed.has("help") {
        return write_out(&format!("{HELP}{EXIT_CODES}"));
    }
    let errors = match parsed.value("errors") {
        None => DEFAULT_ERRORS,
        Some(n) => n.parse().map_err(|_| Failure::usage(format!("--errors needs a whole number, not {n:?}")))?,
    };
    let lang = parsed.value("lang");
    if lang.is_some_and(|l| l.is_empty() || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
        return Err(Failure::usage(format!("--lang needs a language code such as en or fr, not {:?}", lang.unwrap())));
    }
    let operand = parsed.single_operand("corpus file", None)?;
    let name = Path::new(&operand).display().to_string();

    let articles = if operand == "-" {
        corpus::read(io::stdin().lock())
    } else {
        let file = input::open_file(Path::new(&operand), &name)?;
        corpus::read(BufReader::new(file))
    }
    .map_err(|e| Failure::input(format!("{name}: {e}")))?;
    if articles.is_empty() {
        return Err(Failure::input(format!("{name} holds no article")));
    }
    let articles = match lang {
        Some(lang) => {
            let kept = in_language(articles, lang);
            if kept.is_empty() {
                return Err(Failure::input(format!("{name} holds no article in the language {lang:?}")));
            }
            kept
        }
        None => articles,
    };

    let report = evaluate(&articles);
    let output = if parsed.has("json") {
        render_json(&report, &name, lang, errors)
    } else {
        render_text(&report, &name, lang, errors)
    };
    write_out(&output)
}

fn render_json(report: &Report, corpus: &str, lang: Option<&str>, errors: usize) -> String {
    let mut shown = report.clone();
    shown.errors.truncate(errors);
    let mut value = serde_json::to_value(&shown).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("corpus".into(), corpus.into());
        object.insert("lang".into(), lang.into());
        object.insert("errors_total".into(), report.errors.len().into());
        object.insert("labels".into(), Verdict::ALL.map(Verdict::as_str).to_vec().into());
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn render_text(report: &Report, corpus: &str, lang: Option<&str>, errors: usize) -> String {
    let mut out = String::new();
    let filter = lang.map(|l| format!(" (lang {l})")).unwrap_or_default();
    let _ = writeln!(out, "{corpus}{filter}: {} articles, {} sentences\n", report.articles, report.sentences);
    if !report.unread.is_empty() {
        let unread: Vec<String> = report.unread.iter().map(|u| format!("{} ({})", u.article, u.language)).collect();
        let _ = writeln!(
            out,
            "not read, in a language the engine does not read (scored as unpainted): {}\n",
            unread.join(", ")
        );
    }

    let _ =
        writeln!(out, "{:<14}{:>10}{:>8}{:>8}{:>7}{:>11}", "verdict", "precision", "recall", "F1", "gold", "predicted");
    for v in &report.verdicts {
        let _ = writeln!(
            out,
            "{:<14}{:>10.3}{:>8.3}{:>8.3}{:>7}{:>11}",
            v.verdict.as_str(),
            v.score.precision,
            v.score.recall,
            v.score.f1,
            v.support,
            v.predicted
        );
    }

    let _ = writeln!(out, "\nconfusion (rows: gold, columns: predicted)");
    let _ = write!(out, "{:<14}", "");
    for v in Verdict::ALL {
        let _ = write!(out, "{:>14}", v.as_str());
    }
    out.push('\n');
    for gold in Verdict::ALL {
        let _ = write!(out, "{:<14}", gold.as_str());
        for predicted in Verdict::ALL {
            let _ = write!(out, "{:>14}", report.confusion.count(gold, predicted));
        }
        out.push('\n');
    }

    let a = &report.attributed;
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<40}{:.3}", "accuracy (4-way)", report.accuracy);
    let _ = writeln!(out, "{:<40}{:.3}  (P {:.3}, R {:.3})", "attributed-vs-not F1", a.f1, a.precision, a.recall);
    let _ = writeln!(out, "{:<40}{:.3}", "macro-F1 named/anonymous/unattributed", report.macro_f1_attribution);
    let _ = writeln!(out, "{:<40}{:.3}", "macro-F1 all verdicts", report.macro_f1);
    if let Some(h) = &report.hedged {
        let _ = writeln!(
            out,
            "{:<40}{:.3}  (hedged F1 {:.3}, P {:.3}, R {:.3}, over {} sentences)",
            "hedge accuracy", h.accuracy, h.score.f1, h.score.precision, h.score.recall, h.sentences
        );
    }

    if report.genres.len() > 1 {
        let _ = writeln!(out, "\naccuracy by genre");
        for g in &report.genres {
            let _ = writeln!(out, "  {:<34}{:>5} sentences  {:.3}", g.genre, g.sentences, g.accuracy);
        }
    }

    if errors > 0 && !report.errors.is_empty() {
        let shown = errors.min(report.errors.len());
        let _ = writeln!(out, "\nworst errors ({shown} of {})", report.errors.len());
        let mut severity = None;
        for e in report.errors.iter().take(errors) {
            if severity != Some(e.severity) {
                severity = Some(e.severity);
                let _ = writeln!(out, "\n  {}", severity_title(e.severity));
            }
            let _ = writeln!(
                out,
                "  {} #{}: gold {} -> predicted {}",
                e.article,
                e.sentence,
                e.gold.as_str(),
                e.predicted.as_str()
            );
            let _ = writeln!(out, "    {}", one_line(&e.text));
            if e.gold_source.is_some() || e.gold_cue.is_some() {
                let _ = writeln!(
                    out,
                    "    gold: source {}, cue {}",
                    e.gold_source.as_deref().unwrap_or("-"),
                    e.gold_cue.as_deref().unwrap_or("-")
                );
            }
            match &e.reason {
                Some(reason) => {
                    let _ = writeln!(
                        out,
                        "    engine: source {}, cue {}: {}",
                        e.predicted_source.as_deref().map(one_line).unwrap_or("-".into()),
                        e.predicted_cue.as_deref().map(one_line).unwrap_or("-".into()),
                        reason
                    );
                }
                None => {
                    let _ = writeln!(out, "    engine: no sentence of the engine overlaps this one");
                }
            }
        }
    }
    out
}

fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::MissedAttribution => "attribution missed (gold named/anonymous, predicted unattributed/none):",
        Severity::WrongSourceKind => "named and anonymous swapped:",
        Severity::FalseAttribution => "attribution invented (gold unattributed/none, predicted named/anonymous):",
        Severity::ClaimOrNot => "unattributed and none swapped:",
    }
}

/// Line breaks inside a sentence (broken text dumps) would break the report's layout.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
