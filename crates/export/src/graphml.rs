//! GraphML for Gephi, networkx and igraph: typed keys, one `<data>` per present value, no evidence.
//!
//! The rules come from `shared/tools/README.md`: every key has `for`, `attr.name` and `attr.type`;
//! `label` and `weight` are lower case (Gephi matches them case-sensitively); no key is named `id`,
//! `type` or after a Gephi visual property; absent values are left out rather than written empty
//! (networkx would read "" and igraph NaN); doubles are plain decimals; all nodes come before the
//! edges. Parallel edges (two relations on one node pair) are kept: the checker warns about them
//! because Gephi merges them on import unless told not to.

use std::io::{self, Write};

use actorgraph_graph::{ActorGraph, Edge, Node};
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::fixed4;

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// A `<key>` declaration. The id is what `<data key=..>` refers to; it differs from the name only
/// where a node and an edge attribute share a name, since key ids are unique in the document.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
}

const fn key(
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    kind: &'static str,
) -> Key {
    Key {
        id,
        domain,
        name,
        kind,
    }
}

const KEYS: [Key; 20] = [
    key("label", "node", "label", "string"),
    key("entity_type", "node", "entity_type", "string"),
    key("country", "node", "country", "string"),
    key("affiliation", "node", "affiliation", "string"),
    key("role", "node", "role", "string"),
    key("mention_count", "node", "mention_count", "long"),
    key("article_count", "node", "article_count", "long"),
    key("aliases", "node", "aliases", "string"),
    key("first_date", "node", "first_date", "string"),
    key("last_date", "node", "last_date", "string"),
    key("relation", "edge", "relation", "string"),
    key("weight", "edge", "weight", "double"),
    key("confidence", "edge", "confidence", "double"),
    key("evidence_count", "edge", "evidence_count", "long"),
    key("e_article_count", "edge", "article_count", "long"),
    key("sign", "edge", "sign", "int"),
    key("symmetric", "edge", "symmetric", "boolean"),
    key("e_role", "edge", "role", "string"),
    key("e_first_date", "edge", "first_date", "string"),
    key("e_last_date", "edge", "last_date", "string"),
];

/// Writes `graph` as a GraphML document with a trailing newline.
pub fn write_graphml(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut xml = Writer::new_with_indent(&mut *out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let comment = format!(
        " actorgraph: {}. Evidence is in the JSON export. ",
        crate::summary(graph)
    );
    xml.write_event(Event::Comment(BytesText::from_escaped(comment)))?;
    xml.create_element("graphml")
        .with_attribute(("xmlns", GRAPHML_NS))
        .new_line()
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .new_line()
        .with_attribute(("xsi:schemaLocation", SCHEMA_LOCATION))
        .write_inner_content(|xml| {
            for key in &KEYS {
                xml.create_element("key")
                    .with_attributes([
                        ("id", key.id),
                        ("for", key.domain),
                        ("attr.name", key.name),
                        ("attr.type", key.kind),
                    ])
                    .write_empty()?;
            }
            xml.create_element("graph")
                .with_attributes([("id", "actorgraph"), ("edgedefault", "directed")])
                .write_inner_content(|xml| {
                    for node in graph.nodes() {
                        write_node(xml, node)?;
                    }
                    for (index, edge) in graph.edges().enumerate() {
                        write_edge(xml, &format!("e{index}"), edge)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    xml.into_inner().write_all(b"\n")
}

fn write_node<W: Write>(xml: &mut Writer<W>, node: &Node) -> io::Result<()> {
    xml.write_event(Event::Start(
        BytesStart::new("node").with_attributes([("id", node.id.as_str())]),
    ))?;
    data(xml, "label", Some(&node.label))?;
    data(xml, "entity_type", node.entity_type.map(|t| t.as_str()))?;
    data(xml, "country", node.country.as_ref().map(|c| c.as_str()))?;
    data(
        xml,
        "affiliation",
        node.affiliation.as_ref().map(|a| a.as_str()),
    )?;
    data(xml, "role", node.role.as_deref())?;
    data(xml, "mention_count", Some(&node.mention_count.to_string()))?;
    data(xml, "article_count", Some(&node.article_count.to_string()))?;
    let aliases = node.aliases.join("; ");
    data(
        xml,
        "aliases",
        Some(aliases.as_str()).filter(|a| !a.is_empty()),
    )?;
    data(xml, "first_date", node.first_date.as_deref())?;
    data(xml, "last_date", node.last_date.as_deref())?;
    xml.write_event(Event::End(BytesEnd::new("node")))
}

fn write_edge<W: Write>(xml: &mut Writer<W>, id: &str, edge: &Edge) -> io::Result<()> {
    xml.write_event(Event::Start(BytesStart::new("edge").with_attributes([
        ("id", id),
        ("source", edge.source.as_str()),
        ("target", edge.target.as_str()),
    ])))?;
    data(xml, "relation", Some(edge.kind.as_str()))?;
    data(xml, "weight", finite(edge.weight).as_deref())?;
    data(xml, "confidence", finite(edge.confidence).as_deref())?;
    data(
        xml,
        "evidence_count",
        Some(&edge.evidence_count.to_string()),
    )?;
    data(
        xml,
        "e_article_count",
        Some(&edge.article_count.to_string()),
    )?;
    data(xml, "sign", Some(&edge.sign.to_string()))?;
    data(
        xml,
        "symmetric",
        Some(if edge.symmetric { "true" } else { "false" }),
    )?;
    data(xml, "e_role", edge.role.as_deref())?;
    data(xml, "e_first_date", edge.first_date.as_deref())?;
    data(xml, "e_last_date", edge.last_date.as_deref())?;
    xml.write_event(Event::End(BytesEnd::new("edge")))
}

/// A double as GraphML readers all parse it; NaN and infinities have no portable spelling, so they
/// count as absent.
fn finite(x: f64) -> Option<String> {
    x.is_finite().then(|| fixed4(x))
}

/// `<data key="key">value</data>`, or nothing when the value is absent or empty.
fn data<W: Write>(xml: &mut Writer<W>, key: &str, value: Option<&str>) -> io::Result<()> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    debug_assert!(KEYS.iter().any(|k| k.id == key), "undeclared key {key}");
    xml.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::from_escaped(escape_text(value)))?;
    Ok(())
}

/// Escapes text content. Quotes need no escaping there, so names stay readable; a carriage return
/// is written as a reference because a parser would turn a literal one into a line feed; and
/// characters XML 1.0 forbids outright (most control characters) become U+FFFD, as the document
/// would not be well-formed with them.
fn escape_text(value: &str) -> String {
    let escaped = partial_escape(value);
    let mut text = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        match c {
            '\r' => text.push_str("&#13;"),
            '\t' | '\n' => text.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => text.push('\u{FFFD}'),
            c => text.push(c),
        }
    }
    text
}
