//! `check` and `run` when a COMMAND follows `--`: the command runs first,
//! then the report is made from what it printed (see `user_command.rs`).

use super::check::request_for;
use super::user_command::{self, FirstRun};
use crate::cli::{CheckArgs, RunArgs};
use crate::diagnosis::{diagnose, DiagnoseRequest, Diagnosis, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::report::command::{self as view, CommandReport};
use crate::report::{human, json, markdown, style};
use crate::text::output::print_report;
use std::time::Duration;

/// `credwiz check [--verify] -- COMMAND`.
pub async fn check(args: &CheckArgs) -> i32 {
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
    let first = user_command::first_run(&args.user_command, &inputs).await;
    let situation = first.situation(&args.situation);
    let request = DiagnoseRequest {
        expect_account: args.expect_account.clone(),
        sdk_timeouts: args.sdk_timeouts,
        process_timeout: Some(Duration::from_secs(args.process_timeout)),
        ..request_for(&args.selection, &situation, &inputs)
    };
    let diagnosis = diagnose(&request, &inputs).await;
    let mut report = first.report.clone();
    let worked = first.run.succeeded();
    if !worked {
        report.aws_debug =
            user_command::aws_debug_run(&first, &diagnosis, &args.user_command, &inputs).await;
        if args.user_command.verify {
            let leading = crate::engine::shortcut::problems(&diagnosis);
            let finding = user_command::replayable(leading);
            report.replay =
                user_command::replay(&first, finding, &args.user_command, &inputs).await;
        }
    }
    let colour = !args.format.json && !args.format.markdown && style::colour_enabled();
    let text = if args.format.json {
        json::render_with_command(&diagnosis, &report)
    } else {
        let body = if worked {
            view::worked_lines(&diagnosis)
        } else if args.format.markdown {
            markdown::render(&diagnosis)
        } else {
            human::render(&diagnosis, style::Painter { enabled: colour }, args.verbose)
        };
        with_command_lines(&report, args.user_command.command_timeout, body)
    };
    print_report(&inputs.scrubber.scrub(&text), colour);
    exit_code(&first, &diagnosis)
}

/// `credwiz run [--accept-detected] [--verify] -- COMMAND`.
pub async fn run(args: &RunArgs, extra: &[std::path::PathBuf]) -> i32 {
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
    let first = user_command::first_run(&args.user_command, &inputs).await;
    let mut report = first.report.clone();
    if first.run.succeeded() {
        let request = request_for(&args.selection, &args.situation, &inputs);
        let diagnosis = diagnose(&request, &inputs).await;
        let text = if args.format.json {
            json::render_with_command(&diagnosis, &report)
        } else {
            with_command_lines(
                &report,
                args.user_command.command_timeout,
                view::worked_lines(&diagnosis),
            )
        };
        print_report(&inputs.scrubber.scrub(&text), false);
        return 0;
    }
    let mut walked_args = args.clone();
    walked_args.situation = first.situation(&args.situation);
    let walked = match super::run::walked(&walked_args, extra, &inputs).await {
        Ok(walked) => walked,
        Err(code) => return code,
    };
    report.aws_debug =
        user_command::aws_debug_run(&first, &walked.diagnosis, &args.user_command, &inputs).await;
    if args.user_command.verify {
        // The change of the fix the walk ended on, else of the report's lead.
        let ended_on = walked.conclusion_findings();
        let finding = user_command::replayable(
            walked
                .diagnosis
                .findings
                .iter()
                .filter(|f| ended_on.iter().any(|id| id == f.id.as_str())),
        )
        .or_else(|| user_command::replayable(crate::engine::shortcut::problems(&walked.diagnosis)));
        report.replay = user_command::replay(&first, finding, &args.user_command, &inputs).await;
    }
    let text = if args.format.json {
        let mut value = walked.json_value();
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "command".into(),
                serde_json::to_value(&report).unwrap_or_default(),
            );
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    } else {
        with_command_lines(
            &report,
            args.user_command.command_timeout,
            walked.text(&walked_args),
        )
    };
    crate::text::output::print_line(&inputs.scrubber.scrub(&text));
    walked.exit_code()
}

/// The command's lines, the report, then the replay and the CLI's own log.
fn with_command_lines(report: &CommandReport, timeout: u64, body: String) -> String {
    let mut out = view::human_lines(report, timeout);
    out.push('\n');
    out.push_str(&body);
    if let Some(debug) = &report.aws_debug {
        out.push('\n');
        out.push_str(&view::debug_lines(debug));
    }
    if let Some(replay) = &report.replay {
        out.push('\n');
        out.push_str(&view::replay_lines(replay));
    }
    out
}

/// 0 when the command worked; else the diagnosis's code.
fn exit_code(first: &FirstRun, diagnosis: &Diagnosis) -> i32 {
    if first.run.succeeded() {
        0
    } else {
        diagnosis.exit_code()
    }
}
