//! The nine relations between actors, how a statement was made, and the evidence for an edge.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{ActorId, Span};

/// A typed relation between two actors, as `shared/design/ONTOLOGY.md` defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Ally,
    Opposes,
    Mediates,
    Supports,
    Attacks,
    Meets,
    Cooperates,
    Competes,
    Threatens,
}

impl Relation {
    pub const ALL: [Relation; 9] = [
        Relation::Ally,
        Relation::Opposes,
        Relation::Mediates,
        Relation::Supports,
        Relation::Attacks,
        Relation::Meets,
        Relation::Cooperates,
        Relation::Competes,
        Relation::Threatens,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Ally => "ally",
            Relation::Opposes => "opposes",
            Relation::Mediates => "mediates",
            Relation::Supports => "supports",
            Relation::Attacks => "attacks",
            Relation::Meets => "meets",
            Relation::Cooperates => "cooperates",
            Relation::Competes => "competes",
            Relation::Threatens => "threatens",
        }
    }

    pub fn parse(name: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Symmetric relations are stored once, with `source < target`.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            Relation::Ally | Relation::Meets | Relation::Cooperates | Relation::Competes
        )
    }

    /// +1 for friendly, -1 for hostile, 0 for neutral relations.
    pub fn sign(self) -> i8 {
        match self {
            Relation::Ally | Relation::Cooperates | Relation::Supports => 1,
            Relation::Meets | Relation::Mediates => 0,
            Relation::Competes | Relation::Opposes | Relation::Threatens | Relation::Attacks => -1,
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a sentence states a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Denied: "is not an ally". Negated evidence never makes an edge.
    Negated,
    /// Possible, conditional or prevented: "if Damascus launches", "a possible clash".
    Hypothetical,
    /// Claimed by someone else: "media claimed", "accused of".
    Reported,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }
}

/// One sentence's support for one relation between two actors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (the file name).
    pub doc: String,
    /// Document date, `YYYY-MM-DD`, where known.
    pub date: Option<String>,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Byte span of the sentence in the document.
    pub sentence_span: Span,
    /// The sentence as written.
    pub text: String,
    pub source: ActorId,
    pub target: ActorId,
    pub relation: Relation,
    /// Byte spans, in the document, of the words naming the source and the target.
    pub source_span: Span,
    pub target_span: Span,
    /// Byte span of the cue in the document, and the cue as written.
    pub cue_span: Span,
    pub cue: String,
    pub modality: Modality,
    /// Who the sentence attributes the statement to, where it does.
    pub speaker: Option<ActorId>,
    /// 0-1: how directly the rule that found this evidence reads the sentence.
    pub confidence: f64,
}

/// A person or agency acting for a country or organization, as a title in the text shows it
/// ("Russian Ambassador to Iran Levan Dzhagaryan") or the gazetteer says.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Affiliation {
    pub actor: ActorId,
    pub affiliation: ActorId,
    /// The title or role, lower case ("ambassador to iran"), where known.
    pub role: Option<String>,
    /// Document id where the text showed it; `None` when it comes from the gazetteer only.
    pub doc: Option<String>,
}

/// What the relation engine needs to know about actors, without depending on where that
/// knowledge comes from. The gazetteer implements it; tests implement it by hand.
pub trait ActorDirectory {
    fn entity_type(&self, id: &ActorId) -> Option<crate::EntityType>;
    /// The actor this one acts for, per the data.
    fn affiliation(&self, id: &ActorId) -> Option<ActorId>;
    /// The country this actor rolls up to: itself for a country.
    fn country(&self, id: &ActorId) -> Option<ActorId>;
}
