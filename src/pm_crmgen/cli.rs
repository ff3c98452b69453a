//! The command line, parsed the way Python's optparse parsed the original's
//! (clustered short options, abbreviated long options, interspersed arguments),
//! with its help text and error wording.

use std::ffi::{OsStr, OsString};

use super::messages::{FILE_NAME_NOT_UNICODE, NO_CSV_FILE, SEVERAL_CSV_FILES};

const USAGE: &str = "Usage: pm_crmgen [options] CSV_FILE\n";
const DESCRIPTION: &str = "  character encoding of supported CSV_FILE are 'UTF-8' and 'Shift_JIS'";
const VERSION: &str = "2.2";

#[derive(Debug, Clone)]
pub struct Options {
    pub input: String,
    pub output: Option<String>,
    pub verbosity: u32,
    pub no_colocation: bool,
    pub no_order: bool,
    pub brackets: bool,
    /// `--sheet NAME` for workbook input (our extension, not in the help text).
    pub sheet: Option<String>,
    /// `-x FILE.xml` / `--xml FILE`: also write the CIB `<configuration>`
    /// (our extension; the help text stays the original's).
    pub xml: Option<String>,
    /// `--reverse`: the input is a CIB and the output a sheet (our extension).
    pub reverse: bool,
    /// `--encoding utf8|sjis` of a reversed CSV sheet (our extension).
    pub encoding: Option<String>,
    /// `--json`: print the parsed sheet as JSON instead of crm text (our
    /// extension; see docs/json.md).
    pub json: bool,
    /// `--lang ja|en|locale`: the language of the messages (our extension;
    /// Japanese by default as the original, `locale` follows LC_ALL/LANG).
    pub lang: crate::i18n::Lang,
}

/// Either options to run with, or what to print before exiting.
#[derive(Debug)]
pub enum Parsed {
    Run(Options),
    Exit {
        code: i32,
        stdout: String,
        stderr: String,
    },
}

/// Option strings and help of each option, in help order.
const OPTIONS: [(&str, &str); 7] = [
    ("--version", "show program's version number and exit"),
    ("-h, --help", "show this help message and exit"),
    (
        "-o OUTPUT_FILE",
        "output generated crm-file to the named file (default: stdout)",
    ),
    (
        "-V",
        "turn on debug info. additional instances increase verbosity",
    ),
    (
        "-C",
        "colocation constraint related to the ping[d]/diskd (in LOCATION table) is NOT generated",
    ),
    (
        "-O",
        "order constraint related to the ping[d]/diskd (in LOCATION table) is NOT generated",
    ),
    (
        "-b",
        "each recipient of alert configuration is delimited by brackets",
    ),
];

/// Python textwrap chunks: words, with hyphenated words breakable after the hyphen.
fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = word.chars().collect();
        let mut start = 0;
        for i in 1..chars.len().saturating_sub(1) {
            if chars[i] == '-' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphanumeric() {
                out.push(chars[start..=i].iter().collect());
                start = i + 1;
            }
        }
        out.push(chars[start..].iter().collect());
    }
    out
}

/// Greedy wrapping as textwrap.wrap does; leading blanks of the text are kept.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let lead: String = text.chars().take_while(|&c| c == ' ').collect();
    let mut lines = Vec::new();
    let mut line = lead;
    let mut line_has_word = false;
    let mut prev_hyphen = false;
    for chunk in chunks(text) {
        let sep = if line_has_word && !prev_hyphen {
            " "
        } else {
            ""
        };
        if line_has_word && line.chars().count() + sep.len() + chunk.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            line_has_word = false;
        }
        if line_has_word && !prev_hyphen {
            line.push(' ');
        }
        prev_hyphen = chunk.ends_with('-');
        line.push_str(&chunk);
        line_has_word = true;
    }
    if line_has_word {
        lines.push(line);
    }
    lines
}

/// The help text, laid out for `$COLUMNS` like optparse's IndentedHelpFormatter.
pub fn help_text(columns: Option<&str>) -> String {
    let width = columns
        .and_then(|c| c.trim().parse::<i64>().ok())
        .map_or(78, |c| c - 2)
        .max(1) as usize;
    let max_help_position = 24usize.min(width.saturating_sub(20).max(4));
    let longest = OPTIONS.iter().map(|(o, _)| o.len() + 2).max().unwrap_or(0);
    let help_position = (longest + 2).min(max_help_position);
    let help_width = width.saturating_sub(help_position).max(11);
    let mut s = String::from(USAGE);
    s.push('\n');
    for line in wrap(DESCRIPTION, width.max(11)) {
        s.push_str(&line);
        s.push('\n');
    }
    s.push_str("\nOptions:\n");
    let opt_width = help_position.saturating_sub(4);
    for (opts, help) in OPTIONS {
        let lines = wrap(help, help_width);
        if opts.len() > opt_width {
            s.push_str(&format!("  {}\n", opts));
            for l in &lines {
                s.push_str(&format!("{}{}\n", " ".repeat(help_position), l));
            }
        } else {
            let mut first = true;
            for l in &lines {
                if first {
                    s.push_str(&format!("  {:<w$}  {}\n", opts, l, w = opt_width));
                    first = false;
                } else {
                    s.push_str(&format!("{}{}\n", " ".repeat(help_position), l));
                }
            }
        }
    }
    s
}

fn usage_error(msg: &str) -> Parsed {
    Parsed::Exit {
        code: 1,
        stdout: String::new(),
        stderr: format!("{}\npm_crmgen: error: {}\n", USAGE, msg),
    }
}

const LONG_OPTIONS: [&str; 8] = [
    "--encoding",
    "--help",
    "--json",
    "--lang",
    "--reverse",
    "--sheet",
    "--version",
    "--xml",
];

/// Long options that take a value.
const VALUED: [&str; 4] = ["--encoding", "--lang", "--sheet", "--xml"];

fn match_long(opt: &str) -> Result<&'static str, String> {
    if let Some(exact) = LONG_OPTIONS.iter().find(|&&o| o == opt) {
        return Ok(exact);
    }
    let found: Vec<&str> = LONG_OPTIONS
        .iter()
        .copied()
        .filter(|o| o.starts_with(opt))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("no such option: {}", opt)),
        many => Err(format!("ambiguous option: {} ({}?)", opt, many.join(", "))),
    }
}

/// `ja`, `en` (or a locale name), or `locale`: the one LC_ALL/LC_MESSAGES/LANG name.
fn lang_choice(word: &str) -> Option<crate::i18n::Lang> {
    if word.eq_ignore_ascii_case("locale") {
        return Some(crate::i18n::from_locale(|v| std::env::var(v).ok()));
    }
    crate::i18n::Lang::parse(word).or_else(|| {
        let language = word.split(['_', '.', '@']).next().unwrap_or("");
        crate::i18n::Lang::parse(language)
    })
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: String::new(),
            output: None,
            verbosity: 0,
            no_colocation: false,
            no_order: false,
            brackets: false,
            sheet: None,
            xml: None,
            reverse: false,
            encoding: None,
            json: false,
            lang: crate::i18n::Lang::Ja,
        }
    }
}

fn to_text(arg: &OsStr) -> Option<String> {
    arg.to_str().map(str::to_string)
}

/// Parses `args` (program name first).
pub fn parse(args: &[OsString], columns: Option<&str>) -> Parsed {
    let help = || Parsed::Exit {
        code: 0,
        stdout: help_text(columns),
        stderr: String::new(),
    };
    let mut opts = Options::default();
    let mut output: Option<OsString> = None;
    let mut positional: Vec<OsString> = Vec::new();
    let mut rest: std::collections::VecDeque<OsString> = args.iter().skip(1).cloned().collect();
    while let Some(arg) = rest.pop_front() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            positional.extend(rest.drain(..));
            break;
        }
        if let Some(long) = text.strip_prefix("--").map(|_| text.as_str()) {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let opt = match match_long(name) {
                Ok(o) => o,
                Err(e) => return usage_error(&e),
            };
            if VALUED.contains(&opt) {
                let v = match value {
                    Some(v) => v,
                    None => match rest.pop_front() {
                        Some(v) => v.to_string_lossy().into_owned(),
                        None => {
                            return usage_error(&format!("{} option requires an argument", opt))
                        }
                    },
                };
                match opt {
                    "--sheet" => opts.sheet = Some(v),
                    "--xml" => opts.xml = Some(v),
                    "--lang" => match lang_choice(&v) {
                        Some(l) => opts.lang = l,
                        None => {
                            return usage_error(&format!(
                                "option --lang: invalid choice: '{}' (choose from 'ja', 'en', 'locale')",
                                v
                            ))
                        }
                    },
                    _ => opts.encoding = Some(v),
                }
                continue;
            }
            if value.is_some() {
                return usage_error(&format!("{} option does not take a value", opt));
            }
            if opt == "--help" {
                return help();
            }
            if opt == "--reverse" {
                opts.reverse = true;
                continue;
            }
            if opt == "--json" {
                opts.json = true;
                continue;
            }
            return Parsed::Exit {
                code: 0,
                stdout: format!("{}\n", VERSION),
                stderr: String::new(),
            };
        }
        if text.starts_with('-') && text != "-" {
            let chars: Vec<char> = text.chars().skip(1).collect();
            let mut i = 0;
            while i < chars.len() {
                match chars[i] {
                    'V' => opts.verbosity += 1,
                    'C' => opts.no_colocation = true,
                    'O' => opts.no_order = true,
                    'b' => opts.brackets = true,
                    'h' => return help(),
                    // `-x` takes an XML file name; anything else after it is
                    // pm_crmgen 2.2's unknown option (so `-x sheet.csv` can
                    // never write XML over the sheet).
                    'x' => {
                        let glued: String = chars[i + 1..].iter().collect();
                        let value = if glued.is_empty() {
                            rest.front().map(|v| v.to_string_lossy().into_owned())
                        } else {
                            Some(glued.clone())
                        };
                        match value {
                            Some(v) if v.to_ascii_lowercase().ends_with(".xml") => {
                                if glued.is_empty() {
                                    rest.pop_front();
                                }
                                opts.xml = Some(v);
                            }
                            _ => return usage_error("no such option: -x"),
                        }
                        break;
                    }
                    'o' => {
                        if i + 1 < chars.len() {
                            // The value glued to the option: take it from the raw
                            // argument so non-UTF-8 bytes survive.
                            let glued: String = chars[i + 1..].iter().collect();
                            output = Some(match arg.to_str() {
                                Some(_) => OsString::from(glued),
                                None => raw_suffix(&arg, 2 + i),
                            });
                        } else {
                            match rest.pop_front() {
                                Some(v) => output = Some(v),
                                None => return usage_error("-o option requires an argument"),
                            }
                        }
                        break;
                    }
                    c => return usage_error(&format!("no such option: -{}", c)),
                }
                i += 1;
            }
            continue;
        }
        positional.push(arg);
    }
    if positional.len() != 1 {
        let english = opts.lang == crate::i18n::Lang::En;
        let head = match (positional.is_empty(), english) {
            (true, false) => NO_CSV_FILE,
            (false, false) => SEVERAL_CSV_FILES,
            (true, true) => super::messages_en::NO_CSV_FILE,
            (false, true) => super::messages_en::SEVERAL_CSV_FILES,
        };
        return Parsed::Exit {
            code: 1,
            stdout: String::new(),
            stderr: format!("{}{}", head, help_text(columns)),
        };
    }
    if opts.json && opts.reverse {
        return usage_error("--json and --reverse cannot be used together");
    }
    let input = to_text(&positional[0]);
    let out = output.as_deref().map(to_text);
    match (input, out) {
        (Some(i), None) => opts.input = i,
        (Some(i), Some(Some(o))) => {
            opts.input = i;
            opts.output = Some(o).filter(|o| !o.is_empty());
        }
        _ => {
            return Parsed::Exit {
                code: 1,
                stdout: String::new(),
                stderr: if opts.lang == crate::i18n::Lang::En {
                    super::messages_en::FILE_NAME_NOT_UNICODE
                } else {
                    FILE_NAME_NOT_UNICODE
                }
                .to_string(),
            }
        }
    }
    Parsed::Run(opts)
}

/// The bytes of `arg` after the first `skip` bytes (for `-oFILE` with a non-UTF-8 name).
fn raw_suffix(arg: &OsStr, skip: usize) -> OsString {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    OsString::from_vec(arg.as_bytes().get(skip..).unwrap_or(&[]).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("pm_crmgen")
            .chain(a.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn clustered_and_glued_options() {
        let Parsed::Run(o) = parse(&args(&["-VVCo", "out.crm", "in.csv", "-b"]), None) else {
            panic!("expected options");
        };
        assert_eq!(o.verbosity, 2);
        assert!(o.no_colocation && o.brackets && !o.no_order);
        assert_eq!(o.output.as_deref(), Some("out.crm"));
        assert_eq!(o.input, "in.csv");
        let Parsed::Run(o) = parse(&args(&["-oout.crm", "in.csv"]), None) else {
            panic!("expected options");
        };
        assert_eq!(o.output.as_deref(), Some("out.crm"));
    }

    #[test]
    fn long_option_abbreviations() {
        match parse(&args(&["--vers"]), None) {
            Parsed::Exit { code, stdout, .. } => {
                assert_eq!(code, 0);
                assert_eq!(stdout, "2.2\n");
            }
            Parsed::Run(_) => panic!("expected exit"),
        }
        match parse(&args(&["--nope", "x"]), None) {
            Parsed::Exit { code, stderr, .. } => {
                assert_eq!(code, 1);
                assert!(stderr.ends_with("error: no such option: --nope\n"));
            }
            Parsed::Run(_) => panic!("expected exit"),
        }
    }

    #[test]
    fn help_wraps_like_optparse() {
        let h = help_text(Some("80"));
        assert!(h.contains("  -o OUTPUT_FILE  output generated crm-file to the named file (default:\n                  stdout)\n"));
    }
}
