//! `credwiz check -- COMMAND` and `credwiz run -- COMMAND`: run the user's
//! failing command, read its error as a paste would be read, lead with the
//! lens its language calls for, and, only when asked, replay it with the
//! fix's change of environment (`--verify`) or rerun the AWS CLI with
//! `--debug` (`--aws-debug`).
//!
//! The command's own output passes through to credwiz's standard error as
//! it runs (so `--json` on stdout stays one document), each line scrubbed of
//! secrets and made inert, like every other text credwiz shows.

use crate::cli::{Situation, UserCommandArgs};
use crate::diagnosis::Diagnosis;
use crate::findings::{EnvEdit, Finding};
use crate::inputs::command::{aws_debug, language};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::Inputs;
use crate::probes::user_command::{self, CommandRun};
use crate::report::command::{self as view, CommandReport, DebugReport, ReplayReport};
use crate::text::mask::Scrubber;
use crate::text::output::eprint_line;
use std::time::Duration;

/// The command's first run, before any diagnosis.
pub(super) struct FirstRun {
    pub argv: Vec<String>,
    pub run: CommandRun,
    pub report: CommandReport,
}

impl FirstRun {
    /// The situation the diagnosis reads: the command's output as the error
    /// text (unless `--error-text` was given) and its language as the lens
    /// (unless `--sdk` was given).
    pub fn situation(&self, given: &Situation) -> Situation {
        let mut situation = given.clone();
        if situation.error_text.is_none() && !self.run.succeeded() {
            situation.error_text = Some(self.run.tail.clone()).filter(|t| !t.trim().is_empty());
        }
        situation.sdk = situation.sdk.or(self.report.language.sdk);
        situation
    }
}

/// Runs the command once, its output passed through (scrubbed) to stderr.
pub(super) async fn first_run(args: &UserCommandArgs, inputs: &Inputs) -> FirstRun {
    let argv = args.command.clone();
    let language = language::detect(&argv, inputs.env.get("PATH"));
    let shown = view::argv_line(&view::shown_argv(&argv, &inputs.scrubber));
    eprint_line(&format!(
        "credwiz: running your command: {shown}   (at most {} s; its output follows)",
        args.command_timeout
    ));
    let run = run_once(&argv, env_pairs(&inputs.env), args, &inputs.scrubber).await;
    let report = CommandReport::new(&argv, &run, language, &inputs.scrubber);
    eprint_line(&format!(
        "credwiz: {}",
        view::ending(&report, args.command_timeout)
    ));
    FirstRun { argv, run, report }
}

async fn run_once(
    argv: &[String],
    env: Vec<(String, String)>,
    args: &UserCommandArgs,
    scrubber: &Scrubber,
) -> CommandRun {
    let timeout = Duration::from_secs(args.command_timeout.max(1));
    let mut passthrough = |line: &str| {
        let clean = scrubber.scrub_untrusted(line.trim_end_matches(['\n', '\r']));
        eprint_line(&format!(
            "  │ {}",
            crate::text::sanitize::sanitize_line(&clean)
        ));
    };
    user_command::run(argv, &env, timeout, &mut passthrough).await
}

fn env_pairs(env: &EnvSnapshot) -> Vec<(String, String)> {
    env.all()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The finding whose fix is a change of environment, among `candidates`
/// in the order they lead.
pub(super) fn replayable<'d>(
    mut candidates: impl Iterator<Item = &'d Finding>,
) -> Option<&'d Finding> {
    candidates.find(|f| !f.env_change.is_empty())
}

/// `--verify`: the replay, shown before it runs. None when no fix of the
/// report is a change of environment (then it says so).
pub(super) async fn replay(
    first: &FirstRun,
    finding: Option<&Finding>,
    args: &UserCommandArgs,
    inputs: &Inputs,
) -> Option<ReplayReport> {
    let Some(finding) = finding else {
        eprint_line("credwiz: --verify: no fix in this report is a change of environment, so there is nothing to replay");
        return None;
    };
    let edits = finding.env_change.clone();
    let mut env = env_pairs(&inputs.env);
    EnvEdit::apply(&edits, &mut env);
    let line = view::replay_line(&edits, &view::shown_argv(&first.argv, &inputs.scrubber));
    eprint_line(&format!(
        "credwiz: replaying your command with the fix of {} ({}): {line}",
        finding.id,
        view::change_words(&edits)
    ));
    let run = run_once(&first.argv, env, args, &inputs.scrubber).await;
    Some(ReplayReport::from_run(
        edits,
        finding.id.as_str(),
        &run,
        &inputs.scrubber,
    ))
}

/// `--aws-debug`: the AWS CLI run again with `--debug`; its log is read,
/// not shown.
pub(super) async fn aws_debug_run(
    first: &FirstRun,
    diagnosis: &Diagnosis,
    args: &UserCommandArgs,
    inputs: &Inputs,
) -> Option<DebugReport> {
    if !args.aws_debug {
        if first.report.language.aws_cli {
            eprint_line("credwiz: your command is the AWS CLI: add --aws-debug to rerun it with --debug and see the credential source it really used");
        }
        return None;
    }
    if !first.report.language.aws_cli {
        eprint_line("credwiz: --aws-debug: your command is not the AWS CLI; nothing rerun");
        return None;
    }
    let mut argv = first.argv.clone();
    argv.push("--debug".into());
    eprint_line(&format!(
        "credwiz: rerunning the AWS CLI with --debug: {}",
        view::argv_line(&view::shown_argv(&argv, &inputs.scrubber))
    ));
    let timeout = Duration::from_secs(args.command_timeout.max(1));
    // The log is long: keep only the lines that can name the source.
    let mut kept = String::new();
    let mut keep = |line: &str| {
        if line.contains("Found credentials") || line.contains("m/") {
            kept.push_str(line);
        }
    };
    user_command::run(&argv, &env_pairs(&inputs.env), timeout, &mut keep).await;
    Some(DebugReport {
        logged: aws_debug::read(&kept),
        predicted: diagnosis.sdks.python.provider.clone(),
    })
}
