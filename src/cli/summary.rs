//! `scan --summary FILE.csv`: one row per article, for pandas or a spreadsheet.
//!
//! Columns: `id` (the line's id, or the file's path), `lang`, `sentences`, the four
//! verdict counts, `hedged`, `anonymous_share`, `top_source_1` to `top_source_3`, and
//! `error`. The anonymous share is the part of the article's *claims* (sentences
//! that are not `none`) resting on anonymous sources, from 0 to 1, empty when the
//! article makes no claim. The top sources are the named sources that the most
//! sentences rest on, ties in order of first appearance. An article that could not
//! be read has its id and its `error`, and the other columns empty, so that every
//! input has its row.
//!
//! The rows are written with the `csv` crate: ids and source names may hold commas,
//! quotes and line breaks.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;

use super::view::ScanView;
use super::{Exit, Failure};

pub const HEADER: [&str; 13] = [
    "id",
    "lang",
    "sentences",
    "named",
    "anonymous",
    "unattributed",
    "none",
    "hedged",
    "anonymous_share",
    "top_source_1",
    "top_source_2",
    "top_source_3",
    "error",
];

/// One article's row, its fields already as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(Vec<String>);

impl Row {
    /// The row of an analysed article.
    pub fn of(id: String, view: &ScanView) -> Row {
        let summary = &view.summary;
        let claims = summary.named + summary.anonymous + summary.unattributed;
        let share = if claims == 0 { String::new() } else { format!("{:.4}", summary.anonymous as f64 / claims as f64) };
        let mut sources: Vec<_> = view.sources.iter().collect();
        // Stable: ties keep the order of first appearance.
        sources.sort_by_key(|source| std::cmp::Reverse(source.sentences));
        let top = |i: usize| sources.get(i).map(|s| s.name.to_string()).unwrap_or_default();
        let mut fields = vec![id, view.lang.to_string()];
        fields.extend(
            [summary.sentences, summary.named, summary.anonymous, summary.unattributed, summary.none, summary.hedged]
                .map(|n| n.to_string()),
        );
        fields.extend([share, top(0), top(1), top(2), String::new()]);
        Row(fields)
    }

    /// The row of an article that could not be read or analysed.
    pub fn failed(id: String, error: &str) -> Row {
        let mut fields = vec![String::new(); HEADER.len()];
        fields[0] = id;
        fields[HEADER.len() - 1] = error.to_string();
        Row(fields)
    }
}

/// The CSV file being written.
pub struct Summary {
    writer: csv::Writer<BufWriter<File>>,
    name: String,
}

impl Summary {
    /// Creates (or truncates) the file and writes the header.
    ///
    /// # Errors
    /// When the file cannot be created or written (exit code 3, as for the report).
    pub fn create(path: &Path) -> Result<Summary, Failure> {
        let name = path.display().to_string();
        let file = File::create(path).map_err(|e| cannot_write(&name, &e))?;
        let mut summary = Summary { writer: csv::Writer::from_writer(BufWriter::with_capacity(256 * 1024, file)), name };
        summary.writer.write_record(HEADER).map_err(|e| cannot_write(&summary.name, &e.into()))?;
        Ok(summary)
    }

    pub fn write(&mut self, row: &Row) -> Result<(), Failure> {
        self.writer.write_record(&row.0).map_err(|e| cannot_write(&self.name, &e.into()))
    }

    /// Flushes what is left to the file.
    pub fn finish(mut self) -> Result<(), Failure> {
        // Through the csv writer's buffer and then the file's.
        self.writer.flush().map_err(|e| cannot_write(&self.name, &e))
    }
}

fn cannot_write(name: &str, error: &io::Error) -> Failure {
    Failure { exit: Exit::Output, message: format!("could not write the summary {name}: {error}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::document::Document;
    use sourcelight::{analyse, Lang, LangHint};

    #[test]
    fn counts_share_and_top_sources_of_an_article() {
        let text = "Port fees will rise by 4 % in June, said Maria Ortiz, the port's director.\n\n\
                    Ortiz said the rise was needed. She added that ships would wait less.\n\n\
                    The council said it had not been consulted. Officials said the plan was rushed.\n\n\
                    The fees last rose in 2019.";
        let document = Document::from_text(text.to_string());
        let analysis = analyse(&document.block_texts(), LangHint::Is(Lang::En)).expect("English is read whatever the text");
        let view = ScanView::build(&document, &analysis);
        let Row(fields) = Row::of("a,\"1\"".into(), &view);
        let s = &view.summary;
        assert_eq!(fields.len(), HEADER.len());
        assert_eq!(fields[..8], ["a,\"1\"".to_string(), "en".into(), s.sentences.to_string(), s.named.to_string(),
            s.anonymous.to_string(), s.unattributed.to_string(), s.none.to_string(), s.hedged.to_string()]);
        let share: f64 = fields[8].parse().unwrap();
        let claims = (s.named + s.anonymous + s.unattributed) as f64;
        assert!((share - s.anonymous as f64 / claims).abs() < 1e-4, "{share}");
        let most = view.sources.iter().map(|source| source.sentences).max().unwrap();
        let first_with_most = view.sources.iter().find(|source| source.sentences == most).unwrap();
        assert_eq!(fields[9], first_with_most.name);
        assert!(fields[12].is_empty());
    }

    #[test]
    fn a_failed_article_keeps_its_id_and_error() {
        let Row(fields) = Row::failed("7".into(), "the line is empty");
        assert_eq!((fields[0].as_str(), fields[12].as_str()), ("7", "the line is empty"));
        assert!(fields[1..12].iter().all(String::is_empty));
    }
}
