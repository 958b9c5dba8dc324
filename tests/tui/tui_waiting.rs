//! The real binary in tmux where a person would otherwise wait or misread:
//! a traceback pasted with CR line ends shows its lines as pasted, and on a
//! network that swallows packets (a loopback server that accepts and never
//! answers) the first page shows at once and `s` skips the wait.

use crate::support::sandbox;
use crate::support::tmux::{command_line, Tmux};
use crate::support::world::SilentServer;
use std::time::{Duration, Instant};

const TRACEBACK_CR: &str = "Traceback (most recent call last):\r  File \"app.py\", line 3, in <module>\rbotocore.exceptions.NoCredentialsError: Unable to locate credentials";

#[test]
fn a_traceback_pasted_with_cr_line_ends_keeps_its_lines() {
    let sandbox = sandbox::Sandbox::new();
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("cr-paste", sandbox.home_path(), &line, 100, 30) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste(TRACEBACK_CR);
    let screen = tmux.wait_for(&["NoCredentialsError: Unable to locate"]);
    // Each pasted line starts a row of its own: nothing runs together.
    let rows: Vec<&str> = screen.lines().collect();
    let row_of = |text: &str| rows.iter().find(|r| r.contains(text)).copied();
    let first = row_of("Traceback (most recent call last):").expect("line 1 shown");
    assert!(!first.contains("File"), "{screen}");
    let second = row_of("File \"app.py\", line 3").expect("line 2 shown");
    assert!(!second.contains("botocore"), "{screen}");
    assert!(
        !screen.contains('␍') && !screen.contains("<module>botocore"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for(&["No credentials found  ← matches your error"]);
    tmux.keys(&["q"]);
}

#[test]
fn on_a_silent_network_the_first_page_shows_at_once_and_s_skips_the_wait() {
    let silent = SilentServer::start();
    let sandbox = sandbox::Sandbox::new()
        .var("AWS_ACCESS_KEY_ID", sandbox::KEY_ID)
        .var("AWS_SECRET_ACCESS_KEY", sandbox::PLANTED_SECRET)
        .var("AWS_REGION", "eu-west-1")
        .var("AWS_ENDPOINT_URL", &silent.url());
    let line = command_line(&sandbox, &[]);
    let Some(tmux) = Tmux::start("silent", sandbox.home_path(), &line, 200, 50) else {
        return;
    };
    tmux.wait_for(&["which error did you get?"]);
    tmux.keys(&["p"]);
    tmux.wait_for(&["Enter: triage"]);
    tmux.paste("botocore.exceptions.NoCredentialsError: Unable to locate credentials");
    tmux.wait_for(&["NoCredentialsError: Unable to locate"]);
    let pasted = Instant::now();
    tmux.keys(&["Enter"]);
    tmux.wait_for(&["No credentials found  ← matches your error"]);
    tmux.keys(&["Enter"]);
    // The first step's page, saying what it waits for, for how long at
    // most, and how to stop waiting.
    let page = tmux.wait_for(&["Step 1 of about", "at most", "s skips the wait"]);
    let first_page = pasted.elapsed();
    assert!(
        first_page < Duration::from_secs(1),
        "{first_page:?}:\n{page}"
    );
    assert!(
        silent.connections() > 0,
        "the probes reach the silent server"
    );

    let skipped = Instant::now();
    tmux.keys(&["s"]);
    // Questions on the way are answered with Enter; the rest goes by itself.
    let mut end = String::new();
    while skipped.elapsed() < Duration::from_secs(2) {
        end = tmux.screen();
        if end.contains("Fix (c copies these lines):") {
            break;
        }
        if end.contains("› ") {
            tmux.keys(&["Enter"]);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let took = skipped.elapsed();
    assert!(
        end.contains("Fix (c copies these lines):"),
        "{took:?}:\n{end}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}:\n{end}");
    assert!(
        end.contains("- not tried"),
        "the skipped step is marked:\n{end}"
    );
    assert!(!end.contains(sandbox::PLANTED_SECRET), "{end}");
    tmux.keys(&["q"]);
}
