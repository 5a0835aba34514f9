//! Scoring actor graphs against a gold annotation, as `shared/tools/eval-gold` does.
//!
//! The gold format is `shared/gold/`'s: documents with required `entities` and `relations`,
//! `optional_entities` and `optional` triples (neither rewarded nor penalized), `affiliations`
//! that roll persons and agencies up to countries, and `names` (surface forms) that let a node be
//! matched by its label. Scoring follows the Python tool exactly, so the two print the same table:
//!
//! - a node matches a gold id by its id, else by its label against the gold ids and names, else
//!   by its id against them, compared case-, accent- and punctuation-insensitively;
//! - relations are rolled up to countries: the gold affiliation first, then the node's own
//!   `country` or `affiliation` when that is an ISO alpha-3 code;
//! - symmetric relations compare as unordered pairs; a triple whose ends roll up to one actor is
//!   dropped; counts are micro-averaged over documents.
//!
//! On top of the Python tool's report, a document's missed and spurious triples come with the
//! sentences behind them: the evidence of a spurious edge, and the sentences that name both
//! parties of a missed one.

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt::{self, Write as _},
};

use actorgraph_core::{actor::is_country_code, Relation};
use actorgraph_graph::{ActorGraph, EdgeKind};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// `(source, relation, target)`, rolled up and, for symmetric relations, ordered.
pub type Triple = (String, String, String);

/// One annotated document.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldDocument {
    pub file: String,
    /// The article's date, `YYYY-MM-DD`, for an input that does not carry its own.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub entities: Vec<String>,
    #[serde(default)]
    pub optional_entities: Vec<String>,
    #[serde(default)]
    pub relations: Vec<[String; 3]>,
    #[serde(default)]
    pub optional: Vec<[String; 3]>,
    #[serde(default)]
    affiliations: BTreeMap<String, String>,
    #[serde(default)]
    names: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum GoldFile {
    Object {
        documents: Vec<GoldDocument>,
        #[serde(default)]
        affiliations: BTreeMap<String, String>,
        #[serde(default)]
        names: BTreeMap<String, Vec<String>>,
    },
    List(Vec<GoldDocument>),
}

/// A gold annotation, ready to score against.
#[derive(Clone, Debug)]
pub struct Gold {
    pub documents: Vec<GoldDocument>,
    affiliations: BTreeMap<String, String>,
    ids: BTreeSet<String>,
    /// Folded id or surface form -> gold id.
    aliases: BTreeMap<String, String>,
}

impl Gold {
    /// Parses a gold file: an object with `documents` (and optional `affiliations`, `names`),
    /// or a list of documents, each of which may carry its own `affiliations` and `names`.
    pub fn from_json(text: &str) -> Result<Gold, serde_json::Error> {
        let (documents, mut affiliations, mut names) = match serde_json::from_str(text)? {
            GoldFile::Object {
                documents,
                affiliations,
                names,
            } => (documents, affiliations, names),
            GoldFile::List(documents) => (documents, BTreeMap::new(), BTreeMap::new()),
        };
        for document in &documents {
            affiliations.extend(document.affiliations.clone());
            for (id, forms) in &document.names {
                names
                    .entry(id.clone())
                    .or_default()
                    .extend(forms.iter().cloned());
            }
        }
        let mut ids: BTreeSet<String> = affiliations.keys().cloned().collect();
        ids.extend(names.keys().cloned());
        for document in &documents {
            ids.extend(document.entities.iter().cloned());
            ids.extend(document.optional_entities.iter().cloned());
            for [s, _, t] in document.relations.iter().chain(&document.optional) {
                ids.insert(s.clone());
                ids.insert(t.clone());
            }
        }
        let mut aliases = BTreeMap::new();
        for id in &ids {
            aliases.entry(fold(id)).or_insert_with(|| id.clone());
        }
        for (id, forms) in &names {
            for form in forms {
                aliases.entry(fold(form)).or_insert_with(|| id.clone());
            }
        }
        Ok(Gold {
            documents,
            affiliations,
            ids,
            aliases,
        })
    }

    fn roll(&self, id: &str) -> String {
        self.affiliations
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn roll_triple(&self, [s, r, t]: &[String; 3]) -> Triple {
        normalize((self.roll(s), r.clone(), self.roll(t)))
    }

    /// The relations a document must have, rolled up; one that rolls up to a self-loop is
    /// not counted.
    fn wanted_relations(&self, document: &GoldDocument) -> BTreeSet<Triple> {
        document
            .relations
            .iter()
            .map(|x| self.roll_triple(x))
            .filter(|(s, _, t)| s != t)
            .collect()
    }
}

/// Case-, accent- and punctuation-insensitive form, as the Python tool's `fold`.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let lowered = stripped
        .to_lowercase()
        .replace(['-', '_'], " ")
        .replace('’', "'");
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalize((s, r, t): Triple) -> Triple {
    let symmetric = Relation::parse(&r).is_some_and(Relation::is_symmetric);
    if symmetric && t < s {
        (t, r, s)
    } else {
        (s, r, t)
    }
}

/// A sentence of a scored document and the actors it names, to show beside a missed triple.
#[derive(Clone, Debug)]
pub struct SentenceActors {
    pub index: usize,
    pub text: String,
    pub actors: Vec<String>,
}

/// One document's graph, built from that document alone, and its sentences.
#[derive(Debug)]
pub struct EvalDocument {
    pub file: String,
    pub graph: ActorGraph,
    pub sentences: Vec<SentenceActors>,
}

/// True positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall and F1; each 0 when undefined, as in the Python tool.
    pub fn prf(self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }
}

/// Why a triple was scored as it was: a sentence and what the tool read there.
#[derive(Clone, Debug)]
pub struct Witness {
    pub sentence: usize,
    pub text: String,
    /// For a spurious triple: the cue, modality and confidence of the evidence.
    pub reading: Option<String>,
}

/// One document's result.
#[derive(Clone, Debug)]
pub struct DocumentReport {
    pub file: String,
    pub has_graph: bool,
    pub relations: Counts,
    pub missed: Vec<(Triple, Vec<Witness>)>,
    pub spurious: Vec<(Triple, Vec<Witness>)>,
    pub missed_entities: Vec<String>,
    pub extra_entities: Vec<String>,
}

/// The whole evaluation.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub documents: Vec<DocumentReport>,
    pub by_relation: BTreeMap<Relation, Counts>,
    pub entities: Counts,
    pub relations: Counts,
}

/// Scores `documents` (looked up by file name) against `gold`.
pub fn score(gold: &Gold, documents: &[EvalDocument]) -> Report {
    let mut report = Report::default();
    for relation in Relation::ALL {
        report.by_relation.insert(relation, Counts::default());
    }
    for gold_document in &gold.documents {
        let document = documents.iter().find(|d| d.file == gold_document.file);
        let result = score_document(gold, gold_document, document);
        let counts = result.relations;
        report.relations.add(counts.tp, counts.fp, counts.fn_);
        report.documents.push(result);
    }
    for (document, gold_document) in report.documents.iter().zip(&gold.documents) {
        let want: BTreeSet<&String> = gold_document.entities.iter().collect();
        let found = want.len() - document.missed_entities.len();
        report.entities.add(
            found,
            document.extra_entities.len(),
            document.missed_entities.len(),
        );
    }
    // Per relation, from the per-document sets.
    for (gold_document, document) in gold.documents.iter().zip(&report.documents) {
        let want = gold.wanted_relations(gold_document);
        let missed: BTreeSet<&Triple> = document.missed.iter().map(|(t, _)| t).collect();
        for triple in &want {
            if let Some(relation) = Relation::parse(&triple.1) {
                let counts = report
                    .by_relation
                    .get_mut(&relation)
                    .expect("all relations");
                if missed.contains(triple) {
                    counts.fn_ += 1;
                } else {
                    counts.tp += 1;
                }
            }
        }
        for (triple, _) in &document.spurious {
            if let Some(relation) = Relation::parse(&triple.1) {
                report
                    .by_relation
                    .get_mut(&relation)
                    .expect("all relations")
                    .fp += 1;
            }
        }
    }
    report
}

fn score_document(
    gold: &Gold,
    gold_document: &GoldDocument,
    document: Option<&EvalDocument>,
) -> DocumentReport {
    let want_entities: BTreeSet<String> = gold_document.entities.iter().cloned().collect();
    let optional_entities: BTreeSet<String> =
        gold_document.optional_entities.iter().cloned().collect();
    let want = gold.wanted_relations(gold_document);
    let optional: BTreeSet<Triple> = gold_document
        .optional
        .iter()
        .map(|x| gold.roll_triple(x))
        .collect();

    let mut got_entities = BTreeSet::new();
    let mut got: BTreeMap<Triple, Vec<Witness>> = BTreeMap::new();
    // Node id -> (gold id, rolled country).
    let mut resolved: BTreeMap<String, (String, String)> = BTreeMap::new();
    if let Some(document) = document {
        for node in document.graph.nodes() {
            let gold_id = match_node(gold, node.id.as_str(), &node.label);
            let country = gold.affiliations.get(&gold_id).cloned().unwrap_or_else(|| {
                [&node.country, &node.affiliation]
                    .into_iter()
                    .flatten()
                    .find(|c| is_country_code(c.as_str()))
                    .map_or_else(|| gold_id.clone(), |c| c.to_string())
            });
            got_entities.insert(gold_id.clone());
            resolved.insert(node.id.to_string(), (gold_id, country));
        }
        let roll = |id: &str| {
            resolved
                .get(id)
                .map_or_else(|| id.to_owned(), |(_, c)| c.clone())
        };
        for edge in document.graph.edges() {
            let EdgeKind::Relation(relation) = edge.kind else {
                continue;
            };
            let (s, t) = (roll(edge.source.as_str()), roll(edge.target.as_str()));
            if s == t {
                continue;
            }
            let witnesses = edge.evidence.iter().map(|e| Witness {
                sentence: e.sentence,
                text: e.text.clone(),
                reading: Some(format!(
                    "{} -> {}, cue \"{}\", {}, confidence {:.2}",
                    e.source,
                    e.target,
                    e.cue,
                    e.modality.as_str(),
                    e.confidence
                )),
            });
            got.entry(normalize((s, relation.as_str().to_owned(), t)))
                .or_default()
                .extend(witnesses);
        }
    }
    let roll_actor = |id: &str| {
        resolved
            .get(id)
            .map_or_else(|| gold.roll(id), |(_, c)| c.clone())
    };
    let missed = want
        .iter()
        .filter(|t| !got.contains_key(*t))
        .map(|triple| {
            // The sentences that name both parties: where the relation should have come from.
            let witnesses = document
                .map(|d| {
                    d.sentences
                        .iter()
                        .filter(|s| {
                            let rolled: BTreeSet<String> =
                                s.actors.iter().map(|a| roll_actor(a)).collect();
                            rolled.contains(&triple.0) && rolled.contains(&triple.2)
                        })
                        .map(|s| Witness {
                            sentence: s.index,
                            text: s.text.clone(),
                            reading: None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            (triple.clone(), witnesses)
        })
        .collect();
    let spurious = got
        .iter()
        .filter(|(t, _)| !want.contains(*t) && !optional.contains(*t))
        .map(|(t, w)| (t.clone(), w.clone()))
        .collect::<Vec<_>>();
    let tp = want.iter().filter(|t| got.contains_key(*t)).count();
    DocumentReport {
        file: gold_document.file.clone(),
        has_graph: document.is_some(),
        relations: Counts {
            tp,
            fp: spurious.len(),
            fn_: want.len() - tp,
        },
        missed,
        spurious,
        missed_entities: want_entities.difference(&got_entities).cloned().collect(),
        extra_entities: got_entities
            .iter()
            .filter(|e| !want_entities.contains(*e) && !optional_entities.contains(*e))
            .cloned()
            .collect(),
    }
}

fn match_node(gold: &Gold, id: &str, label: &str) -> String {
    if gold.ids.contains(id) {
        return id.to_owned();
    }
    if let Some(gold_id) = gold.aliases.get(&fold(label)) {
        return gold_id.clone();
    }
    gold.aliases
        .get(&fold(id))
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}

impl Report {
    /// The table the Python tool prints, line for line.
    pub fn table(&self) -> String {
        let mut out = String::from("relation      P     R     F1   [tp, fp, fn]\n");
        for (relation, counts) in &self.by_relation {
            let (p, r, f) = counts.prf();
            let _ = writeln!(
                out,
                "{:<12} {p:5.2} {r:5.2} {f:5.2}   [{}, {}, {}]",
                relation.as_str(),
                counts.tp,
                counts.fp,
                counts.fn_
            );
        }
        let missing = self.documents.iter().filter(|d| !d.has_graph).count();
        if missing > 0 {
            let _ = writeln!(out, "{missing} documents had no graph");
        }
        let (ep, er, ef) = self.entities.prf();
        let (rp, rr, rf) = self.relations.prf();
        let _ = writeln!(
            out,
            "entities P={ep:.3} R={er:.3} F1={ef:.3}; relations P={rp:.3} R={rr:.3} F1={rf:.3}"
        );
        out
    }

    /// Every document's missed and spurious triples, each with the sentences behind it.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for document in &self.documents {
            let (p, r, f) = document.relations.prf();
            let _ = writeln!(
                out,
                "{}: relations P={p:.2} R={r:.2} F1={f:.2}",
                document.file
            );
            for (label, list) in [
                ("missed   ", &document.missed),
                ("spurious ", &document.spurious),
            ] {
                for ((s, rel, t), witnesses) in list {
                    let _ = writeln!(out, "   {label} {s} {rel} {t}");
                    for w in witnesses {
                        let text: String = w.text.split_whitespace().collect::<Vec<_>>().join(" ");
                        let _ = writeln!(out, "       sentence {}: {text}", w.sentence);
                        if let Some(reading) = &w.reading {
                            let _ = writeln!(out, "         read as {reading}");
                        }
                    }
                    if witnesses.is_empty() && label.starts_with("missed") {
                        let _ = writeln!(out, "       (no sentence names both)");
                    }
                }
            }
            for e in &document.missed_entities {
                let _ = writeln!(out, "   missed entity   {e}");
            }
            for e in &document.extra_entities {
                let _ = writeln!(out, "   extra entity    {e}");
            }
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table())
    }
}
