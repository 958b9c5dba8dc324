//! `credwiz completions SHELL` and `credwiz man`: both generated from the
//! clap definitions in `cli.rs`, so they never drift from the real options.

use crate::cli::Cli;
use crate::text::output::{self, Stream};
use clap::CommandFactory;

/// Prints the completion script for `shell` on standard output.
pub fn completions(shell: clap_complete::Shell) -> i32 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "credwiz", &mut script);
    write_generated(&script, "completion script")
}

/// Prints the manual page (roff) on standard output.
pub fn man() -> i32 {
    let mut page = Vec::new();
    if let Err(error) = clap_mangen::Man::new(Cli::command()).render(&mut page) {
        output::eprint_message(&format!(
            "credwiz: could not render the manual page: {error}"
        ));
        return 2;
    }
    write_generated(&page, "manual page")
}

fn write_generated(bytes: &[u8], what: &str) -> i32 {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            output::write_or_exit(Stream::Stdout, text, false);
            0
        }
        Err(_) => {
            output::eprint_message(&format!("credwiz: the generated {what} is not UTF-8"));
            2
        }
    }
}
