//! `sourcelight`: the core as a command-line tool (see `cli` for the subcommands).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os().skip(1).collect())
}
