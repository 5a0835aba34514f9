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

mod ambiguity;
mod file;
mod load;
mod matcher;
mod normalize;
mod petrarch;

use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;
use smallvec::SmallVec;

use actorgraph_core::{
    split_sentences, ActorDirectory, ActorId, EntityType, Mention, MentionKind, Span,
};

use crate::{
    ambiguity::OtherName,
    matcher::{Candidate, Matcher, Target},
};
pub use actorgraph_core::{DataError, DataErrors};

pub use crate::load::{DataSource, AGENT_NOUNS_FILE, NON_ACTORS_FILE};
pub use crate::petrarch::{convert_petrarch, ImportReport, Issue, IssueKind, PetrarchImport};

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
    /// Aliases that count only with supporting context.
    pub ambiguous: Vec<String>,
}

/// A role an actor held, with optional `YYYY[-MM[-DD]]` dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub of: Option<ActorId>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Role {
    /// True if the role had ended by `date` (`YYYY-MM-DD`). The end is inclusive at its own
    /// precision: a role "to: 2012" was held all through 2012.
    pub fn ended_before(&self, date: &str) -> bool {
        self.to
            .as_deref()
            .is_some_and(|to| to < date.get(..to.len()).unwrap_or(date))
    }
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
    /// Id -> index into `actors`: the relation engine asks for an actor's type and country at
    /// every mention, and a hash beats a binary search of string compares there.
    by_id: rustc_hash::FxHashMap<Box<str>, u32>,
    /// The same by [`ActorId::address`]: every id the gazetteer hands out (mentions, countries,
    /// affiliations) is a clone of an actor's own, found here without hashing its text.
    by_address: rustc_hash::FxHashMap<usize, u32>,
    matcher: Matcher,
}

impl Gazetteer {
    /// Parses, validates and compiles the given data files. Every problem in every file is
    /// reported at once, each at its `path:line:col`.
    pub fn from_sources(sources: &[DataSource<'_>]) -> Result<Gazetteer, DataErrors> {
        let data = load::load_data(sources)?;
        let matcher = Matcher::new(&data.actors, &data.non_actors, &data.agent_nouns);
        let mut actors = data.actors;
        let by_id: rustc_hash::FxHashMap<Box<str>, u32> = actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let index = u32::try_from(i).expect("fewer than 2^32 actors");
                (Box::from(a.id.as_str()), index)
            })
            .collect();
        // Countries and affiliations become clones of their actors' own ids.
        let own_ids: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
        let own = |id: &mut Option<ActorId>| {
            if let Some(index) = id.as_ref().and_then(|id| by_id.get(id.as_str())) {
                *id = Some(own_ids[*index as usize].clone());
            }
        };
        for actor in &mut actors {
            own(&mut actor.affiliation);
            own(&mut actor.country);
        }
        let by_address = own_ids
            .iter()
            .zip(0..)
            .map(|(id, index)| (id.address(), index))
            .collect();
        Ok(Gazetteer {
            actors,
            by_id,
            by_address,
            matcher,
        })
    }

    /// All actors, sorted by id.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i as usize])
    }

    /// Number of distinct normalized patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }

    /// Finds the actor mentions in `text` and splits it into sentences.
    pub fn analyze(&self, text: &str) -> Analysis {
        let candidates = self.matcher.candidates(text);
        let resolved = self.resolve(text, candidates);
        let protected: Vec<Span> = resolved.iter().map(|r| r.span).collect();
        let sentences = split_sentences(text, &protected);
        let mentions = resolved
            .into_iter()
            .map(|r| Mention {
                span: r.span,
                sentence: sentence_index(&sentences, r.span.start),
                actor: self.actors[r.target.actor as usize].id.clone(),
                kind: r.target.kind,
                sector: r.sector,
            })
            .collect();
        Analysis {
            sentences,
            mentions,
        }
    }

    /// Picks one target per candidate, or drops the candidate, using the document around it.
    ///
    /// * A surname shared by several persons goes to the one named most recently by full name;
    ///   a surname that is also another actor's name goes to that actor unless a person with
    ///   the surname was named before.
    /// * An alias marked ambiguous ("Jordan", "Georgia", "Chad") counts only when written with a
    ///   capital, not as part of a personal name or a place ("Michael Jordan", "Georgia Tech",
    ///   "Lebanon, Pennsylvania"), and when the document supports it: the actor is also named
    ///   unambiguously, or another actor is named close by.
    fn resolve(&self, text: &str, candidates: Vec<Candidate<'_>>) -> Vec<Resolved> {
        let unambiguous = |c: &Candidate| c.targets.len() == 1 && !c.targets[0].ambiguous;
        let supported: HashSet<u32> = candidates
            .iter()
            .filter(|c| unambiguous(c) && c.targets[0].kind != MentionKind::Surname)
            .map(|c| c.targets[0].actor)
            .collect();
        // Where the unambiguous mentions of countries and bodies are: "a nearby country word".
        let anchors: Vec<(usize, u32)> = candidates
            .iter()
            .filter(|c| unambiguous(c))
            .filter(|c| self.actors[c.targets[0].actor as usize].entity_type != EntityType::Person)
            .map(|c| (c.span.start, c.targets[0].actor))
            .collect();
        let starts: HashSet<usize> = candidates.iter().map(|c| c.span.start).collect();

        // Persons named so far by a full name, most recent last.
        let mut named: Vec<u32> = Vec::new();
        let mut resolved: Vec<Resolved> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let other_name = if candidate.targets.iter().any(|t| t.ambiguous) {
                ambiguity::reads_as_other_name(text, candidate.span, &starts)
            } else {
                OtherName::No
            };
            // On the stack: most candidates have one target.
            let eligible: SmallVec<[Target; 2]> = candidate
                .targets
                .iter()
                .copied()
                .filter(|t| {
                    !t.ambiguous
                        || match other_name {
                            // A person's ambiguous surname ("Carter", "Rice") needs the full
                            // name somewhere in the document; a nearby country is no support.
                            OtherName::No if t.kind == MentionKind::Surname => {
                                supported.contains(&t.actor)
                            }
                            OtherName::No => {
                                supported.contains(&t.actor)
                                    || ambiguity::near_other_actor(
                                        &anchors,
                                        candidate.span,
                                        t.actor,
                                    )
                            }
                            OtherName::Maybe => supported.contains(&t.actor),
                            OtherName::Yes => false,
                        }
                })
                .collect();
            let chosen = if let [only] = eligible.as_slice() {
                Some(*only)
            } else {
                let recent_surname = named.iter().rev().find_map(|actor| {
                    eligible
                        .iter()
                        .find(|t| t.actor == *actor && t.kind == MentionKind::Surname)
                });
                let mut others = eligible.iter().filter(|t| t.kind != MentionKind::Surname);
                match (recent_surname, others.next(), others.next()) {
                    (Some(target), _, _) => Some(*target),
                    (None, Some(target), None) => Some(*target),
                    // Two ambiguous readings: the one the document supports.
                    (None, Some(_), Some(_)) => {
                        let mut supported_targets =
                            eligible.iter().filter(|t| supported.contains(&t.actor));
                        match (supported_targets.next(), supported_targets.next()) {
                            (Some(target), None) => Some(*target),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            };
            let Some(target) = chosen else { continue };
            let actor = &self.actors[target.actor as usize];
            if actor.entity_type == EntityType::Person && target.kind != MentionKind::Surname {
                named.retain(|&a| a != target.actor);
                named.push(target.actor);
            }
            // "Iranian forces": the agent noun joins a country's mention.
            let (span, sector) = match candidate.agent {
                Some((end, sector)) if actor.entity_type == EntityType::Country => {
                    (Span::new(candidate.span.start, end), Some(sector))
                }
                _ => (candidate.span, None),
            };
            resolved.push(Resolved {
                span,
                name_end: candidate.span.end,
                target,
                sector,
            });
        }
        // An agent noun never runs into the next mention.
        for i in 1..resolved.len() {
            let next_start = resolved[i].span.start;
            let previous = &mut resolved[i - 1];
            if previous.span.end > next_start {
                previous.span.end = previous.name_end;
                previous.sector = None;
            }
        }
        resolved
    }
}

/// A candidate after resolution.
#[derive(Debug)]
struct Resolved {
    span: Span,
    /// End of the name itself, before any agent noun.
    name_end: usize,
    target: Target,
    sector: Option<Arc<str>>,
}

impl Gazetteer {
    /// The actor `id` names: by address for the gazetteer's own ids, else by text.
    fn actor_of(&self, id: &ActorId) -> Option<&Actor> {
        match self.by_address.get(&id.address()) {
            Some(&i) => Some(&self.actors[i as usize]),
            None => self.actor(id.as_str()),
        }
    }
}

impl ActorDirectory for Gazetteer {
    fn entity_type(&self, id: &ActorId) -> Option<EntityType> {
        self.actor_of(id).map(|a| a.entity_type)
    }

    fn affiliation(&self, id: &ActorId) -> Option<ActorId> {
        self.actor_of(id).and_then(|a| a.affiliation.clone())
    }

    fn country(&self, id: &ActorId) -> Option<ActorId> {
        self.actor_of(id).and_then(|a| a.country.clone())
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
