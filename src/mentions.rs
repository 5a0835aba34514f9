//! `actorgraph mentions`: one line per actor mention.

use std::{
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

use actorgraph_core::MentionKind;
use serde::Serialize;

use crate::{data, input, Failure, MentionFormat};

/// One JSON Lines record; field order is the output order.
#[derive(Serialize)]
struct MentionRecord<'a> {
    doc: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    actor: &'a str,
    text: &'a str,
    kind: MentionKind,
    /// For agent phrases ("Iranian forces"): the sector of the state named.
    sector: Option<&'a str>,
}

pub(crate) fn run(
    data_dir: Option<&Path>,
    inputs: &[PathBuf],
    format: MentionFormat,
) -> Result<(), Failure> {
    let gazetteer = data::load(data_dir)?;
    let sources = input::expand(inputs)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if format == MentionFormat::Tsv {
        writeln!(out, "doc\tsentence\tstart\tend\tactor\tkind\ttext\tsector")?;
    }
    let (mut read, mut skipped, mut mentions) = (0usize, 0usize, 0usize);
    for source in &sources {
        let document = match input::read(source) {
            Ok(document) => document,
            Err(reason) => {
                eprintln!("actorgraph: skipped {source}: {reason}");
                skipped += 1;
                continue;
            }
        };
        read += 1;
        let analysis = gazetteer.analyze(&document.text);
        mentions += analysis.mentions.len();
        for mention in &analysis.mentions {
            let text = mention.span.slice(&document.text);
            match format {
                MentionFormat::Tsv => writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    escape_tsv(&document.id),
                    mention.sentence,
                    mention.span.start,
                    mention.span.end,
                    mention.actor,
                    mention.kind.as_str(),
                    escape_tsv(text),
                    mention.sector.as_deref().unwrap_or(""),
                )?,
                MentionFormat::Jsonl => {
                    let record = MentionRecord {
                        doc: &document.id,
                        sentence: mention.sentence,
                        start: mention.span.start,
                        end: mention.span.end,
                        actor: mention.actor.as_str(),
                        text,
                        kind: mention.kind,
                        sector: mention.sector.as_deref(),
                    };
                    serde_json::to_writer(&mut out, &record).map_err(io::Error::from)?;
                    writeln!(out)?;
                }
            }
        }
    }
    out.flush()?;
    eprintln!("actorgraph: {read} documents read, {skipped} skipped, {mentions} mentions");
    Ok(())
}

/// Escapes the characters that would break a TSV row: backslash, tab, line breaks.
fn escape_tsv(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}
