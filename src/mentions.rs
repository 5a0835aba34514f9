//! `actorgraph mentions`: one line per actor mention.

use std::{
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

use actorgraph_core::{Document, MentionKind};
use actorgraph_gazetteer::Analysis;
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
    read_options: &input::ReadOptions,
    format: MentionFormat,
) -> Result<(), Failure> {
    let gazetteer = data::load(data_dir)?;
    let sources = input::expand(inputs)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if format == MentionFormat::Tsv {
        writeln!(out, "doc\tsentence\tstart\tend\tactor\tkind\ttext\tsector")?;
    }
    let (mut read, mut mentions) = (0usize, 0usize);
    let mut skipped = input::SkipTally::default();
    // The first write error stops the run (a closed pipe included); reading is a callback, so it
    // is carried out of it here.
    let mut failure: Option<io::Error> = None;
    for source in &sources {
        input::read_documents(source, read_options, &mut |document| {
            if failure.is_some() {
                return;
            }
            match document {
                Ok(document) => {
                    read += 1;
                    let analysis = gazetteer.analyze(&document.text);
                    mentions += analysis.mentions.len();
                    if let Err(e) = write_mentions(&mut out, &document, &analysis, format) {
                        failure = Some(e);
                    }
                }
                Err(skip) => {
                    eprintln!("actorgraph: {skip}");
                    skipped.add(skip.reason.kind());
                }
            }
        });
        if let Some(error) = failure.take() {
            return Err(error.into());
        }
    }
    out.flush()?;
    eprintln!("actorgraph: {read} documents read, {skipped}, {mentions} mentions");
    skipped.check_strict(read_options)
}

fn write_mentions(
    out: &mut impl Write,
    document: &Document,
    analysis: &Analysis,
    format: MentionFormat,
) -> io::Result<()> {
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
                serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
                writeln!(out)?;
            }
        }
    }
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
