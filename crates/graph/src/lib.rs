//! The actor graph: per-document extracts merged into one edge per (source, target, relation),
//! with the aggregate attributes of `shared/design/ONTOLOGY.md`.
//!
//! Building is a merge: [`GraphBuilder::add`] takes one document's [`DocumentExtract`] and
//! [`GraphBuilder::merge`] joins two builders, in any grouping, to the same result. Everything is
//! kept in ordered maps, so the finished [`ActorGraph`] lists nodes by id and edges by
//! (source, target, relation) whatever order documents arrived in.

use std::{
    borrow::Cow,
    collections::{BTreeMap, BTreeSet},
};

use rustc_hash::{FxHashMap, FxHashSet};

use actorgraph_core::{ActorId, Affiliation, EntityType, Evidence, Modality, Relation};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

/// Everything one document contributes to the graph. Producing it is a pure function of the
/// document and the data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentExtract {
    pub doc: String,
    pub date: Option<String>,
    /// Mentions per actor in this document.
    pub mention_counts: BTreeMap<ActorId, u64>,
    pub evidence: Vec<Evidence>,
    pub affiliations: Vec<Affiliation>,
}

/// What an edge says: one of the nine relations, or the structural `affiliated_with`.
/// Serializes as its name ("ally", "affiliated_with").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    Relation(Relation),
    AffiliatedWith,
}

impl Serialize for EdgeKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Relation(r) => r.as_str(),
            EdgeKind::AffiliatedWith => "affiliated_with",
        }
    }

    pub fn is_symmetric(self) -> bool {
        matches!(self, EdgeKind::Relation(r) if r.is_symmetric())
    }

    pub fn sign(self) -> i8 {
        match self {
            EdgeKind::Relation(r) => r.sign(),
            EdgeKind::AffiliatedWith => 0,
        }
    }
}

/// How to fold actors before building edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rollup {
    /// Every actor is its own node.
    #[default]
    None,
    /// Persons and agencies are replaced by the country they act for; their edges merge.
    Country,
}

#[derive(Clone, Copy, Debug)]
pub struct GraphOptions {
    pub rollup: Rollup,
    /// Relation edges with fewer pieces of evidence are dropped.
    pub min_evidence: usize,
    /// Relation evidence below this confidence is ignored.
    pub min_confidence: f64,
}

impl Default for GraphOptions {
    fn default() -> GraphOptions {
        GraphOptions {
            rollup: Rollup::None,
            min_evidence: 1,
            min_confidence: 0.0,
        }
    }
}

/// What the graph shows about an actor beyond its counts: from the gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeInfo {
    pub label: String,
    pub entity_type: Option<EntityType>,
    pub country: Option<ActorId>,
    pub affiliation: Option<ActorId>,
    pub role: Option<String>,
    pub aliases: Vec<String>,
}

/// Where the builder looks actors up when it finishes.
pub trait NodeCatalog {
    fn node_info(&self, id: &ActorId) -> NodeInfo;

    /// The country `id` acts for on `date` (`None`: undated). A catalog that knows when
    /// persons held office says none for a date outside every office ("former president Ali
    /// Abdullah Saleh" in 2015 does not act for Yemen). By default, `node_info`'s country.
    fn country_on(&self, id: &ActorId, date: Option<&str>) -> Option<ActorId> {
        let _ = date;
        self.node_info(id).country
    }
}

/// The country an actor acts for on any of `dates` (all of them unknown: undated).
fn country_over(
    catalog: &dyn NodeCatalog,
    id: &ActorId,
    dates: &BTreeSet<String>,
) -> Option<ActorId> {
    if dates.is_empty() {
        return catalog.country_on(id, None);
    }
    dates
        .iter()
        .find_map(|date| catalog.country_on(id, Some(date)))
}

/// An actor node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    pub id: ActorId,
    pub label: String,
    pub entity_type: Option<EntityType>,
    pub country: Option<ActorId>,
    pub affiliation: Option<ActorId>,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub mention_count: u64,
    pub article_count: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// One edge per (source, target, kind). Symmetric relations have `source < target`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub source: ActorId,
    pub target: ActorId,
    pub kind: EdgeKind,
    /// Sum of the evidence confidences (> 0).
    pub weight: f64,
    /// Noisy-or of the evidence confidences: 1 - Π(1 - c).
    pub confidence: f64,
    pub evidence_count: u64,
    pub article_count: u64,
    pub sign: i8,
    pub symmetric: bool,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// For `affiliated_with`: the role, where known.
    pub role: Option<String>,
    /// Sorted by (document, sentence, cue position).
    pub evidence: Vec<Evidence>,
}

/// The finished graph. Nodes were added in id order and edges in (source, target, kind) order, so
/// iterating the petgraph storage gives a stable order.
#[derive(Debug, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Documents merged into the graph.
    pub document_count: u64,
}

impl ActorGraph {
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.graph.edge_weights()
    }

    /// The `n` most connected actors and the edges among them, so a picture of a large corpus
    /// stays readable. Actors rank by how many relation edges they have, then by the evidence on
    /// those edges, then by mentions, then by id; nodes and edges keep their order.
    pub fn top(&self, n: usize) -> ActorGraph {
        let mut rank: Vec<(usize, u64, u64, &str, NodeIndex)> = self
            .graph
            .node_indices()
            .map(|index| {
                let (mut degree, mut evidence) = (0, 0);
                for edge in self
                    .graph
                    .edges_directed(index, petgraph::Direction::Outgoing)
                    .chain(
                        self.graph
                            .edges_directed(index, petgraph::Direction::Incoming),
                    )
                {
                    if edge.weight().kind != EdgeKind::AffiliatedWith {
                        degree += 1;
                        evidence += edge.weight().evidence_count;
                    }
                }
                let node = &self.graph[index];
                (
                    degree,
                    evidence,
                    node.mention_count,
                    node.id.as_str(),
                    index,
                )
            })
            .collect();
        rank.sort_by(|a, b| (b.0, b.1, b.2, a.3).cmp(&(a.0, a.1, a.2, b.3)));
        let kept: BTreeSet<NodeIndex> = rank.iter().take(n).map(|r| r.4).collect();
        let graph = self.graph.filter_map(
            |index, node| kept.contains(&index).then(|| node.clone()),
            |_, edge| Some(edge.clone()),
        );
        ActorGraph {
            graph,
            document_count: self.document_count,
        }
    }

    /// The graph without the actors no edge touches: a picture has no use for them.
    pub fn connected(&self) -> ActorGraph {
        let graph = self.graph.filter_map(
            |index, node| {
                self.graph
                    .neighbors_undirected(index)
                    .next()
                    .map(|_| node.clone())
            },
            |_, edge| Some(edge.clone()),
        );
        ActorGraph {
            graph,
            document_count: self.document_count,
        }
    }

    /// The node with this id. Nodes are stored in id order, so this is a binary search.
    pub fn node(&self, id: &str) -> Option<&Node> {
        let nodes = self.graph.raw_nodes();
        nodes
            .binary_search_by(|n| n.weight.id.as_str().cmp(id))
            .ok()
            .map(|i| &nodes[i].weight)
    }
}

#[derive(Clone, Debug, Default)]
struct NodeAccumulator {
    mention_count: u64,
    docs: DocumentSet,
    dates: BTreeSet<String>,
}

impl NodeAccumulator {
    /// Adds `other`'s counts, documents and dates to these.
    fn absorb(&mut self, mut other: NodeAccumulator) {
        self.mention_count += other.mention_count;
        self.docs.extend(other.docs);
        // One merge of the two sorted sets, where inserting the dates one by one would search
        // the set for each: a node of a long archive has thousands.
        self.dates.append(&mut other.dates);
    }
}

#[derive(Clone, Debug, Default)]
struct AffiliationAccumulator {
    roles: BTreeSet<String>,
    /// Documents whose text showed the affiliation (a title).
    docs: DocumentSet,
    dates: BTreeSet<String>,
    from_data: bool,
}

/// Documents by their number in a builder's [`Documents`]. Only their count is reported, and a
/// node gathers one per document that names it, hundreds of thousands in a corpus: numbers
/// are pushed and counted where strings would be compared into a tree.
#[derive(Clone, Debug, Default)]
struct DocumentSet(Vec<u32>);

impl DocumentSet {
    fn insert(&mut self, doc: u32) {
        // A builder adds documents one at a time: a repeat is nearly always the last one.
        if self.0.last() != Some(&doc) {
            self.0.push(doc);
        }
    }

    fn extend(&mut self, other: DocumentSet) {
        if self.0.is_empty() {
            self.0 = other.0;
        } else {
            self.0.extend(other.0);
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of distinct documents.
    fn count(&mut self) -> u64 {
        self.0.sort_unstable();
        self.0.dedup();
        self.0.len() as u64
    }
}

/// The ids of the documents a builder has seen, numbered in the order it saw them.
#[derive(Clone, Debug, Default)]
struct Documents(FxHashMap<String, u32>);

impl Documents {
    fn number(&mut self, id: &str) -> u32 {
        if let Some(&number) = self.0.get(id) {
            return number;
        }
        let number = u32::try_from(self.0.len()).expect("fewer than 2^32 documents");
        self.0.insert(id.to_owned(), number);
        number
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Accumulates document extracts. Merging is associative and commutative.
#[derive(Clone, Debug, Default)]
pub struct GraphBuilder {
    // Hash maps: every document adds to them, and `finish` never depends on their order. Of
    // nodes and affiliations it makes sums, sets and sorted edges; evidence keys it sorts before
    // reading them, since rolled up, several keys' evidence joins one edge's list in key order.
    nodes: FxHashMap<ActorId, NodeAccumulator>,
    relations: FxHashMap<(ActorId, ActorId, Relation), Vec<Evidence>>,
    affiliations: FxHashMap<(ActorId, ActorId), AffiliationAccumulator>,
    docs: Documents,
}

impl GraphBuilder {
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    pub fn add(&mut self, extract: DocumentExtract) {
        let doc = self.docs.number(&extract.doc);
        for (actor, count) in extract.mention_counts {
            let node = self.nodes.entry(actor).or_default();
            node.mention_count += count;
            node.docs.insert(doc);
            insert_date(&mut node.dates, extract.date.as_deref());
        }
        for evidence in extract.evidence {
            let (source, target) = ordered(
                evidence.source.clone(),
                evidence.target.clone(),
                evidence.relation.is_symmetric(),
            );
            self.relations
                .entry((source, target, evidence.relation))
                .or_default()
                .push(evidence);
        }
        for affiliation in extract.affiliations {
            let entry = self
                .affiliations
                .entry((affiliation.actor, affiliation.affiliation))
                .or_default();
            entry.roles.extend(affiliation.role);
            match affiliation.doc {
                Some(doc) => {
                    entry.docs.insert(self.docs.number(&doc));
                    insert_date(&mut entry.dates, extract.date.as_deref());
                }
                None => entry.from_data = true,
            }
        }
    }

    pub fn merge(&mut self, other: GraphBuilder) {
        // The other builder's document numbers, in this one's numbering. Only counts of
        // documents are reported, so the order numbers are given in does not matter.
        let mut numbers = vec![0; other.docs.len()];
        for (id, number) in &other.docs.0 {
            numbers[*number as usize] = self.docs.number(id);
        }
        let renumber =
            |docs: DocumentSet| DocumentSet(docs.0.iter().map(|&d| numbers[d as usize]).collect());
        for (id, node) in other.nodes {
            self.nodes.entry(id).or_default().absorb(NodeAccumulator {
                docs: renumber(node.docs),
                ..node
            });
        }
        for (key, evidence) in other.relations {
            self.relations.entry(key).or_default().extend(evidence);
        }
        for (key, mut acc) in other.affiliations {
            let mine = self.affiliations.entry(key).or_default();
            // Sorted sets merged at once, as a node's dates are (`NodeAccumulator::absorb`).
            mine.roles.append(&mut acc.roles);
            mine.docs.extend(renumber(acc.docs));
            mine.dates.append(&mut acc.dates);
            mine.from_data |= acc.from_data;
        }
    }

    /// Builds the graph: roll-up, evidence filtering and de-duplication, aggregates.
    pub fn finish(self, catalog: &dyn NodeCatalog, options: &GraphOptions) -> ActorGraph {
        // Each piece of evidence rolls up by its own date: a person acts for a country while in
        // office.
        let rolled = |id: &ActorId, date: Option<&str>| -> ActorId {
            match options.rollup {
                Rollup::None => id.clone(),
                Rollup::Country => catalog.country_on(id, date).unwrap_or_else(|| id.clone()),
            }
        };

        let mut nodes: BTreeMap<ActorId, NodeAccumulator> = BTreeMap::new();
        for (id, acc) in self.nodes {
            let rolled = match options.rollup {
                Rollup::None => id,
                Rollup::Country => country_over(catalog, &id, &acc.dates).unwrap_or(id),
            };
            nodes.entry(rolled).or_default().absorb(acc);
        }

        let mut keyed: Vec<_> = self.relations.into_iter().collect();
        keyed.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let mut relations: FxHashMap<(ActorId, ActorId, Relation), Vec<Evidence>> =
            FxHashMap::default();
        for ((source, target, relation), evidence) in keyed {
            for e in evidence {
                let date = e.date.as_deref();
                let (source, target) = (rolled(&source, date), rolled(&target, date));
                if source == target {
                    continue;
                }
                let key = ordered(source, target, relation.is_symmetric());
                relations
                    .entry((key.0, key.1, relation))
                    .or_default()
                    .push(e);
            }
        }

        // A threat is an act of opposition: what shows "X threatens Y" also shows "X opposes Y".
        let implied: Vec<((ActorId, ActorId, Relation), Vec<Evidence>)> = relations
            .iter()
            .filter(|((_, _, relation), _)| *relation == Relation::Threatens)
            .map(|((source, target, _), evidence)| {
                let evidence = evidence
                    .iter()
                    .map(|e| Evidence {
                        relation: Relation::Opposes,
                        ..e.clone()
                    })
                    .collect();
                (
                    (source.clone(), target.clone(), Relation::Opposes),
                    evidence,
                )
            })
            .collect();
        for (key, evidence) in implied {
            relations.entry(key).or_default().extend(evidence);
        }
        let mut relations: Vec<_> = relations.into_iter().collect();
        relations.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));

        let mut edges: Vec<Edge> = Vec::new();
        for ((source, target, relation), evidence) in relations {
            let evidence = usable_evidence(evidence, options.min_confidence);
            if evidence.is_empty() || evidence.len() < options.min_evidence {
                continue;
            }
            edges.push(relation_edge(source, target, relation, evidence));
        }
        if options.rollup == Rollup::None {
            for ((actor, affiliation), acc) in self.affiliations {
                // An affiliation known only from the data joins two actors of the graph; it does
                // not bring in an actor the documents never name.
                let unnamed = !nodes.contains_key(&affiliation) || !nodes.contains_key(&actor);
                // Nor does it hold for a person out of office on every date the graph names
                // them ("former president Saleh"): they no longer act for the country.
                let out_of_office = || {
                    nodes.get(&actor).is_some_and(|node| {
                        catalog.country_on(&actor, None).is_some()
                            && country_over(catalog, &actor, &node.dates).is_none()
                    })
                };
                if actor == affiliation || (acc.docs.is_empty() && (unnamed || out_of_office())) {
                    continue;
                }
                edges.push(affiliation_edge(actor, affiliation, acc));
            }
        }
        edges.sort_by(|a, b| (&a.source, &a.target, a.kind).cmp(&(&b.source, &b.target, b.kind)));

        // Every edge end is a node, even an actor only known through a title.
        for edge in &edges {
            for end in [&edge.source, &edge.target] {
                nodes.entry(end.clone()).or_default();
            }
        }

        let mut graph = DiGraph::new();
        let mut index: BTreeMap<ActorId, NodeIndex> = BTreeMap::new();
        for (id, mut acc) in nodes {
            let info = catalog.node_info(&id);
            // Who the actor acts for on the graph's dates: nobody, for a person out of office.
            let (country, affiliation) = match info.country {
                Some(_) => match country_over(catalog, &id, &acc.dates) {
                    Some(country) => (Some(country), info.affiliation),
                    None => (None, None),
                },
                None => (None, info.affiliation),
            };
            let node = Node {
                label: if info.label.is_empty() {
                    id.to_string()
                } else {
                    info.label
                },
                entity_type: info.entity_type,
                country,
                affiliation,
                role: info.role,
                aliases: info.aliases,
                mention_count: acc.mention_count,
                article_count: acc.docs.count(),
                first_date: acc.dates.first().cloned(),
                last_date: acc.dates.last().cloned(),
                id: id.clone(),
            };
            index.insert(id, graph.add_node(node));
        }
        for edge in edges {
            let (s, t) = (index[&edge.source], index[&edge.target]);
            graph.add_edge(s, t, edge);
        }
        ActorGraph {
            graph,
            document_count: self.docs.len() as u64,
        }
    }
}

/// Adds a document's date, cloned only when new: most documents repeat a date already there.
fn insert_date(dates: &mut BTreeSet<String>, date: Option<&str>) {
    let Some(date) = date else {
        return;
    };
    // Archives come in date order: the date is most often the latest one already there, which
    // one comparison finds, where a search compares it with a string at every level.
    if dates.last().is_some_and(|last| last == date) || dates.contains(date) {
        return;
    }
    dates.insert(date.to_owned());
}

fn ordered(a: ActorId, b: ActorId, symmetric: bool) -> (ActorId, ActorId) {
    if symmetric && b < a {
        (b, a)
    } else {
        (a, b)
    }
}

/// Whether a hypothetical statement of `relation` still shows the relation holds. A feared clash
/// shows hostility ("concerned about a possible clash between Iran and Israel"), and seeking to
/// prevent it is mediation; a possible meeting, deal or strike is not yet one. Announced strikes
/// are read as threats upstream.
fn holds_when_hypothetical(relation: Relation) -> bool {
    matches!(
        relation,
        Relation::Opposes | Relation::Threatens | Relation::Mediates
    )
}

/// Drops negated, weak and merely possible evidence, and repeats: the same statement twice in one document (a
/// duplicated caption, a quote repeated in the body) counts once.
fn usable_evidence(mut evidence: Vec<Evidence>, min_confidence: f64) -> Vec<Evidence> {
    evidence.retain(|e| {
        e.modality != Modality::Negated
            && e.confidence >= min_confidence
            && (e.modality != Modality::Hypothetical || holds_when_hypothetical(e.relation))
    });
    evidence.sort_by(|a, b| {
        (&a.doc, a.sentence, a.cue_span, &a.source, &a.target)
            .cmp(&(&b.doc, b.sentence, b.cue_span, &b.source, &b.target))
    });
    // The same statement twice in a document (a lede repeated, a quote given twice) is one
    // piece of evidence. Sorted, a document's evidence is contiguous, so repeats are looked for
    // within each document's run, by keys borrowed from the evidence.
    let keep: Vec<bool> = {
        let mut seen: FxHashSet<(&str, &ActorId, &ActorId, Cow<'_, str>)> = FxHashSet::default();
        evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if i > 0 && evidence[i - 1].doc != e.doc {
                    seen.clear();
                }
                seen.insert((&e.text, &e.source, &e.target, lower_case(&e.cue)))
            })
            .collect()
    };
    let mut keep = keep.into_iter();
    evidence.retain(|_| keep.next().unwrap_or(true));
    evidence
}

/// `text` lower-cased, borrowed where it already is: cues mostly are.
fn lower_case(text: &str) -> Cow<'_, str> {
    if !text.is_ascii() {
        Cow::Owned(text.to_lowercase())
    } else if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

fn relation_edge(
    source: ActorId,
    target: ActorId,
    relation: Relation,
    evidence: Vec<Evidence>,
) -> Edge {
    let weight: f64 = evidence.iter().map(|e| e.confidence).sum();
    let confidence = 1.0
        - evidence
            .iter()
            .map(|e| 1.0 - e.confidence.clamp(0.0, 1.0))
            .product::<f64>();
    let docs: BTreeSet<&str> = evidence.iter().map(|e| e.doc.as_str()).collect();
    let dates: BTreeSet<&str> = evidence.iter().filter_map(|e| e.date.as_deref()).collect();
    Edge {
        source,
        target,
        kind: EdgeKind::Relation(relation),
        weight,
        confidence,
        evidence_count: evidence.len() as u64,
        article_count: docs.len() as u64,
        sign: relation.sign(),
        symmetric: relation.is_symmetric(),
        first_date: dates.first().map(|d| d.to_string()),
        last_date: dates.last().map(|d| d.to_string()),
        role: None,
        evidence,
    }
}

fn affiliation_edge(actor: ActorId, affiliation: ActorId, mut acc: AffiliationAccumulator) -> Edge {
    let article_count = acc.docs.count();
    let count = article_count.max(1);
    let role =
        (!acc.roles.is_empty()).then(|| acc.roles.into_iter().collect::<Vec<_>>().join("; "));
    Edge {
        source: actor,
        target: affiliation,
        kind: EdgeKind::AffiliatedWith,
        weight: 1.0,
        confidence: 1.0,
        evidence_count: count,
        article_count,
        sign: 0,
        symmetric: false,
        first_date: None,
        last_date: None,
        role,
        evidence: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use actorgraph_core::{Modality, Span};

    use super::*;

    /// Saleh was president of Yemen until 2012; Yemen is a country.
    struct Offices;

    impl NodeCatalog for Offices {
        fn node_info(&self, id: &ActorId) -> NodeInfo {
            let saleh = id.as_str() == "ali-abdullah-saleh";
            NodeInfo {
                country: Some(ActorId::new(if saleh { "YEM" } else { id.as_str() })),
                affiliation: saleh.then(|| ActorId::new("YEM")),
                ..NodeInfo::default()
            }
        }

        fn country_on(&self, id: &ActorId, date: Option<&str>) -> Option<ActorId> {
            let out_of_office =
                id.as_str() == "ali-abdullah-saleh" && date.is_some_and(|date| date > "2012-02-25");
            (!out_of_office)
                .then(|| self.node_info(id).country)
                .flatten()
        }
    }

    fn extract(doc: &str, date: &str) -> DocumentExtract {
        let (saleh, target) = (ActorId::new("ali-abdullah-saleh"), ActorId::new("SAU"));
        let evidence = Evidence {
            doc: doc.to_owned(),
            date: Some(date.to_owned()),
            sentence: 0,
            sentence_span: Span::new(0, 10),
            text: "Saleh condemned Riyadh.".to_owned(),
            source: saleh.clone(),
            target: target.clone(),
            relation: Relation::Opposes,
            source_span: Span::new(0, 5),
            target_span: Span::new(16, 22),
            cue_span: Span::new(6, 15),
            cue: "condemned".to_owned(),
            modality: Modality::Asserted,
            speaker: None,
            confidence: 0.9,
        };
        DocumentExtract {
            doc: doc.to_owned(),
            date: Some(date.to_owned()),
            mention_counts: [(saleh.clone(), 1), (target, 1), (ActorId::new("YEM"), 1)].into(),
            evidence: vec![evidence],
            affiliations: vec![Affiliation {
                actor: saleh,
                affiliation: ActorId::new("YEM"),
                role: None,
                doc: None,
            }],
        }
    }

    fn graph(extracts: &[DocumentExtract], rollup: Rollup) -> ActorGraph {
        let mut builder = GraphBuilder::new();
        for extract in extracts {
            builder.add(extract.clone());
        }
        let options = GraphOptions {
            rollup,
            ..GraphOptions::default()
        };
        builder.finish(&Offices, &options)
    }

    fn relation_edges(graph: &ActorGraph) -> Vec<String> {
        graph
            .edges()
            .map(|e| format!("{} {} {}", e.source, e.kind.as_str(), e.target))
            .collect()
    }

    #[test]
    fn a_person_acts_for_the_country_only_while_in_office() {
        let in_office = extract("a", "2010-05-01");
        let out_of_office = extract("b", "2015-05-10");

        // Each piece of evidence rolls up by its own date.
        let both = graph(&[in_office.clone(), out_of_office.clone()], Rollup::Country);
        assert_eq!(
            relation_edges(&both),
            ["YEM opposes SAU", "ali-abdullah-saleh opposes SAU"]
        );

        // Out of office on every date the graph names him: no country, no affiliation, no
        // affiliation edge from the data.
        let later = graph(&[out_of_office], Rollup::None);
        let saleh = later.node("ali-abdullah-saleh").unwrap();
        assert_eq!(
            (saleh.country.as_ref(), saleh.affiliation.as_ref()),
            (None, None)
        );
        assert_eq!(relation_edges(&later), ["ali-abdullah-saleh opposes SAU"]);

        let earlier = graph(&[in_office], Rollup::None);
        let saleh = earlier.node("ali-abdullah-saleh").unwrap();
        assert_eq!(saleh.country.as_ref().map(ActorId::as_str), Some("YEM"));
        assert_eq!(
            relation_edges(&earlier),
            [
                "ali-abdullah-saleh opposes SAU",
                "ali-abdullah-saleh affiliated_with YEM"
            ]
        );
    }

    #[test]
    fn a_statement_repeated_in_a_document_is_one_piece_of_evidence() {
        let mut repeated = extract("a", "2010-05-01");
        let first = repeated.evidence[0].clone();
        let other_statement = Evidence {
            sentence: 1,
            text: "Saleh condemned Riyadh again.".to_owned(),
            ..first.clone()
        };
        // The lede repeated further down, its cue capitalized: between the two, another
        // statement, so the repeat is not the previous piece of evidence.
        let repeat = Evidence {
            sentence: 4,
            cue: "Condemned".to_owned(),
            ..first.clone()
        };
        repeated.evidence.extend([other_statement, repeat]);
        // The same words in another document are that document's evidence.
        let elsewhere = extract("b", "2010-05-02");
        let graph = graph(&[repeated, elsewhere], Rollup::None);
        let edge = graph
            .edges()
            .find(|e| e.kind == EdgeKind::Relation(Relation::Opposes))
            .unwrap();
        let kept: Vec<(&str, usize)> = edge
            .evidence
            .iter()
            .map(|e| (e.doc.as_str(), e.sentence))
            .collect();
        assert_eq!(kept, [("a", 0), ("a", 1), ("b", 0)]);
        assert_eq!((edge.evidence_count, edge.article_count), (3, 2));
    }

    /// What a graph says, as lines: nodes with their counts and dates, edges with theirs.
    fn summary(graph: &ActorGraph) -> Vec<String> {
        let nodes = graph.nodes().map(|n| {
            format!(
                "{} mentions={} articles={} {:?}..{:?}",
                n.id, n.mention_count, n.article_count, n.first_date, n.last_date
            )
        });
        let edges = graph.edges().map(|e| {
            format!(
                "{} {} {} evidence={} articles={}",
                e.source,
                e.kind.as_str(),
                e.target,
                e.evidence_count,
                e.article_count
            )
        });
        let mut lines: Vec<String> = nodes.chain(edges).collect();
        lines.push(format!("documents={}", graph.document_count));
        lines
    }

    #[test]
    fn merging_builders_in_any_grouping_gives_the_same_graph() {
        // Document "b" is read twice, once on each side of a split.
        let extracts = [
            extract("a", "2010-05-01"),
            extract("b", "2011-01-02"),
            extract("c", "2015-05-10"),
            extract("b", "2011-01-02"),
        ];
        let builder = |extracts: &[DocumentExtract]| {
            let mut builder = GraphBuilder::new();
            for extract in extracts {
                builder.add(extract.clone());
            }
            builder
        };
        let options = GraphOptions::default();
        let whole = summary(&builder(&extracts).finish(&Offices, &options));
        assert!(whole.contains(&"documents=3".to_owned()), "{whole:?}");
        assert!(
            whole
                .iter()
                .any(|l| l.starts_with("SAU mentions=4 articles=3")),
            "{whole:?}"
        );
        for split in 0..=extracts.len() {
            let (left, right) = extracts.split_at(split);
            for (first, second) in [(left, right), (right, left)] {
                let mut merged = builder(first);
                merged.merge(builder(second));
                assert_eq!(
                    summary(&merged.finish(&Offices, &options)),
                    whole,
                    "{split}"
                );
            }
        }
    }
}
