//! Work done in parallel, results handed on in the order of the work: the engine of a batch.
//!
//! The calling thread reads items and hands each to a rayon pool of `jobs` threads;
//! a writer thread receives the results as they finish, in whatever order, and passes
//! them on in the order the items were read. Between the two, a [`Window`] bounds what
//! is in flight (read but not yet passed on: queued, being worked on, or finished and
//! waiting for an earlier one), by count and by bytes: when it is full the reader
//! waits. So memory depends on the window, not on the length of the input, and a
//! slow consumer (a full pipe) stops the reading instead of piling results up.
//!
//! There is no barrier between batches: a long article holds back the *output* of
//! the ones after it until it is done, not the cores, which go on with the rest of
//! the window. Order and results do not depend on `jobs`.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// How much may be in flight at once.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Items read and not yet passed on.
    pub items: usize,
    /// Their bytes, as the reader weighed them. An item heavier than this alone is
    /// still let through, alone, so that nothing waits forever.
    pub bytes: usize,
}

impl Window {
    /// A window for `jobs` threads: eight items a thread, so that every thread finds
    /// work while a long one holds up the output, and at most `bytes` of input.
    pub fn for_jobs(jobs: usize, bytes: usize) -> Window {
        assert!(jobs > 0, "a window needs at least one job");
        Window { items: jobs * 8, bytes }
    }
}

/// How a run ended early.
#[derive(Debug)]
pub enum Stopped<R, E> {
    /// Reading failed; what had been read was all worked on and passed on.
    Read(R),
    /// Passing a result on failed; reading stopped.
    Emit(E),
}

/// The count and weight of what is in flight, and whether the writer gave up.
#[derive(Default)]
struct Flight {
    items: usize,
    bytes: usize,
    stop: bool,
}

/// Reads `items` on this thread, runs `work` on each in a pool of `jobs` threads,
/// and calls `emit` on a writer thread with each result in the order of the items,
/// never holding more than `window` in flight. Each item comes with its weight in
/// bytes. Returns when every item read has been emitted.
///
/// # Errors
/// The first error of `items` (the items before it are still worked on and
/// emitted), or the first error of `emit` (then reading stops and what is in
/// flight is dropped).
///
/// # Panics
/// When the pool cannot be started (the system refuses threads).
pub fn run<T, R, RE, EE>(
    jobs: usize,
    window: Window,
    items: impl Iterator<Item = Result<(T, usize), RE>>,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), EE> + Send,
) -> Result<(), Stopped<RE, EE>>
where
    T: Send,
    R: Send,
    EE: Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("sourcelight-{i}"))
        .build()
        .expect("the system starts the analysis threads");
    let flight = Mutex::new(Flight::default());
    let changed = Condvar::new();
    let (done_tx, done_rx) = mpsc::channel::<(u64, R, usize)>();

    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            // Results that came before their turn, at their place after `next`.
            let mut waiting: VecDeque<Option<(R, usize)>> = VecDeque::new();
            let mut next = 0u64;
            let mut failed = None;
            for (seq, result, bytes) in done_rx {
                if failed.is_some() {
                    continue; // drain, so that no worker waits on a full channel
                }
                let at = usize::try_from(seq - next).expect("the window bounds the gap");
                if waiting.len() <= at {
                    waiting.resize_with(at + 1, || None);
                }
                waiting[at] = Some((result, bytes));
                while let Some(Some(_)) = waiting.front() {
                    let (result, bytes) = waiting.pop_front().flatten().expect("checked above");
                    next += 1;
                    let outcome = emit(result);
                    let mut state = flight.lock().expect("no thread panics holding the lock");
                    state.items -= 1;
                    state.bytes -= bytes;
                    if let Err(e) = outcome {
                        state.stop = true;
                        failed = Some(e);
                    }
                    changed.notify_all();
                    drop(state);
                    if failed.is_some() {
                        break;
                    }
                }
            }
            failed
        });

        let read_error = pool.in_place_scope_fifo(|tasks| {
            let work = &work;
            for (seq, item) in (0u64..).zip(items) {
                let (item, bytes) = match item {
                    Ok(item) => item,
                    Err(e) => return Some(Stopped::Read(e)),
                };
                let mut state = flight.lock().expect("no thread panics holding the lock");
                while !state.stop
                    && state.items > 0
                    && (state.items >= window.items || state.bytes.saturating_add(bytes) > window.bytes)
                {
                    state = changed.wait(state).expect("no thread panics holding the lock");
                }
                if state.stop {
                    return None;
                }
                state.items += 1;
                state.bytes += bytes;
                drop(state);
                let done = done_tx.clone();
                tasks.spawn_fifo(move |_| {
                    // The writer only goes away after every task has sent.
                    let _ = done.send((seq, work(item), bytes));
                });
            }
            None
        });
        // Every task has finished (the scope waited for them): closing the last sender
        // ends the writer's loop once it has emitted everything.
        drop(done_tx);
        let emit_error = writer.join().expect("the writer thread does not panic");
        match (emit_error, read_error) {
            (Some(e), _) => Err(Stopped::Emit(e)),
            (None, Some(stopped)) => Err(stopped),
            (None, None) => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn squares(jobs: usize, n: u64) -> Vec<u64> {
        let mut out = Vec::new();
        let items = (0..n).map(|i| Ok::<_, ()>((i, 1)));
        // Later items finish first: the order must come from the reading.
        let work = |i: u64| {
            std::thread::sleep(Duration::from_micros(200 * ((n - i) % 7)));
            i * i
        };
        run(jobs, Window { items: 16, bytes: usize::MAX }, items, work, |r| {
            out.push(r);
            Ok::<_, ()>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn results_come_out_in_input_order_whatever_the_jobs() {
        let expected: Vec<u64> = (0..500).map(|i| i * i).collect();
        for jobs in [1, 2, 3, 8] {
            assert_eq!(squares(jobs, 500), expected, "{jobs} jobs");
        }
    }

    #[test]
    fn never_more_in_flight_than_the_window() {
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let items = (0..300u32).map(|i| {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            Ok::<_, ()>((i, 10))
        });
        let window = Window { items: 100, bytes: 50 }; // the bytes bind first: 5 items
        run(4, window, items, |i| i, |_| {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok::<_, ()>(())
        })
        .unwrap();
        // The reader counts an item when it reads it, one before it may let it in.
        assert!(most.load(Ordering::SeqCst) <= 6, "{} in flight", most.load(Ordering::SeqCst));
    }

    #[test]
    fn an_item_heavier_than_the_window_goes_through_alone() {
        let items = [(1u8, 10), (2, 1000), (3, 10)].into_iter().map(Ok::<_, ()>);
        let mut out = Vec::new();
        run(2, Window { items: 4, bytes: 100 }, items, |i| i, |r| {
            out.push(r);
            Ok::<_, ()>(())
        })
        .unwrap();
        assert_eq!(out, [1, 2, 3]);
    }

    #[test]
    fn a_read_error_stops_after_emitting_what_came_before() {
        let items = (0..10u32).map(|i| if i == 6 { Err("disk") } else { Ok((i, 1)) });
        let mut out = Vec::new();
        let result = run(2, Window { items: 4, bytes: 100 }, items, |i| i, |r| {
            out.push(r);
            Ok::<_, ()>(())
        });
        assert!(matches!(result, Err(Stopped::Read("disk"))));
        assert_eq!(out, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn an_emit_error_stops_the_reading() {
        let read = AtomicUsize::new(0);
        let items = (0..100_000u32).map(|i| {
            read.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>((i, 1))
        });
        let result = run(2, Window { items: 8, bytes: 100 }, items, |i| i, |r| if r == 3 { Err("closed") } else { Ok(()) });
        assert!(matches!(result, Err(Stopped::Emit("closed"))));
        assert!(read.load(Ordering::SeqCst) < 100, "read {} items after the output failed", read.load(Ordering::SeqCst));
    }
}
