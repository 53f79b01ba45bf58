//! safetynet: the command line is in `cli/`, one file per command.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
