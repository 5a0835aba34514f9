//! CSV node and edge tables, for Gephi's spreadsheet import and Neo4j's `LOAD CSV WITH HEADERS`.
//!
//! Two files make one export: `nodes.csv` and `edges.csv`. The columns Gephi's import looks for
//! keep its capitalised names (`Id`, `Label`; `Source`, `Target`, `Type`, `Id`, `Label`, `Kind`,
//! `Weight`); the rest are named as in the other formats. Edge ids are the `e{index}` of GraphML
//! and GEXF, so rows can be matched across formats. An absent value is an empty field, never a
//! placeholder such as `null` or `NaN` that a reader would take for text. Quoting is RFC 4180: a
//! field with a comma, a quote or a line break is quoted, and quotes in it are doubled.
//!
//! Records end in `\n` rather than RFC 4180's `\r\n`. Python's `csv` module, Gephi and Neo4j all
//! accept either; `\n` is what Unix tools and diffs expect, and it keeps a carriage return that is
//! part of a name apart from the record ends. No byte-order mark is written.
//!
//! A caveat for Neo4j: with its default `dbms.import.csv.legacy_quote_escaping=true`, a backslash
//! right before a quote inside a quoted field is read as an escape. Names with a backslash
//! followed by a quote character are rare enough that the standard quoting is kept.

use std::io::{self, Write};

use actorgraph_graph::ActorGraph;

use crate::fixed4;

const NODE_HEADER: [&str; 11] = [
    "Id",
    "Label",
    "entity_type",
    "country",
    "affiliation",
    "role",
    "mention_count",
    "article_count",
    "aliases",
    "first_date",
    "last_date",
];

const EDGE_HEADER: [&str; 16] = [
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "Kind",
    "Weight",
    "relation",
    "confidence",
    "evidence_count",
    "article_count",
    "sign",
    "symmetric",
    "role",
    "first_date",
    "last_date",
];

/// Writes the nodes of `graph` as CSV with a header row, one row per node in id order.
pub fn write_csv_nodes(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record(NODE_HEADER).map_err(into_io)?;
    for node in graph.nodes() {
        let mention_count = node.mention_count.to_string();
        let article_count = node.article_count.to_string();
        let aliases = node.aliases.join("; ");
        let record: [&str; NODE_HEADER.len()] = [
            node.id.as_str(),
            &node.label,
            node.entity_type.map_or("", |t| t.as_str()),
            node.country.as_ref().map_or("", |c| c.as_str()),
            node.affiliation.as_ref().map_or("", |a| a.as_str()),
            node.role.as_deref().unwrap_or(""),
            &mention_count,
            &article_count,
            &aliases,
            node.first_date.as_deref().unwrap_or(""),
            node.last_date.as_deref().unwrap_or(""),
        ];
        csv.write_record(record).map_err(into_io)?;
    }
    csv.flush()
}

/// Writes the edges of `graph` as CSV with a header row, one row per edge in the order of
/// [`ActorGraph::edges`], with ids `e0`, `e1`, ...
pub fn write_csv_edges(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record(EDGE_HEADER).map_err(into_io)?;
    for (index, edge) in graph.edges().enumerate() {
        let id = format!("e{index}");
        let relation = edge.kind.as_str();
        let weight = finite(edge.weight);
        let confidence = finite(edge.confidence);
        let evidence_count = edge.evidence_count.to_string();
        let article_count = edge.article_count.to_string();
        let sign = edge.sign.to_string();
        let record: [&str; EDGE_HEADER.len()] = [
            edge.source.as_str(),
            edge.target.as_str(),
            // Gephi makes a symmetric relation one undirected edge (Neo4j ignores the column).
            if edge.symmetric {
                "Undirected"
            } else {
                "Directed"
            },
            &id,
            relation,
            relation,
            &weight,
            relation,
            &confidence,
            &evidence_count,
            &article_count,
            &sign,
            if edge.symmetric { "true" } else { "false" },
            edge.role.as_deref().unwrap_or(""),
            edge.first_date.as_deref().unwrap_or(""),
            edge.last_date.as_deref().unwrap_or(""),
        ];
        csv.write_record(record).map_err(into_io)?;
    }
    csv.flush()
}

fn writer(out: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// A double as a plain decimal, or an empty field for NaN and infinities.
fn finite(x: f64) -> String {
    if x.is_finite() {
        fixed4(x)
    } else {
        String::new()
    }
}

/// The I/O error inside a CSV error, as it was (writing fails on nothing else).
fn into_io(error: ::csv::Error) -> io::Error {
    if !error.is_io_error() {
        return io::Error::other(error);
    }
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        kind => io::Error::other(format!("{kind:?}")),
    }
}
