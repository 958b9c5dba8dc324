//! The user's command (`credwiz check -- COMMAND`) in the reports: the JSON
//! `command` object and the sentences about its run, its replay with the
//! fix's change of environment, and the AWS CLI's own `--debug` source.
//! Every text taken from the command is scrubbed and made inert here.

use crate::diagnosis::Diagnosis;
use crate::findings::EnvEdit;
use crate::inputs::command::aws_debug::DebugSource;
use crate::inputs::command::language::Language;
use crate::probes::user_command::CommandRun;
use crate::text::mask::Scrubber;
use crate::text::sanitize::{sanitize_block, sanitize_line};
use serde::Serialize;

/// How many lines of the end of the output the excerpt keeps.
const EXCERPT_LINES: usize = 30;
/// And at most this many characters.
const EXCERPT_CHARS: usize = 4000;

/// The `command` field of `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct CommandReport {
    pub argv: Vec<String>,
    pub exit_code: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub duration_ms: u128,
    pub error_excerpt: String,
    pub not_started: Option<String>,
    pub language: Language,
    pub replay: Option<ReplayReport>,
    pub aws_debug: Option<DebugReport>,
}

/// The command run again with the fix's change of environment (`--verify`).
#[derive(Debug, Clone, Serialize)]
pub struct ReplayReport {
    pub env_change: Vec<EnvEdit>,
    /// The AWS file a fix was written to before the replay (the wizard's
    /// `f` then `v`), as people know it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_changed: Option<String>,
    /// The finding whose fix the change is.
    pub finding: String,
    pub succeeded: bool,
    pub exit_code: Option<i32>,
    pub timed_out: bool,
    pub duration_ms: u128,
    pub error_excerpt: String,
}

impl ReplayReport {
    /// The report of the replay `run`, made with `edits` (the fix of `finding`).
    pub fn from_run(
        edits: Vec<EnvEdit>,
        finding: &str,
        run: &CommandRun,
        scrubber: &Scrubber,
    ) -> Self {
        ReplayReport {
            env_change: edits,
            file_changed: None,
            finding: finding.to_string(),
            succeeded: run.succeeded(),
            exit_code: run.exit_code,
            timed_out: run.timed_out,
            duration_ms: run.duration.as_millis(),
            error_excerpt: excerpt(&run.tail, scrubber),
        }
    }
}

impl ReplayReport {
    /// The same report, for a replay after a fix written to `shown`.
    pub fn after_file_fix(mut self, shown: Option<String>) -> Self {
        self.file_changed = shown;
        self
    }
}

/// The fix a replay is made with, in words: the change to a file, or the
/// change of environment.
pub fn fix_words(file_changed: Option<&str>, edits: &[EnvEdit]) -> String {
    match file_changed {
        Some(file) => format!("the change to {file}"),
        None => change_words(edits),
    }
}

/// The AWS CLI's `--debug` run: what it logged beside the Python lens.
#[derive(Debug, Clone, Serialize)]
pub struct DebugReport {
    pub logged: Option<DebugSource>,
    /// The Python lens's provider (botocore's method name), for comparison.
    pub predicted: Option<String>,
}

/// What the wizard starts with on `credwiz -- COMMAND` (handed from
/// `commands` to `tui`, which may not refer to each other): the command's
/// output as the pasted error, the program that ran, and the command for `v`.
#[derive(Debug, Clone)]
pub struct WizardStart {
    pub text: String,
    pub program: Option<crate::inputs::program::Program>,
    pub argv: Vec<String>,
    /// The words as shown: scrubbed and inert.
    pub shown: Vec<String>,
    pub timeout: std::time::Duration,
}

/// The argv as shown: each word scrubbed and inert.
pub fn shown_argv(argv: &[String], scrubber: &Scrubber) -> Vec<String> {
    argv.iter()
        .map(|word| sanitize_line(&scrubber.scrub_untrusted(word)).into_owned())
        .collect()
}

/// The argv as one shell-quoted line (its words already from [`shown_argv`]).
pub fn argv_line(shown: &[String]) -> String {
    shown
        .iter()
        .map(|w| crate::text::shell::quote(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The end of the output, scrubbed and inert: what the report quotes.
pub fn excerpt(tail: &str, scrubber: &Scrubber) -> String {
    let lines: Vec<&str> = tail.lines().collect();
    let start = lines.len().saturating_sub(EXCERPT_LINES);
    let text = lines[start..].join("\n");
    let text = scrubber.scrub_untrusted(text.trim());
    let cut: String = {
        let count = text.chars().count();
        text.chars()
            .skip(count.saturating_sub(EXCERPT_CHARS))
            .collect()
    };
    sanitize_block(&cut).into_owned()
}

impl CommandReport {
    /// The report of one run of `argv`.
    pub fn new(argv: &[String], run: &CommandRun, language: Language, scrubber: &Scrubber) -> Self {
        CommandReport {
            argv: shown_argv(argv, scrubber),
            exit_code: run.exit_code,
            signal: run.signal,
            timed_out: run.timed_out,
            duration_ms: run.duration.as_millis(),
            error_excerpt: excerpt(&run.tail, scrubber),
            not_started: run
                .not_started
                .as_deref()
                .map(|r| sanitize_line(&scrubber.scrub_untrusted(r)).into_owned()),
            language,
            replay: None,
            aws_debug: None,
        }
    }
}

/// `AWS_PROFILE=dev` / `AWS_ACCESS_KEY_ID unset`, joined: the change in words.
pub fn change_words(edits: &[EnvEdit]) -> String {
    edits
        .iter()
        .map(|edit| match edit {
            EnvEdit::Set { name, value } => {
                format!(
                    "{name}={}",
                    crate::text::shell::quote(&sanitize_line(value))
                )
            }
            EnvEdit::Unset { name } => format!("{name} unset"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The replay as a command line, shown before it runs (`env -u X A=b cmd`).
pub fn replay_line(edits: &[EnvEdit], argv: &[String]) -> String {
    let mut words = vec!["env".to_string()];
    for edit in edits {
        match edit {
            EnvEdit::Unset { name } => words.push(format!("-u {name}")),
            EnvEdit::Set { name, value } => words.push(format!(
                "{name}={}",
                crate::text::shell::quote(&sanitize_line(value))
            )),
        }
    }
    words.extend(
        argv.iter()
            .map(|w| crate::text::shell::quote(w).into_owned()),
    );
    words.join(" ")
}

/// How the command ended, in words.
pub fn ending(report: &CommandReport, timeout_secs: u64) -> String {
    let took = format!("{:.1} s", report.duration_ms as f64 / 1000.0);
    if let Some(reason) = &report.not_started {
        return format!("your command did not start: {reason}");
    }
    if report.timed_out {
        return format!("your command was still running after {timeout_secs} s; it was stopped (its whole process group killed)");
    }
    match (report.exit_code, report.signal) {
        (Some(0), _) => format!("your command worked; nothing to diagnose (exit 0, {took})"),
        (Some(code), _) => format!("your command failed (exit {code}, {took})"),
        (None, Some(signal)) => format!("your command was ended by signal {signal} ({took})"),
        (None, None) => format!("your command ended ({took})"),
    }
}

/// The lines about the command that lead the human report.
pub fn human_lines(report: &CommandReport, timeout_secs: u64) -> String {
    let mut out = format!("Your command: {}\n", argv_line(&report.argv));
    out.push_str(&format!("  {}\n", ending(report, timeout_secs)));
    let lens = match report.language.sdk {
        Some(sdk) => format!("{} ({})", sdk.label(), report.language.basis),
        None => format!(
            "not known ({}); the report follows aws-config",
            report.language.basis
        ),
    };
    out.push_str(&format!("  language: {lens}\n"));
    if report.exit_code != Some(0) && !report.error_excerpt.is_empty() {
        out.push_str("  its last lines, read as your error:\n");
        out.push_str(&indented_tail(&report.error_excerpt));
    }
    out
}

/// The last eight lines of an excerpt, indented under the sentence they follow.
fn indented_tail(excerpt: &str) -> String {
    let lines: Vec<&str> = excerpt.lines().collect();
    lines[lines.len().saturating_sub(8)..]
        .iter()
        .map(|line| format!("    {line}\n"))
        .collect()
}

/// The result of the replay, in words.
pub fn replay_lines(replay: &ReplayReport) -> String {
    let with = fix_words(replay.file_changed.as_deref(), &replay.env_change);
    if replay.succeeded {
        return format!("Replay: with {with} your command succeeds: the fix works.\n");
    }
    let how = if replay.timed_out {
        "was still running at the time limit".to_string()
    } else {
        match replay.exit_code {
            Some(code) => format!("still fails (exit {code})"),
            None => "still fails".to_string(),
        }
    };
    let mut out = format!("Replay: with {with} your command {how}; it printed:\n");
    out.push_str(&indented_tail(&replay.error_excerpt));
    out
}

/// The AWS CLI's logged source beside the lens's prediction.
pub fn debug_lines(debug: &DebugReport) -> String {
    let predicted = debug.predicted.as_deref().unwrap_or("no credentials");
    match &debug.logged {
        Some(logged) => format!(
            "AWS CLI --debug: found credentials {}{}; credwiz's Python lens predicted {predicted}\n",
            logged.found.as_deref().unwrap_or("(no \"Found credentials\" line)"),
            if logged.features.is_empty() {
                String::new()
            } else {
                format!(" (User-Agent: {})", logged.features.join(", "))
            }
        ),
        None => format!("AWS CLI --debug: its log names no credential source; credwiz's Python lens predicted {predicted}\n"),
    }
}

/// The resolved credentials, for a command that worked.
pub fn worked_lines(d: &Diagnosis) -> String {
    match &d.resolved {
        Some(r) => format!(
            "Resolved credentials: {} from {}, key {}{}\n",
            r.provider,
            r.source,
            r.access_key_id,
            d.identity
                .as_ref()
                .map(|id| format!(", identity {}", id.arn))
                .unwrap_or_default()
        ),
        None => "Resolved credentials: aws-config resolves none here; your program found its own\n"
            .into(),
    }
}
