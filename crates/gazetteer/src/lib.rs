//! The actor gazetteer: RON data about actors, validated, compiled into one matcher that finds
//! actor mentions in text.
//!
//! ```
//! use actorgraph_gazetteer::{DataSource, Gazetteer};
//!
//! let data = r#"[(id: "IRN", entity_type: country, label: "Iran",
//!                 aliases: ["Iran"], demonyms: ["Iranian"], metonyms: ["Tehran"])]"#;
//! let gazetteer = Gazetteer::from_sources(&[DataSource { path: "x.ron", text: data }]).unwrap();
//! let found = gazetteer.analyze("Tehran said Iran’s Iranian allies");
//! assert_eq!(found.mentions.len(), 3);
//! ```
//!
//! Building a gazetteer validates the data and compiles the automaton once; analyzing a text is
//! then infallible and touches nothing but the text.

mod file;
mod load;
mod matcher;
mod normalize;

use actorgraph_core::{
    split_sentences, ActorDirectory, ActorId, EntityType, Mention, MentionKind, Span,
};

use crate::matcher::{Candidate, Matcher, Target};
pub use actorgraph_core::{DataError, DataErrors};

pub use crate::load::DataSource;

/// An actor as the rest of actorgraph sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: ActorId,
    pub entity_type: EntityType,
    pub label: String,
    /// The actor this one acts for (`idf` -> `ISR`).
    pub affiliation: Option<ActorId>,
    /// The country this actor rolls up to: itself for a country, else the first country along
    /// its affiliations.
    pub country: Option<ActorId>,
    pub roles: Vec<Role>,
    /// Every surface form, in data order without repeats: names, demonyms, metonyms, surnames.
    pub aliases: Vec<String>,
    pub names: Vec<String>,
    pub demonyms: Vec<String>,
    pub metonyms: Vec<String>,
    pub surnames: Vec<String>,
}

/// A role an actor held, with optional `YYYY[-MM[-DD]]` dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub of: Option<ActorId>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The mentions found in one text, and its sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Sentence spans, in order. Mentions point into this list.
    pub sentences: Vec<Span>,
    /// Mentions in text order; spans never overlap.
    pub mentions: Vec<Mention>,
}

/// Validated actor data and the compiled matcher over it. Immutable once built; share it freely
/// across threads.
#[derive(Debug)]
pub struct Gazetteer {
    /// Sorted by id, so lookups are binary searches and iteration order is stable.
    actors: Vec<Actor>,
    matcher: Matcher,
}

impl Gazetteer {
    /// Parses, validates and compiles the given data files. Every problem in every file is
    /// reported at once, each at its `path:line:col`.
    pub fn from_sources(sources: &[DataSource<'_>]) -> Result<Gazetteer, DataErrors> {
        let actors = load::load_actors(sources)?;
        let matcher = Matcher::new(&actors);
        Ok(Gazetteer { actors, matcher })
    }

    /// All actors, sorted by id.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.actors[i])
    }

    /// Number of distinct normalized patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }

    /// Finds the actor mentions in `text` and splits it into sentences.
    pub fn analyze(&self, text: &str) -> Analysis {
        let candidates = self.matcher.candidates(text);
        let resolved = self.resolve(candidates);
        let protected: Vec<Span> = resolved.iter().map(|(span, _)| *span).collect();
        let sentences = split_sentences(text, &protected);
        let mentions = resolved
            .into_iter()
            .map(|(span, target)| Mention {
                span,
                sentence: sentence_index(&sentences, span.start),
                actor: self.actors[target.actor as usize].id.clone(),
                kind: target.kind,
            })
            .collect();
        Analysis {
            sentences,
            mentions,
        }
    }

    /// Picks one target per candidate, or drops the candidate, using what the document said
    /// before it.
    ///
    /// A surname shared by several persons goes to the one named most recently by full name; a
    /// surname that is also another actor's name goes to that actor unless a person with the
    /// surname was named before.
    fn resolve(&self, candidates: Vec<Candidate>) -> Vec<(Span, Target)> {
        // Persons named so far by a full name, most recent last.
        let mut named: Vec<u32> = Vec::new();
        let mut resolved = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let chosen = if let [only] = candidate.targets.as_slice() {
                Some(*only)
            } else {
                let recent_surname = named.iter().rev().find_map(|actor| {
                    candidate
                        .targets
                        .iter()
                        .find(|t| t.actor == *actor && t.kind == MentionKind::Surname)
                });
                let mut others = candidate
                    .targets
                    .iter()
                    .filter(|t| t.kind != MentionKind::Surname);
                match (recent_surname, others.next(), others.next()) {
                    (Some(target), _, _) => Some(*target),
                    (None, Some(target), None) => Some(*target),
                    _ => None,
                }
            };
            let Some(target) = chosen else { continue };
            let actor = &self.actors[target.actor as usize];
            if actor.entity_type == EntityType::Person && target.kind != MentionKind::Surname {
                named.retain(|&a| a != target.actor);
                named.push(target.actor);
            }
            resolved.push((candidate.span, target));
        }
        resolved
    }
}

impl ActorDirectory for Gazetteer {
    fn entity_type(&self, id: &ActorId) -> Option<EntityType> {
        self.actor(id.as_str()).map(|a| a.entity_type)
    }

    fn affiliation(&self, id: &ActorId) -> Option<ActorId> {
        self.actor(id.as_str()).and_then(|a| a.affiliation.clone())
    }

    fn country(&self, id: &ActorId) -> Option<ActorId> {
        self.actor(id.as_str()).and_then(|a| a.country.clone())
    }
}

/// Index of the sentence containing `offset`; an offset between sentences belongs to the next.
fn sentence_index(sentences: &[Span], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.end <= offset)
        .min(sentences.len().saturating_sub(1))
}

#[cfg(test)]
mod tests;
