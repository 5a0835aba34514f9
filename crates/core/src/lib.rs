//! Shared vocabulary of actorgraph: documents and their dates, sentences, byte spans, actor ids and
//! mentions.
//!
//! This crate does no IO and has no knowledge of any particular gazetteer or rule set; every other
//! crate speaks in its types.

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
