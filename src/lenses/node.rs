//! The Node.js lens: `fromNodeProviderChain` / `defaultProvider` of the AWS
//! SDK for JavaScript v3 (`@aws-sdk/credential-provider-node`, `-ini`, `-env`,
//! `@smithy/core/config`).
//!
//! Order: fromEnv (skipped whenever a profile is set) → fromSSO (skipped
//! without SSO options) → fromIni → fromProcess → fromTokenFile → remote
//! (container endpoint, else IMDS unless `AWS_EC2_METADATA_DISABLED` is set to
//! anything but `false`). An error passes to the next provider unless it says
//! otherwise (`tryNextLink: false`).

use super::{borrow_remote, masked, LensAnswer, LensInputs, Rule, SourceKind, Verdict};
use crate::inputs::node_ini::{NodeIni, NodeProfile};
use crate::inputs::sdk_files::NodeFiles;

/// A provider's result: credentials (or a remote answer), or an error that
/// either passes to the next provider or stops the chain.
enum Step {
    Done(LensAnswer),
    Next,
}

/// What the Node.js SDK would resolve.
pub fn resolve(inputs: &LensInputs<'_>) -> LensAnswer {
    let env = inputs.env;
    let profile_set = inputs
        .profile_flag
        .filter(|p| !p.is_empty())
        .or(env.get("AWS_PROFILE").filter(|p| !p.is_empty()));
    let profile = profile_set.unwrap_or("default").to_string();
    let mut rules = Vec::new();
    let key = env.get("AWS_ACCESS_KEY_ID").filter(|k| !k.is_empty());
    let secret = env.get("AWS_SECRET_ACCESS_KEY").filter(|k| !k.is_empty());
    if let (Some(key), Some(_)) = (key, secret) {
        if profile_set.is_none() {
            let mut answer =
                LensAnswer::resolved(&profile, "fromEnv", SourceKind::Environment, masked(key));
            answer.profile = None;
            return answer;
        }
        if inputs.rust.source == Some(SourceKind::Environment) {
            rules.push(Rule::ProfileSkipsEnvKeys);
        }
    }
    let Some(NodeFiles {
        profiles, blocking, ..
    }) = &inputs.files.node
    else {
        return LensAnswer::new(Verdict::Unverified, &profile);
    };
    // fromSSO, the first provider after fromEnv, reads both files.
    if let Some((path, problem)) = blocking {
        return LensAnswer::failed(
            &profile,
            super::blocked::WOULD_BLOCK,
            format!(
                "would wait forever reading {}: {problem}",
                crate::inputs::files::display_path(path)
            ),
        )
        .with_provider("fromSSO", SourceKind::Sso);
    }
    let empty_variable = ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"]
        .iter()
        .any(|name| env.get(name) == Some(""));
    if empty_variable {
        rules.push(Rule::EmptyFileVariable);
    }
    if profiles
        .get(&profile)
        .is_some_and(profile_has_lowercase_mismatch)
    {
        rules.push(Rule::CaseSensitiveKeys);
    }
    if inputs.rust_files_rejected {
        rules.push(Rule::LenientParser);
    }
    if profiles
        .get(&profile)
        .is_some_and(|data| passes_over_container_source(inputs, data))
    {
        rules.push(Rule::ContainerSourcePassedOver);
    }
    if profiles.get(&profile).is_some_and(|data| {
        !is_static(data)
            && data
                .get("credential_process")
                .is_some_and(|command| super::walked::process_expired(inputs, command))
    }) {
        rules.push(Rule::ExpiredProcessCredentials);
    }
    let answer = match resolve_profile(inputs, profiles, &profile, &mut Vec::new(), false) {
        Step::Done(answer) => answer,
        Step::Next => after_ini(inputs, &profile),
    };
    rules.into_iter().fold(answer, LensAnswer::with_rule)
}

fn has(data: &NodeProfile, key: &str) -> bool {
    data.contains_key(key)
}

fn is_static(data: &NodeProfile) -> bool {
    has(data, "aws_access_key_id") && has(data, "aws_secret_access_key")
}

fn is_assume_role(data: &NodeProfile) -> bool {
    has(data, "role_arn") && (has(data, "source_profile") != has(data, "credential_source"))
}

/// `resolveProfileData`.
fn resolve_profile(
    inputs: &LensInputs<'_>,
    profiles: &NodeIni,
    name: &str,
    visited: &mut Vec<String>,
    recursive_role: bool,
) -> Step {
    let empty = NodeProfile::new();
    let data = profiles.get(name).unwrap_or(&empty);
    let rust = inputs.rust;
    if !visited.is_empty() && is_static(data) {
        return Step::Done(static_answer(data, name));
    }
    if recursive_role || is_assume_role(data) {
        return assume_role(inputs, profiles, name, data, visited);
    }
    if is_static(data) {
        let answer = static_answer(data, name);
        let shadows = [
            "credential_process",
            "sso_session",
            "sso_start_url",
            "login_session",
            "web_identity_token_file",
        ]
        .iter()
        .any(|k| has(data, k));
        return Step::Done(if shadows && rust.source != Some(SourceKind::ProfileKeys) {
            answer.with_rule(Rule::StaticKeysFirst)
        } else {
            answer
        });
    }
    if let (Some(token_file), true) = (data.get("web_identity_token_file"), has(data, "role_arn")) {
        return Step::Done(token_file_answer(inputs, name, token_file));
    }
    if let Some(command) = data.get("credential_process") {
        // A failing helper's CredentialsProviderError passes on: fromProcess
        // runs it again and fails alike, then the chain goes on.
        if super::walked::node_process_fails(inputs, command) {
            return Step::Next;
        }
        return Step::Done(borrow_remote(
            rust,
            name,
            "fromProcess",
            SourceKind::Process,
        ));
    }
    if super::node_sso::is_sso_profile(data) {
        return Step::Done(super::node_sso::sso(inputs, data, name));
    }
    if has(data, "login_session") {
        return Step::Done(super::node_sso::login(inputs, data, name));
    }
    Step::Next
}

/// Keys written in another case (`AWS_ACCESS_KEY_ID = ...`), which Node does not read.
fn profile_has_lowercase_mismatch(data: &NodeProfile) -> bool {
    data.keys()
        .any(|k| k != &k.to_ascii_lowercase() && k.to_ascii_lowercase().starts_with("aws_"))
}

fn static_answer(data: &NodeProfile, name: &str) -> LensAnswer {
    let key = data
        .get("aws_access_key_id")
        .map(String::as_str)
        .unwrap_or_default();
    LensAnswer::resolved(name, "fromIni", SourceKind::ProfileKeys, masked(key))
}

/// `resolveAssumeRoleCredentials`: the source first, then STS.
fn assume_role(
    inputs: &LensInputs<'_>,
    profiles: &NodeIni,
    name: &str,
    data: &NodeProfile,
    visited: &mut Vec<String>,
) -> Step {
    if let Some(source) = data.get("source_profile") {
        if visited.contains(source) {
            return Step::Next;
        }
        visited.push(source.clone());
        let source_data = profiles.get(source).cloned().unwrap_or_default();
        let recursive = !has(&source_data, "role_arn") && has(&source_data, "credential_source");
        match resolve_profile(inputs, profiles, source, visited, recursive) {
            Step::Next => return Step::Next,
            Step::Done(answer) if !answer.works() => return Step::Done(answer),
            Step::Done(_) => {}
        }
    } else if let Some(source) = data.get("credential_source") {
        if !["EcsContainer", "Ec2InstanceMetadata", "Environment"].contains(&source.as_str()) {
            return Step::Next;
        }
        // `fromInstanceMetadata` as a credential source never reads
        // AWS_EC2_METADATA_DISABLED (only the chain's last provider does).
        if source == "Ec2InstanceMetadata" && metadata_disabled(inputs) {
            let answer = borrow_remote(inputs.rust, name, "fromIni", SourceKind::AssumeRole);
            return Step::Done(answer.with_rule(Rule::Ec2SourceIgnoresMetadataDisabled));
        }
        if passes_over_container_source(inputs, data) {
            return Step::Next;
        }
        if source == "Environment" {
            let env = inputs.env;
            let ok = env.get("AWS_ACCESS_KEY_ID").is_some_and(|k| !k.is_empty())
                && env
                    .get("AWS_SECRET_ACCESS_KEY")
                    .is_some_and(|k| !k.is_empty());
            if !ok {
                return Step::Next;
            }
        }
    }
    if !has(data, "role_arn") {
        return Step::Done(borrow_remote(
            inputs.rust,
            name,
            "fromIni",
            SourceKind::AssumeRole,
        ));
    }
    if has(data, "mfa_serial") {
        return Step::Done(LensAnswer::failed(
            name,
            "CredentialsProviderError",
            format!("Profile {name} requires multi-factor authentication, but no MFA code callback was provided."),
        ).with_rule(Rule::MfaPrompt));
    }
    Step::Done(
        super::role_refused::node(inputs, name)
            .unwrap_or_else(|| borrow_remote(inputs.rust, name, "fromIni", SourceKind::AssumeRole)),
    )
}

/// fromProcess, fromTokenFile and the remote providers.
fn after_ini(inputs: &LensInputs<'_>, profile: &str) -> LensAnswer {
    let env = inputs.env;
    let set = |name: &str| env.get(name).is_some_and(|v| !v.is_empty());
    if let (Some(token_file), true) = (
        env.get("AWS_WEB_IDENTITY_TOKEN_FILE")
            .filter(|v| !v.is_empty()),
        set("AWS_ROLE_ARN"),
    ) {
        return token_file_answer(inputs, profile, token_file);
    }
    if set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || set("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
        return super::remote_metadata::node(inputs, profile);
    }
    if !metadata_disabled(inputs) {
        return super::remote_metadata::node_imds(inputs, profile);
    }
    LensAnswer {
        error: Some(super::LensError {
            kind: "CredentialsProviderError".into(),
            message: "Could not load credentials from any providers".into(),
        }),
        ..LensAnswer::new(Verdict::None, profile)
    }
}

/// `fromTokenFile`: the token is read before any call to STS, and a
/// missing file's plain `Error` stops the chain.
fn token_file_answer(inputs: &LensInputs<'_>, profile: &str, token_file: &str) -> LensAnswer {
    if super::walked::token_file_missing(inputs, token_file) {
        return LensAnswer::failed(
            profile,
            "Error",
            format!("ENOENT: no such file or directory, open '{token_file}'"),
        )
        .with_provider("fromTokenFile", SourceKind::WebIdentity);
    }
    borrow_remote(
        inputs.rust,
        profile,
        "fromTokenFile",
        SourceKind::WebIdentity,
    )
}

/// `AWS_EC2_METADATA_DISABLED` set to anything but `false`, as the chain's
/// remote provider reads it.
fn metadata_disabled(inputs: &LensInputs<'_>) -> bool {
    inputs
        .env
        .get("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| !v.is_empty() && v != "false")
}

/// `credential_source = EcsContainer` without the container variables:
/// `fromContainerMetadata` throws an error the chain passes over, like
/// missing environment keys.
fn passes_over_container_source(inputs: &LensInputs<'_>, data: &NodeProfile) -> bool {
    let container_set = [
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]
    .iter()
    .any(|v| inputs.env.get_nonblank(v).is_some());
    is_assume_role(data)
        && data.get("credential_source").map(String::as_str) == Some("EcsContainer")
        && !container_set
}
