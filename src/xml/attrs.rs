//! An element's attributes, in document order, packed into one
//! allocation: a 50,000-primitive CIB has almost a million attributes,
//! and two strings and a tuple each would be most of its memory.
//!
//! Each attribute is stored as its name (one byte when the name is in the
//! schema's vocabulary, else 255, a length and the text) followed by the
//! value's length and text. Lengths are LEB128 varints.

use super::name::{code, SPELT, VOCABULARY};
use std::fmt;

#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Attrs(Box<[u8]>);

/// How a name is stored, so a lookup compares bytes, not text.
#[derive(Clone, Copy)]
enum Key<'a> {
    Code(u8),
    Spelt(&'a str),
}

fn key(name: &str) -> Key<'_> {
    match code(name) {
        Some(c) => Key::Code(c),
        None => Key::Spelt(name),
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn len_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()).max(1).div_ceil(7) as usize
}

/// The bytes `put` writes for one attribute.
fn entry_len(name: &str, value: &str) -> usize {
    let name_len = match key(name) {
        Key::Code(_) => 1,
        Key::Spelt(s) => 1 + len_len(s.len()) + s.len(),
    };
    name_len + len_len(value.len()) + value.len()
}

fn put(out: &mut Vec<u8>, name: &str, value: &str) {
    match key(name) {
        Key::Code(c) => out.push(c),
        Key::Spelt(s) => {
            out.push(SPELT);
            put_len(out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
    }
    put_len(out, value.len());
    out.extend_from_slice(value.as_bytes());
}

/// One stored attribute: where it sits in the buffer and what it says.
struct Entry<'a> {
    start: usize,
    end: usize,
    code: u8,
    name: &'a str,
    value: &'a str,
}

/// Walks the buffer entry by entry.
pub struct Iter<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iter<'a> {
    fn len_at(&mut self) -> usize {
        let mut n = 0usize;
        let mut shift = 0;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            n |= ((b & 0x7f) as usize) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        n
    }

    fn text(&mut self, len: usize) -> &'a str {
        let end = (self.pos + len).min(self.buf.len());
        let bytes = &self.buf[self.pos..end];
        self.pos = end;
        // SAFETY: the buffer is private to `Attrs` and only `put` writes
        // it, copying whole `&str`s; `len` is the length `put` wrote, so
        // the slice is exactly one of those strings.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    fn entry(&mut self) -> Option<Entry<'a>> {
        let start = self.pos;
        let code = *self.buf.get(self.pos)?;
        self.pos += 1;
        let name = if code == SPELT {
            let len = self.len_at();
            self.text(len)
        } else {
            VOCABULARY.get(code as usize).copied().unwrap_or("")
        };
        let len = self.len_at();
        let value = self.text(len);
        Some(Entry {
            start,
            end: self.pos,
            code,
            name,
            value,
        })
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        self.entry().map(|e| (e.name, e.value))
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Attrs {
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            buf: &self.0,
            pos: 0,
        }
    }

    /// The attributes as owned pairs, in document order.
    pub fn to_vec(&self) -> Vec<(String, String)> {
        self.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, name: &str) -> Option<Entry<'_>> {
        find(&self.0, name)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.find(name).map(|e| e.value)
    }

    /// Replaces the bytes `start..end` with `name=value` (an insertion
    /// when the range is empty).
    fn splice(&mut self, start: usize, end: usize, name: &str, value: Option<&str>) {
        let entry = value.map_or(0, |v| entry_len(name, v));
        // Exactly the final size: `into_boxed_slice` then needs no copy.
        let mut out = Vec::with_capacity(self.0.len() - (end - start) + entry);
        out.extend_from_slice(&self.0[..start]);
        if let Some(v) = value {
            put(&mut out, name, v);
        }
        out.extend_from_slice(&self.0[end..]);
        self.0 = out.into_boxed_slice();
    }

    /// Sets a value, keeping the attribute's place when it exists.
    pub fn set(&mut self, name: &str, value: &str) {
        let (start, end) = match self.find(name) {
            Some(e) if e.value == value => return,
            Some(e) => (e.start, e.end),
            None => (self.0.len(), self.0.len()),
        };
        self.splice(start, end, name, Some(value));
    }

    pub fn remove(&mut self, name: &str) -> Option<String> {
        let (start, end, old) = {
            let e = self.find(name)?;
            (e.start, e.end, e.value.to_string())
        };
        self.splice(start, end, name, None);
        Some(old)
    }

    /// Puts `name=value` at position `index` (the end when past it),
    /// replacing an attribute of that name wherever it was.
    pub fn insert(&mut self, index: usize, name: &str, value: &str) {
        self.remove(name);
        let mut it = self.iter();
        let mut at = self.0.len();
        for _ in 0..index {
            if it.entry().is_none() {
                break;
            }
        }
        if it.pos < self.0.len() {
            at = it.pos;
        }
        self.splice(at, at, name, Some(value));
    }

    /// Keeps the attributes `keep` accepts, in their order.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        let mut b = Builder::default();
        for (k, v) in self.iter() {
            if keep(k, v) {
                b.push(k, v);
            }
        }
        *self = b.finish();
    }

    /// Sorted by name, then value (for comparisons that ignore order).
    pub fn sort(&mut self) {
        let mut pairs: Vec<(&str, &str)> = self.iter().collect();
        pairs.sort();
        let mut b = Builder::default();
        for (k, v) in pairs {
            b.push(k, v);
        }
        *self = b.finish();
    }

    pub fn clear(&mut self) {
        self.0 = Box::default();
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for Attrs {
    /// Later duplicates replace earlier ones, in the earlier one's place.
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(iter: I) -> Self {
        let mut b = Builder::default();
        let mut dup = false;
        for (k, v) in iter {
            dup |= b.contains(k);
            b.push(k, v);
        }
        if !dup {
            return b.finish();
        }
        let mut out = Attrs::default();
        for (k, v) in b.finish().iter() {
            out.set(k, v);
        }
        out
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Attributes appended one by one into a reusable buffer (the XML reader
/// keeps one for the whole document), then copied out at their exact size.
#[derive(Default)]
pub struct Builder {
    buf: Vec<u8>,
}

impl Builder {
    /// Appends without checking for a duplicate name (see `contains`).
    pub fn push(&mut self, name: &str, value: &str) {
        put(&mut self.buf, name, value);
    }

    pub fn contains(&self, name: &str) -> bool {
        find(&self.buf, name).is_some()
    }

    /// The names pushed so far (for a duplicate check by set on wide
    /// elements, where `contains` for each would be n²).
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        Iter {
            buf: &self.buf,
            pos: 0,
        }
        .map(|(k, _)| k.to_string())
    }

    /// The attributes so far; the builder is empty again.
    pub fn finish(&mut self) -> Attrs {
        let attrs = Attrs(Box::from(&self.buf[..]));
        self.buf.clear();
        attrs
    }
}

/// The entry named `name` in a packed buffer.
fn find<'a>(buf: &'a [u8], name: &str) -> Option<Entry<'a>> {
    let k = key(name);
    let mut it = Iter { buf, pos: 0 };
    while let Some(e) = it.entry() {
        let hit = match k {
            Key::Code(c) => e.code == c,
            Key::Spelt(s) => e.code == SPELT && e.name == s,
        };
        if hit {
            return Some(e);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(a: &Attrs) -> Vec<(String, String)> {
        a.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn set_get_remove_keep_document_order() {
        let mut a = Attrs::default();
        a.set("id", "p1");
        a.set("crmsh-private", "x");
        a.set("type", "Dummy");
        a.set("id", "p2");
        assert_eq!(a.get("id"), Some("p2"));
        assert_eq!(a.get("crmsh-private"), Some("x"));
        assert_eq!(a.get("class"), None);
        assert_eq!(
            pairs(&a),
            [("id", "p2"), ("crmsh-private", "x"), ("type", "Dummy")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!(a.remove("crmsh-private"), Some("x".into()));
        assert_eq!(a.remove("crmsh-private"), None);
        assert_eq!(a.len(), 2);
        a.insert(0, "class", "ocf");
        assert_eq!(a.iter().next(), Some(("class", "ocf")));
        a.insert(9, "id", "p3");
        assert_eq!(a.iter().last(), Some(("id", "p3")));
    }

    #[test]
    fn long_and_non_ascii_values_survive() {
        let long = "é".repeat(300);
        let name = "n".repeat(200);
        let mut a = Attrs::default();
        a.set(&name, &long);
        a.set("value", "");
        assert_eq!(a.get(&name), Some(long.as_str()));
        assert_eq!(a.get("value"), Some(""));
        let mut s = a.clone();
        s.sort();
        assert_eq!(s.len(), 2);
        assert_eq!(s.iter().next().map(|p| p.0), Some(name.as_str()));
    }

    #[test]
    fn entry_len_is_what_put_writes() {
        for (k, v) in [
            ("id", ""),
            ("x", "y"),
            ("id", &"v".repeat(127)),
            ("n", &"v".repeat(128)),
        ] {
            let mut out = Vec::new();
            put(&mut out, k, v);
            assert_eq!(out.len(), entry_len(k, v), "{k}");
        }
    }

    #[test]
    fn collecting_pairs_keeps_the_first_place_of_a_duplicate() {
        let a: Attrs = [("id", "1"), ("x", "2"), ("id", "3")].into_iter().collect();
        assert_eq!(pairs(&a).len(), 2);
        assert_eq!(a.get("id"), Some("3"));
        assert_eq!(a.iter().next(), Some(("id", "3")));
    }
}
