//! `actorgraph import petrarch`: PETRARCH/TABARI actor dictionaries become a data folder that
//! `check-data` passes and `--data` finds actors with.

use std::{fs, path::Path};

use crate::util::{root, run, stderr, stdout, tempdir};

const VALIDATE: &str = "tests/fixtures/petrarch/PETR.Validate.actors.txt";

fn path(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// Imports `files` into `dir`, which must succeed; returns the report printed on stderr.
fn import(files: &[&str], dir: &Path) -> String {
    let mut args = vec!["import", "petrarch"];
    args.extend(files);
    args.extend(["-o", path(dir)]);
    let output = run(&args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    err
}

/// The actor ids `actorgraph --data DIR mentions` finds in `text`, in text order.
fn mentioned(data: &Path, text: &str, scratch: &Path) -> Vec<String> {
    let doc = scratch.join("news.txt");
    fs::write(&doc, text).unwrap();
    let output = run(&["--data", path(data), "mentions", path(&doc)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .skip(1)
        .map(|line| line.split('\t').nth(4).unwrap().to_owned())
        .collect()
}

/// Node `id` -> its `country` attribute, from `build --format json` over `text`.
fn node_countries(data: &Path, text: &str, scratch: &Path) -> Vec<(String, String)> {
    let doc = scratch.join("news.txt");
    fs::write(&doc, text).unwrap();
    let output = run(&[
        "--data",
        path(data),
        "build",
        "--format",
        "json",
        path(&doc),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let graph: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().to_owned(),
                n["country"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn validation_dictionary_imports_and_its_actors_are_found() {
    let dir = tempdir("import-validate");
    let data = dir.join("data");
    let report = import(&[VALIDATE], &data);
    for expected in [
        "128 entries",
        "wrote 115 actors",
        "entries with only the null code [---]: skipped (e.g. PETR.Validate.actors.txt:50)",
        "codes that are not letters and digits",
    ] {
        assert!(report.contains(expected), "{expected:?} not in\n{report}");
    }
    let mut files: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "petrarch-countries.ron",
            "petrarch-groups.ron",
            "petrarch-media.ron",
            "petrarch-organizations.ron",
            "petrarch-persons.ron"
        ]
    );

    let output = run(&["check-data", path(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("ok: "), "{}", stdout(&output));

    let found = mentioned(
        &data,
        "Sam Gamgee told the Security Council in Minas Tirith that Russia and Iraq back Gandalf.",
        &dir,
    );
    assert_eq!(
        found,
        ["sam-gamgee", "united-nations", "GON", "RUS", "IRQ", "WIZ"]
    );

    // Importing again replaces the same files, and the folder still loads.
    import(&[VALIDATE], &data);
    let output = run(&["check-data", path(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn latin1_dictionaries_are_read_with_a_warning() {
    let dir = tempdir("import-latin1");
    let dictionary = dir.join("old.actors.txt");
    // "Wörner" in Latin-1: not UTF-8.
    fs::write(
        &dictionary,
        b"GERMANY_ [DEU]\nMANFRED_W\xd6RNER_\n\t[DEUGOV 820101-880630]\n",
    )
    .unwrap();
    let data = dir.join("data");
    let report = import(&[path(&dictionary)], &data);
    assert!(
        report.contains("not valid UTF-8 (at byte 24); read as Latin-1"),
        "{report}"
    );
    let found = mentioned(&data, "Manfred Wörner flew to Germany.", &dir);
    assert_eq!(found, ["manfred-worner", "DEU"]);
}

#[test]
fn unreadable_dictionaries_are_named_and_nothing_is_written() {
    let dir = tempdir("import-unreadable");
    let data = dir.join("data");
    let missing = dir.join("missing.actors.txt");
    let output = run(&[
        "import",
        "petrarch",
        VALIDATE,
        path(&missing),
        "-o",
        path(&data),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("{}: cannot read", missing.display())),
        "{err}"
    );
    assert!(!data.exists());
}

#[test]
fn data_that_does_not_load_with_the_import_fails() {
    // Another file in the folder claims an alias the import writes: the folder does not load.
    let dir = tempdir("import-conflict");
    let data = dir.join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(
        data.join("mine.ron"),
        r#"[(id: "mordor-inc", entity_type: organization, label: "Mordor Inc", aliases: ["Mordor"])]"#,
    )
    .unwrap();
    let output = run(&["import", "petrarch", VALIDATE, "-o", path(&data)]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("also holds mine.ron"), "{err}");
    assert!(err.contains("alias \"Mordor\""), "{err}");
    assert!(err.contains("does not load"), "{err}");
}

/// The Phoenix country dictionary, when the shared material is beside the repository.
#[test]
fn phoenix_countries_import_and_find_heads_of_state() {
    let countries = root().join("../shared/ext/petrarch2/Phoenix.Countries.actors.txt");
    if !countries.exists() {
        eprintln!("skipped: {} not found", countries.display());
        return;
    }
    let dir = tempdir("import-phoenix");
    let data = dir.join("data");
    let report = import(&[path(&countries)], &data);
    assert!(report.contains("18390 entries"), "{report}");

    let output = run(&["check-data", path(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let sentence = "Vladimir Putin met Recep Tayyip Erdogan in Ankara.";
    assert_eq!(
        mentioned(&data, sentence, &dir),
        ["vladimir-putin", "recep-tayyip-erdogan", "TUR"]
    );
    let mut nodes = node_countries(&data, sentence, &dir);
    nodes.sort();
    assert_eq!(
        nodes,
        [
            ("TUR".to_owned(), "TUR".to_owned()),
            ("recep-tayyip-erdogan".to_owned(), "TUR".to_owned()),
            ("vladimir-putin".to_owned(), "RUS".to_owned()),
        ]
    );
}
