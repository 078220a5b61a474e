//! Scores the engine against an annotated corpus.
//!
//! Each article's text is split into blocks on blank lines (`\n\n`), the way the
//! corpus separates paragraphs, and analysed. The engine's sentences need not match
//! the annotators' sentences exactly, so each gold sentence takes the verdict of the
//! predicted sentence that overlaps it most (by bytes; the first one on a tie); a
//! gold sentence that no predicted sentence touches counts as predicted `none`.
//!
//! From the resulting gold × predicted confusion matrix come the figures the
//! project is judged by: precision, recall and F1 per verdict, 4-way accuracy,
//! attributed-vs-not F1 (attributed = `named` or `anonymous`), macro-F1 over
//! `named`/`anonymous`/`unattributed` and over all four verdicts, hedge accuracy
//! where the corpus annotates hedges, and the errors, worst first.
//!
//! Conventions, as in the usual tools: a precision, recall or F1 with nothing to
//! divide by is 0; the three-verdict macro-F1 always averages its three verdicts,
//! the four-verdict one leaves out a verdict that appears neither in the gold nor
//! in the predictions (a corpus without `none` sentences is not punished for it).

use serde::Serialize;

use crate::analysis::{analyse, Analysis};
use crate::corpus::Article;
use crate::lang::{LangHint, Unsupported};
use crate::span::Span;
use crate::verdict::Verdict;

/// Everything measured on a corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub articles: usize,
    /// Gold sentences scored.
    pub sentences: usize,
    pub confusion: Confusion,
    /// One entry per verdict, in the order of [`Verdict::ALL`].
    pub verdicts: Vec<VerdictScore>,
    pub accuracy: f64,
    /// Attributed (`named` or `anonymous`) against not (`unattributed` or `none`).
    pub attributed: Score,
    /// Mean F1 over `named`, `anonymous` and `unattributed`.
    pub macro_f1_attribution: f64,
    /// Mean F1 over the four verdicts (those present in gold or predictions).
    pub macro_f1: f64,
    /// Only when some gold sentence says whether it is hedged.
    pub hedged: Option<HedgeScore>,
    /// Accuracy per genre, for corpora that name genres, in order of first appearance.
    pub genres: Vec<GenreScore>,
    /// Every misjudged sentence, worst first (see [`Severity`]).
    pub errors: Vec<ErrorCase>,
    /// The articles the engine refused as written in a language it does not read,
    /// in corpus order: their sentences are scored as the reader sees them, unpainted.
    pub unread: Vec<Unread>,
}

/// An article the engine did not read, and the language it found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unread {
    pub article: String,
    /// The code of the language found (`es`, `und` for one it cannot name).
    pub language: &'static str,
}

/// Counts of gold × predicted verdicts; rows and columns in the order of [`Verdict::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// `counts[gold][predicted]`.
    pub counts: [[usize; 4]; 4],
}

impl Confusion {
    pub fn add(&mut self, gold: Verdict, predicted: Verdict) {
        self.counts[index(gold)][index(predicted)] += 1;
    }

    pub fn count(&self, gold: Verdict, predicted: Verdict) -> usize {
        self.counts[index(gold)][index(predicted)]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn correct(&self) -> usize {
        (0..4).map(|i| self.counts[i][i]).sum()
    }

    /// Sentences with this gold verdict.
    pub fn gold(&self, verdict: Verdict) -> usize {
        self.counts[index(verdict)].iter().sum()
    }

    /// Sentences predicted with this verdict.
    pub fn predicted(&self, verdict: Verdict) -> usize {
        self.counts.iter().map(|row| row[index(verdict)]).sum()
    }

    /// Precision, recall and F1 of one verdict against the rest.
    pub fn score(&self, verdict: Verdict) -> Score {
        let tp = self.count(verdict, verdict);
        Score::from_counts(tp, self.predicted(verdict) - tp, self.gold(verdict) - tp)
    }

    /// Precision, recall and F1 of a group of verdicts taken as one class against the rest.
    pub fn score_group(&self, group: &[Verdict]) -> Score {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for gold in Verdict::ALL {
            for predicted in Verdict::ALL {
                let n = self.count(gold, predicted);
                match (group.contains(&gold), group.contains(&predicted)) {
                    (true, true) => tp += n,
                    (false, true) => fp += n,
                    (true, false) => fn_ += n,
                    (false, false) => {}
                }
            }
        }
        Score::from_counts(tp, fp, fn_)
    }
}

/// Precision, recall and F1 (each 0 when undefined).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Score {
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Score { precision, recall, f1 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct VerdictScore {
    pub verdict: Verdict,
    #[serde(flatten)]
    pub score: Score,
    /// Gold sentences with this verdict.
    pub support: usize,
    /// Sentences the engine gave this verdict.
    pub predicted: usize,
}

/// How well `hedged` is predicted, over the gold sentences that annotate it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HedgeScore {
    pub sentences: usize,
    pub accuracy: f64,
    /// `hedged = true` as the positive class.
    #[serde(flatten)]
    pub score: Score,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GenreScore {
    pub genre: String,
    pub sentences: usize,
    pub accuracy: f64,
}

/// How bad a misjudgement is, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An attributed sentence (named or anonymous) read as unattributed or not a claim:
    /// the attribution the reader most needs to see was missed.
    MissedAttribution,
    /// Named read as anonymous or the other way round.
    WrongSourceKind,
    /// An unattributed sentence or non-claim read as attributed.
    FalseAttribution,
    /// Unattributed read as not a claim or the other way round.
    ClaimOrNot,
}

impl Severity {
    fn of(gold: Verdict, predicted: Verdict) -> Severity {
        let attributed = |v| matches!(v, Verdict::Named | Verdict::Anonymous);
        match (attributed(gold), attributed(predicted)) {
            (true, false) => Severity::MissedAttribution,
            (true, true) => Severity::WrongSourceKind,
            (false, true) => Severity::FalseAttribution,
            (false, false) => Severity::ClaimOrNot,
        }
    }
}

/// One misjudged sentence, with what the annotators and the engine said about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorCase {
    pub severity: Severity,
    pub article: String,
    /// 1-based position of the sentence in its article.
    pub sentence: usize,
    pub text: String,
    pub gold: Verdict,
    pub predicted: Verdict,
    pub gold_source: Option<String>,
    pub gold_cue: Option<String>,
    /// The engine's source as written, and its resolved name if different.
    pub predicted_source: Option<String>,
    pub predicted_cue: Option<String>,
    /// The engine's reason; `None` when no predicted sentence overlapped.
    pub reason: Option<String>,
}

/// Scores [`analyse`] on `articles`, each analysed in the language its `lang` field names
/// (or with automatic detection for a language the core does not read).
pub fn evaluate(articles: &[Article]) -> Report {
    evaluate_with(articles, analyse)
}

/// Scores any analyser on `articles`; [`evaluate`] passes the engine. Tests pass a
/// stand-in whose answers they know.
pub fn evaluate_with(articles: &[Article], mut analyser: impl FnMut(&[&str], LangHint) -> Result<Analysis, Unsupported>) -> Report {
    let mut confusion = Confusion::default();
    let mut unread = Vec::new();
    let mut hedges = HedgeCounts::default();
    let mut genres: Vec<(String, Confusion)> = Vec::new();
    let mut errors = Vec::new();

    for article in articles {
        let predictions = match predict(article, &mut analyser) {
            Ok(predictions) => predictions,
            Err(refused) => {
                unread.push(Unread { article: article.id.clone(), language: refused.language.code() });
                Vec::new()
            }
        };
        let mut article_confusion = Confusion::default();
        for (number, gold) in article.sentences.iter().enumerate() {
            let matched = best_overlap(&predictions, gold.span);
            let predicted = matched.map_or(Verdict::None, |p| p.verdict);
            article_confusion.add(gold.label, predicted);
            if let Some(gold_hedged) = gold.hedged {
                hedges.add(gold_hedged, matched.is_some_and(|p| p.hedged));
            }
            if gold.label != predicted {
                errors.push(ErrorCase {
                    severity: Severity::of(gold.label, predicted),
                    article: article.id.clone(),
                    sentence: number + 1,
                    text: gold.text(article).to_string(),
                    gold: gold.label,
                    predicted,
                    gold_source: gold.resolved.as_ref().or(gold.source.as_ref()).cloned(),
                    gold_cue: gold.cue.clone(),
                    predicted_source: matched.and_then(|p| p.source.clone()),
                    predicted_cue: matched.and_then(|p| p.cue.clone()),
                    reason: matched.map(|p| p.reason.clone()),
                });
            }
        }
        add_confusion(&mut confusion, &article_confusion);
        if let Some(genre) = &article.genre {
            match genres.iter_mut().find(|(name, _)| name == genre) {
                Some((_, counts)) => add_confusion(counts, &article_confusion),
                None => genres.push((genre.clone(), article_confusion)),
            }
        }
    }
    // A stable sort keeps corpus order within each severity.
    errors.sort_by_key(|e| e.severity);

    let verdicts = Verdict::ALL
        .into_iter()
        .map(|verdict| VerdictScore {
            verdict,
            score: confusion.score(verdict),
            support: confusion.gold(verdict),
            predicted: confusion.predicted(verdict),
        })
        .collect::<Vec<_>>();
    let present: Vec<&VerdictScore> = verdicts.iter().filter(|v| v.support + v.predicted > 0).collect();
    let macro_f1 = mean(present.iter().map(|v| v.score.f1));
    let macro_f1_attribution = mean(verdicts.iter().filter(|v| v.verdict != Verdict::None).map(|v| v.score.f1));

    Report {
        articles: articles.len(),
        sentences: confusion.total(),
        accuracy: ratio(confusion.correct(), confusion.total()),
        attributed: confusion.score_group(&[Verdict::Named, Verdict::Anonymous]),
        macro_f1_attribution,
        macro_f1,
        hedged: hedges.score(),
        genres: genres
            .into_iter()
            .map(|(genre, c)| GenreScore { genre, sentences: c.total(), accuracy: ratio(c.correct(), c.total()) })
            .collect(),
        confusion,
        verdicts,
        errors,
        unread,
    }
}

/// The articles whose `lang` field is `lang` (compared without regard to case).
pub fn in_language(articles: Vec<Article>, lang: &str) -> Vec<Article> {
    articles.into_iter().filter(|a| a.lang.eq_ignore_ascii_case(lang)).collect()
}

/// One predicted sentence with its span in the whole article text.
struct Prediction {
    span: Span,
    verdict: Verdict,
    hedged: bool,
    source: Option<String>,
    cue: Option<String>,
    reason: String,
}

fn predict(
    article: &Article,
    analyser: &mut impl FnMut(&[&str], LangHint) -> Result<Analysis, Unsupported>,
) -> Result<Vec<Prediction>, Unsupported> {
    let mut blocks = Vec::new();
    let mut block_starts = Vec::new();
    let mut at = 0;
    for block in article.text.split("\n\n") {
        blocks.push(block);
        block_starts.push(at);
        at += block.len() + 2;
    }
    // The corpus's language is what the page would declare: a hint, not an order, so
    // that eval scores what a reader of the article would see.
    let analysis = analyser(&blocks, LangHint::declared(&article.lang))?;

    // Written defensively: a span the engine got wrong costs its sentence, not the run.
    let slice = |block: usize, span: Span| blocks.get(block).and_then(|b| b.get(span.start..span.end));
    let mut predictions: Vec<Prediction> = analysis
        .sentences
        .iter()
        .filter_map(|sentence| {
            slice(sentence.block, sentence.span)?;
            let source = sentence.source.as_ref().and_then(|source| {
                let written = slice(source.block, source.span)?;
                Some(match &source.name {
                    Some(name) if name != written => format!("{written} ({name})"),
                    _ => written.to_string(),
                })
            });
            let cue = sentence.cue.and_then(|cue| slice(sentence.block, cue.span)).map(str::to_string);
            Some(Prediction {
                span: sentence.span.shifted(block_starts[sentence.block]),
                verdict: sentence.verdict,
                hedged: sentence.hedged,
                source,
                cue,
                reason: sentence.reason.clone(),
            })
        })
        .collect();
    predictions.sort_by_key(|p| p.span);
    Ok(predictions)
}

/// The prediction overlapping `gold` by the most bytes, the earliest on a tie;
/// `None` when none overlaps at all.
fn best_overlap(predictions: &[Prediction], gold: Span) -> Option<&Prediction> {
    let mut best: Option<(usize, &Prediction)> = None;
    for prediction in predictions {
        let overlap = prediction.span.end.min(gold.end).saturating_sub(prediction.span.start.max(gold.start));
        if overlap > 0 && best.is_none_or(|(most, _)| overlap > most) {
            best = Some((overlap, prediction));
        }
    }
    best.map(|(_, p)| p)
}

#[derive(Default)]
struct HedgeCounts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl HedgeCounts {
    fn add(&mut self, gold: bool, predicted: bool) {
        match (gold, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn score(&self) -> Option<HedgeScore> {
        let sentences = self.tp + self.fp + self.fn_ + self.tn;
        (sentences > 0).then(|| HedgeScore {
            sentences,
            accuracy: ratio(self.tp + self.tn, sentences),
            score: Score::from_counts(self.tp, self.fp, self.fn_),
        })
    }
}

fn add_confusion(into: &mut Confusion, from: &Confusion) {
    for (row_into, row_from) in into.counts.iter_mut().zip(from.counts) {
        for (cell, n) in row_into.iter_mut().zip(row_from) {
            *cell += n;
        }
    }
}

fn index(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Named => 0,
        Verdict::Anonymous => 1,
        Verdict::Unattributed => 2,
        Verdict::None => 3,
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0), |(sum, n), v| (sum + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentence::{Cue, Sentence, Source, SourceKind};
    use crate::corpus;
    use crate::lang::Lang;
    use crate::profile::Profile;
    // Under wasm, run these same tests through wasm-bindgen-test.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A stand-in analyser: every block's sentences are the pieces between ". "
    /// (plus the final one), and each gets the verdict its first word spells:
    /// "Named ...", "Anon ...", "Claim ..." (unattributed), anything else `none`.
    /// "Hedged" anywhere marks it hedged. So a test corpus states its own predictions.
    fn spelled(blocks: &[&str], _: LangHint) -> Result<Analysis, Unsupported> {
        let mut sentences = Vec::new();
        for (block, text) in blocks.iter().enumerate() {
            let mut start = 0;
            while start < text.len() {
                let end = text[start..].find(". ").map_or(text.len(), |i| start + i + 1);
                let piece = &text[start..end];
                let verdict = match piece.split(' ').next() {
                    Some("Named") => Verdict::Named,
                    Some("Anon") => Verdict::Anonymous,
                    Some("Claim") => Verdict::Unattributed,
                    _ => Verdict::None,
                };
                let source = (verdict == Verdict::Named).then(|| Source {
                    block,
                    span: Span::new(start, start + 5),
                    kind: SourceKind::Person,
                    name: Some("Ada Vale".into()),
                });
                sentences.push(Sentence {
                    block,
                    span: Span::new(start, end),
                    verdict,
                    hedged: piece.contains("Hedged"),
                    quote: false,
                    source,
                    cue: (verdict == Verdict::Named).then(|| Cue { span: Span::new(start, start + 5) }),
                    reason: format!("spelled {}", verdict.as_str()),
                    continues: false,
                });
                start = (end + 1).min(text.len());
            }
        }
        Ok(Analysis { lang: Lang::En, sentences, profile: Profile::default() })
    }

    fn gold(id: &str, text: &str, labels: &[(&str, &str)]) -> String {
        // Each gold sentence is given by its text (found in order) and its label.
        let mut from = 0;
        let sentences: Vec<String> = labels
            .iter()
            .map(|(sentence, label)| {
                let at = from + text[from..].find(sentence).expect("gold sentence in the text");
                from = at + sentence.len();
                let (start, end) = (text[..at].chars().count(), text[..from].chars().count());
                format!(
                    r#"{{"start": {start}, "end": {end}, "label": "{label}", "hedged": {}}}"#,
                    sentence.contains("Hedged")
                )
            })
            .collect();
        let text = serde_json::to_string(text).unwrap();
        format!(
            r#"{{"id": "{id}", "lang": "en", "genre": "test", "text": {text}, "sentences": [{}]}}"#,
            sentences.join(", ")
        )
    }

    fn report_of(lines: &[String]) -> Report {
        let articles = corpus::read(lines.join("\n").as_bytes()).unwrap();
        evaluate_with(&articles, spelled)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_perfect_analyser_scores_one_everywhere() {
        let line = gold(
            "p",
            "Named one. Anon two.\n\nClaim three. Title",
            &[("Named one.", "named"), ("Anon two.", "anonymous"), ("Claim three.", "unattributed"), ("Title", "none")],
        );
        let report = report_of(&[line]);
        assert_eq!(report.sentences, 4);
        assert_eq!(report.confusion.correct(), 4);
        assert!(close(report.accuracy, 1.0));
        assert!(close(report.macro_f1, 1.0));
        assert!(close(report.macro_f1_attribution, 1.0));
        assert!(close(report.attributed.f1, 1.0));
        assert!(report.errors.is_empty());
    }

    /// Ten gold sentences whose figures are worked out by hand below.
    ///
    /// gold → predicted:
    ///   named → named ×3, named → unattributed ×1
    ///   anonymous → anonymous ×1, anonymous → named ×1
    ///   unattributed → unattributed ×2, unattributed → anonymous ×1
    ///   none → none ×1
    fn hand_corpus() -> Vec<String> {
        vec![
            gold(
                "h1",
                "Named a. Named b. Claim c.\n\nAnon d. Named e.",
                &[
                    ("Named a.", "named"),
                    ("Named b.", "named"),
                    ("Claim c.", "named"),
                    ("Anon d.", "anonymous"),
                    ("Named e.", "anonymous"),
                ],
            ),
            gold(
                "h2",
                "Named f. Claim g. Claim h. Anon i. Byline",
                &[
                    ("Named f.", "named"),
                    ("Claim g.", "unattributed"),
                    ("Claim h.", "unattributed"),
                    ("Anon i.", "unattributed"),
                    ("Byline", "none"),
                ],
            ),
        ]
    }

    #[test]
    fn the_confusion_matrix_counts_gold_against_predicted() {
        let c = report_of(&hand_corpus()).confusion;
        assert_eq!(c.counts, [[3, 0, 1, 0], [1, 1, 0, 0], [0, 1, 2, 0], [0, 0, 0, 1]]);
        assert_eq!(c.total(), 10);
    }

    #[test]
    fn per_verdict_figures_match_the_hand_computation() {
        let report = report_of(&hand_corpus());
        let get = |v: Verdict| *report.verdicts.iter().find(|s| s.verdict == v).unwrap();
        // named: tp 3, predicted 4, gold 4 → P = R = F1 = 0.75.
        let named = get(Verdict::Named);
        assert!(close(named.score.precision, 0.75) && close(named.score.recall, 0.75) && close(named.score.f1, 0.75));
        assert_eq!((named.support, named.predicted), (4, 4));
        // anonymous: tp 1, predicted 2, gold 2 → 0.5.
        assert!(close(get(Verdict::Anonymous).score.f1, 0.5));
        // unattributed: tp 2, predicted 3, gold 3 → 2/3.
        assert!(close(get(Verdict::Unattributed).score.f1, 2.0 / 3.0));
        // none: 1 of 1 → 1.
        assert!(close(get(Verdict::None).score.f1, 1.0));
    }

    #[test]
    fn summary_figures_match_the_hand_computation() {
        let report = report_of(&hand_corpus());
        // 7 correct of 10.
        assert!(close(report.accuracy, 0.7));
        // Attributed: gold 6 (named 4 + anonymous 2), predicted 6 (named 4 + anonymous 2),
        // both attributed 5 (only "Claim c." lost) → P = R = 5/6.
        assert!(close(report.attributed.precision, 5.0 / 6.0));
        assert!(close(report.attributed.recall, 5.0 / 6.0));
        assert!(close(report.attributed.f1, 5.0 / 6.0));
        assert!(close(report.macro_f1_attribution, (0.75 + 0.5 + 2.0 / 3.0) / 3.0));
        assert!(close(report.macro_f1, (0.75 + 0.5 + 2.0 / 3.0 + 1.0) / 4.0));
        assert_eq!(report.articles, 2);
    }

    #[test]
    fn errors_come_worst_first_then_in_corpus_order() {
        let report = report_of(&hand_corpus());
        let order: Vec<(&str, Severity)> = report.errors.iter().map(|e| (e.text.as_str(), e.severity)).collect();
        assert_eq!(
            order,
            [
                ("Claim c.", Severity::MissedAttribution),
                ("Named e.", Severity::WrongSourceKind),
                ("Anon i.", Severity::FalseAttribution),
            ]
        );
        let first = &report.errors[0];
        assert_eq!((first.article.as_str(), first.sentence), ("h1", 3));
        assert_eq!((first.gold, first.predicted), (Verdict::Named, Verdict::Unattributed));
        assert_eq!(first.reason.as_deref(), Some("spelled unattributed"));
        let second = &report.errors[1];
        assert_eq!(second.predicted_source.as_deref(), Some("Named (Ada Vale)"));
        assert_eq!(second.predicted_cue.as_deref(), Some("Named"));
    }

    #[test]
    fn a_verdict_absent_everywhere_is_left_out_of_the_four_way_macro() {
        let line = gold("n", "Named a. Claim b.", &[("Named a.", "named"), ("Claim b.", "unattributed")]);
        let report = report_of(&[line]);
        assert!(close(report.macro_f1, 1.0));
        // The three-verdict macro keeps anonymous, with its F1 of 0.
        assert!(close(report.macro_f1_attribution, 2.0 / 3.0));
    }

    #[test]
    fn takes_the_prediction_that_overlaps_most() {
        // Gold sees one sentence where the stand-in sees two; the longer piece decides.
        let line = gold("o", "Claim x. Named longer piece.", &[("Claim x. Named longer piece.", "named")]);
        let report = report_of(&[line]);
        assert_eq!(report.confusion.count(Verdict::Named, Verdict::Named), 1);
    }

    #[test]
    fn a_gold_sentence_nothing_overlaps_counts_as_none() {
        let line = gold("z", "Named a.", &[("Named a.", "named")]);
        let articles = corpus::read(line.as_bytes()).unwrap();
        let empty =
            |_: &[&str], _: LangHint| Ok(Analysis { lang: Lang::En, sentences: vec![], profile: Profile::default() });
        let report = evaluate_with(&articles, empty);
        assert_eq!(report.confusion.count(Verdict::Named, Verdict::None), 1);
        assert_eq!(report.errors[0].reason, None);
    }

    #[test]
    fn predicted_spans_are_placed_in_their_block() {
        // The second paragraph's sentences only match if block offsets are added.
        let line = gold(
            "b",
            "Claim é😀.\n\nNamed a. Anon b.",
            &[("Claim é😀.", "unattributed"), ("Named a.", "named"), ("Anon b.", "anonymous")],
        );
        assert!(close(report_of(&[line]).accuracy, 1.0));
    }

    #[test]
    fn a_broken_engine_span_costs_its_sentence_not_the_run() {
        let line = gold("x", "Named a.", &[("Named a.", "named")]);
        let articles = corpus::read(line.as_bytes()).unwrap();
        let broken = |blocks: &[&str], hint| {
            let mut analysis = spelled(blocks, hint)?;
            analysis.sentences[0].block = 7;
            Ok(analysis)
        };
        let report = evaluate_with(&articles, broken);
        assert_eq!(report.confusion.count(Verdict::Named, Verdict::None), 1);
    }

    #[test]
    fn hedges_are_scored_where_annotated() {
        let line = gold(
            "h",
            "Anon Hedged a. Claim b. Named c.",
            &[("Anon Hedged a.", "anonymous"), ("Claim b.", "unattributed"), ("Named c.", "named")],
        );
        let hedged = report_of(&[line]).hedged.expect("hedges annotated");
        assert_eq!(hedged.sentences, 3);
        assert!(close(hedged.accuracy, 1.0));
        let unannotated =
            r#"{"id": "u", "lang": "en", "text": "Named a.", "sentences": [{"start": 0, "end": 8, "label": "named"}]}"#;
        assert_eq!(report_of(&[unannotated.to_string()]).hedged, None);
    }

    #[test]
    fn genres_get_their_own_accuracy() {
        let report = report_of(&hand_corpus());
        assert_eq!(report.genres, [GenreScore { genre: "test".into(), sentences: 10, accuracy: 0.7 }]);
    }

    #[test]
    fn an_empty_corpus_gives_zeros_not_a_panic() {
        let report = evaluate_with(&[], spelled);
        assert_eq!((report.sentences, report.accuracy, report.macro_f1), (0, 0.0, 0.0));
    }

    #[test]
    fn an_article_refused_for_its_language_is_scored_unpainted_and_listed() {
        use crate::lang::Language;
        let line = gold("es", "Named a. Claim b.", &[("Named a.", "named"), ("Claim b.", "unattributed")]);
        let articles = corpus::read(line.as_bytes()).unwrap();
        let refuse = |_: &[&str], _: LangHint| Err(Unsupported { language: Language::Es });
        let report = evaluate_with(&articles, refuse);
        assert_eq!(report.unread, [Unread { article: "es".into(), language: "es" }]);
        assert_eq!(report.confusion.count(Verdict::Named, Verdict::None), 1);
        assert_eq!(report.confusion.count(Verdict::Unattributed, Verdict::None), 1);
    }

    #[test]
    fn the_corpus_language_is_a_hint_the_text_may_overrule() {
        let mut seen = Vec::new();
        let line = gold("d", "Named a.", &[("Named a.", "named")]);
        let mut articles = corpus::read(line.as_bytes()).unwrap();
        articles[0].lang = "fr".into();
        evaluate_with(&articles, |blocks: &[&str], hint| {
            seen.push(hint);
            spelled(blocks, hint)
        });
        assert_eq!(seen, [LangHint::Declared(crate::lang::Language::Fr)]);
    }

    #[test]
    fn filters_articles_by_language() {
        let mut articles = corpus::read(hand_corpus().join("\n").as_bytes()).unwrap();
        articles[1].lang = "fr".into();
        let english: Vec<String> = in_language(articles, "EN").into_iter().map(|a| a.id).collect();
        assert_eq!(english, ["h1"]);
    }
}
