//! `actorgraph eval`: scores the tool against a gold annotation, one graph per document.

use std::{fs, path::PathBuf};

use actorgraph_core::parse_iso_date;
use actorgraph_eval::{score, EvalDocument, Gold, SentenceActors};
use actorgraph_graph::{GraphBuilder, GraphOptions};

use crate::{
    input,
    pipeline::{Catalog, Pipeline},
    Failure,
};

/// Builds each input's graph alone, scores them against `gold_path` and prints the table (and,
/// with `per_doc`, every missed and spurious triple with its sentences). With `min_f1`, a
/// relations F1 below it is an error (exit 1), so the command can guard quality in scripts.
pub(crate) fn eval(
    pipeline: &Pipeline,
    gold_path: &PathBuf,
    inputs: &[PathBuf],
    read_options: &input::ReadOptions,
    options: &GraphOptions,
    per_doc: bool,
    min_f1: Option<f64>,
) -> Result<(), Failure> {
    let text = fs::read_to_string(gold_path).map_err(|e| {
        Failure::UsageOrData(format!("actorgraph: error: {}: {e}", gold_path.display()))
    })?;
    let gold = Gold::from_json(&text).map_err(|e| {
        Failure::UsageOrData(format!(
            "actorgraph: error: {}:{}:{}: not a gold file: {e}",
            gold_path.display(),
            e.line(),
            e.column()
        ))
    })?;
    let mut read = Vec::new();
    for source in input::expand(inputs)? {
        input::read_documents(&source, read_options, &mut |document| match document {
            Ok(mut document) => {
                let Some(gold_document) = gold.documents.iter().find(|d| d.file == document.id)
                else {
                    return;
                };
                // A text file carries no date; the gold knows the article's, and roll-up
                // depends on it (who held office then).
                if document.date.is_none() {
                    document.date = gold_document.date.as_deref().and_then(parse_iso_date);
                }
                read.push(document);
            }
            Err(skip) => eprintln!("actorgraph: {skip}"),
        });
    }
    let mut documents = Vec::new();
    for document in read {
        let (analysis, extract) = pipeline.analyze_and_extract(&document);
        let sentences = analysis
            .sentences
            .iter()
            .enumerate()
            .map(|(index, span)| SentenceActors {
                index,
                text: span.slice(&document.text).to_owned(),
                actors: analysis
                    .mentions
                    .iter()
                    .filter(|m| m.sentence == index)
                    .map(|m| m.actor.to_string())
                    .collect(),
            })
            .collect();
        let mut builder = GraphBuilder::new();
        builder.add(extract);
        documents.push(EvalDocument {
            file: document.id.clone(),
            graph: builder.finish(&Catalog(&pipeline.gazetteer), options),
            sentences,
        });
    }
    let report = score(&gold, &documents);
    if per_doc {
        print!("{}", report.details());
    }
    print!("{}", report.table());
    let (_, _, f1) = report.relations.prf();
    match min_f1 {
        Some(floor) if f1 < floor => Err(Failure::Other(anyhow::anyhow!(
            "relations F1 {f1:.3} is below --min-f1 {floor}"
        ))),
        _ => Ok(()),
    }
}
