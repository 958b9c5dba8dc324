//! The Python lens: botocore's `create_credential_resolver`, as boto3 and the
//! AWS CLI v1 run it (`botocore/credentials.py`, `configprovider.py`,
//! `configloader.py`).
//!
//! Order: env → assume-role → assume-role-with-web-identity → sso →
//! shared-credentials-file → login → custom-process → config-file →
//! ec2-credentials-file → boto-config → container-role → iam-role. The first
//! provider that returns credentials wins; any exception ends the chain.

use super::python_legacy::{legacy_and_remote, static_keys};
use super::{borrow_remote, masked, LensAnswer, LensInputs, Rule, SourceKind, Verdict};
use crate::inputs::environment::EnvSnapshot;
use crate::inputs::python_ini::{PyIni, PySection};
use crate::inputs::sdk_files::{PyFiles, PyFilesProblem};

/// What botocore would resolve.
pub fn resolve(inputs: &LensInputs<'_>) -> LensAnswer {
    let env = inputs.env;
    let (profile_variable, mut rules) = profile_variable(inputs);
    let profile = match profile_variable.as_deref() {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => "default".to_string(),
    };
    let with_rules =
        |answer: LensAnswer, rules: &[Rule]| rules.iter().fold(answer, |a, r| a.with_rule(*r));
    let files = match &inputs.files.python {
        Ok(files) => files,
        Err(PyFilesProblem::TooLarge) => return LensAnswer::new(Verdict::Unverified, &profile),
        Err(PyFilesProblem::Parse(message)) => {
            let answer = LensAnswer::failed(&profile, "ConfigParseError", message.clone());
            return with_rules(answer.with_rule(Rule::StrictParserRejects), &rules);
        }
        Err(PyFilesProblem::NotUtf8(message)) => {
            let answer = LensAnswer::failed(&profile, "ConfigParseError", message.clone());
            return with_rules(answer.with_rule(Rule::NotUtf8File), &rules);
        }
    };
    if let Some(name) = &profile_variable {
        if name != "default" && !files.profiles.contains_key(name) {
            let answer = LensAnswer::failed(
                &profile,
                "ProfileNotFound",
                format!("The config profile ({name}) could not be found"),
            );
            rules.push(Rule::MissingProfileStops);
            return with_rules(answer, &rules);
        }
    }
    if profile == "default" && later_default_section_wins(&files.config) {
        rules.push(Rule::LaterDefaultSectionWins);
    }
    let explicit = inputs.profile_flag.is_some();
    let answer = match env_provider(env, &profile, explicit) {
        Some(answer) => answer,
        None => {
            if explicit && env.get_nonblank("AWS_ACCESS_KEY_ID").is_some() {
                rules.push(Rule::ExplicitProfileDropsEnvKeys);
            }
            profile_chain(inputs, files, &profile, explicit)
        }
    };
    // botocore parsed the files aws-config rejected (an indented setting).
    if inputs.rust_files_rejected {
        rules.push(Rule::LenientParser);
    }
    with_rules(answer, &rules)
}

/// `AWS_DEFAULT_PROFILE`, then `AWS_PROFILE`; `--profile` before both.
fn profile_variable(inputs: &LensInputs<'_>) -> (Option<String>, Vec<Rule>) {
    if let Some(flag) = inputs.profile_flag {
        return (Some(flag.to_string()), Vec::new());
    }
    let env = inputs.env;
    match env.get("AWS_DEFAULT_PROFILE") {
        Some(value) => {
            let rust_profile = env
                .get_nonblank("AWS_PROFILE")
                .map(str::trim)
                .unwrap_or("default");
            let rules = if value != rust_profile {
                vec![Rule::DefaultProfileVariableFirst]
            } else {
                Vec::new()
            };
            (Some(value.to_string()), rules)
        }
        None => (env.get("AWS_PROFILE").map(str::to_string), Vec::new()),
    }
}

/// `EnvProvider`: only `AWS_ACCESS_KEY_ID` decides whether it applies.
fn env_provider(env: &EnvSnapshot, profile: &str, explicit: bool) -> Option<LensAnswer> {
    if explicit {
        return None;
    }
    let key = env.get("AWS_ACCESS_KEY_ID").filter(|k| !k.is_empty())?;
    if env.get("AWS_SECRET_ACCESS_KEY").is_none_or(str::is_empty) {
        return Some(
            LensAnswer::failed(
                profile,
                "PartialCredentialsError",
                "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
            )
            .with_provider("env", SourceKind::Environment)
            .with_rule(Rule::PartialEnvKeysRaise),
        );
    }
    let mut answer = LensAnswer::resolved(profile, "env", SourceKind::Environment, masked(key));
    answer.profile = None;
    if env.get("AWS_SECURITY_TOKEN").is_some_and(|t| !t.is_empty())
        && env.get("AWS_SECURITY_TOKEN") != env.get("AWS_SESSION_TOKEN")
    {
        answer = answer.with_rule(Rule::SecurityTokenWins);
    }
    if let Some(expiry) = env
        .get("AWS_CREDENTIAL_EXPIRATION")
        .filter(|e| !e.is_empty())
    {
        if is_past(expiry) {
            let mut failed = LensAnswer::failed(
                profile,
                "RuntimeError",
                "Credentials were refreshed, but the refreshed credentials are still expired.",
            )
            .with_provider("env", SourceKind::Environment)
            .with_rule(Rule::ExpiredEnvKeysRefused);
            failed.profile = None;
            return Some(failed);
        }
    }
    Some(answer)
}

fn is_past(timestamp: &str) -> bool {
    use aws_smithy_types::date_time::{DateTime, Format};
    DateTime::from_str(timestamp.trim(), Format::DateTime)
        .ok()
        .and_then(|t| std::time::SystemTime::try_from(t).ok())
        .is_some_and(|t| t < std::time::SystemTime::now())
}

/// Everything after the env provider, in botocore's order.
fn profile_chain(
    inputs: &LensInputs<'_>,
    files: &PyFiles,
    profile: &str,
    explicit: bool,
) -> LensAnswer {
    let env = inputs.env;
    let rust = inputs.rust;
    let data = files.profiles.get(profile).cloned().unwrap_or_default();
    if data.contains_key("role_arn") && !data.contains_key("web_identity_token_file") {
        return super::python_role::assume_role(inputs, &files.profiles, profile);
    }
    let env_value = |name: &str| (!explicit).then(|| env.get_nonblank(name)).flatten();
    let token_file = env_value("AWS_WEB_IDENTITY_TOKEN_FILE")
        .or(data.get("web_identity_token_file").map(String::as_str));
    if let Some(token_file) = token_file {
        let from_env = env_value("AWS_WEB_IDENTITY_TOKEN_FILE").is_some();
        let role = env_value("AWS_ROLE_ARN").or(data.get("role_arn").map(String::as_str));
        if role.is_none() {
            return LensAnswer::failed(
                profile,
                "InvalidConfigError",
                "web_identity_token_file is set but role_arn is not",
            );
        }
        let answer = web_identity(inputs, &data, profile, explicit, token_file);
        return if from_env && rust.source != Some(SourceKind::WebIdentity) {
            answer.with_rule(Rule::WebIdentityEnvFirst)
        } else {
            answer
        };
    }
    if data.contains_key("sso_role_name") || data.contains_key("sso_account_id") {
        return super::python_sso::sso(inputs, &files.sso_sessions, &data, profile);
    }
    let shadowed_rule = |answer: LensAnswer| {
        let shadows = [
            "credential_process",
            "sso_session",
            "sso_start_url",
            "login_session",
        ]
        .iter()
        .any(|k| data.contains_key(*k));
        if shadows && rust.source != Some(SourceKind::ProfileKeys) {
            answer.with_rule(Rule::StaticKeysFirst)
        } else {
            answer
        }
    };
    if let Some(section) = files.credentials.section(profile) {
        if let Some(answer) = static_keys(section, profile, "shared-credentials-file") {
            return shadowed_rule(answer);
        }
    }
    if data.contains_key("login_session") {
        return super::python_sso::login(profile);
    }
    if let Some(command) = data.get("credential_process") {
        return super::walked::python_process(inputs, profile, command).unwrap_or_else(|| {
            borrow_remote(rust, profile, "custom-process", SourceKind::Process)
        });
    }
    let config_profile = config_profile(&files.config, profile);
    if let Some(answer) = config_profile.and_then(|s| static_keys(&s, profile, "config-file")) {
        return answer;
    }
    legacy_and_remote(inputs, profile)
}

/// botocore's `AssumeRoleWithWebIdentityProvider` once it has a token file
/// and a role: the token is read before any call to STS (or a region
/// check), then the request is validated.
fn web_identity(
    inputs: &LensInputs<'_>,
    data: &PySection,
    profile: &str,
    explicit: bool,
    token_file: &str,
) -> LensAnswer {
    let provider = "assume-role-with-web-identity";
    if super::walked::token_file_missing(inputs, token_file) {
        return LensAnswer::failed(
            profile,
            "FileNotFoundError",
            format!("[Errno 2] No such file or directory: '{token_file}'"),
        )
        .with_provider(provider, SourceKind::WebIdentity);
    }
    // A set AWS_ROLE_SESSION_NAME wins even when empty (then a name is
    // generated); the profile's role_session_name otherwise.
    let session_name = match (!explicit).then(|| inputs.env.get("AWS_ROLE_SESSION_NAME")) {
        Some(Some(name)) => Some(name),
        _ => data.get("role_session_name").map(String::as_str),
    };
    super::python_role::short_session_name(profile, session_name, provider, SourceKind::WebIdentity)
        .unwrap_or_else(|| borrow_remote(inputs.rust, profile, provider, SourceKind::WebIdentity))
}

/// The config file's own section for a profile (without the credentials file).
fn config_profile(config: &PyIni, profile: &str) -> Option<PySection> {
    let mut found = None;
    for (header, values) in &config.sections {
        let parts: Vec<&str> = header.split_whitespace().collect();
        let name = match parts.as_slice() {
            ["default"] if header == "default" => Some("default"),
            [prefix, name] if prefix.starts_with("profile") => Some(name.trim_matches(['"', '\''])),
            _ => None,
        };
        if name == Some(profile) {
            found = Some(values.clone());
        }
    }
    found
}

/// True when the config file has `[default]` after `[profile default]` with
/// other values: botocore keeps the later section, aws-config and Node keep
/// `[profile default]`.
fn later_default_section_wins(config: &PyIni) -> bool {
    // Cheap first: most files have no `[default]` at all, and large ones
    // have thousands of other headers.
    let names_default = |header: &str| {
        header.starts_with("profile") && header.contains("default") && {
            let mut parts = header.split_whitespace();
            let (_, name, rest) = (parts.next(), parts.next(), parts.next());
            rest.is_none() && name.is_some_and(|n| n.trim_matches(['"', '\'']) == "default")
        }
    };
    let sections = &config.sections;
    let Some(plain) = sections.iter().rposition(|(h, _)| h == "default") else {
        return false;
    };
    if sections[plain + 1..].iter().any(|(h, _)| names_default(h)) {
        return false;
    }
    sections[..plain]
        .iter()
        .rev()
        .find(|(h, _)| names_default(h))
        .is_some_and(|(_, prefixed)| *prefixed != sections[plain].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::python_ini;

    fn wins(text: &str) -> bool {
        later_default_section_wins(&python_ini::parse(text).expect("parses"))
    }

    #[test]
    fn only_a_different_plain_default_after_profile_default_wins() {
        assert!(wins("[profile default]\na = 1\n[default]\na = 2\n"));
        assert!(!wins("[default]\na = 2\n[profile default]\na = 1\n"));
        assert!(!wins("[profile default]\na = 1\n[default]\na = 1\n"));
        assert!(!wins("[default]\na = 1\n[profile dev]\na = 2\n"));
        assert!(!wins(
            "[profile default]\na = 1\n[default]\na = 2\n[profile  default]\na = 3\n"
        ));
        assert!(wins("[profile \"default\"]\na = 1\n[default]\na = 2\n"));
    }
}
