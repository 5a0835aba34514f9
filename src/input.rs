//! Finding and reading input documents: files, folders of `.txt` files, standard input.

use std::{
    collections::HashSet,
    fmt, fs,
    io::{self, Read},
    path::{Path, PathBuf},
};

use actorgraph_core::Document;

use crate::Failure;

/// One input to read, after folders have been expanded.
#[derive(Debug)]
pub(crate) enum InputSource {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for InputSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputSource::Stdin => f.write_str("<stdin>"),
            InputSource::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Why an input was skipped. Skips are reported and counted; they do not stop a run.
#[derive(Debug)]
pub(crate) enum SkipReason {
    Unreadable(io::Error),
    NotUtf8 { valid_up_to: usize },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(e) => write!(f, "cannot read: {e}"),
            SkipReason::NotUtf8 { valid_up_to } => {
                write!(
                    f,
                    "not valid UTF-8 (first bad byte at offset {valid_up_to})"
                )
            }
        }
    }
}

/// Expands the command line's inputs into the files to read, in order: each argument in turn, a
/// folder's `.txt` files recursively in sorted path order. A path that does not exist is a usage
/// error, reported before any work starts.
pub(crate) fn expand(inputs: &[PathBuf]) -> Result<Vec<InputSource>, Failure> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(InputSource::Stdin);
            continue;
        }
        let metadata = fs::metadata(input).map_err(|e| {
            Failure::UsageOrData(format!("actorgraph: error: {}: {e}", input.display()))
        })?;
        if metadata.is_dir() {
            let mut files = Vec::new();
            let mut visited = HashSet::new();
            collect_txt_files(input, &mut files, &mut visited)?;
            files.sort();
            sources.extend(files.into_iter().map(InputSource::File));
        } else {
            sources.push(InputSource::File(input.clone()));
        }
    }
    Ok(sources)
}

fn collect_txt_files(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
) -> Result<(), Failure> {
    // A folder reached twice (through a symlink loop) is walked once.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        return Ok(());
    }
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::UsageOrData(format!("actorgraph: error: {}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| {
                Failure::UsageOrData(format!("actorgraph: error: {}: {e}", dir.display()))
            })?
            .path();
        if path.is_dir() {
            collect_txt_files(&path, out, visited)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one input as a document whose id is the file name.
pub(crate) fn read(source: &InputSource) -> Result<Document, SkipReason> {
    let (id, bytes) = match source {
        InputSource::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(SkipReason::Unreadable)?;
            ("stdin".to_owned(), bytes)
        }
        InputSource::File(path) => {
            let bytes = fs::read(path).map_err(SkipReason::Unreadable)?;
            let id = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            (id, bytes)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| SkipReason::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    Ok(Document::new(id, text))
}

/// Refuses to write the output over one of the inputs.
pub(crate) fn refuse_output_among_inputs(
    output: &Path,
    sources: &[InputSource],
) -> Result<(), Failure> {
    let Ok(output) = fs::canonicalize(output) else {
        return Ok(());
    };
    for source in sources {
        if let InputSource::File(path) = source {
            if fs::canonicalize(path).is_ok_and(|p| p == output) {
                return Err(Failure::UsageOrData(format!(
                    "actorgraph: error: {}: the output file is also an input",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}
