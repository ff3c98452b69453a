//! Which language crm speaks, and the Japanese side of its messages.
//!
//! The English wording stays where it is (`error.rs`, `error/*.rs`, the
//! help files under `help/en/`); this module holds the parallel Japanese
//! catalogue (`ja_error.rs`, `help/ja/`) and the choice between the two.
//! The choice is made as gettext makes it: `LC_ALL`, then `LC_MESSAGES`,
//! then `LANG`; a `ja…` locale means Japanese, anything else (`C`,
//! `POSIX`, `en_US.UTF-8`, unset) English. `crm --lang ja|en` and
//! `language = ja|en` in the `[core]` section of crm.conf force one.

mod ja_check;
mod ja_error;
mod ja_notice;

pub use ja_error::{error as ja_error_text, help as ja_help_text};

use std::sync::atomic::{AtomicU8, Ordering};

/// The languages crm speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ja];

    /// The language in force for this process.
    pub fn current() -> Lang {
        match CHOSEN.load(Ordering::Relaxed) {
            1 => Lang::En,
            2 => Lang::Ja,
            _ => {
                let lang = from_config().unwrap_or_else(|| from_locale(|v| std::env::var(v).ok()));
                set(lang);
                lang
            }
        }
    }

    /// `ja`/`en` (and their long forms) as a language; `None` otherwise.
    pub fn parse(word: &str) -> Option<Lang> {
        match word.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "ja_jp" | "日本語" => Some(Lang::Ja),
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }
}

/// 0: not chosen yet, 1: English, 2: Japanese.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// Forces a language for the rest of the process (`--lang`).
pub fn set(lang: Lang) {
    let v = match lang {
        Lang::En => 1,
        Lang::Ja => 2,
    };
    CHOSEN.store(v, Ordering::Relaxed);
}

/// The language the locale variables ask for, looked up with `var`, in
/// gettext's order: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set and not empty decides.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| var(v))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    // `ja`, `ja_JP`, `ja_JP.UTF-8`, `ja_JP.eucJP`, `ja_JP.UTF-8@x`.
    let language = locale.split(['_', '.', '@']).next().unwrap_or("");
    if language.eq_ignore_ascii_case("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// `[core] language` of crm.conf, when it names a language (`auto` or
/// nothing leaves the choice to the locale).
fn from_config() -> Option<Lang> {
    Lang::parse(&crate::crm_conf::get("core", "language"))
}

/// The message of an error kind in the language in force.
pub fn kind_text(kind: &crate::error::ErrorKind) -> String {
    kind_text_in(Lang::current(), kind)
}

pub fn kind_text_in(lang: Lang, kind: &crate::error::ErrorKind) -> String {
    match lang {
        Lang::En => kind.to_string(),
        Lang::Ja => ja_error::error(kind),
    }
}

/// An error's message with its statement number, in the language in force.
pub fn error_text(e: &crate::error::Error) -> String {
    error_text_in(Lang::current(), e)
}

pub fn error_text_in(lang: Lang, e: &crate::error::Error) -> String {
    match (lang, e.statement) {
        (Lang::En, _) => e.to_string(),
        (Lang::Ja, Some(n)) => format!("{n}: {}", ja_error::error(&e.kind)),
        (Lang::Ja, None) => ja_error::error(&e.kind),
    }
}

/// The help line under an error, in the language in force.
pub fn help_text(e: &crate::error::Error) -> Option<String> {
    help_text_in(Lang::current(), e)
}

pub fn help_text_in(lang: Lang, e: &crate::error::Error) -> Option<String> {
    match lang {
        Lang::En => e.help(),
        Lang::Ja => ja_error::help(e),
    }
}

/// A commit check's finding in the language in force.
pub fn check_text(c: &crate::notice::Check) -> String {
    check_text_in(Lang::current(), c)
}

pub fn check_text_in(lang: Lang, c: &crate::notice::Check) -> String {
    match lang {
        Lang::En => c.to_string(),
        Lang::Ja => ja_check::check(c),
    }
}

/// A question or note of the configure shell in `lang`.
pub fn notice_text_in(lang: Lang, n: &crate::notice::Notice) -> String {
    match lang {
        Lang::En => crate::notice::English(n).to_string(),
        Lang::Ja => ja_notice::notice(n),
    }
}

/// The same in the language in force (the `Display` of the notice).
pub fn notice_text(n: &crate::notice::Notice) -> String {
    notice_text_in(Lang::current(), n)
}

/// What configure's tool commands say besides errors, in `lang`.
pub fn told_text_in(lang: Lang, t: &crate::notice::Told) -> String {
    match lang {
        Lang::En => crate::notice::English(t).to_string(),
        Lang::Ja => ja_notice::told(t),
    }
}

pub fn told_text(t: &crate::notice::Told) -> String {
    told_text_in(Lang::current(), t)
}

/// What the other levels say besides errors, in `lang`.
pub fn said_text_in(lang: Lang, s: &crate::notice::Said) -> String {
    match lang {
        Lang::En => crate::notice::English(s).to_string(),
        Lang::Ja => ja_notice::said(s),
    }
}

pub fn said_text(s: &crate::notice::Said) -> String {
    said_text_in(Lang::current(), s)
}

/// The words of a usage error of a family (`notice::Misuse`) in `lang`.
pub fn misuse_text_in(lang: Lang, m: &crate::notice::Misuse) -> String {
    match lang {
        Lang::En => crate::notice::English(m).to_string(),
        Lang::Ja => ja_notice::misuse(m),
    }
}

pub fn misuse_text(m: &crate::notice::Misuse) -> String {
    misuse_text_in(Lang::current(), m)
}

/// A warning or note of the commit checks (`error::Notice`) in `lang`.
pub fn commit_notice_text_in(lang: Lang, n: &crate::error::Notice) -> String {
    match lang {
        Lang::En => n.to_string(),
        Lang::Ja => ja_notice::commit(n),
    }
}

pub fn commit_notice_text(n: &crate::error::Notice) -> String {
    commit_notice_text_in(Lang::current(), n)
}

/// "did you mean" under a finding, in the language in force.
pub fn did_you_mean(name: &str) -> String {
    match Lang::current() {
        Lang::En => crate::notice::did_you_mean(name),
        Lang::Ja => format!("'{name}' のことですか?"),
    }
}

/// The label under the marked word of a located error.
pub fn label(kind: &crate::error::ErrorKind) -> Option<String> {
    use crate::error::ErrorKind::*;
    if Lang::current() == Lang::En {
        return None;
    }
    Some(match kind {
        Expected { what, .. } => format!("{what} が必要です"),
        SmartQuote { .. } => "欧文引用符 (“ ” ‘ ’)".into(),
        NoClosingQuotation => "ここで開いた引用符".into(),
        UnknownCommand { .. } => "不明な文".into(),
        ParamNameSplit { .. } => "分かれた語".into(),
        _ => "ここ".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |v| {
            pairs
                .iter()
                .find(|(k, _)| *k == v)
                .map(|(_, x)| x.to_string())
        }
    }

    #[test]
    fn the_locale_is_chosen_as_gettext_chooses_it() {
        assert_eq!(from_locale(env(&[])), Lang::En);
        assert_eq!(from_locale(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(from_locale(env(&[("LANG", "ja_JP.eucJP")])), Lang::Ja);
        assert_eq!(from_locale(env(&[("LANG", "ja")])), Lang::Ja);
        assert_eq!(from_locale(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(from_locale(env(&[("LANG", "POSIX")])), Lang::En);
        assert_eq!(from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        // LC_ALL wins over LC_MESSAGES, which wins over LANG.
        assert_eq!(
            from_locale(env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")])),
            Lang::En
        );
        assert_eq!(
            from_locale(env(&[("LANG", "C"), ("LC_MESSAGES", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            from_locale(env(&[("LC_MESSAGES", "C"), ("LC_ALL", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        // An empty variable counts as unset.
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        // Only the language part counts: `jav` (Javanese) is not `ja`.
        assert_eq!(from_locale(env(&[("LANG", "jav_ID")])), Lang::En);
    }

    #[test]
    fn forced_languages_parse() {
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("auto"), None);
        assert_eq!(Lang::parse(""), None);
    }
}
