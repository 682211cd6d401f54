//! The `vanban` program: parses the arguments, runs the command through `cli`, and turns a
//! panic that escaped every other guard into exit status 2 with a one-line message.

// The command line is the one place that prints.
#[allow(clippy::print_stdout, clippy::print_stderr)]
mod cli;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::args::parse();
    // Panics are caught where they can happen (Tera, Typst) and reported as diagnostics;
    // the default hook would print Rust's panic message to the user first.
    std::panic::set_hook(Box::new(|_| {}));
    match std::panic::catch_unwind(|| cli::run(cli)) {
        Ok(code) => code,
        Err(_) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "error: internal error in vanban; please report it with the project files"
                );
            }
            ExitCode::from(vanban::app::EXIT_FAILURE)
        }
    }
}
