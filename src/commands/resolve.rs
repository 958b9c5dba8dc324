//! `credwiz resolve`: the SDK's own chain, exactly as a program would run it.

use crate::cli::ResolveArgs;
use crate::diagnosis::Inputs;
use crate::inputs::environment::EnvSnapshot;
use crate::probes::chain::rfc3339;
use crate::probes::providers::provider_name;
use crate::text::mask::mask_key_id;
use crate::text::output::{eprint_line, print_line};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use std::time::Duration;

/// `credwiz resolve`: the SDK's default chain, untouched.
pub async fn resolve(args: &ResolveArgs) -> i32 {
    let inputs = Inputs::gather(EnvSnapshot::capture(), args.profile.as_deref());
    if let Some(why) = must_not_run(&inputs) {
        eprint_line(&why);
        return 1;
    }
    let bound = Duration::from_secs(args.timeout);
    let result = run_chain(args, &inputs, bound).await;
    let Some(result) = result else {
        let error = format!(
            "the SDK's default chain had not finished after {}; your program would still be waiting",
            crate::probes::bounds::human(bound)
        );
        if args.json {
            let value = serde_json::json!({
                "provider": null, "access_key_id": null, "expires_at": null, "error": error,
            });
            print_line(&serde_json::to_string_pretty(&value).unwrap_or_default());
        } else {
            print_line(&format!("The SDK's default chain failed: {error}"));
        }
        return 1;
    };
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
                // The SDK's error quotes file and environment values: one
                // line, so none of them can start a line of its own.
                "error": crate::text::sanitize::sanitize_line(&crate::text::mask::concise_error(
                    &inputs.scrubber.scrub_untrusted(&format!(
                        "{}",
                        aws_smithy_types::error::display::DisplayErrorContext(err)
                    )),
                )),
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

/// The SDK's default chain, or None when it had not finished within
/// `bound`. A chain that may run a credential_process or ask instance
/// metadata runs in a worker with a process group of its own (see
/// `isolated_slot`).
async fn run_chain(
    args: &ResolveArgs,
    inputs: &Inputs,
    bound: Duration,
) -> Option<Result<aws_credential_types::Credentials, CredentialsError>> {
    // A helper or an instance metadata answer could end, stop or crash it.
    let exposed = inputs.plan.runs_a_process() || crate::probes::isolated_slot::metadata_enabled();
    let isolated = crate::probes::isolated_slot::worker().filter(|_| exposed);
    if let Some(worker) = isolated {
        let mut request = crate::probes::isolated_answer::Request::from_options(
            &crate::probes::providers::ChainOptions {
                profile_override: args.profile.clone(),
                ..Default::default()
            },
        );
        request.task = crate::probes::isolated_answer::Task::WholeChain;
        return match crate::probes::isolated_slot::run(worker, &request, bound).await {
            Err(CredentialsError::ProviderTimedOut(t)) if t.timeout_duration() == bound => None,
            result => Some(result),
        };
    }
    let mut builder = aws_config::default_provider::credentials::DefaultCredentialsChain::builder();
    if let Some(profile) = &args.profile {
        builder = builder.profile_name(profile);
    }
    let chain = async { builder.build().await.provide_credentials().await };
    tokio::time::timeout(bound, chain).await.ok()
}

/// Why the SDK's chain must not run here, if it must not: it would block on
/// a file, rewrite a login cache under ~/.aws, or panic signing a bad key.
fn must_not_run(inputs: &Inputs) -> Option<String> {
    // The SDK's chain would wait forever on such a file; say so instead.
    let plan_hazard = crate::inputs::hazards::profile_source(&inputs.env, &inputs.plan);
    if let Some(hang) = crate::inputs::hazards::shared_files(&inputs.files)
        .or(plan_hazard)
        .or_else(|| crate::inputs::hazards::web_identity_env(&inputs.env))
    {
        return Some(format!("credwiz: {}", hang.describe()));
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
                false,
            )
        })
        .flatten()
    {
        return Some(format!(
            "credwiz: {why}; `credwiz check --profile {}` shows the fix",
            crate::text::shell::quote(&inputs.plan.profile)
        ));
    }
    None
}
