//! `actorgraph check-data`: the shipped data is clean; each broken fixture is reported at
//! `path:line:col` with exit status 2.

use crate::util::{run, stderr, stdout};

#[test]
fn shipped_data_is_clean() {
    let output = run(&["check-data"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("ok: built-in data"));
    let output = run(&["check-data", "data/gazetteer"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn broken_data_is_reported_at_path_line_col() {
    for case in [
        "unknown-field",
        "missing-bracket",
        "duplicate-id",
        "alias-conflict",
        "bad-affiliation",
    ] {
        let dir = format!("tests/fixtures/broken-data/{case}");
        let output = run(&["check-data", &dir]);
        assert_eq!(output.status.code(), Some(2), "{case}");
        let err = stderr(&output);
        assert!(err.contains(&format!("{dir}/")), "{case}: no path in {err}");
        insta::assert_snapshot!(format!("check_data_{case}"), err);
        // The same data given to a working command fails the same way.
        let output = run(&["--data", &dir, "mentions", "data/corpus"]);
        assert_eq!(output.status.code(), Some(2), "{case}");
        assert_eq!(stderr(&output), err);
    }
}
