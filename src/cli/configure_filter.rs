//! Commands that rewrite objects as text: `filter PROGRAM [xml]
//! [SELECTOR …]` (the objects' text through a program, the result saved
//! back), `modgroup` (a group's member list edited in place), and the
//! small direct edits `set PATH VALUE` and `get_property`.
//!
//! Saving a text back follows crmsh's rules: objects of the selection
//! missing from the text are deleted, new ones created, changed ones
//! replaced; naming an object outside the selection is refused.

use super::configure_show::{self, Form};
use super::{Failure, Output};
use crate::cib::process::Call;
use crate::cib::{find_object, objects, references, remove_object, Cib, Method};
use crate::error::{Error, ErrorKind};
use crate::kind::Kind;
use crate::parse::{parse_text, Context};
use crate::source::Source;

fn failed(command: &str, message: String) -> Failure {
    Error::new(ErrorKind::CommandFailed {
        command: format!("configure.{command}"),
        message,
    })
    .into()
}

/// One object a line: crmsh's text with its continuation lines joined.
pub fn one_line_text(cib: &Cib, ids: &[String]) -> String {
    let text = configure_show::text(cib, Some(ids.to_vec()), Form::Crmsh, &[], None);
    let mut out = String::new();
    let mut pending = String::new();
    for line in text.lines() {
        let (body, more) = match line.strip_suffix('\\') {
            Some(b) => (b.trim_end(), true),
            None => (line, false),
        };
        if pending.is_empty() {
            pending.push_str(body);
        } else {
            pending.push(' ');
            pending.push_str(body.trim_start());
        }
        if !more {
            out.push_str(&pending);
            out.push('\n');
            pending.clear();
        }
    }
    if !pending.is_empty() {
        out.push_str(&pending);
        out.push('\n');
    }
    out
}

/// Runs a user's filter program on `input` (as crmsh does, through the
/// shell: the program is a command line such as `sed 's/a/b/'`).
fn run_filter(program: &str, input: &str) -> Result<String, Failure> {
    crate::regression::external(program);
    let call = Call::new("sh").args(["-c", program]).stdin(input);
    let outcome = call.run()?;
    if !outcome.success() {
        return Err(call.failure(&outcome).into());
    }
    if !outcome.stderr.trim().is_empty() {
        eprint!("{}", outcome.stderr);
    }
    Ok(outcome.stdout)
}

/// `filter PROGRAM [xml] [SELECTOR …]`.
pub fn filter(
    cib: &mut Cib,
    program: &str,
    rest: &[&str],
    changed: &[String],
    out: &mut Output,
) -> Result<Vec<String>, Failure> {
    let (xml, specs) = match rest {
        ["xml", s @ ..] => (true, s),
        s => (false, s),
    };
    let selection = match configure_show::select(cib, specs, changed)? {
        Some(s) => s,
        None => all_ids(cib),
    };
    if xml {
        // Unmasked: what comes back is saved.
        let input = crate::present::show_xml(cib, Some(&selection), &[]);
        let output = run_filter(program, &input)?;
        if output == input {
            return Ok(Vec::new());
        }
        let text = xml_statements(&output)?;
        return save_text(cib, &selection, &one_line_text(cib, &selection), &text, out);
    }
    let input = one_line_text(cib, &selection);
    let output = run_filter(program, &input)?;
    if output == input {
        return Ok(Vec::new());
    }
    save_text(cib, &selection, &input, &output, out)
}

/// A `<cib>` (or `<configuration>`) document as `xml …` statements.
fn xml_statements(text: &str) -> Result<String, Failure> {
    let root = crate::xml::parse(text).map_err(|e| {
        Failure::from(Error::new(ErrorKind::XmlMalformed {
            message: e.to_string(),
        }))
    })?;
    let config = if root.name == "configuration" {
        &root
    } else {
        root.child("configuration").unwrap_or(&root)
    };
    let mut out = String::new();
    for o in objects(config).into_iter().filter(|o| o.path.len() <= 2) {
        let x = crate::xml::to_string_compact(o.elem);
        out.push_str(&format!("xml {}\n", x.replace('\n', " ")));
    }
    Ok(out)
}

/// Every object id, nodes included, in CIB order.
fn all_ids(cib: &Cib) -> Vec<String> {
    objects(cib.configuration())
        .into_iter()
        .map(|o| o.id)
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Saves `text` (what became of `original`, the text of `selection`).
pub fn save_text(
    cib: &mut Cib,
    selection: &[String],
    original: &str,
    text: &str,
    out: &mut Output,
) -> Result<Vec<String>, Failure> {
    let ctx = Context {
        schema: cib.schema(),
        nodes: cib.node_names(),
    };
    let source = Source::new("<filter>", text);
    let statements = parse_text(text, &ctx).map_err(|error| Failure {
        error,
        source: Some(source.clone()),
    })?;
    // Past the parse, crmsh's messages lose their line number.
    crate::regression::unnumbered();
    let written: Vec<&str> = statements.iter().map(|s| s.id.as_str()).collect();
    let clashes: Vec<String> = statements
        .iter()
        .filter(|st| !selection.contains(&st.id))
        .filter(|st| find_object(cib.configuration(), &st.id, st.kind == Kind::Node).is_some())
        .map(|st| st.id.clone())
        .collect();
    if !clashes.is_empty() {
        return Err(Error::new(ErrorKind::EditCollision { ids: clashes }).into());
    }
    // The objects as they were, one line each, to leave alone what the
    // text did not change.
    let before: Vec<(String, String)> = original
        .lines()
        .filter_map(|l| {
            let id = l.split_whitespace().nth(1)?;
            Some((id.trim_end_matches(':').to_string(), squeeze(l)))
        })
        .collect();
    let existing_constraints = references::constraint_ids(cib);
    let mut work = cib.clone();
    let mut notes = Vec::new();
    let gone: Vec<String> = selection
        .iter()
        .filter(|id| !written.contains(&id.as_str()))
        .cloned()
        .collect();
    // Constraints and containers go first, in case their members move.
    let (first, later): (Vec<&String>, Vec<&String>) = gone.iter().partition(|id| {
        find_object(work.configuration(), id, false).is_some_and(|o| {
            o.kind.is_constraint()
                || matches!(
                    o.kind,
                    Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
                )
        })
    });
    let first: Vec<&str> = first.iter().map(|s| s.as_str()).collect();
    references::delete(&mut work, &first, &mut notes);
    let mut created: Vec<(Kind, String)> = Vec::new();
    let mut touched: Vec<String> = Vec::new();
    // crmsh creates the new objects first (kind by kind), then replaces
    // the changed ones in the order they were selected.
    let mut new_ones: Vec<(usize, &str)> = Vec::new();
    let mut updates: Vec<(usize, &str)> = Vec::new();
    for st in &statements {
        let piece = text.get(st.span.start..st.span.end).unwrap_or("");
        let old = before.iter().find(|(id, _)| *id == st.id).map(|(_, t)| t);
        if old == Some(&squeeze(piece)) && selection.contains(&st.id) {
            continue;
        }
        let exists = find_object(work.configuration(), &st.id, st.kind == Kind::Node).is_some();
        if !exists {
            created.push((st.kind, st.id.clone()));
            new_ones.push((usize::from(st.kind.show_rank()), piece));
        } else {
            if st.kind.is_nvset() || st.kind == Kind::Fencing {
                // A saved attribute set replaces the old one whole.
                if let Some(o) = find_object(work.configuration(), &st.id, false) {
                    let path = o.path;
                    remove_object(work.configuration_mut(), &path);
                }
            }
            let at = selection
                .iter()
                .position(|s| *s == st.id)
                .unwrap_or(usize::MAX);
            updates.push((at, piece));
        }
        touched.push(st.id.clone());
    }
    new_ones.sort_by_key(|(rank, _)| *rank);
    updates.sort_by_key(|(at, _)| *at);
    // One at a time: the order matters when members move between
    // containers.
    for (_, piece) in new_ones.iter().chain(updates.iter()) {
        crate::load::load_into(&mut work, piece, Method::Update).map_err(|mut error| {
            // The place in the text means nothing now; crmsh's message is
            // a plain one.
            error.statement = None;
            Failure::from(error)
        })?;
    }
    created.sort_by_key(|(k, _)| k.show_rank());
    let later: Vec<&str> = later.iter().map(|s| s.as_str()).collect();
    let mut rev = later.clone();
    rev.reverse();
    references::delete(&mut work, &rev, &mut notes);
    for (kind, id) in &created {
        if matches!(
            kind,
            Kind::Group | Kind::Clone | Kind::Master | Kind::Bundle
        ) {
            references::adopt_constraints(&mut work, id, &existing_constraints, &mut notes);
        }
    }
    super::configure::after_create(&mut work, created.iter().map(|(_, id)| id.as_str()));
    crate::cib::validate(&work)?;
    *cib = work;
    for n in notes {
        out.info(&n);
    }
    Ok(touched)
}

/// `modgroup G add RSC [before|after X]` / `modgroup G remove RSC`: the
/// group's member list edited as crmsh edits it (its text rewritten, then
/// saved), so the same mistakes get the same answers.
pub fn modgroup(cib: &mut Cib, words: &[&str], out: &mut Output) -> Result<Vec<String>, Failure> {
    let (group, sub, rsc, rest) = match words {
        [g, s, r, rest @ ..] => (*g, *s, *r, rest),
        _ => return Err(failed(
            "modgroup",
            "usage: modgroup <id> add <id> [after <id>|before <id>] | modgroup <id> remove <id>"
                .into(),
        )),
    };
    if !matches!(sub, "add" | "remove") {
        out.error(
            &crate::notice::Told::ModgroupUnknown {
                sub: sub.to_string(),
            }
            .to_string(),
        );
        return Err(Error::new(ErrorKind::Reported).into());
    }
    let mut position: Option<(&str, &str)> = None;
    if !rest.is_empty() {
        if sub != "add" {
            return Err(failed("modgroup", format!("Expected add (found {sub})")));
        }
        if !matches!(rest[0], "after" | "before") {
            return Err(failed(
                "modgroup",
                format!("Expected after|before (found {})", rest[0]),
            ));
        }
        if rest.len() != 2 {
            return Err(failed(
                "modgroup",
                format!(
                    "Expected 'after|before <id>' ({} arguments given)",
                    rest.len()
                ),
            ));
        }
        position = Some((rest[0], rest[1]));
    }
    let Some(g) = find_object(cib.configuration(), group, false) else {
        return Err(failed("modgroup", format!("group {group} does not exist")));
    };
    if g.kind != Kind::Group {
        return Err(failed(
            "modgroup",
            format!("element {group} is not a group"),
        ));
    }
    let members: Vec<String> = g
        .elem
        .elements()
        .filter(|c| c.name == "primitive")
        .filter_map(|c| c.id().map(String::from))
        .collect();
    if let Some((_, reference)) = position {
        if !members.iter().any(|m| m == reference) {
            return Err(failed(
                "modgroup",
                format!("{reference} is not member of {group}"),
            ));
        }
    }
    if sub == "remove" && !members.iter().any(|m| m == rsc) {
        return Err(failed(
            "modgroup",
            format!("{rsc} is not member of {group}"),
        ));
    }
    let selection = vec![group.to_string()];
    let original = one_line_text(cib, &selection);
    let (how, reference) = match position {
        Some((h, r)) => (h, r.to_string()),
        None => ("after", members.last().cloned().unwrap_or_default()),
    };
    let edited: String = original
        .lines()
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            let mut out: Vec<String> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                // Members are the words after `group ID`, before `meta`
                // or `params`.
                let member_zone = i >= 2
                    && !words[2..=i]
                        .iter()
                        .any(|x| matches!(*x, "meta" | "params" | "description"));
                if member_zone && sub == "remove" && *w == rsc {
                    continue;
                }
                if member_zone && sub == "add" && *w == reference && how == "before" {
                    out.push(rsc.to_string());
                }
                out.push(w.to_string());
                if member_zone && sub == "add" && *w == reference && how == "after" {
                    out.push(rsc.to_string());
                }
            }
            out.join(" ") + "\n"
        })
        .collect();
    crate::regression::external(&format!("sed -r '{}'", sed_for(sub, rsc, how, &reference)));
    if edited == original {
        return Ok(Vec::new());
    }
    save_text(cib, &selection, &original, &edited, out)
}

/// The sed program crmsh runs for the same edit (its transcript names it).
fn sed_for(sub: &str, rsc: &str, how: &str, reference: &str) -> String {
    match (sub, how) {
        ("add", "after") => format!("s/ {reference}( |$)/& {rsc} /"),
        ("add", _) => format!("s/ {reference}( |$)/ {rsc}& /"),
        _ => format!("s/ {rsc}( |$)/ /"),
    }
}

/// `set ID.NAME VALUE`, `set ID.OP.NAME VALUE`,
/// `set ID.OP.INTERVAL.NAME VALUE`: one attribute of an object.
pub fn set(cib: &mut Cib, path: &str, value: &str) -> Result<(), Failure> {
    let invalid = || {
        failed(
            "set",
            format!("Invalid path: \"{path}\"; Valid path: \"id.[op_type.][interval.]name\""),
        )
    };
    let parts: Vec<&str> = path.split('.').collect();
    if !(2..=4).contains(&parts.len()) {
        return Err(invalid());
    }
    let id = parts[0];
    let Some(o) = find_object(cib.configuration(), id, false)
        .or_else(|| find_object(cib.configuration(), id, true))
    else {
        return Err(failed("set", format!("Object {id} not found")));
    };
    let opath = o.path.clone();
    let Some(e) = crate::cib::at_path_mut(cib.configuration_mut(), &opath) else {
        return Err(failed("set", format!("Object {id} not found")));
    };
    match parts.as_slice() {
        [_, name] => {
            let mut pairs: Vec<&mut crate::xml::Element> = Vec::new();
            collect_nvpairs(e, name, &mut pairs);
            match pairs.len() {
                0 => return Err(failed("set", format!("Attribute not found: {path}"))),
                1 => pairs[0].set("value", value),
                n => {
                    return Err(failed(
                        "set",
                        format!("Expected 1 attribute named {name}, found {n}"),
                    ))
                }
            }
        }
        [_, op, name] => {
            let mut ops = ops_mut(e, |o| o.get("name") == Some(op));
            match ops.len() {
                0 => {
                    return Err(failed(
                        "set",
                        format!("Operation \"{op}\" not found for resource {id}"),
                    ))
                }
                1 => ops[0].set(name, value),
                _ => return Err(failed("set", format!("Should specify interval of {op}"))),
            }
        }
        [_, op, interval, name] => {
            let want = format!("{id}-{op}-{interval}");
            let mut ops = ops_mut(e, |o| o.id() == Some(want.as_str()));
            match ops.first_mut() {
                Some(o) => o.set(name, value),
                None => {
                    return Err(failed(
                        "set",
                        format!(
                            "Operation \"{op}\" interval \"{interval}\" not found for resource {id}"
                        ),
                    ))
                }
            }
        }
        _ => return Err(invalid()),
    }
    Ok(())
}

fn collect_nvpairs<'a>(
    e: &'a mut crate::xml::Element,
    name: &str,
    out: &mut Vec<&'a mut crate::xml::Element>,
) {
    for c in e.elements_mut() {
        if c.name == "nvpair" && c.get("name") == Some(name) {
            out.push(c);
        } else {
            collect_nvpairs(c, name, out);
        }
    }
}

fn ops_mut(
    e: &mut crate::xml::Element,
    keep: impl Fn(&crate::xml::Element) -> bool,
) -> Vec<&mut crate::xml::Element> {
    e.elements_mut()
        .filter(|c| c.name == "operations")
        .flat_map(|ops| ops.elements_mut())
        .filter(|o| o.name == "op" && keep(o))
        .collect()
}

/// `get_property [-t|--true] [NAME …]`: a cluster option's value (its
/// default when not set); `-t` prints it as true/false.
pub fn get_property(cib: &Cib, words: &[&str], out: &mut Output) -> Result<(), Failure> {
    let truth = words.iter().any(|w| matches!(*w, "-t" | "--true"));
    let names: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "-t" | "--true"))
        .collect();
    if names.is_empty() {
        // crmsh lists the daemons' options in their meta-data order, the
        // first mention of each, in its columns.
        let mut all: Vec<String> = Vec::new();
        for name in super::metadata::cluster_options().unwrap_or_default() {
            if !all.contains(&name) {
                all.push(name);
            }
        }
        let text = super::ra::multicolumn(&all, super::ra::terminal_width());
        out.print(text.trim_end_matches('\n'));
        return Ok(());
    }
    for name in names {
        let value = property_value(cib, name).or_else(|| super::metadata::option_default(name));
        match (value, truth) {
            (Some(v), true) => out.print(if crate::crm_conf::truthy(&v) {
                "true"
            } else {
                "false"
            }),
            (Some(v), false) => out.print(&v),
            (None, true) => out.print("false"),
            (None, false) => {
                return Err(failed("get_property", format!("{name}: Property not set")))
            }
        }
    }
    Ok(())
}

/// A property's value in the CIB (the `cib-bootstrap-options` set first).
pub fn property_value(cib: &Cib, name: &str) -> Option<String> {
    let crm_config = cib.configuration().child("crm_config")?;
    let mut sets: Vec<&crate::xml::Element> = crm_config
        .elements()
        .filter(|s| s.name == "cluster_property_set")
        .collect();
    sets.sort_by_key(|s| s.id() != Some("cib-bootstrap-options"));
    sets.iter()
        .flat_map(|s| s.elements())
        .find(|nv| nv.name == "nvpair" && nv.get("name") == Some(name))
        .and_then(|nv| nv.get("value").map(String::from))
}
