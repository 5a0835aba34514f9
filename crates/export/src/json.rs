//! networkx node-link JSON: every node and edge attribute, and the evidence behind every edge.
//!
//! `networkx.node_link_graph(data, edges="edges")` loads it as a `MultiDiGraph` whose edge keys are
//! relation names, which are unique per node pair because the graph has one edge per
//! (source, target, relation).

use std::io::{self, Write};

use actorgraph_core::{ActorId, EntityType, Evidence, Modality, Span};
use actorgraph_graph::{ActorGraph, Edge, Node};
use serde::Serialize;

use crate::round4;

/// Writes `graph` as pretty-printed node-link JSON with a trailing newline.
pub fn write_json(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let data = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphAttributes {
            name: "actorgraph",
            document_count: graph.document_count,
            node_count: graph.graph.node_count(),
            edge_count: graph.graph.edge_count(),
        },
        nodes: graph.nodes().map(JsonNode::from).collect(),
        edges: graph.edges().map(JsonEdge::from).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &data)?;
    out.write_all(b"\n")
}

// Field order is output order: keep it as the contract lists the fields.

#[derive(Serialize)]
struct NodeLink<'g> {
    directed: bool,
    multigraph: bool,
    graph: GraphAttributes,
    nodes: Vec<JsonNode<'g>>,
    edges: Vec<JsonEdge<'g>>,
}

#[derive(Serialize)]
struct GraphAttributes {
    name: &'static str,
    document_count: u64,
    node_count: usize,
    edge_count: usize,
}

#[derive(Serialize)]
struct JsonNode<'g> {
    id: &'g ActorId,
    label: &'g str,
    entity_type: Option<EntityType>,
    country: Option<&'g ActorId>,
    affiliation: Option<&'g ActorId>,
    role: Option<&'g str>,
    mention_count: u64,
    article_count: u64,
    aliases: &'g [String],
    first_date: Option<&'g str>,
    last_date: Option<&'g str>,
}

impl<'g> From<&'g Node> for JsonNode<'g> {
    fn from(node: &'g Node) -> JsonNode<'g> {
        JsonNode {
            id: &node.id,
            label: &node.label,
            entity_type: node.entity_type,
            country: node.country.as_ref(),
            affiliation: node.affiliation.as_ref(),
            role: node.role.as_deref(),
            mention_count: node.mention_count,
            article_count: node.article_count,
            aliases: &node.aliases,
            first_date: node.first_date.as_deref(),
            last_date: node.last_date.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct JsonEdge<'g> {
    source: &'g ActorId,
    target: &'g ActorId,
    key: &'static str,
    relation: &'static str,
    weight: f64,
    confidence: f64,
    evidence_count: u64,
    article_count: u64,
    sign: i8,
    symmetric: bool,
    first_date: Option<&'g str>,
    last_date: Option<&'g str>,
    role: Option<&'g str>,
    evidence: Vec<JsonEvidence<'g>>,
}

impl<'g> From<&'g Edge> for JsonEdge<'g> {
    fn from(edge: &'g Edge) -> JsonEdge<'g> {
        JsonEdge {
            source: &edge.source,
            target: &edge.target,
            key: edge.kind.as_str(),
            relation: edge.kind.as_str(),
            weight: round4(edge.weight),
            confidence: round4(edge.confidence),
            evidence_count: edge.evidence_count,
            article_count: edge.article_count,
            sign: edge.sign,
            symmetric: edge.symmetric,
            first_date: edge.first_date.as_deref(),
            last_date: edge.last_date.as_deref(),
            role: edge.role.as_deref(),
            evidence: edge.evidence.iter().map(JsonEvidence::from).collect(),
        }
    }
}

/// One piece of evidence. `start`/`end` are the sentence's byte span in the document, so
/// `document[start..end] == text`; the other spans are byte spans in the document too.
#[derive(Serialize)]
struct JsonEvidence<'g> {
    doc: &'g str,
    date: Option<&'g str>,
    sentence: usize,
    start: usize,
    end: usize,
    text: &'g str,
    source: &'g ActorId,
    target: &'g ActorId,
    source_span: [usize; 2],
    target_span: [usize; 2],
    cue: &'g str,
    cue_span: [usize; 2],
    modality: Modality,
    speaker: Option<&'g ActorId>,
    confidence: f64,
}

impl<'g> From<&'g Evidence> for JsonEvidence<'g> {
    fn from(evidence: &'g Evidence) -> JsonEvidence<'g> {
        JsonEvidence {
            doc: &evidence.doc,
            date: evidence.date.as_deref(),
            sentence: evidence.sentence,
            start: evidence.sentence_span.start,
            end: evidence.sentence_span.end,
            text: &evidence.text,
            source: &evidence.source,
            target: &evidence.target,
            source_span: pair(evidence.source_span),
            target_span: pair(evidence.target_span),
            cue: &evidence.cue,
            cue_span: pair(evidence.cue_span),
            modality: evidence.modality,
            speaker: evidence.speaker.as_ref(),
            confidence: round4(evidence.confidence),
        }
    }
}

fn pair(span: Span) -> [usize; 2] {
    [span.start, span.end]
}
