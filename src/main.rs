//! The `actorgraph` command line: flags, files, standard streams and exit codes. The work itself
//! lives in the library crates under `crates/`.

mod data;
mod input;
mod mentions;

use std::{
    io::{self, Write},
    path::PathBuf,
    process::ExitCode,
};

use clap::{Parser, Subcommand, ValueEnum};

/// Exit status for usage errors and broken data (clap uses 2 for usage errors too).
const EXIT_USAGE_OR_DATA: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, max_term_width = 100)]
struct Cli {
    /// Use the gazetteer data in DIR (its *.ron files) instead of the data built into actorgraph.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print one line per actor mention found in the inputs.
    Mentions {
        /// Text files, folders of .txt files (read recursively, in sorted order), or - for
        /// standard input. A document's id is its file name.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,

        /// Output format.
        #[arg(long, value_enum, default_value_t = MentionFormat::Tsv)]
        format: MentionFormat,
    },
    /// Check gazetteer data and report every problem at once. Exits 2 on any problem.
    CheckData {
        /// Folder of *.ron files to check; the built-in data when absent.
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MentionFormat {
    /// Tab-separated values with a header line.
    Tsv,
    /// One JSON object per line: doc, sentence, start, end, actor, text, kind.
    Jsonl,
}

/// Errors that end a run, each with the exit status it maps to.
#[derive(Debug)]
enum Failure {
    /// Broken gazetteer data or an unusable argument: already explained, exit 2.
    UsageOrData(String),
    /// Standard output was closed by the reader (`| head`): not an error.
    BrokenPipe,
    Other(anyhow::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Other(error.into())
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Failure {
        match error.downcast_ref::<io::Error>() {
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Failure::BrokenPipe,
            _ => Failure::Other(error),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Mentions { inputs, format } => mentions::run(cli.data.as_deref(), inputs, *format),
        Command::CheckData { dir } => data::check(dir.as_deref().or(cli.data.as_deref())),
    };
    match result {
        Ok(()) | Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::UsageOrData(message)) => {
            let _ = writeln!(io::stderr(), "{message}");
            ExitCode::from(EXIT_USAGE_OR_DATA)
        }
        Err(Failure::Other(error)) => {
            let _ = writeln!(io::stderr(), "actorgraph: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
