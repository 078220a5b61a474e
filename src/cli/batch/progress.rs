//! The progress line of a batch, on stderr when stderr is a terminal.
//!
//! It counts articles done, errors and input bytes (so MB/s), and, when the input's
//! size is known (a file, or standard input redirected from one), the ETA. It is
//! drawn by indicatif, at most about 20 times a second whatever the rate of
//! articles. Off a terminal (a pipe, a log file, Spark's executor) or with
//! `--quiet` nothing is drawn at all: the bar is hidden and costs a counter.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    articles: u64,
    errors: u64,
}

impl Progress {
    /// A progress line on stderr if it is a terminal and `quiet` is off; `total`
    /// is the input's size in bytes, when known.
    pub fn new(quiet: bool, total: Option<u64>) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let (bar, template) = match total {
                Some(total) => (
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
                    "{msg}  {bytes}/{total_bytes} ({percent} %)  {bytes_per_sec}  ETA {eta}",
                ),
                None => (ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()), "{spinner} {msg}  {bytes}  {bytes_per_sec}"),
            };
            // The templates are constants: a mistake in one is a bug, caught by the
            // terminal test, so fall back to the default style rather than fail a run.
            bar.with_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()))
        };
        Progress { bar, articles: 0, errors: 0 }
    }

    /// One article done, `bytes` of input, failed or not.
    pub fn done(&mut self, bytes: u64, failed: bool) {
        self.articles += 1;
        self.errors += u64::from(failed);
        if !self.bar.is_hidden() {
            self.bar.set_message(self.counts());
            self.bar.inc(bytes);
        }
    }

    pub fn errors(&self) -> u64 {
        self.errors
    }

    pub fn articles(&self) -> u64 {
        self.articles
    }

    /// Leaves the last figures on the terminal.
    pub fn finish(&self) {
        self.bar.finish_with_message(self.counts());
    }

    fn counts(&self) -> String {
        let s = |n: u64| if n == 1 { "" } else { "s" };
        format!("{} article{}, {} error{}", self.articles, s(self.articles), self.errors, s(self.errors))
    }
}
