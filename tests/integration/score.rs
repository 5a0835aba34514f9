//! A faithful Rust port of `shared/tools/eval-gold`: scores node-link JSON graphs, one per article,
//! against the gold annotation (`tests/data/seeds.json`), so the quality floor is checked without
//! Python or `../shared`.
//!
//! Rules, as in the Python tool:
//! - a graph node matches a gold id by its id, else by its `label` (or `name`) against the gold ids and
//!   names, else by its id against them, compared after [`fold`]ing; unmatched nodes keep their id;
//! - relations are rolled up to countries: the gold affiliation of the matched id first, then the
//!   node's own `country`/`affiliation` attribute when that is an ISO alpha-3 code;
//! - gold triples are rolled up through the gold affiliations; a gold triple whose ends roll up to one
//!   actor is dropped;
//! - symmetric relations compare as unordered pairs; `optional` triples and `optional_entities` are
//!   neither rewarded nor penalized; edges of other relations (`affiliated_with`) and self-loops after
//!   roll-up are ignored;
//! - counts are micro-averaged over the documents; a document without a graph scores as empty.

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt::Write as _,
};

use serde_json::Value;

pub const RELATION_TYPES: [&str; 9] = [
    "ally",
    "opposes",
    "mediates",
    "supports",
    "attacks",
    "meets",
    "cooperates",
    "competes",
    "threatens",
];
const SYMMETRIC: [&str; 4] = ["ally", "meets", "cooperates", "competes"];

/// `(source, relation, target)`.
pub type Triple = (String, String, String);

/// True positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// Precision, recall and F1, each 0 when undefined (as in the Python tool).
    pub fn prf(self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// What one document contributed, for the failure report.
#[derive(Debug, Default)]
pub struct DocumentReport {
    pub file: String,
    pub relations: Counts,
    pub missed: BTreeSet<Triple>,
    pub spurious: BTreeSet<Triple>,
    pub missed_entities: BTreeSet<String>,
    pub extra_entities: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct Score {
    pub entities: Counts,
    pub relations: Counts,
    pub by_relation: BTreeMap<&'static str, Counts>,
    pub documents: Vec<DocumentReport>,
    pub missing_documents: usize,
}

impl Score {
    /// The Python tool's report (`--per-doc`), line for line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for doc in &self.documents {
            let (p, r, f) = doc.relations.prf();
            writeln!(out, "{}: relations P={p:.2} R={r:.2} F1={f:.2}", doc.file).unwrap();
            for x in &doc.missed {
                writeln!(out, "   missed    {} {} {}", x.0, x.1, x.2).unwrap();
            }
            for x in &doc.spurious {
                writeln!(out, "   spurious  {} {} {}", x.0, x.1, x.2).unwrap();
            }
            for x in &doc.missed_entities {
                writeln!(out, "   missed entity   {x}").unwrap();
            }
            for x in &doc.extra_entities {
                writeln!(out, "   extra entity    {x}").unwrap();
            }
        }
        writeln!(out, "relation      P     R     F1   [tp, fp, fn]").unwrap();
        for rel in RELATION_TYPES {
            let c = self.by_relation.get(rel).copied().unwrap_or_default();
            let (p, r, f) = c.prf();
            writeln!(
                out,
                "{rel:<12} {p:5.2} {r:5.2} {f:5.2}   [{}, {}, {}]",
                c.tp, c.fp, c.fn_
            )
            .unwrap();
        }
        if self.missing_documents > 0 {
            writeln!(out, "{} documents had no graph", self.missing_documents).unwrap();
        }
        writeln!(out, "{}", self.summary()).unwrap();
        out
    }

    /// The Python tool's last line.
    pub fn summary(&self) -> String {
        let (ep, er, ef) = self.entities.prf();
        let (rp, rr, rf) = self.relations.prf();
        format!("entities P={ep:.3} R={er:.3} F1={ef:.3}; relations P={rp:.3} R={rr:.3} F1={rf:.3}")
    }
}

/// The gold annotation, with the lookup tables the Python tool derives from it.
#[derive(Debug)]
pub struct Gold {
    documents: Vec<Value>,
    affiliations: BTreeMap<String, String>,
    ids: BTreeSet<String>,
    /// Folded id or name -> gold id; the first one wins.
    alias: BTreeMap<String, String>,
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("gold strings").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn triples(value: &Value) -> Vec<Triple> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    let t = strings(t);
                    assert_eq!(t.len(), 3, "gold triple {t:?}");
                    (t[0].clone(), t[1].clone(), t[2].clone())
                })
                .collect()
        })
        .unwrap_or_default()
}

fn norm((s, r, t): Triple) -> Triple {
    if SYMMETRIC.contains(&r.as_str()) && t < s {
        (t, r, s)
    } else {
        (s, r, t)
    }
}

/// `str.isupper() and str.isalpha()` on three characters.
fn is_iso3(value: Option<&Value>) -> Option<&str> {
    let s = value?.as_str()?;
    let ok = s.chars().count() == 3
        && s.chars().all(char::is_alphabetic)
        && s.chars().any(char::is_uppercase)
        && !s.chars().any(char::is_lowercase);
    ok.then_some(s)
}

/// Characters whose NFKD decomposition, once combining marks are dropped, is ASCII (Latin-1,
/// Latin Extended-A/B, Latin Extended Additional, the `ﬀ`-`ﬆ` ligatures), grouped by that ASCII
/// text in lower case (case is folded anyway). Generated with Python's `unicodedata`; the tests
/// cannot depend on a Unicode normalization crate.
const DECOMPOSITIONS: &[(&str, &str)] = &[
    (" ", "\u{a8}\u{af}\u{b4}\u{b8}"),
    ("1", "¹"),
    ("2", "²"),
    ("3", "³"),
    (
        "a",
        "ªÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧḀḁẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ",
    ),
    ("b", "ḂḃḄḅḆḇ"),
    ("c", "ÇçĆćĈĉĊċČčḈḉ"),
    ("d", "ĎďḊḋḌḍḎḏḐḑḒḓ"),
    ("dz", "ǄǅǆǱǲǳ"),
    ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệ"),
    ("f", "Ḟḟ"),
    ("ff", "ﬀ"),
    ("ffi", "ﬃ"),
    ("ffl", "ﬄ"),
    ("fi", "ﬁ"),
    ("fl", "ﬂ"),
    ("g", "ĜĝĞğĠġĢģǦǧǴǵḠḡ"),
    ("h", "ĤĥȞȟḢḣḤḥḦḧḨḩḪḫẖ"),
    ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİǏǐȈȉȊȋḬḭḮḯỈỉỊị"),
    ("ij", "Ĳĳ"),
    ("j", "Ĵĵǰ"),
    ("k", "ĶķǨǩḰḱḲḳḴḵ"),
    ("l", "ĹĺĻļĽľḶḷḸḹḺḻḼḽ"),
    ("lj", "Ǉǈǉ"),
    ("m", "ḾḿṀṁṂṃ"),
    ("n", "ÑñŃńŅņŇňǸǹṄṅṆṇṈṉṊṋ"),
    ("nj", "Ǌǋǌ"),
    (
        "o",
        "ºÒÓÔÕÖòóôõöŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ",
    ),
    ("p", "ṔṕṖṗ"),
    ("r", "ŔŕŖŗŘřȐȑȒȓṘṙṚṛṜṝṞṟ"),
    ("s", "ŚśŜŝŞşŠšſȘșṠṡṢṣṤṥṦṧṨṩẛ"),
    ("st", "ﬅﬆ"),
    ("t", "ŢţŤťȚțṪṫṬṭṮṯṰṱẗ"),
    (
        "u",
        "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰự",
    ),
    ("v", "ṼṽṾṿ"),
    ("w", "ŴŵẀẁẂẃẄẅẆẇẈẉẘ"),
    ("x", "ẊẋẌẍ"),
    ("y", "ÝýÿŶŷŸȲȳẎẏẙỲỳỴỵỶỷỸỹ"),
    ("z", "ŹźŻżŽžẐẑẒẓẔẕ"),
];

/// The Python tool's `fold`: NFKD without combining marks, lower case, `-`/`_` as spaces, `’` as
/// `'`, whitespace collapsed. NFKD is reproduced for the characters that decompose to ASCII (the
/// only ones that can make a label equal a gold id or name, which are ASCII); other characters
/// are kept as they are.
pub fn fold(s: &str) -> String {
    let mut decomposed = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match DECOMPOSITIONS.iter().find(|(_, from)| from.contains(c)) {
            Some((to, _)) => decomposed.push_str(to),
            None => decomposed.push(c),
        }
    }
    decomposed
        .to_lowercase()
        .replace(['-', '_'], " ")
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gold {
    pub fn new(data: &Value) -> Gold {
        let (documents, top) = match data {
            Value::Array(documents) => (documents.clone(), &Value::Null),
            _ => (data["documents"].as_array().unwrap().clone(), data),
        };
        let mut affiliations: BTreeMap<String, String> = BTreeMap::new();
        let mut names: Vec<(String, Vec<String>)> = Vec::new();
        let mut add_names = |block: &Value| {
            if let Some(block) = block.as_object() {
                for (id, forms) in block {
                    match names.iter_mut().find(|(n, _)| n == id) {
                        Some((_, existing)) => existing.extend(strings(forms)),
                        None => names.push((id.clone(), strings(forms))),
                    }
                }
            }
        };
        let add_affiliations = |block: &Value, affiliations: &mut BTreeMap<String, String>| {
            if let Some(block) = block.as_object() {
                for (id, country) in block {
                    affiliations.insert(id.clone(), country.as_str().unwrap().to_owned());
                }
            }
        };
        add_affiliations(&top["affiliations"], &mut affiliations);
        add_names(&top["names"]);
        for doc in &documents {
            add_affiliations(&doc["affiliations"], &mut affiliations);
            add_names(&doc["names"]);
        }
        let mut ids: BTreeSet<String> = affiliations.keys().cloned().collect();
        ids.extend(names.iter().map(|(id, _)| id.clone()));
        for doc in &documents {
            ids.extend(strings(&doc["entities"]));
            ids.extend(strings(&doc["optional_entities"]));
            for (s, _, t) in triples(&doc["relations"])
                .into_iter()
                .chain(triples(&doc["optional"]))
            {
                ids.insert(s);
                ids.insert(t);
            }
        }
        // Python iterates a set here, in no set order; ids that fold alike would make its result
        // depend on hashing, so they must not exist.
        let mut alias: BTreeMap<String, String> = BTreeMap::new();
        for id in &ids {
            if let Some(other) = alias.insert(fold(id), id.clone()) {
                panic!("gold ids {other} and {id} fold alike: the Python scorer is ambiguous");
            }
        }
        // Python lets the first name win, in the file's key order, which serde_json does not keep
        // (it sorts keys): a name shared by two actors would make the port unfaithful.
        let mut named_by: BTreeMap<String, String> = BTreeMap::new();
        for (id, forms) in &names {
            for form in forms {
                let folded = fold(form);
                if let Some(other) = named_by.insert(folded.clone(), id.clone()) {
                    assert!(
                        other == *id || ids.iter().any(|i| fold(i) == folded),
                        "gold name {form:?} belongs to both {other} and {id}: the scorer would depend on key order"
                    );
                }
                alias.entry(folded).or_insert_with(|| id.clone());
            }
        }
        Gold {
            documents,
            affiliations,
            ids,
            alias,
        }
    }

    pub fn files(&self) -> Vec<String> {
        self.documents
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .collect()
    }

    fn match_node(&self, node: &Value) -> String {
        let id = node["id"].as_str().expect("node id is a string");
        if self.ids.contains(id) {
            return id.to_owned();
        }
        for key in ["label", "name"] {
            if let Some(v) = node.get(key).and_then(Value::as_str) {
                if let Some(gid) = self.alias.get(&fold(v)) {
                    return gid.clone();
                }
            }
        }
        self.alias
            .get(&fold(id))
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn country(&self, gid: &str, node: &Value) -> String {
        if let Some(country) = self.affiliations.get(gid) {
            return country.clone();
        }
        for key in ["country", "affiliation"] {
            if let Some(code) = is_iso3(node.get(key)) {
                return code.to_owned();
            }
        }
        gid.to_owned()
    }

    fn roll(&self, (s, r, t): Triple) -> Triple {
        let up = |x: String| self.affiliations.get(&x).cloned().unwrap_or(x);
        norm((up(s), r, up(t)))
    }

    /// Scores `graph(file)`, the graph built from each gold document alone (None: no graph).
    pub fn score(&self, graph: impl Fn(&str) -> Option<Value>) -> Score {
        let mut score = Score::default();
        for doc in &self.documents {
            let file = doc["file"].as_str().unwrap();
            let mut got_nodes: BTreeSet<String> = BTreeSet::new();
            let mut got_rel: BTreeSet<Triple> = BTreeSet::new();
            match graph(file) {
                None => score.missing_documents += 1,
                Some(g) => {
                    let mut nodes: BTreeMap<String, (String, String)> = BTreeMap::new();
                    for n in g["nodes"].as_array().into_iter().flatten() {
                        let gid = self.match_node(n);
                        let country = self.country(&gid, n);
                        nodes.insert(n["id"].as_str().unwrap().to_owned(), (gid.clone(), country));
                        got_nodes.insert(gid);
                    }
                    let edges = [&g["edges"], &g["links"]]
                        .into_iter()
                        .find(|e| e.as_array().is_some_and(|a| !a.is_empty()))
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    for e in &edges {
                        let Some(rel) = e["relation"].as_str() else {
                            continue;
                        };
                        if !RELATION_TYPES.contains(&rel) {
                            continue;
                        }
                        let end = |key: &str| {
                            let id = e[key].as_str().unwrap();
                            nodes.get(id).map_or_else(|| id.to_owned(), |n| n.1.clone())
                        };
                        let (s, t) = (end("source"), end("target"));
                        if s != t {
                            got_rel.insert(norm((s, rel.to_owned(), t)));
                        }
                    }
                }
            }
            let want_e: BTreeSet<String> = strings(&doc["entities"]).into_iter().collect();
            let opt_e: BTreeSet<String> = strings(&doc["optional_entities"]).into_iter().collect();
            let want_r: BTreeSet<Triple> = triples(&doc["relations"])
                .into_iter()
                .map(|x| self.roll(x))
                .filter(|x| x.0 != x.2)
                .collect();
            let opt_r: BTreeSet<Triple> = triples(&doc["optional"])
                .into_iter()
                .map(|x| self.roll(x))
                .collect();
            let extra_entities: BTreeSet<String> = got_nodes
                .iter()
                .filter(|x| !want_e.contains(*x) && !opt_e.contains(*x))
                .cloned()
                .collect();
            let missed_entities: BTreeSet<String> =
                want_e.difference(&got_nodes).cloned().collect();
            let spurious: BTreeSet<Triple> = got_rel
                .iter()
                .filter(|x| !want_r.contains(*x) && !opt_r.contains(*x))
                .cloned()
                .collect();
            let missed: BTreeSet<Triple> = want_r.difference(&got_rel).cloned().collect();
            let found: Vec<&Triple> = want_r.intersection(&got_rel).collect();
            score.entities.add(Counts {
                tp: want_e.intersection(&got_nodes).count(),
                fp: extra_entities.len(),
                fn_: missed_entities.len(),
            });
            let relations = Counts {
                tp: found.len(),
                fp: spurious.len(),
                fn_: missed.len(),
            };
            score.relations.add(relations);
            let mut bump = |rel: &str, f: fn(&mut Counts)| {
                let rel = RELATION_TYPES
                    .iter()
                    .find(|r| **r == rel)
                    .unwrap_or_else(|| panic!("gold relation {rel} is not a relation type"));
                f(score.by_relation.entry(rel).or_default());
            };
            for x in &found {
                bump(&x.1, |c| c.tp += 1);
            }
            for x in &spurious {
                bump(&x.1, |c| c.fp += 1);
            }
            for x in &missed {
                bump(&x.1, |c| c.fn_ += 1);
            }
            score.documents.push(DocumentReport {
                file: file.to_owned(),
                relations,
                missed,
                spurious,
                missed_entities,
                extra_entities,
            });
        }
        score
    }
}
