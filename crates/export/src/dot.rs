//! Graphviz DOT, for looking at the graph: shape and fill per entity type, colour and arrowhead
//! per relation, pen width from the amount of evidence.
//!
//! `dot -Tsvg` must render it without a single message on stderr, so every id and string is
//! quoted and escaped, colours are `#rrggbb` (no colour-scheme names to look up) and no font is
//! named (a missing font is a warning).

use std::io::{self, Write};

use actorgraph_core::{EntityType, Relation};
use actorgraph_graph::{ActorGraph, Edge, EdgeKind, Node};

/// Graphviz rejects quoted strings over 16384 bytes (`dot-long-string` in the checker's samples);
/// longer ones are cut here, leaving room for the quotes and an ellipsis.
const MAX_STRING_BYTES: usize = 16_000;

/// The widest edge, reached at 16 pieces of evidence: beyond that, lines swamp the labels.
const MAX_PENWIDTH: f64 = 5.0;

/// Beyond this many nodes the layered `dot` layout takes minutes and draws a long thin band; the
/// force-directed `sfdp` lays out thousands of nodes in seconds.
const SFDP_NODES: usize = 300;

/// Writes `graph` as a DOT digraph.
pub fn write_dot(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    write_dot_with(graph, false, out)
}

/// Writes `graph` as DOT to be rendered into a picture: [`write_dot`] plus a legend of the
/// relation colours and entity shapes that appear. The legend is a node of its own, so it is kept
/// out of the DOT export, whose node count must match the other formats.
pub fn write_dot_picture(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    write_dot_with(graph, true, out)
}

fn write_dot_with(graph: &ActorGraph, legend: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "// actorgraph: {}.", crate::summary(graph))?;
    writeln!(out, "digraph actorgraph {{")?;
    // UTF-8 is Graphviz's default; it is stated because labels are in any script.
    if graph.graph.node_count() > SFDP_NODES {
        // "prism" removes node overlaps without the cost of routing splines around nodes.
        writeln!(
            out,
            "  graph [charset=\"UTF-8\", layout=\"sfdp\", overlap=\"prism\", outputorder=\"edgesfirst\"];"
        )?;
    } else {
        writeln!(out, "  graph [charset=\"UTF-8\", rankdir=\"LR\"];")?;
    }
    writeln!(out, "  node [fontsize=11];")?;
    writeln!(out, "  edge [fontsize=9];")?;
    writeln!(out)?;
    for node in graph.nodes() {
        write_node(node, out)?;
    }
    writeln!(out)?;
    for edge in graph.edges() {
        write_edge(edge, out)?;
    }
    if legend {
        writeln!(out)?;
        write_legend(graph, out)?;
    }
    writeln!(out, "}}")
}

/// One node holding a table: a row per relation drawn (its colour, line and arrowhead named in
/// words, since a table cell cannot draw an arrow) and per entity type drawn (its shape and fill).
fn write_legend(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let kinds: std::collections::BTreeSet<EdgeKind> = graph.edges().map(|e| e.kind).collect();
    let types: std::collections::BTreeSet<Option<EntityType>> =
        graph.nodes().map(|n| n.entity_type).collect();
    let mut rows = String::new();
    rows.push_str("<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for kind in &kinds {
        let look = edge_look(*kind);
        let ends = if kind.is_symmetric() {
            "no arrow".to_string()
        } else {
            format!("{} arrow", look.arrowhead)
        };
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{}\"> </TD><TD ALIGN=\"LEFT\"><FONT COLOR=\"{}\">{}</FONT> ({} line, {})</TD></TR>",
            look.color,
            look.color,
            kind.as_str().replace('_', " "),
            look.style,
            ends
        ));
    }
    for entity_type in &types {
        let look = node_look(*entity_type);
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{}\">{}</TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            look.fill,
            look.shape,
            entity_type
                .map_or("not in the data", EntityType::as_str)
                .replace('_', " ")
        ));
    }
    writeln!(
        out,
        "  \"actorgraph legend\" [shape=\"plaintext\", label=<<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\">{rows}</TABLE>>];"
    )
}

fn write_node(node: &Node, out: &mut dyn Write) -> io::Result<()> {
    let look = node_look(node.entity_type);
    writeln!(
        out,
        "  {} [label={}, shape=\"{}\", style=\"{}\", fillcolor=\"{}\", tooltip={}];",
        quote(node.id.as_str()),
        quote(&node.label),
        look.shape,
        look.style,
        look.fill,
        quote(&node_tooltip(node)),
    )
}

fn write_edge(edge: &Edge, out: &mut dyn Write) -> io::Result<()> {
    let look = edge_look(edge.kind);
    let label = match edge.kind {
        EdgeKind::AffiliatedWith => edge
            .role
            .as_deref()
            .unwrap_or("affiliated with")
            .to_string(),
        EdgeKind::Relation(_) if edge.evidence_count > 1 => {
            format!("{} ({})", edge.kind.as_str(), edge.evidence_count)
        }
        EdgeKind::Relation(_) => edge.kind.as_str().to_string(),
    };
    let penwidth = match edge.kind {
        EdgeKind::AffiliatedWith => 1.0,
        EdgeKind::Relation(_) => penwidth(edge.evidence_count),
    };
    write!(
        out,
        "  {} -> {} [label={}, tooltip={}, color=\"{}\", fontcolor=\"{}\", style=\"{}\", ",
        quote(edge.source.as_str()),
        quote(edge.target.as_str()),
        quote(&label),
        quote(&edge_tooltip(edge)),
        look.color,
        look.color,
        look.style,
    )?;
    if edge.symmetric {
        write!(out, "dir=\"none\", ")?;
    } else {
        write!(out, "arrowhead=\"{}\", ", look.arrowhead)?;
    }
    writeln!(out, "penwidth={penwidth:.2}];")
}

/// 1 for one piece of evidence, one more for every doubling, capped.
fn penwidth(evidence_count: u64) -> f64 {
    (1.0 + (evidence_count.max(1) as f64).log2()).min(MAX_PENWIDTH)
}

struct NodeLook {
    shape: &'static str,
    style: &'static str,
    fill: &'static str,
}

fn node_look(entity_type: Option<EntityType>) -> NodeLook {
    let (shape, fill) = match entity_type {
        Some(EntityType::Country) => ("ellipse", "#dbe9f6"),
        Some(EntityType::Person) => ("box", "#fde2c4"),
        Some(EntityType::Organization) => ("hexagon", "#d9f2d9"),
        Some(EntityType::ArmedGroup) => ("octagon", "#f4cccc"),
        Some(EntityType::Party) => ("house", "#e6dcf5"),
        Some(EntityType::Media) => ("note", "#f5f0c4"),
        // An actor the gazetteer does not know: drawn plain and dashed so it stands out.
        None => ("ellipse", "#ffffff"),
    };
    let style = if entity_type.is_some() {
        "filled"
    } else {
        "filled,dashed"
    };
    NodeLook { shape, style, fill }
}

struct EdgeLook {
    color: &'static str,
    style: &'static str,
    arrowhead: &'static str,
}

/// Friendly relations are green to teal, neutral ones blue and purple, hostile ones yellow through
/// orange and red to dark red. Colour is never the only cue: the edge label names the relation, and
/// arrowheads tell the directed relations apart (a `tee` for opposes, a `vee` for threatens).
fn edge_look(kind: EdgeKind) -> EdgeLook {
    let (color, style, arrowhead) = match kind {
        EdgeKind::Relation(relation) => match relation {
            Relation::Ally => ("#1a9850", "bold", "none"),
            Relation::Cooperates => ("#17becf", "solid", "none"),
            Relation::Supports => ("#66a61e", "solid", "normal"),
            Relation::Meets => ("#1f77b4", "dashed", "none"),
            Relation::Mediates => ("#9467bd", "dashed", "odiamond"),
            Relation::Competes => ("#e6ab02", "solid", "none"),
            Relation::Opposes => ("#d62728", "solid", "tee"),
            Relation::Threatens => ("#ff7f0e", "solid", "vee"),
            Relation::Attacks => ("#7f0000", "bold", "normal"),
        },
        EdgeKind::AffiliatedWith => ("#7f7f7f", "dashed", "empty"),
    };
    EdgeLook {
        color,
        style,
        arrowhead,
    }
}

fn node_tooltip(node: &Node) -> String {
    let mut parts: Vec<String> = vec![node
        .entity_type
        .map_or("actor", EntityType::as_str)
        .to_string()];
    parts.extend(node.role.clone());
    if let Some(affiliation) = &node.affiliation {
        parts.push(format!("for {affiliation}"));
    }
    parts.push(format!(
        "{} in {}",
        count(node.mention_count, "mention", "mentions"),
        count(node.article_count, "article", "articles")
    ));
    parts.extend(date_range(
        node.first_date.as_deref(),
        node.last_date.as_deref(),
    ));
    parts.join(" · ")
}

fn edge_tooltip(edge: &Edge) -> String {
    let mut parts = vec![edge.kind.as_str().to_string()];
    parts.extend(edge.role.clone());
    if let EdgeKind::Relation(_) = edge.kind {
        parts.push(format!(
            "{} from {}",
            count(edge.evidence_count, "statement", "statements"),
            count(edge.article_count, "article", "articles")
        ));
        parts.push(format!("confidence {:.2}", edge.confidence));
    }
    parts.extend(date_range(
        edge.first_date.as_deref(),
        edge.last_date.as_deref(),
    ));
    parts.join(" · ")
}

fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn date_range(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (Some(first), Some(last)) if first != last => Some(format!("{first} to {last}")),
        (Some(date), _) | (None, Some(date)) => Some(date.to_string()),
        (None, None) => None,
    }
}

/// `text` as a DOT double-quoted string (an escString where Graphviz expands escapes).
///
/// `"` and `\` are escaped, so a backslash in a name stays a backslash rather than starting an
/// escape such as `\n` or `\N`. Line breaks become `\n`, Graphviz's centred line break. Other
/// control characters become spaces: Graphviz has no escape for them and the checker rejects the
/// bytes.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    let mut chars = text.chars().peekable();
    let mut buffer = [0; 4];
    while let Some(c) = chars.next() {
        let piece: &str = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\r' => {
                // "\r\n" is one line break.
                chars.next_if_eq(&'\n');
                "\\n"
            }
            '\n' => "\\n",
            c if c.is_control() => " ",
            c => c.encode_utf8(&mut buffer),
        };
        if quoted.len() + piece.len() > MAX_STRING_BYTES {
            quoted.push('…');
            break;
        }
        quoted.push_str(piece);
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_and_breaks_lines() {
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"C:\new"), r#""C:\\new""#);
        assert_eq!(quote("a\r\nb\rc\nd"), r#""a\nb\nc\nd""#);
        assert_eq!(quote("bell\u{7}tab\t"), r#""bell tab ""#);
        assert_eq!(quote("Леван — Джагарян"), "\"Леван — Джагарян\"");
    }

    #[test]
    fn quote_cuts_long_strings_between_escapes() {
        let quoted = quote(&"\\".repeat(20_000));
        assert!(quoted.len() <= MAX_STRING_BYTES + "…\"".len());
        // An even run of backslashes: the closing quote is not escaped.
        assert!(quoted.ends_with("\\\\…\""));
        assert_eq!(quoted.matches('\\').count() % 2, 0);
    }

    #[test]
    fn penwidth_grows_with_doublings_and_stops() {
        assert_eq!(penwidth(0), 1.0);
        assert_eq!(penwidth(1), 1.0);
        assert_eq!(penwidth(4), 3.0);
        assert_eq!(penwidth(1000), MAX_PENWIDTH);
    }
}
