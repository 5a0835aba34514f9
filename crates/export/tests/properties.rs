//! Properties: any label, in any script and with any characters, comes back from GraphML and GEXF
//! exactly as an XML parser reads it, and any label renders in DOT through Graphviz (where `dot`
//! is installed).
//!
//! What XML cannot carry is replaced on purpose and expected here: characters XML 1.0 forbids
//! (most control characters, U+FFFE, U+FFFF) become U+FFFD.

use std::{collections::BTreeMap, process::Command};

use actorgraph_core::{ActorId, EntityType, Evidence, Modality, Relation, Span};
use actorgraph_export::{write_dot, write_gexf, write_graphml};
use actorgraph_graph::{
    ActorGraph, DocumentExtract, GraphBuilder, GraphOptions, NodeCatalog, NodeInfo,
};
use proptest::prelude::*;
use quick_xml::{events::Event, Reader};

struct Labels(BTreeMap<ActorId, String>);

impl NodeCatalog for Labels {
    fn node_info(&self, id: &ActorId) -> NodeInfo {
        NodeInfo {
            label: self.0[id].clone(),
            entity_type: Some(EntityType::Person),
            ..NodeInfo::default()
        }
    }
}

/// Two actors with the given labels, joined by one relation.
fn graph(first: &str, second: &str) -> ActorGraph {
    let (a, b) = (ActorId::new("a"), ActorId::new("b"));
    let text = "a met b";
    let evidence = Evidence {
        doc: "d".to_owned(),
        date: None,
        sentence: 0,
        sentence_span: Span::new(0, text.len()),
        text: text.to_owned(),
        source: a.clone(),
        target: b.clone(),
        relation: Relation::Meets,
        source_span: Span::new(0, 1),
        target_span: Span::new(6, 7),
        cue_span: Span::new(2, 5),
        cue: "met".to_owned(),
        modality: Modality::Asserted,
        speaker: None,
        confidence: 0.8,
    };
    let mut builder = GraphBuilder::new();
    builder.add(DocumentExtract {
        doc: "d".to_owned(),
        date: None,
        mention_counts: [(a.clone(), 1), (b.clone(), 1)].into_iter().collect(),
        evidence: vec![evidence],
        affiliations: Vec::new(),
    });
    let labels = Labels(
        [(a, first.to_owned()), (b, second.to_owned())]
            .into_iter()
            .collect(),
    );
    builder.finish(&labels, &GraphOptions::default())
}

/// The labels the graph gives actors "a" and "b": their own, or the id for an empty one.
fn expected(first: &str, second: &str) -> Vec<String> {
    [(first, "a"), (second, "b")]
        .iter()
        .map(|&(label, id)| {
            if label.is_empty() {
                id.to_owned()
            } else {
                xml_safe(label)
            }
        })
        .collect()
}

/// What an XML 1.0 document can hold of `label`.
fn xml_safe(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Node labels as an XML parser reads them back: GraphML `<data key="label">` text, or GEXF
/// `<node label="...">`.
fn labels_read_back(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut labels = Vec::new();
    let mut in_label = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"node" => {
                if let Some(label) = e.try_get_attribute("label").unwrap() {
                    labels.push(
                        label
                            .decode_and_unescape_value(reader.decoder())
                            .unwrap()
                            .into_owned(),
                    );
                }
            }
            Event::Start(e) if e.local_name().as_ref() == b"data" => {
                in_label = e
                    .try_get_attribute("key")
                    .unwrap()
                    .is_some_and(|k| k.value.as_ref() == b"label");
                if in_label {
                    labels.push(String::new());
                }
            }
            Event::Text(t) if in_label => {
                labels.last_mut().unwrap().push_str(&t.decode().unwrap());
            }
            Event::GeneralRef(r) if in_label => {
                let name = r.decode().unwrap();
                let c = match name.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    reference => r
                        .resolve_char_ref()
                        .unwrap()
                        .unwrap_or_else(|| panic!("unknown reference {reference}")),
                };
                labels.last_mut().unwrap().push(c);
            }
            Event::End(e) if e.local_name().as_ref() == b"data" => in_label = false,
            Event::Eof => break,
            _ => {}
        }
    }
    labels
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_label_survives_graphml(first in any::<String>(), second in "\\PC*") {
        let mut xml = Vec::new();
        write_graphml(&graph(&first, &second), &mut xml).unwrap();
        let back = labels_read_back(std::str::from_utf8(&xml).unwrap());
        prop_assert_eq!(back, expected(&first, &second));
    }

    #[test]
    fn any_label_survives_gexf(first in any::<String>(), second in "\\PC*") {
        let mut xml = Vec::new();
        write_gexf(&graph(&first, &second), &mut xml).unwrap();
        let back = labels_read_back(std::str::from_utf8(&xml).unwrap());
        // An attribute value's line breaks and tabs are written as references, so a parser
        // that normalizes attribute white space keeps them.
        prop_assert_eq!(back, expected(&first, &second));
    }
}

proptest! {
    // Each case starts Graphviz: fewer of them.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_label_renders_in_dot(first in any::<String>(), second in "[\\\\\"<>&{}\\[\\];,= \\n\\r\\t\\PC]{0,40}") {
        let Ok(version) = Command::new("dot").arg("-V").output() else {
            return Ok(());
        };
        prop_assume!(version.status.success());
        let mut source = Vec::new();
        write_dot(&graph(&first, &second), &mut source).unwrap();
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &source).unwrap();
        let output = child.wait_with_output().unwrap();
        let messages = String::from_utf8_lossy(&output.stderr);
        prop_assert!(output.status.success() && messages.trim().is_empty(), "{}", messages);
    }
}
