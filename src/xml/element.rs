use super::attrs::Attrs;
use super::name::Name;

/// One XML element, with attributes in document order (crmsh writes them
/// in a fixed order per element, and `show xml` prints them as stored).
///
/// The layout is compact on purpose (56 bytes, one allocation for all
/// attributes, children vectors at their exact size where the tree is
/// built in bulk): a large CIB is mostly elements, and memory and cache
/// misses grow with their size.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    pub name: Name,
    attrs: Attrs,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Comment(String),
    Text(String),
}

impl Element {
    pub fn new(name: &str) -> Self {
        Element {
            name: Name::new(name),
            attrs: Attrs::default(),
            children: Vec::new(),
        }
    }

    pub fn from_parts(name: Name, attrs: Attrs, children: Vec<Node>) -> Self {
        Element {
            name,
            attrs,
            children,
        }
    }

    /// The attributes in document order; iterate for `(name, value)`.
    pub fn attrs(&self) -> &Attrs {
        &self.attrs
    }

    pub fn attrs_mut(&mut self) -> &mut Attrs {
        &mut self.attrs
    }

    pub fn with_attr(mut self, name: &str, value: &str) -> Self {
        self.set(name, value);
        self
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs.get(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn id(&self) -> Option<&str> {
        self.get("id")
    }

    /// Sets an attribute, keeping its position when it already exists.
    pub fn set(&mut self, name: &str, value: &str) {
        self.attrs.set(name, value);
    }

    pub fn remove_attr(&mut self, name: &str) -> Option<String> {
        self.attrs.remove(name)
    }

    /// Appends a child. Most elements have one to three children, so
    /// small vectors grow one slot at a time instead of to four.
    pub fn push(&mut self, child: Element) {
        self.push_node(Node::Element(child));
    }

    pub fn push_node(&mut self, node: Node) {
        let len = self.children.len();
        if len == self.children.capacity() && len < 4 {
            self.children.reserve_exact(1);
        }
        self.children.push(node);
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The element's own text (its text children joined, comments and
    /// child elements left out), trimmed: what agent meta-data keeps in
    /// `<longdesc>`, `<shortdesc>` and the like.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect::<String>()
            .trim()
            .to_string()
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child named `name`, created (appended) when missing.
    pub fn child_or_insert(&mut self, name: &str) -> &mut Element {
        let pos = self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == name));
        let pos = match pos {
            Some(p) => p,
            None => {
                self.push(Element::new(name));
                self.children.len() - 1
            }
        };
        match &mut self.children[pos] {
            Node::Element(e) => e,
            _ => unreachable!("position found an element"),
        }
    }

    pub fn comments(&self) -> impl Iterator<Item = &str> {
        self.children.iter().filter_map(|n| match n {
            Node::Comment(c) => Some(c.as_str()),
            _ => None,
        })
    }

    /// Depth-first, document-order walk over this element and all below it.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Element)) {
        f(self);
        for c in self.elements() {
            c.walk(f);
        }
    }

    /// Whether this element or any below it satisfies `f`.
    pub fn walk_any(&self, f: &dyn Fn(&Element) -> bool) -> bool {
        f(self) || self.elements().any(|c| c.walk_any(f))
    }

    /// A copy without comments and whitespace-only text, for comparisons.
    pub fn without_comments(&self) -> Element {
        Element {
            name: self.name.clone(),
            attrs: self.attrs.clone(),
            children: self
                .children
                .iter()
                .filter_map(|n| match n {
                    Node::Element(e) => Some(Node::Element(e.without_comments())),
                    Node::Text(t) if !t.trim().is_empty() => Some(Node::Text(t.clone())),
                    _ => None,
                })
                .collect(),
        }
    }

    /// Structural equality as cibdiff sees it: attribute order ignored.
    pub fn same_as(&self, other: &Element) -> bool {
        self.same_with(other, &|_, _| true)
    }

    /// Like [`same_as`], comparing only the attributes `keep` accepts.
    pub fn same_with(&self, other: &Element, keep: &dyn Fn(&Element, &str) -> bool) -> bool {
        if self.name != other.name {
            return false;
        }
        let mut a: Vec<_> = self.attrs.iter().filter(|(k, _)| keep(self, k)).collect();
        let mut b: Vec<_> = other.attrs.iter().filter(|(k, _)| keep(other, k)).collect();
        a.sort();
        b.sort();
        if a != b {
            return false;
        }
        let ca: Vec<&Node> = self.children.iter().filter(|n| !is_blank(n)).collect();
        let cb: Vec<&Node> = other.children.iter().filter(|n| !is_blank(n)).collect();
        ca.len() == cb.len()
            && ca.iter().zip(cb).all(|(x, y)| match (x, y) {
                (Node::Element(x), Node::Element(y)) => x.same_with(y, keep),
                (Node::Comment(x), Node::Comment(y)) => x == y,
                (Node::Text(x), Node::Text(y)) => x.trim() == y.trim(),
                _ => false,
            })
    }
}

fn is_blank(n: &Node) -> bool {
    matches!(n, Node::Text(t) if t.trim().is_empty())
}
