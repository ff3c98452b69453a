//! `pm_crmgen` binary: all behaviour lives in `crmtool::pm_crmgen`.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = crmtool::pm_crmgen::run(args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(code);
}
