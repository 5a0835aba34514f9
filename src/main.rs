//! The `actorgraph` command line: flags, files, standard streams and exit codes. The work itself
//! lives in the library crates under `crates/`.

mod data;
mod decode;
mod distributed;
mod eval_command;
mod graph_command;
mod import;
mod input;
mod mentions;
mod output;
mod parallel;
mod pipeline;

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand, ValueEnum};

/// The pipeline allocates many small, short-lived vectors per sentence; mimalloc serves them
/// from per-thread pages, which the system allocator does not. Built without transparent huge
/// pages (feature `no_thp`): the kernel zeroes each huge page whole on first touch, which on the
/// whole news corpus cost about 0.2 s of system time and 20 MB of peak memory for no gain.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status for usage errors and broken data (clap uses 2 for usage errors too).
const EXIT_USAGE_OR_DATA: u8 = 2;

#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, max_term_width = 100)]
struct Cli {
    /// Use the gazetteer data in DIR (its *.ron files) instead of the data built into actorgraph.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    /// Use the relation rules in FILE instead of the rules built into actorgraph.
    #[arg(long, global = true, value_name = "FILE")]
    rules: Option<PathBuf>,

    /// Worker threads for reading documents (default: one per core). Output does not depend on
    /// it.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,

    /// What standard input (`-`) holds: one text document, or JSON Lines records.
    #[arg(long, global = true, value_enum, default_value_t = StdinFormat::Text)]
    stdin_format: StdinFormat,

    /// Treat any skipped input (unreadable, not text, a broken record) as an error: exit 2
    /// without writing output.
    #[arg(long, global = true)]
    strict: bool,

    /// Date text documents YYYY-MM-DD (JSON Lines records keep their own date). Without it, a
    /// text file is dated by a dateline near its top when it has one.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print one line per actor mention found in the inputs.
    Mentions {
        /// Text files, JSON Lines corpora (.jsonl, .jsonl.gz: one {"id", "title", "date", "text"}
        /// per line), folders of them (read recursively, in sorted order), or - for standard
        /// input. A text document's id is its file name; a record's, its id.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,

        /// Output format.
        #[arg(long, value_enum, default_value_t = MentionFormat::Tsv)]
        format: MentionFormat,
    },
    /// Build the actor graph of the inputs and write it as JSON, DOT, GraphML, GEXF, CSV or a
    /// picture.
    Build {
        /// Text files, JSON Lines corpora (.jsonl, .jsonl.gz), folders of them, or - for
        /// standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,

        /// Write to FILE (atomically) instead of standard output (- is standard output); its
        /// extension gives the format: .json, .dot, .graphml, .gexf, or a picture .svg, .png,
        /// .pdf (needs Graphviz). For --format csv, a folder.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// Output format; DOT when writing to standard output.
        #[arg(long, value_enum)]
        format: Option<GraphFormat>,

        /// Keep only the N most connected actors and the edges among them, so a picture of a
        /// large corpus stays readable.
        #[arg(long, value_name = "N")]
        top: Option<usize>,

        #[command(flatten)]
        graph: GraphFlags,
    },
    /// Read the inputs and write each document's extract (mention counts, evidence,
    /// affiliations) as one JSON line, for `merge` to build the graph from, on this machine or
    /// after a distributed run.
    Extract {
        /// Text files, JSON Lines corpora, folders of them, or - for standard input (see
        /// --stdin-format).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,

        /// Write to FILE (atomically) instead of standard output (- is standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// Write JSON Lines (the only format; accepted so scripts can say so).
        #[arg(long)]
        jsonl: bool,
    },
    /// Build the graph from extract parts (files, .gz, or - for standard input), as `build`
    /// would from the documents; with --jsonl, write the parts again as one sorted part.
    Merge {
        #[arg(required = true, value_name = "PART")]
        parts: Vec<PathBuf>,

        /// Write to FILE (atomically) instead of standard output (- is standard output); its
        /// extension gives the format.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// Output format of the graph; DOT when writing to standard output.
        #[arg(long, value_enum, conflicts_with = "jsonl")]
        format: Option<GraphFormat>,

        /// Write one merged part (JSON Lines) instead of the graph.
        #[arg(long)]
        jsonl: bool,

        /// Keep only the N most connected actors and the edges among them.
        #[arg(long, value_name = "N")]
        top: Option<usize>,

        #[command(flatten)]
        graph: GraphFlags,
    },
    /// Print each edge touching ACTOR (or joining two actors) with the sentences behind it.
    Explain {
        /// ACTOR [ACTOR] INPUT...: actor ids or names, then inputs.
        #[arg(required = true, num_args = 2.., value_name = "ACTOR_OR_INPUT")]
        args: Vec<String>,

        #[command(flatten)]
        graph: GraphFlags,
    },
    /// Score the tool against a gold annotation: precision, recall and F1 per relation and for
    /// entities, after roll-up to countries. Each input is read on its own.
    Eval {
        /// Gold annotation in the format of shared/gold/seeds.json.
        #[arg(long, value_name = "GOLD.json")]
        gold: PathBuf,

        /// The annotated documents: files or folders; a document's id (file name) must match
        /// the gold's `file`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,

        /// List every missed and spurious triple beside the sentences behind it.
        #[arg(long)]
        per_doc: bool,

        /// Exit 1 if the relations F1 is below this.
        #[arg(long, value_name = "X")]
        min_f1: Option<f64>,

        #[command(flatten)]
        graph: GraphFlags,
    },
    /// Check gazetteer data and report every problem at once. Exits 2 on any problem.
    CheckData {
        /// Folder of *.ron files to check; the built-in data when absent.
        dir: Option<PathBuf>,
    },
    /// Convert actor dictionaries of other tools into gazetteer data (use it with --data DIR).
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// PETRARCH/TABARI actor dictionaries (Phoenix *.actors.txt): writes petrarch-*.ron into DIR
    /// and checks that DIR loads; exits 2 if it does not.
    Petrarch {
        /// Dictionaries, in priority order: earlier files keep an alias two files claim.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// Folder to write into (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// networkx node-link JSON with every edge's evidence.
    Json,
    /// Graphviz DOT.
    Dot,
    /// GraphML for networkx and igraph (Gephi merges parallel relations on import).
    Graphml,
    /// GEXF 1.3 for Gephi: relations kept apart by edge kind, dates for the timeline.
    Gexf,
    /// nodes.csv and edges.csv in the folder -o names, for Gephi's spreadsheet import and
    /// Neo4j's LOAD CSV.
    Csv,
    /// A picture, rendered by Graphviz's dot.
    Svg,
    Png,
    Pdf,
}

impl From<GraphFormat> for graph_command::OutputFormat {
    fn from(format: GraphFormat) -> graph_command::OutputFormat {
        use actorgraph_export::Format;
        use graph_command::{OutputFormat, Picture};
        match format {
            GraphFormat::Json => OutputFormat::Export(Format::Json),
            GraphFormat::Dot => OutputFormat::Export(Format::Dot),
            GraphFormat::Graphml => OutputFormat::Export(Format::Graphml),
            GraphFormat::Gexf => OutputFormat::Export(Format::Gexf),
            GraphFormat::Csv => OutputFormat::Csv,
            GraphFormat::Svg => OutputFormat::Picture(Picture::Svg),
            GraphFormat::Png => OutputFormat::Picture(Picture::Png),
            GraphFormat::Pdf => OutputFormat::Picture(Picture::Pdf),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum StdinFormat {
    /// One text document.
    Text,
    /// One {"id", "title", "date", "text"} record per line.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RollupFlag {
    /// Every actor is a node.
    None,
    /// Persons and agencies fold into the country they act for.
    Country,
}

/// How evidence becomes edges.
#[derive(Debug, clap::Args)]
struct GraphFlags {
    /// Fold actors before building edges.
    #[arg(long, value_enum, default_value_t = RollupFlag::None)]
    rollup: RollupFlag,

    /// Drop relation edges with fewer pieces of evidence.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_evidence: usize,

    /// Ignore evidence below this confidence (0-1): trades recall for precision.
    #[arg(long, default_value_t = 0.0, value_name = "X")]
    min_confidence: f64,
}

impl GraphFlags {
    fn options(&self) -> actorgraph_graph::GraphOptions {
        actorgraph_graph::GraphOptions {
            rollup: match self.rollup {
                RollupFlag::None => actorgraph_graph::Rollup::None,
                RollupFlag::Country => actorgraph_graph::Rollup::Country,
            },
            min_evidence: self.min_evidence,
            min_confidence: self.min_confidence,
        }
    }
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

fn parse_date(text: &str) -> Result<String, String> {
    actorgraph_core::parse_iso_date(text)
        .filter(|date| date == text)
        .ok_or_else(|| format!("\"{text}\" is not a date as YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let read = input::ReadOptions {
        date: cli.date.clone(),
        stdin_json_lines: cli.stdin_format == StdinFormat::Jsonl,
        strict: cli.strict,
    };
    // What every command that reads documents into a graph shares.
    let graph_args = |options| graph_command::GraphArgs {
        data: cli.data.as_deref(),
        rules: cli.rules.as_deref(),
        read: read.clone(),
        threads: cli.threads.map(usize::from),
        options,
    };
    let result = match &cli.command {
        Command::Mentions { inputs, format } => {
            mentions::run(cli.data.as_deref(), inputs, &read, *format)
        }
        Command::Build {
            inputs,
            output,
            format,
            top,
            graph,
        } => {
            let args = graph_args(graph.options());
            graph_command::build(
                &args,
                inputs,
                stdout_if_dash(output.as_deref()),
                format.map(Into::into),
                *top,
            )
        }
        Command::Extract {
            inputs,
            output,
            jsonl: _,
        } => {
            let args = graph_args(actorgraph_graph::GraphOptions::default());
            distributed::extract(&args, inputs, stdout_if_dash(output.as_deref()))
        }
        Command::Merge {
            parts,
            output,
            format,
            jsonl,
            top,
            graph,
        } => {
            let args = graph_args(graph.options());
            let how = if *jsonl {
                distributed::MergeOutput::Part
            } else {
                distributed::MergeOutput::Graph(format.map(Into::into))
            };
            distributed::merge(&args, parts, stdout_if_dash(output.as_deref()), how, *top)
        }
        Command::Explain { args, graph } => {
            graph_command::explain(&graph_args(graph.options()), args)
        }
        Command::Eval {
            gold,
            inputs,
            per_doc,
            min_f1,
            graph,
        } => pipeline::Pipeline::load(cli.data.as_deref(), cli.rules.as_deref()).and_then(|p| {
            eval_command::eval(&p, gold, inputs, &read, &graph.options(), *per_doc, *min_f1)
        }),
        Command::CheckData { dir } => {
            data::check(dir.as_deref().or(cli.data.as_deref()), cli.rules.as_deref())
        }
        Command::Import(ImportCommand::Petrarch { files, output }) => {
            import::petrarch(files, output)
        }
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

/// `-o -` means standard output, as `-` does for inputs: never a file named "-".
fn stdout_if_dash(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| !input::is_standard_stream(path))
}
