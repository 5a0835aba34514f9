//! `actorgraph build` and `actorgraph explain`: documents to an actor graph.

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use actorgraph_export::Format;
use actorgraph_graph::{ActorGraph, EdgeKind, GraphBuilder, GraphOptions, Rollup};

use crate::{
    input, output, parallel,
    pipeline::{Catalog, Pipeline},
    Failure,
};

/// Options shared by the commands that build a graph.
#[derive(Clone, Debug)]
pub(crate) struct GraphArgs<'a> {
    pub data: Option<&'a Path>,
    pub rules: Option<&'a Path>,
    pub read: input::ReadOptions,
    /// Worker threads; one per core when `None`.
    pub threads: Option<usize>,
    pub options: GraphOptions,
}

/// Reads every input and merges their extracts into one graph.
fn build_graph(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    read_options: &input::ReadOptions,
    threads: Option<usize>,
    options: &GraphOptions,
    output: Option<&Path>,
) -> Result<ActorGraph, Failure> {
    let sources = input::expand(inputs)?;
    if let Some(output) = output {
        input::refuse_output_among_inputs(output, &sources)?;
    }
    let started = Instant::now();
    let mut builder = GraphBuilder::new();
    let mut mentions = 0u64;
    let counts = parallel::for_each_in_order(
        &sources,
        read_options,
        threads,
        |document| pipeline.extract(document),
        |extract| {
            mentions += extract.mention_counts.values().sum::<u64>();
            builder.add(extract);
        },
    )?;
    let graph = builder.finish(&Catalog(&pipeline.gazetteer), options);
    report_graph(
        &RunSummary {
            read: counts.read,
            skipped: &counts.skipped,
            mentions: Some(mentions),
            text: Some((counts.text_bytes, started.elapsed())),
        },
        &graph,
    );
    counts.skipped.check_strict(read_options)?;
    Ok(graph)
}

/// What `build` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    Export(Format),
    /// `nodes.csv` and `edges.csv` in a folder.
    Csv,
    Picture(Picture),
}

/// Pictures Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Picture {
    Svg,
    Png,
    Pdf,
}

impl Picture {
    fn dot_flag(self) -> &'static str {
        match self {
            Picture::Svg => "-Tsvg",
            Picture::Png => "-Tpng",
            Picture::Pdf => "-Tpdf",
        }
    }
}

impl OutputFormat {
    fn from_extension(extension: &str) -> Option<OutputFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "svg" => Some(OutputFormat::Picture(Picture::Svg)),
            "png" => Some(OutputFormat::Picture(Picture::Png)),
            "pdf" => Some(OutputFormat::Picture(Picture::Pdf)),
            other => Format::from_extension(other).map(OutputFormat::Export),
        }
    }
}

/// `actorgraph build INPUT... [-o FILE] [--format F] [--top N]`.
pub(crate) fn build(
    args: &GraphArgs<'_>,
    inputs: &[PathBuf],
    output_path: Option<&Path>,
    format: Option<OutputFormat>,
    top: Option<usize>,
) -> Result<(), Failure> {
    let format = resolve_format(format, output_path)?;
    let pipeline = Pipeline::load(args.data, args.rules)?;
    let graph = build_graph(
        &pipeline,
        inputs,
        &args.read,
        args.threads,
        &args.options,
        output_path.filter(|_| format != OutputFormat::Csv),
    )?;
    write_graph(graph, format, output_path, top)
}

/// The output format: the flag's, else the output file's extension's, else DOT on standard
/// output. CSV and pictures need a path.
pub(crate) fn resolve_format(
    format: Option<OutputFormat>,
    output_path: Option<&Path>,
) -> Result<OutputFormat, Failure> {
    let format = match (format, output_path) {
        (Some(format), _) => format,
        (None, Some(path)) => {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            OutputFormat::from_extension(extension).ok_or_else(|| {
                Failure::UsageOrData(format!(
                    "actorgraph: error: {}: cannot tell the format from the extension; use .json, .dot, .graphml, .gexf, .svg, .png or .pdf, or --format (--format csv writes a folder)",
                    path.display()
                ))
            })?
        }
        (None, None) => OutputFormat::Export(Format::Dot),
    };
    if format == OutputFormat::Csv && output_path.is_none() {
        return Err(Failure::UsageOrData(
            "actorgraph: error: --format csv writes nodes.csv and edges.csv into a folder: give it with -o DIR".to_owned(),
        ));
    }
    if let (OutputFormat::Picture(_), None) = (format, output_path) {
        return Err(Failure::UsageOrData(
            "actorgraph: error: a picture is written to a file: give it with -o graph.svg, .png or .pdf".to_owned(),
        ));
    }
    Ok(format)
}

/// Writes the finished graph (its `top` most connected actors, if asked) in `format`.
pub(crate) fn write_graph(
    mut graph: ActorGraph,
    format: OutputFormat,
    output_path: Option<&Path>,
    top: Option<usize>,
) -> Result<(), Failure> {
    if let Some(n) = top {
        graph = graph.top(n);
        eprintln!(
            "actorgraph: kept the {} most connected actors and {} edges among them",
            graph.graph.node_count(),
            graph.graph.edge_count()
        );
    }
    match (format, output_path) {
        (OutputFormat::Export(format), path) => {
            output::write_to(path, |out| actorgraph_export::write(format, &graph, out))
        }
        (OutputFormat::Csv, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::Other(anyhow::anyhow!(
                    "{}: cannot create the folder: {e}",
                    dir.display()
                ))
            })?;
            output::write_to(Some(&dir.join("nodes.csv")), |out| {
                actorgraph_export::write_csv_nodes(&graph, out)
            })?;
            output::write_to(Some(&dir.join("edges.csv")), |out| {
                actorgraph_export::write_csv_edges(&graph, out)
            })
        }
        (OutputFormat::Picture(picture), Some(path)) => render(&graph, picture, path),
        (_, None) => unreachable!("resolve_format asks for a path"),
    }
}

/// What a run did, for its last line on standard error.
pub(crate) struct RunSummary<'a> {
    pub read: usize,
    pub skipped: &'a input::SkipTally,
    pub mentions: Option<u64>,
    /// Text read and time taken, for the speed.
    pub text: Option<(u64, Duration)>,
}

/// The last line of a run on standard error: "5 documents read, 0 skipped, 440 mentions, 47
/// nodes, 40 relation edges (... MB/s ...)".
pub(crate) fn report_graph(run: &RunSummary<'_>, graph: &ActorGraph) {
    let relation_edges = graph
        .edges()
        .filter(|e| e.kind != EdgeKind::AffiliatedWith)
        .count();
    let mentions = run
        .mentions
        .map_or(String::new(), |m| format!(", {m} mentions"));
    let speed = run.text.map_or(String::new(), |(bytes, elapsed)| {
        let seconds = elapsed.as_secs_f64().max(1e-9);
        format!(
            " ({:.1} MB of text in {seconds:.2} s: {:.1} MB/s, {:.0} documents/s)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / seconds,
            run.read as f64 / seconds
        )
    });
    eprintln!(
        "actorgraph: {} documents read, {}{mentions}, {} nodes, {relation_edges} relation edges{speed}",
        run.read,
        run.skipped,
        graph.graph.node_count()
    );
}

/// Renders the graph through Graphviz's `dot` into `path`, atomically: `dot` writes a temporary
/// file next to it, renamed over `path` only when `dot` succeeded.
fn render(graph: &ActorGraph, picture: Picture, path: &Path) -> Result<(), Failure> {
    let mut source = Vec::new();
    let drawn = graph.connected();
    if drawn.graph.node_count() < graph.graph.node_count() {
        eprintln!(
            "actorgraph: the picture leaves out {} actors without edges",
            graph.graph.node_count() - drawn.graph.node_count()
        );
    }
    actorgraph_export::write_dot_picture(&drawn, &mut source)?;
    output::replace_with(path, |temporary| {
        let child = Command::new("dot")
            .arg(picture.dot_flag())
            .arg("-o")
            .arg(temporary)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Failure::UsageOrData(format!(
                    "actorgraph: error: {}: drawing a picture needs Graphviz's `dot`, which is not installed. Install the graphviz package (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz), or write .dot and render it elsewhere",
                    path.display()
                )))
            }
            Err(e) => {
                return Err(Failure::Other(anyhow::anyhow!(
                    "{}: cannot run Graphviz's dot: {e}",
                    path.display()
                )))
            }
        };
        // dot reads all of its input before it writes, so feeding it first cannot deadlock.
        let fed = child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(&source);
        let result = child.wait_with_output()?;
        let messages = String::from_utf8_lossy(&result.stderr);
        if !result.status.success() || fed.is_err() {
            return Err(Failure::Other(anyhow::anyhow!(
                "{}: Graphviz's dot failed ({}): {}",
                path.display(),
                result.status,
                messages.trim()
            )));
        }
        for line in messages.lines().filter(|l| !l.trim().is_empty()) {
            eprintln!("actorgraph: dot: {line}");
        }
        Ok(())
    })
}

/// `actorgraph explain ACTOR [ACTOR] INPUT...`: every edge touching the actor (or joining the
/// two), with the sentences behind it.
pub(crate) fn explain(args: &GraphArgs<'_>, positional: &[String]) -> Result<(), Failure> {
    let pipeline = Pipeline::load(args.data, args.rules)?;
    let resolve = |name: &str| -> Option<String> {
        let gazetteer = &pipeline.gazetteer;
        if gazetteer.actor(name).is_some() {
            return Some(name.to_owned());
        }
        let folded = name.to_lowercase();
        gazetteer
            .actors()
            .iter()
            .find(|a| {
                a.label.to_lowercase() == folded
                    || a.names.iter().any(|n| n.to_lowercase() == folded)
            })
            .map(|a| a.id.to_string())
    };
    let Some(first) = positional.first() else {
        return Err(Failure::UsageOrData(
            "actorgraph: error: explain needs an actor and at least one input".to_owned(),
        ));
    };
    let first = resolve(first).ok_or_else(|| {
        Failure::UsageOrData(format!(
            "actorgraph: error: \"{first}\" is not an actor id or name in the data"
        ))
    })?;
    // A second actor, unless it names an input path.
    let (second, inputs) = match positional.get(1) {
        Some(candidate) if !Path::new(candidate).exists() && resolve(candidate).is_some() => {
            (resolve(candidate), &positional[2..])
        }
        _ => (None, &positional[1..]),
    };
    if inputs.is_empty() {
        return Err(Failure::UsageOrData(
            "actorgraph: error: explain needs at least one input".to_owned(),
        ));
    }
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    // Explaining a country gathers what its people and agencies did, unless told otherwise.
    let mut options = args.options;
    let is_country = |id: &str| {
        pipeline
            .gazetteer
            .actor(id)
            .is_some_and(|a| a.entity_type == actorgraph_core::EntityType::Country)
    };
    if options.rollup == Rollup::None
        && (is_country(&first) || second.as_deref().is_some_and(is_country))
    {
        options.rollup = Rollup::Country;
    }
    let graph = build_graph(&pipeline, &inputs, &args.read, args.threads, &options, None)?;
    output::write_to(None, |out| {
        write_explanation(&graph, &first, second.as_deref(), out)
    })
}

fn write_explanation(
    graph: &ActorGraph,
    first: &str,
    second: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let touches = |id: &str, edge: &actorgraph_graph::Edge| {
        edge.source.as_str() == id || edge.target.as_str() == id
    };
    let mut shown = 0;
    for edge in graph.edges() {
        if edge.kind == EdgeKind::AffiliatedWith
            || !touches(first, edge)
            || second.is_some_and(|s| !touches(s, edge))
        {
            continue;
        }
        shown += 1;
        let arrow = if edge.symmetric { "--" } else { "->" };
        writeln!(
            out,
            "{} {arrow}[{}]{arrow} {}   evidence {}, articles {}, confidence {:.2}",
            edge.source,
            edge.kind.as_str(),
            edge.target,
            edge.evidence_count,
            edge.article_count,
            edge.confidence
        )?;
        for e in &edge.evidence {
            let speaker = e
                .speaker
                .as_ref()
                .map_or(String::new(), |s| format!(", speaker {s}"));
            writeln!(
                out,
                "  {} sentence {} [{}..{}] {} -> {}, cue \"{}\", {}{speaker}, confidence {:.2}",
                e.doc,
                e.sentence,
                e.sentence_span.start,
                e.sentence_span.end,
                e.source,
                e.target,
                e.cue,
                e.modality.as_str(),
                e.confidence
            )?;
            writeln!(
                out,
                "    {}",
                e.text.split_whitespace().collect::<Vec<_>>().join(" ")
            )?;
        }
        writeln!(out)?;
    }
    if shown == 0 {
        writeln!(
            out,
            "no relation edges touch {first}{}",
            second.map_or(String::new(), |s| format!(" and {s}"))
        )?;
    }
    Ok(())
}
