//! The one way credwiz writes to standard output and standard error.
//!
//! A closed pipe (`credwiz check | head -1`) ends the program quietly with
//! exit code 0, as Unix tools do; any other write error (a full disk,
//! `> /dev/full`) is reported on stderr and ends the program with exit code 2.
//! Neither ever panics, unlike `println!`.

use crate::text::sanitize;
use std::io::{self, Write};

/// Exit code for an output that could not be written.
pub const OUTPUT_FAILED: i32 = 2;

/// Which stream a text goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What to do after a failed write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFailure {
    /// The reader went away: stop quietly.
    ClosedPipe,
    /// Anything else: say so and stop with [`OUTPUT_FAILED`].
    Failed,
}

/// Classifies a write error.
pub fn classify(error: &io::Error) -> WriteFailure {
    if error.kind() == io::ErrorKind::BrokenPipe {
        WriteFailure::ClosedPipe
    } else {
        WriteFailure::Failed
    }
}

/// Writes `text` and a newline to standard output, or ends the program.
/// Control characters are made visible (see [`sanitize`]).
pub fn print_line(text: &str) {
    write_or_exit(Stream::Stdout, &sanitize::sanitize_block(text), true);
}

/// Writes a rendered report and a newline to standard output, keeping
/// credwiz's own colours when `colour` is on.
pub fn print_report(text: &str, colour: bool) {
    write_or_exit(
        Stream::Stdout,
        &sanitize::sanitize_output(text, colour),
        true,
    );
}

/// Writes `text` and a newline to standard error, or ends the program.
pub fn eprint_line(text: &str) {
    write_or_exit(Stream::Stderr, &sanitize::sanitize_block(text), true);
}

/// Writes an error message, one line, to standard error, or ends the
/// program. The message quotes what the user gave (a URL, a playbook id, an
/// answer): a line break in it shows as its control picture, so a value can
/// never start a line of its own.
pub fn eprint_message(text: &str) {
    write_or_exit(Stream::Stderr, &sanitize::sanitize_line(text), true);
}

/// Writes `text` as is (no newline) to a stream, or ends the program.
pub fn write_or_exit(stream: Stream, text: &str, newline: bool) {
    let result = match stream {
        Stream::Stdout => write_all(&mut io::stdout().lock(), text, newline),
        Stream::Stderr => write_all(&mut io::stderr().lock(), text, newline),
    };
    if let Err(error) = result {
        exit_after(stream, &error);
    }
}

fn write_all(out: &mut impl Write, text: &str, newline: bool) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    if newline {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Ends the program after a failed write on `stream`.
fn exit_after(stream: Stream, error: &io::Error) -> ! {
    match classify(error) {
        WriteFailure::ClosedPipe => std::process::exit(0),
        WriteFailure::Failed => {
            let name = match stream {
                Stream::Stdout => "standard output",
                Stream::Stderr => "standard error",
            };
            // Best effort: standard error itself may be what failed.
            let _ = writeln!(io::stderr(), "credwiz: could not write to {name}: {error}");
            std::process::exit(OUTPUT_FAILED)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_quiet_and_other_errors_are_failures() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(classify(&pipe), WriteFailure::ClosedPipe);
        let full = io::Error::from_raw_os_error(28);
        assert_eq!(classify(&full), WriteFailure::Failed);
    }
}
