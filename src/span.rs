//! Byte spans into one block of text.

use serde::Serialize;

/// A half-open range `start..end` of UTF-8 byte offsets into one block's text.
///
/// Every span the core hands out lies on `char` boundaries of the block it was
/// made for; [`Span::new`] checks the order, [`Span::text`] the boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// # Panics
    /// When `start > end`: a reversed span is always a bug in the caller.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} is after its end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `block`.
    pub fn text<'a>(&self, block: &'a str) -> &'a str {
        &block[self.start..self.end]
    }

    /// This span moved `by` bytes to the right (for offsets into a larger text).
    pub fn shifted(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
