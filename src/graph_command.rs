//! `actorgraph build` and `actorgraph explain`: documents to an actor graph.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use actorgraph_export::Format;
use actorgraph_graph::{ActorGraph, EdgeKind, GraphBuilder, GraphOptions, Rollup};

use crate::{
    input, output,
    pipeline::{Catalog, Pipeline},
    Failure,
};

/// Options shared by the commands that build a graph.
#[derive(Clone, Debug)]
pub(crate) struct GraphArgs<'a> {
    pub data: Option<&'a Path>,
    pub rules: Option<&'a Path>,
    pub options: GraphOptions,
}

/// Reads every input and merges their extracts into one graph.
fn build_graph(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    options: &GraphOptions,
    output: Option<&Path>,
) -> Result<ActorGraph, Failure> {
    let sources = input::expand(inputs)?;
    if let Some(output) = output {
        input::refuse_output_among_inputs(output, &sources)?;
    }
    let mut builder = GraphBuilder::new();
    let (mut read, mut skipped) = (0usize, 0usize);
    for source in &sources {
        match input::read(source) {
            Ok(document) => {
                read += 1;
                builder.add(pipeline.extract(&document));
            }
            Err(reason) => {
                eprintln!("actorgraph: skipped {source}: {reason}");
                skipped += 1;
            }
        }
    }
    let graph = builder.finish(&Catalog(&pipeline.gazetteer), options);
    let relation_edges = graph
        .edges()
        .filter(|e| e.kind != EdgeKind::AffiliatedWith)
        .count();
    eprintln!(
        "actorgraph: {read} documents read, {skipped} skipped, {} nodes, {relation_edges} relation edges",
        graph.graph.node_count()
    );
    Ok(graph)
}

/// `actorgraph build INPUT... [-o FILE] [--format F]`.
pub(crate) fn build(
    args: &GraphArgs<'_>,
    inputs: &[PathBuf],
    output_path: Option<&Path>,
    format: Option<Format>,
) -> Result<(), Failure> {
    let format = match (format, output_path) {
        (Some(format), _) => format,
        (None, Some(path)) => {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            Format::from_extension(extension).ok_or_else(|| {
                Failure::UsageOrData(format!(
                    "actorgraph: error: {}: cannot tell the format from the extension; use .json, .dot or .graphml, or --format",
                    path.display()
                ))
            })?
        }
        (None, None) => Format::Dot,
    };
    let pipeline = Pipeline::load(args.data, args.rules)?;
    let graph = build_graph(&pipeline, inputs, &args.options, output_path)?;
    output::write_to(output_path, |out| {
        actorgraph_export::write(format, &graph, out)
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
    let graph = build_graph(&pipeline, &inputs, &options, None)?;
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
