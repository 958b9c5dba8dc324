//! Runs the user's own command (`credwiz check -- COMMAND`) as a child:
//! the environment it is given, the working directory credwiz has, standard
//! input at end-of-file, in its own process group, bounded as a whole. At
//! the bound, and whenever it ends, its whole group is killed; whatever left
//! the group is ended by the supervisor when credwiz exits (`supervisor.rs`).
//!
//! Its output is handed, line by line, to a `passthrough` callback as it
//! arrives (the caller scrubs and prints it) and the last [`TAIL_LIMIT`]
//! bytes are kept, raw, for the diagnosis to read as the error text.

use super::process_group;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;

/// How much of the end of the command's output is kept for the diagnosis.
pub const TAIL_LIMIT: usize = 64 * 1024;

/// A partial line longer than this is passed through without waiting for its end.
const LINE_LIMIT: usize = 8 * 1024;

/// The default bound on the command's whole run (`--command-timeout`).
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// What the command did.
#[derive(Debug, Clone, Default)]
pub struct CommandRun {
    /// None when it was killed by a signal, timed out or never started.
    pub exit_code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub duration: Duration,
    /// Why it could not start, if it did not.
    pub not_started: Option<String>,
    /// The end of its output, stdout and stderr in arrival order, raw.
    pub tail: String,
}

impl CommandRun {
    /// True when it ran to exit code 0.
    pub fn succeeded(&self) -> bool {
        self.exit_code == Some(0)
    }
}

/// Runs `argv` with exactly `env`, at most `timeout`; `passthrough` gets
/// each complete line (or long fragment) of its output as it arrives.
pub async fn run(
    argv: &[String],
    env: &[(String, String)],
    timeout: Duration,
    passthrough: &mut (dyn FnMut(&str) + Send),
) -> CommandRun {
    let started = Instant::now();
    let Some((program, args)) = argv.split_first() else {
        return not_started("no command was given", started);
    };
    let mut command = tokio::process::Command::new(program);
    process_group::lead_own_group(&mut command);
    let mut child = match command
        .args(args)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return not_started(&format!("could not start {program}: {e}"), started),
    };
    let group = child.id();
    let (Some(mut stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        process_group::kill_group(group);
        return not_started("could not read the command's output", started);
    };
    let mut output = Output::default();
    let collect = async {
        let (mut out_buf, mut err_buf) = ([0u8; 8192], [0u8; 8192]);
        let (mut out_open, mut err_open) = (true, true);
        while out_open || err_open {
            tokio::select! {
                read = stdout.read(&mut out_buf), if out_open => match read {
                    Ok(0) | Err(_) => out_open = false,
                    Ok(n) => output.push(0, &out_buf[..n], passthrough),
                },
                read = stderr.read(&mut err_buf), if err_open => match read {
                    Ok(0) | Err(_) => err_open = false,
                    Ok(n) => output.push(1, &err_buf[..n], passthrough),
                },
            }
        }
        child.wait().await
    };
    let finished = tokio::time::timeout(timeout, collect).await;
    // The group is the command's alone: what it left running ends with it.
    process_group::kill_group(group);
    output.flush(passthrough);
    let mut run = CommandRun {
        duration: started.elapsed(),
        tail: output.tail(),
        ..CommandRun::default()
    };
    match finished {
        Ok(Ok(status)) => {
            run.exit_code = status.code();
            run.signal = process_group::ended_by_signal(&status);
        }
        Ok(Err(e)) => run.not_started = Some(format!("could not wait for {program}: {e}")),
        Err(_) => run.timed_out = true,
    }
    run
}

fn not_started(reason: &str, started: Instant) -> CommandRun {
    CommandRun {
        not_started: Some(reason.to_string()),
        duration: started.elapsed(),
        ..CommandRun::default()
    }
}

/// The output seen so far: a bounded tail of whole lines, and the line being
/// assembled on each stream (stdout, stderr), kept apart so that a partial
/// line on one never splices into a line of the other.
#[derive(Default)]
struct Output {
    tail: std::collections::VecDeque<u8>,
    lines: [Vec<u8>; 2],
}

impl Output {
    fn push(&mut self, stream: usize, bytes: &[u8], passthrough: &mut (dyn FnMut(&str) + Send)) {
        for byte in bytes {
            self.lines[stream].push(*byte);
            if *byte == b'\n' || self.lines[stream].len() >= LINE_LIMIT {
                self.finish_line(stream, passthrough);
            }
        }
    }

    fn finish_line(&mut self, stream: usize, passthrough: &mut (dyn FnMut(&str) + Send)) {
        let line = std::mem::take(&mut self.lines[stream]);
        passthrough(&String::from_utf8_lossy(&line));
        self.tail.extend(line);
        let excess = self.tail.len().saturating_sub(TAIL_LIMIT);
        self.tail.drain(..excess);
    }

    fn flush(&mut self, passthrough: &mut (dyn FnMut(&str) + Send)) {
        for stream in 0..self.lines.len() {
            if !self.lines[stream].is_empty() {
                self.finish_line(stream, passthrough);
            }
        }
    }

    fn tail(&self) -> String {
        let (a, b) = self.tail.as_slices();
        String::from_utf8_lossy(&[a, b].concat()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Vec<(String, String)> {
        vec![("PATH".into(), "/usr/bin:/bin".into())]
    }

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[tokio::test]
    async fn output_passes_through_and_its_tail_is_kept() {
        let mut lines = Vec::new();
        let run = run(
            &argv(&["sh", "-c", "echo one; echo two >&2; printf three; exit 3"]),
            &env(),
            Duration::from_secs(10),
            &mut |line: &str| lines.push(line.to_string()),
        )
        .await;
        assert_eq!(run.exit_code, Some(3));
        assert!(!run.timed_out);
        // stdout and stderr are two pipes: their order relative to each
        // other is not defined, each one's own order is, and a line of one
        // is never spliced into a line of the other.
        let lines: Vec<&str> = lines.iter().map(|l| l.trim_end_matches('\n')).collect();
        for word in ["one", "two", "three"] {
            assert!(
                run.tail.lines().any(|l| l == word),
                "{word} in {:?}",
                run.tail
            );
            assert!(lines.contains(&word), "{word} in {lines:?}");
        }
        let stdout: Vec<&str> = lines.iter().copied().filter(|l| *l != "two").collect();
        assert_eq!(stdout, ["one", "three"]);
        assert_eq!(lines.len(), 3);
    }

    #[tokio::test]
    async fn a_partial_line_on_stdout_never_splices_into_an_error_line() {
        let run = run(
            &argv(&[
                "sh",
                "-c",
                "printf 'progress '; sleep 0.1; echo 'Error: boom' >&2; sleep 0.1; echo done",
            ]),
            &env(),
            Duration::from_secs(10),
            &mut |_: &str| {},
        )
        .await;
        let lines: Vec<&str> = run.tail.lines().collect();
        assert!(lines.contains(&"Error: boom"), "{lines:?}");
        assert!(lines.contains(&"progress done"), "{lines:?}");
    }

    #[tokio::test]
    async fn a_hanging_command_is_killed_at_the_bound() {
        let started = Instant::now();
        let run = run(
            &argv(&["sh", "-c", "sleep 30"]),
            &env(),
            Duration::from_millis(300),
            &mut |_: &str| {},
        )
        .await;
        assert!(run.timed_out);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_missing_program_is_not_started() {
        let run = run(
            &argv(&["/nonexistent/prog"]),
            &env(),
            Duration::from_secs(5),
            &mut |_: &str| {},
        )
        .await;
        assert!(run.not_started.is_some());
        assert_eq!(run.exit_code, None);
    }

    #[test]
    fn the_tail_is_bounded() {
        let mut output = Output::default();
        let chunk = vec![b'x'; 10_000];
        for _ in 0..20 {
            output.push(0, &chunk, &mut |_: &str| {});
        }
        output.flush(&mut |_: &str| {});
        assert_eq!(output.tail().len(), TAIL_LIMIT);
    }
}
