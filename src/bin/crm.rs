fn main() {
    std::process::exit(crmtool::cli::run(std::env::args_os()));
}
