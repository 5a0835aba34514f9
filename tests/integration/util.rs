//! Running the built `actorgraph` binary from the repository root.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `actorgraph ARGS...` in the repository root, so relative paths in its output are stable.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("actorgraph runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The five sample articles, sorted.
pub fn sample_articles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

pub fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}
