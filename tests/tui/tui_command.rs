//! `credwiz -- COMMAND` in tmux: the command runs first with its output on
//! the terminal, then the wizard opens with that output as the pasted error
//! and triage already done; a command that works opens no wizard at all.

use crate::support::sandbox;
use crate::support::tmux::{command_line, Tmux};

const FAILING: &str = "printf 'Traceback (most recent call last):\\nbotocore.exceptions.NoCredentialsError: Unable to locate credentials\\n' >&2; exit 1";

#[test]
fn the_wizard_opens_on_the_error_of_the_command_it_ran() {
    let sandbox = sandbox::Sandbox::new().var("AWS_SESSION_TOKEN", sandbox::PLANTED_TOKEN);
    let workdir = tempfile::tempdir().expect("work dir");
    let line = command_line(&sandbox, &["--", "sh", "-c", FAILING]);
    let Some(tmux) = Tmux::start("command", workdir.path(), &line, 100, 30) else {
        return;
    };
    let screen = tmux.wait_for(&[
        "No credentials found  ← matches your error",
        "Picked \"No credentials found\": the error mentions",
    ]);
    assert!(!screen.contains(sandbox::PLANTED_TOKEN), "{screen}");
    tmux.keys(&["q"]);
    let (ended, cooked, screen) = tmux.ended();
    assert_eq!(ended, Some(0), "{screen}");
    assert!(cooked, "{screen}");
    // Back on the normal screen: the command's own output, passed through.
    assert!(
        screen.contains("│ botocore.exceptions.NoCredentialsError"),
        "{screen}"
    );
}

#[test]
fn a_command_that_works_opens_no_wizard() {
    let sandbox = sandbox::Sandbox::new();
    let workdir = tempfile::tempdir().expect("work dir");
    let line = command_line(&sandbox, &["--", "sh", "-c", "echo fine"]);
    let Some(tmux) = Tmux::start("command-ok", workdir.path(), &line, 100, 30) else {
        return;
    };
    let (ended, _, screen) = tmux.ended();
    assert_eq!(ended, Some(0), "{screen}");
    assert!(
        screen.contains("your command worked; nothing to diagnose"),
        "{screen}"
    );
}
