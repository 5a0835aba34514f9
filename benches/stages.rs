//! Criterion benchmarks of the pipeline's stages: sentence splitting, gazetteer matching (with
//! the seed data of the first release and with the shipped world data, to show matching cost is
//! nearly flat in the number of aliases), relation extraction, merging and export.
//!
//! Text: the sample articles, plus the first articles of `../shared/ext/corpus/` when it is
//! there. Run with `cargo bench --bench stages` (or `just bench-stages`).

use std::{fs, io::BufRead, path::Path};

use actorgraph_core::{split_sentences, ActorId};
use actorgraph_gazetteer::{Analysis, DataSource, Gazetteer};
use actorgraph_graph::{DocumentExtract, GraphBuilder, GraphOptions, NodeCatalog, NodeInfo};
use actorgraph_relations::{DocumentInput, RelationRules};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

include!(concat!(env!("OUT_DIR"), "/shipped_data.rs"));

/// Articles from the real corpus to add to the samples, when it is available.
const CORPUS_ARTICLES: usize = 400;

fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut samples: Vec<_> = fs::read_dir(root.join("data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    for path in samples {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        texts.push((name, fs::read_to_string(&path).unwrap()));
    }
    let corpus = root.join("../shared/ext/corpus/allsides_news_2012_2020.jsonl.gz");
    if let Ok(file) = fs::File::open(corpus) {
        let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
        for line in reader.lines().take(CORPUS_ARTICLES) {
            let record: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let id = record["id"].as_str().unwrap().to_owned();
            let text = format!(
                "{}\n\n{}",
                record["title"].as_str().unwrap_or(""),
                record["text"].as_str().unwrap_or("")
            );
            texts.push((id, text));
        }
    }
    texts
}

fn gazetteer_from_dir(dir: &Path) -> Gazetteer {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let loaded: Vec<(String, String)> = files
        .iter()
        .map(|p| (p.display().to_string(), fs::read_to_string(p).unwrap()))
        .collect();
    let sources: Vec<DataSource<'_>> = loaded
        .iter()
        .map(|(path, text)| DataSource { path, text })
        .collect();
    Gazetteer::from_sources(&sources).unwrap()
}

fn shipped_gazetteer() -> Gazetteer {
    let sources: Vec<DataSource<'_>> = SHIPPED_DATA
        .iter()
        .map(|&(path, text)| DataSource { path, text })
        .collect();
    Gazetteer::from_sources(&sources).unwrap()
}

struct Catalog<'g>(&'g Gazetteer);

impl NodeCatalog for Catalog<'_> {
    fn node_info(&self, id: &ActorId) -> NodeInfo {
        let Some(actor) = self.0.actor(id.as_str()) else {
            return NodeInfo::default();
        };
        NodeInfo {
            label: actor.label.clone(),
            entity_type: Some(actor.entity_type),
            country: actor.country.clone(),
            affiliation: actor.affiliation.clone(),
            role: actor.roles.last().map(|r| r.title.clone()),
            aliases: actor.aliases.clone(),
        }
    }
}

/// What the relation stage reads of one analyzed, undated document.
fn input<'a>(id: &'a str, text: &'a str, analysis: &'a Analysis) -> DocumentInput<'a> {
    DocumentInput {
        id,
        date: None,
        text,
        sentences: &analysis.sentences,
        mentions: &analysis.mentions,
    }
}

fn stages(c: &mut Criterion) {
    let texts = texts();
    let bytes: u64 = texts.iter().map(|(_, t)| t.len() as u64).sum();
    let seed = gazetteer_from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-gazetteer"),
    );
    let world = shipped_gazetteer();
    let rules = RelationRules::from_ron(SHIPPED_RULES.0, SHIPPED_RULES.1).unwrap();

    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(_, t)| split_sentences(t, &[]).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes(bytes));
    for (name, gazetteer) in [("seed", &seed), ("world", &world)] {
        let label = format!("{name}-{}-patterns", gazetteer.pattern_count());
        group.bench_function(BenchmarkId::new("analyze", label), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|(_, t)| gazetteer.analyze(t).mentions.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    let analyses: Vec<_> = texts.iter().map(|(_, t)| world.analyze(t)).collect();
    let mut group = c.benchmark_group("relations");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("extract", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&analyses)
                .map(|((id, text), analysis)| {
                    rules
                        .extract(&input(id, text, analysis), &world)
                        .evidence
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();

    let extracts: Vec<DocumentExtract> = texts
        .iter()
        .zip(&analyses)
        .map(|((id, text), analysis)| {
            let extraction = rules.extract(&input(id, text, analysis), &world);
            let mut mention_counts = std::collections::BTreeMap::new();
            for m in &analysis.mentions {
                *mention_counts.entry(m.actor.clone()).or_insert(0) += 1;
            }
            DocumentExtract {
                doc: id.clone(),
                date: None,
                mention_counts,
                evidence: extraction.evidence,
                affiliations: extraction.affiliations,
            }
        })
        .collect();
    let mut group = c.benchmark_group("merge");
    group.throughput(Throughput::Elements(extracts.len() as u64));
    group.bench_function("add-and-finish", |b| {
        b.iter(|| {
            let mut builder = GraphBuilder::new();
            for extract in &extracts {
                builder.add(extract.clone());
            }
            builder
                .finish(&Catalog(&world), &GraphOptions::default())
                .graph
                .edge_count()
        })
    });
    group.finish();

    let mut builder = GraphBuilder::new();
    for extract in &extracts {
        builder.add(extract.clone());
    }
    let graph = builder.finish(&Catalog(&world), &GraphOptions::default());
    let mut group = c.benchmark_group("export");
    for format in actorgraph_export::Format::ALL {
        group.bench_function(format.extension(), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                actorgraph_export::write(format, &graph, &mut out).unwrap();
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(4));
    targets = stages
}
criterion_main!(benches);
