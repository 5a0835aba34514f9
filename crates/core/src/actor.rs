//! Actor identifiers and entity types, as `shared/design/ONTOLOGY.md` defines them.

use std::{fmt, sync::Arc};

use serde::{Deserialize, Serialize, Serializer};

/// The stable id of an actor: an ISO 3166-1 alpha-3 code for a country (`RUS`), a kebab-case ASCII
/// slug otherwise (`levan-dzhagaryan`). Cheap to clone: mentions of one actor share one allocation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(Arc<str>);

impl ActorId {
    pub fn new(id: &str) -> ActorId {
        ActorId(Arc::from(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address of the id's shared text: equal for an id and its clones, distinct among ids
    /// alive at once. A directory that hands out clones of its own ids can look them up by it
    /// without hashing the text.
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }

    /// True if the id has the shape of a country id: three ASCII upper-case letters.
    pub fn is_country_code(&self) -> bool {
        is_country_code(&self.0)
    }
}

/// True if `id` has the shape of an ISO 3166-1 alpha-3 code.
pub fn is_country_code(id: &str) -> bool {
    id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase())
}

/// True if `id` is a valid slug id: lower-case ASCII letters and digits in dash-separated words.
/// Such ids are valid `xs:NMTOKEN`s, file names and DOT/GraphML ids without escaping.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl fmt::Debug for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ActorId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ActorId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ActorId, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(ActorId::new(&id))
    }
}

/// What kind of actor a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Country,
    Person,
    /// International bodies, state agencies, ministries, militaries.
    Organization,
    /// Non-state armed groups: Hezbollah, Islamic State, SDF.
    ArmedGroup,
    Party,
    Media,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Country => "country",
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::ArmedGroup => "armed_group",
            EntityType::Party => "party",
            EntityType::Media => "media",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_shapes() {
        assert!(is_country_code("RUS"));
        assert!(!is_country_code("Rus"));
        assert!(!is_country_code("RUSS"));
        assert!(is_slug("levan-dzhagaryan"));
        assert!(is_slug("un-security-council"));
        assert!(is_slug("g20"));
        assert!(!is_slug("Levan-Dzhagaryan"));
        assert!(!is_slug("levan--dzhagaryan"));
        assert!(!is_slug("-levan"));
        assert!(!is_slug("levan dzhagaryan"));
        assert!(!is_slug(""));
    }
}
