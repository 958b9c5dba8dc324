//! What every hostile case asserts, in one place.

use crate::sandbox::{Sandbox, KEY_ID, PLANTED_SECRET, PLANTED_TOKEN};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// One finished run and how long it took.
pub struct Run {
    pub output: Output,
    #[allow(dead_code)]
    pub took: Duration,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout(), self.stderr())
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
}

/// A credwiz command in the sandbox's environment, stdout and stderr piped.
pub fn command(sandbox: &Sandbox, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_credwiz"));
    command
        .env_clear()
        .envs(sandbox.env())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs credwiz with the usual assertions: it ends by itself within
/// `limit` with exit code 0–3, leaks no planted secret in any encoding, and
/// leaves HOME exactly as it found it.
pub fn run_hostile(label: &str, sandbox: &Sandbox, args: &[&str], limit: Duration) -> Run {
    run_command(label, sandbox, command(sandbox, args), limit)
}

/// [`run_hostile`] where the scenario itself writes `allowed` paths under
/// HOME (a helper's own files); everything else must stay unchanged.
pub fn run_hostile_allowing(
    label: &str,
    sandbox: &Sandbox,
    args: &[&str],
    limit: Duration,
    allowed: &[&Path],
) -> Run {
    let mut cmd = command(sandbox, args);
    plant_a_secret(sandbox, &mut cmd);
    let before = hash_tree_except(sandbox.home_path(), allowed);
    let run = run_unchecked_home(label, cmd, limit, false);
    assert_eq!(
        before,
        hash_tree_except(sandbox.home_path(), allowed),
        "{label}: HOME changed"
    );
    run
}

/// [`run_hostile`] for a command built by the caller.
pub fn run_command(label: &str, sandbox: &Sandbox, command: Command, limit: Duration) -> Run {
    run_checked(label, sandbox, command, limit, false)
}

/// [`run_command`] with the read end of standard output closed at once, as
/// `credwiz ... | true` does.
pub fn run_with_closed_stdout(
    label: &str,
    sandbox: &Sandbox,
    command: Command,
    limit: Duration,
) -> Run {
    run_checked(label, sandbox, command, limit, true)
}

fn run_checked(
    label: &str,
    sandbox: &Sandbox,
    command: Command,
    limit: Duration,
    close_stdout: bool,
) -> Run {
    let mut command = command;
    plant_a_secret(sandbox, &mut command);
    let before = hash_tree(sandbox.home_path());
    let run = run_unchecked_home(label, command, limit, close_stdout);
    assert_eq!(
        before,
        hash_tree(sandbox.home_path()),
        "{label}: HOME changed"
    );
    run
}

/// Runs with every check but the one on HOME.
fn run_unchecked_home(
    label: &str,
    mut command: Command,
    limit: Duration,
    close_stdout: bool,
) -> Run {
    let started = Instant::now();
    let mut child = command.spawn().expect("spawn credwiz");
    if close_stdout {
        drop(child.stdout.take());
    }
    // Read both pipes while waiting: a report larger than a pipe buffer
    // would otherwise block the child forever.
    let output = crate::sandbox::wait_bounded(label, child, limit);
    let run = Run {
        output,
        took: started.elapsed(),
    };
    assert_sane_exit(label, &run);
    assert_no_secret_anywhere(label, &run.all());
    crate::support::debug_dump::assert_no_debug_dump(label, &run.all());
    run
}

/// Reads a pipe to its end on a thread of its own.
/// Exit code 0, 1, 2 or 3, never a signal or a panic.
pub fn assert_sane_exit(label: &str, run: &Run) {
    let code = run.code();
    assert!(
        matches!(code, Some(0..=3)),
        "{label}: exit {:?} (status {:?}); stderr: {}",
        code,
        run.output.status,
        run.stderr()
    );
    assert!(
        !run.stderr().contains("panicked"),
        "{label}: panicked: {}",
        run.stderr()
    );
}

/// The planted secret, token and key id in every encoding that could carry
/// them out: raw, URL-encoded, JSON-escaped and base64 (the key id only raw,
/// since it is shown masked).
pub fn secret_forms() -> Vec<String> {
    let mut forms = vec![KEY_ID.to_string()];
    for secret in [PLANTED_SECRET, PLANTED_TOKEN, SLASHED_SECRET] {
        forms.push(secret.to_string());
        forms.push(url_encode(secret));
        forms.push(json_escape(secret));
        forms.push(base64(secret.as_bytes()));
    }
    forms.sort();
    forms.dedup();
    forms
}

/// A planted secret with the characters that encodings change (`/`, `+`).
pub const SLASHED_SECRET: &str = "wJalrXUtn/FEMI/K7MDENG+bPxRfiCYzEXAMPLE";

/// A case that plants no secret of its own (in the environment or a file
/// under HOME) runs with a session token in its environment, which credwiz
/// reads and must never show, so every case's leak check can fail.
fn plant_a_secret(sandbox: &Sandbox, command: &mut Command) {
    let planted = |text: &str| {
        [PLANTED_SECRET, PLANTED_TOKEN, SLASHED_SECRET]
            .iter()
            .any(|s| text.contains(s))
    };
    let in_env = sandbox.env().iter().any(|(_, value)| planted(value));
    if !in_env
        && !walkdir_texts(sandbox.home_path())
            .iter()
            .any(|t| planted(t))
    {
        command.env("AWS_SESSION_TOKEN", PLANTED_TOKEN);
    }
}

/// The text of every regular file under `dir` (FIFOs and devices skipped).
fn walkdir_texts(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return texts;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            texts.extend(walkdir_texts(&entry.path()));
        } else if kind.is_file() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    texts
}

pub fn assert_no_secret_anywhere(label: &str, text: &str) {
    for form in secret_forms() {
        assert!(
            !text.contains(&form),
            "{label}: a planted secret leaked as {form:?}:\n{text}"
        );
    }
}

pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn json_escape(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("json");
    // serde_json leaves '/' alone; some encoders write it as "\/".
    quoted[1..quoted.len() - 1].replace('/', "\\/")
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

pub use crate::support::home_hash::{hash_tree, hash_tree_except};

#[test]
fn encodings_of_the_planted_secret_are_the_usual_ones() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(url_encode("a/b+c"), "a%2Fb%2Bc");
    assert_eq!(json_escape("a/b\"c"), "a\\/b\\\"c");
}
