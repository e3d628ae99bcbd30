//! `acre`: see `acre --help`.

/// mimalloc instead of glibc's allocator: under load a list request spent
/// a seventh of the server's time in glibc's malloc and free (consolidating
/// and unlinking chunks across threads).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    acre::cli::main()
}
