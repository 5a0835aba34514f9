//! Writes an [`ActorGraph`] as networkx node-link JSON, Graphviz DOT, GraphML or GEXF, as the
//! export contract in `shared/design/ONTOLOGY.md` and the checker in `shared/tools/` define them,
//! and as a pair of CSV tables (nodes and edges) for Gephi's spreadsheet import and Neo4j.
//!
//! Every writer is a pure function of the graph: nodes come out in id order and edges in
//! (source, target, relation) order, and floats are rounded to four decimals, so the same graph
//! always gives the same bytes. Nodes and edges are named by actor id, never by petgraph index.

use std::io::{self, Write};

use actorgraph_graph::ActorGraph;

mod csv;
mod dot;
mod gexf;
mod graphml;
mod json;

pub use self::csv::{write_csv_edges, write_csv_nodes};
pub use dot::{write_dot, write_dot_picture};
pub use gexf::write_gexf;
pub use graphml::write_graphml;
pub use json::write_json;

/// The single-file export formats, as chosen by a file extension.
///
/// CSV is not among them: it is two files (nodes and edges), written by [`write_csv_nodes`] and
/// [`write_csv_edges`], so no one extension names it and [`write`] cannot produce it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// networkx node-link JSON, with the evidence behind every edge.
    Json,
    /// Graphviz DOT, styled for reading.
    Dot,
    /// GraphML for Gephi, networkx and igraph, without evidence.
    Graphml,
    /// GEXF 1.3 for Gephi, dynamic over the graph's dates, without evidence.
    Gexf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Json, Format::Dot, Format::Graphml, Format::Gexf];

    /// The format for a file extension (without the dot, any case): `json`, `dot` or `gv`,
    /// `graphml`, `gexf`. `csv` is none: see [`Format`].
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "dot" | "gv" => Some(Format::Dot),
            "graphml" => Some(Format::Graphml),
            "gexf" => Some(Format::Gexf),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
        }
    }
}

/// Writes `graph` to `out` in `format`.
pub fn write(format: Format, graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(graph, out),
        Format::Dot => write_dot(graph, out),
        Format::Graphml => write_graphml(graph, out),
        Format::Gexf => write_gexf(graph, out),
    }
}

/// "45 actors, 73 edges from 5 documents", in the right number, for file headers.
fn summary(graph: &ActorGraph) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} from {}",
        plural(graph.graph.node_count() as u64, "actor", "actors"),
        plural(graph.graph.edge_count() as u64, "edge", "edges"),
        plural(graph.document_count, "document", "documents"),
    )
}

/// `x` rounded to four decimals: the last bits of a sum or product of confidences say nothing, and
/// printing them would make the output differ on noise.
fn round4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let rounded: f64 = format!("{x:.4}").parse().unwrap_or(x);
    // -0.0 would print as "-0.0".
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

/// `x` as a plain decimal with four places: never an exponent, which some GraphML readers reject.
fn fixed4(x: f64) -> String {
    format!("{:.4}", round4(x))
}
