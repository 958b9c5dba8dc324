//! Output that cannot be written: `> /dev/full` is a message on stderr and
//! exit 2; a reader that went away (`| true`, `| head -1`) is a quiet exit.

use crate::harness::{command, run_command, run_with_closed_stdout};
use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET};
use std::time::Duration;

/// One invocation of every command that prints.
const COMMANDS: &[&[&str]] = &[
    &["check", "--offline"],
    &["check", "-v", "--offline"],
    &["check", "--offline", "--json"],
    &["check", "--offline", "--markdown"],
    &["resolve"],
    &["run", "no-credentials", "--offline"],
    &[
        "s3",
        "inspect",
        "https://bucket.s3.eu-west-1.amazonaws.com/key",
    ],
    &["playbooks", "list"],
    &["playbooks", "check"],
];

/// A HOME whose keys the reports talk about: none may show the secret.
fn keyed() -> Sandbox {
    Sandbox::new().credentials(&format!(
        "[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {PLANTED_SECRET}\n"
    ))
}

#[test]
fn a_full_disk_is_a_message_and_exit_2() {
    let sandbox = keyed();
    for args in COMMANDS {
        let label = format!("credwiz {} > /dev/full", args.join(" "));
        let mut cmd = command(&sandbox, args);
        cmd.stdout(std::fs::File::create("/dev/full").expect("/dev/full"));
        let run = run_command(&label, &sandbox, cmd, Duration::from_secs(20));
        assert_eq!(run.code(), Some(2), "{label}: {}", run.stderr());
        assert!(
            run.stderr()
                .contains("could not write to standard output: No space left on device"),
            "{label}: {}",
            run.stderr()
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let sandbox = keyed();
    for args in COMMANDS {
        let label = format!("credwiz {} | true", args.join(" "));
        // The read end is gone before credwiz writes a byte.
        let cmd = command(&sandbox, args);
        let run = run_with_closed_stdout(&label, &sandbox, cmd, Duration::from_secs(20));
        // Exit 0 when the write hit the closed pipe; a process another test
        // forked at that instant may briefly hold the read end open, and then
        // the write succeeds and the command's own exit code stands.
        assert!(
            !run.stderr().contains("could not write"),
            "{label}: {}",
            run.stderr()
        );
    }
}
