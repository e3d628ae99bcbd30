//! `acre`: see `acre --help`.

fn main() -> std::process::ExitCode {
    acre::cli::main()
}
