//! botocore's `AssumeRoleProvider`: checks the role configuration and
//! resolves the source credentials eagerly, defers the STS call, and needs a
//! region (`AWS_DEFAULT_REGION` or the profile's `region`) for its STS client.

use super::{borrow_remote, LensAnswer, LensInputs, Rule, SourceKind};
use crate::inputs::python_ini::PySection;
use std::collections::BTreeMap;

const SOURCES: [&str; 3] = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];

/// The answer for a profile with `role_arn` (and no web identity token file).
pub(crate) fn assume_role(
    inputs: &LensInputs<'_>,
    profiles: &BTreeMap<String, PySection>,
    profile: &str,
) -> LensAnswer {
    let mut visited = vec![profile.to_string()];
    if let Err(answer) = check_role(inputs, profiles, profile, &mut visited) {
        return *answer;
    }
    let data = profiles.get(profile).cloned().unwrap_or_default();
    let region = inputs
        .env
        .get("AWS_DEFAULT_REGION")
        .filter(|r| !r.is_empty())
        .or(data.get("region").map(String::as_str));
    if region.is_none() {
        let answer = LensAnswer::failed(profile, "NoRegionError", "You must specify a region.")
            .with_provider("assume-role", SourceKind::AssumeRole);
        return if inputs.env.get_nonblank("AWS_REGION").is_some() || inputs.rust.works() {
            answer.with_rule(Rule::RegionVariable)
        } else {
            answer
        };
    }
    let session_name = data.get("role_session_name").map(String::as_str);
    if let Some(answer) =
        short_session_name(profile, session_name, "assume-role", SourceKind::AssumeRole)
    {
        return answer;
    }
    // botocore prompts for the code before its AssumeRole call, which then
    // differs from aws-config's (no code): no answer of Rust's carries over.
    if data
        .get("mfa_serial")
        .is_some_and(|serial| !serial.trim().is_empty())
    {
        return LensAnswer::new(super::Verdict::Unverified, profile)
            .with_provider("assume-role", SourceKind::AssumeRole)
            .with_rule(Rule::MfaPrompt);
    }
    super::role_refused::python(inputs, profile).unwrap_or_else(|| {
        borrow_remote(inputs.rust, profile, "assume-role", SourceKind::AssumeRole)
    })
}

/// botocore validates the request before it calls STS: a `RoleSessionName`
/// of one character (STS's minimum is 2) raises `ParamValidationError`,
/// where aws-config and Node send it and STS refuses it. An empty name is
/// replaced by a generated one.
pub(crate) fn short_session_name(
    profile: &str,
    name: Option<&str>,
    provider: &str,
    kind: SourceKind,
) -> Option<LensAnswer> {
    let length = name?.chars().count();
    (length == 1).then(|| {
        LensAnswer::failed(
            profile,
            "ParamValidationError",
            format!("Parameter validation failed: Invalid length for parameter RoleSessionName, value: {length}, valid min length: 2"),
        )
        .with_provider(provider, kind)
        .with_rule(Rule::ShortRoleSessionName)
    })
}

fn fail(profile: &str, kind: &str, message: String) -> Box<LensAnswer> {
    Box::new(
        LensAnswer::failed(profile, kind, message)
            .with_provider("assume-role", SourceKind::AssumeRole),
    )
}

/// `_get_role_config` and `_resolve_source_credentials`, recursively.
fn check_role(
    inputs: &LensInputs<'_>,
    profiles: &BTreeMap<String, PySection>,
    name: &str,
    visited: &mut Vec<String>,
) -> Result<(), Box<LensAnswer>> {
    let data = profiles.get(name).cloned().unwrap_or_default();
    let source_profile = data.get("source_profile");
    let credential_source = data.get("credential_source");
    match (source_profile, credential_source) {
        (Some(_), Some(_)) => Err(fail(
            name,
            "InvalidConfigError",
            format!("The profile \"{name}\" contains both source_profile and credential_source."),
        )),
        (None, None) => Err(fail(
            name,
            "PartialCredentialsError",
            "Partial credentials found in assume-role, missing: source_profile or credential_source".into(),
        )),
        (None, Some(source)) => named_source(inputs, name, source),
        (Some(source), None) => {
            let Some(source_data) = profiles.get(source) else {
                return Err(fail(
                    name,
                    "InvalidConfigError",
                    format!("The source_profile \"{source}\" referenced in the profile \"{name}\" does not exist."),
                ));
            };
            let has_static = source_data.contains_key("aws_access_key_id")
                || source_data.contains_key("aws_secret_access_key");
            if visited.contains(source) && (source != name || !has_static) {
                return Err(fail(
                    name,
                    "InfiniteLoopConfigError",
                    format!("Infinite loop in credential configuration detected at source profile {source}"),
                ));
            }
            visited.push(source.clone());
            let assumes = source_data.contains_key("role_arn")
                && !source_data.contains_key("web_identity_token_file");
            if has_static || !assumes {
                let other = ["credential_process", "sso_session", "sso_start_url", "login_session", "web_identity_token_file"]
                    .iter()
                    .any(|k| source_data.contains_key(*k));
                if has_static && !source_data.contains_key("aws_access_key_id") {
                    return Err(fail(
                        name,
                        "PartialCredentialsError",
                        "Partial credentials found in shared-credentials-file, missing: aws_access_key_id".into(),
                    ));
                }
                // The source's own chain (web identity, SSO, static keys,
                // login, process) runs eagerly, before the STS client needs
                // a region: a console login fails there without
                // botocore[crt].
                let earlier = ["web_identity_token_file", "sso_session", "sso_start_url"]
                    .iter()
                    .any(|k| source_data.contains_key(*k));
                if !has_static && !earlier && source_data.contains_key("login_session") {
                    return Err(Box::new(super::python_sso::login(name)));
                }
                if !has_static && !other {
                    return Err(fail(
                        name,
                        "InvalidConfigError",
                        format!("The source profile \"{source}\" must have credentials."),
                    ));
                }
                return Ok(());
            }
            check_role(inputs, profiles, source, visited)
        }
    }
}

/// `credential_source`: the name must match exactly; the source is asked at once.
fn named_source(inputs: &LensInputs<'_>, name: &str, source: &str) -> Result<(), Box<LensAnswer>> {
    if !SOURCES.contains(&source) {
        let answer = fail(
            name,
            "InvalidConfigError",
            format!(
                "The credential source \"{source}\" referenced in profile \"{name}\" is not valid."
            ),
        );
        let case_only = SOURCES.iter().any(|s| s.eq_ignore_ascii_case(source));
        return Err(if case_only {
            Box::new(answer.with_rule(Rule::CredentialSourceCase))
        } else {
            answer
        });
    }
    let env = inputs.env;
    let found = match source {
        "Environment" => {
            if env.get("AWS_ACCESS_KEY_ID").is_some_and(|k| !k.is_empty())
                && env.get("AWS_SECRET_ACCESS_KEY").is_none_or(str::is_empty)
            {
                return Err(fail(
                    name,
                    "PartialCredentialsError",
                    "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY".into(),
                ));
            }
            env.get("AWS_ACCESS_KEY_ID").is_some_and(|k| !k.is_empty())
        }
        "EcsContainer" => [
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ]
        .iter()
        .any(|v| env.get(v).is_some_and(|x| !x.is_empty())),
        _ => !env
            .get("AWS_EC2_METADATA_DISABLED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true")),
    };
    if found {
        Ok(())
    } else {
        Err(fail(
            name,
            "CredentialRetrievalError",
            format!("Error when retrieving credentials from {source}: No credentials found in credential_source referenced in profile {name}"),
        ))
    }
}
