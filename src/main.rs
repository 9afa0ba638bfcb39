//! Entry point: parse the command line and dispatch.

use brief::cli::{Cli, Command};
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check(args)) => brief::tools::check::run(args),
        None => {
            eprintln!("brief: the reader is not built yet");
            2
        }
    };
    std::process::exit(code);
}
