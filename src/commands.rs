//! What each subcommand does, between parsed arguments and printed output.

use crate::aws::chain::{provider_name, rfc3339};
use crate::aws::environment::EnvSnapshot;
use crate::aws::mask::mask_key_id;
use crate::cli::{CheckArgs, ResolveArgs};
use crate::diagnosis::{diagnose, DiagnoseRequest, Inputs};
use crate::report::{human, json, markdown, style};
use aws_credential_types::provider::ProvideCredentials;
use std::time::Duration;

/// `credwiz check`: prints the report, returns the exit code.
pub async fn check(args: &CheckArgs) -> i32 {
    let env = EnvSnapshot::capture();
    let inputs = Inputs::gather(env, args.selection.profile.as_deref());
    let request = DiagnoseRequest {
        profile: args.selection.profile.clone(),
        region: args.selection.region.clone(),
        offline: args.offline,
        expect_account: args.expect_account.clone(),
        error_text: args.error_text.as_deref().map(|t| {
            crate::aws::mask::redact_secret_shaped(&inputs.scrubber.scrub(t)).into_owned()
        }),
        sdk_timeouts: args.sdk_timeouts,
        process_timeout: Some(Duration::from_secs(args.process_timeout)),
    };
    let diagnosis = diagnose(&request, &inputs).await;
    let text = if args.format.json {
        json::render(&diagnosis)
    } else if args.format.markdown {
        markdown::render(&diagnosis)
    } else {
        let painter = style::Painter {
            enabled: style::colour_enabled(),
        };
        let mut text = human::render(&diagnosis, painter, args.verbose);
        if args.verbose {
            text.push_str(&aws_variables(&inputs.env));
        }
        text
    };
    // One more pass: whatever the renderer added must not carry a secret either.
    println!("{}", inputs.scrubber.scrub(&text));
    diagnosis.exit_code()
}

/// The AWS_* variables with every value that could be secret hidden.
fn aws_variables(env: &EnvSnapshot) -> String {
    let mut out = String::from("\nAWS variables in this environment\n");
    for (name, value) in env.aws_variables() {
        let shown = match name {
            "AWS_ACCESS_KEY_ID" => mask_key_id(value.trim()),
            n if n.contains("SECRET") || n.contains("TOKEN") || n.contains("PASSWORD") => {
                crate::aws::mask::describe_secret(value)
            }
            _ => value.to_string(),
        };
        out.push_str(&format!("  {name}={shown}\n"));
    }
    out
}

/// `credwiz resolve`: the SDK's default chain, untouched.
pub async fn resolve(args: &ResolveArgs) -> i32 {
    let mut builder = aws_config::default_provider::credentials::DefaultCredentialsChain::builder();
    if let Some(profile) = &args.profile {
        builder = builder.profile_name(profile);
    }
    let chain = builder.build().await;
    let result = chain.provide_credentials().await;
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.profile.as_deref());
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
                "error": crate::aws::mask::concise_error(&inputs.scrubber.scrub(&format!(
                    "{}",
                    aws_smithy_types::error::display::DisplayErrorContext(err)
                ))),
            }),
            1,
        ),
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        match result {
            Ok(_) => println!(
                "The SDK's default chain resolved {} via {}",
                value["access_key_id"].as_str().unwrap_or("?"),
                value["provider"].as_str().unwrap_or("?")
            ),
            Err(_) => println!(
                "The SDK's default chain failed: {}",
                value["error"].as_str().unwrap_or("?")
            ),
        }
    }
    code
}
