//! Batches run as a binary: `scan --jsonl` streams and `scan --format jsonl` over files
//! and directories. What must hold whatever the engine answers: one line out per
//! line in, in input order, the same analysis as `scan --format json`, errors inline
//! with their line numbers, the same bytes for any `--jobs`, fields carried through
//! as written, the CSV summary agreeing with the lines, and a stream that stops being
//! read when its output is not.

mod cli_support;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cli_support::{fixture, run, scratch, write, Run};
use serde_json::{json, Value};

/// Sentences written for these tests, put together into articles by a seeded generator.
const OPENINGS: [&str; 6] = [
    "The harbour board voted on Monday to close the eastern pier for repairs.",
    "Bus fares in the valley will rise by 6 % from the first of April.",
    "A fire destroyed the roof of the old grain store late on Saturday.",
    "The library will open on Sundays from next month.",
    "Three schools in the district reported a shortage of teachers this term.",
    "The ferry to the island was cancelled for a second day because of high winds.",
];
const SOURCED: [&str; 8] = [
    "\"We had no choice,\" said Ilse Varga, who chairs the board.",
    "According to people familiar with the talks, the decision was taken weeks ago.",
    "Officials said the cost had been underestimated.",
    "The council said in a statement that it would review the plan.",
    "Critics say the consultation was rushed.",
    "Tomas Reyl, the operator's director, said the service would resume on Friday.",
    "The repairs are reportedly expected to take a year.",
    "A spokesperson for the ministry declined to comment.",
];
const CLAIMS: [&str; 4] = [
    "The pier was built in 1911.",
    "Ticket sales fell by a third last year.",
    "Will the town be ready in time?",
    "Nobody was hurt.",
];

/// A small seeded generator, so that the articles are the same at every run.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// An article of a few paragraphs; `length` sets how many.
fn article(seed: u64, length: usize) -> String {
    let mut random = Seeded(seed);
    let mut paragraphs = vec![OPENINGS[random.below(OPENINGS.len())].to_string()];
    for _ in 0..length {
        let mut paragraph = SOURCED[random.below(SOURCED.len())].to_string();
        if random.below(2) == 0 {
            paragraph.push(' ');
            paragraph.push_str(CLAIMS[random.below(CLAIMS.len())]);
        }
        paragraphs.push(paragraph);
    }
    paragraphs.join("\n\n")
}

/// A stream of `n` articles of uneven lengths (a long one now and then, so that
/// threads finish out of order), each with an outlet.
fn stream(n: usize) -> String {
    let mut lines = String::new();
    for i in 0..n {
        let length = if i % 17 == 5 { 120 } else { 1 + i % 6 };
        let line = json!({"id": format!("a{i}"), "text": article(i as u64, length), "outlet": format!("outlet-{}", i % 3)});
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    lines
}

fn scan(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    run(&all, stdin)
}

/// The lines out, each parsed.
fn lines_of(run: &Run) -> Vec<Value> {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stdout.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))).collect()
}

#[test]
fn every_line_in_gives_a_line_out_in_input_order_with_the_analysis_of_scan_json() {
    let input = stream(60);
    let run = scan(&["--jsonl", "--jobs", "2"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "nothing on stderr when every line is read: {}", run.stderr);
    let lines = lines_of(&run);
    assert_eq!(lines.len(), 60);
    for (i, (line, input)) in lines.iter().zip(input.lines()).enumerate() {
        assert_eq!(line["id"], format!("a{i}"), "line {} out of order", i + 1);
        // The same analysis as `scan --format json` on the article alone.
        let text = serde_json::from_str::<Value>(input).unwrap()["text"].as_str().unwrap().to_string();
        if i % 10 == 0 {
            let single = scan(&["--format", "json", "-"], Some(text.as_bytes()));
            let mut expected: Value = serde_json::from_str(&single.stdout).unwrap();
            let mut got = line.clone();
            let got = got.as_object_mut().unwrap();
            assert_eq!(got.remove("id"), Some(json!(format!("a{i}"))));
            assert!(got.remove("meta").is_some());
            assert_eq!(&Value::Object(got.clone()), &mut expected, "article {i}");
        }
        // Every offset points into the article.
        for sentence in line["sentences"].as_array().unwrap() {
            let (start, end) = (sentence["start"].as_u64().unwrap() as usize, sentence["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[start..end], sentence["text"].as_str().unwrap());
        }
    }
    // One compact line each: no pretty printing.
    assert_eq!(run.stdout.lines().count(), 60);
    assert!(run.stdout.lines().all(|l| l.starts_with("{\"id\":\"a")));
}

#[test]
fn the_output_is_the_same_bytes_for_any_number_of_jobs() {
    let input = stream(150);
    let one = scan(&["--jsonl", "--jobs", "1"], Some(input.as_bytes()));
    let default = scan(&["--jsonl"], Some(input.as_bytes()));
    let three = scan(&["--jsonl", "--jobs=3"], Some(input.as_bytes()));
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout.lines().count(), 150);
    assert!(one.stdout == default.stdout, "--jobs 1 and the default differ");
    assert!(one.stdout == three.stdout, "--jobs 1 and --jobs 3 differ");
}

#[test]
fn a_bad_line_gets_an_error_line_with_its_number_and_the_stream_goes_on() {
    let good = |id: &str| json!({"id": id, "text": article(7, 2)}).to_string();
    let mut input = Vec::new();
    let mut add = |line: &[u8]| {
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    add(good("first").as_bytes()); // 1
    add(b"this is not json"); // 2
    add(b""); // 3
    add(br#"{"text": "No id here."}"#); // 4
    add(br#"{"id": 5}"#); // 5
    add(b"{\"id\": 6, \"text\": \"caf\xe9 au lait\"}"); // 6: not UTF-8
    add(br#"{"id": 7, "text": "   "}"#); // 7
    add(br#"{"id": 8, "text": "A sentence.", "lang": "xx"}"#); // 8
    add(br#"[1, 2, 3]"#); // 9
    add(br#"{"id": "html", "html": "<html><body><nav>Home | News</nav></body></html>", "url": "https://example.org/x"}"#); // 10
    add(good("last").as_bytes()); // 11
    let run = scan(&["--jsonl", "-"], Some(&input));
    assert_eq!(run.code, 0, "a bad line does not stop the stream: {}", run.stderr);
    let lines = lines_of(&run);
    assert_eq!(lines.len(), 11);
    assert_eq!(lines[0]["id"], "first");
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[10]["id"], "last");
    assert!(lines[10]["sentences"].as_array().unwrap().len() >= 2);
    let expected: [(usize, Value, &str); 9] = [
        (2, Value::Null, "not JSON"),
        (3, Value::Null, "empty"),
        (4, Value::Null, "no \"id\""),
        (5, json!(5), "neither \"text\" nor \"html\""),
        (6, Value::Null, "not valid UTF-8"),
        (7, json!(7), "\"text\" is empty"),
        (8, json!(8), "the article is in a language sourcelight does not read"),
        (9, Value::Null, "not a JSON object"),
        (10, json!("html"), "found no article"),
    ];
    for (number, id, needle) in expected {
        let line = &lines[number - 1];
        assert_eq!(line["line"], number, "{line}");
        assert_eq!(line.get("id").cloned().unwrap_or(Value::Null), id, "{line}");
        assert!(line["error"].as_str().unwrap().contains(needle), "line {number}: {line}");
        assert!(line.get("sentences").is_none());
    }
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("9 of 11 lines could not be read or analysed"), "{}", run.stderr);
}

/// Written for this test: a Spanish paragraph, long enough for its language to be told.
const SPANISH: &str = "El ayuntamiento de la ciudad decidió el lunes cerrar el puerto durante dos semanas. \
    Según los vecinos, la obra no se había anunciado antes y nadie sabe cuándo volverá a abrir. \
    El alcalde dijo que los trabajos eran necesarios para la seguridad de todos los que viven en el barrio.";

#[test]
fn an_article_in_a_language_the_core_does_not_read_is_an_error_line_unless_forced() {
    let english = article(3, 3);
    let input = [
        json!({"id": "es", "text": SPANISH}),
        json!({"id": "declared-es", "lang": "es", "text": english}),
        json!({"id": "en", "lang": "en", "text": english}),
    ]
    .map(|line| line.to_string() + "\n")
    .concat();
    let lines = lines_of(&scan(&["--jsonl"], Some(input.as_bytes())));
    assert_eq!(lines[0]["error"], "the article is in Spanish (es); sourcelight reads English and French");
    assert_eq!(lines[0]["line"], 1);
    // A line's "lang" is a declaration: the text decides.
    assert_eq!(lines[1]["lang"], "en");
    assert!(lines[1].get("error").is_none(), "{}", lines[1]);
    assert_eq!(lines[1]["meta"], Value::Null, "lang is read, not carried through");
    assert_eq!(lines[2]["lang"], "en");
    // --lang en reads every line in English.
    let forced = lines_of(&scan(&["--jsonl", "--lang", "en"], Some(input.as_bytes())));
    assert_eq!(forced[0]["lang"], "en");
    assert!(forced[0]["sentences"].as_array().unwrap().len() >= 3);
}

#[test]
fn other_fields_are_carried_through_under_meta_as_written() {
    let input = concat!(
        r#"{"outlet": "The \"Valley\" Post", "id": 12345678901234567890123, "when": "2026-11-29", "#,
        r#""score": 1.50, "tags": ["a", {"b": null}], "text": "The mayor said the bridge would close.", "#,
        r#""note": "caf\u00e9"}"#,
        "\n",
        r#"{"id": "p", "html": "<html><head><title>Roof falls in</title></head><body><article><p>Three people were hurt when the roof of the hall fell in, the fire service said on Tuesday.</p></article></body></html>", "url": "https://example.org/hall"}"#,
        "\n"
    );
    let run = scan(&["--jsonl"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap();
    // Byte for byte: the big id, 1.50, the escapes and the order of the fields.
    assert!(first.starts_with(r#"{"id":12345678901234567890123,"lang":"#), "{first}");
    assert!(
        first.ends_with(
            r#","meta":{"outlet":"The \"Valley\" Post","when":"2026-11-29","score":1.50,"tags":["a", {"b": null}],"note":"caf\u00e9"}}"#
        ),
        "{first}"
    );
    let lines = lines_of(&run);
    assert_eq!(lines[1]["id"], "p");
    assert_eq!(lines[1]["meta"], json!({"url": "https://example.org/hall"}));
    assert_eq!(lines[1]["input"]["format"], "html");
    assert!(lines[1]["input"]["text"].as_str().unwrap().contains("the fire service said on Tuesday"));
}

#[test]
fn the_summary_csv_has_a_row_per_article_agreeing_with_the_lines() {
    let dir = scratch("summary");
    let csv_path = dir.join("summary.csv");
    let mut input = stream(40);
    input.push_str("{\"id\": \"odd, \\\"quoted\\\"\\nid\", \"text\": \"Officials said the plan was rushed.\"}\n");
    input.push_str("{\"id\": 41, \"html\": 3}\n");
    let run = scan(&["--jsonl", "--summary", csv_path.to_str().unwrap()], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = lines_of(&run);

    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "id", "lang", "sentences", "named", "anonymous", "unattributed", "none", "hedged", "anonymous_share",
            "top_source_1", "top_source_2", "top_source_3", "error"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), lines.len());
    let mut shares_seen = 0;
    for (row, line) in rows.iter().zip(&lines) {
        let field = |name: &str| row.get(header.iter().position(|h| h == name).unwrap()).unwrap();
        if let Some(error) = line.get("error") {
            assert_eq!(field("id"), "41");
            assert_eq!(field("error"), error.as_str().unwrap());
            assert_eq!(field("sentences"), "");
            continue;
        }
        let id = line["id"].as_str().unwrap();
        assert_eq!(field("id"), id, "ids with commas, quotes and line breaks come back whole");
        assert_eq!(field("lang"), line["lang"].as_str().unwrap());
        let summary = &line["summary"];
        for name in ["sentences", "named", "anonymous", "unattributed", "none", "hedged"] {
            assert_eq!(field(name), summary[name].to_string(), "{id} {name}");
        }
        let count = |name: &str| summary[name].as_u64().unwrap() as f64;
        let claims = count("named") + count("anonymous") + count("unattributed");
        if claims > 0.0 {
            let share: f64 = field("anonymous_share").parse().unwrap();
            assert!((share - count("anonymous") / claims).abs() < 1e-4, "{id}: {share}");
            shares_seen += usize::from(share > 0.0);
        } else {
            assert_eq!(field("anonymous_share"), "");
        }
        // The named sources with the most sentences, ties in order of first appearance.
        let mut sources: Vec<(u64, &str)> = line["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["sentences"].as_u64().unwrap(), s["name"].as_str().unwrap()))
            .collect();
        sources.sort_by_key(|source| std::cmp::Reverse(source.0));
        for (i, name) in ["top_source_1", "top_source_2", "top_source_3"].iter().enumerate() {
            assert_eq!(field(name), sources.get(i).map_or("", |s| s.1), "{id} {name}");
        }
        assert_eq!(field("error"), "");
    }
    assert!(shares_seen > 5, "the generated articles use anonymous sources");
    assert_eq!(rows.last().unwrap().get(0), Some("41"));
}

#[test]
fn files_and_directories_give_a_line_each_in_a_stable_order() {
    let dir = scratch("files");
    std::fs::create_dir_all(dir.join("b/inner")).unwrap();
    std::fs::create_dir_all(dir.join("a")).unwrap();
    write(&dir, "b/2.txt", article(2, 3).as_bytes());
    write(&dir, "b/10.txt", article(10, 3).as_bytes());
    write(&dir, "b/inner/page.html", &std::fs::read(fixture("article.html")).unwrap());
    write(&dir, "b/notes.md", b"Not read: not an article's extension.");
    write(&dir, "b/empty.txt", b"");
    write(&dir, "a/1.txt", article(1, 2).as_bytes());
    let loose = write(&dir, "loose.txt", article(3, 2).as_bytes());
    let b = dir.join("b");
    let a = dir.join("a");
    let args = ["--format", "jsonl", &loose, b.to_str().unwrap(), a.to_str().unwrap()];
    let run = scan(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = lines_of(&run);
    let paths: Vec<String> = lines
        .iter()
        .map(|l| l["path"].as_str().unwrap().strip_prefix(dir.to_str().unwrap()).unwrap().to_string())
        .collect();
    assert_eq!(paths, ["/loose.txt", "/b/10.txt", "/b/2.txt", "/b/empty.txt", "/b/inner/page.html", "/a/1.txt"]);
    assert!(lines[3]["error"].as_str().unwrap().contains("is empty"));
    assert_eq!(lines[4]["input"]["format"], "html");
    assert_eq!(lines[4]["input"]["title"], "Lantern festival moves to the riverside");
    // The same analysis as scanning the file alone.
    let single: Value = serde_json::from_str(&scan(&[&loose], None).stdout).unwrap();
    let mut first = lines[0].as_object().unwrap().clone();
    first.remove("path");
    assert_eq!(Value::Object(first), single);
    assert!(run.stderr.contains("1 of 6 files could not be read or analysed"), "{}", run.stderr);
    // The same again with two threads and with one.
    for jobs in ["1", "2"] {
        let mut with_jobs = args.to_vec();
        with_jobs.extend(["--jobs", jobs]);
        assert!(scan(&with_jobs, None).stdout == run.stdout, "--jobs {jobs}");
    }
}

#[test]
fn batch_options_and_several_files_need_a_batch_format() {
    let dir = scratch("usage");
    let one = write(&dir, "one.txt", article(1, 1).as_bytes());
    let two = write(&dir, "two.txt", article(2, 1).as_bytes());
    let cases: &[(&[&str], &str)] = &[
        (&[&one, &two], "add --format jsonl"),
        (&["--jobs", "2", &one], "--jobs is for batches"),
        (&["--summary", "x.csv", &one], "--summary is for batches"),
        (&["--jsonl", "--jobs", "0"], "--jobs must be a whole number of at least 1"),
        (&["--jsonl", "--jobs", "many"], "--jobs must be"),
        (&["--jsonl", "--format", "text"], "--jsonl writes JSON lines"),
        (&["--jsonl", "--input", "html"], "--input does not apply to --jsonl"),
        (&["--jsonl", "a.jsonl", "b.jsonl"], "expected one JSONL file"),
    ];
    for (args, needle) in cases {
        let run = scan(args, Some(b""));
        cli_support::assert_clean_failure(&run, 2, needle);
    }
    let run = scan(&[dir.to_str().unwrap()], None);
    cli_support::assert_clean_failure(&run, 1, "is a directory: add --format jsonl to scan the articles in it");
}

#[test]
fn an_input_that_cannot_be_read_at_all_exits_1() {
    let dir = scratch("unreadable");
    let missing = dir.join("missing.jsonl");
    let run = scan(&["--jsonl", missing.to_str().unwrap()], None);
    cli_support::assert_clean_failure(&run, 1, "there is no file");
    let run = scan(&["--jsonl", dir.to_str().unwrap()], None);
    cli_support::assert_clean_failure(&run, 1, "is a directory");
    // An empty stream is read to its end: nothing to do, nothing wrong.
    let run = scan(&["--jsonl"], Some(b""));
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
}

#[test]
fn a_summary_that_cannot_be_written_exits_3_before_reading() {
    let dir = scratch("summary-unwritable");
    let target = dir.join("no/such/dir/s.csv");
    let run = scan(&["--jsonl", "--summary", target.to_str().unwrap()], Some(stream(2).as_bytes()));
    cli_support::assert_clean_failure(&run, 3, "could not write the summary");
    assert!(run.stdout.is_empty());
}

#[test]
fn a_reader_closing_the_pipe_ends_the_batch_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourcelight"))
        .args(["scan", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stream(400);
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// While nobody reads the output, the tool stops reading its input: what is in
/// flight stays within a window, however long the stream. (Lines that fail at
/// once make the stream cheap to produce and the output quick to fill the pipe.)
#[test]
fn the_stream_is_not_read_ahead_of_the_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourcelight"))
        .args(["scan", "--jsonl", "--jobs", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    // 16 MB of small lines, offered 64 KB at a time.
    let feeder = std::thread::spawn(move || {
        let line = b"{\"id\": 1, \"tag\": \"no text on this line\"}\n";
        let chunk: Vec<u8> = line.iter().copied().cycle().take(line.len() * 1600).collect();
        for _ in 0..(16_000_000 / chunk.len()) {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
            counter.fetch_add(chunk.len(), std::sync::atomic::Ordering::SeqCst);
        }
    });
    // Wait until the feeder is blocked: no progress for half a second.
    let start = Instant::now();
    let mut last = usize::MAX;
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = accepted.load(std::sync::atomic::Ordering::SeqCst);
        if now == last || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        last = now;
    }
    let taken = accepted.load(std::sync::atomic::Ordering::SeqCst);
    // The pipes' buffers, the reader's buffer (1 MiB) and the window: 3 MB at most.
    assert!(taken < 6_000_000, "read {taken} bytes while nobody read the output");
    // Reading the output lets the whole stream through.
    let mut stdout = child.stdout.take().unwrap();
    let mut lines = 0usize;
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = stdout.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        lines += buffer[..n].iter().filter(|&&b| b == b'\n').count();
    }
    feeder.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let line_length = "{\"id\": 1, \"tag\": \"no text on this line\"}\n".len();
    assert_eq!(lines, (16_000_000 / (line_length * 1600)) * 1600);
}

#[test]
fn the_help_documents_the_batch_options() {
    let run = run(&["help", "scan"], None);
    for option in ["--jsonl", "--format jsonl", "--jobs N", "--summary FILE.csv", "--quiet", "\"meta\""] {
        assert!(run.stdout.contains(option), "{option} missing from `help scan`");
    }
    assert_eq!(scan(&["--help"], None).stdout, run.stdout);
}

/// On a terminal, a progress line on stderr; with --quiet, none. `script` (util-linux)
/// gives the tool a terminal.
#[test]
fn progress_is_drawn_on_a_terminal_unless_quiet() {
    if Command::new("script").arg("--version").output().is_err() {
        panic!("this test needs `script` from util-linux (Debian's bsdutils, always installed)");
    }
    let dir = scratch("progress");
    let input = write(&dir, "in.jsonl", stream(30).as_bytes());
    let tool = env!("CARGO_BIN_EXE_sourcelight");
    let on_terminal = |extra: &str| {
        // stdout to a file: only stderr is left on the terminal.
        let command = format!("{tool} scan --jsonl {extra} {input} > {}/out.jsonl", dir.display());
        let output = Command::new("script").args(["-qec", &command, "/dev/null"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let shown = on_terminal("");
    assert!(shown.contains("30 articles, 0 errors"), "{shown:?}");
    assert!(shown.contains("ETA"), "the size of a file is known: {shown:?}");
    assert_eq!(on_terminal("--quiet"), "");
}
