//! The wording of crm's questions and INFO/WARNING lines that are not
//! errors (errors are in `error.rs`): one place, so that they can become
//! bilingual.

use std::fmt;

mod levels;
pub use levels::Said;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// crmsh's question when the configure level is left with changes.
    CommitPending,
    /// The same before `refresh` throws them away.
    DropPending,
    /// A question that wants y or n got something else.
    AnswerYesOrNo,
    /// Ctrl-C or Ctrl-D at the question: nothing was lost.
    StillStaged,
    /// `n` at the question: what was thrown away.
    Discarded {
        changed: Vec<String>,
        deleted: Vec<String>,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Notice::*;
        match self {
            CommitPending => write!(
                f,
                "There are changes pending. Do you want to commit them (y/n)?"
            ),
            DropPending => write!(
                f,
                "There are changes pending. Do you want to drop them (y/n)?"
            ),
            AnswerYesOrNo => write!(f, "Please answer y or n."),
            StillStaged => write!(
                f,
                "the changes are still staged: `commit` writes them, `refresh` drops them"
            ),
            Discarded { changed, deleted } => {
                write!(f, "dropped the staged changes, nothing was committed")?;
                if !changed.is_empty() {
                    write!(f, "; not written: {}", changed.join(", "))?;
                }
                if !deleted.is_empty() {
                    write!(f, "; not deleted: {}", deleted.join(", "))?;
                }
                Ok(())
            }
        }
    }
}
