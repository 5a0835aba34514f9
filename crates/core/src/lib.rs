//! Shared vocabulary of actorgraph: documents and their dates, sentences, byte spans, actor ids and
//! mentions.
//!
//! This crate does no IO and has no knowledge of any particular gazetteer or rule set; every other
//! crate speaks in its types.

/// Declares `fn name(word: &str) -> bool`, true for the listed words. The sentence splitter and
/// the relation rules test words against such lists many times a sentence: a `match` on string
/// literals compiles to a length test and integer comparisons, where `<[&str]>::contains` walks
/// the list and calls `memcmp` for each entry of the word's length.
#[macro_export]
macro_rules! word_set {
    ($(#[$meta:meta])* $vis:vis fn $name:ident = [$($word:literal),+ $(,)?];) => {
        $(#[$meta])*
        $vis fn $name(word: &str) -> bool {
            matches!(word, $($word)|+)
        }
    };
}

pub mod actor;
pub mod ascii;
mod data_error;
mod date;
mod document;
mod mention;
mod relation;
pub mod sentence;
mod span;

pub use actor::{ActorId, EntityType};
pub use data_error::{DataError, DataErrors};
pub use date::{find_dateline, parse_iso_date};
pub use document::Document;
pub use mention::{Mention, MentionKind};
pub use relation::{ActorDirectory, Affiliation, Evidence, Modality, Relation};
pub use sentence::split_sentences;
pub use span::Span;
