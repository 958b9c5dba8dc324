//! Runs a profile's `credential_process` the way the SDK does (`sh -c`), but
//! bounded: aws-config waits for the program forever, so a hanging helper
//! would hang the diagnosis too. The program runs in its own process group,
//! and the whole group (`sh`, the helper, and whatever the helper started) is
//! killed at the time limit. Its output is read up to [`OUTPUT_LIMIT`].

use crate::text::mask::Scrubber;
use std::process::Stdio;
use std::time::{Duration, SystemTime};
use tokio::io::AsyncReadExt;

/// The most credwiz reads of the program's stdout and of its stderr.
pub const OUTPUT_LIMIT: u64 = 1024 * 1024;

/// Default time limit for the program.
pub const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(10);

/// What the program did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessOutcome {
    /// Valid credentials JSON.
    Ok {
        access_key_id: String,
        expiration: Option<String>,
        expired: bool,
    },
    /// Could not start.
    NotStarted { reason: String },
    /// Still running at the limit; killed.
    TimedOut { after: Duration },
    /// Exited non-zero; stderr already scrubbed.
    Failed { exit: String, stderr: String },
    /// Exited zero but printed something that is not credentials JSON.
    BadOutput {
        problem: String,
        /// What is wrong, for the SDK lenses (each SDK raises its own error).
        kind: OutputProblem,
    },
}

/// What is wrong with a credential process's output, in the terms the SDKs'
/// own checks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputProblem {
    /// Not JSON at all.
    NotJson,
    /// `Version` missing or not 1.
    Version,
    /// `Version` is 1.0 or `true`: botocore (`!= 1`) and Node (`!== 1`, for
    /// 1.0) accept it where credwiz's check does not.
    OddVersion,
    /// `AccessKeyId` or `SecretAccessKey` absent.
    MissingKey,
    /// `AccessKeyId` or `SecretAccessKey` present but empty or not a string.
    EmptyKey,
    /// `Expiration` is not an RFC 3339 time.
    Expiration,
}

/// Whether the first word of a credential_process command names a program
/// a caller that runs it without a shell would find (botocore splits the
/// command and executes its first word, searching `PATH`; aws-config and
/// Node hand the whole line to `sh -c`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramLookup {
    Found,
    Missing {
        program: String,
    },
    /// The command does not split into words (an unbalanced quote).
    Unsplittable,
}

/// Looks up the first word of `command` the way `execvp` does with `path`
/// (the `PATH` the program would get).
pub fn look_up_program(command: &str, path: Option<&str>) -> ProgramLookup {
    let Ok(words) = shell_words::split(command) else {
        return ProgramLookup::Unsplittable;
    };
    let Some(program) = words.into_iter().next() else {
        return ProgramLookup::Unsplittable;
    };
    let is_file = |p: &std::path::Path| p.is_file();
    let found = if program.contains('/') {
        is_file(std::path::Path::new(&program))
    } else {
        path.unwrap_or("/bin:/usr/bin")
            .split(':')
            .map(|dir| if dir.is_empty() { "." } else { dir })
            .any(|dir| is_file(&std::path::Path::new(dir).join(&program)))
    };
    if found {
        ProgramLookup::Found
    } else {
        ProgramLookup::Missing { program }
    }
}

/// Runs `command` with a time limit and checks its output.
pub async fn run(command: &str, timeout: Duration, scrubber: &Scrubber) -> ProcessOutcome {
    // The shell aws-config runs the command with: `sh -c`, `cmd.exe /C` on Windows.
    #[cfg(unix)]
    let mut shell = tokio::process::Command::new("sh");
    #[cfg(unix)]
    shell.args(["-c", command]);
    #[cfg(not(unix))]
    let mut shell = tokio::process::Command::new("cmd.exe");
    #[cfg(not(unix))]
    shell.args(["/C", command]);
    super::process_group::lead_own_group(&mut shell);
    let mut child = match shell
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            return ProcessOutcome::NotStarted {
                reason: e.to_string(),
            }
        }
    };
    let group = child.id();
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        super::process_group::kill_group(group);
        return ProcessOutcome::NotStarted {
            reason: "could not capture the program's output".into(),
        };
    };
    let collect = async {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let (mut stdout, mut stderr) = (stdout.take(OUTPUT_LIMIT), stderr.take(OUTPUT_LIMIT));
        let (r1, r2) = tokio::join!(stdout.read_to_end(&mut out), stderr.read_to_end(&mut err));
        let status = child.wait().await;
        (r1.and(r2).and(status), out, err)
    };
    let finished = tokio::time::timeout(timeout, collect).await;
    // The group is the helper's alone: whatever is still in it (a child it
    // left running in the background, or the helper itself at the limit,
    // where kill_on_drop would end `sh` alone) ends with the run.
    super::process_group::kill_group(group);
    let (status, out, err) = match finished {
        Ok((Ok(status), out, err)) => (status, out, err),
        Ok((Err(e), _, _)) => {
            return ProcessOutcome::NotStarted {
                reason: e.to_string(),
            }
        }
        Err(_) => return ProcessOutcome::TimedOut { after: timeout },
    };
    let stdout_text = String::from_utf8_lossy(&out).into_owned();
    if !status.success() {
        // Whatever the program printed may hold its secrets: scrub them from
        // stderr too, beside the files' (kept apart: a sweep has thousands).
        let mut own = Scrubber::default();
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&stdout_text) {
            for key in ["SecretAccessKey", "SessionToken"] {
                if let Some(secret) = json.get(key).and_then(|v| v.as_str()) {
                    own.add(secret);
                }
            }
        }
        // The program's own secrets are unknown to credwiz; hide anything shaped like one.
        let stderr = scrubber.scrub_untrusted_also(&own, String::from_utf8_lossy(&err).trim());
        return ProcessOutcome::Failed {
            exit: status.to_string(),
            stderr,
        };
    }
    validate_output(&stdout_text, SystemTime::now())
}

/// Checks the JSON a credential process printed against the documented shape.
pub fn validate_output(text: &str, now: SystemTime) -> ProcessOutcome {
    let json: serde_json::Value = match serde_json::from_str(text.trim()) {
        Ok(json) => json,
        Err(e) => {
            return ProcessOutcome::BadOutput {
                problem: format!(
                    "output is not JSON ({e}); first line: {}",
                    first_line_shape(text)
                ),
                kind: OutputProblem::NotJson,
            }
        }
    };
    match json.get("Version") {
        Some(v) if v.as_i64() == Some(1) => {}
        Some(v) => {
            return ProcessOutcome::BadOutput {
                problem: format!("\"Version\" is {v}, expected 1"),
                kind: if v.as_f64() == Some(1.0) || v.as_bool() == Some(true) {
                    OutputProblem::OddVersion
                } else {
                    OutputProblem::Version
                },
            }
        }
        None => {
            return ProcessOutcome::BadOutput {
                problem: "\"Version\": 1 is missing".into(),
                kind: OutputProblem::Version,
            }
        }
    }
    let field = |name: &str| {
        json.get(name)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    };
    // Absent is the SDKs' "missing required key"; present but empty is not.
    let missing = |name: &str| ProcessOutcome::BadOutput {
        problem: format!("\"{name}\" is missing"),
        kind: if json.get(name).is_none() {
            OutputProblem::MissingKey
        } else {
            OutputProblem::EmptyKey
        },
    };
    let Some(access_key_id) = field("AccessKeyId") else {
        return missing("AccessKeyId");
    };
    if field("SecretAccessKey").is_none() {
        return missing("SecretAccessKey");
    }
    let expiration = field("Expiration").map(str::to_string);
    let expired = match &expiration {
        // aws-config reads a helper's Expiration as any RFC 3339 time
        // (`time`'s Rfc3339): an offset, fractional seconds, a lower-case
        // `t` or `z`; only the SSO cache is held to Smithy's `...Z` form.
        Some(text) => match aws_smithy_types::DateTime::from_str(
            text,
            aws_smithy_types::date_time::Format::DateTimeWithOffset,
        )
        .ok()
        .and_then(|t| SystemTime::try_from(t).ok())
        {
            Some(at) => at <= now,
            None => {
                return ProcessOutcome::BadOutput {
                    problem: format!("\"Expiration\" '{text}' is not an RFC 3339 time"),
                    kind: OutputProblem::Expiration,
                }
            }
        },
        None => false,
    };
    ProcessOutcome::Ok {
        access_key_id: access_key_id.to_string(),
        expiration,
        expired,
    }
}

/// Describes what a non-JSON line looks like without echoing it (it may be a secret).
fn first_line_shape(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        "(empty)".into()
    } else {
        format!(
            "{} characters starting with '{}'",
            line.chars().count(),
            line.chars().next().unwrap_or(' ')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_the_documented_shape() {
        let now = SystemTime::now();
        assert!(matches!(
            validate_output("not json", now),
            ProcessOutcome::BadOutput { .. }
        ));
        assert!(matches!(
            validate_output("{\"Version\": 2}", now),
            ProcessOutcome::BadOutput { .. }
        ));
        assert!(matches!(
            validate_output("{\"Version\": 1, \"AccessKeyId\": \"AKIAX\"}", now),
            ProcessOutcome::BadOutput { problem, .. } if problem.contains("SecretAccessKey")
        ));
        let expired = r#"{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "s", "Expiration": "2001-01-01T00:00:00Z"}"#;
        assert!(matches!(
            validate_output(expired, now),
            ProcessOutcome::Ok { expired: true, .. }
        ));
    }

    #[tokio::test]
    async fn a_hanging_program_is_killed_at_the_limit() {
        let started = std::time::Instant::now();
        let outcome = run("sleep 30", Duration::from_millis(300), &Scrubber::default()).await;
        assert_eq!(
            outcome,
            ProcessOutcome::TimedOut {
                after: Duration::from_millis(300)
            }
        );
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn stderr_is_scrubbed_of_the_programs_own_secrets() {
        let out = run(
            r#"echo '{"SecretAccessKey": "VerySecretValue123"}'; echo 'leaked VerySecretValue123' >&2; exit 3"#,
            Duration::from_secs(5),
            &Scrubber::default(),
        )
        .await;
        match out {
            ProcessOutcome::Failed { stderr, .. } => {
                assert!(!stderr.contains("VerySecretValue123") && stderr.contains("leaked"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
