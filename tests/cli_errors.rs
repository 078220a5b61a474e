//! Bad input and bad command lines: each ends with one plain sentence on stderr and
//! the documented exit code (1 input, 2 usage), never a panic, never a partial report.

mod cli_support;

use std::io::Read;
use std::process::{Command, Stdio};

use cli_support::{assert_clean_failure, fixture, run, scratch, write};

fn scan_fails(args: &[&str], stdin: Option<&[u8]>, code: i32, needle: &str) {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    let run = run(&all, stdin);
    assert_clean_failure(&run, code, needle);
    assert!(run.stdout.is_empty(), "no partial report: {}", run.stdout);
}

#[test]
fn invalid_utf8_is_refused_with_its_place() {
    let dir = scratch("utf8");
    let path = write(&dir, "latin1.txt", b"Caf\xc3\xa9 opens.\n\nThe caf\xe9 said it would open on Monday.\n");
    scan_fails(&[&path], None, 1, "is not valid UTF-8 text (bad byte at line 3, column 8)");
    scan_fails(&["-"], Some(b"ok \xff\xfe"), 1, "standard input is not valid UTF-8");
}

#[test]
fn a_binary_file_is_refused() {
    let dir = scratch("binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    let path = write(&dir, "picture.txt", png);
    scan_fails(&[&path], None, 1, "looks like a binary file");
    let utf16: Vec<u8> = "\u{feff}Hello".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let path = write(&dir, "wide.txt", &utf16);
    scan_fails(&[&path], None, 1, "is UTF-16 text");
}

#[test]
fn an_empty_or_blank_file_is_refused() {
    let dir = scratch("empty");
    scan_fails(&[&write(&dir, "empty.txt", b"")], None, 1, "is empty");
    scan_fails(&[&write(&dir, "blank.txt", b"\n  \r\n\t\n")], None, 1, "holds only white space");
    scan_fails(&["-"], Some(b""), 1, "standard input is empty");
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = scratch("huge");
    let path = dir.join("huge.txt");
    // 100 MB, sparse: the refusal comes from the file's size, without reading it.
    std::fs::File::create(&path).unwrap().set_len(100 * 1000 * 1000).unwrap();
    scan_fails(&[path.to_str().unwrap()], None, 1, "is larger than the 64 MiB limit");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn standard_input_over_the_limit_is_refused_at_the_limit() {
    let endless_enough = vec![b'a'; 64 * 1024 * 1024 + 10];
    scan_fails(&["-"], Some(&endless_enough), 1, "standard input is larger than the 64 MiB limit");
}

#[test]
fn an_html_page_without_an_article_is_refused() {
    scan_fails(&[&fixture("no-article.html")], None, 1, "found no article in the HTML page");
}

#[test]
fn a_page_nested_too_deep_is_refused_not_left_to_hang() {
    let depth = 1_000;
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}<p>Text at the bottom of a deep pile of elements, said a tester today.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    scan_fails(&["-"], Some(page.as_bytes()), 1, "nests its elements 1003 deep");
}

#[test]
fn missing_files_and_directories_are_input_errors() {
    scan_fails(&["/nonexistent/story.txt"], None, 1, "there is no file /nonexistent/story.txt");
    let dir = scratch("directory");
    scan_fails(&[dir.to_str().unwrap()], None, 1, "is a directory");
}

#[test]
fn wrong_command_lines_are_usage_errors() {
    let story = fixture("article.txt");
    assert_clean_failure(&run(&[], None), 2, "no subcommand given");
    assert_clean_failure(&run(&["scna"], None), 2, "unknown subcommand \"scna\"");
    assert_clean_failure(&run(&["help", "nope"], None), 2, "there is no subcommand");
    scan_fails(&["--format", "pdf", &story], None, 2, "--format must be json, jsonl, text or html");
    scan_fails(&["--format"], None, 2, "--format needs a value");
    scan_fails(&["--lang", "xx", &story], None, 2, "--lang must be auto or a language the tool reads (en");
    scan_fails(&["--input", "pdf", &story], None, 2, "--input must be auto, text or html");
    scan_fails(&["--colour", &story], None, 2, "unknown option \"--colour\"");
    scan_fails(&[&story, &story], None, 2, "several files are written one JSON line each: add --format jsonl");
}

#[test]
fn help_and_version_document_the_tool() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let run = run(args, None);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("sourcelight scan") && run.stdout.contains("sourcelight eval"));
        assert!(run.stdout.contains("Exit codes:"));
    }
    for args in [&["scan", "--help"][..], &["help", "scan"]] {
        let run = run(args, None);
        assert_eq!(run.code, 0);
        for needle in
            ["--format json", "--format text", "--format html", "--lang", "64 MiB", "byte offsets", "Exit codes:"]
        {
            assert!(run.stdout.contains(needle), "scan help misses {needle:?}");
        }
    }
    let run = run(&["--version"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("sourcelight "));
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    // A long report, of which the reader takes a few bytes and leaves.
    let paragraph = "The harbour master said the ferry would sail at noon. Nobody else was asked.\n\n";
    // About 120 KB of report: more than a pipe holds (64 KiB), so the tool meets the closed end.
    let text = paragraph.repeat(400);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourcelight"))
        .args(["scan", "--format", "text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(text.as_bytes());
    });
    let mut head = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // Dropping stdout closed our end of the pipe.
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn odd_but_valid_input_is_read_without_trouble() {
    // No sentence punctuation at all, control characters, a lone very long word.
    for text in ["no punctuation here at all just words", "tab\there\u{7}bell \u{1b}[31mred", &"x".repeat(100_000)] {
        for format in ["json", "text", "html"] {
            let run = run(&["scan", "--input", "text", "--format", format, "-"], Some(text.as_bytes()));
            assert_eq!(run.code, 0, "{format}: {}", run.stderr);
            assert!(!run.stdout.contains('\x1b'), "{format}: input control characters reach the output");
        }
    }
}
