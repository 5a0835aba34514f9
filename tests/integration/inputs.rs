//! Inputs beyond text files and their dates: JSON Lines corpora (plain and gzipped), `--date`,
//! datelines, and records that cannot be read.

use std::{fs, io::Write};

use serde_json::Value;

use crate::util::{run, stderr, stdout, tempdir};

const RECORDS: &str = r#"{"id": "a1", "title": "Iran and Russia meet", "date": "2019-03-04", "text": "Iran and Russia held talks in Moscow."}
{"id": "a2", "title": "", "date": "2020-11-30", "text": "Iran and Russia held talks again. Israel attacked Syria."}

not json at all
{"id": "a3", "text": 5}
{"id": 4, "date": "2020-13-01", "text": "Turkey condemned Israel."}
"#;

fn graph(args: &[&str]) -> (Value, String) {
    let output = run(args);
    assert!(output.status.success(), "{}", stderr(&output));
    (
        serde_json::from_str(&stdout(&output)).unwrap(),
        stderr(&output),
    )
}

fn edge<'a>(graph: &'a Value, source: &str, relation: &str, target: &str) -> &'a Value {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == source && e["relation"] == relation && e["target"] == target)
        .unwrap_or_else(|| panic!("no edge {source} {relation} {target}"))
}

#[test]
fn json_lines_records_are_documents_with_their_dates() {
    let dir = tempdir("inputs-jsonl");
    let plain = dir.join("corpus.jsonl");
    fs::write(&plain, RECORDS).unwrap();
    let gzipped = dir.join("corpus.jsonl.gz");
    let mut encoder =
        flate2::write::GzEncoder::new(fs::File::create(&gzipped).unwrap(), Default::default());
    encoder.write_all(RECORDS.as_bytes()).unwrap();
    encoder.finish().unwrap();

    let (json, err) = graph(&["build", "--format", "json", plain.to_str().unwrap()]);
    // Three records read; two lines skipped with their line numbers; a bad date reported.
    assert_eq!(json["graph"]["document_count"], 3, "{err}");
    assert!(
        err.contains("corpus.jsonl:4: not a document record"),
        "{err}"
    );
    assert!(
        err.contains("corpus.jsonl:5: not a document record"),
        "{err}"
    );
    assert!(err.contains("3 documents read, 2 skipped"), "{err}");
    assert!(err.contains("corpus.jsonl:6: date \"2020-13-01\""), "{err}");

    let meets = edge(&json, "IRN", "meets", "RUS");
    assert_eq!(meets["first_date"], "2019-03-04");
    assert_eq!(meets["last_date"], "2020-11-30");
    assert_eq!(meets["article_count"], 2);
    let docs: Vec<&str> = meets["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["doc"].as_str().unwrap())
        .collect();
    assert!(docs.contains(&"a1") && docs.contains(&"a2"), "{docs:?}");
    let attacks = edge(&json, "ISR", "attacks", "SYR");
    assert_eq!(attacks["first_date"], "2020-11-30");
    // A numeric id is kept; an undated record leaves its edge undated.
    let condemns = edge(&json, "TUR", "opposes", "ISR");
    assert_eq!(condemns["evidence"][0]["doc"], "4");
    assert_eq!(condemns["first_date"], Value::Null);
    // The title is the first line of the text, as on the page: evidence spans index into it.
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "IRN")
        .unwrap();
    assert_eq!(node["first_date"], "2019-03-04");

    let (from_gzip, _) = graph(&["build", "--format", "json", gzipped.to_str().unwrap()]);
    assert_eq!(from_gzip, json, "a gzipped corpus reads the same");
}

#[test]
fn text_files_take_date_flag_or_dateline() {
    let dir = tempdir("inputs-dates");
    fs::write(
        dir.join("dated.txt"),
        "Iran and Russia meet\n\nJuly 10, 2018 at 9:00 am\n\nIran and Russia held talks.",
    )
    .unwrap();
    fs::write(dir.join("plain.txt"), "Israel attacked Syria.").unwrap();
    let folder = dir.to_str().unwrap();

    let (json, err) = graph(&["build", "--format", "json", folder]);
    assert!(
        err.contains("dated.txt: dated 2018-07-10 from its dateline \"July 10, 2018\""),
        "{err}"
    );
    assert_eq!(
        edge(&json, "IRN", "meets", "RUS")["first_date"],
        "2018-07-10"
    );
    assert_eq!(
        edge(&json, "ISR", "attacks", "SYR")["first_date"],
        Value::Null
    );

    // --date dates every text document and wins over a dateline, silently.
    let (json, err) = graph(&["build", "--format", "json", "--date", "2024-02-29", folder]);
    assert!(!err.contains("dateline"), "{err}");
    assert_eq!(
        edge(&json, "IRN", "meets", "RUS")["first_date"],
        "2024-02-29"
    );
    assert_eq!(
        edge(&json, "ISR", "attacks", "SYR")["last_date"],
        "2024-02-29"
    );

    for bad in ["2023-02-29", "10/07/2018", "2018-7-10"] {
        let output = run(&["build", "--date", bad, folder]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("is not a date as YYYY-MM-DD"),
            "{bad}"
        );
    }
}

#[test]
fn a_damaged_gzip_keeps_what_was_read_and_reports_the_rest() {
    let dir = tempdir("inputs-damaged-gzip");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), Default::default());
    for i in 0..200 {
        writeln!(
            encoder,
            r#"{{"id": "d{i}", "text": "Iran and Russia held talks in round {i}."}}"#
        )
        .unwrap();
    }
    let bytes = encoder.finish().unwrap();
    let path = dir.join("cut.jsonl.gz");
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let output = run(&["build", "--format", "json", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("cut.jsonl.gz from line"), "{err}");
    assert!(err.contains("1 skipped"), "{err}");
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let read = json["graph"]["document_count"].as_u64().unwrap();
    assert!((1..200).contains(&read), "{read}");
}
