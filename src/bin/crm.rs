// Loads and shows allocate many small strings; mimalloc is markedly
// faster than the system allocator for that pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(crmtool::cli::run(std::env::args_os()));
}
