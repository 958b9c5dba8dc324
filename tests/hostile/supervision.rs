//! Processes credwiz starts are credwiz's: the SDK's own run of a
//! `credential_process` gets end-of-file on stdin (never the user's
//! terminal), and whatever is still alive when credwiz ends (a helper that
//! outlived its parent, one running when SIGTERM arrives) is ended with it.

use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SLASH_SECRET};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Live processes whose command line holds `marker`.
fn running_with(marker: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|s| {
                s.rsplit_once(')')
                    .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
            })
            .unwrap_or(true);
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !zombie && String::from_utf8_lossy(&cmdline).contains(marker) {
            found.push(pid);
        }
    }
    found
}

/// Waits (at most `limit`) until no process holds `marker`.
fn gone(marker: &str, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while !running_with(marker).is_empty() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

fn with_helper(body: &str, marker: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    let helper = sandbox.home_path().join("helper.sh");
    std::fs::write(&helper, body).expect("helper");
    sandbox.config(&format!(
        "[default]\ncredential_process = /bin/sh {} {marker}\n",
        helper.display()
    ))
}

fn credwiz(sandbox: &Sandbox, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command
        .env_clear()
        .envs(sandbox.env())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn the_sdk_run_of_a_helper_that_reads_stdin_gets_end_of_file() {
    let marker = "credwiz-reads-stdin-helper";
    let body = format!(
        "read answer\nprintf '{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{PLANTED_SLASH_SECRET}\"}}'\n"
    );
    let sandbox = with_helper(&body, marker);
    // credwiz's stdin: a pipe nobody writes to or closes, as a terminal
    // nobody types into.
    let mut child = credwiz(&sandbox, &["check"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("credwiz starts");
    let _keep_open = child.stdin.take();
    let out = crate::sandbox::wait_bounded("stdin helper", child, Duration::from_secs(30));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Resolved: CredentialProcess"),
        "the SDK's run read end-of-file and resolved:\n{stdout}"
    );
    assert!(!stdout.contains(PLANTED_SLASH_SECRET));
    assert!(
        gone(marker, Duration::from_secs(2)),
        "a helper outlived credwiz"
    );
}

#[test]
fn sigterm_ends_credwiz_and_the_helper_it_waits_for() {
    let marker = "credwiz-sigterm-helper";
    let sandbox = with_helper("sleep 300\n", marker);
    let child = credwiz(&sandbox, &["check", "--process-timeout", "120"])
        .stdin(Stdio::null())
        .spawn()
        .expect("credwiz starts");
    let started = Instant::now();
    while running_with(marker).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the helper never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = rustix::process::Pid::from_raw(i32::try_from(child.id()).expect("pid")).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).expect("SIGTERM");
    let out = crate::sandbox::wait_bounded("SIGTERM", child, Duration::from_secs(10));
    assert_eq!(
        out.status.code(),
        Some(2),
        "exits 2, not killed by the signal"
    );
    let mut stderr = String::new();
    (&out.stderr[..])
        .read_to_string(&mut stderr)
        .expect("utf-8");
    assert!(stderr.contains("stopped by SIGTERM"), "{stderr}");
    assert!(
        gone(marker, Duration::from_secs(2)),
        "the helper outlived credwiz"
    );
}

#[test]
fn a_helper_that_leaves_a_child_behind_does_not_outlive_credwiz() {
    let marker = "credwiz-orphan-helper";
    // The helper starts a detached sleeper in a new session and answers at
    // once: its child is orphaned while credwiz still runs.
    let body = format!(
        "setsid sh -c 'sleep 300; :' {marker}-child </dev/null >/dev/null 2>&1 &\nsleep 0.2\nprintf '{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{PLANTED_SLASH_SECRET}\"}}'\n"
    );
    let sandbox = with_helper(&format!("echo ran >> \"$HOME/ran\"\n{body}"), marker);
    let child = credwiz(&sandbox, &["check"])
        .stdin(Stdio::null())
        .spawn()
        .expect("credwiz starts");
    let out = crate::sandbox::wait_bounded("orphan", child, Duration::from_secs(30));
    assert!(matches!(out.status.code(), Some(0..=3)), "{out:?}");
    let log = std::fs::read_to_string(sandbox.home_path().join("ran")).unwrap_or_default();
    assert!(!log.is_empty(), "the helper never ran");
    assert!(
        gone(marker, Duration::from_secs(2)),
        "the helper's child outlived credwiz"
    );
}

/// `resolve` is aws-config's chain alone. Its run of a helper that signals
/// its own group happens in a worker with a group of its own, so credwiz
/// lives to say what the helper did (before: credwiz itself got the SIGTERM).
#[test]
fn a_helper_that_ends_its_group_is_named_by_resolve_which_survives_it() {
    let marker = "credwiz-kill0-helper";
    let body = format!(
        "trap 'kill 0' EXIT\nprintf '{{\"Version\": 1, \"AccessKeyId\": \"{KEY_ID}\", \"SecretAccessKey\": \"{PLANTED_SLASH_SECRET}\"}}'\n"
    );
    let sandbox = with_helper(&body, marker);
    let mut command = credwiz(&sandbox, &["resolve", "--timeout", "10"]);
    // Its own group, as a shell's job: a `kill 0` that reached credwiz's
    // group must not reach the test runner too.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .stdin(Stdio::null())
        .spawn()
        .expect("credwiz starts");
    let out = crate::sandbox::wait_bounded("kill 0", child, Duration::from_secs(20));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "the chain failed:\n{stdout}");
    assert!(
        stdout.contains("sent SIGTERM to its whole process group"),
        "{stdout}"
    );
    assert!(!stdout.contains(PLANTED_SLASH_SECRET));
}

/// A helper that stops its group (`kill -STOP 0`) stops only the worker:
/// credwiz notices within a moment and says so, instead of hanging.
#[test]
fn a_helper_that_stops_its_group_is_named_by_resolve_within_seconds() {
    let marker = "credwiz-stop0-helper";
    let sandbox = with_helper("kill -STOP 0\necho never\n", marker);
    let mut command = credwiz(&sandbox, &["resolve", "--timeout", "60"]);
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .spawn()
        .expect("credwiz starts");
    let out = crate::sandbox::wait_bounded("kill -STOP 0", child, Duration::from_secs(20));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(started.elapsed() < Duration::from_secs(10), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("stopped its own process group"), "{stdout}");
    assert!(
        gone(marker, Duration::from_secs(2)),
        "the stopped helper outlived credwiz"
    );
}
