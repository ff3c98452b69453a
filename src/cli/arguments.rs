use clap::Parser;

/// crm: the Pacemaker cluster configuration shell.
#[derive(Parser, Debug)]
// `-h`/`--help` are crm's own help (src/help), not clap's.
#[command(
    name = "crm",
    version,
    disable_help_subcommand = true,
    disable_help_flag = true
)]
pub struct Arguments {
    /// Commit even when checks complain; never ask.
    #[arg(short = 'F', long)]
    pub force: bool,
    /// Output style (crm.conf `[color] style` for this run): plain,
    /// color (on a terminal), color-always, uppercase.
    #[arg(short = 'D', long = "display", value_parser = ["plain", "color", "color-always", "uppercase", "color256"])]
    pub display: Option<String>,
    /// Debug messages.
    #[arg(short = 'd', long)]
    pub debug: bool,
    /// Read commands from this file.
    #[arg(short = 'f', long = "file")]
    pub file: Option<String>,
    /// Work on this shadow CIB instead of the cluster (`cib new NAME`).
    #[arg(short = 'c', long = "cib")]
    pub cib: Option<String>,
    /// Wait for the cluster to settle after changes.
    #[arg(short = 'w', long)]
    pub wait: bool,
    /// crmsh's regression-test mode: echo input lines (`.INP:`) and the
    /// programs run (`.EXT`), number messages by input line.
    #[arg(short = 'R', long = "regression-tests")]
    pub regression: bool,
    /// Answer no to every question.
    #[arg(short = 'n', long = "no")]
    pub ask_no: bool,
    /// Set an option for this run: `-o core.check_mode=relaxed`.
    #[arg(short = 'o', long = "opt", value_name = "SECTION.NAME=VALUE")]
    pub opt: Vec<String>,
    /// The language of messages and help: `ja` or `en` (default: the
    /// locale, as gettext chooses it, or `[core] language` of crm.conf).
    #[arg(long = "lang", value_parser = ["ja", "en"])]
    pub lang: Option<String>,
    /// Help (`crm help …`).
    #[arg(short = 'h', long = "help")]
    pub help: bool,
    /// The command words, as crmsh takes them.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub words: Vec<String>,
}
