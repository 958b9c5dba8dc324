//! `credwiz s3 inspect` and `credwiz s3 probe`.

use crate::cli::S3Command;
use crate::diagnosis::{DiagnoseRequest, Inputs};
use crate::inputs::environment::EnvSnapshot;
use crate::report::style;
use crate::text::output::{eprint_line, eprint_message, print_line, print_report};

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
            let now = std::time::SystemTime::now();
            let inspection =
                crate::evidence::walk_chain(&request, &inputs, region.as_ref(), now).await;
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
                let plain = crate::report::style::Painter { enabled: false };
                for f in &probe.findings {
                    crate::report::blocks::finding_text(&mut out, f, plain);
                }
                out
            };
            print_line(&inputs.scrubber.scrub(&text));
            i32::from(crate::findings::has_errors(&probe.findings))
        }
    }
}

/// `credwiz s3 inspect`: offline analysis of one request. Its output is
/// scrubbed of the request's own secrets and of every secret in the AWS
/// files and the environment: a path or query may carry one too.
fn s3_inspect(args: &crate::cli::S3InspectArgs) -> i32 {
    use crate::inputs::s3::S3Request;
    use crate::report::s3 as report;
    use crate::rules::s3::inspection::inspect;
    let env = EnvSnapshot::capture();
    let files = crate::inputs::files::AwsFiles::load(&env);
    let known = crate::inputs::gathered::known_secrets(&env, &files);
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
            eprint_message(&known.scrub(&format!("credwiz: {e}")));
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
    print_report(&known.scrub(&request.scrubber().scrub(&text)), colour);
    inspection.exit_code()
}
