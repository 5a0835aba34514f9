//! The exports as their real consumers read them: `../shared/tools/check-exports` (Graphviz,
//! xmllint with the GraphML and GEXF schemas, networkx, igraph) on the sample articles and on a
//! 2,000-article slice of the news corpus; CSV through Python's `csv` module; pictures through
//! Graphviz, or a message naming what to install.
//!
//! Checks that need a tool skip, with a note on standard output, when it is missing; `.ci/run`
//! installs them all.

use std::{
    fs,
    io::{BufRead, BufReader, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

use crate::util::{program_on_path, program_runs, root, run, stderr, stdout, tempdir};

/// How many corpus articles the slice check exports.
const SLICE_ARTICLES: usize = 2000;

fn python() -> String {
    std::env::var("CHECK_EXPORTS_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// What `check-exports` needs that is not here, if anything.
fn checker_missing() -> Option<String> {
    let checker = root().join("../shared/tools/check-exports");
    let missing: Vec<&str> = [
        ("../shared/tools/check-exports", checker.exists()),
        ("dot", program_runs("dot", &["-V"])),
        ("gc", program_on_path("gc")),
        ("xmllint", program_runs("xmllint", &["--version"])),
        (
            "python networkx and igraph",
            program_runs(&python(), &["-c", "import networkx, igraph"]),
        ),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    (!missing.is_empty()).then(|| missing.join(", "))
}

/// Builds `inputs` once per format into `dir`; returns the JSON graph.
fn export_all(inputs: &[&str], dir: &Path) -> Value {
    for name in ["graph.json", "graph.dot", "graph.graphml", "graph.gexf"] {
        let path = dir.join(name);
        let mut args = vec!["build"];
        args.extend_from_slice(inputs);
        args.extend_from_slice(&["-o", path.to_str().unwrap()]);
        let output = run(&args);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(fs::metadata(&path).unwrap().len() > 0, "{name} is empty");
    }
    let csv = dir.join("csv");
    let mut args = vec!["build"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--format", "csv", "-o", csv.to_str().unwrap()]);
    let output = run(&args);
    assert!(output.status.success(), "csv: {}", stderr(&output));
    serde_json::from_str(&fs::read_to_string(dir.join("graph.json")).unwrap()).unwrap()
}

/// Runs the checker on the DOT, GraphML and GEXF in `dir`; it also compares their counts.
fn assert_checker_passes(dir: &Path) {
    if let Some(missing) = checker_missing() {
        println!("skipped check-exports: missing {missing}");
        return;
    }
    let output = Command::new(root().join("../shared/tools/check-exports"))
        .arg("--dot")
        .arg(dir.join("graph.dot"))
        .arg("--graphml")
        .arg(dir.join("graph.graphml"))
        .arg("--gexf")
        .arg(dir.join("graph.gexf"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let report = format!("{}{}", stdout(&output), stderr(&output));
    println!("{report}");
    assert_eq!(output.status.code(), Some(0), "check-exports:\n{report}");
    assert!(report.contains("PASS cross.counts"), "{report}");
}

/// Reads `nodes.csv` and `edges.csv` with Python's `csv` module and checks them against the JSON.
fn assert_csv_matches_json(dir: &Path) {
    if !program_runs(&python(), &["--version"]) {
        println!("skipped the CSV check: no python3");
        return;
    }
    let script = r#"
import csv, json, sys
folder, graph = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
with open(folder + "/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(folder + "/edges.csv", newline="", encoding="utf-8") as f:
    edges = list(csv.DictReader(f))
assert len(nodes) == len(graph["nodes"]), (len(nodes), len(graph["nodes"]))
assert len(edges) == len(graph["edges"]), (len(edges), len(graph["edges"]))
assert [n["Id"] for n in nodes] == [n["id"] for n in graph["nodes"]]
assert [n["Label"] for n in nodes] == [n["label"] for n in graph["nodes"]]
for row, edge in zip(edges, graph["edges"]):
    assert (row["Source"], row["Target"], row["Kind"]) == (edge["source"], edge["target"], edge["relation"]), row
    assert row["Type"] == ("Undirected" if edge["symmetric"] else "Directed"), row
    assert abs(float(row["Weight"]) - edge["weight"]) < 1e-3, row
print(len(nodes), "nodes,", len(edges), "edges")
"#;
    let output = Command::new(python())
        .args(["-c", script])
        .arg(dir.join("csv"))
        .arg(dir.join("graph.json"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "CSV vs JSON:\n{}{}",
        stdout(&output),
        stderr(&output)
    );
}

#[test]
fn sample_exports_pass_the_checker_and_csv_matches_json() {
    let dir = tempdir("exports-samples");
    export_all(&["data/corpus"], &dir);
    assert_checker_passes(&dir);
    assert_csv_matches_json(&dir);
}

#[test]
fn corpus_slice_exports_pass_the_checker() {
    let corpus = root().join("../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz");
    let Ok(file) = fs::File::open(&corpus) else {
        println!("skipped: {} is not here", corpus.display());
        return;
    };
    let dir = tempdir("exports-slice");
    let slice = dir.join("slice.jsonl");
    let mut out = std::io::BufWriter::new(fs::File::create(&slice).unwrap());
    for line in BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .take(SLICE_ARTICLES)
    {
        writeln!(out, "{}", line.unwrap()).unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let json = export_all(&[slice.to_str().unwrap()], &dir);
    assert_eq!(json["graph"]["document_count"], SLICE_ARTICLES as u64);
    // Dated records give dated edges.
    let dated = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["first_date"].is_string())
        .count();
    assert!(dated > 0, "no dated edges");
    assert_checker_passes(&dir);
    assert_csv_matches_json(&dir);
}

#[test]
fn top_keeps_the_most_connected_actors() {
    let graph = |extra: &[&str]| -> Value {
        let mut args = vec!["build", "data/corpus", "--format", "json"];
        args.extend_from_slice(extra);
        let output = run(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    let full = graph(&[]);
    let top = graph(&["--top", "3"]);
    let ids = |g: &Value| -> Vec<String> {
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let kept = ids(&top);
    assert_eq!(kept.len(), 3);
    // Each kept actor has at least as many relation edges as any actor left out.
    let degree = |id: &str| {
        full["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["relation"] != "affiliated_with" && (e["source"] == id || e["target"] == id)
            })
            .count()
    };
    let least_kept = kept.iter().map(|id| degree(id)).min().unwrap();
    for id in ids(&full).iter().filter(|id| !kept.contains(id)) {
        assert!(
            degree(id) <= least_kept,
            "{id} has more edges than a kept actor"
        );
    }
    for edge in top["edges"].as_array().unwrap() {
        for end in ["source", "target"] {
            assert!(kept.iter().any(|id| edge[end] == id.as_str()), "{edge}");
        }
    }
}

#[test]
fn pictures_render_through_graphviz() {
    if !program_runs("dot", &["-V"]) {
        println!("skipped: no Graphviz dot");
        return;
    }
    let dir = tempdir("exports-pictures");
    for (name, magic) in [
        ("graph.png", &b"\x89PNG"[..]),
        ("graph.pdf", &b"%PDF"[..]),
        ("graph.svg", &b"<?xml"[..]),
    ] {
        let path = dir.join(name);
        let output = run(&["build", "data/corpus", "-o", path.to_str().unwrap()]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(fs::read(&path).unwrap().starts_with(magic), "{name}");
    }
    // The legend names the relations drawn; --top keeps the picture to the actors asked for.
    let svg = fs::read_to_string(dir.join("graph.svg")).unwrap();
    assert!(
        svg.contains("Legend") && svg.contains("mediates"),
        "no legend"
    );
    let path = dir.join("top.svg");
    let output = run(&[
        "build",
        "data/corpus",
        "--top",
        "4",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svg = fs::read_to_string(&path).unwrap();
    // Four actors and the legend.
    assert_eq!(svg.matches("class=\"node\"").count(), 5, "{svg}");
    let leftovers: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_picture_without_graphviz_names_the_package_and_writes_nothing() {
    let dir = tempdir("exports-no-graphviz");
    let empty_path = dir.join("bin");
    fs::create_dir_all(&empty_path).unwrap();
    let picture = dir.join("graph.png");
    let output = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["build", "data/corpus", "-o", picture.to_str().unwrap()])
        .current_dir(root())
        .env("PATH", &empty_path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("Graphviz") && err.contains("apt-get install graphviz"),
        "{err}"
    );
    let left: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn csv_needs_a_folder_and_pictures_need_a_file() {
    let output = run(&["build", "data/corpus", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("-o DIR"), "{}", stderr(&output));
    let output = run(&["build", "data/corpus", "--format", "png"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("-o graph.svg"),
        "{}",
        stderr(&output)
    );
}
