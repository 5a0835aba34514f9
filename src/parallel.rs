//! Reading documents as a stream and extracting them in parallel, in input order.
//!
//! One thread reads (and decompresses) inputs into batches; the caller's thread hands each batch
//! to a rayon pool, which extracts its documents in parallel, and receives the extracts back in
//! input order, consuming one batch's while the pool works on the next. At most a few batches
//! are in flight, so memory holds a few megabytes of text, not the corpus. Since extraction is a pure function of the document and extracts come back in
//! input order, the result does not depend on the thread count.

use std::{
    io::{IsTerminal, Write},
    sync::{
        atomic::{AtomicU64, Ordering},
        mpsc::{sync_channel, Receiver},
        Arc,
    },
    time::{Duration, Instant},
};

use actorgraph_core::Document;
use rayon::prelude::*;

use crate::{
    input::{self, InputSource, ReadOptions, SkipTally},
    Failure,
};

/// A batch is sent on once it holds this much text or this many documents: large enough that
/// the pool's threads stay busy, small enough that memory stays flat.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_DOCUMENTS: usize = 1024;

/// Batches read ahead of extraction.
const BATCHES_IN_FLIGHT: usize = 2;

/// How many documents were read and skipped, and how much text was read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Counts {
    pub read: usize,
    pub skipped: SkipTally,
    pub text_bytes: u64,
}

/// Reads every source and calls `each` with each document's result of `work`, in input order.
/// `threads` is the pool size (`None`: one per core).
pub(crate) fn for_each_in_order<T: Send>(
    sources: &[InputSource],
    read_options: &ReadOptions,
    threads: Option<usize>,
    work: impl Fn(&Document) -> T + Sync,
    mut each: impl FnMut(T),
) -> Result<Counts, Failure> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot start worker threads: {e}")))?;
    let consumed = Arc::new(AtomicU64::new(0));
    let mut progress = Progress::new(sources, Arc::clone(&consumed));
    let mut counts = Counts::default();
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel::<Vec<Document>>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut skipped = SkipTally::default();
            let mut batch = Vec::new();
            let mut batch_bytes = 0;
            let mut open = true;
            for source in sources {
                input::read_documents_counted(source, read_options, &consumed, &mut |document| {
                    match document {
                        Ok(document) => {
                            batch_bytes += document.text.len();
                            batch.push(document);
                            if open
                                && (batch_bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCUMENTS)
                            {
                                // A closed receiver means the caller stopped: read no further.
                                open = sender.send(std::mem::take(&mut batch)).is_ok();
                                batch_bytes = 0;
                            }
                        }
                        Err(skip) => {
                            eprintln!("actorgraph: {skip}");
                            skipped.add(skip.reason.kind());
                        }
                    }
                });
                if !open {
                    break;
                }
            }
            if open && !batch.is_empty() {
                let _ = sender.send(batch);
            }
            skipped
        });
        // While the pool extracts one batch, this thread hands the previous batch's results to
        // `each`: otherwise the pool would stand idle while `each` (the graph merge) runs.
        pool.in_place_scope(|scope| {
            let work = &work;
            let mut previous: Option<Receiver<BatchResults<T>>> = None;
            for batch in receiver {
                let (done, results) = sync_channel(1);
                scope.spawn(move |_| {
                    let extracted = batch.par_iter().map(work).collect();
                    let text_bytes = batch.iter().map(|d| d.text.len() as u64).sum();
                    // The receiver lives until the scope ends.
                    let _ = done.send(BatchResults {
                        extracted,
                        text_bytes,
                    });
                });
                if let Some(previous) = previous.replace(results) {
                    consume(previous, &mut counts, &mut each, &mut progress);
                }
            }
            if let Some(previous) = previous {
                consume(previous, &mut counts, &mut each, &mut progress);
            }
        });
        counts.skipped = reader.join().expect("the reader thread does not panic");
    });
    progress.finish();
    Ok(counts)
}

/// One batch's results, in input order.
struct BatchResults<T> {
    extracted: Vec<T>,
    text_bytes: u64,
}

/// Waits for a batch's results and hands them to `each`, in order.
fn consume<T>(
    results: Receiver<BatchResults<T>>,
    counts: &mut Counts,
    each: &mut impl FnMut(T),
    progress: &mut Progress,
) {
    let results = results
        .recv()
        .expect("a batch's job sends its results before it ends");
    counts.read += results.extracted.len();
    counts.text_bytes += results.text_bytes;
    for result in results.extracted {
        each(result);
    }
    progress.draw(counts);
}

/// A one-line progress report on standard error for long runs: documents, text read, speed and,
/// where input sizes are known, the share done and the time left. Only on a terminal, and only
/// once a run has taken a second.
struct Progress {
    enabled: bool,
    /// Bytes of input on disk (compressed for `.gz`), when every input is a file.
    total: Option<u64>,
    consumed: Arc<AtomicU64>,
    started: Instant,
    last_drawn: Option<Instant>,
}

impl Progress {
    fn new(sources: &[InputSource], consumed: Arc<AtomicU64>) -> Progress {
        let total = sources
            .iter()
            .map(|source| match source {
                InputSource::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                InputSource::Stdin => None,
            })
            .sum::<Option<u64>>();
        Progress {
            enabled: std::io::stderr().is_terminal(),
            total,
            consumed,
            started: Instant::now(),
            last_drawn: None,
        }
    }

    fn draw(&mut self, counts: &Counts) {
        let now = Instant::now();
        let elapsed = now.duration_since(self.started);
        if !self.enabled
            || elapsed < Duration::from_secs(1)
            || self
                .last_drawn
                .is_some_and(|t| now.duration_since(t) < Duration::from_millis(200))
        {
            return;
        }
        self.last_drawn = Some(now);
        let megabytes = counts.text_bytes as f64 / 1e6;
        let mut line = format!(
            "{} documents, {megabytes:.0} MB of text, {:.0} MB/s",
            counts.read,
            megabytes / elapsed.as_secs_f64()
        );
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let done = (self.consumed.load(Ordering::Relaxed) as f64 / total as f64).min(1.0);
            if done > 0.0 {
                let left = elapsed.as_secs_f64() * (1.0 - done) / done;
                line.push_str(&format!(", {:.0}%, {left:.0} s left", done * 100.0));
            }
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.enabled && self.last_drawn.is_some() {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
