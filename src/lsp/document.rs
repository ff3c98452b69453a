//! The open documents: their text as the editor has it, and the mapping
//! between byte offsets (what the lexer's spans count) and LSP positions
//! (lines and UTF-16 code units, what every client counts by default).

use crate::span::Span;
use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};
use std::collections::HashMap;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub version: i32,
    pub text: String,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        let mut d = Document {
            version,
            text,
            line_starts: Vec::new(),
        };
        d.index_lines();
        d
    }

    fn index_lines(&mut self) {
        self.line_starts.clear();
        self.line_starts.push(0);
        for (i, b) in self.text.bytes().enumerate() {
            if b == b'\n' {
                self.line_starts.push(i + 1);
            }
        }
    }

    /// Applies one change: a range replaced, or the whole text.
    pub fn change(&mut self, change: &TextDocumentContentChangeEvent) {
        match change.range {
            Some(range) => {
                let start = self.offset(range.start);
                let end = self.offset(range.end).max(start);
                self.text.replace_range(start..end, &change.text);
            }
            None => self.text = change.text.clone(),
        }
        self.index_lines();
    }

    /// The byte offset of a position; past the end of a line is its end.
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.line_starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(pos.line as usize + 1)
            .map_or(self.text.len(), |&e| e - 1);
        let line = &self.text[start..end.max(start)];
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= pos.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        start + line.len()
    }

    /// The position of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum();
        Position {
            line: line as u32,
            character,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end.max(span.start)),
        }
    }

    /// The whole text as a range (for edits that replace it).
    pub fn full_range(&self) -> Range {
        self.range(Span::new(0, self.text.len()))
    }
}

/// The documents the editor has open, by URI.
#[derive(Debug, Default)]
pub struct Store {
    docs: HashMap<Url, Document>,
}

impl Store {
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        self.docs.insert(uri, Document::new(text, version));
    }

    pub fn close(&mut self, uri: &Url) {
        self.docs.remove(uri);
    }

    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_kana() {
        // "テ" is one UTF-16 unit (3 bytes), "𝄞" two units (4 bytes).
        let d = Document::new("ab\nテ𝄞x\n".to_string(), 1);
        let x = d.text.find('x').unwrap();
        assert_eq!(d.position(x), Position::new(1, 3));
        assert_eq!(d.offset(Position::new(1, 3)), x);
        assert_eq!(d.offset(Position::new(1, 1)), "ab\nテ".len());
        // Past the end of a line: the line's end, not the next line.
        assert_eq!(d.offset(Position::new(0, 99)), 2);
        assert_eq!(d.offset(Position::new(9, 0)), d.text.len());
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut d = Document::new("primitive p Dummy\n".to_string(), 1);
        d.change(&TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 10), Position::new(0, 11))),
            range_length: None,
            text: "p1".into(),
        });
        assert_eq!(d.text, "primitive p1 Dummy\n");
        d.change(&TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 0), Position::new(1, 0))),
            range_length: None,
            text: "group g p1\n".into(),
        });
        assert_eq!(d.text, "primitive p1 Dummy\ngroup g p1\n");
        assert_eq!(d.position(d.text.len()), Position::new(2, 0));
    }
}
