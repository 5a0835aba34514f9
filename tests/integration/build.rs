//! `actorgraph build` and `actorgraph explain` on the sample articles: snapshots, the JSON contract
//! of `shared/design/ONTOLOGY.md`, the quality floor against the gold annotation, the exports as
//! their consumers (networkx, Graphviz, igraph) read them, determinism and atomic writes.
//!
//! Checks that need Python or Graphviz skip, with a note on standard output, where those are
//! missing.

use std::{
    collections::BTreeSet,
    process::{Command, Output, Stdio},
};

use serde_json::Value;

use crate::util::{file_name, program_runs, root, run, sample_articles, stderr, stdout, tempdir};

/// Relations F1 and entities F1 the extractor must reach on the sample articles.
const RELATIONS_F1_FLOOR: f64 = 0.90;
const ENTITIES_F1_FLOOR: f64 = 0.90;

#[test]
fn snapshots_of_each_sample_article() {
    for article in sample_articles() {
        let name = file_name(&article);
        for format in ["json", "dot", "graphml"] {
            let output = run(&["build", &format!("data/corpus/{name}"), "--format", format]);
            assert!(
                output.status.success(),
                "{name} {format}: {}",
                stderr(&output)
            );
            insta::assert_snapshot!(format!("build_{format}_{name}"), stdout(&output));
        }
    }
}

#[test]
fn json_loads_and_evidence_spans_cut_the_sentence() {
    let graph = build_json(&["data/corpus"]);
    for key in ["directed", "multigraph", "graph", "nodes", "edges"] {
        assert!(graph.get(key).is_some(), "no top-level {key:?}");
    }
    assert_eq!(graph["directed"], Value::Bool(true));
    assert_eq!(graph["multigraph"], Value::Bool(true));
    assert!(graph["graph"].is_object());
    let nodes = graph["nodes"].as_array().expect("nodes is a list");
    let edges = graph["edges"].as_array().expect("edges is a list");
    assert!(!nodes.is_empty() && !edges.is_empty());

    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    let mut keys = BTreeSet::new();
    let mut evidence_checked = 0;
    for edge in edges {
        let (source, target) = (
            edge["source"].as_str().unwrap(),
            edge["target"].as_str().unwrap(),
        );
        let relation = edge["relation"].as_str().unwrap();
        let what = format!("{source} {relation} {target}");
        assert!(ids.contains(source), "{what}: source is not a node");
        assert!(ids.contains(target), "{what}: target is not a node");
        assert!(
            keys.insert((source, target, edge["key"].to_string())),
            "{what}: (source, target, key) is not unique"
        );
        if edge["symmetric"] == Value::Bool(true) {
            assert!(
                source < target,
                "{what}: symmetric edge with source >= target"
            );
        }
        if relation == "affiliated_with" {
            continue;
        }
        let evidence = edge["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{what}: no evidence");
        for item in evidence {
            check_evidence(&what, item);
            evidence_checked += 1;
        }
    }
    assert!(evidence_checked > 0);
}

/// One evidence item: its sentence and spans are cut from the document it names.
fn check_evidence(what: &str, item: &Value) {
    let doc = item["doc"].as_str().unwrap();
    let text = std::fs::read_to_string(root().join("data/corpus").join(doc)).unwrap();
    let at = |key: &str| item[key].as_u64().unwrap() as usize;
    let (start, end) = (at("start"), at("end"));
    let context = format!("{what}: {doc} [{start}..{end}]");
    assert!(
        start < end && end <= text.len(),
        "{context}: span out of the document"
    );
    assert_eq!(
        text.get(start..end),
        item["text"].as_str(),
        "{context}: text"
    );
    let cut = |key: &str| -> &str {
        let span = item[key]
            .as_array()
            .unwrap_or_else(|| panic!("{context}: {key}"));
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert!(
            start <= a && a < b && b <= end,
            "{context}: {key} {a}..{b} is not inside the sentence"
        );
        text.get(a..b)
            .unwrap_or_else(|| panic!("{context}: {key} {a}..{b} is not on char boundaries"))
    };
    assert_eq!(
        Some(cut("cue_span")),
        item["cue"].as_str(),
        "{context}: cue"
    );
    cut("source_span");
    cut("target_span");
}

#[test]
fn networkx_reads_the_json() {
    if !python_has(&["networkx"]) {
        println!("skipped: python3 with networkx is not available");
        return;
    }
    let dir = tempdir("build-networkx");
    let path = dir.join("graph.json");
    let output = run(&["build", "data/corpus", "-o", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let graph: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let script = "import json, sys, networkx\n\
                  with open(sys.argv[1], encoding='utf-8') as f:\n    \
                  g = networkx.node_link_graph(json.load(f), edges='edges')\n\
                  print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.is_multigraph())";
    let output = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = format!(
        "{} {} True True",
        graph["nodes"].as_array().unwrap().len(),
        graph["edges"].as_array().unwrap().len()
    );
    assert_eq!(stdout(&output).trim(), expected);
}

#[test]
fn quality_floor_on_the_sample_articles() {
    // `actorgraph eval` reads each article alone and scores it against the project's copy of the
    // gold, so this runs without ../shared.
    let output = run(&["eval", "--gold", "tests/data/seeds.json", "data/corpus"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    println!("{table}");
    let summary = table.lines().last().unwrap_or_default().to_owned();
    let f1 = |what: &str| -> f64 {
        let part = summary
            .split("; ")
            .find(|p| p.starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {summary:?}"));
        part.rsplit("F1=").next().unwrap().trim().parse().unwrap()
    };
    assert!(!table.contains("had no graph"), "{table}");
    assert!(
        f1("relations") >= RELATIONS_F1_FLOOR,
        "relations F1 below {RELATIONS_F1_FLOOR}\n{table}"
    );
    assert!(
        f1("entities") >= ENTITIES_F1_FLOOR,
        "entities F1 below {ENTITIES_F1_FLOOR}\n{table}"
    );

    // `eval` agrees with the project's reference scorer, line for line, where it can run: one
    // graph per article, built by `build` alone, scored by ../shared/tools/eval-gold.
    let tool = root().join("../shared/tools/eval-gold");
    if !tool.exists() || !program_runs("python3", &["--version"]) {
        println!("skipped the comparison with eval-gold: no ../shared/tools/eval-gold or python3");
        return;
    }
    let dir = tempdir("build-quality");
    for article in sample_articles() {
        let article = file_name(&article);
        let path = dir.join(format!("{article}.json"));
        let output = run(&[
            "build",
            &format!("data/corpus/{article}"),
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{article}: {}", stderr(&output));
    }
    let output = Command::new("python3")
        .arg(&tool)
        .arg(root().join("tests/data/seeds.json"))
        .arg(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "eval-gold: {}", stderr(&output));
    assert_eq!(stdout(&output), table, "eval-gold vs actorgraph eval");
}

#[test]
fn output_is_byte_identical_across_runs() {
    for format in ["json", "dot", "graphml", "gexf"] {
        let first = build_bytes(&["data/corpus"], format);
        let second = build_bytes(&["data/corpus"], format);
        assert!(
            first == second,
            "{format}: two runs on the same inputs differ"
        );
        let one_thread = build_bytes(&["--threads", "1", "data/corpus"], format);
        let four_threads = build_bytes(&["--threads", "4", "data/corpus"], format);
        assert!(
            one_thread == first && four_threads == first,
            "{format}: the thread count changes the output"
        );
    }
    let forward = build_bytes(&["data/corpus"], "json");
    let mut reversed: Vec<String> = sample_articles()
        .iter()
        .map(|p| format!("data/corpus/{}", file_name(p)))
        .collect();
    reversed.reverse();
    let reversed: Vec<&str> = reversed.iter().map(String::as_str).collect();
    let backward = build_bytes(&reversed, "json");
    if forward != backward {
        let (a, b) = (
            String::from_utf8_lossy(&forward),
            String::from_utf8_lossy(&backward),
        );
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "the graph depends on input order: first difference at JSON line {}:\n  folder:   {}\n  reversed: {}",
            line + 1,
            a.lines().nth(line).unwrap_or(""),
            b.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn explain_lists_ally_and_mediation_evidence() {
    let output = run(&["explain", "RUS", "IRN", "data/corpus"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let edge_line = |relation: &str| {
        out.lines()
            .any(|l| l.contains(&format!("[{relation}]")) && l.contains("RUS") && l.contains("IRN"))
    };
    assert!(edge_line("ally"), "no RUS-IRN [ally] line:\n{out}");
    assert!(edge_line("mediates"), "no RUS-IRN [mediates] line:\n{out}");
    // The evidence sentence, quoted whole on its own line.
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("Iran is a")
                && l.contains("one of our key partners")),
        "no evidence sentence with \"one of our key partners\":\n{out}"
    );
    assert!(out.contains("cue \"key partners\""), "{out}");

    let output = run(&["explain", "Russia", "data/corpus"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.lines()
            .any(|l| l.contains("RUS") && l.contains("[ally]")),
        "explain by name found no RUS edges:\n{out}"
    );

    let output = run(&["explain", "NOPE", "data/corpus"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("NOPE"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
}

#[test]
fn writes_are_atomic_and_format_comes_from_extension() {
    let dir = tempdir("build-writes");
    let out = |name: &str| dir.join(name).to_str().unwrap().to_owned();

    let output = run(&["build", "data/corpus", "-o", &out("out.graphml")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "nothing goes to stdout with -o");
    let graphml = std::fs::read_to_string(dir.join("out.graphml")).unwrap();
    assert!(graphml.starts_with("<?xml"), "{}", &graphml[..80]);
    assert!(graphml.contains("<graphml"));

    let output = run(&["build", "data/corpus", "-o", &out("out.json")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json = std::fs::read_to_string(dir.join("out.json")).unwrap();
    serde_json::from_str::<Value>(&json).expect("out.json is JSON");

    let output = run(&["build", "data/corpus", "-o", &out("out.dot")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dot = std::fs::read_to_string(dir.join("out.dot")).unwrap();
    assert!(dot.contains("digraph"), "{}", &dot[..80]);

    // No format and an extension that names none: a usage error, and nothing written.
    let output = run(&["build", "data/corpus", "-o", &out("out.txt")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("out.txt") && err.contains("--format"), "{err}");
    assert!(!dir.join("out.txt").exists());
    // --format wins over the extension.
    let output = run(&[
        "build",
        "data/corpus",
        "-o",
        &out("out.txt"),
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(dir.join("out.txt")).unwrap(), json);

    // A failed run leaves an existing output as it was.
    std::fs::write(dir.join("keep.json"), "old").unwrap();
    let output = run(&["build", "no/such/input.txt", "-o", &out("keep.json")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.json")).unwrap(),
        "old"
    );
    // A write that fails at the rename (the target is a folder) cleans up its temporary file.
    std::fs::create_dir(dir.join("taken.json")).unwrap();
    let output = run(&["build", "data/corpus", "-o", &out("taken.json")]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("taken.json"),
        "{}",
        stderr(&output)
    );

    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn rollup_country_folds_persons() {
    let output = run(&[
        "build",
        "data/corpus",
        "--rollup",
        "country",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let graph: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let persons: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["entity_type"] == "person")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        persons.is_empty(),
        "persons left after roll-up: {persons:?}"
    );
    let affiliations: Vec<String> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == "affiliated_with")
        .map(|e| format!("{} -> {}", e["source"], e["target"]))
        .collect();
    assert!(
        affiliations.is_empty(),
        "affiliated_with edges after roll-up: {affiliations:?}"
    );
    assert!(!graph["edges"].as_array().unwrap().is_empty());
}

/// `actorgraph build INPUTS --format json`, parsed.
fn build_json(inputs: &[&str]) -> Value {
    serde_json::from_slice(&build_bytes(inputs, "json")).expect("build writes JSON")
}

/// `actorgraph build INPUTS --format FORMAT` to standard output.
fn build_bytes(inputs: &[&str], format: &str) -> Vec<u8> {
    let mut args = vec!["build"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--format", format]);
    let output: Output = run(&args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output.stdout
}

/// Whether `python3` imports every module.
fn python_has(modules: &[&str]) -> bool {
    program_runs(
        "python3",
        &["-c", &format!("import {}", modules.join(", "))],
    )
}

#[test]
fn dash_as_output_is_standard_output() {
    let name = file_name(&sample_articles()[0]);
    let to_stdout = run(&["build", &format!("data/corpus/{name}"), "--format", "json"]);
    let to_dash = run(&[
        "build",
        &format!("data/corpus/{name}"),
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert!(to_dash.status.success(), "{}", stderr(&to_dash));
    assert_eq!(stdout(&to_dash), stdout(&to_stdout));
    assert!(!root().join("-").exists(), "wrote a file named '-'");
}
