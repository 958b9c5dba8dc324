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

/// The `bare_chain` example (aws-config's own chain in a binary), built by
/// the live tests or here.
fn rust_example() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let example = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir")
        .join("examples/bare_chain");
    if !example.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "--example", "bare_chain"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the bare_chain example builds");
    }
    example
}

#[test]
fn v_shows_the_replay_and_a_second_v_runs_it() {
    let example = rust_example().display().to_string();
    let sandbox = sandbox::Sandbox::new()
        .credentials(&format!(
            "[dev]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            sandbox::KEY_ID,
            sandbox::PLANTED_SLASH_SECRET
        ))
        .var("AWS_DEFAULT_PROFILE", "dev");
    let workdir = tempfile::tempdir().expect("work dir");
    let line = command_line(&sandbox, &["--", &example]);
    let Some(tmux) = Tmux::start("command-replay", workdir.path(), &line, 140, 30) else {
        return;
    };
    tmux.wait_for(&[
        "Picked \"No credentials found\"",
        "program  Rust (aws-config)",
    ]);
    // Walk to the end: it ends on the report's own problem and its fix.
    let mut screen = String::new();
    for _ in 0..8 {
        tmux.keys(&["Enter"]);
        std::thread::sleep(std::time::Duration::from_millis(400));
        screen = tmux.screen();
        if screen.contains("This is the end of the walk") {
            break;
        }
    }
    assert!(screen.contains("export AWS_PROFILE=dev"), "{screen}");
    tmux.keys(&["v"]);
    tmux.wait_for(&["v again to replay your command with AWS_PROFILE=dev"]);
    tmux.keys(&["v"]);
    let screen = tmux.wait_for(&["with AWS_PROFILE=dev your command succeeds"]);
    assert!(!screen.contains(sandbox::PLANTED_SLASH_SECRET), "{screen}");
    tmux.keys(&["q"]);
    let (ended, cooked, screen) = tmux.ended();
    assert_eq!(ended, Some(0), "{screen}");
    assert!(cooked, "{screen}");
}
