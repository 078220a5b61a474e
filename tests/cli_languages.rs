//! The language of the article: `scan --lang auto` decides from the text and refuses an
//! article in a language the tool does not read, naming it; `--lang en` reads it anyway;
//! a page's declared language never outweighs its text.

mod cli_support;

use cli_support::{assert_clean_failure, run, scratch, write};

const SPANISH: &str = "Los trabajadores del puerto dejan el trabajo\n\n\
El sindicato anunció el lunes una huelga de tres días en el puerto, después de que la empresa \
rechazara su propuesta. Según el portavoz, los barcos no podrán salir hasta el jueves.\n\n\
La empresa dijo que las pérdidas serán muy grandes para la ciudad y para los exportadores.\n";

const GERMAN: &str = "Hafenarbeiter legen die Arbeit nieder\n\n\
Die Gewerkschaft hat am Montag einen dreitägigen Streik im Hafen angekündigt, nachdem das \
Unternehmen ihren Vorschlag abgelehnt hatte. Nach Angaben des Sprechers können die Schiffe \
erst am Donnerstag auslaufen.\n\n\
Das Unternehmen sagte, dass die Verluste für die Stadt und für die Exporteure sehr groß sein werden.\n";

const ENGLISH: &str = "Dockworkers walk out\n\n\
The union announced a three-day strike at the port on Monday after the operator rejected its \
offer. The ships will not sail before Thursday, a spokesman for the union said.\n";

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).expect("the report is JSON")
}

#[test]
fn an_article_in_a_language_the_tool_does_not_read_is_refused_by_name() {
    let dir = scratch("refused");
    let spanish = write(&dir, "huelga.txt", SPANISH.as_bytes());
    let refused = run(&["scan", &spanish], None);
    assert_clean_failure(&refused, 1, "the article is in Spanish (es); sourcelight reads English and French");
    assert!(refused.stderr.contains("huelga.txt") && refused.stderr.contains("--lang en"), "{}", refused.stderr);
    assert!(refused.stdout.is_empty());
    let german = run(&["scan", "--format", "text", "-"], Some(GERMAN.as_bytes()));
    assert_clean_failure(&german, 1, "the article is in German (de)");
}

#[test]
fn a_forced_language_reads_any_article_and_the_json_says_which_rules_were_used() {
    let forced = run(&["scan", "--lang", "en", "-"], Some(SPANISH.as_bytes()));
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(json(&forced.stdout)["lang"], "en");
    let auto = run(&["scan", "-"], Some(ENGLISH.as_bytes()));
    assert_eq!(auto.code, 0, "{}", auto.stderr);
    assert_eq!(json(&auto.stdout)["lang"], "en");
}

#[test]
fn a_page_declaring_english_is_still_read_by_its_text() {
    let dir = scratch("declared");
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Huelga en el puerto</title></head>\
         <body><article><h1>Huelga en el puerto</h1>{}</article></body></html>",
        SPANISH.split("\n\n").skip(1).map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let path = write(&dir, "huelga.html", page.as_bytes());
    assert_clean_failure(&run(&["scan", &path], None), 1, "Spanish (es)");
}

#[test]
fn the_declared_language_settles_a_page_too_short_to_tell() {
    let dir = scratch("short");
    let page = "<!DOCTYPE html><html lang=\"de-AT\"><head><meta charset=\"utf-8\"><title>Sturmwarnung</title></head>\
                <body><article><h1>Sturmwarnung</h1><p>Sturmwarnung für Wien und Umgebung: Böen bis 120 km/h.</p>\
                <p>Bahnstrecken gesperrt, Schulen geschlossen, Flughafen Schwechat eingeschränkt.</p></article></body></html>";
    let path = write(&dir, "sturm.html", page.as_bytes());
    assert_clean_failure(&run(&["scan", &path], None), 1, "German (de)");
}

#[test]
fn only_a_language_the_tool_reads_can_be_forced() {
    let refused = run(&["scan", "--lang", "es", "-"], Some(SPANISH.as_bytes()));
    assert_clean_failure(&refused, 2, "--lang must be auto or a language the tool reads");
}
