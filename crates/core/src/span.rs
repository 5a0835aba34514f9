//! Byte spans into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's UTF-8 text.
///
/// Both ends always lie on `char` boundaries of the text the span was made for.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True if `offset` lies strictly inside the span, that is, a cut there would split it.
    pub fn strictly_contains(&self, offset: usize) -> bool {
        self.start < offset && offset < self.end
    }

    pub fn contains_span(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers. Panics if the span is out of range or not on char boundaries,
    /// which would be a bug in whoever made it.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}
