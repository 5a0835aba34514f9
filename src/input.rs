//! Finding and reading input documents: text files, JSON Lines corpora (optionally gzipped),
//! folders of either, standard input; and their dates.

use std::{
    collections::HashSet,
    fmt, fs,
    io::{self, BufRead, BufReader, Read},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
};

use actorgraph_core::{find_dateline, parse_iso_date, Document};
use flate2::read::GzDecoder;
use serde::Deserialize;

use crate::{
    decode::{decode, NotText},
    Failure,
};

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

/// Why an input (a file, or one record of a JSON Lines file) was skipped. Skips are reported
/// and counted; they do not stop a run.
#[derive(Debug)]
pub(crate) enum SkipReason {
    Unreadable(io::Error),
    /// A text file that is not text (see [`decode`]).
    NotText(NotText),
    /// A JSON Lines record that is not UTF-8 (JSON must be).
    NotUtf8 {
        valid_up_to: usize,
    },
    NotARecord(String),
}

impl SkipReason {
    /// The reason's name in the run's summary ("2 skipped: 1 binary, 1 not a record").
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::NotText(NotText::Binary { .. }) => "binary",
            SkipReason::NotText(_) | SkipReason::NotUtf8 { .. } => "not text in a known encoding",
            SkipReason::NotARecord(_) => "not a record",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Unreadable(e) => write!(f, "cannot read: {e}"),
            SkipReason::NotText(why) => write!(f, "{why}"),
            SkipReason::NotUtf8 { valid_up_to } => {
                write!(
                    f,
                    "not valid UTF-8 (first bad byte at offset {valid_up_to})"
                )
            }
            SkipReason::NotARecord(why) => write!(f, "not a document record: {why}"),
        }
    }
}

/// What was skipped and why: "corpus.jsonl:17: not a document record: ...".
#[derive(Debug)]
pub(crate) struct Skip {
    pub what: String,
    pub reason: SkipReason,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped {}: {}", self.what, self.reason)
    }
}

/// Skipped inputs by reason, for the run's summary.
#[derive(Clone, Debug, Default)]
pub(crate) struct SkipTally(std::collections::BTreeMap<&'static str, usize>);

impl SkipTally {
    pub(crate) fn add(&mut self, kind: &'static str) {
        *self.0.entry(kind).or_default() += 1;
    }

    pub(crate) fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// With `--strict`, any skip is an error (exit 2), raised before any output is written.
    pub(crate) fn check_strict(&self, options: &ReadOptions) -> Result<(), Failure> {
        match self.total() {
            0 => Ok(()),
            n if options.strict => Err(Failure::UsageOrData(format!(
                "actorgraph: error: {n} {} skipped ({}); --strict makes that an error",
                if n == 1 { "input was" } else { "inputs were" },
                self.reasons()
            ))),
            _ => Ok(()),
        }
    }

    fn reasons(&self) -> String {
        self.0
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for SkipTally {
    /// "0 skipped", "3 skipped (2 binary, 1 not a record)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.total() {
            0 => f.write_str("0 skipped"),
            n => write!(f, "{n} skipped ({})", self.reasons()),
        }
    }
}

/// How to read inputs.
#[derive(Clone, Debug, Default)]
pub(crate) struct ReadOptions {
    /// The date of text documents (`--date`), checked `YYYY-MM-DD`. Records with their own date
    /// keep it.
    pub date: Option<String>,
    /// Standard input holds JSON Lines records rather than one text (`--stdin-format jsonl`).
    pub stdin_json_lines: bool,
    /// Any skipped input is an error (`--strict`).
    pub strict: bool,
}

/// The kinds of file a folder is searched for.
fn is_input_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".txt") || name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// True for `-`, which names standard input among inputs and standard output as `-o`.
pub(crate) fn is_standard_stream(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Expands the command line's inputs into the files to read, in order: each argument in turn, a
/// folder's `.txt`, `.jsonl` and `.jsonl.gz` files recursively in sorted path order. A path that
/// does not exist is a usage error, reported before any work starts.
pub(crate) fn expand(inputs: &[PathBuf]) -> Result<Vec<InputSource>, Failure> {
    let mut sources = Vec::new();
    for input in inputs {
        if is_standard_stream(input) {
            sources.push(InputSource::Stdin);
            continue;
        }
        let metadata = fs::metadata(input).map_err(|e| {
            Failure::UsageOrData(format!("actorgraph: error: {}: {e}", input.display()))
        })?;
        if metadata.is_dir() {
            let mut files = Vec::new();
            let mut visited = HashSet::new();
            collect_input_files(input, &mut files, &mut visited)?;
            files.sort();
            sources.extend(files.into_iter().map(InputSource::File));
        } else {
            sources.push(InputSource::File(input.clone()));
        }
    }
    Ok(sources)
}

fn collect_input_files(
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
            collect_input_files(&path, out, visited)?;
        } else if is_input_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one input and hands each of its documents, or each skip, to `each`, in order. A text
/// file (or standard input) is one document named by its file name; a `.jsonl` or `.jsonl.gz`
/// file holds one document per line, `{"id", "title", "date", "text"}`.
pub(crate) fn read_documents(
    source: &InputSource,
    options: &ReadOptions,
    each: &mut dyn FnMut(Result<Document, Skip>),
) {
    read_documents_counted(source, options, &AtomicU64::new(0), each);
}

/// [`read_documents`], adding to `consumed` the bytes read from disk as it goes (compressed
/// bytes for a gzipped file), for progress reports.
pub(crate) fn read_documents_counted(
    source: &InputSource,
    options: &ReadOptions,
    consumed: &AtomicU64,
    each: &mut dyn FnMut(Result<Document, Skip>),
) {
    let path = match source {
        InputSource::File(path) => path,
        InputSource::Stdin if options.stdin_json_lines => {
            read_records(io::stdin().lock(), "<stdin>", options, each);
            return;
        }
        InputSource::Stdin => {
            let mut bytes = Vec::new();
            let document = io::stdin()
                .read_to_end(&mut bytes)
                .map_err(SkipReason::Unreadable)
                .and_then(|_| text_document("stdin".to_owned(), bytes, options))
                .map_err(|reason| Skip {
                    what: source.to_string(),
                    reason,
                });
            each(document);
            return;
        }
    };
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
        read_json_lines(path, name.ends_with(".gz"), options, consumed, each);
        return;
    }
    let id = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let document = fs::read(path)
        .inspect(|bytes| {
            consumed.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        })
        .map_err(SkipReason::Unreadable)
        .and_then(|bytes| text_document(id, bytes, options))
        .map_err(|reason| Skip {
            what: source.to_string(),
            reason,
        });
    each(document);
}

/// A text document, dated by `--date` or else by the dateline near its top (which is reported,
/// since it is a guess).
fn text_document(
    id: String,
    bytes: Vec<u8>,
    options: &ReadOptions,
) -> Result<Document, SkipReason> {
    let (text, decoded) = decode(bytes).map_err(SkipReason::NotText)?;
    if let Some(note) = decoded.note() {
        eprintln!("actorgraph: {id}: {note}");
    }
    let mut document = Document::new(id, text);
    document.date = options.date.clone().or_else(|| {
        let (date, span) = find_dateline(&document.text)?;
        eprintln!(
            "actorgraph: {}: dated {date} from its dateline \"{}\"",
            document.id,
            span.slice(&document.text)
        );
        Some(date)
    });
    Ok(document)
}

/// A reader that adds what it reads to a counter.
struct Counting<'a, R> {
    inner: R,
    consumed: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// One line of a JSON Lines corpus.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

fn read_json_lines(
    path: &Path,
    gzipped: bool,
    options: &ReadOptions,
    consumed: &AtomicU64,
    each: &mut dyn FnMut(Result<Document, Skip>),
) {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            each(Err(Skip {
                what: path.display().to_string(),
                reason: SkipReason::Unreadable(e),
            }));
            return;
        }
    };
    let file = Counting {
        inner: file,
        consumed,
    };
    read_records(
        lines_of(file, gzipped),
        &path.display().to_string(),
        options,
        each,
    );
}

/// `reader` buffered for reading lines, decompressed on the way if `gzipped`.
pub(crate) fn lines_of<'a>(reader: impl Read + 'a, gzipped: bool) -> Box<dyn BufRead + 'a> {
    if gzipped {
        Box::new(BufReader::with_capacity(1 << 16, GzDecoder::new(reader)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, reader))
    }
}

/// Reads JSON Lines records from `reader`, named `name` in messages.
fn read_records(
    mut reader: impl BufRead,
    name: &str,
    options: &ReadOptions,
    each: &mut dyn FnMut(Result<Document, Skip>),
) {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let what = || format!("{name}:{number}");
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                // A damaged file (a truncated gzip stream): what was read so far counts, the rest
                // is reported once.
                each(Err(Skip {
                    what: format!("{name} from line {number} on"),
                    reason: SkipReason::Unreadable(e),
                }));
                return;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let document = std::str::from_utf8(&line)
            .map_err(|e| SkipReason::NotUtf8 {
                valid_up_to: e.valid_up_to(),
            })
            .and_then(|text| {
                serde_json::from_str::<Record>(text.trim_end_matches(['\n', '\r']))
                    .map_err(|e| SkipReason::NotARecord(json_error(&e)))
            })
            .map(|record| record_document(record, &what, options))
            .map_err(|reason| Skip {
                what: what(),
                reason,
            });
        each(document);
    }
}

/// A JSON error within one line: the message and the column ("missing field `text` at column
/// 17"); serde's line number is always 1 there.
fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |at| &message[..at]);
    format!("{message} at column {}", error.column())
}

/// A record as a document: the title is the text's first line, as on the page; the record's own
/// date wins over `--date`, and a date that is not a day is reported and dropped.
///
/// `place` names the record ("file:line"), made only when needed: most records carry an id.
fn record_document(record: Record, place: &dyn Fn() -> String, options: &ReadOptions) -> Document {
    let id = match record.id {
        Some(serde_json::Value::String(id)) if !id.is_empty() => id,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => place(),
    };
    let text = match record.title.filter(|t| !t.trim().is_empty()) {
        // Not `format!`: it sizes its buffer from the literal pieces alone and grows it
        // through the text, copying an article several times.
        Some(mut title) => {
            title.reserve_exact(2 + record.text.len());
            title.push_str("\n\n");
            title.push_str(&record.text);
            title
        }
        None => record.text,
    };
    let mut document = Document::new(id, text);
    document.date = match record.date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(date) => {
            let parsed = parse_iso_date(date);
            if parsed.is_none() {
                eprintln!(
                    "actorgraph: {}: date \"{date}\" is not a day as YYYY-MM-DD; left undated",
                    place()
                );
            }
            parsed
        }
        None => options.date.clone(),
    };
    document
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
