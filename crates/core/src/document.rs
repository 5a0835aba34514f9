//! A document: an id, its text and, where known, its date.

/// One input article. The id is what evidence and mentions refer to: for a file, its file name;
/// for a JSON Lines record, the record's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// Publication date, `YYYY-MM-DD`, where known.
    pub date: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
        }
    }
}
