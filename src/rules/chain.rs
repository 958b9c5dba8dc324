//! Findings that follow from how the chain walk ended.

use crate::findings::{Finding, FindingId};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::files::{display_path, AwsFile, AwsFiles, FileState};
use crate::inputs::platform::Platform;
use crate::inputs::profile_plan::{BaseSource, ProfilePlan};
use crate::inputs::profile_selection::{ProfileSelection, ProfileSource};
use crate::probes::chain::{ChainInspection, Slot};
use crate::rules::imds as imds_findings;
use crate::rules::process;
use std::path::Path;
use std::time::SystemTime;

/// Every finding about the chain's outcome.
pub fn findings(
    inspection: &ChainInspection,
    plan: &ProfilePlan,
    selection: &ProfileSelection,
    env: &EnvSnapshot,
    files: &AwsFiles,
    now: SystemTime,
    platform: &Platform,
) -> Vec<Finding> {
    let mut found = Vec::new();
    if let (Some(outcome), Some(BaseSource::CredentialProcess { at, .. })) =
        (&inspection.process, &plan.base)
    {
        found.extend(process::findings(outcome, &plan.profile, &at.to_string()));
    }
    web_identity_token_file(env, plan, &mut found);
    if let Some((slot, text)) = &inspection.failure {
        failure(*slot, text, inspection, plan, files, &mut found);
    }
    found.extend(imds_findings::findings(inspection, platform));
    // Offline, an empty chain whose only untried slot is instance metadata is
    // "no credentials" unless this is known to be an EC2 instance.
    let offline_empty = inspection.unverified == Some(Slot::Imds) && !platform.is_ec2();
    if inspection.resolved.is_none()
        && inspection.failure.is_none()
        && (inspection.unverified.is_none() || offline_empty)
    {
        found.push(no_credentials(selection, env, files, offline_empty));
    }
    if let Some(cache) = &inspection.sso_refresh {
        found.push(Finding::new(
            FindingId::SsoRefreshNeeded,
            format!(
                "your program would refresh the SSO token of profile '{}' now",
                plan.profile
            ),
            inspection.slot(Slot::Profile).detail(),
            format!(
                "credwiz check --allow-refresh   # lets the SDK refresh {} as your program would; or log in again: aws sso login --profile {}",
                display_path(cache),
                crate::text::shell::quote(&plan.profile)
            ),
        ));
    } else if let Some(slot) = inspection.unverified.filter(|_| !offline_empty) {
        found.push(Finding::new(
            FindingId::ChainOfflineUnverified,
            format!(
                "the {} slot needs the network or a program, skipped under --offline",
                slot.label()
            ),
            inspection.slot(slot).detail(),
            "credwiz check   # without --offline, to let it resolve",
        ));
    }
    if let Some(credentials) = &inspection.credentials {
        if credentials.expiry().is_some_and(|at| at <= now) {
            let resolved = inspection.resolved.as_ref();
            found.push(Finding::new(
                FindingId::CredsExpired,
                "the resolved credentials have expired",
                format!(
                    "{} from {} expired at {}",
                    resolved.map(|r| r.access_key_id.as_str()).unwrap_or("?"),
                    resolved.map(|r| r.source.as_str()).unwrap_or("?"),
                    resolved.and_then(|r| r.expires_at.as_deref()).unwrap_or("?")
                ),
                "get fresh credentials from where these came from (aws sso login, the credential helper, or a new aws sts get-session-token)",
            ));
        }
    }
    found
}

fn no_credentials(
    selection: &ProfileSelection,
    env: &EnvSnapshot,
    files: &AwsFiles,
    offline_empty: bool,
) -> Finding {
    let nothing_on_disk = !files.config.is_read() && !files.credentials.is_read();
    // AWS_DEFAULT_PROFILE naming a profile that exists, while aws-config reads
    // [default]: the variable is the cause, and AWS_PROFILE the fix.
    let default_variable = env
        .get_nonblank("AWS_DEFAULT_PROFILE")
        .map(str::trim)
        .filter(|name| selection.source == ProfileSource::Default && files.profile(name).is_some());
    let fix = if let Some(name) = default_variable {
        format!(
            "export AWS_PROFILE={}   # aws-config (Rust) and the Node.js SDK read AWS_PROFILE; AWS_DEFAULT_PROFILE={} is only read by botocore and the AWS CLI",
            crate::text::shell::quote(name),
            crate::text::shell::quote(name)
        )
    } else if let Some(broken) = unreadable(files) {
        format!(
            "ls -l {}   # the SDK cannot read this file: repair it first (the files.* finding above says how); aws configure would fail on it too",
            crate::text::shell::quote_path(&display_path(&broken.path))
        )
    } else if nothing_on_disk {
        "aws configure   # writes ~/.aws/credentials; or export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=...; on EC2/ECS/Lambda attach an IAM role".to_string()
    } else {
        format!("aws configure --profile {}   # or select a profile that has credentials: export AWS_PROFILE=<name>", crate::text::shell::quote(&selection.name))
    };
    // `export AWS_PROFILE=<name>` is the one arm that is a change of environment.
    let env_change = default_variable
        .map(|name| vec![crate::findings::EnvEdit::set("AWS_PROFILE", name)])
        .unwrap_or_default();
    Finding::new(
        FindingId::ChainNoCredentials,
        "no credentials: every slot of the default chain came up empty (\"Unable to locate credentials\")",
        format!(
            "profile '{}' ({}); config {}; credentials {}{}",
            selection.name,
            selection.source,
            file_presence(&files.config),
            file_presence(&files.credentials),
            if offline_empty {
                "; offline, instance metadata was not asked, and nothing here shows an EC2 instance"
            } else {
                ""
            }
        ) + &default_variable
            .map(|name| format!("; AWS_DEFAULT_PROFILE={name} is set, but aws-config reads only AWS_PROFILE, so it looked in [{}]", selection.name))
            .unwrap_or_default(),
        fix,
    )
    .with_env_change(env_change)
}

fn file_presence(file: &AwsFile) -> String {
    let state = match file.state {
        FileState::Read => "present",
        FileState::Unreadable(_) => "unreadable",
        FileState::Absent | FileState::MissingOverride => "absent",
    };
    format!("{} {state}", display_path(&file.path))
}

/// The first AWS file that is there but could not be read.
fn unreadable(files: &AwsFiles) -> Option<&AwsFile> {
    [&files.config, &files.credentials]
        .into_iter()
        .find(|file| matches!(file.state, FileState::Unreadable(_)))
}

fn failure(
    slot: Slot,
    text: &str,
    inspection: &ChainInspection,
    plan: &ProfilePlan,
    files: &AwsFiles,
    found: &mut Vec<Finding>,
) {
    // A failing credential_process and a missing SSO login have findings of their own.
    if slot == Slot::Profile && inspection.process.is_some() {
        return;
    }
    if slot == Slot::Profile && matches!(plan.base, Some(BaseSource::Sso { .. })) && found_sso(text)
    {
        return;
    }
    // A console login's cache has findings of its own (login.*).
    if slot == Slot::Profile
        && plan.hops.is_empty()
        && matches!(plan.base, Some(BaseSource::LoginSession { .. }))
    {
        return;
    }
    match slot {
        Slot::Container => {
            let auth = text.contains("401")
                || text.contains("403")
                || text.to_ascii_lowercase().contains("auth");
            found.push(Finding::new(
                if auth { FindingId::ContainerAuthTokenMissing } else { FindingId::ContainerEndpointUnreachable },
                if auth {
                    "the container credentials endpoint refused the request: its authorization token is missing or wrong"
                } else {
                    "the container credentials endpoint is configured but does not answer"
                },
                text.to_string(),
                if auth {
                    "set AWS_CONTAINER_AUTHORIZATION_TOKEN or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS Pod Identity sets it for you)"
                } else {
                    "check AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI; outside ECS/EKS unset them: unset AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
                },
            ));
        }
        Slot::Profile if inspection.role_refusal.is_some() => {
            if let Some(refusal) = &inspection.role_refusal {
                found.push(crate::rules::assume_role::refused(refusal, plan, text));
            }
        }
        Slot::Profile if text.contains("signing region") => {
            found.push(Finding::new(
                FindingId::ChainProviderFailed,
                format!("profile '{}' assumes a role but no region is set, so the SDK cannot sign the STS call", plan.profile),
                text.to_string(),
                format!("aws configure set region <region> --profile {}   # or: export AWS_REGION=<region>", crate::text::shell::quote(&plan.profile)),
            ));
        }
        Slot::Profile => {
            let parse = files.has_parse_errors();
            found.push(Finding::new(
                FindingId::ChainProviderFailed,
                if parse {
                    "the profile provider failed because a file does not parse, which stops the chain".to_string()
                } else {
                    format!("the profile provider failed for '{}', which stops the chain", plan.profile)
                },
                text.to_string(),
                if parse {
                    "fix the parse errors listed above; the SDK rejects the whole file".to_string()
                } else {
                    format!("aws sts get-caller-identity --profile {}   # shows the same error from the CLI", crate::text::shell::quote(&plan.profile))
                },
            ));
        }
        _ => found.push(Finding::new(
            FindingId::ChainProviderFailed,
            format!("the {} slot failed, which stops the chain", slot.label()),
            text.to_string(),
            "fix the error above; later slots are never tried while this one fails",
        )),
    }
}

/// True when the text is the SSO provider complaining about its token cache.
fn found_sso(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("token") || lower.contains("sso")
}

fn web_identity_token_file(env: &EnvSnapshot, plan: &ProfilePlan, found: &mut Vec<Finding>) {
    let (file, origin) = match (&plan.base, env.get_nonblank("AWS_WEB_IDENTITY_TOKEN_FILE")) {
        (Some(BaseSource::WebIdentity { token_file, at }), _) => {
            (token_file.clone(), at.to_string())
        }
        (_, Some(file)) => (file.to_string(), "AWS_WEB_IDENTITY_TOKEN_FILE".to_string()),
        _ => return,
    };
    if !Path::new(&file).exists() {
        found.push(Finding::new(
            FindingId::WebIdentityTokenFileMissing,
            "the web identity token file does not exist",
            format!("{origin} = {file}"),
            "on EKS check the service account's IRSA annotation and that the pod mounts the token; elsewhere unset AWS_WEB_IDENTITY_TOKEN_FILE",
        ));
    }
}
