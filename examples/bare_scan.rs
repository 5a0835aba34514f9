//! The yardstick for `scripts/bench.sh`: a bare aho-corasick scan of a corpus's text for the
//! shipped gazetteer's aliases, whole words, case-insensitive, text already in memory. It is what
//! matching alone costs, with nothing of actorgraph's work around it; the build is measured
//! against it in the same run.
//!
//! `cargo run --release --example bare_scan -- CORPUS.jsonl.gz [THREADS]`
//! prints one line: `bare scan: N documents, M MB, X MB/s on T threads, K matches`.

use std::{fs, io::BufRead, time::Instant};

use actorgraph_gazetteer::{DataSource, Gazetteer};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;

include!(concat!(env!("OUT_DIR"), "/shipped_data.rs"));

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .expect("usage: bare_scan CORPUS.jsonl[.gz] [THREADS]");
    let threads: usize = args
        .next()
        .map_or(0, |t| t.parse().expect("THREADS is a number"));

    let sources: Vec<DataSource<'_>> = SHIPPED_DATA
        .iter()
        .map(|&(path, text)| DataSource { path, text })
        .collect();
    let gazetteer = Gazetteer::from_sources(&sources).expect("the shipped data loads");
    let mut aliases: Vec<&str> = gazetteer
        .actors()
        .iter()
        .flat_map(|a| {
            a.names
                .iter()
                .chain(&a.demonyms)
                .chain(&a.metonyms)
                .chain(&a.surnames)
        })
        .map(String::as_str)
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&aliases)
        .expect("aliases fit in an automaton");

    let file = fs::File::open(&corpus).expect("the corpus opens");
    let reader: Box<dyn BufRead> = if corpus.ends_with(".gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let texts: Vec<String> = reader
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            format!(
                "{}\n\n{}",
                record["title"].as_str().unwrap_or(""),
                record["text"].as_str().unwrap_or("")
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let started = Instant::now();
    let matches: usize = pool.install(|| {
        texts
            .par_iter()
            .map(|text| {
                let bytes = text.as_bytes();
                automaton
                    .find_iter(text)
                    .filter(|m| {
                        let before = m.start().checked_sub(1).map(|i| bytes[i]);
                        let after = bytes.get(m.end()).copied();
                        !before.is_some_and(|b| b.is_ascii_alphanumeric())
                            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                    })
                    .count()
            })
            .sum()
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "bare scan: {} documents, {:.0} MB, {:.0} MB/s on {} threads, {} aliases, {matches} matches",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        pool.current_num_threads(),
        aliases.len()
    );
}
