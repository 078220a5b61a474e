//! `scan --format html`: one standalone page, the article highlighted by verdict.
//!
//! The page is meant to be shared as a single file: inline CSS, no script, no
//! external resource, and a Content-Security-Policy that forbids both, so that even
//! a mistake in escaping could not run anything. Every piece of text that comes from
//! the input (sentences, sources, cues, title, reasons) goes through [`escape`].
//!
//! Highlights follow the extension: `named` subtle (dotted underline), `anonymous`
//! and `unattributed` strong (tinted background plus a wavy or double underline), so
//! the verdicts differ by line style as well as colour, also in forced-colours
//! mode. Each sentence's title gives its verdict, source, cue and reason; the profile
//! links every source and claim to its sentence, and a closing list spells every
//! sentence out for readers who do not hover.

use std::fmt::Write as _;

use sourcelight::Verdict;

use super::document::Document;
use super::report_text::kind_words;
use super::view::{percent, ScanView, SentenceView, SourceCount};

const STYLE: &str = "
:root { color-scheme: light dark; --ink: #1d1d1f; --paper: #fdfdfb; --muted: #5f6368;
  --named: #2e7d32; --anon: #b45309; --anon-bg: rgba(245, 158, 11, .22);
  --unattr: #c62828; --unattr-bg: rgba(229, 57, 53, .16); }
@media (prefers-color-scheme: dark) { :root { --ink: #ececec; --paper: #17181a; --muted: #a0a4a8;
  --named: #81c784; --anon: #fbbf24; --anon-bg: rgba(251, 191, 36, .20);
  --unattr: #ef9a9a; --unattr-bg: rgba(239, 83, 80, .22); } }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 18px/1.6 Georgia, 'Times New Roman', serif; }
.page { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
.meta, .legend, footer, .profile, .sentences { font: 15px/1.5 system-ui, sans-serif; }
.meta { color: var(--muted); margin: 0 0 .75rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; margin: 0 0 2rem; list-style: none; }
article p { white-space: pre-line; margin: 0 0 1.1rem; }
.s { text-decoration-skip-ink: none; text-underline-offset: .2em; border-radius: 2px; }
.v-named { text-decoration: underline dotted var(--named) 2px; }
.v-anonymous { background: var(--anon-bg); text-decoration: underline wavy var(--anon) 2px; }
.v-unattributed { background: var(--unattr-bg); text-decoration: underline double var(--unattr) 1.5px; }
.v-none { color: var(--muted); }
.s:target, .s:focus { outline: 3px solid var(--ink); outline-offset: 2px; }
.profile { border-top: 1px solid var(--muted); margin-top: 2.5rem; padding-top: 1rem; }
.profile h2, .sentences h2 { font-size: 1.15rem; }
table { border-collapse: collapse; }
td, th { padding: .15rem .9rem .15rem 0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.kind { color: var(--muted); }
.sentences dt { margin-top: .8rem; }
.sentences dd { margin: 0 0 0 1.5rem; color: var(--muted); }
a { color: inherit; }
footer { color: var(--muted); margin-top: 3rem; }
@media (forced-colors: active) {
  .v-named { text-decoration: underline dotted 2px; }
  .v-anonymous { text-decoration: underline wavy 2px; }
  .v-unattributed { text-decoration: underline double 1.5px; }
}
";

/// The page. `document` gives the text between sentences (spaces, line breaks).
pub fn render(view: &ScanView, document: &Document) -> String {
    // Plain text has no title of its own; its headline is read as the first paragraph.
    let title = view.input.title.unwrap_or("Sourcing report");
    let mut out = String::with_capacity(document.text.len() * 3 + 8192);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{title} · sourcelight</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"page\">\n",
        lang = escape(view.lang),
        title = escape(title),
    );
    write_header(&mut out, view, title);
    write_article(&mut out, view, document);
    write_profile(&mut out, view);
    write_sentence_list(&mut out, view);
    let _ = write!(
        out,
        "<footer>Made by sourcelight {} from {} input. A highlight means “look here”, not “this is false”.</footer>\n\
         </div>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        if view.input.format == "html" { "an HTML page's article" } else { "plain text" },
    );
    out
}

fn write_header(out: &mut String, view: &ScanView, title: &str) {
    let s = &view.summary;
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} sentences: {} named, {} anonymous, {} unattributed, {} none (not claims); {} hedged.</p>\n\
         <ul class=\"legend\">\n",
        escape(title),
        s.sentences,
        s.named,
        s.anonymous,
        s.unattributed,
        s.none,
        s.hedged
    );
    for verdict in Verdict::ALL {
        let _ =
            writeln!(out, "<li><span class=\"s v-{v}\">{v}</span>: {}</li>", meaning(verdict), v = verdict.as_str());
    }
    out.push_str("</ul>\n</header>\n");
}

fn write_article(out: &mut String, view: &ScanView, document: &Document) {
    out.push_str("<article>\n");
    let mut sentences = view.sentences.iter().enumerate().peekable();
    for (paragraph, range) in document.blocks.iter().enumerate() {
        out.push_str("<p>");
        let mut cursor = range.start;
        while let Some(&(index, sentence)) = sentences.peek() {
            if sentence.paragraph != paragraph {
                break;
            }
            sentences.next();
            // Sentences come in order inside their block; anything else is skipped
            // rather than allowed to slice the text out of bounds.
            let (start, end) = (sentence.start.max(cursor), sentence.end.min(range.end));
            if start >= end || document.text.get(cursor..start).is_none() {
                continue;
            }
            out.push_str(&escape(&document.text[cursor..start]));
            write_sentence_span(out, index, sentence, &document.text[start..end]);
            cursor = end;
        }
        if let Some(rest) = document.text.get(cursor..range.end) {
            out.push_str(&escape(rest));
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article>\n");
}

fn write_sentence_span(out: &mut String, index: usize, sentence: &SentenceView, text: &str) {
    let _ = write!(
        out,
        "<span class=\"s v-{v}\" id=\"s{n}\" title=\"{tip}\">{text}</span>",
        v = sentence.verdict.as_str(),
        n = index + 1,
        tip = escape(&tooltip(index, sentence)),
        text = escape(text),
    );
}

/// What the sentence's title shows: verdict, source, cue, reason, one per line.
fn tooltip(index: usize, sentence: &SentenceView) -> String {
    let mut lines =
        vec![format!("#{} {}{}", index + 1, sentence.verdict.as_str(), if sentence.hedged { ", hedged" } else { "" })];
    lines.extend(source_line(sentence));
    if let Some(cue) = &sentence.cue {
        lines.push(format!("Cue: {}", cue.text));
    }
    lines.push(sentence.reason.to_string());
    lines.join("\n")
}

fn source_line(sentence: &SentenceView) -> Option<String> {
    let source = sentence.source.as_ref()?;
    Some(match &source.name {
        Some(name) if name != &source.text => format!("Source: {} → {name} ({})", source.text, kind_words(source.kind)),
        _ => format!("Source: {} ({})", source.text, kind_words(source.kind)),
    })
}

fn write_profile(out: &mut String, view: &ScanView) {
    out.push_str("<section class=\"profile\">\n<h2>Sourcing profile</h2>\n<table>\n");
    let s = &view.summary;
    for (verdict, n) in [
        (Verdict::Named, s.named),
        (Verdict::Anonymous, s.anonymous),
        (Verdict::Unattributed, s.unattributed),
        (Verdict::None, s.none),
    ] {
        let share = percent(n, s.sentences);
        let _ = writeln!(
            out,
            "<tr><th><span class=\"s v-{v}\">{v}</span></th><td class=\"n\">{n}</td><td class=\"n\">{share}%</td></tr>",
            v = verdict.as_str()
        );
    }
    let _ = writeln!(out, "<tr><th>hedged</th><td class=\"n\">{}</td><td></td></tr>\n</table>", s.hedged);
    write_sources(out, "Sources", &view.sources);
    write_sources(out, "Anonymous phrases", &view.anonymous_phrases);
    let pick = |wanted: &dyn Fn(&SentenceView) -> bool| -> Vec<usize> {
        view.sentences.iter().enumerate().filter(|(_, s)| wanted(s)).map(|(i, _)| i).collect()
    };
    let _ =
        write!(out, "<h3>Unattributed claims</h3>\n<p>{}</p>\n", links(&pick(&|s| s.verdict == Verdict::Unattributed)));
    let _ = write!(out, "<h3>Hedged claims</h3>\n<p>{}</p>\n", links(&pick(&|s| s.hedged)));
    out.push_str("</section>\n");
}

fn write_sources(out: &mut String, title: &str, entries: &[SourceCount]) {
    let _ = writeln!(out, "<h3>{title}</h3>");
    if entries.is_empty() {
        out.push_str("<p>None.</p>\n");
        return;
    }
    out.push_str("<ul>\n");
    for entry in entries {
        let _ = writeln!(
            out,
            "<li>{} <span class=\"kind\">({})</span>: {}</li>",
            escape(entry.name),
            kind_words(entry.kind),
            links(entry.ids)
        );
    }
    out.push_str("</ul>\n");
}

/// Links to sentences in the article: "#2, #5".
fn links(ids: &[usize]) -> String {
    if ids.is_empty() {
        return "None.".into();
    }
    ids.iter().map(|i| format!("<a href=\"#s{n}\">#{n}</a>", n = i + 1)).collect::<Vec<_>>().join(", ")
}

fn write_sentence_list(out: &mut String, view: &ScanView) {
    out.push_str(
        "<details class=\"sentences\">\n<summary>Every sentence with its source, cue and reason</summary>\n<dl>\n",
    );
    for (index, sentence) in view.sentences.iter().enumerate() {
        let _ = writeln!(
            out,
            "<dt><a href=\"#s{n}\">#{n}</a> <span class=\"s v-{v}\">{v}</span>{hedged} {text}</dt>",
            n = index + 1,
            v = sentence.verdict.as_str(),
            hedged = if sentence.hedged { " (hedged)" } else { "" },
            text = escape(sentence.text),
        );
        if let Some(line) = source_line(sentence) {
            let _ = writeln!(out, "<dd>{}</dd>", escape(&line));
        }
        if let Some(cue) = &sentence.cue {
            let _ = writeln!(out, "<dd>Cue: {}</dd>", escape(cue.text));
        }
        let _ = writeln!(out, "<dd>{}</dd>", escape(sentence.reason));
    }
    out.push_str("</dl>\n</details>\n");
}

fn meaning(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Named => "attributed to an identifiable source",
        Verdict::Anonymous => "attributed to a source the reader cannot identify",
        Verdict::Unattributed => "a claim with no source",
        Verdict::None => "not a claim",
    }
}

/// Escapes text for HTML content and attribute values (double- or single-quoted).
/// Line breaks are kept: a title attribute shows them as lines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and other C0 controls are not allowed in HTML text.
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)> & \"q\" 'a' \u{1}"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39; \u{fffd}"
        );
        assert_eq!(escape("</script>"), "&lt;/script&gt;");
    }

    proptest::proptest! {
        /// Nothing that can open a tag or close an attribute survives escaping.
        #[test]
        fn escaped_text_holds_no_markup(text in "\\PC*") {
            let escaped = escape(&text);
            proptest::prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            proptest::prop_assert!(!escaped.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}
