//! `scan --format text`: a report to read in a terminal.
//!
//! Every sentence is listed under its paragraph with its number and verdict spelled
//! out, so the report reads the same without colour (piped, or with `NO_COLOR`);
//! colour only adds emphasis, in the extension's spirit: `named` subtle, `anonymous`
//! and `unattributed` strong, `none` dim. Then the sourcing profile.

use std::fmt::Write as _;

use sourcelight::{SourceKind, Verdict};

use super::view::{percent, ScanView, SentenceView, SourceCount};

/// Total width the report wraps its text at.
const WIDTH: usize = 100;
/// Where sentence text starts: number and verdict come before it.
const INDENT: usize = 18;

/// Whether to colour the output: only for a terminal, and never with `NO_COLOR` set
/// (https://no-color.org: any non-empty value).
pub fn colour_wanted(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn render(view: &ScanView, colour: bool) -> String {
    let paint = Paint { on: colour };
    let mut out = String::new();
    if let Some(title) = &view.input.title {
        let _ = writeln!(out, "{}", paint.bold(&printable(title)));
    }
    let s = &view.summary;
    let _ = writeln!(out, "{} sentences, language {}", s.sentences, view.lang);
    let share = |n: usize| percent(n, s.sentences);
    let counts = [
        (Verdict::Named, s.named),
        (Verdict::Anonymous, s.anonymous),
        (Verdict::Unattributed, s.unattributed),
        (Verdict::None, s.none),
    ];
    let line: Vec<String> = counts
        .iter()
        .map(|&(v, n)| paint.verdict(v, &format!("{} {n} ({}%)", v.as_str(), share(n))))
        .chain([format!("hedged {}", s.hedged)])
        .collect();
    let _ = writeln!(out, "{}", line.join(" · "));

    let mut paragraph = None;
    for (index, sentence) in view.sentences.iter().enumerate() {
        if paragraph != Some(sentence.paragraph) {
            paragraph = Some(sentence.paragraph);
            out.push('\n');
        }
        write_sentence(&mut out, index, sentence, &paint);
    }

    write_profile(&mut out, view, &paint);
    out
}

fn write_sentence(out: &mut String, index: usize, sentence: &SentenceView, paint: &Paint) {
    let label = format!("{:>4} {:<13}", format!("#{}", index + 1), sentence.verdict.as_str());
    let lines = wrap(sentence.text, WIDTH - INDENT);
    for (i, line) in lines.iter().enumerate() {
        let head = if i == 0 { paint.verdict(sentence.verdict, &label) } else { " ".repeat(INDENT) };
        let _ = writeln!(out, "{head}{}", paint.verdict_text(sentence.verdict, line));
    }
    let mut details = Vec::new();
    if let Some(source) = &sentence.source {
        let name = match &source.name {
            Some(name) if name != &source.text => format!("{} → {name}", source.text),
            _ => source.text.to_string(),
        };
        details.push(format!("source: {name} ({})", kind_words(source.kind)));
    }
    if let Some(cue) = &sentence.cue {
        details.push(format!("cue: {}", cue.text));
    }
    if sentence.quote {
        details.push("quote".into());
    }
    if sentence.hedged {
        details.push("hedged".into());
    }
    details.push(sentence.reason.to_string());
    for line in wrap(&details.join(" · "), WIDTH - INDENT) {
        let _ = writeln!(out, "{}{}", " ".repeat(INDENT), paint.dim(&line));
    }
}

fn write_profile(out: &mut String, view: &ScanView, paint: &Paint) {
    let _ = writeln!(out, "\n{}", paint.bold("Sourcing profile"));
    let list = |out: &mut String, title: &str, entries: &[SourceCount]| {
        let _ = writeln!(out, "\n{title}");
        if entries.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for entry in entries {
            let plural = if entry.sentences == 1 { "sentence" } else { "sentences" };
            let _ = writeln!(
                out,
                "  {} ({}): {} {plural}: {}",
                printable(entry.name),
                kind_words(entry.kind),
                entry.sentences,
                numbers(entry.ids.iter().copied())
            );
        }
    };
    list(out, "Sources", &view.sources);
    list(out, "Anonymous phrases", &view.anonymous_phrases);
    let which = |wanted: &dyn Fn(&SentenceView) -> bool| {
        numbers(view.sentences.iter().enumerate().filter(|(_, s)| wanted(s)).map(|(i, _)| i))
    };
    let _ = writeln!(out, "\nUnattributed claims: {}", which(&|s| s.verdict == Verdict::Unattributed));
    let _ = writeln!(out, "Hedged claims: {}", which(&|s| s.hedged));
}

/// "#1, #4, #7", or "none".
fn numbers(ids: impl Iterator<Item = usize>) -> String {
    let list: Vec<String> = ids.map(|i| format!("#{}", i + 1)).collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join(", ")
    }
}

pub fn kind_words(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Person => "person",
        SourceKind::Organisation => "organisation",
        SourceKind::Outlet => "outlet",
        SourceKind::Document => "document",
        SourceKind::Anonymous => "anonymous",
        SourceKind::VagueGroup => "vague group",
        SourceKind::UnnamedDocument => "unnamed document",
    }
}

/// `text` with control characters (other than line breaks and tabs) made visible
/// as U+FFFD: text from a file must not drive the terminal (escape sequences).
fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

/// Breaks `text` into lines of at most `width` characters at spaces (a longer word
/// gets a line of its own); line breaks inside the text are kept.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in printable(text).lines() {
        let mut line = String::new();
        let mut length = 0;
        for word in paragraph.split_whitespace() {
            let word_length = word.chars().count();
            if length > 0 && length + 1 + word_length > width {
                lines.push(std::mem::take(&mut line));
                length = 0;
            }
            if length > 0 {
                line.push(' ');
                length += 1;
            }
            line.push_str(word);
            length += word_length;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// ANSI styles, or nothing when colour is off.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, codes: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{codes}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }

    /// The label: subtle green for named, strong for anonymous and unattributed.
    fn verdict(&self, verdict: Verdict, text: &str) -> String {
        match verdict {
            Verdict::Named => self.wrap("32", text),
            Verdict::Anonymous => self.wrap("1;33", text),
            Verdict::Unattributed => self.wrap("1;31", text),
            Verdict::None => self.wrap("2", text),
        }
    }

    /// The sentence: underlined when it needs a look (anonymous, unattributed).
    fn verdict_text(&self, verdict: Verdict, text: &str) -> String {
        match verdict {
            Verdict::Anonymous => self.wrap("4;33", text),
            Verdict::Unattributed => self.wrap("4;31", text),
            Verdict::None => self.wrap("2", text),
            Verdict::Named => text.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("a incomprehensibilities b", 5), ["a", "incomprehensibilities", "b"]);
        assert_eq!(wrap("one\ntwo", 80), ["one", "two"]);
        assert_eq!(wrap("", 80), [""]);
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(wrap("ééé ééé", 7), ["ééé ééé"]);
    }

    #[test]
    fn control_characters_from_the_input_cannot_drive_the_terminal() {
        assert_eq!(wrap("a\x1b[2Jb \u{9b}c", 80), ["a\u{fffd}[2Jb \u{fffd}c"]);
    }

    #[test]
    fn no_escape_codes_without_colour() {
        let paint = Paint { on: false };
        assert_eq!(paint.verdict(Verdict::Anonymous, "x"), "x");
        assert_eq!(Paint { on: true }.verdict(Verdict::Anonymous, "x"), "\x1b[1;33mx\x1b[0m");
    }
}
