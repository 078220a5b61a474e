//! A small option parser shared by the subcommands.
//!
//! Options are long (`--format json` or `--format=json`), `-h` is `--help`, `--`
//! ends the options, `-` alone is an operand (standard input). Operands stay
//! `OsString` so that a file name need not be UTF-8; option names and values must be.

use std::ffi::OsString;

use super::Failure;

/// The options one subcommand accepts.
pub struct Spec {
    /// Options that take a value: `--format json`.
    pub valued: &'static [&'static str],
    /// Options that do not: `--json`.
    pub switches: &'static [&'static str],
}

/// A parsed command line: options in the order given, then the operands.
#[derive(Debug, Default)]
pub struct Parsed {
    options: Vec<(&'static str, Option<String>)>,
    pub operands: Vec<OsString>,
}

impl Parsed {
    /// The value of a valued option, the last one given if repeated.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| *n == name).and_then(|(_, v)| v.as_deref())
    }

    pub fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }

    /// The only operand, or `default` when there is none.
    pub fn single_operand(&self, what: &str, default: Option<&str>) -> Result<OsString, Failure> {
        match (self.operands.as_slice(), default) {
            ([one], _) => Ok(one.clone()),
            ([], Some(default)) => Ok(default.into()),
            ([], None) => Err(Failure::usage(format!("no {what} given"))),
            (many, _) => Err(Failure::usage(format!("expected one {what}, got {}", many.len()))),
        }
    }
}

/// Parses `args` by `spec`; `--help` and `-h` are always accepted.
pub fn parse(args: Vec<OsString>, spec: &Spec) -> Result<Parsed, Failure> {
    let mut parsed = Parsed::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else {
            // Only an operand (a file name) may be outside UTF-8.
            parsed.operands.push(arg);
            continue;
        };
        if text == "--" {
            parsed.operands.extend(args);
            break;
        }
        if text == "-h" || text == "--help" {
            parsed.options.push(("help", None));
            continue;
        }
        if text == "-" || !text.starts_with('-') {
            parsed.operands.push(arg);
            continue;
        }
        let (name, inline) = match text.strip_prefix("--").map(|rest| rest.split_once('=')) {
            Some(Some((name, value))) => (name, Some(value.to_string())),
            Some(None) => (&text[2..], None),
            None => return Err(Failure::usage(format!("unknown option {text:?}"))),
        };
        if let Some(&known) = spec.switches.iter().find(|s| **s == name) {
            if inline.is_some() {
                return Err(Failure::usage(format!("--{known} takes no value")));
            }
            parsed.options.push((known, None));
        } else if let Some(&known) = spec.valued.iter().find(|s| **s == name) {
            let value = match inline {
                Some(value) => value,
                None => match args.next() {
                    Some(value) => value
                        .into_string()
                        .map_err(|_| Failure::usage(format!("the value of --{known} is not valid UTF-8")))?,
                    None => return Err(Failure::usage(format!("--{known} needs a value"))),
                },
            };
            parsed.options.push((known, Some(value)));
        } else {
            return Err(Failure::usage(format!("unknown option {text:?}")));
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec { valued: &["format", "lang"], switches: &["json"] };

    fn parse_strs(args: &[&str]) -> Result<Parsed, Failure> {
        parse(args.iter().map(OsString::from).collect(), &SPEC)
    }

    #[test]
    fn reads_values_in_both_spellings_and_keeps_the_last() {
        let parsed = parse_strs(&["--format", "text", "a.txt", "--format=html"]).unwrap();
        assert_eq!(parsed.value("format"), Some("html"));
        assert_eq!(parsed.operands, [OsString::from("a.txt")]);
    }

    #[test]
    fn a_dash_is_an_operand_and_a_double_dash_ends_options() {
        let parsed = parse_strs(&["-", "--", "--json"]).unwrap();
        assert_eq!(parsed.operands, [OsString::from("-"), OsString::from("--json")]);
        assert!(!parsed.has("json"));
    }

    #[test]
    fn switches_and_help() {
        let parsed = parse_strs(&["--json", "-h"]).unwrap();
        assert!(parsed.has("json") && parsed.has("help"));
    }

    #[test]
    fn rejects_unknown_options_missing_values_and_valued_switches() {
        for args in [&["--colour"][..], &["-x"], &["--format"], &["--json=yes"]] {
            let failure = parse_strs(args).unwrap_err();
            assert_eq!(failure.exit, super::super::Exit::Usage, "{args:?}");
        }
    }

    #[test]
    fn counts_operands() {
        let parsed = parse_strs(&["a", "b"]).unwrap();
        assert!(parsed.single_operand("file", None).is_err());
        let parsed = parse_strs(&[]).unwrap();
        assert_eq!(parsed.single_operand("file", Some("-")).unwrap(), OsString::from("-"));
        assert!(parsed.single_operand("corpus", None).unwrap_err().message.contains("no corpus"));
    }
}
