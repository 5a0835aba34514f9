//! `actorgraph extract` and `actorgraph merge`: `build` cut in two, so the per-document work can
//! run anywhere (Spark workers, several machines) and the merge after it.
//!
//! `extract` writes one JSON line per document: its [`DocumentExtract`] (mention counts, evidence,
//! affiliations). `merge` reads such lines and builds the graph, or with `--jsonl` writes them
//! back as one part. Building is a multiset union of extracts, so merging is associative and
//! commutative: `merge(merge(a, b), c)` writes the same bytes as `merge(a, b, c)` and as `build`
//! over the same documents.

use std::{
    fs,
    io::{self, BufRead},
    path::{Path, PathBuf},
};

use actorgraph_graph::{DocumentExtract, GraphBuilder, GraphOptions};

use crate::{
    graph_command::{
        report_graph, resolve_format, write_graph, GraphArgs, OutputFormat, RunSummary,
    },
    input, output, parallel,
    pipeline::{Catalog, Pipeline},
    Failure,
};

/// `actorgraph extract INPUT... [-o FILE]`: one JSON line per document, in input order.
pub(crate) fn extract(
    args: &GraphArgs<'_>,
    inputs: &[PathBuf],
    output_path: Option<&Path>,
) -> Result<(), Failure> {
    let pipeline = Pipeline::load(args.data, args.rules)?;
    let sources = input::expand(inputs)?;
    if let Some(path) = output_path {
        input::refuse_output_among_inputs(path, &sources)?;
    }
    let mut counts = None;
    let mut evidence = 0usize;
    output::write_to(output_path, |out| {
        let mut failure: Option<io::Error> = None;
        let run = parallel::for_each_in_order(
            &sources,
            &args.read,
            args.threads,
            |document| {
                let extract = pipeline.extract(document);
                let pieces = extract.evidence.len();
                let line = serde_json::to_string(&extract).expect("an extract serializes");
                (line, pieces)
            },
            |(line, pieces)| {
                evidence += pieces;
                if failure.is_none() {
                    if let Err(e) = writeln!(out, "{line}") {
                        failure = Some(e);
                    }
                }
            },
        );
        match (run, failure) {
            (_, Some(error)) => Err(error),
            (Err(error), None) => Err(io::Error::other(format!("{error:?}"))),
            (Ok(run), None) => {
                counts = Some(run);
                Ok(())
            }
        }
    })?;
    if let Some(counts) = counts {
        eprintln!(
            "actorgraph: {} documents read, {}, {evidence} pieces of evidence",
            counts.read, counts.skipped
        );
        // The extracts are written by now: a part is whatever was read, and --strict still
        // tells the caller that some input was not.
        counts.skipped.check_strict(&args.read)?;
    }
    Ok(())
}

/// How `merge` writes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum MergeOutput {
    /// The graph, as `build` writes it.
    Graph(Option<OutputFormat>),
    /// The extracts again, as one part, sorted, for a later merge.
    Part,
}

/// `actorgraph merge PART... [-o FILE]`: the graph of every extract in the parts.
pub(crate) fn merge(
    args: &GraphArgs<'_>,
    parts: &[PathBuf],
    output_path: Option<&Path>,
    how: MergeOutput,
    top: Option<usize>,
) -> Result<(), Failure> {
    let format = match how {
        MergeOutput::Graph(format) => Some(resolve_format(format, output_path)?),
        MergeOutput::Part => None,
    };
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut extracts: Vec<DocumentExtract> = Vec::new();
    let mut skipped = input::SkipTally::default();
    for part in parts {
        read_part(part, &mut |line, number| {
            match serde_json::from_str::<DocumentExtract>(&line) {
                Ok(extract) => match format {
                    // A part keeps the line as read: re-serializing could only lose bytes.
                    None => lines.push((extract.doc.clone(), line)),
                    Some(_) => extracts.push(extract),
                },
                Err(e) => {
                    eprintln!(
                        "actorgraph: skipped {}:{number}: not a document extract: {e}",
                        part.display()
                    );
                    skipped.add("not a document extract");
                }
            }
        })?;
    }
    let Some(format) = format else {
        lines.sort();
        let read = lines.len();
        output::write_to(output_path, |out| {
            for (_, line) in &lines {
                writeln!(out, "{line}")?;
            }
            Ok(())
        })?;
        eprintln!("actorgraph: {read} document extracts merged, {skipped}");
        return skipped.check_strict(&args.read);
    };
    let pipeline = Pipeline::load(args.data, args.rules)?;
    let read = extracts.len();
    let mut builder = GraphBuilder::new();
    for extract in extracts {
        builder.add(extract);
    }
    let options: &GraphOptions = &args.options;
    let graph = builder.finish(&Catalog(&pipeline.gazetteer), options);
    report_graph(
        &RunSummary {
            read,
            skipped: &skipped,
            mentions: None,
            text: None,
        },
        &graph,
    );
    skipped.check_strict(&args.read)?;
    write_graph(graph, format, output_path, top)
}

/// Calls `each` with every non-empty line of a part (a file, gzipped or not, or `-`) and its
/// line number.
fn read_part(path: &Path, each: &mut dyn FnMut(String, usize)) -> Result<(), Failure> {
    let cannot =
        |e: io::Error| Failure::UsageOrData(format!("actorgraph: error: {}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if input::is_standard_stream(path) {
        Box::new(io::stdin().lock())
    } else {
        let file = fs::File::open(path).map_err(cannot)?;
        input::lines_of(file, path.to_string_lossy().ends_with(".gz"))
    };
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(cannot)?;
        if !line.trim().is_empty() {
            each(line, index + 1);
        }
    }
    Ok(())
}
