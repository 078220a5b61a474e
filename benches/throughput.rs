//! Native throughput of the core: `cargo bench --bench throughput [-- --json] [-- --short]`.
//!
//! Articles of about 1k, 10k, 100k and 1M words are made by repeating the paragraphs in
//! `benches/fixtures/paragraphs.txt` (written for this project). Each size is analysed at
//! least five times (a sample repeats a small article to last at least 20 ms, and its
//! time is divided by the repeats); the figures are the median, min and max. The growth
//! ratio is the time for 1M words over the time for 100k: about 10 when the cost is linear.
//! `tools/bench.mjs` runs this with `--json` and puts it in its table with the budgets.
//!
//! `-- --calls <words> <n>` times nothing: it analyses the article of about `<words>`
//! words once, then `n` more times, for instruction counts that do not depend on the
//! host's noise (`valgrind --tool=callgrind`, `perf stat`): the cost of one call is the
//! difference between a run with `n` calls and one with none, divided by `n`.

use std::hint::black_box;
use std::time::Instant;

use sourcelight::{analyse, LangHint};

const PARAGRAPHS: &str = include_str!("fixtures/paragraphs.txt");

/// The shortest timed sample: small articles are analysed several times a sample.
const SAMPLE_S: f64 = 0.02;

/// An article of at least `words` words, as blocks.
fn article(words: usize) -> Vec<&'static str> {
    let paragraphs: Vec<&str> = PARAGRAPHS.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut blocks = Vec::new();
    let mut count = 0;
    while count < words {
        for p in &paragraphs {
            blocks.push(*p);
            count += p.split_whitespace().count();
        }
    }
    blocks
}

struct Figure {
    target: usize,
    words: usize,
    bytes: usize,
    runs: Vec<f64>,
}

impl Figure {
    fn median(&self) -> f64 {
        let mut sorted = self.runs.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }
    fn min(&self) -> f64 {
        self.runs.iter().copied().fold(f64::INFINITY, f64::min)
    }
    fn max(&self) -> f64 {
        self.runs.iter().copied().fold(0.0, f64::max)
    }
}

fn measure(target_words: usize, runs: usize) -> Figure {
    let blocks = article(target_words);
    let bytes = blocks.iter().map(|b| b.len() + 2).sum();
    let words = blocks.iter().map(|b| b.split_whitespace().count()).sum();
    // Warm the lexicons, the allocator and the caches; and find how many analyses make a
    // sample of at least SAMPLE_S, so a sub-millisecond article is not timed against the
    // clock's and the scheduler's noise one call at a time.
    let start = Instant::now();
    black_box(analyse(&blocks, LangHint::Auto).expect("the bench's article reads as English"));
    let once = start.elapsed().as_secs_f64().max(1e-6);
    let repeat = (SAMPLE_S / once).ceil().max(1.0) as usize;
    let runs = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..repeat {
                let _ = black_box(analyse(black_box(&blocks), LangHint::Auto));
            }
            start.elapsed().as_secs_f64() / repeat as f64
        })
        .collect();
    Figure { target: target_words, words, bytes, runs }
}

/// `--calls <words> <n>`: one warm-up analysis, then `n`, untimed.
fn calls(args: &[String]) -> Option<()> {
    let at = args.iter().position(|a| a == "--calls")?;
    let words = args.get(at + 1)?.parse().ok()?;
    let n: usize = args.get(at + 2)?.parse().ok()?;
    let blocks = article(words);
    black_box(analyse(&blocks, LangHint::Auto).expect("the bench's article reads as English"));
    for _ in 0..n {
        let _ = black_box(analyse(black_box(&blocks), LangHint::Auto));
    }
    Some(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--calls") {
        if calls(&args).is_none() {
            eprintln!("usage: throughput --calls <words> <number of calls>");
            std::process::exit(2);
        }
        return;
    }
    let json = args.iter().any(|a| a == "--json");
    let short = args.iter().any(|a| a == "--short") || std::env::var_os("BENCH_SHORT").is_some();
    let sizes: &[usize] = if short { &[1_000, 10_000, 100_000] } else { &[1_000, 10_000, 100_000, 1_000_000] };
    let runs = if short { 3 } else { 7 };
    let figures: Vec<Figure> = sizes.iter().map(|&w| measure(w, if w >= 1_000_000 { 5 } else { runs })).collect();
    let median_of = |target| figures.iter().find(|f| f.target == target).map(Figure::median);
    let growth = median_of(1_000_000).zip(median_of(100_000)).map(|(big, small)| big / small);
    if json {
        let rows: Vec<String> = figures
            .iter()
            .map(|f| {
                format!(
                    r#"{{"words":{},"bytes":{},"median_s":{},"min_s":{},"max_s":{},"runs":{}}}"#,
                    f.words, f.bytes, f.median(), f.min(), f.max(), f.runs.len()
                )
            })
            .collect();
        let growth = growth.map_or("null".to_string(), |g| g.to_string());
        println!(r#"{{"native":[{}],"growth_1m_100k":{growth}}}"#, rows.join(","));
        return;
    }
    println!("{:>10} {:>12} {:>10} {:>10} {:>10} {:>9} {:>12}", "words", "bytes", "median ms", "min ms", "max ms", "MB/s", "words/s");
    for f in &figures {
        let m = f.median();
        println!(
            "{:>10} {:>12} {:>10.2} {:>10.2} {:>10.2} {:>9.1} {:>12.0}",
            f.words, f.bytes, m * 1e3, f.min() * 1e3, f.max() * 1e3, f.bytes as f64 / m / 1e6, f.words as f64 / m
        );
    }
    if let Some(g) = growth {
        println!("growth 1M/100k: {g:.2} (linear is about 10)");
    }
}
