//! The RON file format of gazetteer data, exactly as users write it.
//!
//! These structs mirror the files and nothing else; [`crate::Actor`] is the in-memory form that
//! the matcher and the rest of actorgraph use. Keeping the two apart lets the file format stay
//! friendly (optional fields, plain strings) while the in-memory types stay strict.
//!
//! A file holds a list of actors:
//!
//! ```ron
//! [
//!     (
//!         id: "IRN",
//!         entity_type: country,
//!         label: "Iran",
//!         aliases: ["Iran", "Islamic Republic of Iran"],
//!         demonyms: ["Iranian", "Iranians"],
//!         metonyms: ["Tehran"],
//!     ),
//!     (
//!         id: "JOR",
//!         entity_type: country,
//!         label: "Jordan",
//!         aliases: ["Jordan", "Hashemite Kingdom of Jordan"],
//!         demonyms: ["Jordanian", "Jordanians"],
//!         metonyms: ["Amman"],
//!         ambiguous: ["Jordan"],
//!     ),
//!     (
//!         id: "avigdor-liberman",
//!         entity_type: person,
//!         label: "Avigdor Liberman",
//!         aliases: ["Avigdor Liberman", "Avigdor Lieberman"],
//!         surnames: ["Liberman", "Lieberman"],
//!         affiliation: "ISR",
//!         roles: [(title: "defense minister", of: "ISR", from: "2016-05-30", to: "2018-11-14")],
//!     ),
//! ]
//! ```

use actorgraph_core::EntityType;
use serde::Deserialize;

/// One actor entry of a data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Actor")]
pub(crate) struct ActorEntry {
    pub id: String,
    pub entity_type: EntityType,
    pub label: String,
    /// Names, spelling variants and acronyms. An alias written wholly in capitals ("IDF",
    /// "U.S.") is an acronym and only matches as written.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// National adjectives and nouns: "Iranian", "Iranians".
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Places and buildings that stand for the actor: "Moscow", "Kremlin".
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Surnames that name a person alone when unambiguous: "Liberman".
    #[serde(default)]
    pub surnames: Vec<String>,
    /// Aliases (from any list above) that are also common words or other names: "Jordan",
    /// "Chad", "Georgia", "Turkey". They count only with supporting context in the document.
    /// Two actors may share an alias when both mark it ambiguous.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// The id of the country or organization this actor acts for.
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub roles: Vec<RoleEntry>,
    /// Free text for curators: sources, caveats. Never used for matching.
    #[serde(default)]
    #[allow(dead_code, reason = "read by people, not by the program")]
    pub note: Option<String>,
}

/// A role an actor held, optionally dated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Role")]
pub(crate) struct RoleEntry {
    pub title: String,
    /// The id of the actor the role is held in or for ("ISR" for Israel's defense minister).
    #[serde(default)]
    pub of: Option<String>,
    /// First day in the role: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day in the role, same format; absent while the role is held.
    #[serde(default)]
    pub to: Option<String>,
}

/// `agent-nouns.ron`: nouns that, after a country's name or demonym, stand for its agents in a
/// sector: "Iranian forces" (military), "the Syrian government" (government), "U.S. diplomats".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "AgentNouns")]
pub(crate) struct AgentNounsFile {
    /// Sector name -> the nouns (one or more words each).
    pub sectors: std::collections::BTreeMap<String, Vec<String>>,
}

/// `non-actors.ron`: phrases that contain an actor's alias but do not name the actor ("Latin
/// America", "New Mexico", "Lebanon, Pennsylvania"). Matching one hides the alias inside it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "NonActors")]
pub(crate) struct NonActorsFile {
    pub phrases: Vec<String>,
}
