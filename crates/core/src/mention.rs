//! A mention: one place in one document where the text names an actor.

use std::sync::Arc;

use serde::Serialize;

use crate::{ActorId, Span};

/// How the text named the actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name or spelling variant: "Iran", "Avigdor Lieberman", "European Union".
    Name,
    /// A national adjective or noun: "Iranian", "Israelis".
    Demonym,
    /// A place or building standing for the state: "Moscow", "the Kremlin", "the White House".
    Metonym,
    /// A person's surname alone: "Liberman said".
    Surname,
    /// An acronym matched exactly as written: "IDF", "UN", "US".
    Acronym,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Demonym => "demonym",
            MentionKind::Metonym => "metonym",
            MentionKind::Surname => "surname",
            MentionKind::Acronym => "acronym",
        }
    }
}

/// One actor named at one byte span of a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// Byte span of the matched text in the document, agent noun included.
    pub span: Span,
    /// Index of the sentence (in the document's sentence list) that contains `span.start`.
    pub sentence: usize,
    pub actor: ActorId,
    pub kind: MentionKind,
    /// For an agent phrase ("Iranian forces", "the Syrian government", "U.S. diplomats"): the
    /// sector of the state it names (military, government, diplomatic, ...).
    pub sector: Option<Arc<str>>,
}
