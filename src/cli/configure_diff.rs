//! `show changed diff`: the staged changes as a line diff of crm text,
//! object by object (`-` the text as read, `+` the staged text, a space
//! before lines both have).

use crate::cib::Cib;
use crate::repl::session::Session;

/// The diff lines of every object the session changed, created or
/// deleted, in `show` order (deleted ones last).
pub fn changes(session: &Session) -> Vec<String> {
    let mut ids = session.changed_ids();
    ids.extend(session.deleted_ids());
    let mut out = Vec::new();
    for id in ids {
        let old = text_of(&session.started, &id);
        let new = text_of(&session.working, &id);
        out.extend(diff(&old, &new));
    }
    out
}

fn text_of(cib: &Cib, id: &str) -> Vec<String> {
    if crate::cib::find_object(cib.configuration(), id, false).is_none() {
        return Vec::new();
    }
    super::configure::show_text(cib, Some(vec![id.to_string()]))
        .lines()
        .map(String::from)
        .collect()
}

/// A line diff by longest common subsequence (objects are a few lines).
pub fn diff(old: &[String], new: &[String]) -> Vec<String> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the common length of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push(format!(" {}", old[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("-{}", old[i]));
            i += 1;
        } else {
            out.push(format!("+{}", new[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::diff;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn a_changed_line_is_one_minus_and_one_plus() {
        let d = diff(
            &lines("primitive p Dummy \\\n\top monitor interval=10s"),
            &lines("primitive p Dummy \\\n\top monitor interval=20s"),
        );
        assert_eq!(
            d,
            lines(" primitive p Dummy \\\n-\top monitor interval=10s\n+\top monitor interval=20s")
        );
    }

    #[test]
    fn new_and_deleted_objects_are_all_plus_or_all_minus() {
        assert_eq!(diff(&[], &lines("a\nb")), lines("+a\n+b"));
        assert_eq!(diff(&lines("a"), &[]), lines("-a"));
    }
}
