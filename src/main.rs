//! `sourcelight`: the core as a command-line tool.
//!
//! Usage: `sourcelight scan [FILE|-]` prints the analysis as JSON (see docs/design.md).

use std::io::Read;
use std::process::ExitCode;

use sourcelight::{analyse, LangHint};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("scan") => scan(args.get(1).map(String::as_str).unwrap_or("-")),
        _ => {
            eprintln!("usage: sourcelight scan [FILE|-]");
            ExitCode::from(2)
        }
    }
}

fn scan(path: &str) -> ExitCode {
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("sourcelight: cannot read {path}: {e}");
        return ExitCode::from(1);
    }
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let analysis = analyse(&blocks, LangHint::Auto);
    println!("{}", serde_json::to_string_pretty(&analysis).expect("analysis serialises"));
    ExitCode::SUCCESS
}
