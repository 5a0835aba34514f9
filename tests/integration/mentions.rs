//! `actorgraph mentions` on the sample articles and on edge cases of input handling.

use crate::util::{file_name, run, sample_articles, stderr, stdout, tempdir};

#[test]
fn snapshot_of_each_sample_article() {
    for article in sample_articles() {
        let name = file_name(&article);
        let output = run(&["mentions", &format!("data/corpus/{name}")]);
        assert!(output.status.success(), "{}", stderr(&output));
        insta::assert_snapshot!(format!("mentions_{name}"), stdout(&output));
    }
}

#[test]
fn jsonl_records_cut_their_text_from_the_document() {
    let output = run(&["mentions", "--format", "jsonl", "data/corpus"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut documents = std::collections::BTreeSet::new();
    for line in stdout(&output).lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let fields = [
            "doc", "sentence", "start", "end", "actor", "text", "kind", "sector",
        ];
        assert_eq!(record.as_object().unwrap().len(), fields.len());
        let positions: Vec<usize> = fields
            .iter()
            .map(|f| line.find(&format!("\"{f}\":")).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "field order in {line}"
        );
        let doc = record["doc"].as_str().unwrap();
        documents.insert(doc.to_owned());
        let text =
            std::fs::read_to_string(crate::util::root().join("data/corpus").join(doc)).unwrap();
        let (start, end) = (
            record["start"].as_u64().unwrap() as usize,
            record["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], record["text"].as_str().unwrap());
    }
    assert_eq!(documents.len(), 5);
    assert!(stderr(&output).contains("5 documents read, 0 skipped"));
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let dir = tempdir("folders");
    std::fs::create_dir_all(dir.join("b/nested")).unwrap();
    std::fs::write(dir.join("b/nested/2.txt"), "Iran spoke.").unwrap();
    std::fs::write(dir.join("a.txt"), "Israel spoke.").unwrap();
    std::fs::write(dir.join("ignored.md"), "Russia spoke.").unwrap();
    let output = run(&["mentions", dir.to_str().unwrap()]);
    assert!(output.status.success());
    let docs: Vec<String> = stdout(&output)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').take(1).collect())
        .collect();
    assert_eq!(docs, ["a.txt", "2.txt"]);
}

#[test]
fn a_missing_input_is_a_usage_error() {
    let output = run(&["mentions", "no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/file.txt"));
}

#[test]
fn standard_input() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["mentions", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Moscow and Tehran".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let out = stdout(&output);
    assert!(
        out.contains(r#""doc":"stdin""#) && out.contains(r#""actor":"IRN""#),
        "{out}"
    );
}

#[test]
fn a_shared_korean_surname_goes_to_the_kim_named_last() {
    let dir = tempdir("kim");
    let text = "Kim Jong Un met Trump. Kim Yo Jong spoke later. Kim said the talks failed.";
    std::fs::write(dir.join("named.txt"), text).unwrap();
    std::fs::write(dir.join("unnamed.txt"), "Kim said the talks failed.").unwrap();
    let output = run(&["mentions", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let kims: Vec<(String, String)> = stdout(&output)
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.get(6) == Some(&"Kim"))
        .map(|f| (f[0].to_string(), f[4].to_string()))
        .collect();
    // "Kim" alone is nobody without a full name in the document.
    assert_eq!(kims, [("named.txt".to_string(), "kim-yo-jong".to_string())]);
}
