use crate::span::Span;

/// One shell word of a statement, quotes removed, non-ASCII characters
/// already turned into `&#N;` as crmsh does before it stores anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub span: Span,
}

impl Token {
    pub fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }

    pub fn is(&self, keyword: &str) -> bool {
        self.text.eq_ignore_ascii_case(keyword)
    }
}
