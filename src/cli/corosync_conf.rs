//! corosync.conf as a tree of sections and `key: value` pairs, for
//! `crm corosync get|set|add-node|del-node` and for finding the cluster's
//! nodes. Comments are kept; printing indents with tabs as corosync's own
//! example file does.

use crate::error::{Error, ErrorKind, Result};

pub fn path() -> String {
    std::env::var("COROSYNC_MAIN_CONFIG_FILE")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "/etc/corosync/corosync.conf".into())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Pair(String, String),
    Section(String, Vec<Item>),
    Comment(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conf {
    pub items: Vec<Item>,
}

impl Conf {
    pub fn parse(text: &str) -> Result<Conf> {
        let syntax = |line: usize, message: &str| {
            Error::new(ErrorKind::CorosyncSyntax {
                path: path(),
                line,
                message: message.to_string(),
            })
        };
        let mut stack: Vec<(String, Vec<Item>)> = vec![(String::new(), Vec::new())];
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let n = i + 1;
            if line.is_empty() {
                continue;
            }
            let top = &mut stack.last_mut().expect("root").1;
            if line.starts_with('#') {
                top.push(Item::Comment(line.to_string()));
            } else if line == "}" {
                if stack.len() == 1 {
                    return Err(syntax(n, "unexpected }"));
                }
                let (name, items) = stack.pop().expect("open section");
                stack
                    .last_mut()
                    .expect("parent")
                    .1
                    .push(Item::Section(name, items));
            } else if let Some(name) = line.strip_suffix('{') {
                stack.push((name.trim().to_string(), Vec::new()));
            } else if let Some((k, v)) = line.split_once(':') {
                top.push(Item::Pair(k.trim().to_string(), v.trim().to_string()));
            } else {
                return Err(syntax(n, "expected `key: value`, `name {` or `}`"));
            }
        }
        if stack.len() != 1 {
            return Err(syntax(text.lines().count(), "section not closed"));
        }
        Ok(Conf {
            items: stack.pop().expect("root").1,
        })
    }

    /// Every value of a dotted key (`totem.token`, `nodelist.node.ring0_addr`).
    pub fn get(&self, key: &str) -> Vec<String> {
        let parts: Vec<&str> = key.split('.').collect();
        let mut out = Vec::new();
        collect(&self.items, &parts, &mut out);
        out
    }

    /// Sets the first occurrence of a dotted key, creating the sections
    /// and the pair when missing.
    pub fn set(&mut self, key: &str, value: &str) {
        let parts: Vec<&str> = key.split('.').collect();
        set_in(&mut self.items, &parts, value);
    }

    pub fn node_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for node in self.nodes() {
            let get = |k: &str| {
                node.iter().find_map(|i| match i {
                    Item::Pair(key, v) if key == k => Some(v.clone()),
                    _ => None,
                })
            };
            if let Some(n) = get("name").or_else(|| get("ring0_addr")) {
                names.push(n);
            }
        }
        names
    }

    fn nodes(&self) -> Vec<&Vec<Item>> {
        let mut out = Vec::new();
        for item in &self.items {
            if let Item::Section(name, items) = item {
                if name == "nodelist" {
                    for sub in items {
                        if let Item::Section(n, node) = sub {
                            if n == "node" {
                                out.push(node);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    fn nodelist_mut(&mut self) -> &mut Vec<Item> {
        if !self
            .items
            .iter()
            .any(|i| matches!(i, Item::Section(n, _) if n == "nodelist"))
        {
            self.items
                .push(Item::Section("nodelist".into(), Vec::new()));
        }
        self.items
            .iter_mut()
            .find_map(|i| match i {
                Item::Section(n, items) if n == "nodelist" => Some(items),
                _ => None,
            })
            .expect("nodelist just ensured")
    }

    /// Adds `node { ring0_addr; name; nodeid }` with the next free id.
    pub fn add_node(&mut self, addr: &str, name: Option<&str>) {
        let next = self
            .get("nodelist.node.nodeid")
            .iter()
            .filter_map(|v| v.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let mut node = vec![Item::Pair("ring0_addr".into(), addr.into())];
        if let Some(n) = name {
            node.push(Item::Pair("name".into(), n.into()));
        }
        node.push(Item::Pair("nodeid".into(), next.to_string()));
        self.nodelist_mut().push(Item::Section("node".into(), node));
    }

    /// Removes the node whose name or ring0_addr is `name`; false if none.
    pub fn del_node(&mut self, name: &str) -> bool {
        let list = self.nodelist_mut();
        let before = list.len();
        list.retain(|i| match i {
            Item::Section(n, items) if n == "node" => !items.iter().any(
                |p| matches!(p, Item::Pair(k, v) if (k == "name" || k == "ring0_addr") && v == name),
            ),
            _ => true,
        });
        list.len() != before
    }

    pub fn node_count(&self) -> usize {
        self.nodes().len()
    }
}

fn collect(items: &[Item], parts: &[&str], out: &mut Vec<String>) {
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    for item in items {
        match item {
            Item::Pair(k, v) if rest.is_empty() && k == first => out.push(v.clone()),
            Item::Section(n, sub) if !rest.is_empty() && n == first => collect(sub, rest, out),
            _ => {}
        }
    }
}

fn set_in(items: &mut Vec<Item>, parts: &[&str], value: &str) {
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    if rest.is_empty() {
        for item in items.iter_mut() {
            if let Item::Pair(k, v) = item {
                if k == first {
                    *v = value.to_string();
                    return;
                }
            }
        }
        items.push(Item::Pair(first.to_string(), value.to_string()));
        return;
    }
    for item in items.iter_mut() {
        if let Item::Section(n, sub) = item {
            if n == first {
                set_in(sub, rest, value);
                return;
            }
        }
    }
    let mut sub = Vec::new();
    set_in(&mut sub, rest, value);
    items.push(Item::Section(first.to_string(), sub));
}

fn write(items: &[Item], depth: usize, out: &mut String) {
    let indent = "\t".repeat(depth);
    for item in items {
        match item {
            Item::Comment(c) => out.push_str(&format!("{indent}{c}\n")),
            Item::Pair(k, v) => out.push_str(&format!("{indent}{k}: {v}\n")),
            Item::Section(n, sub) => {
                out.push_str(&format!("{indent}{n} {{\n"));
                write(sub, depth + 1, out);
                out.push_str(&format!("{indent}}}\n"));
                if depth == 0 {
                    out.push('\n');
                }
            }
        }
    }
}

impl std::fmt::Display for Conf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        write(&self.items, 0, &mut s);
        f.write_str(s.trim_end_matches('\n'))?;
        f.write_str("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONF: &str = "# generated\ntotem {\n    version: 2\n    token: 3000\n}\nquorum {\n    provider: corosync_votequorum\n}\nnodelist {\n    node {\n        name: n1\n        nodeid: 1\n        ring0_addr: 10.77.0.1\n    }\n    node {\n        name: n2\n        nodeid: 2\n        ring0_addr: 10.77.0.2\n    }\n}\n";

    #[test]
    fn get_set_and_nodes() {
        let mut c = Conf::parse(CONF).expect("parses");
        assert_eq!(c.get("totem.token"), ["3000"]);
        assert_eq!(
            c.get("nodelist.node.ring0_addr"),
            ["10.77.0.1", "10.77.0.2"]
        );
        assert_eq!(c.node_names(), ["n1", "n2"]);
        c.set("totem.token", "5000");
        c.set("quorum.two_node", "1");
        c.set("logging.to_syslog", "yes");
        let again = Conf::parse(&c.to_string()).expect("printed text parses");
        assert_eq!(again, c);
        assert_eq!(again.get("totem.token"), ["5000"]);
        assert_eq!(again.get("quorum.two_node"), ["1"]);
        assert_eq!(again.get("logging.to_syslog"), ["yes"]);
        assert!(again
            .to_string()
            .starts_with("# generated\ntotem {\n\tversion: 2\n"));
    }

    #[test]
    fn add_and_remove_nodes() {
        let mut c = Conf::parse(CONF).expect("parses");
        c.add_node("10.77.0.3", Some("n3"));
        assert_eq!(c.get("nodelist.node.nodeid"), ["1", "2", "3"]);
        assert!(c.del_node("n1"));
        assert!(!c.del_node("n9"));
        assert_eq!(c.node_names(), ["n2", "n3"]);
    }

    #[test]
    fn bad_text_is_a_located_error() {
        let e = Conf::parse("totem {\n  version 2\n}\n").expect_err("no colon");
        assert!(e.to_string().contains(":2:"), "{e}");
        assert!(Conf::parse("totem {\n").is_err());
        assert!(Conf::parse("}\n").is_err());
    }
}
