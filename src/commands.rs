//! What each subcommand does, between parsed arguments and printed output.

use crate::cli::{
    CheckArgs, PlaybooksCommand, ResolveArgs, RunArgs, S3Command, Selection, Situation,
};
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::playbook::load::{load_all, Library};
use crate::playbook::validate::check_paths;
use crate::probes::chain::rfc3339;
use crate::probes::providers::provider_name;
use crate::report::{human, json, markdown, style};
use crate::text::mask::mask_key_id;
use crate::text::output::{eprint_line, print_line, print_report};
use aws_credential_types::provider::ProvideCredentials;
use std::collections::BTreeMap;
use std::path::PathBuf;
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
    let progress: crate::sweep::Progress = if std::io::stderr().is_terminal() {
        Arc::new(|done, total| {
            write_or_exit(Stream::Stderr, &view::progress_line(done, total), false)
        })
    } else {
        Arc::new(|_, _| {})
    };
    let report = crate::sweep::sweep(env, &options, progress).await;
    if std::io::stderr().is_terminal() {
        write_or_exit(Stream::Stderr, view::CLEAR_PROGRESS, false);
    }
    let colour = !args.format.json && !args.format.markdown && style::colour_enabled();
    let text = if args.format.json {
        view::json_lines(&report)
    } else if args.format.markdown {
        view::markdown(&report)
    } else {
        view::human(&report, style::Painter { enabled: colour })
    };
    // The sweep's scrubber knows every secret in the files; scrub once more here.
    print_report(&report.scrub(text.trim_end_matches('\n')), colour);
    report.exit_code()
}

/// The request both `check` and `run` start from. A pasted error may quote a
/// secret credwiz does not know by value, so it is scrubbed on the way in.
fn request_for(selection: &Selection, situation: &Situation, inputs: &Inputs) -> DiagnoseRequest {
    DiagnoseRequest {
        profile: selection.profile.clone(),
        region: selection.region.clone(),
        offline: situation.offline,
        error_text: situation
            .error_text
            .as_deref()
            .map(|t| inputs.scrubber.scrub_untrusted(t)),
        s3_request: situation.s3.s3_request.clone(),
        s3_bucket: situation.s3.s3_bucket.clone(),
        s3_key: situation.s3.s3_key.clone(),
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
            _ => value.to_string(),
        };
        out.push_str(&format!("  {name}={shown}\n"));
    }
    out
}

/// `credwiz resolve`: the SDK's default chain, untouched.
pub async fn resolve(args: &ResolveArgs) -> i32 {
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.profile.as_deref());
    // The SDK's chain would wait forever on such a file; say so instead.
    let plan_hazard = crate::inputs::hazards::profile_source(&inputs.env, &inputs.plan);
    if let Some(hang) = crate::inputs::hazards::shared_files(&inputs.files)
        .or(plan_hazard)
        .or_else(|| crate::inputs::hazards::web_identity_env(&inputs.env))
    {
        eprint_line(&format!("credwiz: {}", hang.describe()));
        return 1;
    }
    // A console login due for a refresh would be refreshed and its cache
    // rewritten under ~/.aws by the SDK's chain; credwiz never writes there.
    let env_keys_win = inputs.env.get_nonblank("AWS_ACCESS_KEY_ID").is_some()
        && inputs.env.get_nonblank("AWS_SECRET_ACCESS_KEY").is_some();
    // Nor may its signer be handed a key it panics on (a role's source key).
    if let Some(why) = (!env_keys_win)
        .then(|| {
            crate::probes::chain::profile_must_not_run(
                &inputs.env,
                &inputs.files,
                &inputs.plan,
                std::time::SystemTime::now(),
            )
        })
        .flatten()
    {
        eprint_line(&format!(
            "credwiz: {why}; `credwiz check --profile {}` shows the fix",
            crate::text::shell::quote(&inputs.plan.profile)
        ));
        return 1;
    }
    let mut builder = aws_config::default_provider::credentials::DefaultCredentialsChain::builder();
    if let Some(profile) = &args.profile {
        builder = builder.profile_name(profile);
    }
    let chain = builder.build().await;
    let result = chain.provide_credentials().await;
    let (value, code) = match &result {
        Ok(creds) => (
            serde_json::json!({
                "provider": provider_name(creds),
                "access_key_id": mask_key_id(creds.access_key_id()),
                "expires_at": creds.expiry().map(rfc3339),
                "error": null,
            }),
            0,
        ),
        Err(err) => (
            serde_json::json!({
                "provider": null,
                "access_key_id": null,
                "expires_at": null,
                "error": crate::text::mask::concise_error(&inputs.scrubber.scrub_untrusted(&format!(
                    "{}",
                    aws_smithy_types::error::display::DisplayErrorContext(err)
                ))),
            }),
            1,
        ),
    };
    if args.json {
        print_line(&serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        match result {
            Ok(_) => print_line(&format!(
                "The SDK's default chain resolved {} via {}",
                value["access_key_id"].as_str().unwrap_or("?"),
                value["provider"].as_str().unwrap_or("?")
            )),
            Err(_) => print_line(&format!(
                "The SDK's default chain failed: {}",
                value["error"].as_str().unwrap_or("?")
            )),
        }
    }
    code
}

/// Loads every playbook; prints the problems of broken ones (never silently
/// skipped) and goes on with the rest.
fn library(extra: &[PathBuf]) -> Library {
    match load_all(extra, |k| std::env::var(k).ok()) {
        Ok(library) => library,
        Err(report) => {
            eprint_line(&format!(
                "credwiz: some playbooks were not loaded:\n{report}"
            ));
            report.library
        }
    }
}

/// `credwiz run`: the playbook walk without the TUI.
pub async fn run(args: &RunArgs, extra: &[PathBuf]) -> i32 {
    let library = library(extra);
    let Some(playbook) = library.get(&args.playbook) else {
        let ids: Vec<&str> = library.iter().map(|p| p.id.as_str()).collect();
        eprint_line(&format!(
            "credwiz: no playbook '{}'; known: {}",
            args.playbook,
            ids.join(", ")
        ));
        return 2;
    };
    let answers = match parse_answers(&args.answers) {
        Ok(answers) => answers,
        Err(message) => {
            eprint_line(&format!("credwiz: {message}"));
            return 2;
        }
    };
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
    let request = request_for(&args.selection, &args.situation, &inputs);
    let diagnosis = diagnose(&request, &inputs).await;
    let report = crate::engine::walk::walk(playbook, &diagnosis, &answers, args.accept_detected);
    let text = if args.format.json {
        serde_json::to_string_pretty(&serde_json::json!({ "walk": report, "check": diagnosis }))
            .unwrap_or_default()
    } else {
        crate::report::runbook::render(&report, args.format.markdown)
    };
    print_line(&inputs.scrubber.scrub(&text));
    if report.stopped_at.is_some() {
        eprint_line("credwiz: stopped at a question with no --answer (exit 3)");
    }
    report.exit_code()
}

/// `credwiz playbooks ...`.
pub fn playbooks(command: &PlaybooksCommand, extra: &[PathBuf]) -> i32 {
    match command {
        PlaybooksCommand::Check { paths } => {
            let problems = if paths.is_empty() {
                match load_all(extra, |k| std::env::var(k).ok()) {
                    Ok(_) => Vec::new(),
                    Err(report) => report.problems,
                }
            } else {
                check_paths(paths)
            };
            for problem in &problems {
                print_line(&problem.to_string());
            }
            if problems.is_empty() {
                print_line("all playbooks are valid");
                0
            } else {
                print_line(&format!("{} problem(s)", problems.len()));
                1
            }
        }
        PlaybooksCommand::List => {
            for playbook in library(extra).iter() {
                print_line(&format!("{:<28} {}", playbook.id, playbook.title));
            }
            0
        }
    }
}

/// `credwiz s3 ...`.
pub async fn s3(command: &S3Command) -> i32 {
    match command {
        S3Command::Inspect(args) => s3_inspect(args),
        S3Command::Probe(args) => {
            let inputs = Inputs::gather(EnvSnapshot::capture(), args.selection.profile.as_deref());
            let request = DiagnoseRequest {
                profile: args.selection.profile.clone(),
                region: args.selection.region.clone(),
                ..DiagnoseRequest::default()
            };
            let region = inputs.region(&request);
            let inspection = crate::evidence::walk_chain(&request, &inputs, region.as_ref()).await;
            let (Some(credentials), Some(resolved)) =
                (inspection.credentials.clone(), inspection.resolved.clone())
            else {
                eprint_line("credwiz: no credentials resolved; run `credwiz check` to see why");
                return 1;
            };
            let target = crate::probes::s3::S3Target {
                bucket: args.bucket.clone(),
                key: args.key.clone(),
                region: region.map(|r| r.value),
            };
            let mut probe = crate::probes::s3::probe(credentials, &inputs.env, &target).await;
            probe.findings = crate::rules::s3_probe::findings(&probe, &resolved.access_key_id);
            let text = if args.json {
                serde_json::to_string_pretty(&probe).unwrap_or_default()
            } else {
                let mut out = format!(
                    "S3 probe of {} with {} ({})\n",
                    probe.endpoint, resolved.access_key_id, resolved.provider
                );
                for c in &probe.calls {
                    out.push_str(&format!(
                        "  [{}] {:<11} {}\n",
                        if c.ok { "✓" } else { "✗" },
                        c.operation,
                        if c.ok {
                            "ok".to_string()
                        } else {
                            format!(
                                "{} {}",
                                c.code.as_deref().unwrap_or("error"),
                                c.message.as_deref().unwrap_or("")
                            )
                        }
                    ));
                }
                for f in &probe.findings {
                    out.push_str(&format!(
                        "  [{}] {}  ({})\n      {}\n      fix: {}\n",
                        f.severity.mark(),
                        f.title,
                        f.id,
                        f.evidence,
                        f.fix
                    ));
                }
                out
            };
            print_line(&inputs.scrubber.scrub(&text));
            i32::from(crate::findings::has_errors(&probe.findings))
        }
    }
}

/// `credwiz s3 inspect`: offline analysis of one request.
fn s3_inspect(args: &crate::cli::S3InspectArgs) -> i32 {
    use crate::inputs::s3::S3Request;
    use crate::report::s3 as report;
    use crate::rules::s3::inspection::inspect;
    let request = match (&args.curl, &args.url) {
        (Some(command), _) => S3Request::from_curl(command),
        (None, Some(url)) => S3Request::from_url(url, &args.headers),
        (None, None) => {
            eprint_line("credwiz: give a URL or --curl '<command>'");
            return 2;
        }
    };
    let request = match request {
        Ok(request) => request,
        Err(e) => {
            eprint_line(&format!("credwiz: {e}"));
            return 2;
        }
    };
    let inspection = inspect(&request, std::time::SystemTime::now());
    let colour = !args.format.json && !args.format.markdown && style::colour_enabled();
    let text = if args.format.json {
        serde_json::to_string_pretty(&report::json(&inspection)).unwrap_or_default()
    } else if args.format.markdown {
        report::markdown(&inspection)
    } else {
        report::human_with(&inspection, style::Painter { enabled: colour })
    };
    // The request's own scrubber knows the signatures and tokens it carried.
    print_report(&request.scrubber().scrub(&text), colour);
    inspection.exit_code()
}

/// Parses `node=option` pairs.
fn parse_answers(pairs: &[String]) -> Result<BTreeMap<String, String>, String> {
    pairs
        .iter()
        .map(|pair| match pair.split_once('=') {
            Some((node, option)) if !node.is_empty() && !option.is_empty() => {
                Ok((node.to_string(), option.to_string()))
            }
            _ => Err(format!("--answer expects node=option, got '{pair}'")),
        })
        .collect()
}
