//! `credwiz check`: one profile or every profile.

use crate::cli::{CheckArgs, Selection, Situation};
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::report::{human, json, markdown, style};
use crate::text::mask::mask_key_id;
use crate::text::output::print_report;
use std::sync::Arc;
use std::time::Duration;

/// `credwiz check`: prints the report, returns the exit code.
pub async fn check(args: &CheckArgs) -> i32 {
    if args.sweep.all_profiles {
        return check_all_profiles(args).await;
    }
    let env = EnvSnapshot::capture();
    let inputs = Inputs::gather(env, args.selection.profile.as_deref());
    let request = DiagnoseRequest {
        expect_account: args.expect_account.clone(),
        sdk_timeouts: args.sdk_timeouts,
        process_timeout: Some(Duration::from_secs(args.process_timeout)),
        ..request_for(&args.selection, &args.situation, &inputs)
    };
    let diagnosis = diagnose(&request, &inputs).await;
    let colour = !args.format.json && !args.format.markdown && style::colour_enabled();
    let text = if args.format.json {
        json::render(&diagnosis)
    } else if args.format.markdown {
        markdown::render(&diagnosis)
    } else {
        let painter = style::Painter { enabled: colour };
        let mut text = human::render(&diagnosis, painter, args.verbose);
        if args.verbose {
            text.push_str(&aws_variables(&inputs.env));
        }
        text
    };
    // One more pass: whatever the renderer added must not carry a secret either.
    print_report(&inputs.scrubber.scrub(&text), colour);
    diagnosis.exit_code()
}

/// `credwiz check --all-profiles`: every profile, a problems-first table.
async fn check_all_profiles(args: &CheckArgs) -> i32 {
    use crate::report::sweep as view;
    use crate::text::output::{write_or_exit, Stream};
    use std::io::IsTerminal;
    let env = EnvSnapshot::capture();
    let request = DiagnoseRequest {
        region: args.selection.region.clone(),
        offline: args.situation.offline,
        expect_account: args.expect_account.clone(),
        sdk_timeouts: args.sdk_timeouts,
        process_timeout: Some(Duration::from_secs(args.process_timeout)),
        ..DiagnoseRequest::default()
    };
    let options = crate::sweep::SweepOptions {
        request,
        jobs: args
            .sweep
            .jobs
            .map_or(crate::sweep::DEFAULT_JOBS, usize::from),
        profile_timeout: Duration::from_secs(args.sweep.profile_timeout.max(1)),
    };
    // The progress line is for a person watching a terminal, never for a pipe.
    let on_terminal = std::io::stderr().is_terminal();
    let progress: crate::sweep::Progress = if on_terminal {
        Arc::new(|done, total| {
            write_or_exit(Stream::Stderr, &view::progress_line(done, total), false)
        })
    } else {
        Arc::new(|_, _| {})
    };
    let sweep = crate::sweep::Sweep::prepare(env, &options).await;
    let colour = !args.format.json && !args.format.markdown && style::colour_enabled();
    let painter = style::Painter { enabled: colour };
    let columns = view::Columns::new(sweep.names(), sweep.source_kinds());
    // Each line passes the sweep's scrubber (every secret in the files).
    let scrubber = sweep.scrubber();
    let print = |text: &str| {
        if on_terminal {
            write_or_exit(Stream::Stderr, view::CLEAR_PROGRESS, false);
        }
        print_report(&scrubber.scrub(text), colour);
    };
    if args.format.markdown {
        print(&view::markdown_header());
    } else if !args.format.json {
        print(&columns.header(painter));
    }
    // Rows go out as profiles finish; only the summary waits for the end.
    let report = sweep
        .run(progress, false, |result| {
            let line = if args.format.json {
                view::json_line(result)
            } else if args.format.markdown {
                view::markdown_row(&crate::sweep::ProfileRow::of(result))
            } else {
                columns.row(&crate::sweep::ProfileRow::of(result), painter)
            };
            print(&line);
        })
        .await;
    if on_terminal {
        write_or_exit(Stream::Stderr, view::CLEAR_PROGRESS, false);
    }
    if args.format.markdown {
        print(&view::markdown_footer(&report));
    } else if !args.format.json {
        print(&view::human_footer(&report, painter));
    }
    report.exit_code()
}

/// The request both `check` and `run` start from. A pasted error may quote a
/// secret credwiz does not know by value, so it is scrubbed on the way in.
pub(super) fn request_for(
    selection: &Selection,
    situation: &Situation,
    inputs: &Inputs,
) -> DiagnoseRequest {
    let error_text = situation
        .error_text
        .as_deref()
        .map(crate::text::sanitize::unix_line_ends);
    DiagnoseRequest {
        profile: selection.profile.clone(),
        region: selection.region.clone(),
        offline: situation.offline,
        allow_refresh: situation.allow_refresh,
        error_text: error_text
            .as_deref()
            .map(|t| inputs.scrubber.scrub_untrusted(t)),
        // Read from the raw text: each fact is cleaned on its own, and an
        // object key must not be lost to the whole-text scrub.
        error_facts: error_text
            .as_deref()
            .map(crate::inputs::error_facts::extract)
            .unwrap_or_default(),
        s3_request: situation.s3.s3_request.clone(),
        s3_bucket: situation.s3.s3_bucket.clone(),
        s3_key: situation.s3.s3_key.clone(),
        sdk: situation.sdk,
        probe_sdk: situation.probe_sdk,
        project_dir: situation.project_dir.clone(),
        ..DiagnoseRequest::default()
    }
}

/// The AWS_* variables with every value that could be secret hidden.
fn aws_variables(env: &EnvSnapshot) -> String {
    let mut out = String::from("\nAWS variables in this environment\n");
    for (name, value) in env.aws_variables() {
        let shown = match name {
            "AWS_ACCESS_KEY_ID" => mask_key_id(value.trim()),
            n if n.contains("SECRET") || n.contains("TOKEN") || n.contains("PASSWORD") => {
                crate::text::mask::describe_secret(value)
            }
            _ => crate::text::sanitize::sanitize_line(value).into_owned(),
        };
        out.push_str(&format!("  {name}={shown}\n"));
    }
    out
}
