//! The per-document pipeline: gazetteer, then relation rules, into one document extract.

use std::path::Path;

use actorgraph_core::{ActorId, Document, EntityType};
use actorgraph_gazetteer::{Analysis, Gazetteer};
use actorgraph_graph::{DocumentExtract, NodeCatalog, NodeInfo};
use actorgraph_relations::{DocumentInput, RelationRules};

use crate::{data, Failure};

/// Everything a run needs to read documents: validated data, compiled once.
#[derive(Debug)]
pub(crate) struct Pipeline {
    pub gazetteer: Gazetteer,
    pub rules: RelationRules,
}

impl Pipeline {
    pub(crate) fn load(
        data_dir: Option<&Path>,
        rules_file: Option<&Path>,
    ) -> Result<Pipeline, Failure> {
        Ok(Pipeline {
            gazetteer: data::load(data_dir)?,
            rules: data::load_rules(rules_file)?,
        })
    }

    /// What one document contributes to the graph. A pure function of the document and the data.
    pub(crate) fn extract(&self, document: &Document) -> DocumentExtract {
        self.analyze_and_extract(document).1
    }

    /// [`Self::extract`], also returning the sentences and mentions it read.
    pub(crate) fn analyze_and_extract(&self, document: &Document) -> (Analysis, DocumentExtract) {
        let analysis = self.gazetteer.analyze(&document.text);
        let input = DocumentInput {
            id: &document.id,
            date: document.date.as_deref(),
            text: &document.text,
            sentences: &analysis.sentences,
            mentions: &analysis.mentions,
        };
        let extraction = self.rules.extract(&input, &self.gazetteer);
        let mut mention_counts = std::collections::BTreeMap::new();
        for mention in &analysis.mentions {
            *mention_counts.entry(mention.actor.clone()).or_insert(0) += 1;
        }
        let extract = DocumentExtract {
            doc: document.id.clone(),
            date: document.date.clone(),
            mention_counts,
            evidence: extraction.evidence,
            affiliations: extraction.affiliations,
        };
        (analysis, extract)
    }
}

/// The gazetteer as the graph builder's source of node attributes.
pub(crate) struct Catalog<'g>(pub &'g Gazetteer);

impl NodeCatalog for Catalog<'_> {
    fn node_info(&self, id: &ActorId) -> NodeInfo {
        let Some(actor) = self.0.actor(id.as_str()) else {
            return NodeInfo::default();
        };
        // The role held now (no end date), else the latest one.
        let role = actor
            .roles
            .iter()
            .rev()
            .find(|r| r.to.is_none())
            .or(actor.roles.last())
            .map(|r| r.title.clone());
        NodeInfo {
            label: actor.label.clone(),
            entity_type: Some(actor.entity_type),
            country: actor.country.clone(),
            affiliation: actor.affiliation.clone(),
            role,
            aliases: actor.aliases.clone(),
        }
    }

    /// A former office holder, a person every one of whose offices had ended by the date,
    /// acts for no country. Before a first office the data may just not list earlier ones
    /// (a senator later made minister), so that person still acts for their country, as do
    /// persons without dates, all other actors, and undated evidence.
    fn country_on(&self, id: &ActorId, date: Option<&str>) -> Option<ActorId> {
        let actor = self.0.actor(id.as_str())?;
        let (Some(date), EntityType::Person) = (date, actor.entity_type) else {
            return actor.country.clone();
        };
        if !actor.roles.is_empty() && actor.roles.iter().all(|r| r.ended_before(date)) {
            return None;
        }
        actor.country.clone()
    }
}
