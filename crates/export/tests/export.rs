//! Export tests on one small hand-made graph whose names are hard to escape: snapshots of every
//! format, round trips through quick-xml, serde_json and the csv crate, and the shared acceptance
//! checker.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use actorgraph_core::{ActorId, Affiliation, EntityType, Evidence, Modality, Relation, Span};
use actorgraph_graph::{
    ActorGraph, DocumentExtract, GraphBuilder, GraphOptions, NodeCatalog, NodeInfo,
};
use quick_xml::events::Event;
use quick_xml::Reader;

use actorgraph_export::{
    write, write_csv_edges, write_csv_nodes, write_dot, write_gexf, write_graphml, write_json,
    Format,
};

/// The actors the test graph knows, as the gazetteer would describe them.
struct Catalog(BTreeMap<ActorId, NodeInfo>);

impl NodeCatalog for Catalog {
    fn node_info(&self, id: &ActorId) -> NodeInfo {
        self.0.get(id).cloned().unwrap_or_default()
    }
}

fn id(id: &str) -> ActorId {
    ActorId::new(id)
}

fn info(
    label: &str,
    entity_type: EntityType,
    country: Option<&str>,
    affiliation: Option<&str>,
    role: Option<&str>,
    aliases: &[&str],
) -> NodeInfo {
    NodeInfo {
        label: label.to_string(),
        entity_type: Some(entity_type),
        country: country.map(id),
        affiliation: affiliation.map(id),
        role: role.map(str::to_string),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

// Tables read better one entry a line than as rustfmt would lay them out.
#[rustfmt::skip]
fn catalog() -> Catalog {
    use EntityType::*;
    let entries = [
        ("IRN", info("Iran", Country, Some("IRN"), None, None, &["Iran", "Islamic Republic"])),
        ("ISR", info("Israel", Country, Some("ISR"), None, None, &[])),
        ("RUS", info("Russia", Country, Some("RUS"), None, None, &["Russia"])),
        ("levan-dzhagaryan", info(
            "Levan Dzhagaryan — Леван Джагарян", Person, Some("RUS"), Some("RUS"),
            Some("ambassador to Iran"), &["Levan Dzhagaryan", "Леван Джагарян"],
        )),
        ("vova-example", info("Vladimir \"Vova\" Example", Person, None, None, None, &[])),
        ("mfa-trade", info("Ministry of Foreign Affairs & Trade <test>", Organization, None, None, None, &[])),
        ("path-party", info("C:\\temp\\new Party\nsecond line", Party, None, None, None, &[])),
        ("hezbollah", info("Hezbollah", ArmedGroup, None, Some("IRN"), None, &["Hezbollah"])),
        ("jerusalem-post", info("The Jerusalem Post", Media, Some("ISR"), Some("ISR"), None, &[])),
    ];
    // `unknown-actor` is deliberately missing: it becomes a node with only an id.
    Catalog(entries.into_iter().map(|(k, v)| (id(k), v)).collect())
}

/// The test documents: id, date and sentences. A document's text is its sentences joined by
/// spaces.
const DOCUMENTS: [(&str, Option<&str>, &[&str]); 3] = [
    (
        "a1.txt",
        Some("2024-03-01"),
        &[
            "Russia and Iran are allies.",
            "Russia and Iran met in Tehran.",
            "Ambassador Леван Джагарян met Iran's foreign minister.",
            "Iran threatens Israel.",
        ],
    ),
    (
        "b2.txt",
        Some("2024-03-05"),
        &[
            "Russia and Iran are allies again.",
            "Hezbollah could strike Israel, the Jerusalem Post reported.",
            "The ministry mediates between Israel and \"Vova\".",
        ],
    ),
    (
        "c3.txt",
        None,
        &[
            "Unknown Actor competes with the C:\\temp party.",
            "Russia met Iran.",
        ],
    ),
];

fn document(doc: &str) -> (Option<&'static str>, &'static [&'static str]) {
    let (_, date, sentences) = DOCUMENTS.into_iter().find(|d| d.0 == doc).unwrap();
    (date, sentences)
}

fn document_text(doc: &str) -> String {
    document(doc).1.join(" ")
}

/// Asserted evidence that sentence `sentence` of `doc` says `source relation target`, with the
/// actors given as (id, words in the sentence) and `cue` also in the sentence. Spans are found in
/// the text, so they are right by construction.
fn said(
    doc: &str,
    sentence: usize,
    (source, source_words): (&str, &str),
    relation: Relation,
    cue: &str,
    (target, target_words): (&str, &str),
    confidence: f64,
) -> Evidence {
    let (date, sentences) = document(doc);
    let start: usize = sentences[..sentence].iter().map(|s| s.len() + 1).sum();
    let text = sentences[sentence];
    let span_of = |words: &str| {
        let at = start + text.find(words).expect("words in the sentence");
        Span::new(at, at + words.len())
    };
    Evidence {
        doc: doc.to_string(),
        date: date.map(str::to_string),
        sentence,
        sentence_span: Span::new(start, start + text.len()),
        text: text.to_string(),
        source: id(source),
        target: id(target),
        relation,
        source_span: span_of(source_words),
        target_span: span_of(target_words),
        cue_span: span_of(cue),
        cue: cue.to_string(),
        modality: Modality::Asserted,
        speaker: None,
        confidence,
    }
}

fn extract(
    doc: &str,
    mentions: &[(&str, u64)],
    evidence: Vec<Evidence>,
    affiliations: Vec<Affiliation>,
) -> DocumentExtract {
    DocumentExtract {
        doc: doc.to_string(),
        date: document(doc).0.map(str::to_string),
        mention_counts: mentions.iter().map(|&(a, n)| (id(a), n)).collect(),
        evidence,
        affiliations,
    }
}

#[rustfmt::skip]
fn test_graph() -> ActorGraph {
    use Relation::*;
    let mut builder = GraphBuilder::new();
    builder.add(extract(
        "a1.txt",
        &[("RUS", 2), ("IRN", 4), ("levan-dzhagaryan", 1), ("ISR", 1)],
        vec![
            said("a1.txt", 0, ("RUS", "Russia"), Ally, "allies", ("IRN", "Iran"), 0.9),
            said("a1.txt", 1, ("RUS", "Russia"), Meets, "met", ("IRN", "Iran"), 0.8),
            said("a1.txt", 2, ("levan-dzhagaryan", "Леван Джагарян"), Meets, "met", ("IRN", "Iran"), 0.7),
            said("a1.txt", 3, ("IRN", "Iran"), Threatens, "threatens", ("ISR", "Israel"), 0.85),
        ],
        vec![Affiliation {
            actor: id("levan-dzhagaryan"),
            affiliation: id("RUS"),
            role: Some("ambassador".to_string()),
            doc: Some("a1.txt".to_string()),
        }],
    ));
    // A threatened strike is hypothetical and still shows the threat.
    let reported_strike = Evidence {
        modality: Modality::Hypothetical,
        speaker: Some(id("jerusalem-post")),
        ..said("b2.txt", 1, ("hezbollah", "Hezbollah"), Threatens, "strike", ("ISR", "Israel"), 0.55)
    };
    builder.add(extract(
        "b2.txt",
        &[("RUS", 1), ("IRN", 1), ("hezbollah", 1), ("ISR", 2), ("jerusalem-post", 1), ("mfa-trade", 1)],
        vec![
            said("b2.txt", 0, ("RUS", "Russia"), Ally, "allies", ("IRN", "Iran"), 0.9),
            reported_strike,
            said("b2.txt", 2, ("mfa-trade", "ministry"), Mediates, "mediates", ("ISR", "Israel"), 0.6),
            said("b2.txt", 2, ("mfa-trade", "ministry"), Mediates, "mediates", ("vova-example", "Vova"), 0.6),
        ],
        // Known from the data, not from a text.
        vec![Affiliation { actor: id("hezbollah"), affiliation: id("IRN"), role: None, doc: None }],
    ));
    builder.add(extract(
        "c3.txt",
        &[("path-party", 1), ("RUS", 1), ("IRN", 1)],
        vec![
            said("c3.txt", 0, ("unknown-actor", "Unknown Actor"), Competes, "competes", ("path-party", "C:\\temp party"), 0.5),
            said("c3.txt", 1, ("RUS", "Russia"), Meets, "met", ("IRN", "Iran"), 0.75),
        ],
        vec![],
    ));
    builder.finish(&catalog(), &GraphOptions::default())
}

fn render(format: Format, graph: &ActorGraph) -> String {
    let mut out = Vec::new();
    write(format, graph, &mut out).unwrap();
    String::from_utf8(out).expect("exports are UTF-8")
}

#[test]
fn test_graph_has_what_the_tests_rely_on() {
    let graph = test_graph();
    let pairs: Vec<(&str, &str, &str)> = graph
        .edges()
        .map(|e| (e.source.as_str(), e.target.as_str(), e.kind.as_str()))
        .collect();
    // Two relations on one pair, symmetric and directed relations, an affiliation.
    assert!(pairs.contains(&("IRN", "RUS", "ally")));
    assert!(pairs.contains(&("IRN", "RUS", "meets")));
    assert!(pairs.contains(&("IRN", "ISR", "threatens")));
    // A threat also shows opposition, on the same evidence.
    assert!(pairs.contains(&("IRN", "ISR", "opposes")));
    let opposes = graph
        .edges()
        .find(|e| {
            (e.source.as_str(), e.target.as_str(), e.kind.as_str()) == ("IRN", "ISR", "opposes")
        })
        .unwrap();
    assert_eq!(opposes.evidence.len(), 1);
    assert_eq!(opposes.evidence[0].cue, "threatens");
    assert!(pairs.contains(&("levan-dzhagaryan", "RUS", "affiliated_with")));
    let unknown = graph.node("unknown-actor").unwrap();
    assert_eq!(unknown.entity_type, None);
    assert_eq!(unknown.first_date, None);
}

#[test]
fn format_from_extension() {
    assert_eq!(Format::from_extension("json"), Some(Format::Json));
    assert_eq!(Format::from_extension("dot"), Some(Format::Dot));
    assert_eq!(Format::from_extension("gv"), Some(Format::Dot));
    assert_eq!(Format::from_extension("GraphML"), Some(Format::Graphml));
    assert_eq!(Format::from_extension("GEXF"), Some(Format::Gexf));
    // CSV is two files, not one format.
    assert_eq!(Format::from_extension("csv"), None);
    assert_eq!(Format::from_extension(""), None);
    for format in Format::ALL {
        assert_eq!(Format::from_extension(format.extension()), Some(format));
    }
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(render(Format::Json, &test_graph()));
}

#[test]
fn dot_snapshot() {
    insta::assert_snapshot!(render(Format::Dot, &test_graph()));
}

#[test]
fn graphml_snapshot() {
    insta::assert_snapshot!(render(Format::Graphml, &test_graph()));
}

#[test]
fn gexf_snapshot() {
    insta::assert_snapshot!(render(Format::Gexf, &test_graph()));
}

type Writer = fn(&ActorGraph, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render_with(writer: Writer, graph: &ActorGraph) -> String {
    let mut out = Vec::new();
    writer(graph, &mut out).unwrap();
    String::from_utf8(out).expect("exports are UTF-8")
}

#[test]
fn csv_nodes_snapshot() {
    insta::assert_snapshot!(render_with(write_csv_nodes, &test_graph()));
}

#[test]
fn csv_edges_snapshot() {
    insta::assert_snapshot!(render_with(write_csv_edges, &test_graph()));
}

#[test]
fn exports_are_byte_stable() {
    for format in Format::ALL {
        assert_eq!(render(format, &test_graph()), render(format, &test_graph()));
    }
    for writer in [write_csv_nodes as Writer, write_csv_edges] {
        assert_eq!(
            render_with(writer, &test_graph()),
            render_with(writer, &test_graph())
        );
    }
}

#[test]
fn json_round_trips_and_evidence_points_into_the_documents() {
    let graph = test_graph();
    let mut out = Vec::new();
    write_json(&graph, &mut out).unwrap();
    assert!(out.ends_with(b"}\n"));
    let data: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(data["directed"], true);
    assert_eq!(data["multigraph"], true);
    assert_eq!(data["graph"]["document_count"], 3);
    let nodes = data["nodes"].as_array().unwrap();
    let edges = data["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), graph.graph.node_count());
    assert_eq!(edges.len(), graph.graph.edge_count());
    for (json, node) in nodes.iter().zip(graph.nodes()) {
        assert_eq!(json["id"], node.id.as_str());
        assert_eq!(json["label"], node.label.as_str());
    }

    let mut checked = 0;
    for edge in edges {
        let key = (
            edge["source"].as_str().unwrap(),
            edge["target"].as_str().unwrap(),
            edge["key"].as_str().unwrap(),
        );
        assert_eq!(edge["key"], edge["relation"], "{key:?}");
        let evidence = edge["evidence"].as_array().unwrap();
        assert_eq!(
            evidence.len() as u64,
            edge["evidence_count"].as_u64().unwrap() * u64::from(key.2 != "affiliated_with")
        );
        for e in evidence {
            let text = document_text(e["doc"].as_str().unwrap());
            let cut = |from: &serde_json::Value, to: &serde_json::Value| {
                &text[from.as_u64().unwrap() as usize..to.as_u64().unwrap() as usize]
            };
            assert_eq!(
                cut(&e["start"], &e["end"]),
                e["text"].as_str().unwrap(),
                "{key:?}"
            );
            assert_eq!(
                cut(&e["cue_span"][0], &e["cue_span"][1]),
                e["cue"].as_str().unwrap(),
                "{key:?}"
            );
            for span in ["source_span", "target_span"] {
                let (from, to) = (e[span][0].as_u64().unwrap(), e[span][1].as_u64().unwrap());
                assert!(
                    e["start"].as_u64().unwrap() <= from && to <= e["end"].as_u64().unwrap(),
                    "{key:?} {span}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked, 12,
        "every piece of hand-made evidence, and the two threats again as opposition"
    );
}

/// Reads back `(element id, key, text)` for every `<data>` in a GraphML document.
fn graphml_data(xml: &str) -> Vec<(String, String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut owner = String::new();
    let mut key: Option<String> = None;
    let mut text = String::new();
    let mut found = Vec::new();
    let attribute = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.try_get_attribute(name)
            .unwrap()
            .map(|a| a.unescape_value().unwrap().into_owned())
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if matches!(e.name().as_ref(), b"node" | b"edge") => {
                owner = attribute(&e, "id").unwrap();
            }
            Event::Start(e) if e.name().as_ref() == b"data" => {
                key = attribute(&e, "key");
                text.clear();
            }
            Event::Text(t) if key.is_some() => text.push_str(&t.xml_content().unwrap()),
            Event::GeneralRef(r) if key.is_some() => match r.resolve_char_ref().unwrap() {
                Some(c) => text.push(c),
                None => {
                    let name = r.decode().unwrap();
                    let resolved = quick_xml::escape::resolve_predefined_entity(&name).unwrap();
                    text.push_str(resolved);
                }
            },
            Event::End(e) if e.name().as_ref() == b"data" => {
                found.push((owner.clone(), key.take().unwrap(), text.clone()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[test]
fn graphml_labels_survive_a_round_trip() {
    let graph = test_graph();
    let mut out = Vec::new();
    write_graphml(&graph, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    assert!(xml.ends_with("</graphml>\n"));
    let data = graphml_data(&xml);
    let labels: Vec<(&str, &str)> = data
        .iter()
        .filter(|(_, key, _)| key == "label")
        .map(|(owner, _, text)| (owner.as_str(), text.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = graph
        .nodes()
        .map(|n| (n.id.as_str(), n.label.as_str()))
        .collect();
    assert_eq!(labels, expected);
    assert!(labels.contains(&("levan-dzhagaryan", "Levan Dzhagaryan — Леван Джагарян")));
    assert!(labels.contains(&("mfa-trade", "Ministry of Foreign Affairs & Trade <test>")));
    assert!(labels.contains(&("path-party", "C:\\temp\\new Party\nsecond line")));
    assert!(labels.contains(&("vova-example", "Vladimir \"Vova\" Example")));

    // Absent values have no element at all, and edges are numbered in order.
    assert!(data.iter().all(|(_, _, text)| !text.is_empty()));
    assert!(!data
        .iter()
        .any(|(owner, key, _)| owner == "unknown-actor" && key == "entity_type"));
    let edge_ids: Vec<&str> = data
        .iter()
        .filter(|(_, key, _)| key == "relation")
        .map(|(owner, _, _)| owner.as_str())
        .collect();
    let numbered: Vec<String> = (0..graph.graph.edge_count())
        .map(|i| format!("e{i}"))
        .collect();
    assert_eq!(edge_ids, numbered);
}

#[test]
fn graphml_keeps_control_characters_out_and_carriage_returns_in() {
    let mut builder = GraphBuilder::new();
    builder.add(extract("a1.txt", &[("ISR", 1)], vec![], vec![]));
    let mut catalog = catalog();
    catalog.0.get_mut(&id("ISR")).unwrap().label = "bell\u{7}tab\tcr\r\nend".to_string();
    let graph = builder.finish(&catalog, &GraphOptions::default());
    let mut out = Vec::new();
    write_graphml(&graph, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let data = graphml_data(&xml);
    assert!(data.contains(&(
        "ISR".to_string(),
        "label".to_string(),
        "bell\u{FFFD}tab\tcr\r\nend".to_string()
    )));
}

#[test]
fn dot_strings_are_escaped() {
    let dot = render(Format::Dot, &test_graph());
    assert!(
        dot.contains(r#""path-party" [label="C:\\temp\\new Party\nsecond line""#),
        "{dot}"
    );
    assert!(dot.contains(r#"label="Vladimir \"Vova\" Example""#));
    assert!(dot.contains(r#"label="Levan Dzhagaryan — Леван Джагарян""#));
    assert!(!dot.starts_with('\u{FEFF}'));
}

#[test]
fn empty_graph_exports() {
    let graph = GraphBuilder::new().finish(&catalog(), &GraphOptions::default());
    for format in Format::ALL {
        assert!(!render(format, &graph).is_empty());
    }
    let data: serde_json::Value = serde_json::from_str(&render(Format::Json, &graph)).unwrap();
    assert_eq!(data["nodes"], serde_json::json!([]));
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes the test graph in `format` to a file under the target's temporary directory.
fn write_test_file(format: Format) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("actorgraph-export-check");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("graph.{}", format.extension()));
    let mut file = std::fs::File::create(&path).unwrap();
    write(format, &test_graph(), &mut file).unwrap();
    path
}

/// The shared acceptance checker, when it and the tools it drives are installed; a note otherwise.
#[test]
fn check_exports_accepts_our_output() {
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/check-exports");
    if !checker.is_file() {
        eprintln!("note: skipping, no checker at {}", checker.display());
        return;
    }
    let missing: Vec<&str> = [
        ("dot", runs("dot", &["-V"])),
        ("xmllint", runs("xmllint", &["--version"])),
        (
            "networkx, igraph",
            runs("python3", &["-c", "import networkx, igraph"]),
        ),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(tool, _)| tool)
    .collect();
    if !missing.is_empty() {
        eprintln!(
            "note: skipping the export checker, missing: {}",
            missing.join(", ")
        );
        return;
    }

    let output = Command::new(&checker)
        .arg("--dot")
        .arg(write_test_file(Format::Dot))
        .arg("--graphml")
        .arg(write_test_file(Format::Graphml))
        .arg("--no-png")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "check-exports failed:\n{report}");
    assert!(report.contains(" 0 failed"), "{report}");
}

/// The contract's own words: `networkx.node_link_graph(data, edges="edges")` must load the JSON.
#[test]
fn networkx_loads_the_json() {
    if !runs("python3", &["-c", "import networkx"]) {
        eprintln!("note: skipping, python3 with networkx is not installed");
        return;
    }
    let script = r#"
import json, sys
import networkx as nx
G = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")), edges="edges")
assert G.is_directed() and G.is_multigraph()
assert G.number_of_nodes() == G.graph["node_count"]
assert G.number_of_edges() == G.graph["edge_count"]
assert G.edges["IRN", "RUS", "ally"]["evidence_count"] == 2
assert G.edges["IRN", "RUS", "meets"]["symmetric"] is True
assert G.nodes["levan-dzhagaryan"]["label"] == "Levan Dzhagaryan \u2014 \u041b\u0435\u0432\u0430\u043d \u0414\u0436\u0430\u0433\u0430\u0440\u044f\u043d"
print(G)
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(write_test_file(Format::Json))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "networkx could not load the JSON:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn writers_are_the_dispatched_ones() {
    let graph = test_graph();
    let direct: [Writer; 4] = [write_json, write_dot, write_graphml, write_gexf];
    for (format, writer) in Format::ALL.into_iter().zip(direct) {
        let mut out = Vec::new();
        writer(&graph, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), render(format, &graph));
    }
}

/// An attribute value as a conforming XML parser reports it: literal tabs and line breaks in the
/// markup become spaces (attribute-value normalisation, which quick-xml leaves to the caller),
/// then references are resolved.
fn xml_attribute(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    let attribute = e.try_get_attribute(name).unwrap()?;
    let raw = std::str::from_utf8(&attribute.value).unwrap();
    let normalised = raw.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
    Some(
        quick_xml::escape::unescape(&normalised)
            .unwrap()
            .into_owned(),
    )
}

/// One `<node>` or `<edge>` of a GEXF document, as read back.
#[derive(Debug, Default)]
struct GexfElement {
    attributes: BTreeMap<String, String>,
    values: Vec<(String, String)>,
    color: Option<(String, String, String)>,
    size: Option<String>,
}

/// A GEXF document as read back: the root's and `<graph>`'s attributes, `<meta>`'s attributes,
/// the attribute declarations as (class, id, title, type), then the nodes and edges.
#[derive(Debug, Default)]
struct Gexf {
    root: BTreeMap<String, String>,
    graph: BTreeMap<String, String>,
    meta: BTreeMap<String, String>,
    declarations: Vec<(String, String, String, String)>,
    nodes: Vec<GexfElement>,
    edges: Vec<GexfElement>,
}

impl Gexf {
    /// The node or edge being read.
    fn current(&mut self, in_edge: bool) -> &mut GexfElement {
        let list = if in_edge {
            &mut self.edges
        } else {
            &mut self.nodes
        };
        list.last_mut().unwrap()
    }
}

fn all_attributes(e: &quick_xml::events::BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let key = String::from_utf8(a.unwrap().key.as_ref().to_vec()).unwrap();
            let value = xml_attribute(e, &key).unwrap();
            (key, value)
        })
        .collect()
}

fn read_gexf(xml: &str) -> Gexf {
    let mut reader = Reader::from_str(xml);
    let mut gexf = Gexf::default();
    let mut class = String::new();
    // Which list the element being read goes to: true for edges.
    let mut in_edge = false;
    loop {
        let (e, _) = match reader.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Eof => break,
            _ => continue,
        };
        match e.name().as_ref() {
            b"gexf" => gexf.root = all_attributes(&e),
            b"meta" => gexf.meta = all_attributes(&e),
            b"graph" => gexf.graph = all_attributes(&e),
            b"attributes" => class = xml_attribute(&e, "class").unwrap(),
            b"attribute" => gexf.declarations.push((
                class.clone(),
                xml_attribute(&e, "id").unwrap(),
                xml_attribute(&e, "title").unwrap(),
                xml_attribute(&e, "type").unwrap(),
            )),
            b"node" => {
                in_edge = false;
                gexf.nodes.push(GexfElement {
                    attributes: all_attributes(&e),
                    ..GexfElement::default()
                });
            }
            b"edge" => {
                in_edge = true;
                gexf.edges.push(GexfElement {
                    attributes: all_attributes(&e),
                    ..GexfElement::default()
                });
            }
            b"attvalue" => gexf.current(in_edge).values.push((
                xml_attribute(&e, "for").unwrap(),
                xml_attribute(&e, "value").unwrap(),
            )),
            b"viz:color" => {
                let channel = |c| xml_attribute(&e, c).unwrap();
                gexf.current(in_edge).color = Some((channel("r"), channel("g"), channel("b")));
            }
            b"viz:size" => gexf.current(in_edge).size = xml_attribute(&e, "value"),
            _ => {}
        }
    }
    gexf
}

#[test]
fn gexf_round_trips() {
    let graph = test_graph();
    let mut out = Vec::new();
    write_gexf(&graph, &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    assert!(xml.ends_with("</gexf>\n"));
    let gexf = read_gexf(&xml);

    assert_eq!(gexf.root["xmlns"], "http://gexf.net/1.3");
    assert_eq!(gexf.root["xmlns:viz"], "http://gexf.net/1.3/viz");
    assert_eq!(gexf.root["version"], "1.3");
    assert_eq!(gexf.graph["defaultedgetype"], "directed");
    assert_eq!(gexf.graph["mode"], "dynamic");
    assert_eq!(gexf.graph["timeformat"], "date");
    // The latest date in the graph, not the time of writing.
    assert_eq!(gexf.meta["lastmodifieddate"], "2024-03-05");

    let allowed = ["integer", "long", "float", "double", "boolean", "string"];
    for (class, id, title, kind) in &gexf.declarations {
        assert!(allowed.contains(&kind.as_str()), "{class} {id}: {kind}");
        assert_eq!(id, title);
        assert!(!["id", "label"].contains(&id.to_lowercase().as_str()));
    }

    // Every node, with its label exactly, in id order.
    assert_eq!(gexf.nodes.len(), graph.graph.node_count());
    for (read, node) in gexf.nodes.iter().zip(graph.nodes()) {
        assert_eq!(read.attributes["id"], node.id.as_str());
        assert_eq!(read.attributes["label"], node.label, "{}", node.id.as_str());
        assert_eq!(
            read.attributes.get("start").map(String::as_str),
            node.first_date.as_deref()
        );
        assert_eq!(
            read.attributes.get("end").map(String::as_str),
            node.last_date.as_deref()
        );
        assert!(read.color.is_some() && read.size.is_some());
    }
    let label = |id: &str| {
        let node = gexf.nodes.iter().find(|n| n.attributes["id"] == id);
        node.unwrap().attributes["label"].as_str()
    };
    assert_eq!(
        label("levan-dzhagaryan"),
        "Levan Dzhagaryan — Леван Джагарян"
    );
    assert_eq!(
        label("mfa-trade"),
        "Ministry of Foreign Affairs & Trade <test>"
    );
    assert_eq!(label("path-party"), "C:\\temp\\new Party\nsecond line");
    assert_eq!(label("vova-example"), "Vladimir \"Vova\" Example");

    // Every edge, numbered in order, with its relation as kind and label, and no `type`.
    assert_eq!(gexf.edges.len(), graph.graph.edge_count());
    for (index, (read, edge)) in gexf.edges.iter().zip(graph.edges()).enumerate() {
        let attributes = &read.attributes;
        assert_eq!(attributes["id"], format!("e{index}"));
        assert_eq!(attributes["source"], edge.source.as_str());
        assert_eq!(attributes["target"], edge.target.as_str());
        assert_eq!(attributes["kind"], edge.kind.as_str());
        assert_eq!(attributes["label"], edge.kind.as_str());
        assert!(!attributes.contains_key("type"), "{attributes:?}");
        let weight: f64 = attributes["weight"].parse().unwrap();
        assert!((weight - edge.weight).abs() < 1e-4);
        assert!(!attributes["weight"].contains(['e', 'E']));
        let symmetric = read.values.iter().find(|(k, _)| k == "symmetric").unwrap();
        assert_eq!(symmetric.1, edge.symmetric.to_string());
    }

    // Absent values have no attvalue; present ones are never empty.
    let all_values = gexf.nodes.iter().chain(&gexf.edges).flat_map(|e| &e.values);
    assert!(all_values.into_iter().all(|(_, value)| !value.is_empty()));
    let unknown = gexf
        .nodes
        .iter()
        .find(|n| n.attributes["id"] == "unknown-actor")
        .unwrap();
    let keys: Vec<&str> = unknown.values.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["mention_count", "article_count"]);
    assert!(!unknown.attributes.contains_key("start"));
    assert_eq!(
        unknown.color,
        Some(("153".into(), "153".into(), "153".into()))
    );
    let party = gexf
        .nodes
        .iter()
        .find(|n| n.attributes["id"] == "levan-dzhagaryan")
        .unwrap();
    assert!(party
        .values
        .contains(&("aliases".into(), "Levan Dzhagaryan; Леван Джагарян".into())));
}

#[test]
fn gexf_edge_colours_are_the_dot_ones() {
    let graph = test_graph();
    let gexf = read_gexf(&render(Format::Gexf, &graph));
    let dot = render(Format::Dot, &graph);
    let dot_colours: Vec<&str> = dot
        .lines()
        .filter(|line| line.contains(" -> "))
        .map(|line| {
            let at = line.find("color=\"#").unwrap() + "color=\"#".len();
            &line[at..at + 6]
        })
        .collect();
    assert_eq!(dot_colours.len(), gexf.edges.len());
    for (edge, hex) in gexf.edges.iter().zip(dot_colours) {
        let (r, g, b) = edge.color.clone().unwrap();
        let channel = |c: String| format!("{:02x}", c.parse::<u8>().unwrap());
        assert_eq!(
            format!("{}{}{}", channel(r), channel(g), channel(b)),
            hex,
            "{:?}",
            edge.attributes
        );
    }
}

#[test]
fn gexf_keeps_control_characters_out_and_line_breaks_in() {
    let mut builder = GraphBuilder::new();
    builder.add(extract("a1.txt", &[("ISR", 1)], vec![], vec![]));
    let mut catalog = catalog();
    catalog.0.get_mut(&id("ISR")).unwrap().label = "bell\u{7}tab\tcr\r\nend\u{FFFF}".to_string();
    let graph = builder.finish(&catalog, &GraphOptions::default());
    let gexf = read_gexf(&render(Format::Gexf, &graph));
    assert_eq!(
        gexf.nodes[0].attributes["label"],
        "bell\u{FFFD}tab\tcr\r\nend\u{FFFD}"
    );
}

#[test]
fn gexf_without_dates_has_no_times() {
    let mut builder = GraphBuilder::new();
    builder.add(extract("c3.txt", &[("ISR", 1)], vec![], vec![]));
    let graph = builder.finish(&catalog(), &GraphOptions::default());
    let xml = render(Format::Gexf, &graph);
    let gexf = read_gexf(&xml);
    assert!(!gexf.meta.contains_key("lastmodifieddate"));
    assert!(!gexf.nodes[0].attributes.contains_key("start"));
    let empty = GraphBuilder::new().finish(&catalog(), &GraphOptions::default());
    let gexf = read_gexf(&render(Format::Gexf, &empty));
    assert!(gexf.nodes.is_empty() && gexf.edges.is_empty());
    assert_eq!(gexf.graph["mode"], "dynamic");
}

/// Reads a CSV export back with the csv crate: the header and the rows.
fn read_csv(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            assert_eq!(record.len(), header.len());
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_round_trips() {
    let graph = test_graph();
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json, &graph)).unwrap();

    let text = render_with(write_csv_nodes, &graph);
    assert!(text.ends_with('\n') && !text.contains("\r\n") && !text.starts_with('\u{FEFF}'));
    let (header, nodes) = read_csv(&text);
    assert_eq!(
        header.join(","),
        "Id,Label,entity_type,country,affiliation,role,mention_count,article_count,aliases,\
         first_date,last_date"
    );
    assert_eq!(nodes.len(), json["nodes"].as_array().unwrap().len());
    for (row, node) in nodes.iter().zip(graph.nodes()) {
        assert_eq!(row["Id"], node.id.as_str());
        assert_eq!(row["Label"], node.label);
        assert_eq!(row["mention_count"], node.mention_count.to_string());
    }
    let row = |id: &str| nodes.iter().find(|row| row["Id"] == id).unwrap();
    assert_eq!(
        row("path-party")["Label"],
        "C:\\temp\\new Party\nsecond line"
    );
    assert_eq!(row("vova-example")["Label"], "Vladimir \"Vova\" Example");
    assert_eq!(
        row("mfa-trade")["Label"],
        "Ministry of Foreign Affairs & Trade <test>"
    );
    assert_eq!(
        row("levan-dzhagaryan")["Label"],
        "Levan Dzhagaryan — Леван Джагарян"
    );
    assert_eq!(
        row("levan-dzhagaryan")["aliases"],
        "Levan Dzhagaryan; Леван Джагарян"
    );
    assert_eq!(row("unknown-actor")["entity_type"], "");
    assert_eq!(row("unknown-actor")["first_date"], "");

    let (header, edges) = read_csv(&render_with(write_csv_edges, &graph));
    assert_eq!(
        header.join(","),
        "Source,Target,Type,Id,Label,Kind,Weight,relation,confidence,evidence_count,\
         article_count,sign,symmetric,role,first_date,last_date"
    );
    assert_eq!(edges.len(), json["edges"].as_array().unwrap().len());
    for (index, (row, edge)) in edges.iter().zip(graph.edges()).enumerate() {
        assert_eq!(row["Id"], format!("e{index}"));
        assert_eq!(row["Source"], edge.source.as_str());
        assert_eq!(row["Target"], edge.target.as_str());
        assert_eq!(row["Kind"], edge.kind.as_str());
        assert_eq!(row["Label"], edge.kind.as_str());
        assert_eq!(row["relation"], edge.kind.as_str());
        let direction = if edge.symmetric {
            "Undirected"
        } else {
            "Directed"
        };
        assert_eq!(row["Type"], direction);
        assert_eq!(row["role"], edge.role.as_deref().unwrap_or(""));
        assert!(!row["Weight"].contains(['e', 'E']));
    }
}

/// Gephi's own reader is not available here; networkx is the other reader the GEXF is for, and
/// Python's csv module stands in for the spreadsheet importers.
#[test]
fn python_reads_the_gexf_and_csv() {
    if !runs("python3", &["-c", "import networkx"]) {
        eprintln!("note: skipping, python3 with networkx is not installed");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("actorgraph-export-python");
    std::fs::create_dir_all(&dir).unwrap();
    let graph = test_graph();
    let mut files = Vec::new();
    for (name, writer) in [
        ("graph.gexf", write_gexf as Writer),
        ("nodes.csv", write_csv_nodes),
        ("edges.csv", write_csv_edges),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, render_with(writer, &graph)).unwrap();
        files.push(path);
    }
    let script = r#"
import csv, sys, warnings
import networkx as nx
warnings.simplefilter("error")
G = nx.read_gexf(sys.argv[1])
assert G.is_directed() and G.is_multigraph(), G
labels = {n: d["label"] for n, d in G.nodes(data=True)}
assert labels["path-party"] == "C:\\temp\\new Party\nsecond line", repr(labels["path-party"])
assert labels["vova-example"] == 'Vladimir "Vova" Example'
assert labels["mfa-trade"] == "Ministry of Foreign Affairs & Trade <test>"
assert labels["levan-dzhagaryan"] == "Levan Dzhagaryan \u2014 \u041b\u0435\u0432\u0430\u043d \u0414\u0436\u0430\u0433\u0430\u0440\u044f\u043d"
assert G.nodes["levan-dzhagaryan"]["start"] == "2024-03-01"
by_id = {k: (u, v, d) for u, v, k, d in G.edges(keys=True, data=True)}
assert by_id["e2"][:2] == ("IRN", "RUS") and by_id["e2"][2]["label"] == "ally"
assert by_id["e2"][2]["symmetric"] is True and by_id["e2"][2]["weight"] == 1.8
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(sys.argv[3], newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))
assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
assert {r["Id"]: r["Label"] for r in nodes} == labels
assert [r["Id"] for r in edges] == ["e%d" % i for i in range(len(edges))]
for r in edges:
    u, v, d = by_id[r["Id"]]
    assert (r["Source"], r["Target"], r["Kind"]) == (u, v, d["label"]), r
    assert r["Type"] == ("Undirected" if d["symmetric"] else "Directed"), r
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "python could not read the exports:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
