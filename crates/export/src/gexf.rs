//! GEXF 1.3 for Gephi, which also loads into networkx: a dynamic graph whose nodes and edges live
//! from their first to their last dated mention, so Gephi's timeline can play the graph through
//! time.
//!
//! What the readers need, and what is written for them:
//! - The namespace is `http://gexf.net/1.3` (no `www.`), and `viz:` elements are in
//!   `http://gexf.net/1.3/viz`; networkx ignores viz data in any other namespace.
//! - Times need a `timeformat`: without one networkx fails on `start`/`end`. Dates are written
//!   only where they are real `YYYY-MM-DD` dates, since the schema and Gephi parse them as dates.
//! - Attributes are declared with a type networkx knows (it reads only integer, long, float,
//!   double, boolean, string, liststring and anyURI) and none is called `id` or `label`, which
//!   would collide with Gephi's own columns. An absent value has no `attvalue` rather than an
//!   empty one.
//! - Every edge has its own id and a `kind` naming its relation, so Gephi keeps two relations
//!   between the same pair as two edges instead of merging them.
//! - `viz:color` has `r`, `g` and `b`: networkx fails on a colour given only as `hex`.
//! - No wall-clock time is written, so the same graph always gives the same bytes.

use std::io::{self, Write};

use actorgraph_core::{EntityType, Relation};
use actorgraph_graph::{ActorGraph, Edge, EdgeKind, Node};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::fixed4;

const GEXF_NS: &str = "http://gexf.net/1.3";
const VIZ_NS: &str = "http://gexf.net/1.3/viz";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// The largest `viz:size`, reached at 511 mentions: beyond that, big nodes hide their neighbours.
const MAX_SIZE: f64 = 40.0;

/// Node attribute declarations: (id and title, type). Counts are `long` because they are u64.
const NODE_ATTRIBUTES: [(&str, &str); 9] = [
    ("entity_type", "string"),
    ("country", "string"),
    ("affiliation", "string"),
    ("role", "string"),
    ("mention_count", "long"),
    ("article_count", "long"),
    ("aliases", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
];

/// Edge attribute declarations. GEXF gives node and edge attributes separate id spaces, so
/// `article_count` and the others can share their names with the node attributes.
const EDGE_ATTRIBUTES: [(&str, &str); 9] = [
    ("relation", "string"),
    ("confidence", "double"),
    ("evidence_count", "long"),
    ("article_count", "long"),
    ("sign", "integer"),
    ("symmetric", "boolean"),
    ("role", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
];

/// Writes `graph` as a GEXF 1.3 document with a trailing newline.
pub fn write_gexf(graph: &ActorGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut xml = Writer::new_with_indent(&mut *out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("gexf")
        .with_attribute(("xmlns", GEXF_NS))
        .new_line()
        .with_attribute(("xmlns:viz", VIZ_NS))
        .new_line()
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .new_line()
        .with_attribute(("xsi:schemaLocation", SCHEMA_LOCATION))
        .new_line()
        .with_attribute(("version", "1.3"))
        .write_inner_content(|xml| {
            write_meta(xml, graph)?;
            xml.create_element("graph")
                .with_attributes([
                    ("defaultedgetype", "directed"),
                    ("mode", "dynamic"),
                    ("timeformat", "date"),
                    ("idtype", "string"),
                ])
                .write_inner_content(|xml| {
                    declare(xml, "node", &NODE_ATTRIBUTES)?;
                    declare(xml, "edge", &EDGE_ATTRIBUTES)?;
                    xml.create_element("nodes")
                        .with_attribute(("count", graph.graph.node_count().to_string().as_str()))
                        .write_inner_content(|xml| {
                            graph.nodes().try_for_each(|node| write_node(xml, node))
                        })?;
                    xml.create_element("edges")
                        .with_attribute(("count", graph.graph.edge_count().to_string().as_str()))
                        .write_inner_content(|xml| {
                            graph
                                .edges()
                                .enumerate()
                                .try_for_each(|(index, edge)| write_edge(xml, index, edge))
                        })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    xml.into_inner().write_all(b"\n")
}

/// `<meta>`: who wrote the file and what is in it. `lastmodifieddate` is the latest date the graph
/// has seen, not the time of writing, so the output stays a function of the graph; a graph with
/// no dates gets none.
fn write_meta<W: Write>(xml: &mut Writer<W>, graph: &ActorGraph) -> io::Result<()> {
    let latest = graph
        .nodes()
        .filter_map(|node| iso_date(node.last_date.as_deref()))
        .max();
    let mut meta = xml.create_element("meta");
    if let Some(date) = latest {
        meta = meta.with_attribute(("lastmodifieddate", date));
    }
    let description = format!(
        "Political actors and their relations, from news articles: {}.",
        crate::summary(graph)
    );
    meta.write_inner_content(|xml| {
        xml.create_element("creator")
            .write_text_content(BytesText::from_escaped(escape("actorgraph")))?;
        xml.create_element("description")
            .write_text_content(BytesText::from_escaped(escape(&description)))?;
        Ok(())
    })?;
    Ok(())
}

fn declare<W: Write>(
    xml: &mut Writer<W>,
    class: &str,
    attributes: &[(&str, &str)],
) -> io::Result<()> {
    xml.create_element("attributes")
        .with_attributes([("class", class), ("mode", "static")])
        .write_inner_content(|xml| {
            for &(id, kind) in attributes {
                xml.create_element("attribute")
                    .with_attributes([("id", id), ("title", id), ("type", kind)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn write_node<W: Write>(xml: &mut Writer<W>, node: &Node) -> io::Result<()> {
    let id = escape(node.id.as_str());
    let label = escape(&node.label);
    let mut element = xml
        .create_element("node")
        .with_attribute(raw("id", &id))
        .with_attribute(raw("label", &label));
    if let Some(start) = iso_date(node.first_date.as_deref()) {
        element = element.with_attribute(("start", start));
    }
    if let Some(end) = iso_date(node.last_date.as_deref()) {
        element = element.with_attribute(("end", end));
    }
    let aliases = node.aliases.join("; ");
    let values = [
        (
            "entity_type",
            node.entity_type.map(|t| t.as_str().to_string()),
        ),
        (
            "country",
            node.country.as_ref().map(|c| c.as_str().to_string()),
        ),
        (
            "affiliation",
            node.affiliation.as_ref().map(|a| a.as_str().to_string()),
        ),
        ("role", node.role.clone()),
        ("mention_count", Some(node.mention_count.to_string())),
        ("article_count", Some(node.article_count.to_string())),
        ("aliases", Some(aliases)),
        ("first_date", node.first_date.clone()),
        ("last_date", node.last_date.clone()),
    ];
    let (r, g, b) = rgb(node_color(node.entity_type));
    element.write_inner_content(|xml| {
        write_attvalues(xml, &NODE_ATTRIBUTES, &values)?;
        write_color(xml, r, g, b)?;
        xml.create_element("viz:size")
            .with_attribute(("value", format!("{:.2}", size(node.mention_count)).as_str()))
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

fn write_edge<W: Write>(xml: &mut Writer<W>, index: usize, edge: &Edge) -> io::Result<()> {
    let id = format!("e{index}");
    let source = escape(edge.source.as_str());
    let target = escape(edge.target.as_str());
    let relation = edge.kind.as_str();
    // No `type` attribute, even on symmetric relations: networkx.read_gexf raises on an
    // `undirected` edge in a directed graph, and `mutual` would make it two edges there. A
    // symmetric relation is one edge (source < target) with the `symmetric` attribute set instead.
    let mut element = xml
        .create_element("edge")
        .with_attribute(("id", id.as_str()))
        .with_attribute(raw("source", &source))
        .with_attribute(raw("target", &target))
        .with_attribute(("kind", relation))
        .with_attribute(("label", relation));
    let weight = finite(edge.weight);
    if let Some(weight) = &weight {
        element = element.with_attribute(("weight", weight.as_str()));
    }
    if let Some(start) = iso_date(edge.first_date.as_deref()) {
        element = element.with_attribute(("start", start));
    }
    if let Some(end) = iso_date(edge.last_date.as_deref()) {
        element = element.with_attribute(("end", end));
    }
    let values = [
        ("relation", Some(relation.to_string())),
        ("confidence", finite(edge.confidence)),
        ("evidence_count", Some(edge.evidence_count.to_string())),
        ("article_count", Some(edge.article_count.to_string())),
        ("sign", Some(edge.sign.to_string())),
        ("symmetric", Some(edge.symmetric.to_string())),
        ("role", edge.role.clone()),
        ("first_date", edge.first_date.clone()),
        ("last_date", edge.last_date.clone()),
    ];
    let (r, g, b) = rgb(edge_color(edge.kind));
    element.write_inner_content(|xml| {
        write_attvalues(xml, &EDGE_ATTRIBUTES, &values)?;
        write_color(xml, r, g, b)
    })?;
    Ok(())
}

/// `<attvalues>` with one `<attvalue>` per present, non-empty value. `values` follows the order of
/// `declared`, which the debug assertion checks.
fn write_attvalues<W: Write>(
    xml: &mut Writer<W>,
    declared: &[(&str, &str)],
    values: &[(&str, Option<String>)],
) -> io::Result<()> {
    debug_assert!(declared.iter().map(|d| d.0).eq(values.iter().map(|v| v.0)));
    xml.create_element("attvalues").write_inner_content(|xml| {
        for (id, value) in values {
            let Some(value) = value.as_deref().filter(|v| !v.is_empty()) else {
                continue;
            };
            let value = escape(value);
            xml.create_element("attvalue")
                .with_attribute(("for", *id))
                .with_attribute(raw("value", &value))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write_color<W: Write>(xml: &mut Writer<W>, r: u8, g: u8, b: u8) -> io::Result<()> {
    xml.create_element("viz:color")
        .with_attribute(("r", r.to_string().as_str()))
        .with_attribute(("g", g.to_string().as_str()))
        .with_attribute(("b", b.to_string().as_str()))
        .with_attribute(("a", "1.0"))
        .write_empty()?;
    Ok(())
}

/// The node size: 4 for no mentions, 4 more for every doubling, capped at [`MAX_SIZE`]. A
/// logarithm because mention counts span orders of magnitude (a country in every article, a
/// minister named once).
fn size(mention_count: u64) -> f64 {
    (4.0 + 4.0 * (mention_count as f64 + 1.0).log2()).min(MAX_SIZE)
}

/// Node colours by entity type: the hues of the DOT fills in `dot.rs`, but saturated, since
/// Gephi draws small nodes on white where those pastels fade away. An actor of unknown type is
/// grey.
fn node_color(entity_type: Option<EntityType>) -> u32 {
    match entity_type {
        Some(EntityType::Country) => 0x3382cc,
        Some(EntityType::Person) => 0xd68933,
        Some(EntityType::Organization) => 0x38a838,
        Some(EntityType::ArmedGroup) => 0xcc3333,
        Some(EntityType::Party) => 0x7a47c7,
        Some(EntityType::Media) => 0xc8b628,
        None => 0x999999,
    }
}

/// Edge colours by relation, the same as DOT's (`edge_look` in `dot.rs`): friendly relations
/// green to teal, neutral ones blue and purple, hostile ones yellow through red; affiliations grey.
fn edge_color(kind: EdgeKind) -> u32 {
    match kind {
        EdgeKind::Relation(relation) => match relation {
            Relation::Ally => 0x1a9850,
            Relation::Cooperates => 0x17becf,
            Relation::Supports => 0x66a61e,
            Relation::Meets => 0x1f77b4,
            Relation::Mediates => 0x9467bd,
            Relation::Competes => 0xe6ab02,
            Relation::Opposes => 0xd62728,
            Relation::Threatens => 0xff7f0e,
            Relation::Attacks => 0x7f0000,
        },
        EdgeKind::AffiliatedWith => 0x7f7f7f,
    }
}

fn rgb(color: u32) -> (u8, u8, u8) {
    let [_, r, g, b] = color.to_be_bytes();
    (r, g, b)
}

/// A double as a plain decimal; NaN and infinities have no spelling the readers share, so they
/// count as absent.
fn finite(x: f64) -> Option<String> {
    x.is_finite().then(|| fixed4(x))
}

/// `date` if it is a calendar date written `YYYY-MM-DD`, the only form written to `start`, `end`
/// and `lastmodifieddate`: the schema types them as dates and Gephi parses them, so anything else
/// would make the file invalid. The date stays in the `first_date`/`last_date` attributes as text.
fn iso_date(date: Option<&str>) -> Option<&str> {
    let date = date?;
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    // Gregorian: every fourth year, except centuries other than every fourth one.
    let leap = match (year % 4, year % 100, year % 400) {
        (_, _, 0) => true,
        (_, 0, _) => false,
        (remainder, _, _) => remainder == 0,
    };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year > 0 && (1..=days).contains(&day)).then_some(date)
}

/// An attribute with a value that [`escape`] has already escaped (quick-xml would escape a `&str`
/// again, and it leaves line breaks alone).
fn raw<'a>(name: &'a str, escaped: &'a str) -> Attribute<'a> {
    Attribute::from((name.as_bytes(), escaped.as_bytes()))
}

/// Escapes `value` for an XML 1.0 attribute value (in double quotes) or text. Tabs and line
/// breaks become character references: a parser normalises literal ones in an attribute value to
/// spaces, and a literal carriage return anywhere to a line feed. Characters XML 1.0 forbids
/// outright (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, since no reference can stand for
/// them.
fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_line_breaks_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a \"b\" & <c> 'd'"),
            "a &quot;b&quot; &amp; &lt;c&gt; 'd'"
        );
        assert_eq!(escape("x\r\ny\tz\n"), "x&#13;&#10;y&#9;z&#10;");
        assert_eq!(escape("bell\u{7}\u{FFFF}"), "bell\u{FFFD}\u{FFFD}");
        assert_eq!(escape("Леван\u{7f}"), "Леван\u{7f}");
    }

    #[test]
    fn only_calendar_dates_are_dates() {
        assert_eq!(iso_date(Some("2024-03-01")), Some("2024-03-01"));
        assert_eq!(iso_date(Some("2024-02-29")), Some("2024-02-29"));
        assert_eq!(iso_date(Some("2023-02-29")), None);
        assert_eq!(iso_date(Some("1900-02-29")), None);
        assert_eq!(iso_date(Some("2000-02-29")), Some("2000-02-29"));
        assert_eq!(iso_date(Some("2024-13-01")), None);
        assert_eq!(iso_date(Some("2024-04-31")), None);
        assert_eq!(iso_date(Some("0000-01-01")), None);
        assert_eq!(iso_date(Some("2024-3-1")), None);
        assert_eq!(iso_date(Some("2024-03")), None);
        assert_eq!(iso_date(Some("2024-03-01T10:00")), None);
        assert_eq!(iso_date(Some("２０２４-03-01")), None);
        assert_eq!(iso_date(None), None);
    }

    #[test]
    fn size_grows_with_doublings_and_stops() {
        assert_eq!(size(0), 4.0);
        assert_eq!(size(1), 8.0);
        assert_eq!(size(3), 12.0);
        assert_eq!(size(511), MAX_SIZE);
        assert_eq!(size(u64::MAX), MAX_SIZE);
    }

    #[test]
    fn colours_split_into_channels() {
        assert_eq!(rgb(0x1a9850), (0x1a, 0x98, 0x50));
        assert_eq!(rgb(node_color(None)), (153, 153, 153));
    }
}
