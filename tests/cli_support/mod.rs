//! Running the built `sourcelight` binary in the CLI tests.
#![allow(dead_code)] // each test file uses its own part of this.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args`, feeding `stdin` if given.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sourcelight"));
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).env("NO_COLOR", "1");
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = command.spawn().expect("the sourcelight binary starts");
    if let Some(bytes) = stdin {
        // The tool may refuse before reading everything (binary input): a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    let output = child.wait_with_output().expect("the sourcelight binary finishes");
    Run {
        code: output.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh scratch directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sourcelight-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/cli/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A failure is one plain sentence on stderr (plus the usage hint for exit code 2),
/// never a panic.
pub fn assert_clean_failure(run: &Run, code: i32, needle: &str) {
    assert_eq!(run.code, code, "stderr: {}", run.stderr);
    assert!(run.stderr.starts_with("sourcelight: "), "{}", run.stderr);
    assert!(run.stderr.contains(needle), "expected {needle:?} in {:?}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let lines = run.stderr.lines().count();
    assert!(lines == 1 || (code == 2 && lines == 2), "{}", run.stderr);
}
