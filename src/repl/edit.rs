//! `configure edit [ID…]`: the crm text of the selection in `$EDITOR`,
//! applied back to the session when saved changed.

use super::session::Session;
use crate::cib::process::Call;
use crate::cib::{find_object, Cib, Method};
use crate::cli::{Failure, Output};
use crate::error::{Error, ErrorKind};
use crate::fasthash::FxHashSet as HashSet;
use crate::kind::Kind;
use crate::parse::{parse_text, Context};
use crate::show::{show, ShowOptions};
use crate::source::Source;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// The editor a person set: the `editor` option (crm.conf `core.editor`,
/// which crmsh prefers to `$EDITOR`), else `$EDITOR` or the first editor
/// installed (the option's default), else `$VISUAL`, else vi.
pub fn editor() -> String {
    let chosen = crate::crm_conf::get("core", "editor");
    if !chosen.trim().is_empty() {
        return chosen;
    }
    std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// `edit` from a terminal: `$EDITOR`, questions on the terminal. A script
/// has nobody to edit or answer, so it gets an error (as in crmsh).
pub fn edit_at_terminal(
    session: &mut Session,
    ids: &[&str],
    out: &mut Output,
) -> Result<bool, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::new(ErrorKind::NeedsTerminal {
            command: "edit".into(),
        })
        .into());
    }
    edit(session, ids, &editor(), &mut ask_terminal, out)
}

/// A y/n question on the terminal; anything but y/yes is no.
pub fn ask_terminal(question: &str) -> bool {
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Opens `editor` (a shell command; the file name is appended) on the crm
/// text of `ids` (all objects when empty) and applies what was saved:
/// objects removed from the text are deleted, the others replaced. Saving
/// the text unchanged changes nothing. On a parse error the diagnostic is
/// shown and `ask` decides: edit again, or discard. Returns whether the
/// working CIB changed.
pub fn edit(
    session: &mut Session,
    ids: &[&str],
    editor: &str,
    ask: &mut dyn FnMut(&str) -> bool,
    out: &mut Output,
) -> Result<bool, Failure> {
    // `edit xml [ID…]`: the XML document `show xml` prints (crmsh's
    // form), read back as `xml` statements.
    let (xml, ids) = match ids {
        ["xml", rest @ ..] => (true, rest),
        _ => (false, ids),
    };
    let selection = select(&session.working, ids)?;
    let original = if xml {
        crate::present::show_xml(&session.working, selection.as_deref(), &[])
    } else {
        lossless_text(&session.working, selection.clone())
    };
    let file = TempFile::create(&original)?;
    loop {
        run_editor(editor, &file.path)?;
        let text = std::fs::read(&file.path).map_err(|e| io_error(&file.path, e))?;
        let source = Source::from_bytes("<edit>", &text)?;
        if *source.text == *original {
            return Ok(false);
        }
        let applied = if xml {
            xml_statements(&source.text)
                .and_then(|t| apply(&session.working, selection.as_deref(), &t))
        } else {
            apply(&session.working, selection.as_deref(), &source.text)
        };
        match applied {
            Ok(cib) => {
                let changed = cib.configuration() != session.working.configuration();
                session.working = cib;
                return Ok(changed);
            }
            Err(error) => {
                out.report(&Failure {
                    error,
                    source: Some(source),
                });
                if !ask("Edit or discard changes (yes to edit, no to discard)?") {
                    return Ok(false);
                }
            }
        }
    }
}

/// The selected ids, each checked to exist; `None` = everything.
fn select(cib: &Cib, ids: &[&str]) -> Result<Option<Vec<String>>, Failure> {
    if ids.is_empty() {
        return Ok(None);
    }
    let known = crate::show::objects(cib.configuration());
    for id in ids {
        let found = known.iter().any(|o| {
            o.id == *id || (o.kind == Some(Kind::Node) && o.elem.get("uname") == Some(id))
        });
        if !found {
            return Err(Error::new(ErrorKind::NoSuchObject { id: id.to_string() }).into());
        }
    }
    Ok(Some(ids.iter().map(|s| s.to_string()).collect()))
}

/// crmsh's `show` text, secrets unmasked: what is not changed in it
/// keeps its stored ids and layout, since the text is merged back.
fn lossless_text(cib: &Cib, selection: Option<Vec<String>>) -> String {
    let mut opts = ShowOptions::for_cib(&cib.root);
    opts.selection = selection;
    opts.obscure = Vec::new();
    show(cib.configuration(), &opts)
}

/// The CIB with the edited objects redefined by the saved text (merged:
/// what the text did not change keeps its ids and place), and the
/// objects of the selection that the text no longer has deleted.
fn apply(cib: &Cib, selection: Option<&[String]>, text: &str) -> Result<Cib, Error> {
    let mut work = cib.clone();
    let ctx = Context {
        schema: cib.schema(),
        nodes: cib.node_names(),
    };
    let statements = parse_text(text, &ctx)?;
    let saved: HashSet<(bool, &str)> = statements
        .iter()
        .map(|s| (s.kind == Kind::Node, s.id.as_str()))
        .collect();
    let selected: Vec<(bool, String)> = match selection {
        Some(ids) => {
            let clashes: Vec<String> = statements
                .iter()
                .filter(|st| !ids.contains(&st.id))
                .filter(|st| {
                    find_object(cib.configuration(), &st.id, st.kind == Kind::Node).is_some()
                })
                .map(|st| st.id.clone())
                .collect();
            if !clashes.is_empty() {
                return Err(Error::new(ErrorKind::EditCollision { ids: clashes }));
            }
            ids.iter()
                .map(|id| match find_object(cib.configuration(), id, false) {
                    Some(_) => (false, id.clone()),
                    None => (true, node_id(cib, id)),
                })
                .collect()
        }
        // The whole configuration was edited: the text is all there is.
        None => crate::show::objects(cib.configuration())
            .into_iter()
            .map(|o| (o.kind == Some(Kind::Node), o.id))
            .collect(),
    };
    for (node, id) in &selected {
        let named = saved.contains(&(*node, id.as_str()))
            || (*node && node_uname(cib, id).is_some_and(|u| saved.contains(&(true, u))));
        if !named {
            crate::cib::delete_object(&mut work, id)?;
        }
    }
    crate::load::apply_statements(&mut work, statements, Method::Redefine)?;
    Ok(work)
}

/// The objects of an edited CIB document (or of its bare
/// `<configuration>`) as crm text: one `xml` statement each.
fn xml_statements(text: &str) -> Result<String, Error> {
    use crate::error::EditedXmlProblem as Problem;
    let edited =
        |problem: Problem| Error::from(crate::error::ConfigureError::EditedXml { problem });
    let body = text.trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map(|(_, r)| r).unwrap_or(""),
        None => body,
    };
    let root = crate::xml::parse(body).map_err(|e| {
        edited(Problem::Unreadable {
            message: e.to_string(),
        })
    })?;
    let config = match root.name.as_ref() {
        "configuration" => &root,
        "cib" => root
            .child("configuration")
            .ok_or_else(|| edited(Problem::NoConfiguration))?,
        other => {
            return Err(edited(Problem::NotCib {
                root: other.to_string(),
            }))
        }
    };
    let mut crm = String::new();
    for o in crate::cib::objects(config) {
        crm.push_str("xml ");
        crm.push_str(&crate::xml::to_string_compact(o.elem));
        crm.push('\n');
    }
    Ok(crm)
}

/// The uname of the node with this id.
fn node_uname<'a>(cib: &'a Cib, id: &str) -> Option<&'a str> {
    find_object(cib.configuration(), id, true).and_then(|o| o.elem.get("uname"))
}

/// The id of the node named `name` (its id or its uname).
fn node_id(cib: &Cib, name: &str) -> String {
    let nodes = cib.configuration().child("nodes");
    let by = |attr: &str| {
        nodes.and_then(|n| {
            n.elements()
                .find(|e| e.get(attr) == Some(name))
                .and_then(|e| e.id())
        })
    };
    by("id").or_else(|| by("uname")).unwrap_or(name).to_string()
}

fn run_editor(editor: &str, path: &std::path::Path) -> Result<(), Failure> {
    // Through the shell, so `EDITOR="emacs -nw"` works as everywhere else.
    let call = Call::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("crm-edit")
        .arg(path.display().to_string());
    let outcome = call.run_in_terminal()?;
    if !outcome.success() {
        return Err(Error::new(ErrorKind::EditorFailed {
            editor: editor.to_string(),
            status: outcome.status(),
        })
        .into());
    }
    Ok(())
}

fn io_error(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// A private (0600) temporary file, removed when dropped: the text may
/// hold passwords.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn create(text: &str) -> Result<TempFile, Error> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = std::env::temp_dir();
        let mut last = None;
        for n in 0..100u32 {
            let path = dir.join(format!("crm-edit-{}-{n}.crm", std::process::id()));
            let opened = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path);
            match opened {
                Ok(mut f) => {
                    let file = TempFile { path };
                    f.write_all(text.as_bytes())
                        .map_err(|e| io_error(&file.path, e))?;
                    return Ok(file);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(io_error(&path, e)),
            }
        }
        let e = last.unwrap_or_else(|| std::io::Error::other("no free name"));
        Err(io_error(&dir, e))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
