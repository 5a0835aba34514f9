//! `extract` and `merge`, on one machine and on Spark: the graph they build equals `build`'s, byte
//! for byte, however the documents are split.
//!
//! The Spark test runs `scripts/spark_build.py` with PySpark in local mode; it skips, with a note,
//! where PySpark or Java is missing (`.ci/run` installs PySpark).

use std::{
    fs,
    io::{BufRead, BufReader, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use crate::util::{program_runs, root, run, stderr, tempdir};

/// A JSON Lines corpus for these tests: the first `n` corpus articles, or the five samples as
/// records where the corpus is absent.
fn corpus_slice(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("slice.jsonl");
    let mut out = fs::File::create(&path).unwrap();
    let corpus = root().join("../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz");
    if let Ok(file) = fs::File::open(corpus) {
        for line in BufReader::new(flate2::read::GzDecoder::new(file))
            .lines()
            .take(n)
        {
            writeln!(out, "{}", line.unwrap()).unwrap();
        }
    } else {
        for article in crate::util::sample_articles() {
            let record = serde_json::json!({
                "id": crate::util::file_name(&article),
                "text": fs::read_to_string(&article).unwrap(),
            });
            writeln!(out, "{record}").unwrap();
        }
    }
    path
}

fn build(args: &[&str]) -> Vec<u8> {
    let output = run(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output.stdout
}

#[test]
fn extract_then_merge_equals_build_in_any_grouping() {
    let dir = tempdir("spark-local");
    let slice = corpus_slice(&dir, 400);
    let text = fs::read_to_string(&slice).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 3);
    let halves = [dir.join("a.jsonl"), dir.join("b.jsonl")];
    for (path, part) in halves.iter().zip([first, second]) {
        fs::write(path, part.join("\n") + "\n").unwrap();
    }
    let parts: Vec<PathBuf> = halves
        .iter()
        .map(|half| {
            let part = half.with_extension("extract.jsonl");
            build(&[
                "extract",
                "--jsonl",
                half.to_str().unwrap(),
                "-o",
                part.to_str().unwrap(),
            ]);
            part
        })
        .collect();
    let (a, b) = (parts[0].to_str().unwrap(), parts[1].to_str().unwrap());
    for format in ["graphml", "json"] {
        let built = build(&["build", slice.to_str().unwrap(), "--format", format]);
        assert_eq!(
            build(&["merge", a, b, "--format", format]),
            built,
            "{format}"
        );
        assert_eq!(
            build(&["merge", b, a, "--format", format]),
            built,
            "{format}"
        );
    }
    // A merged part merges again to the same graph, and merging it once more changes nothing.
    let ab = dir.join("ab.jsonl");
    build(&["merge", "--jsonl", b, a, "-o", ab.to_str().unwrap()]);
    let ba = build(&["merge", "--jsonl", a, b]);
    assert_eq!(fs::read(&ab).unwrap(), ba, "parts merge in any order");
    let built = build(&["build", slice.to_str().unwrap(), "--format", "graphml"]);
    assert_eq!(
        build(&["merge", ab.to_str().unwrap(), "--format", "graphml"]),
        built
    );
    // Roll-up and the other graph options apply at the merge.
    assert_eq!(
        build(&["merge", a, b, "--format", "json", "--rollup", "country"]),
        build(&[
            "build",
            slice.to_str().unwrap(),
            "--format",
            "json",
            "--rollup",
            "country"
        ])
    );
}

#[test]
fn a_broken_part_line_is_reported_and_skipped() {
    let dir = tempdir("spark-broken-part");
    let part = dir.join("part.jsonl");
    fs::write(&part, "{\"doc\": 5}\nnot json\n").unwrap();
    let output = run(&["merge", part.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("part.jsonl:1: not a document extract"),
        "{err}"
    );
    assert!(
        err.contains("part.jsonl:2: not a document extract"),
        "{err}"
    );
    assert!(err.contains("0 documents read, 2 skipped"), "{err}");
}

#[test]
fn spark_job_writes_the_graph_build_writes() {
    let python = std::env::var("CHECK_EXPORTS_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let has_pyspark = program_runs(&python, &["-c", "import pyspark"]);
    let has_java = program_runs("java", &["-version"]);
    if !has_pyspark || !has_java {
        println!("skipped the Spark job: pyspark {has_pyspark}, java {has_java}");
        return;
    }
    let dir = tempdir("spark-job");
    let slice = corpus_slice(&dir, 600);
    // Gzipped, as corpora usually are; Spark reads it as one partition and spreads it.
    let gzipped = dir.join("slice.jsonl.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(fs::File::create(&gzipped).unwrap(), Default::default());
    encoder.write_all(&fs::read(&slice).unwrap()).unwrap();
    encoder.finish().unwrap();
    let graph = dir.join("spark.graphml");
    let output = Command::new(&python)
        .arg(root().join("scripts/spark_build.py"))
        .args(["--master", "local[2]", "--partitions", "3", "--actorgraph"])
        .arg(env!("CARGO_BIN_EXE_actorgraph"))
        .arg("--output")
        .arg(&graph)
        .arg(&gzipped)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "spark_build.py failed:\n{}",
        stderr(&output)
    );
    let built = build(&["build", gzipped.to_str().unwrap(), "--format", "graphml"]);
    assert!(
        fs::read(&graph).unwrap() == built,
        "the Spark graph differs from build's"
    );
}
