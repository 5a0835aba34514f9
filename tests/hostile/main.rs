//! Hostile input: odd encodings, binary files, empty and enormous documents, broken records,
//! missing paths, symlink loops, closed pipes. Each case asserts what the user is told and the
//! exit status; the large ones also show the work stays linear (they finish in seconds).

#[path = "../integration/util.rs"]
#[allow(
    dead_code,
    reason = "shared with the integration tests, which use all of it"
)]
mod util;

use std::{
    fs,
    io::{Read, Write},
    path::Path,
    process::{Command, Stdio},
    time::Instant,
};

use serde_json::Value;
use util::{root, run, stderr, stdout, tempdir};

/// Builds the JSON graph of `inputs` (with `extra` flags first); returns it and standard error.
fn build(extra: &[&str], inputs: &[&Path]) -> (Value, String) {
    let mut args: Vec<String> = vec!["build".into(), "--format".into(), "json".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(inputs.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    (
        serde_json::from_str(&stdout(&output)).unwrap(),
        stderr(&output),
    )
}

fn edges(graph: &Value) -> Vec<(String, String, String)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_owned(),
                e["relation"].as_str().unwrap().to_owned(),
                e["target"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn has_edge(graph: &Value, source: &str, relation: &str, target: &str) -> bool {
    edges(graph)
        .iter()
        .any(|(s, r, t)| (s.as_str(), r.as_str(), t.as_str()) == (source, relation, target))
}

const MEETING: &str = "Iran and Russia held talks in Moscow on Monday.";

#[test]
fn encodings_are_decoded_where_clear_and_said() {
    let dir = tempdir("hostile-encodings");
    let utf16 = |big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in MEETING.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let cases: [(&str, Vec<u8>, Option<&str>); 4] = [
        (
            "utf16le.txt",
            utf16(false),
            Some("decoded as UTF-16 (little-endian"),
        ),
        (
            "utf16be.txt",
            utf16(true),
            Some("decoded as UTF-16 (big-endian"),
        ),
        (
            "latin1.txt",
            [
                b"Caf\xe9 owners said: \x93".as_slice(),
                MEETING.as_bytes(),
                b"\x94",
            ]
            .concat(),
            Some("not UTF-8; decoded as Windows-1252 (Latin-1)"),
        ),
        (
            "bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), MEETING.as_bytes()].concat(),
            None,
        ),
    ];
    for (name, bytes, note) in cases {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let (graph, err) = build(&[], &[&path]);
        assert!(has_edge(&graph, "IRN", "meets", "RUS"), "{name}: {err}");
        match note {
            Some(note) => assert!(err.contains(&format!("{name}: {note}")), "{name}: {err}"),
            None => assert!(!err.contains("decoded"), "{name}: {err}"),
        }
        // Evidence spans cut the decoded text.
        let evidence = &graph["edges"][0]["evidence"][0];
        assert!(
            evidence["text"].as_str().unwrap().contains("Russia"),
            "{name}"
        );
    }
}

#[test]
fn what_is_not_text_is_skipped_counted_and_strict_fails() {
    let dir = tempdir("hostile-not-text");
    fs::write(dir.join("good.txt"), MEETING).unwrap();
    fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(
        dir.join("broken.txt"),
        b"Iran \xe2\x80\x94 Russia \xff talks",
    )
    .unwrap();
    fs::write(dir.join("utf16-odd.txt"), b"\xFF\xFEI\0r").unwrap();
    fs::write(dir.join("undefined.txt"), b"Iran \x81 Russia").unwrap();
    let (graph, err) = build(&[], &[&dir]);
    assert!(has_edge(&graph, "IRN", "meets", "RUS"));
    for message in [
        "image.txt: a binary file (NUL byte at offset 8)",
        "broken.txt: not valid UTF-8 (first bad byte at offset 16)",
        "utf16-odd.txt: not valid UTF-16 after its byte-order mark",
        "undefined.txt: not UTF-8, UTF-16 or Windows-1252 (byte 0x81 at offset 5 fits none)",
        "1 documents read, 4 skipped (1 binary, 3 not text in a known encoding)",
    ] {
        assert!(err.contains(message), "missing {message:?} in:\n{err}");
    }

    // --strict: exit 2, and no output file.
    let out = dir.join("graph.json");
    let output = run(&[
        "--strict",
        "build",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("4 inputs were skipped (1 binary, 3 not text in a known encoding); --strict makes that an error"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}

#[test]
fn empty_and_blank_documents_are_read_and_yield_nothing() {
    let dir = tempdir("hostile-empty");
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("blank.txt"), " \n\t\r\n  \u{a0}\n").unwrap();
    let (graph, err) = build(&["--strict"], &[&dir]);
    assert_eq!(graph["graph"]["document_count"], 2);
    assert!(edges(&graph).is_empty());
    assert!(
        err.contains("2 documents read, 0 skipped, 0 mentions, 0 nodes"),
        "{err}"
    );
}

#[test]
fn json_lines_problems_name_file_and_line_and_the_rest_is_read() {
    let dir = tempdir("hostile-jsonl");
    let corpus = dir.join("corpus.jsonl");
    let good = format!(r#"{{"id": "ok", "text": "{MEETING}"}}"#);
    fs::write(
        &corpus,
        format!(
            "{good}\n{{\"id\": \"broken\", \"text\": \"unterminated\n{{\"id\": \"no-text\"}}\n{{\"id\": \"typed\", \"text\": [1, 2]}}\n\n{}\n",
            good.replace("\"ok\"", "\"ok2\"")
        ),
    )
    .unwrap();
    let (graph, err) = build(&[], &[&corpus]);
    assert_eq!(graph["graph"]["document_count"], 2);
    for message in [
        "corpus.jsonl:2: not a document record: EOF while parsing a string at column 38",
        "corpus.jsonl:3: not a document record: missing field `text` at column 17",
        "corpus.jsonl:4: not a document record: invalid type: sequence, expected a string at column 24",
        "2 documents read, 3 skipped (3 not a record)",
    ] {
        assert!(err.contains(message), "missing {message:?} in:\n{err}");
    }
    let output = run(&["build", "--strict", corpus.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn paths_that_cannot_be_read_are_named() {
    let dir = tempdir("hostile-paths");
    // A missing argument is a usage error before any work.
    let missing = dir.join("no/such/file.txt");
    let output = run(&["build", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no/such/file.txt"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());

    // Inside a folder: a dangling link is reported and skipped; a symlink loop is walked once.
    let folder = dir.join("corpus");
    fs::create_dir_all(folder.join("sub")).unwrap();
    fs::write(folder.join("sub/a.txt"), MEETING).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.txt"), folder.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("sub/loop")).unwrap();
    let (graph, err) = build(&[], &[&folder]);
    assert_eq!(graph["graph"]["document_count"], 1, "{err}");
    assert!(
        err.contains("dangling.txt: cannot read: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("1 documents read, 1 skipped (1 unreadable)"),
        "{err}"
    );
}

#[test]
fn a_200_mb_line_is_read_in_linear_time() {
    let dir = tempdir("hostile-huge-line");
    let path = dir.join("line.txt");
    let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    let filler =
        "the minister said that talks would continue next week and officials were hopeful ";
    let mut written = 0;
    while written < 200_000_000 {
        file.write_all(filler.as_bytes()).unwrap();
        written += filler.len();
    }
    // One relation at the very end, in the same line.
    file.write_all(MEETING.as_bytes()).unwrap();
    drop(file);
    let started = Instant::now();
    let (graph, err) = build(&[], &[&path]);
    println!(
        "200 MB line: {:.1} s; {err}",
        started.elapsed().as_secs_f64()
    );
    assert!(has_edge(&graph, "IRN", "meets", "RUS"), "{err}");
    fs::remove_file(&path).unwrap();
}

#[test]
fn a_sentence_of_100000_tokens_and_10000_actors_in_one_sentence_finish() {
    let dir = tempdir("hostile-long-sentences");
    // 100,000 tokens with no sentence end, then a real sentence.
    let words = "and the talks went on ".repeat(20_000);
    let long = dir.join("long.txt");
    fs::write(&long, format!("{words}. {MEETING}")).unwrap();
    // 10,000 actors in one coordinated list with one verb: an enumeration, not 50 million pairs.
    let countries = [
        "Iran", "Russia", "Syria", "Turkey", "Israel", "Egypt", "Qatar", "China",
    ];
    let list: Vec<&str> = (0..10_000)
        .map(|i| countries[i % countries.len()])
        .collect();
    let crowd = dir.join("crowd.txt");
    fs::write(
        &crowd,
        format!("{} met in Geneva. {MEETING}", list.join(", ")),
    )
    .unwrap();
    for path in [&long, &crowd] {
        let started = Instant::now();
        let (graph, err) = build(&[], &[path]);
        println!(
            "{}: {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
        assert!(has_edge(&graph, "IRN", "meets", "RUS"), "{err}");
        let evidence: u64 = graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["evidence_count"].as_u64().unwrap())
            .sum();
        assert!(
            evidence < 1000,
            "{}: {evidence} pieces of evidence",
            path.display()
        );
    }
}

#[test]
fn broken_data_files_name_path_line_col_and_never_panic() {
    let dir = tempdir("hostile-data");
    let cases = [
        (
            "unclosed.ron",
            "[ (id: \"RUS\", entity_type: country, label: \"Russia\"",
        ),
        (
            "wrong-type.ron",
            "[ (id: 5, entity_type: country, label: \"Russia\") ]",
        ),
        ("binary.ron", "\u{0}\u{1}\u{2}"),
        ("empty.ron", ""),
    ];
    for (name, text) in cases {
        let data = dir.join(name.trim_end_matches(".ron"));
        fs::create_dir_all(&data).unwrap();
        fs::write(data.join(name), text).unwrap();
        let output = run(&["--data", data.to_str().unwrap(), "mentions", "-"]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        let located = format!("{name}:");
        assert!(
            err.lines().any(|l| l.contains(&located)
                && l.split(':')
                    .filter(|p| p.trim().parse::<usize>().is_ok())
                    .count()
                    >= 2),
            "{name}: no path:line:col in\n{err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["mentions", "data/corpus", "data/corpus", "data/corpus"])
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("error") && !err.contains("panicked"), "{err}");
}

#[test]
fn the_output_is_never_an_input_and_never_half_written() {
    let dir = tempdir("hostile-outputs");
    let input = dir.join("a.txt");
    fs::write(&input, MEETING).unwrap();
    let output = run(&[
        "build",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the output file is also an input"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&input).unwrap(), MEETING);

    // A write that fails (into a folder that is not there) leaves nothing behind.
    let nowhere = dir.join("missing-folder/graph.json");
    let output = run(&[
        "build",
        input.to_str().unwrap(),
        "-o",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}
