//! HTML pages in the charset they declare: `sourcelight scan` decodes them as a
//! browser does (byte-order mark, then `<meta>` in the first 1024 bytes), while plain
//! text stays UTF-8 only. The legacy fixtures were written in UTF-8 and re-encoded
//! with another tool (Python's codecs), so the decoder is not checked against itself.

mod cli_support;

use cli_support::{assert_clean_failure, fixture, run, scratch, write};
use serde_json::Value;

/// The extracted article text of a page that must be read without complaint.
fn article_text(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let run = run(&all, stdin);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert_eq!(report["input"]["format"], "html");
    let text = report["input"]["text"].as_str().expect("input.text").to_string();
    for sentence in report["sentences"].as_array().unwrap() {
        let (start, end) = (sentence["start"].as_u64().unwrap() as usize, sentence["end"].as_u64().unwrap() as usize);
        assert_eq!(text.get(start..end), sentence["text"].as_str(), "offsets slice the decoded text");
    }
    text
}

#[test]
fn a_windows_1252_page_declared_with_meta_charset_is_decoded() {
    let text = article_text(&[&fixture("legacy-windows-1252.html")], None);
    assert!(text.starts_with("Café owners split over the new pavement rules\n\n"), "{text}");
    // Bytes 0x80 (€), 0x92 (’), 0x93/0x94 (“ ”) and 0x97 (—) are windows-1252's own.
    for decoded in [
        "pay €40 a month",
        "borough’s licensing",
        "“It is a small price",
        "Renée Valcourt",
        "Brûlerie",
        "old town — about",
    ] {
        assert!(text.contains(decoded), "{decoded:?} missing from {text}");
    }
}

#[test]
fn an_http_equiv_content_type_declaration_is_followed() {
    let text = article_text(&[&fixture("legacy-iso-8859-1.html")], None);
    for decoded in ["Sünnerholm island", "Jörg Weißmüller told"] {
        assert!(text.contains(decoded), "{decoded:?} missing from {text}");
    }
}

#[test]
fn a_multibyte_alphabet_in_a_legacy_charset_is_decoded() {
    let text = article_text(&[&fixture("legacy-koi8-r.html")], None);
    assert!(text.contains("Olga Petrenko (Ольга Петренко)"), "{text}");
}

#[test]
fn standard_input_is_decoded_like_a_file() {
    let page = std::fs::read(fixture("legacy-windows-1252.html")).unwrap();
    assert_eq!(article_text(&["-"], Some(&page)), article_text(&[&fixture("legacy-windows-1252.html")], None));
}

#[test]
fn a_utf16_page_with_a_byte_order_mark_is_decoded() {
    let page = "<!DOCTYPE html><html><head><title>Bridge</title></head><body><article>\
                <h1>The footbridge at Elmsworth reopens</h1>\
                <p>The footbridge over the Wend at Elmsworth reopened on Sunday after a repair that took eight months, \
                the county’s highways team said. Cyclists must still dismount 🚲 on the span.</p></article></body></html>";
    let dir = scratch("utf16");
    for (name, bytes) in [
        ("le.html", [vec![0xFF, 0xFE], page.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat()),
        ("be.html", [vec![0xFE, 0xFF], page.encode_utf16().flat_map(u16::to_be_bytes).collect()].concat()),
    ] {
        let text = article_text(&[&write(&dir, name, &bytes)], None);
        assert!(
            text.contains("the county’s highways team said. Cyclists must still dismount 🚲 on the span."),
            "{name}: {text}"
        );
        // Without an extension the page is still recognised as HTML, through the mark.
        assert_eq!(article_text(&["-"], Some(&bytes)), text);
    }
}

#[test]
fn a_byte_order_mark_overrides_a_contrary_declaration() {
    // UTF-8 bytes behind a UTF-8 mark, in a page that claims windows-1252: the mark wins.
    let page = "\u{feff}<html><head><meta charset=windows-1252></head><body><p>Mayor Inès Carrow said the café on Dock Lane would reopen in the spring after its refit.</p></body></html>";
    let text = article_text(&["-"], Some(page.as_bytes()));
    assert!(text.contains("Mayor Inès Carrow said the café"), "{text}");
}

#[test]
fn bytes_the_declared_charset_lacks_become_replacement_characters() {
    // Shift_JIS: 0xFF is no character and a lone lead byte 0x81 ends nothing.
    let mut page = b"<html><head><meta charset=shift_jis></head><body><p>The harbour board said \
                     the pier at Lowmarsh would close for a month, ending the ferry"
        .to_vec();
    page.extend_from_slice(b" \xFF service \x81");
    page.extend_from_slice(b" while divers inspect it.</p></body></html>");
    let text = article_text(&["-"], Some(&page));
    assert!(text.contains("ending the ferry \u{FFFD} service \u{FFFD} while divers"), "{text}");
}

#[test]
fn an_undeclared_page_that_is_not_utf8_is_refused_with_its_place() {
    let page = b"<html><body>\n<p>The caf\xe9 on Mill Road closes on Friday, its owner said.</p></body></html>";
    let dir = scratch("undeclared");
    let run = run(&["scan", &write(&dir, "page.html", page)], None);
    assert_clean_failure(&run, 1, "is not valid UTF-8 (bad byte at line 2, column 11) and declares no other charset");
    assert!(run.stdout.is_empty());
}

#[test]
fn a_declaration_past_the_first_1024_bytes_is_not_followed() {
    let mut page = format!("<html><head><!-- {} -->", "padding ".repeat(130)).into_bytes();
    page.extend_from_slice(b"<meta charset=windows-1252></head><body><p>Caf\xe9 news.</p></body></html>");
    let run = run(&["scan", "--input", "html", "-"], Some(&page));
    assert_clean_failure(&run, 1, "declares no other charset");
}

#[test]
fn plain_text_stays_utf8_only() {
    let dir = scratch("text-charset");
    // A declaration in a text file is words, not a charset.
    let text = b"The notice read <meta charset=windows-1252> in the caf\xe9 window.\n";
    assert_clean_failure(
        &run(&["scan", &write(&dir, "note.txt", text)], None),
        1,
        "is not valid UTF-8 text (bad byte at line 1, column 55)",
    );
    // A legacy page forced to be read as text is refused the same way.
    let run = run(&["scan", "--input", "text", &fixture("legacy-windows-1252.html")], None);
    assert_clean_failure(&run, 1, "is not valid UTF-8 text");
    // UTF-16 text is refused, as it always was: its offsets could not point into the file.
    let wide: Vec<u8> = "\u{feff}Plain words.".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_clean_failure(&run_scan_stdin(&wide), 1, "is UTF-16 text");
}

fn run_scan_stdin(bytes: &[u8]) -> cli_support::Run {
    run(&["scan", "-"], Some(bytes))
}

#[test]
fn a_charset_browsers_refuse_is_refused() {
    let page = b"<html><head><meta charset=iso-2022-kr></head><body><p>Words of a story go here, said someone.</p></body></html>";
    let run = run(&["scan", "-"], Some(page));
    assert_clean_failure(&run, 1, "declares a charset that browsers refuse to decode");
}
