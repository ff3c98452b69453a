//! `crm completion bash|zsh|fish [PROGRAM]`: shell completion scripts.
//! crm's ask the program itself (`crm --compgen POINT LINE`, crmsh's
//! protocol), so every shell completes from the one engine the
//! interactive shell uses; pm_crmgen's offer its options and sheet files.

const BASH: &str = include_str!("../../packaging/completion.bash.in");
const ZSH: &str = include_str!("../../packaging/completion.zsh.in");
const FISH: &str = include_str!("../../packaging/completion.fish.in");
const PM_BASH: &str = include_str!("../../packaging/pm_crmgen.bash");
const PM_ZSH: &str = include_str!("../../packaging/pm_crmgen.zsh");
const PM_FISH: &str = include_str!("../../packaging/pm_crmgen.fish");

/// pm_crmgen's options (those `pm_crmgen --help` lists, and its
/// extensions), and whether each takes a value.
/// `tests/completion_scripts.rs` checks them against the help.
pub const PM_CRMGEN_OPTIONS: &[(&str, bool)] = &[
    ("--version", false),
    ("-h", false),
    ("--help", false),
    ("-o", true),
    ("-V", false),
    ("-C", false),
    ("-O", false),
    ("-b", false),
    ("--sheet", true),
    ("-x", true),
    ("--xml", true),
    ("--reverse", false),
    ("--encoding", true),
    ("--json", false),
];

pub const SHELLS: &[&str] = &["bash", "zsh", "fish"];

/// The script for `shell` completing `program` (`crm` under any name it
/// is installed as, or `pm_crmgen`); `None` for an unknown shell.
pub fn script(shell: &str, program: &str) -> Option<String> {
    if program == "pm_crmgen" {
        return pm_crmgen(shell);
    }
    let template = match shell {
        "bash" => BASH,
        "zsh" => ZSH,
        "fish" => FISH,
        _ => return None,
    };
    let function: String = program
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Some(
        template
            .replace("@CRM_FN@", &function)
            .replace("@CRM@", program),
    )
}

fn pm_crmgen(shell: &str) -> Option<String> {
    let names: Vec<&str> = PM_CRMGEN_OPTIONS.iter().map(|(o, _)| *o).collect();
    match shell {
        "bash" => Some(PM_BASH.replace("@OPTIONS@", &names.join(" "))),
        "zsh" => {
            let lines: String = PM_CRMGEN_OPTIONS
                .iter()
                .map(|(o, value)| match (o, value) {
                    (o, true) if o.starts_with("--") => format!("        '{o}=:value:_files' \\\n"),
                    (o, true) => format!("        '{o}+:file:_files' \\\n"),
                    (o, false) if *o == "-V" => format!("        '*{o}' \\\n"),
                    (o, false) => format!("        '{o}' \\\n"),
                })
                .collect();
            Some(PM_ZSH.replace("@ZSH_OPTIONS@\n", &lines))
        }
        "fish" => {
            let lines: Vec<String> = PM_CRMGEN_OPTIONS
                .iter()
                .map(|(o, value)| {
                    let flag = match o.strip_prefix("--") {
                        Some(long) => format!("-l {long}"),
                        None => format!("-s {}", o.trim_start_matches('-')),
                    };
                    let takes = if *value { " -r -F" } else { "" };
                    format!("complete -c pm_crmgen {flag}{takes}")
                })
                .collect();
            Some(PM_FISH.replace("@FISH_OPTIONS@", &lines.join("\n")))
        }
        _ => None,
    }
}
