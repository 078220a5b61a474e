//! `sourcelight scan` run as a binary: the JSON contract, the text and HTML reports,
//! plain-text and HTML input, and markup in the input staying inert.
//!
//! Verdicts come from an engine that is being tuned, so these tests check what must
//! hold whatever it answers: offsets, slices, counts, escaping, structure.

mod cli_support;

use cli_support::{fixture, run, scratch, write};
use scraper::{Html, Selector};
use serde_json::Value;

const VERDICTS: [&str; 4] = ["named", "anonymous", "unattributed", "none"];

fn scan(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    let run = run(&all, stdin);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "nothing on stderr when all is well: {}", run.stderr);
    run.stdout
}

fn scan_json(args: &[&str], stdin: Option<&[u8]>) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&scan(&all, stdin)).expect("scan --format json prints JSON")
}

/// Checks the design.md shape and that every offset slices `text` to what it claims.
fn check_contract(report: &Value, text: &str) {
    assert!(report["lang"].is_string());
    let sentences = report["sentences"].as_array().expect("sentences[]");
    assert!(!sentences.is_empty());
    let slice = |start: &Value, end: &Value| -> &str {
        let (start, end) = (start.as_u64().unwrap() as usize, end.as_u64().unwrap() as usize);
        text.get(start..end).unwrap_or_else(|| panic!("{start}..{end} is not a slice of the input"))
    };
    let mut previous_end = 0;
    let mut previous_paragraph = 0;
    let mut counts = [0usize; 4];
    let mut hedged = 0;
    for sentence in sentences {
        assert_eq!(sentence["text"].as_str().unwrap(), slice(&sentence["start"], &sentence["end"]));
        let start = sentence["start"].as_u64().unwrap() as usize;
        assert!(start >= previous_end, "sentences in order, not overlapping");
        previous_end = sentence["end"].as_u64().unwrap() as usize;
        let paragraph = sentence["paragraph"].as_u64().unwrap();
        assert!(paragraph >= previous_paragraph);
        previous_paragraph = paragraph;
        let verdict = sentence["verdict"].as_str().unwrap();
        counts[VERDICTS.iter().position(|v| *v == verdict).expect("one of the four verdicts")] += 1;
        hedged += usize::from(sentence["hedged"].as_bool().unwrap());
        assert!(sentence["quote"].is_boolean());
        assert!(!sentence["reason"].as_str().unwrap().is_empty());
        if let Some(source) = sentence["source"].as_object() {
            assert_eq!(source["text"].as_str().unwrap(), slice(&source["start"], &source["end"]));
            assert!(source["kind"].is_string());
            assert!(source.contains_key("name"));
        } else {
            assert!(sentence["source"].is_null());
        }
        if let Some(cue) = sentence["cue"].as_object() {
            assert_eq!(cue["text"].as_str().unwrap(), slice(&cue["start"], &cue["end"]));
        } else {
            assert!(sentence["cue"].is_null());
        }
    }
    let summary = &report["summary"];
    assert_eq!(summary["sentences"], sentences.len());
    for (verdict, count) in VERDICTS.iter().zip(counts) {
        assert_eq!(summary[*verdict], count, "summary.{verdict}");
    }
    assert_eq!(summary["hedged"], hedged);
    for list in ["sources", "anonymous_phrases"] {
        for source in report[list].as_array().unwrap() {
            assert!(!source["name"].as_str().unwrap().is_empty());
            assert!(source["kind"].is_string());
            assert!(source["sentences"].as_u64().unwrap() >= 1);
        }
    }
}

#[test]
fn json_for_plain_text_follows_the_contract() {
    let path = fixture("article.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = scan_json(&[&path], None);
    check_contract(&report, &text);
    assert_eq!(report["lang"], "en");
    assert_eq!(report["input"]["format"], "text");
    assert!(report["input"].get("text").is_none(), "plain text offsets point into the input itself");
    // Paragraph numbers follow the blank lines of the input.
    let last = report["sentences"].as_array().unwrap().last().unwrap();
    assert_eq!(last["paragraph"], text.trim().split("\n\n").count() - 1);
}

#[test]
fn offsets_hold_with_crlf_indentation_and_a_byte_order_mark() {
    let text = "\u{feff}  Tram fares rise — “again”.\r\n\r\n\tThe operator said fares would rise by 4 % in June. Riders were not asked.\r\n";
    let report = scan_json(&["-"], Some(text.as_bytes()));
    check_contract(&report, text);
    let paragraphs: Vec<u64> =
        report["sentences"].as_array().unwrap().iter().map(|s| s["paragraph"].as_u64().unwrap()).collect();
    assert_eq!(paragraphs.first(), Some(&0));
    assert_eq!(paragraphs.last(), Some(&1));
}

#[test]
fn standard_input_is_the_default_and_reads_like_the_file() {
    let path = fixture("article.txt");
    let bytes = std::fs::read(&path).unwrap();
    let from_file = scan(&[&path], None);
    assert_eq!(scan(&[], Some(&bytes)), from_file, "no operand reads standard input, JSON by default");
    assert_eq!(scan(&["-"], Some(&bytes)), from_file);
}

#[test]
fn html_input_is_reduced_to_its_article() {
    let report = scan_json(&[&fixture("article.html")], None);
    let text = report["input"]["text"].as_str().expect("HTML input reports the extracted text");
    check_contract(&report, text);
    assert_eq!(report["input"]["format"], "html");
    assert_eq!(report["input"]["title"], "Lantern festival moves to the riverside");
    assert!(text.starts_with("Lantern festival moves to the riverside\n\n"), "the headline is the first block");
    assert!(text.contains("said Councillor Bram Ottley"), "inline links and emphasis joined into their paragraph");
    assert!(text.contains("insurance bill had doubled."));
    for boilerplate in ["Weather", "tracker", "All rights reserved", "Privacy", "Station car park", "font-family"] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} is not article text");
    }
    // One block per paragraph element: blocks are separated by blank lines.
    assert!(text.contains("room to grow.”\n\nStallholders"));
}

#[test]
fn html_is_recognised_by_content_and_the_choice_can_be_forced() {
    let page = std::fs::read(fixture("article.html")).unwrap();
    let sniffed = scan_json(&["-"], Some(&page));
    assert_eq!(sniffed["input"]["format"], "html");
    let forced = scan_json(&["--input", "text", "-"], Some(&page));
    assert_eq!(forced["input"]["format"], "text");
    check_contract(&forced, std::str::from_utf8(&page).unwrap());

    let dir = scratch("forced-html");
    let path = write(&dir, "story.txt", &page);
    assert_eq!(scan_json(&[&path], None)["input"]["format"], "text", "the .txt extension wins");
    assert_eq!(scan_json(&["--input=html", &path], None)["input"]["format"], "html");
}

#[test]
fn the_text_report_lists_every_sentence_and_the_profile() {
    let path = fixture("article.txt");
    let json = scan_json(&[&path], None);
    let report = scan(&["--format", "text", &path], None);
    assert!(!report.contains('\x1b'), "no colour when stdout is not a terminal");
    let sentences = json["sentences"].as_array().unwrap();
    for (i, sentence) in sentences.iter().enumerate() {
        let label = format!("#{} {}", i + 1, sentence["verdict"].as_str().unwrap());
        assert!(report.lines().any(|l| l.trim_start().starts_with(&label)), "missing {label:?}");
        let first_word = sentence["text"].as_str().unwrap().split_whitespace().next().unwrap();
        assert!(report.contains(first_word));
    }
    assert!(report.contains(&format!("{} sentences", sentences.len())));
    for heading in ["Sourcing profile", "Sources", "Anonymous phrases", "Unattributed claims:", "Hedged claims:"] {
        assert!(report.contains(heading), "missing {heading:?}");
    }
}

#[test]
fn the_html_report_highlights_every_sentence_and_is_self_contained() {
    let path = fixture("article.txt");
    let json = scan_json(&[&path], None);
    let page = Html::parse_document(&scan(&["--format", "html", &path], None));
    let select = |css: &str| Selector::parse(css).unwrap();

    let spans: Vec<_> = page.select(&select("article .s")).collect();
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(spans.len(), sentences.len());
    for (span, sentence) in spans.iter().zip(sentences) {
        let class = format!("v-{}", sentence["verdict"].as_str().unwrap());
        assert!(span.value().classes().any(|c| c == class), "{class}");
        assert_eq!(span.text().collect::<String>(), sentence["text"].as_str().unwrap());
        let title = span.value().attr("title").expect("each sentence explains itself");
        assert!(title.contains(sentence["reason"].as_str().unwrap()));
    }
    // The article's text is all there, gaps included.
    let input = std::fs::read_to_string(&path).unwrap();
    let shown: String =
        page.select(&select("article p")).map(|p| p.text().collect::<String>()).collect::<Vec<_>>().join("\n\n");
    assert_eq!(shown, input.trim());

    assert!(page.select(&select("script, link, iframe, img, object, embed")).next().is_none());
    let csp = page.select(&select("meta[http-equiv=Content-Security-Policy]")).next().expect("a CSP");
    assert!(csp.value().attr("content").unwrap().contains("default-src 'none'"));
    for element in page.select(&select("[href], [src]")) {
        let target = element.value().attr("href").or(element.value().attr("src")).unwrap();
        assert!(target.starts_with("#s"), "only links inside the page: {target}");
    }
    for needle in ["Sourcing profile", "Unattributed claims", "Hedged claims", "Every sentence"] {
        assert!(page.root_element().text().any(|t| t.contains(needle)), "missing {needle:?}");
    }
}

const PAYLOADS: [&str; 4] = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"><svg onload=alert(3)>",
    "<a href=\"javascript:alert(4)\">click</a>",
];

/// Parses an HTML report and checks that nothing in it is active: no element or
/// attribute came from the input, and the payloads are there as plain text.
fn assert_inert(report: &str, payloads: &[&str]) {
    let page = Html::parse_document(report);
    let all = Selector::parse("*").unwrap();
    for element in page.select(&all) {
        let name = element.value().name();
        assert!(!["script", "img", "svg", "iframe", "object", "embed"].contains(&name), "<{name}> in the report");
        for (attr, value) in element.value().attrs() {
            assert!(!attr.starts_with("on"), "event handler {attr}={value}");
            assert!(!value.contains("javascript:"), "{attr}={value}");
        }
    }
    let text: String = page.select(&Selector::parse("article").unwrap()).flat_map(|a| a.text()).collect();
    for payload in payloads {
        assert!(text.contains(payload), "{payload:?} should show as text");
    }
}

#[test]
fn markup_in_plain_text_is_shown_never_run() {
    let text = format!(
        "Headline {}\n\nThe mayor said {} was posted. Critics claim {} appeared. A reader wrote {}.",
        PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[3]
    );
    let report = scan(&["--format", "html", "--input", "text", "-"], Some(text.as_bytes()));
    assert_inert(&report, &PAYLOADS);
    assert!(report.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The titles (source, cue, reason) are escaped too: quotes cannot close the attribute.
    assert!(!report.contains("\"><svg"));
}

#[test]
fn markup_written_as_text_in_an_html_page_stays_text() {
    let escaped: Vec<String> =
        PAYLOADS.iter().map(|p| p.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")).collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Test {}</title></head><body><article><h1>Payloads</h1>\
         <p>The council said the banner read {} before it was removed from the town hall website.</p>\
         <p>A spokesman said the code {} and {} was found in a comment, and {} too, according to the report.</p>\
         </article></body></html>",
        escaped[0], escaped[0], escaped[1], escaped[2], escaped[3]
    );
    let report = scan(&["--format", "html", "-"], Some(page.as_bytes()));
    assert_inert(&report, &PAYLOADS);
    let title = Html::parse_document(&report);
    let title = title.select(&Selector::parse("title").unwrap()).next().unwrap().text().collect::<String>();
    assert!(title.contains(PAYLOADS[0]), "the page title is text too: {title}");
}

#[test]
fn multibyte_text_keeps_byte_offsets_exact() {
    let text = "Zoë Ørsted 🚲 said the lane was finished. “Ça va,” ajouta-t-elle. 東京 officials said 3 ½ km remained.";
    let report = scan_json(&["-"], Some(text.as_bytes()));
    check_contract(&report, text);
}

/// Runs `scan --format text` on a pseudo-terminal (util-linux `script`, part of every
/// Debian system), where colour is wanted unless `NO_COLOR` says otherwise.
#[cfg(target_os = "linux")]
fn text_report_on_a_terminal(no_color: Option<&str>) -> String {
    let command = format!("'{}' scan --format text '{}'", env!("CARGO_BIN_EXE_sourcelight"), fixture("article.txt"));
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &command, "/dev/null"]).env_remove("NO_COLOR");
    if let Some(value) = no_color {
        script.env("NO_COLOR", value);
    }
    let output = script.output().expect("util-linux script runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn colour_on_a_terminal_unless_no_color_is_set() {
    let coloured = text_report_on_a_terminal(None);
    assert!(coloured.contains("Sourcing profile"), "the report ran: {coloured}");
    assert!(coloured.contains("\x1b["), "a terminal gets colour");
    assert!(!text_report_on_a_terminal(Some("1")).contains("\x1b["), "NO_COLOR turns it off");
    // An empty NO_COLOR does not count (no-color.org).
    assert!(text_report_on_a_terminal(Some("")).contains("\x1b["));
}
